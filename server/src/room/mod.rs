//! Rooms: one task per live board owns that board's state, so no lock is ever held around it.
//! [`Rooms`] is the registry (board → room handle) that sessions and HTTP handlers go through;
//! a room loads on first use and unloads itself once nobody has been connected for a while.

mod board_room;
mod presence_pace;
mod published;
mod welcome;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use dashmap::DashMap;
use talkoot_shared::http::{FeedbackAnswer, StoredFeedback};
use talkoot_shared::{Actor, Board, BoardId, Op, OpId, ParticipantId, SectionId};
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tungstenite::Utf8Bytes;

use crate::limits::ROOM_QUEUE;
use crate::store::{DeleteIf, Deletion, KeyChangeError, Store};

/// Identifies one connection within its room.
pub type MemberId = u64;

/// Why a room could not do what was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RoomError {
    #[error("the board does not exist")]
    UnknownBoard,
    #[error("the board could not be loaded from storage")]
    Unavailable,
}

/// Why a feedback answer was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackRefused {
    #[error("feedback is not open on this board")]
    Closed,
    #[error(transparent)]
    Room(#[from] RoomError),
}

/// A board as of a given seq, for HTTP snapshot requests.
pub struct BoardAt {
    pub seq: u64,
    pub join_code: String,
    pub board: Board,
}

/// A new member of a room.
pub struct Joiner {
    pub member: MemberId,
    pub actor: Actor,
    /// Where the room sends this member's frames. Bounded: see `OUTBOX_CAPACITY`.
    pub outbox: mpsc::Sender<Utf8Bytes>,
    pub last_seq: Option<u64>,
    /// The section the member says they sit in.
    pub group: Option<SectionId>,
    /// Where the room says why, when it dismisses the member; the session reads it once the
    /// outbox has closed, to close the socket with the right code.
    pub dismissed: oneshot::Sender<Dismissal>,
}

/// Why a room removed a member on purpose (rather than because it fell behind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dismissal {
    /// A facilitator revoked the member's key, or replaced the projector key it held.
    KeyRevoked,
    /// The board was deleted, by a facilitator or by the retention rule.
    BoardDeleted,
}

/// A room's answer to a join.
enum JoinAnswer {
    Joined,
    Failed(RoomError),
    /// The room was unloading; try its successor.
    Retry(Joiner),
}

enum Command {
    Join {
        joiner: Joiner,
        reply: oneshot::Sender<JoinAnswer>,
    },
    Op {
        member: MemberId,
        actor: Actor,
        op_id: OpId,
        op: Op,
    },
    SetGroup {
        member: MemberId,
        group: Option<SectionId>,
    },
    Leave {
        member: MemberId,
    },
    Snapshot {
        reply: oneshot::Sender<Result<BoardAt, RoomError>>,
    },
    /// Stores a feedback answer if feedback is open. The room checks and stores between two
    /// ops, so an answer either lands before the op that closes feedback or is refused.
    Feedback {
        participant: ParticipantId,
        answer: FeedbackAnswer,
        reply: oneshot::Sender<Result<StoredFeedback, FeedbackRefused>>,
    },
    /// Dismisses every member holding one of these participants' keys, which storage has just
    /// deleted. Answered once they are gone: no op they send after it is applied.
    Revoke {
        participants: Vec<ParticipantId>,
        reply: oneshot::Sender<()>,
    },
    /// Deletes the board from storage once every op before it is committed (and answered),
    /// then dismisses every member and stops; later commands hear "unknown board". A board
    /// storage no longer has (deleted meanwhile by another way in) closes the room the same way.
    Delete {
        condition: DeleteIf,
        reply: oneshot::Sender<Result<Deletion, KeyChangeError>>,
    },
    /// Answered once every command queued before it is handled and its answers are in the
    /// outboxes.
    Barrier {
        reply: oneshot::Sender<()>,
    },
}

/// What every room is run with, from the configuration.
#[derive(Debug, Clone, Copy)]
struct RoomSettings {
    /// How long a room with nobody connected stays loaded.
    idle: Duration,
    /// `--retention-days`, to tell facilitators when their board will be deleted.
    retention: Option<Duration>,
}

/// A cheap, cloneable way to talk to one room.
#[derive(Clone)]
pub struct RoomHandle {
    /// Which incarnation of the board's room this is, so an unloading room only removes itself
    /// from the registry and never its successor.
    generation: u64,
    commands: mpsc::Sender<Command>,
}

