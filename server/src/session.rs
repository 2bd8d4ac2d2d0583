//! One WebSocket connection: it waits for `hello`, joins the board's room, forwards ops to the
//! room and writes whatever the room puts in its outbox. Errors in what the client sends are
//! answered on this connection only; the connection and the room stay up.
//!
//! The connection is also kept honest: it is pinged, and closed when it falls silent, when it
//! never says hello, when a write to it stalls, or when it keeps flooding ops. On shutdown it
//! delivers what its room committed last, then closes with 1001 "going away".

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Actor, BoardId, ClientMsg, ErrorCode, SectionId, ServerMsg};
use tokio::io::AsyncReadExt;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, MissedTickBehavior};
use tokio_tungstenite::WebSocketStream;
use tungstenite::error::ProtocolError;
use tungstenite::protocol::CloseFrame;
use tungstenite::{Message, Utf8Bytes};

use crate::AppState;
use crate::access::{self, Denied};
use crate::config::Config;
use crate::connection_limit::ConnectionSlot;
use crate::limits::{
    CLOSE_HANDSHAKE_TIMEOUT, FLOOD_REFUSALS, MAX_FRAMES_PER_FLUSH, MAX_MESSAGE_BYTES,
    MIN_WRITE_BYTES_PER_SEC, OUTBOX_CAPACITY,
};
use crate::op_budget::{Admission, OpBudget};
use crate::room::{Dismissal, Joiner, MemberId, RoomError, RoomHandle};
use crate::wire::{decode, encode};

// The close codes live in `shared` (docs/protocol.md, "Close codes"), so the web app gets them
// from its generated bindings.
pub use talkoot_shared::close_code::{
    CLOSE_BOARD_DELETED, CLOSE_FLOODING, CLOSE_GOING_AWAY, CLOSE_INVALID_PAYLOAD,
    CLOSE_PROTOCOL_ERROR, CLOSE_RESUME, CLOSE_REVOKED, CLOSE_TIMEOUT, CLOSE_TOO_BIG,
};

/// A client's WebSocket, over its upgraded HTTP connection.
pub type Socket = WebSocketStream<TokioIo<Upgraded>>;

static NEXT_MEMBER: AtomicU64 = AtomicU64::new(1);

/// The timeouts and the op budget of every connection, from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub ping_interval: Duration,
    pub idle_timeout: Duration,
    pub hello_timeout: Duration,
    pub write_timeout: Duration,
    pub ops_burst: u32,
    pub ops_per_second: u32,
}

impl SessionLimits {
    pub fn from_config(config: &Config) -> Self {
        SessionLimits {
            ping_interval: Duration::from_secs(config.ping_interval_secs),
            idle_timeout: Duration::from_secs(config.idle_timeout_secs),
            hello_timeout: Duration::from_secs(config.hello_timeout_secs),
            write_timeout: Duration::from_secs(config.write_timeout_secs),
            ops_burst: config.ops_burst,
            ops_per_second: config.ops_per_second,
        }
    }
}

/// A session that has joined its board.
struct Joined {
    room: RoomHandle,
    member: MemberId,
    actor: Actor,
    outbox: mpsc::Receiver<Utf8Bytes>,
    /// Why the room dismissed this session, when it did.
    dismissed: oneshot::Receiver<Dismissal>,
}

/// How a session ends.
enum End {
    /// The client closed, or the socket failed or stalled: nothing more can be written.
    Gone,
    /// Tell the client why with a close frame.
    Close(CloseFrame),
    /// Deliver the room's answers to every op already admitted, then close with the frame: the
    /// client then has to resend only what was refused.
    Settle(CloseFrame),
    /// The server is shutting down.
    Shutdown,
    /// The room dismissed this session: its key was revoked.
    Revoked,
    /// The room dismissed this session: the board was deleted.
    Deleted,
}

/// What one frame from the client calls for.
enum Reply {
    Nothing,
    Send(ServerMsg),
    Settle(CloseFrame),
}

/// The write went wrong or stalled past its deadline: the client is dropped.
struct WriteFailed;

