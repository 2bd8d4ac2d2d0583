//! One committed op as the room keeps it for fan-out, resumes and repeats: its effect, and its
//! `applied` message encoded once per audience, as each is first needed. Every member gets a
//! frame for every seq; one who may not see a change gets its redacted form, and one who may
//! not know who wrote a hidden note the op touched reads `hidden` as its actor.

use serde::Serialize;
use talkoot_shared::visibility::{ActorShownTo, AfterOp, may_see_actor, redact_all};
use talkoot_shared::{Audience, Change, OpId, ParticipantId, Viewer};
use tungstenite::Utf8Bytes;

use crate::metrics;
use crate::store::LogEntry;
use crate::wire::encode;

pub(super) struct Published {
    seq: u64,
    op_id: OpId,
    actor: ParticipantId,
    changes: Vec<Change>,
    disclosure: Disclosure,
    /// Keyed by audience and by whether the actor is named.
    frames: Vec<((Audience, bool), Utf8Bytes)>,
}

/// What redacting one entry needs, judged when it was applied: who may know its actor
/// (`visibility::actor_shown_to`, on the board before it) and the board after it.
pub(super) struct Disclosure {
    pub actor_shown_to: ActorShownTo,
    pub after: AfterOp,
}

/// `ServerMsg::Applied`, borrowed, so a redacted list needs no copy of the rest.
#[derive(Serialize)]
#[serde(tag = "type", rename = "applied")]
struct AppliedFrame<'a> {
    seq: u64,
    op_id: &'a OpId,
    actor: &'a ParticipantId,
    changes: &'a [Change],
}

impl Published {
    pub(super) fn new(entry: LogEntry, disclosure: Disclosure) -> Self {
        Published {
            seq: entry.seq,
            op_id: entry.op_id,
            actor: entry.actor,
            changes: entry.changes,
            disclosure,
            frames: Vec::new(),
        }
    }

    pub(super) fn seq(&self) -> u64 {
        self.seq
    }

    /// The `applied` frame as `viewer` may see it.
    pub(super) fn frame_for(&mut self, viewer: &Viewer) -> Utf8Bytes {
        let Disclosure {
            actor_shown_to,
            after,
        } = &self.disclosure;
        let named = may_see_actor(viewer, &self.actor, *actor_shown_to);
        let key = (Audience::of_changes(&self.changes, after, viewer), named);
        if let Some(frame) = self.cached(&key) {
            return frame;
        }
        let hidden = ParticipantId::hidden();
        let actor = if named { &self.actor } else { &hidden };
        let frame = if key.0 == Audience::Everyone {
            self.encode(&self.changes, actor)
        } else {
            let redacted = redact_all(&self.changes, viewer, after);
            if named && redacted == self.changes {
                // Whoever is shown everything shares one encoding, whatever their audience.
                self.unredacted_frame()
            } else {
                self.encode(&redacted, actor)
            }
        };
        self.frames.push((key, frame.clone()));
        frame
    }

    /// The frame with every change and the actor named, kept under `Everyone` (which no viewer
    /// of a redacted entry is) whoever asks for it first.
    fn unredacted_frame(&mut self) -> Utf8Bytes {
        let key = (Audience::Everyone, true);
        if let Some(frame) = self.cached(&key) {
            return frame;
        }
        let frame = self.encode(&self.changes, &self.actor);
        self.frames.push((key, frame.clone()));
        frame
    }

    fn cached(&self, key: &(Audience, bool)) -> Option<Utf8Bytes> {
        self.frames
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, frame)| frame.clone())
    }

    fn encode(&self, changes: &[Change], actor: &ParticipantId) -> Utf8Bytes {
        metrics::APPLIED_ENCODED.inc();
        encode(&AppliedFrame {
            seq: self.seq,
            op_id: &self.op_id,
            actor,
            changes,
        })
    }
}