impl RoomHandle {
    /// Sends an op for the member; the answer arrives in the member's outbox. Waits while the
    /// room's queue is full, which slows the sender's reading and nobody else.
    pub async fn op(
        &self,
        member: MemberId,
        actor: Actor,
        op_id: OpId,
        op: Op,
    ) -> Result<(), RoomError> {
        self.commands
            .send(Command::Op {
                member,
                actor,
                op_id,
                op,
            })
            .await
            .map_err(|_| RoomError::Unavailable)
    }

    /// Returns once the room has handled (and committed, and answered) every command that was
    /// queued before this call, such as the ops a session has already passed on.
    pub async fn barrier(&self) -> Result<(), RoomError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::Barrier { reply })
            .await
            .map_err(|_| RoomError::Unavailable)?;
        answer.await.map_err(|_| RoomError::Unavailable)
    }

    /// Tells the room which group the member sits in now. Presence only: it waits for room in
    /// the queue like an op.
    pub async fn set_group(
        &self,
        member: MemberId,
        group: Option<SectionId>,
    ) -> Result<(), RoomError> {
        self.commands
            .send(Command::SetGroup { member, group })
            .await
            .map_err(|_| RoomError::Unavailable)
    }

    /// Tells the room the member is gone. Never waits: a closing connection must not block.
    pub fn leave(&self, member: MemberId) {
        let commands = self.commands.clone();
        if let Err(mpsc::error::TrySendError::Full(cmd)) =
            commands.try_send(Command::Leave { member })
        {
            tokio::spawn(async move {
                let _ = commands.send(cmd).await;
            });
        }
    }
}

/// The registry of live rooms.
pub struct Rooms {
    rooms: Arc<DashMap<BoardId, RoomHandle>>,
    store: Arc<dyn Store>,
    settings: RoomSettings,
    generations: AtomicU64,
    /// Cancelled at shutdown: every room commits what it holds, writes a snapshot and stops,
    /// and no new room starts.
    shutdown: CancellationToken,
    /// Every room task, so shutdown can wait for the last commit and snapshot.
    tasks: TaskTracker,
}

impl Rooms {
    pub fn new(
        store: Arc<dyn Store>,
        idle: Duration,
        retention: Option<Duration>,
        shutdown: CancellationToken,
        tasks: TaskTracker,
    ) -> Self {
        Rooms {
            rooms: Arc::new(DashMap::new()),
            store,
            settings: RoomSettings { idle, retention },
            generations: AtomicU64::new(0),
            shutdown,
            tasks,
        }
    }

    /// The board's room, started if it is not running.
    fn handle(&self, board: &BoardId) -> RoomHandle {
        if let Some(h) = self.rooms.get(board).filter(|h| !h.commands.is_closed()) {
            return h.clone();
        }
        // A room whose task ended without leaving the registry (it panicked) is replaced.
        self.rooms.remove_if(board, |_, h| h.commands.is_closed());
        self.rooms
            .entry(board.clone())
            .or_insert_with(|| {
                let (tx, rx) = mpsc::channel(ROOM_QUEUE);
                let generation = self.generations.fetch_add(1, Ordering::Relaxed);
                let room = board_room::run(
                    board.clone(),
                    generation,
                    rx,
                    self.store.clone(),
                    self.rooms.clone(),
                    self.settings,
                    self.shutdown.clone(),
                );
                self.tasks.spawn(room);
                RoomHandle {
                    generation,
                    commands: tx,
                }
            })
            .clone()
    }

    /// Adds a member to the board's room. The room sends `welcome` (and any catch-up) into
    /// the member's outbox before anything else.
    pub async fn join(&self, board: &BoardId, joiner: Joiner) -> Result<RoomHandle, RoomError> {
        let mut joiner = joiner;
        if self.shutdown.is_cancelled() {
            return Err(RoomError::Unavailable);
        }
        // A room that is unloading hands joins back; the next attempt reaches its successor,
        // which has just been created, so a few attempts are plenty.
        for _ in 0..3 {
            let handle = self.handle(board);
            let (reply, answer) = oneshot::channel();
            match handle.commands.send(Command::Join { joiner, reply }).await {
                Ok(()) => match answer.await {
                    Ok(JoinAnswer::Joined) => return Ok(handle),
                    Ok(JoinAnswer::Failed(e)) => return Err(e),
                    Ok(JoinAnswer::Retry(j)) => joiner = j,
                    Err(_) => return Err(RoomError::Unavailable),
                },
                Err(mpsc::error::SendError(Command::Join { joiner: j, .. })) => joiner = j,
                Err(_) => return Err(RoomError::Unavailable),
            }
        }
        Err(RoomError::Unavailable)
    }