pub async fn run(mut socket: Socket, state: AppState, _slot: ConnectionSlot) {
    let limits = state.session_limits;
    let mut joined: Option<Joined> = None;
    let mut budget = OpBudget::new(
        limits.ops_burst,
        limits.ops_per_second,
        Instant::now().into_std(),
    );
    let hello_deadline = tokio::time::sleep(limits.hello_timeout);
    let silence = tokio::time::sleep(limits.idle_timeout);
    tokio::pin!(hello_deadline, silence);
    let mut ping =
        tokio::time::interval_at(Instant::now() + limits.ping_interval, limits.ping_interval);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let shutdown = state.shutdown.clone();

    // Not biased: a client that never stops sending must not starve the writes to it.
    let end = loop {
        tokio::select! {
            () = shutdown.cancelled() => break End::Shutdown,
            () = &mut hello_deadline, if joined.is_none() => {
                let secs = limits.hello_timeout.as_secs();
                break End::Close(close(CLOSE_TIMEOUT, format!("send hello within {secs} s")));
            }
            () = &mut silence => {
                let secs = limits.idle_timeout.as_secs();
                break End::Close(close(CLOSE_TIMEOUT, format!("nothing heard for {secs} s")));
            }
            _ = ping.tick() => {
                let ping = socket.send(Message::Ping(Default::default()));
                if write_within(limits.write_timeout, 0, ping).await.is_err() {
                    break End::Gone;
                }
            }
            incoming = socket.next() => {
                silence.as_mut().reset(Instant::now() + limits.idle_timeout);
                let reply = match incoming {
                    None | Some(Ok(Message::Close(_))) => break End::Gone,
                    Some(Err(e)) => break read_error_end(e),
                    Some(Ok(Message::Text(text))) => {
                        handle_text(&text, &state, &mut joined, &mut budget).await
                    }
                    Some(Ok(Message::Binary(_))) => {
                        Reply::Send(error(ErrorCode::BinaryNotSupported, "send JSON text frames"))
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => Reply::Nothing,
                };
                match reply {
                    Reply::Nothing => {}
                    Reply::Settle(frame) => break End::Settle(frame),
                    Reply::Send(msg) => {
                        let frame = encode(&msg);
                        let bytes = frame.len();
                        let send = socket.send(Message::Text(frame));
                        if write_within(limits.write_timeout, bytes, send).await.is_err() {
                            break End::Gone;
                        }
                    }
                }
            }
            frame = next_frame(&mut joined) => match (frame, joined.as_mut()) {
                (Some(frame), Some(j)) => {
                    if write_batch(&mut socket, frame, &mut j.outbox, limits.write_timeout).await.is_err() {
                        break End::Gone;
                    }
                }
                // The room says why before it closes the outbox, so this is never a race.
                (None, Some(j)) => match j.dismissed.try_recv() {
                    Ok(Dismissal::KeyRevoked) => break End::Revoked,
                    Ok(Dismissal::BoardDeleted) => break End::Deleted,
                    Err(_) => break End::Close(close(CLOSE_RESUME, "resume from last_seq")),
                },
                _ => break End::Close(close(CLOSE_RESUME, "resume from last_seq")),
            },
        }
    };

    let last_words = match end {
        End::Gone => None,
        End::Close(frame) => Some(frame),
        End::Settle(frame) => match settle(&mut socket, &mut joined, limits.write_timeout).await {
            Ok(()) => Some(frame),
            Err(WriteFailed) => None,
        },
        End::Shutdown => match drain(&mut socket, &mut joined, limits.write_timeout).await {
            Ok(()) => Some(close(CLOSE_GOING_AWAY, "server is restarting")),
            Err(WriteFailed) => None,
        },
        End::Revoked => {
            last_notice(
                &mut socket,
                limits.write_timeout,
                ErrorCode::TokenRevoked,
                "a facilitator revoked this key; it no longer opens the board",
                close(CLOSE_REVOKED, "key revoked"),
            )
            .await
        }
        End::Deleted => {
            last_notice(
                &mut socket,
                limits.write_timeout,
                ErrorCode::BoardDeleted,
                "the board was deleted; nothing of it is kept",
                close(CLOSE_BOARD_DELETED, "board deleted"),
            )
            .await
        }
    };
    if let Some(j) = joined {
        j.room.leave(j.member);
    }
    if let Some(frame) = last_words {
        let send = socket.send(Message::Close(Some(frame)));
        if write_within(limits.write_timeout, 0, send).await.is_ok() {
            let _ =
                tokio::time::timeout(CLOSE_HANDSHAKE_TIMEOUT, finish_closing(&mut socket)).await;
        }
    }
}

/// Tells a dismissed client why in an `error` frame; the close frame to follow it, unless the
/// write failed.
async fn last_notice(
    socket: &mut Socket,
    timeout: Duration,
    code: ErrorCode,
    message: &str,
    then: CloseFrame,
) -> Option<CloseFrame> {
    let send = socket.send(Message::Text(encode(&error(code, message))));
    match write_within(timeout, 0, send).await {
        Ok(()) => Some(then),
        Err(WriteFailed) => None,
    }
}

/// Waits for the client's answer to our close frame, ignoring whatever else it still sends.
/// Dropping a socket with the client's bytes unread resets the connection, and a reset can
/// swallow our close frame before the client reads it. After a read error tungstenite has
/// ended the stream, so the rest is read off the raw socket until the client hangs up.
async fn finish_closing(socket: &mut Socket) {
    loop {
        match socket.next().await {
            Some(Ok(Message::Close(_))) => return,
            Some(Ok(_)) => {}
            Some(Err(_)) | None => break,
        }
    }
    let mut unread = [0u8; 4096];
    while let Ok(1..) = socket.get_mut().read(&mut unread).await {}
}

fn close(code: u16, reason: impl Into<Utf8Bytes>) -> CloseFrame {
    CloseFrame {
        code: code.into(),
        reason: reason.into(),
    }
}

/// Runs a write with a deadline: the write timeout, plus time for `bytes` at the slowest
/// throughput we still serve, so a large welcome on a slow phone is not mistaken for a stall.
async fn write_within(
    timeout: Duration,
    bytes: usize,
    write: impl Future<Output = Result<(), tungstenite::Error>>,
) -> Result<(), WriteFailed> {
    let allowance = Duration::from_secs_f64(bytes as f64 / MIN_WRITE_BYTES_PER_SEC as f64);
    match tokio::time::timeout(timeout + allowance, write).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "websocket write failed");
            Err(WriteFailed)
        }
        Err(_) => {
            tracing::debug!(bytes, "websocket write stalled; client dropped");
            Err(WriteFailed)
        }
    }
}

