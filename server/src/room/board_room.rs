//! The task that owns one board while it is live.
//!
//! It takes commands in batches: every op in a batch is applied in memory, then the whole batch
//! is committed in one transaction (group commit: one fsync however many ops arrived while the
//! previous commit ran), and only then is each `applied` broadcast. Joins, leaves and snapshot
//! requests end a batch, so nobody is ever shown state that is not yet durable.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use dashmap::DashMap;
use talkoot_shared::reject::RejectReason;
use talkoot_shared::visibility::{ActorShownTo, AfterOp, actor_shown_to};
use talkoot_shared::{
    Actor, Board, BoardId, Change, Me, OpId, ParticipantId, Retention, Role, SectionId, ServerMsg,
    Viewer, apply,
};
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;
use tungstenite::Utf8Bytes;

use super::presence_pace::PresencePace;
use super::published::{Disclosure, Published};
use super::welcome::{Snapshots, WelcomeFrame};
use super::{
    BoardAt, Command, Dismissal, FeedbackRefused, JoinAnswer, Joiner, MemberId, RoomError,
    RoomHandle, RoomSettings,
};
use crate::clock::now_ms;
use crate::limits::{MAX_BATCH, RESUME_WINDOW, SNAPSHOT_EVERY};
use crate::metrics;
use crate::store::{AppliedOp, DeleteIf, Deletion, KeyChangeError, LogEntry, Store, StoredBoard};
use crate::wire::encode;

/// The room's whole life: load the board, serve commands, unload.
pub(super) async fn run(
    id: BoardId,
    generation: u64,
    commands: mpsc::Receiver<Command>,
    store: Arc<dyn Store>,
    registry: Arc<DashMap<BoardId, RoomHandle>>,
    settings: RoomSettings,
    shutdown: CancellationToken,
) {
    let exit = Exit {
        id: id.clone(),
        generation,
        registry,
    };
    match store.load_board(&id).await {
        Ok(Some(stored)) => {
            let mut room = BoardRoom::new(id, stored, store, settings.retention);
            room.run(commands, settings.idle, shutdown, exit).await;
        }
        Ok(None) => exit.refuse_all(commands, RoomError::UnknownBoard).await,
        Err(e) => {
            tracing::error!(board = %id, error = %e, "cannot load board");
            exit.refuse_all(commands, RoomError::Unavailable).await;
        }
    }
}

struct Member {
    actor: Actor,
    /// What this member may see, kept beside the actor so fan-out does not rebuild it.
    viewer: Viewer,
    outbox: mpsc::Sender<Utf8Bytes>,
    /// The section a participant sits in, for presence counts.
    group: Option<SectionId>,
    dismissed: oneshot::Sender<Dismissal>,
}

/// Ops applied in memory but not yet committed.
#[derive(Default)]
struct Pending {
    entries: Vec<LogEntry>,
    senders: Vec<MemberId>,
    /// Per entry, what redacting it needs.
    disclosures: Vec<Disclosure>,
}

struct BoardRoom {
    id: BoardId,
    join_code: String,
    store: Arc<dyn Store>,
    /// The board including every committed op (and, inside a batch, the pending ones).
    board: Board,
    /// The newest committed seq.
    seq: u64,
    snapshot_seq: u64,
    /// Every applied op id: a resent op is answered, not applied again.
    applied: HashMap<OpId, AppliedOp>,
    /// The newest committed ops, with their encodings, for resuming clients.
    recent: VecDeque<Published>,
    /// Encoded snapshots of the board at `seq`, shared by joiners who see the same.
    snapshots: Snapshots,
    members: HashMap<MemberId, Member>,
    presence: PresencePace,
    /// Storage failed and the board could not be reloaded: the in-memory board may hold ops
    /// that were never committed, so the room must stop serving it.
    broken: bool,
    /// When the board last had activity (its newest committed op), for the retention rule.
    last_active_at: u64,
    /// `--retention-days`: facilitators are told when the board goes if nothing happens.
    retention: Option<Duration>,
    /// The board is deleted: its members are dismissed, and the room stops.
    deleted: bool,
}

