//! The rules of the board: [`apply`] decides what an op from an actor does, as a list of changes,
//! or why it may not happen. It is pure, so the server, the fuzzer and model tests share it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::blank::is_blank;
use crate::ids::{NoteId, ParticipantId, SectionId};
use crate::limits::*;
use crate::model::{Board, Note, Section, Timestamp};
use crate::op::{Change, Countable, Field, Op, RejectReason};
use crate::placement;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds the facilitator key: may change anything on the board.
    Facilitator,
    /// Joined with the code: may post, and edit, move and delete their own notes.
    Participant,
    /// Holds the projector key, for the screen at the front of the room (often a venue PC):
    /// sees the board as a participant who wrote nothing would, and may change nothing.
    Projector,
}

/// Who sent an op, as the server established it from their token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub participant: ParticipantId,
    pub role: Role,
    /// Display name; `None` is anonymous.
    pub name: Option<String>,
}

/// Decides the effect of `op` by `actor` on `board` at time `now`. The board is not changed:
/// absorb the returned changes to commit them.
pub fn apply(
    board: &Board,
    actor: &Actor,
    op: &Op,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    // The projector shows the board; it never changes it.
    if actor.role == Role::Projector {
        return Err(RejectReason::Forbidden);
    }
    match op {
        Op::UpdateBoard { meta } => {
            facilitator_only(actor)?;
            check_text(Field::BoardTitle, &meta.title, MAX_BOARD_TITLE_CHARS, true)?;
            check_text(
                Field::Description,
                &meta.description,
                MAX_DESCRIPTION_CHARS,
                false,
            )?;
            Ok(vec![Change::Board { meta: meta.clone() }])
        }
        Op::AddSection { id, title, colour } => {
            facilitator_only(actor)?;
            check_section_title(title)?;
            if board.sections.contains_key(id) {
                return Err(RejectReason::DuplicateId);
            }
            if board.sections.len() >= MAX_SECTIONS {
                return Err(limit(Countable::Sections, MAX_SECTIONS));
            }
            let siblings = board.ordered_sections();
            let (order, renumbered) = place(&siblings, siblings.len());
            let mut changes = vec![Change::Section {
                section: Section {
                    id: id.clone(),
                    title: title.clone(),
                    colour: *colour,
                    order,
                },
            }];
            changes.extend(renumbered);
            Ok(changes)
        }
        Op::UpdateSection { id, title, colour } => {
            facilitator_only(actor)?;
            check_section_title(title)?;
            let section = section(board, id)?;
            Ok(vec![Change::Section {
                section: Section {
                    title: title.clone(),
                    colour: *colour,
                    ..section.clone()
                },
            }])
        }
        Op::MoveSection { id, before } => {
            facilitator_only(actor)?;
            let section = section(board, id)?;
            let siblings: Vec<&Section> = board
                .ordered_sections()
                .into_iter()
                .filter(|s| &s.id != id)
                .collect();
            let at = match before {
                None => siblings.len(),
                Some(b) if b == id => return Err(RejectReason::BadPosition),
                Some(b) => {
                    self::section(board, b)?;
                    index_of(siblings.iter().map(|s| &s.id), b)?
                }
            };
            let (order, renumbered) = place(&siblings, at);
            let mut changes = vec![Change::Section {
                section: Section {
                    order,
                    ..section.clone()
                },
            }];
            changes.extend(renumbered);
            Ok(changes)
        }
        Op::DeleteSection { id } => {
            facilitator_only(actor)?;
            section(board, id)?;
            let mut changes: Vec<Change> = board
                .notes
                .values()
                .filter(|n| &n.section == id)
                .map(|n| Change::NoteRemoved { id: n.id.clone() })
                .collect();
            changes.push(Change::SectionRemoved { id: id.clone() });
            Ok(changes)
        }
        Op::PostNote {
            id,
            section: section_id,
            text,
            colour,
        } => {
            check_note_text(text)?;
            section(board, section_id)?;
            if board.notes.contains_key(id) {
                return Err(RejectReason::DuplicateId);
            }
            if board.notes.len() >= MAX_NOTES {
                return Err(limit(Countable::Notes, MAX_NOTES));
            }
            let siblings = board.notes_in(section_id);
            let (order, renumbered) = place(&siblings, siblings.len());
            let note = Note {
                id: id.clone(),
                section: section_id.clone(),
                text: text.clone(),
                colour: *colour,
                author: actor.participant.clone(),
                author_name: actor.name.clone(),
                order,
                created_at: now,
                updated_at: now,
            };
            let mut changes = vec![Change::Note { note }];
            changes.extend(renumbered);
            Ok(changes)
        }
        Op::EditNote { id, text } => {
            check_note_text(text)?;
            let note = own_note(board, actor, id)?;
            Ok(vec![Change::Note {
                note: Note {
                    text: text.clone(),
                    updated_at: now,
                    ..note.clone()
                },
            }])
        }
        Op::RecolourNote { id, colour } => {
            let note = own_note(board, actor, id)?;
            Ok(vec![Change::Note {
                note: Note {
                    colour: *colour,
                    updated_at: now,
                    ..note.clone()
                },
            }])
        }
        Op::MoveNote {
            id,
            section: section_id,
            before,
        } => {
            let note = own_note(board, actor, id)?;
            section(board, section_id)?;
            let siblings: Vec<&Note> = board
                .notes_in(section_id)
                .into_iter()
                .filter(|n| &n.id != id)
                .collect();
            let at = match before {
                None => siblings.len(),
                Some(b) if b == id => return Err(RejectReason::BadPosition),
                Some(b) => {
                    let target = board
                        .notes
                        .get(b)
                        .ok_or_else(|| RejectReason::UnknownNote { id: b.clone() })?;
                    if &target.section != section_id {
                        return Err(RejectReason::BadPosition);
                    }
                    index_of(siblings.iter().map(|n| &n.id), b)?
                }
            };
            let (order, renumbered) = place(&siblings, at);
            let mut changes = vec![Change::Note {
                note: Note {
                    section: section_id.clone(),
                    order,
                    updated_at: now,
                    ..note.clone()
                },
            }];
            changes.extend(renumbered);
            Ok(changes)
        }
        Op::DeleteNote { id } => {
            own_note(board, actor, id)?;
            Ok(vec![Change::NoteRemoved { id: id.clone() }])
        }
    }
}