/// The next frame from the room, or pending forever before the session has joined.
async fn next_frame(joined: &mut Option<Joined>) -> Option<Utf8Bytes> {
    match joined {
        Some(j) => j.outbox.recv().await,
        None => std::future::pending().await,
    }
}

/// Writes `first` and whatever else is already waiting, with one flush. The deadline grows
/// with the bytes written, so a long batch to a healthy client is not cut off; a stall is.
async fn write_batch(
    socket: &mut Socket,
    first: Utf8Bytes,
    outbox: &mut mpsc::Receiver<Utf8Bytes>,
    timeout: Duration,
) -> Result<(), WriteFailed> {
    let mut bytes = 0;
    let mut fed = 0;
    let mut next = Some(first);
    while let Some(frame) = next {
        let len = frame.len();
        bytes += len;
        write_within(timeout, len, socket.feed(Message::Text(frame))).await?;
        fed += 1;
        next = if fed < MAX_FRAMES_PER_FLUSH {
            outbox.try_recv().ok()
        } else {
            None
        };
    }
    write_within(timeout, bytes, socket.flush()).await
}

/// On shutdown: writes everything the room still sends this member. The room closes the
/// outbox once it has committed its last batch, so every op it acknowledged reaches the client.
async fn drain(
    socket: &mut Socket,
    joined: &mut Option<Joined>,
    timeout: Duration,
) -> Result<(), WriteFailed> {
    let Some(j) = joined else {
        return Ok(());
    };
    while let Some(frame) = j.outbox.recv().await {
        write_batch(socket, frame, &mut j.outbox, timeout).await?;
    }
    Ok(())
}