impl BoardRoom {
    fn new(
        id: BoardId,
        stored: StoredBoard,
        store: Arc<dyn Store>,
        retention: Option<Duration>,
    ) -> Self {
        let mut room = BoardRoom {
            id,
            join_code: String::new(),
            store,
            board: stored.snapshot.clone(),
            seq: 0,
            snapshot_seq: 0,
            applied: HashMap::new(),
            recent: VecDeque::new(),
            snapshots: Snapshots::default(),
            members: HashMap::new(),
            presence: PresencePace::default(),
            broken: false,
            last_active_at: 0,
            retention,
            deleted: false,
        };
        room.reset(stored);
        room
    }

    /// Replaces the in-memory board with what storage holds.
    fn reset(&mut self, stored: StoredBoard) {
        self.join_code = stored.join_code;
        self.last_active_at = stored.last_active_at;
        self.board = stored.snapshot;
        self.seq = stored.snapshot_seq;
        self.snapshot_seq = stored.snapshot_seq;
        self.recent.clear();
        self.snapshots.clear();
        for entry in stored.tail {
            if entry.seq != self.seq + 1 {
                tracing::error!(board = %self.id, expected = self.seq + 1, found = entry.seq, "gap in the op log");
            }
            let disclosure = self.absorb(&entry.actor, &entry.changes);
            self.seq = entry.seq;
            self.remember(Published::new(entry, disclosure));
        }
        self.applied = stored.op_ids.into_iter().collect();
    }