    /// The board as its room holds it now.
    pub async fn snapshot(&self, board: &BoardId) -> Result<BoardAt, RoomError> {
        if self.shutdown.is_cancelled() {
            return Err(RoomError::Unavailable);
        }
        for _ in 0..3 {
            let (reply, answer) = oneshot::channel();
            if self
                .handle(board)
                .commands
                .send(Command::Snapshot { reply })
                .await
                .is_err()
            {
                continue;
            }
            match answer.await {
                Ok(result) => return result,
                Err(_) => continue,
            }
        }
        Err(RoomError::Unavailable)
    }

    /// Stores `participant`'s (checked) feedback answer, if feedback is open on the board.
    pub async fn answer_feedback(
        &self,
        board: &BoardId,
        participant: &ParticipantId,
        answer: &FeedbackAnswer,
    ) -> Result<StoredFeedback, FeedbackRefused> {
        if self.shutdown.is_cancelled() {
            return Err(RoomError::Unavailable.into());
        }
        // As for snapshots: a room that unloads drops the request, and its successor takes it.
        for _ in 0..3 {
            let (reply, answer_rx) = oneshot::channel();
            let cmd = Command::Feedback {
                participant: participant.clone(),
                answer: answer.clone(),
                reply,
            };
            if self.handle(board).commands.send(cmd).await.is_err() {
                continue;
            }
            match answer_rx.await {
                Ok(result) => return result,
                Err(_) => continue,
            }
        }
        Err(RoomError::Unavailable.into())
    }

    /// Dismisses the members of `board` that hold a revoked key (delete it from storage first).
    /// Returns once they are out, so nothing they send afterwards is applied. Only a loaded room
    /// can have members; a hello that checked the key before it was deleted checks again after
    /// joining (see `session`), so none slips in behind this.
    pub async fn revoke(&self, board: &BoardId, participants: Vec<ParticipantId>) {
        let Some(handle) = self.rooms.get(board).map(|h| h.clone()) else {
            return;
        };
        let (reply, answer) = oneshot::channel();
        // A room that is gone or going has dropped its members already.
        if handle
            .commands
            .send(Command::Revoke {
                participants,
                reply,
            })
            .await
            .is_ok()
        {
            let _ = answer.await;
        }
    }

    /// Deletes `board` with everything it has, if `condition` holds, and closes every socket
    /// on it with the board-deleted close code. A loaded room does it itself, between two
    /// batches: the ops it applied before are committed and told first, and none is applied
    /// after. Without a room, storage deletes it, and a room that loaded the board meanwhile (a
    /// `hello` racing the delete) is closed after; any room loading later finds no board.
    pub async fn delete(
        &self,
        board: &BoardId,
        condition: DeleteIf,
    ) -> Result<Deletion, KeyChangeError> {
        if let Some(answer) = self.delete_in_room(board, &condition).await {
            return answer;
        }
        let outcome = self.store.delete_board(board, &condition).await?;
        if outcome == Deletion::Deleted {
            // The loaded room, if there is one now, finds no board and closes.
            let _ = self.delete_in_room(board, &condition).await;
        }
        Ok(outcome)
    }

    /// Asks the board's loaded room to delete it; `None` when no room answered (there is none,
    /// or it is unloading and has let its members go).
    async fn delete_in_room(
        &self,
        board: &BoardId,
        condition: &DeleteIf,
    ) -> Option<Result<Deletion, KeyChangeError>> {
        let handle = self.rooms.get(board).map(|h| h.clone())?;
        let (reply, answer) = oneshot::channel();
        let condition = condition.clone();
        handle
            .commands
            .send(Command::Delete { condition, reply })
            .await
            .ok()?;
        answer.await.ok()
    }

    /// How many rooms are loaded.
    pub fn loaded(&self) -> usize {
        self.rooms.len()
    }
}