/// Before closing a flooding client: waits until the room has answered every op this session
/// admitted (they were queued before the barrier), then writes those answers. Bounded by the
/// write timeout; a room that does not answer in time only costs the client some resends.
async fn settle(
    socket: &mut Socket,
    joined: &mut Option<Joined>,
    timeout: Duration,
) -> Result<(), WriteFailed> {
    let Some(j) = joined else {
        return Ok(());
    };
    if !matches!(
        tokio::time::timeout(timeout, j.room.barrier()).await,
        Ok(Ok(()))
    ) {
        return Ok(());
    }
    // Everything queued now includes those answers; later frames can wait for the resume.
    for _ in 0..j.outbox.len() {
        match j.outbox.try_recv() {
            Ok(frame) => write_batch(socket, frame, &mut j.outbox, timeout).await?,
            Err(_) => break,
        }
    }
    Ok(())
}

/// How a read error ends the session: with a close code that says why, where the client can
/// still hear one.
fn read_error_end(e: tungstenite::Error) -> End {
    use tungstenite::Error;
    match e {
        Error::Capacity(_) => End::Close(close(
            CLOSE_TOO_BIG,
            format!("messages are limited to {MAX_MESSAGE_BYTES} bytes"),
        )),
        Error::Utf8(_) => End::Close(close(CLOSE_INVALID_PAYLOAD, "text frames must be UTF-8")),
        Error::Protocol(
            ProtocolError::ResetWithoutClosingHandshake
            | ProtocolError::SendAfterClosing
            | ProtocolError::ReceivedAfterClosing,
        ) => End::Gone,
        Error::Protocol(violation) => {
            End::Close(close(CLOSE_PROTOCOL_ERROR, violation.to_string()))
        }
        e => {
            tracing::debug!(error = %e, "websocket read failed");
            End::Gone
        }
    }
}

fn error(code: ErrorCode, message: impl Into<String>) -> ServerMsg {
    ServerMsg::Error {
        code,
        message: message.into(),
    }
}

/// Handles one text frame. Replies from the room (`welcome`, `applied`, `rejected`) arrive
/// through the outbox instead.
async fn handle_text(
    text: &str,
    state: &AppState,
    joined: &mut Option<Joined>,
    budget: &mut OpBudget,
) -> Reply {
    let msg = match decode(text) {
        Ok(msg) => msg,
        Err(e) => return Reply::Send(e.into_reply()),
    };
    match (msg, joined.as_ref()) {
        (ClientMsg::Hello { .. }, Some(_)) => Reply::Send(error(
            ErrorCode::AlreadyJoined,
            "this connection has already joined a board",
        )),
        (
            ClientMsg::Hello {
                board,
                token,
                last_seq,
                group,
            },
            None,
        ) => match hello(state, board, &token, last_seq, group).await {
            Ok(j) => {
                *joined = Some(j);
                Reply::Nothing
            }
            Err(reply) => Reply::Send(reply),
        },
        (ClientMsg::Op { .. } | ClientMsg::SetGroup { .. }, None) => Reply::Send(error(
            ErrorCode::NotJoined,
            "send hello before anything else",
        )),
        (ClientMsg::SetGroup { group }, Some(j)) => {
            // Each change of group is a presence broadcast to the whole room: it costs as
            // much of the budget as an op, so it cannot be used to flood everyone.
            match admit(budget, j) {
                Ok(()) => {}
                Err(Refusal::Flooding(frame)) => return Reply::Settle(frame),
                Err(Refusal::Refused) => {
                    return Reply::Send(error(
                        ErrorCode::RateLimited,
                        "too many messages; change group again after a pause",
                    ));
                }
            }
            if j.room.set_group(j.member, group).await.is_err() {
                return Reply::Send(error(
                    ErrorCode::Unavailable,
                    "the board's room stopped; reconnect",
                ));
            }
            Reply::Nothing
        }
        (ClientMsg::Op { op_id, op }, Some(j)) => {
            match admit(budget, j) {
                Ok(()) => {}
                Err(Refusal::Flooding(frame)) => return Reply::Settle(frame),
                Err(Refusal::Refused) => {
                    let reason = RejectReason::RateLimited;
                    return Reply::Send(ServerMsg::Rejected { op_id, reason });
                }
            }
            if j.room
                .op(j.member, j.actor.clone(), op_id, op)
                .await
                .is_err()
            {
                return Reply::Send(error(
                    ErrorCode::Unavailable,
                    "the board's room stopped; reconnect",
                ));
            }
            Reply::Nothing
        }
    }
}