    /// Serves commands until the room has been empty for `idle`, or until shutdown. At
    /// shutdown it stops taking new commands, handles those already queued, and ends like an
    /// unload: a snapshot, then every member's outbox closes.
    async fn run(
        &mut self,
        mut commands: mpsc::Receiver<Command>,
        idle: Duration,
        shutdown: CancellationToken,
        exit: Exit,
    ) {
        let mut closing = false;
        loop {
            let next = if closing {
                commands.recv().await
            } else {
                tokio::select! {
                    biased;
                    () = shutdown.cancelled() => {
                        commands.close();
                        closing = true;
                        continue;
                    }
                    () = sleep_until_due(self.presence.due()) => {
                        self.send_presence_if_due();
                        continue;
                    }
                    cmd = self.next_command(&mut commands, idle) => cmd,
                }
            };
            let Some(first) = next else { break };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match commands.try_recv() {
                    Ok(cmd) => batch.push(cmd),
                    Err(_) => break,
                }
            }
            self.handle(batch).await;
            if self.deleted {
                tracing::info!(board = %self.id, "board deleted; room stops");
                return exit.refuse_all(commands, RoomError::UnknownBoard).await;
            }
            if self.broken {
                tracing::error!(board = %self.id, "room stops after a storage failure; members will resume");
                return exit.hand_back(commands, None).await;
            }
            self.maybe_snapshot(SNAPSHOT_EVERY).await;
            self.send_presence_if_due();
        }
        self.maybe_snapshot(1).await;
        tracing::debug!(board = %self.id, "room unloads");
        exit.hand_back(commands, Some(self)).await;
    }

    fn send_presence_if_due(&mut self) {
        if self.presence.send_now() {
            let presence = ServerMsg::Presence {
                online: self.members.len() as u32,
                groups: self.groups(),
            };
            self.broadcast(encode(&presence));
        }
    }

    /// The next command, or `None` when the room should unload: nobody has been connected
    /// for `idle`.
    async fn next_command(
        &self,
        commands: &mut mpsc::Receiver<Command>,
        idle: Duration,
    ) -> Option<Command> {
        if self.members.is_empty() {
            tokio::time::timeout(idle, commands.recv())
                .await
                .ok()
                .flatten()
        } else {
            commands.recv().await
        }
    }

    async fn handle(&mut self, batch: Vec<Command>) {
        let mut pending = Pending::default();
        for cmd in batch {
            if self.deleted {
                refuse(cmd, RoomError::UnknownBoard);
                continue;
            }
            match cmd {
                Command::Op {
                    member,
                    actor,
                    op_id,
                    op,
                } => {
                    // A dismissed (or dropped) member's op was sent on a key that may be
                    // revoked: it is never applied, and there is no outbox to answer it.
                    if !self.members.contains_key(&member) {
                        continue;
                    }
                    if self.applied.contains_key(&op_id) {
                        // The original may be in this very batch: make it durable first (if
                        // its commit fails, the op id is free again).
                        self.flush(&mut pending).await;
                        match self.applied.get(&op_id) {
                            Some(first) if first.actor != actor.participant => {
                                // Someone else's op id: answering with their `applied` would
                                // be a false acknowledgement.
                                let reason = RejectReason::DuplicateId;
                                self.send_to(member, &ServerMsg::Rejected { op_id, reason });
                                continue;
                            }
                            Some(first) => {
                                let seq = first.seq;
                                self.repeat(member, seq).await;
                                continue;
                            }
                            None => {}
                        }
                    }
                    let now = now_ms();
                    match apply(&self.board, &actor, &op, now) {
                        Ok(changes) => {
                            let disclosure = self.absorb(&actor.participant, &changes);
                            let seq = self.seq + pending.entries.len() as u64 + 1;
                            let applied = AppliedOp {
                                seq,
                                actor: actor.participant.clone(),
                            };
                            self.applied.insert(op_id.clone(), applied);
                            let entry = LogEntry {
                                seq,
                                op_id,
                                actor: actor.participant,
                                op,
                                changes,
                                at: now,
                            };
                            pending.entries.push(entry);
                            pending.senders.push(member);
                            pending.disclosures.push(disclosure);
                        }
                        Err(reason) => self.send_to(member, &ServerMsg::Rejected { op_id, reason }),
                    }
                }
                Command::Join { joiner, reply } if self.broken => {
                    let _ = reply.send(JoinAnswer::Retry(joiner));
                }
                Command::Join { joiner, reply } => {
                    self.flush(&mut pending).await;
                    self.join(joiner);
                    let _ = reply.send(JoinAnswer::Joined);
                }
                Command::SetGroup { member, group } => {
                    let group = self.known_group(group);
                    if let Some(m) = self.members.get_mut(&member) {
                        m.group = group;
                        self.presence.changed();
                    }
                }
                Command::Leave { member } => {
                    self.flush(&mut pending).await;
                    if self.members.remove(&member).is_some() {
                        self.presence.changed();
                    }
                }
                Command::Snapshot { reply } => {
                    self.flush(&mut pending).await;
                    let _ = reply.send(Ok(self.board_at()));
                }
                Command::Feedback {
                    participant,
                    answer,
                    reply,
                } => {
                    // Ops before it are durable first: a close that is still pending counts.
                    self.flush(&mut pending).await;
                    let result = if self.broken {
                        Err(RoomError::Unavailable.into())
                    } else if !self.board.feedback_open {
                        Err(FeedbackRefused::Closed)
                    } else {
                        self.store
                            .put_feedback(&self.id, &participant, &answer, now_ms())
                            .await
                            .map_err(|e| {
                                tracing::error!(board = %self.id, error = %e, "feedback not stored");
                                RoomError::Unavailable.into()
                            })
                    };
                    let _ = reply.send(result);
                }
                Command::Revoke {
                    participants,
                    reply,
                } => {
                    self.flush(&mut pending).await;
                    self.dismiss(&participants, Dismissal::KeyRevoked);
                    let _ = reply.send(());
                }
                Command::Delete { condition, reply } => {
                    self.flush(&mut pending).await;
                    let _ = reply.send(self.delete(&condition).await);
                }
                Command::Barrier { reply } => {
                    self.flush(&mut pending).await;
                    let _ = reply.send(());
                }
            }
        }
        self.flush(&mut pending).await;
    }

    /// Deletes the board from storage; once it is gone (now, or before), dismisses everyone.
    async fn delete(&mut self, condition: &DeleteIf) -> Result<Deletion, KeyChangeError> {
        let outcome = self.store.delete_board(&self.id, condition).await?;
        match outcome {
            Deletion::Deleted | Deletion::NoSuchBoard => {
                let everyone: Vec<ParticipantId> = self
                    .members
                    .values()
                    .map(|m| m.actor.participant.clone())
                    .collect();
                self.dismiss(&everyone, Dismissal::BoardDeleted);
                self.deleted = true;
            }
            Deletion::StillActive => {}
        }
        Ok(outcome)
    }

    /// Removes every member that holds one of `participants`' keys, telling each why; dropping
    /// its outbox then ends its session.
    fn dismiss(&mut self, participants: &[ParticipantId], why: Dismissal) {
        let gone: Vec<MemberId> = self
            .members
            .iter()
            .filter(|(_, m)| participants.contains(&m.actor.participant))
            .map(|(&id, _)| id)
            .collect();
        for id in gone {
            if let Some(m) = self.members.remove(&id) {
                tracing::info!(board = %self.id, member = id, participant = %m.actor.participant, ?why, "member dismissed");
                let _ = m.dismissed.send(why);
                self.presence.changed();
            }
        }
    }

    /// Commits the pending ops, then broadcasts them. If storage fails, the board goes back to
    /// what storage holds and each sender hears `storage_unavailable`: nothing is broadcast that
    /// is not durable.
    async fn flush(&mut self, pending: &mut Pending) {
        if pending.entries.is_empty() {
            return;
        }
        let Pending {
            entries,
            senders,
            disclosures,
        } = std::mem::take(pending);
        match self.store.commit(&self.id, &entries).await {
            Ok(()) => {
                metrics::OPS_COMMITTED.add(entries.len() as u64);
                let newest = entries.iter().map(|e| e.at).max().unwrap_or_default();
                self.last_active_at = self.last_active_at.max(newest);
                for (entry, disclosure) in entries.into_iter().zip(disclosures) {
                    self.seq = entry.seq;
                    self.leave_removed_groups(&entry.changes);
                    let mut published = Published::new(entry, disclosure);
                    self.fan_out(&mut published);
                    self.remember(published);
                }
            }
            Err(e) => {
                tracing::error!(board = %self.id, ops = entries.len(), error = %e, "commit failed; ops rejected");
                self.recover().await;
                for (entry, member) in entries.into_iter().zip(senders) {
                    let reason = RejectReason::StorageUnavailable;
                    self.send_to(
                        member,
                        &ServerMsg::Rejected {
                            op_id: entry.op_id,
                            reason,
                        },
                    );
                }
            }
        }
    }

    /// Participants sitting in a section that was just removed sit in no group now, and
    /// everyone's counts are told again.
    fn leave_removed_groups(&mut self, changes: &[Change]) {
        for change in changes {
            if let Change::SectionRemoved { id } = change {
                for m in self.members.values_mut() {
                    if m.group.as_ref() == Some(id) {
                        m.group = None;
                        self.presence.changed();
                    }
                }
            }
        }
    }

    /// After a failed commit: reload the board from storage, or, if even that fails, mark the
    /// room broken so it stops and a later join loads the board afresh.
    async fn recover(&mut self) {
        match self.store.load_board(&self.id).await {
            Ok(Some(stored)) => self.reset(stored),
            Ok(None) | Err(_) => self.broken = true,
        }
    }

    fn join(&mut self, joiner: Joiner) {
        let viewer = joiner.actor.viewer();
        let behind = joiner
            .last_seq
            .and_then(|last| self.seq.checked_sub(last))
            .map(|n| n as usize);
        let catch_up = behind.filter(|&n| n <= self.recent.len());
        let you = Me {
            participant: joiner.actor.participant.clone(),
            role: joiner.actor.role,
            name: joiner.actor.name.clone(),
        };
        let group = self.known_group(joiner.group);
        let mut groups = self.groups();
        if let Some(g) = group
            .as_ref()
            .filter(|_| joiner.actor.role == Role::Participant)
        {
            *groups.entry(g.clone()).or_default() += 1;
        }
        let retention = self.retention_for(joiner.actor.role);
        let snapshot = match catch_up {
            Some(_) => None,
            None => self.snapshots.for_viewer(&self.board, self.seq, &viewer),
        };
        let welcome = WelcomeFrame {
            you: &you,
            join_code: &self.join_code,
            seq: self.seq,
            snapshot,
            online: self.members.len() as u32 + 1,
            groups: &groups,
            server_time: now_ms(),
            retention,
        }
        .encode();
        // A fresh outbox has room for the welcome and a whole resume window.
        let mut sent = joiner.outbox.try_send(welcome).is_ok();
        if let Some(n) = catch_up {
            let skip = self.recent.len() - n;
            for published in self.recent.iter_mut().skip(skip) {
                sent &= joiner.outbox.try_send(published.frame_for(&viewer)).is_ok();
            }
        }
        if sent {
            self.members.insert(
                joiner.member,
                Member {
                    actor: joiner.actor,
                    viewer,
                    outbox: joiner.outbox,
                    group,
                    dismissed: joiner.dismissed,
                },
            );
            self.presence.changed();
        }
    }

    /// When the board will be deleted if nothing happens: for facilitators, when there is a
    /// retention period.
    fn retention_for(&self, role: Role) -> Option<Retention> {
        let period = self.retention.filter(|_| role == Role::Facilitator)?;
        Some(Retention {
            deletes_at: self
                .last_active_at
                .saturating_add(period.as_millis() as u64),
            inactive_days: (period.as_secs() / 86_400) as u32,
        })
    }

    /// A group a client named, if the board has such a section.
    fn known_group(&self, group: Option<SectionId>) -> Option<SectionId> {
        group.filter(|g| self.board.sections.contains_key(g))
    }

    /// Participants online per group, for the groups that still exist.
    fn groups(&self) -> BTreeMap<SectionId, u32> {
        let mut groups = BTreeMap::new();
        for m in self.members.values() {
            if let Some(g) = m
                .group
                .as_ref()
                .filter(|_| m.actor.role == Role::Participant)
                && self.board.sections.contains_key(g)
            {
                *groups.entry(g.clone()).or_default() += 1;
            }
        }
        groups
    }

    /// Sends the original result of an op that was already applied, as its sender may see it.
    async fn repeat(&mut self, member: MemberId, seq: u64) {
        let Some(viewer) = self.members.get(&member).map(|m| m.viewer.clone()) else {
            return;
        };
        let oldest_recent = self.seq + 1 - self.recent.len() as u64;
        let frame = if seq >= oldest_recent {
            self.recent
                .get_mut((seq - oldest_recent) as usize)
                .map(|p| p.frame_for(&viewer))
        } else {
            match self.store.entry(&self.id, seq).await {
                // The boards around it are long gone. A repeat goes only to the op's actor, who
                // is always named and sees their own things; the board now stands in for the
                // one after it, which only decides what else they may see of it.
                Ok(entry) => entry.map(|e| {
                    let disclosure = Disclosure {
                        actor_shown_to: ActorShownTo::Nobody,
                        after: AfterOp::new(&self.board, &e.changes),
                    };
                    Published::new(e, disclosure).frame_for(&viewer)
                }),
                Err(e) => {
                    tracing::error!(board = %self.id, seq, error = %e, "cannot read an old op to repeat it");
                    None
                }
            }
        };
        match frame {
            Some(frame) => self.send_frame(member, frame),
            None => tracing::error!(board = %self.id, seq, "an applied op is missing from the log"),
        }
    }

    /// Takes an entry's changes into the board, and judges what redacting it needs.
    fn absorb(&mut self, actor: &ParticipantId, changes: &[Change]) -> Disclosure {
        let actor_shown_to = actor_shown_to(&self.board, actor, changes);
        changes.iter().for_each(|c| self.board.absorb(c));
        Disclosure {
            actor_shown_to,
            after: AfterOp::new(&self.board, changes),
        }
    }

    fn board_at(&self) -> BoardAt {
        BoardAt {
            seq: self.seq,
            join_code: self.join_code.clone(),
            board: self.board.clone(),
        }
    }

    fn remember(&mut self, published: Published) {
        if self.recent.len() == RESUME_WINDOW {
            self.recent.pop_front();
        }
        debug_assert!(
            self.recent
                .back()
                .is_none_or(|p| p.seq() + 1 == published.seq())
        );
        self.recent.push_back(published);
    }

    /// Gives every member the op's frame for their audience: one encoding per audience, and
    /// the same bytes to every member of it. Members whose outbox is full are dropped.
    fn fan_out(&mut self, published: &mut Published) {
        let before = self.members.len();
        let board = &self.id;
        self.members.retain(|member, m| {
            let kept = m.outbox.try_send(published.frame_for(&m.viewer)).is_ok();
            if !kept {
                tracing::debug!(%board, member, "outbox full or closed; member dropped");
            }
            kept
        });
        if self.members.len() != before {
            self.presence.changed();
        }
    }

    /// Gives every member the same bytes. A member whose outbox is full (or gone) is dropped:
    /// its session closes and the client resumes from `last_seq`.
    fn broadcast(&mut self, frame: Utf8Bytes) {
        let before = self.members.len();
        let board = &self.id;
        self.members.retain(|member, m| {
            let kept = m.outbox.try_send(frame.clone()).is_ok();
            if !kept {
                tracing::debug!(%board, member, "outbox full or closed; member dropped");
            }
            kept
        });
        if self.members.len() != before {
            self.presence.changed();
        }
    }

    fn send_to(&mut self, member: MemberId, msg: &ServerMsg) {
        self.send_frame(member, encode(msg));
    }

    fn send_frame(&mut self, member: MemberId, frame: Utf8Bytes) {
        let Some(m) = self.members.get(&member) else {
            return;
        };
        if m.outbox.try_send(frame).is_err() {
            tracing::debug!(board = %self.id, member, participant = %m.actor.participant, "outbox full; member dropped");
            self.members.remove(&member);
            self.presence.changed();
        }
    }

    /// Writes a snapshot once at least `every` ops have been committed since the last one.
    async fn maybe_snapshot(&mut self, every: u64) {
        if self.seq < self.snapshot_seq + every {
            return;
        }
        match self
            .store
            .write_snapshot(&self.board, self.seq, now_ms())
            .await
        {
            Ok(()) => self.snapshot_seq = self.seq,
            Err(e) => {
                tracing::warn!(board = %self.id, seq = self.seq, error = %e, "snapshot failed; will retry")
            }
        }
    }
}

