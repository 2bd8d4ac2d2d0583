//! One committed op as the room keeps it for fan-out, resumes and repeats: its effect, and its
//! `applied` message encoded once per audience, as each is first needed. Every member gets a
//! frame for every seq; one who may not see a change gets its redacted form, and one who may
//! not know who wrote a hidden note the op touched reads `hidden` as its actor.

use serde::Serialize;
use talkoot_shared::visibility::{may_see_actor, redact};
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
    /// The op touched its actor's own private note (`visibility::hides_actor`).
    hides_actor: bool,
    frames: Vec<(Audience, Utf8Bytes)>,
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
    /// `hides_actor` is `visibility::hides_actor` for the entry, judged on the board before it.
    pub(super) fn new(entry: LogEntry, hides_actor: bool) -> Self {
        Published {
            seq: entry.seq,
            op_id: entry.op_id,
            actor: entry.actor,
            changes: entry.changes,
            hides_actor,
            frames: Vec::new(),
        }
    }

    pub(super) fn seq(&self) -> u64 {
        self.seq
    }

    /// The `applied` frame as `viewer` may see it.
    pub(super) fn frame_for(&mut self, viewer: &Viewer) -> Utf8Bytes {
        let anonymous = self.hides_actor && !may_see_actor(viewer, &self.actor);
        // Everyone who may not know the actor is in `Public`, and nobody else is: whoever may
        // know them is a facilitator or the actor, who is `Author` (or `Everyone`, deleting).
        let audience = if anonymous {
            Audience::Public
        } else {
            Audience::of_changes(&self.changes, viewer)
        };
        if let Some(frame) = self.cached(&audience) {
            return frame;
        }
        let frame = match audience {
            Audience::Everyone => self.encode(&self.changes, &self.actor),
            Audience::Facilitators => self.full_frame(),
            Audience::Public | Audience::Author(_) => {
                let redacted: Vec<Change> =
                    self.changes.iter().map(|c| redact(c, viewer)).collect();
                if anonymous {
                    self.encode(&redacted, &ParticipantId::hidden())
                } else if redacted == self.changes {
                    // An author who is shown everything shares the facilitators' bytes.
                    self.full_frame()
                } else {
                    self.encode(&redacted, &self.actor)
                }
            }
        };
        self.frames.push((audience, frame.clone()));
        frame
    }

    /// The unredacted frame, kept under `Facilitators` whoever asks for it first.
    fn full_frame(&mut self) -> Utf8Bytes {
        if let Some(frame) = self.cached(&Audience::Facilitators) {
            return frame;
        }
        let frame = self.encode(&self.changes, &self.actor);
        self.frames.push((Audience::Facilitators, frame.clone()));
        frame
    }

    fn cached(&self, audience: &Audience) -> Option<Utf8Bytes> {
        self.frames
            .iter()
            .find(|(a, _)| a == audience)
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