/// Why a message was not admitted.
enum Refusal {
    /// Over the rate limit: this message is dropped; the client may send it again later.
    Refused,
    /// The client keeps sending over the limit: close it with this frame.
    Flooding(CloseFrame),
}

/// Charges one op or `set_group` to the connection's budget.
fn admit(budget: &mut OpBudget, j: &Joined) -> Result<(), Refusal> {
    match budget.admit(Instant::now().into_std()) {
        Admission::Admitted => Ok(()),
        Admission::Refused => Err(Refusal::Refused),
        Admission::Flooding => {
            tracing::info!(participant = %j.actor.participant, "connection closed for flooding");
            Err(Refusal::Flooding(close(
                CLOSE_FLOODING,
                format!("too many ops over the rate limit ({FLOOD_REFUSALS} refused)"),
            )))
        }
    }
}

fn bad_token() -> ServerMsg {
    error(
        ErrorCode::BadToken,
        "this token does not open this board; join again with the code",
    )
}

async fn hello(
    state: &AppState,
    board: BoardId,
    token: &str,
    last_seq: Option<u64>,
    group: Option<SectionId>,
) -> Result<Joined, ServerMsg> {
    let holder = match access::holder(state.store.as_ref(), &board, token).await {
        Ok(holder) => holder,
        Err(Denied::UnknownBoard) => {
            return Err(error(
                ErrorCode::UnknownBoard,
                format!("no board with id {board}"),
            ));
        }
        Err(Denied::BadSecret) => return Err(bad_token()),
        Err(Denied::Unavailable(e)) => {
            tracing::error!(error = %e, "storage failed during hello");
            return Err(error(
                ErrorCode::Unavailable,
                "storage is unavailable; try again shortly",
            ));
        }
    };
    let member = NEXT_MEMBER.fetch_add(1, Ordering::Relaxed);
    let (tx, outbox) = mpsc::channel(OUTBOX_CAPACITY);
    let (dismiss, dismissed) = oneshot::channel();
    let joiner = Joiner {
        member,
        actor: holder.actor.clone(),
        outbox: tx,
        last_seq,
        group,
        dismissed: dismiss,
    };
    match state.rooms.join(&board, joiner).await {
        Ok(room) => {
            // Revoking deletes the key, then dismisses its holders from the room. A key deleted
            // after the check above but before this join reached the room is caught here.
            let current = access::still_holds(state.store.as_ref(), &holder, token).await;
            match current {
                Ok(true) => Ok(Joined {
                    room,
                    member,
                    actor: holder.actor,
                    outbox,
                    dismissed,
                }),
                Ok(false) => {
                    room.leave(member);
                    // The key's row goes with its board, so a board deleted meanwhile lands
                    // here too: say which, so the device forgets all of the board.
                    match state.store.board_exists(&board).await {
                        Ok(false) => Err(error(
                            ErrorCode::UnknownBoard,
                            format!("no board with id {board}"),
                        )),
                        Ok(true) | Err(_) => Err(bad_token()),
                    }
                }
                Err(e) => {
                    room.leave(member);
                    tracing::error!(error = %e, "storage failed during hello");
                    Err(error(
                        ErrorCode::Unavailable,
                        "storage is unavailable; try again shortly",
                    ))
                }
            }
        }
        Err(RoomError::UnknownBoard) => Err(error(
            ErrorCode::UnknownBoard,
            format!("no board with id {board}"),
        )),
        Err(RoomError::Unavailable) => Err(error(
            ErrorCode::Unavailable,
            "the board could not be loaded; try again",
        )),
    }
}