/// How a room leaves the registry.
struct Exit {
    id: BoardId,
    generation: u64,
    registry: Arc<DashMap<BoardId, RoomHandle>>,
}

impl Exit {
    /// Removes this room (and never a successor) from the registry, then answers what was
    /// still queued: joins go to the successor, snapshots are answered from `room` unless it
    /// is broken. Dropping the room afterwards closes every member's outbox.
    async fn hand_back(self, mut commands: mpsc::Receiver<Command>, room: Option<&BoardRoom>) {
        self.registry
            .remove_if(&self.id, |_, h| h.generation == self.generation);
        commands.close();
        while let Some(cmd) = commands.recv().await {
            match cmd {
                Command::Join { joiner, reply } => {
                    let _ = reply.send(JoinAnswer::Retry(joiner));
                }
                Command::Snapshot { reply } => {
                    let _ = reply.send(room.map(BoardRoom::board_at).ok_or(RoomError::Unavailable));
                }
                // Dropping a barrier's reply tells its sender the room is gone; a revoke has
                // nobody left to dismiss; a delete is then made in storage by its sender; a
                // dropped feedback answer goes to the successor.
                Command::Op { .. }
                | Command::Feedback { .. }
                | Command::SetGroup { .. }
                | Command::Leave { .. }
                | Command::Revoke { .. }
                | Command::Delete { .. }
                | Command::Barrier { .. } => {}
            }
        }
    }

