//! One WebSocket connection: it waits for `hello`, joins the board's room, forwards ops to the
//! room and writes whatever the room puts in its outbox. Errors in what the client sends are
//! answered on this connection only; the connection and the room stay up.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::SinkExt;
use talkoot_shared::{Actor, BoardId, ClientMsg, ErrorCode, ServerMsg};
use tokio::sync::mpsc;

use crate::AppState;
use crate::limits::{MAX_FRAMES_PER_FLUSH, MAX_MESSAGE_BYTES, OUTBOX_CAPACITY};
use crate::room::{Joiner, MemberId, RoomError, RoomHandle};
use crate::secret::hash_secret;
use crate::wire::{decode, encode};

/// Close code: the server dropped this connection (it fell behind, or its room restarted);
/// reconnect and resume with `last_seq`.
pub const CLOSE_RESUME: u16 = 4001;
/// Close code when the server shuts down (RFC 6455 "going away").
pub const CLOSE_GOING_AWAY: u16 = 1001;
/// Close code for a message over the size limit (RFC 6455 "message too big").
pub const CLOSE_TOO_BIG: u16 = 1009;

static NEXT_MEMBER: AtomicU64 = AtomicU64::new(1);

/// A session that has joined its board.
struct Joined {
    room: RoomHandle,
    member: MemberId,
    actor: Actor,
    outbox: mpsc::Receiver<Utf8Bytes>,
}

pub async fn run(mut socket: WebSocket, state: AppState) {
    let mut joined: Option<Joined> = None;
    let mut shutting_down = state.shutting_down.clone();
    let close = loop {
        tokio::select! {
            () = async { let _ = shutting_down.wait_for(|stop| *stop).await; } => {
                break Some(CloseFrame { code: CLOSE_GOING_AWAY, reason: "server is restarting".into() });
            }
            incoming = socket.recv() => {
                let reply = match incoming {
                    None | Some(Ok(Message::Close(_))) => break None,
                    Some(Err(e)) => break read_error_close(e),
                    Some(Ok(Message::Text(text))) => handle_text(&text, &state, &mut joined).await,
                    Some(Ok(Message::Binary(_))) => Some(error(ErrorCode::BinaryNotSupported, "send JSON text frames")),
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => None,
                };
                if let Some(reply) = reply
                    && socket.send(Message::Text(encode(&reply))).await.is_err()
                {
                    break None;
                }
            }
            frame = next_frame(&mut joined) => match frame {
                Some(frame) => {
                    if write_batch(&mut socket, frame, &mut joined).await.is_err() {
                        break None;
                    }
                }
                None => break Some(CloseFrame { code: CLOSE_RESUME, reason: "resume from last_seq".into() }),
            },
        }
    };
    if let Some(j) = joined {
        j.room.leave(j.member);
    }
    if let Some(frame) = close {
        let _ = socket.send(Message::Close(Some(frame))).await;
    }
}

/// The next frame from the room, or pending forever before the session has joined.
async fn next_frame(joined: &mut Option<Joined>) -> Option<Utf8Bytes> {
    match joined {
        Some(j) => j.outbox.recv().await,
        None => std::future::pending().await,
    }
}

/// Writes `first` and whatever else is already waiting, with one flush.
async fn write_batch(
    socket: &mut WebSocket,
    first: Utf8Bytes,
    joined: &mut Option<Joined>,
) -> Result<(), axum::Error> {
    socket.feed(Message::Text(first)).await?;
    if let Some(j) = joined {
        for _ in 1..MAX_FRAMES_PER_FLUSH {
            match j.outbox.try_recv() {
                Ok(frame) => socket.feed(Message::Text(frame)).await?,
                Err(_) => break,
            }
        }
    }
    socket.flush().await
}

/// A read error that deserves a close frame: an oversized message gets 1009.
fn read_error_close(e: axum::Error) -> Option<CloseFrame> {
    let inner = e.into_inner();
    match inner.downcast_ref::<tungstenite::Error>() {
        Some(tungstenite::Error::Capacity(_)) => Some(CloseFrame {
            code: CLOSE_TOO_BIG,
            reason: format!("messages are limited to {MAX_MESSAGE_BYTES} bytes").into(),
        }),
        _ => {
            tracing::debug!(error = %inner, "websocket read failed");
            None
        }
    }
}

fn error(code: ErrorCode, message: impl Into<String>) -> ServerMsg {
    ServerMsg::Error {
        code,
        message: message.into(),
    }
}

/// Handles one text frame; returns the reply for this client, if any. Replies from the room
/// (`welcome`, `applied`, `rejected`) arrive through the outbox instead.
async fn handle_text(
    text: &str,
    state: &AppState,
    joined: &mut Option<Joined>,
) -> Option<ServerMsg> {
    let msg = match decode(text) {
        Ok(msg) => msg,
        Err(e) => return Some(e.into_reply()),
    };
    match (msg, joined.as_ref()) {
        (ClientMsg::Hello { .. }, Some(_)) => Some(error(
            ErrorCode::AlreadyJoined,
            "this connection has already joined a board",
        )),
        (
            ClientMsg::Hello {
                board,
                token,
                last_seq,
            },
            None,
        ) => match hello(state, board, &token, last_seq).await {
            Ok(j) => {
                *joined = Some(j);
                None
            }
            Err(reply) => Some(reply),
        },
        (ClientMsg::Op { .. }, None) => {
            Some(error(ErrorCode::NotJoined, "send hello before any op"))
        }
        (ClientMsg::Op { op_id, op }, Some(j)) => {
            if j.room
                .op(j.member, j.actor.clone(), op_id, op)
                .await
                .is_err()
            {
                return Some(error(
                    ErrorCode::Unavailable,
                    "the board's room stopped; reconnect",
                ));
            }
            None
        }
    }
}

async fn hello(
    state: &AppState,
    board: BoardId,
    token: &str,
    last_seq: Option<u64>,
) -> Result<Joined, ServerMsg> {
    let unavailable = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "storage failed during hello");
        error(
            ErrorCode::Unavailable,
            "storage is unavailable; try again shortly",
        )
    };
    if !state
        .store
        .board_exists(&board)
        .await
        .map_err(|e| unavailable(&e))?
    {
        return Err(error(
            ErrorCode::UnknownBoard,
            format!("no board with id {board}"),
        ));
    }
    let holder = state
        .store
        .holder(&hash_secret(token))
        .await
        .map_err(|e| unavailable(&e))?;
    let Some(holder) = holder.filter(|h| h.board == board) else {
        return Err(error(
            ErrorCode::BadToken,
            "this token does not open this board; join again with the code",
        ));
    };
    let member = NEXT_MEMBER.fetch_add(1, Ordering::Relaxed);
    let (tx, outbox) = mpsc::channel(OUTBOX_CAPACITY);
    let joiner = Joiner {
        member,
        actor: holder.actor.clone(),
        outbox: tx,
        last_seq,
    };
    match state.rooms.join(&board, joiner).await {
        Ok(room) => Ok(Joined {
            room,
            member,
            actor: holder.actor,
            outbox,
        }),
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
