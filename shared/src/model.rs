//! The board as everyone sees it. The server's room owns one `Board` per loaded board and
//! changes it only through [`Board::absorb`]; clients hold the same structure and absorb the same
//! changes, so both sides agree by construction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{BoardId, NoteId, ParticipantId, SectionId};
use crate::op::Change;

/// Milliseconds since the Unix epoch, as the server's clock saw it.
pub type Timestamp = u64;

/// The board's working language: it picks the UI language a joiner starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fi,
    Sv,
    En,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardMeta {
    pub title: String,
    /// The case material: shown pinned above the sections.
    pub description: String,
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub colour: Colour,
    /// Fractional order key: sections sort by it (byte order).
    pub order: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Note {
    pub id: NoteId,
    pub section: SectionId,
    pub text: String,
    pub colour: Colour,
    pub author: ParticipantId,
    /// The author's display name when they posted; `null` means anonymous.
    pub author_name: Option<String>,
    /// Fractional order key within the section (byte order).
    pub order: String,
    #[ts(type = "number")]
    pub created_at: Timestamp,
    #[ts(type = "number")]
    pub updated_at: Timestamp,
}

/// A whole board: what a snapshot carries and what a room holds in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Board {
    pub id: BoardId,
    pub meta: BoardMeta,
    pub sections: BTreeMap<SectionId, Section>,
    pub notes: BTreeMap<NoteId, Note>,
}

impl Board {
    pub fn new(id: BoardId, meta: BoardMeta) -> Self {
        Board {
            id,
            meta,
            sections: BTreeMap::new(),
            notes: BTreeMap::new(),
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
                self.notes.insert(note.id.clone(), note.clone());
            }
            Change::NoteRemoved { id } => {
                self.notes.remove(id);
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
}
