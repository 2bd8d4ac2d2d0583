//! The board. The server's room owns one `Board` per loaded board and changes it only through
//! [`Board::absorb`]; clients hold the same structure, as `visibility` shows it to them, and
//! absorb the same changes (redacted for them), so both sides agree by construction.

mod meta;
mod note;
mod phase;
mod section;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::Change;
use crate::ids::{BoardId, NoteId, PhaseId, SectionId};
pub use meta::{BoardMeta, Language, ProjectorSettings};
pub use note::Note;
pub use phase::Phase;
pub use section::Section;

/// Milliseconds since the Unix epoch, as the server's clock saw it.
pub type Timestamp = u64;

/// Sticky-note and section colours. A fixed palette, so that every colour is known to keep text
/// readable (WCAG AA contrast) in the web app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Yellow,
    Pink,
    Blue,
    Green,
    Orange,
    Purple,
}

/// A whole board: what a snapshot carries and what a room holds in memory. Fields added after
/// the first release default, so older stored snapshots still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Board {
    pub id: BoardId,
    pub meta: BoardMeta,
    pub sections: BTreeMap<SectionId, Section>,
    pub notes: BTreeMap<NoteId, Note>,
    /// The workshop's steps, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// The current phase; `null` before the facilitator starts one: posting is open and
    /// nothing is private.
    #[serde(default)]
    pub phase: Option<PhaseId>,
    /// Participants may not post, edit, move or delete notes anywhere.
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub projector: ProjectorSettings,
    /// Notes this viewer may not see, each with the section it is in: how "3 notes in group X"
    /// is known without the notes. Only a view made by `as_seen_by` fills it; the room's own
    /// board keeps every note in `notes` and this empty.
    #[serde(default)]
    pub hidden_notes: BTreeMap<NoteId, SectionId>,
}

impl Board {
    pub fn new(id: BoardId, meta: BoardMeta) -> Self {
        Board {
            id,
            meta,
            sections: BTreeMap::new(),
            notes: BTreeMap::new(),
            phases: Vec::new(),
            phase: None,
            locked: false,
            projector: ProjectorSettings::default(),
            hidden_notes: BTreeMap::new(),
        }
    }

    /// Takes in the effect of an accepted op. Changes are upserts and removals, so absorbing
    /// the same change twice leaves the same board.
    pub fn absorb(&mut self, change: &Change) {
        match change {
            Change::Board { meta } => self.meta = meta.clone(),
            Change::Section { section } => {
                self.sections.insert(section.id.clone(), section.clone());
            }
            Change::SectionRemoved { id } => {
                self.sections.remove(id);
            }
            Change::Note { note } => {
                self.hidden_notes.remove(&note.id);
                self.notes.insert(note.id.clone(), note.clone());
            }
            Change::HiddenNote { id, section } => {
                self.notes.remove(id);
                self.hidden_notes.insert(id.clone(), section.clone());
            }
            Change::NoteRemoved { id } => {
                self.notes.remove(id);
                self.hidden_notes.remove(id);
            }
            Change::SectionOrder { id, order } => {
                if let Some(section) = self.sections.get_mut(id) {
                    section.order.clone_from(order);
                }
            }
            Change::NoteOrder { id, order } => {
                if let Some(note) = self.notes.get_mut(id) {
                    note.order.clone_from(order);
                }
            }
            Change::Phases { phases } => self.phases.clone_from(phases),
            Change::CurrentPhase { id } => self.phase.clone_from(id),
            Change::BoardLock { locked } => self.locked = *locked,
            Change::Projector { settings } => self.projector = *settings,
        }
    }

    /// Sections in display order.
    pub fn ordered_sections(&self) -> Vec<&Section> {
        let mut sections: Vec<&Section> = self.sections.values().collect();
        sections.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        sections
    }

    /// The notes of one section in display order.
    pub fn notes_in(&self, section: &SectionId) -> Vec<&Note> {
        let mut notes: Vec<&Note> = self
            .notes
            .values()
            .filter(|n| &n.section == section)
            .collect();
        notes.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        notes
    }

    /// The phase the board is in, if one has been started.
    pub fn current_phase(&self) -> Option<&Phase> {
        let id = self.phase.as_ref()?;
        self.phases.iter().find(|p| &p.id == id)
    }

    /// Whether a participant's new note is private now.
    pub fn writing_is_private(&self) -> bool {
        self.current_phase().is_some_and(|p| p.private_notes)
    }

    /// Whether participants may post new notes now.
    pub fn posting_is_open(&self) -> bool {
        self.current_phase().is_none_or(|p| p.posting_open)
    }
}