    /// For a room that could not load: every request gets the error.
    async fn refuse_all(self, mut commands: mpsc::Receiver<Command>, error: RoomError) {
        self.registry
            .remove_if(&self.id, |_, h| h.generation == self.generation);
        commands.close();
        while let Some(cmd) = commands.recv().await {
            refuse(cmd, error);
        }
    }
}

/// Answers a command for a board the room does not serve: it is not in storage, or it could
/// not be loaded.
fn refuse(cmd: Command, error: RoomError) {
    match cmd {
        Command::Join { reply, .. } => {
            let _ = reply.send(JoinAnswer::Failed(error));
        }
        Command::Snapshot { reply } => {
            let _ = reply.send(Err(error));
        }
        Command::Feedback { reply, .. } => {
            let _ = reply.send(Err(error.into()));
        }
        // Nothing to delete; a board that failed to load is left to its sender to delete.
        Command::Delete { reply, .. } if error == RoomError::UnknownBoard => {
            let _ = reply.send(Ok(Deletion::NoSuchBoard));
        }
        Command::Op { .. }
        | Command::SetGroup { .. }
        | Command::Leave { .. }
        | Command::Revoke { .. }
        | Command::Delete { .. }
        | Command::Barrier { .. } => {}
    }
}

/// Waits until `due`, or forever when nothing is due.
async fn sleep_until_due(due: Option<tokio::time::Instant>) {
    match due {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
