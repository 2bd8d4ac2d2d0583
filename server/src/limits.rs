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