/// Checks a display name chosen at join; empty means anonymous and is allowed.
pub fn check_name(name: &str) -> Result<(), RejectReason> {
    check_text(Field::Name, name, MAX_NAME_CHARS, false)
}

/// Where `before` is among the siblings. It is always there once it is known to exist in the same
/// place and not to be the moved entity, but a miss is a bad position, never a panic.
fn index_of<'a, I: PartialEq + 'a>(
    siblings: impl Iterator<Item = &'a I>,
    before: &I,
) -> Result<usize, RejectReason> {
    siblings
        .into_iter()
        .position(|x| x == before)
        .ok_or(RejectReason::BadPosition)
}

/// A section or a note: what has an order key among its siblings.
trait Sibling {
    fn order(&self) -> &str;
    /// The change that gives it a new key and nothing else: its content, and so a note's
    /// `updated_at`, is as it was.
    fn renumbered(&self, order: String) -> Change;
}

impl Sibling for Section {
    fn order(&self) -> &str {
        &self.order
    }
    fn renumbered(&self, order: String) -> Change {
        Change::SectionOrder {
            id: self.id.clone(),
            order,
        }
    }
}

impl Sibling for Note {
    fn order(&self) -> &str {
        &self.order
    }
    fn renumbered(&self, order: String) -> Change {
        Change::NoteOrder {
            id: self.id.clone(),
            order,
        }
    }
}

/// The key for an entity at index `at` among `siblings` (display order, without it), and the
/// changes for any siblings that had to be renumbered to keep keys short.
fn place<T: Sibling>(siblings: &[&T], at: usize) -> (String, Vec<Change>) {
    let keys: Vec<&str> = siblings.iter().map(|s| s.order()).collect();
    let placed = placement::place(&keys, at);
    let renumbered = siblings
        .iter()
        .zip(placed.siblings)
        .filter(|(s, key)| s.order() != key)
        .map(|(s, key)| s.renumbered(key))
        .collect();
    (placed.key, renumbered)
}

fn facilitator_only(actor: &Actor) -> Result<(), RejectReason> {
    match actor.role {
        Role::Facilitator => Ok(()),
        Role::Participant | Role::Projector => Err(RejectReason::Forbidden),
    }
}

fn section<'b>(board: &'b Board, id: &SectionId) -> Result<&'b Section, RejectReason> {
    board
        .sections
        .get(id)
        .ok_or_else(|| RejectReason::UnknownSection { id: id.clone() })
}

/// The note, if the actor may change it: its author or a facilitator.
fn own_note<'b>(board: &'b Board, actor: &Actor, id: &NoteId) -> Result<&'b Note, RejectReason> {
    let note = board
        .notes
        .get(id)
        .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })?;
    if actor.role == Role::Facilitator || note.author == actor.participant {
        Ok(note)
    } else {
        Err(RejectReason::Forbidden)
    }
}

fn check_section_title(title: &str) -> Result<(), RejectReason> {
    check_text(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS, true)
}

fn check_note_text(text: &str) -> Result<(), RejectReason> {
    check_text(Field::NoteText, text, MAX_NOTE_TEXT_CHARS, true)
}

fn check_text(field: Field, text: &str, max: usize, required: bool) -> Result<(), RejectReason> {
    if required && is_blank(text) {
        return Err(RejectReason::Empty { field });
    }
    if text.chars().count() > max {
        return Err(RejectReason::TooLong {
            field,
            max: max as u32,
        });
    }
    Ok(())
}

fn limit(what: Countable, max: usize) -> RejectReason {
    RejectReason::LimitReached {
        what,
        max: max as u32,
    }
}
