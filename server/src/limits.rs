//! The server's size and time limits, named once. Board-content limits (text lengths, notes per
//! board) are in `talkoot_shared::limits`. docs/protocol.md lists them for clients.

/// Largest WebSocket message or frame a client may send; larger ones are closed with 1009.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// tungstenite's read buffer per connection, allocated up front: client frames are ops of a few
/// hundred bytes, and at 20,000 idle connections every KiB here is ~20 MiB (docs/performance.md).
pub const READ_BUFFER_BYTES: usize = 4 * 1024;
/// Outgoing bytes tungstenite gathers before writing to the socket; a flush writes sooner.
pub const WRITE_BUFFER_BYTES: usize = 8 * 1024;
/// Hard cap on one connection's unsent bytes. It must hold the largest single frame we send,
/// a `welcome` snapshot of a full board (5,000 notes of up to 1,000 characters).
pub const MAX_WRITE_BUFFER_BYTES: usize = 32 * 1024 * 1024;
/// Largest HTTP request body.
pub const MAX_HTTP_BODY_BYTES: usize = 64 * 1024;
/// Messages waiting for one member. A member that falls this far behind is disconnected
/// (close 4001) and resumes with `last_seq`, so one slow phone never slows a room.
pub const OUTBOX_CAPACITY: usize = 256;
/// Recent `applied` messages a room keeps in memory for resuming clients. A client further
/// behind gets a snapshot instead. Kept below `OUTBOX_CAPACITY` so a catch-up always fits.
pub const RESUME_WINDOW: usize = 128;
/// Commands queued for one room; senders wait when it is full (backpressure on readers).
pub const ROOM_QUEUE: usize = 1024;
/// Most commands a room takes per group commit.
pub const MAX_BATCH: usize = 256;
/// A room writes a snapshot after this many ops, so loading replays at most this many.
pub const SNAPSHOT_EVERY: u64 = 500;
/// Frames written to a socket before one flush, when several are waiting.
pub const MAX_FRAMES_PER_FLUSH: usize = 64;
/// Ops refused for rate (`rejected{rate_limited}`) before a connection counts as flooding and
/// is closed with 4429. Forgiven once the client lets its op budget refill completely.
pub const FLOOD_REFUSALS: u32 = 100;
/// The slowest client we keep: a write may take the write timeout plus one second per this
/// many bytes, so a full board's `welcome` to a phone on poor wifi is not taken for a stall.
pub const MIN_WRITE_BYTES_PER_SEC: usize = 64 * 1024;
/// How long a session waits for the client's answer to its close frame before dropping the
/// socket.
pub const CLOSE_HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);
/// How long shutdown waits for rooms to commit and snapshot, and for sessions to say goodbye.
/// Below Docker's default 10 s between SIGTERM and SIGKILL.
pub const SHUTDOWN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(8);
/// How long an HTTP client has to send a whole request head (request line and headers), counted
/// from when its connection opens or its previous response has been sent: hyper 1.x starts the
/// timer whenever a connection waits for a request, so this also bounds an idle keep-alive
/// connection. 10 s is ample for a phone on poor wifi and frees what a stalling client holds.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// How long an HTTP connection may move no byte either way. Between requests it is then closed;
/// in the middle of one it is closed after its response; and if it is still stuck after as long
/// again (an upload that stopped, a client that stopped reading), it is dropped. Browsers keep an
/// idle connection for minutes (Firefox 115 s, Chrome up to 5 min) and retry a request that
/// meets one the server has just closed, so the server may close first: a page loads its files
/// in one burst and then lives on its WebSocket, and 5 s (Apache's and Node's default) covers
/// the burst.
pub const HTTP_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// How long one HTTP request may take, from its head to the end of the handler: a client that
/// trickles its body a byte every few seconds moves enough to dodge the idle timeout, so the
/// whole request has a deadline too. A request body is at most 64 KiB, which even the slowest
/// phone we serve sends in a second or two; 30 s leaves room for a slow disk behind a commit.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// How long the server waits before accepting again after accept itself failed (out of file
/// descriptors, for instance): the failed connection waits in the kernel's queue, so retrying at
/// once would spin.
pub const ACCEPT_ERROR_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);
/// Failed accepts are logged as a warning at most this often (each at debug).
pub const ACCEPT_ERROR_LOG_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);
/// Longest `--public-url`. A table's QR code holds it and 54 more characters (`#/join/`, the
/// code, `/g/` and a UUID section id), and every character makes the symbol denser: at 120 it is
/// at most a version 9 symbol, 61 modules with its quiet zone, so 1.2 mm a module on a 7.5 cm
/// print, which phone cameras read from arm's length. (A typical address of 30 characters
/// gives 37 modules.)
pub const MAX_PUBLIC_URL_CHARS: usize = 120;
/// Longest `Host` (or trusted `X-Forwarded-Host`) the QR endpoint builds an address from: a DNS
/// name of 253 characters (RFC 1035) and a port.
pub const MAX_HOST_HEADER_CHARS: usize = 253 + ":65535".len();
/// Facilitator keys one board may hold at once, the creator's included. A workshop has a lead,
/// a backup and at most a co-facilitator per group (boards have up to 30 sections, but groups
/// share facilitators); every key is a way in to everything, so a board that needs more is more
/// likely a leaked key being copied. Revoking a key frees its place.
pub const MAX_FACILITATOR_KEYS: usize = 20;
/// Feedback answers one holder may send at once, then [`FEEDBACK_ANSWERS_PER_MINUTE`]. A person
/// answers once and changes it a few times; each answer is a durable write on the one writer
/// connection every board shares, so a script holding a participant token must not flood it.
pub const FEEDBACK_ANSWER_BURST: u32 = 20;
pub const FEEDBACK_ANSWERS_PER_MINUTE: u32 = 60;
