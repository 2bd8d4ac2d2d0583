//! The reference model: the board rules as docs/protocol.md states them, written apart from
//! `talkoot_shared::apply` so that the model test can catch `apply` being wrong. Sections and
//! notes are plain lists in display order, with no order keys.

use talkoot_shared::limits::{
    MAX_NOTE_TEXT_CHARS, MAX_NOTES, MAX_SECTION_TITLE_CHARS, MAX_SECTIONS,
};
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::{Board, Colour, NoteId, Op, ParticipantId, RejectReason, SectionId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelNote {
    id: NoteId,
    text: String,
    colour: Colour,
    author: ParticipantId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSection {
    pub id: SectionId,
    title: String,
    colour: Colour,
    /// In display order.
    notes: Vec<ModelNote>,
}

/// The board as display-ordered lists: what a person sees.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Model {
    pub sections: Vec<ModelSection>,
}

pub struct Who {
    pub participant: ParticipantId,
    pub facilitator: bool,
}

fn text_rule(field: Field, text: &str, max: usize) -> Result<(), RejectReason> {
    if text.trim().is_empty() {
        Err(RejectReason::Empty { field })
    } else if text.chars().count() > max {
        Err(RejectReason::TooLong {
            field,
            max: max as u32,
        })
    } else {
        Ok(())
    }
}

impl Model {
    /// How a real board looks as the model sees it.
    pub fn of(board: &Board) -> Model {
        let sections = board
            .ordered_sections()
            .into_iter()
            .map(|s| ModelSection {
                id: s.id.clone(),
                title: s.title.clone(),
                colour: s.colour,
                notes: board
                    .notes_in(&s.id)
                    .into_iter()
                    .map(|n| ModelNote {
                        id: n.id.clone(),
                        text: n.text.clone(),
                        colour: n.colour,
                        author: n.author.clone(),
                    })
                    .collect(),
            })
            .collect();
        Model { sections }
    }

    fn section(&self, id: &SectionId) -> Result<usize, RejectReason> {
        self.sections
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| RejectReason::UnknownSection { id: id.clone() })
    }

    /// (section index, note index) of a note.
    pub fn note(&self, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(s, sec)| sec.notes.iter().position(|n| &n.id == id).map(|n| (s, n)))
            .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })
    }

    /// A note the actor may change: their own, or any for the facilitator.
    fn own(&self, who: &Who, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        let (s, n) = self.note(id)?;
        if who.facilitator || self.sections[s].notes[n].author == who.participant {
            Ok((s, n))
        } else {
            Err(RejectReason::Forbidden)
        }
    }

    fn note_count(&self) -> usize {
        self.sections.iter().map(|s| s.notes.len()).sum()
    }

    pub fn step(&mut self, who: &Who, op: &Op) -> Result<(), RejectReason> {
        let facilitator_only = || {
            if who.facilitator {
                Ok(())
            } else {
                Err(RejectReason::Forbidden)
            }
        };
        match op {
            Op::LockBoard { .. }
            | Op::SetProjector { .. }
            | Op::SetPhases { .. }
            | Op::GoToPhase { .. }
            | Op::LockSection { .. } => {
                unreachable!("the script generates no phase, lock or projector ops yet")
            }
            Op::AddSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                if self.section(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.sections.len() >= MAX_SECTIONS {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Sections,
                        max: MAX_SECTIONS as u32,
                    });
                }
                self.sections.push(ModelSection {
                    id: id.clone(),
                    title: title.clone(),
                    colour: *colour,
                    notes: Vec::new(),
                });
            }
            Op::UpdateSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                let s = self.section(id)?;
                self.sections[s].title = title.clone();
                self.sections[s].colour = *colour;
            }
            Op::MoveSection { id, before } => {
                facilitator_only()?;
                let s = self.section(id)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    self.section(b)?;
                }
                let moved = self.sections.remove(s);
                let at = match before {
                    Some(b) => self.section(b)?,
                    None => self.sections.len(),
                };
                self.sections.insert(at, moved);
            }
            Op::DeleteSection { id } => {
                facilitator_only()?;
                let s = self.section(id)?;
                self.sections.remove(s);
            }
            Op::PostNote {
                id,
                section,
                text,
                colour,
            } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let s = self.section(section)?;
                if self.note(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.note_count() >= MAX_NOTES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Notes,
                        max: MAX_NOTES as u32,
                    });
                }
                self.sections[s].notes.push(ModelNote {
                    id: id.clone(),
                    text: text.clone(),
                    colour: *colour,
                    author: who.participant.clone(),
                });
            }
            Op::EditNote { id, text } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].text = text.clone();
            }
            Op::RecolourNote { id, colour } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].colour = *colour;
            }
            Op::MoveNote {
                id,
                section,
                before,
            } => {
                let (s, n) = self.own(who, id)?;
                let to = self.section(section)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    let (bs, _) = self.note(b)?;
                    if bs != to {
                        return Err(RejectReason::BadPosition);
                    }
                }
                let moved = self.sections[s].notes.remove(n);
                let at = match before {
                    Some(b) => self.note(b)?.1,
                    None => self.sections[to].notes.len(),
                };
                self.sections[to].notes.insert(at, moved);
            }
            Op::DeleteNote { id } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes.remove(n);
            }
            Op::UpdateBoard { .. } => unreachable!("the script never sends it"),
        }
        Ok(())
    }
}
