//! The rules of the board: [`apply`] decides what an op from an actor does, as a list of changes,
//! or why it may not happen. It is pure, so the server, the fuzzer and model tests share it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::blank::is_blank;
use crate::ids::{NoteId, ParticipantId, SectionId};
use crate::limits::*;
use crate::model::{Board, Note, Section, Timestamp};
use crate::op::{Change, Countable, Field, Op, RejectReason};
use crate::order_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds the facilitator key: may change anything on the board.
    Facilitator,
    /// Joined with the code: may post, and edit, move and delete their own notes.
    Participant,
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
            let last = board.ordered_sections().last().map(|s| s.order.clone());
            let order = order_key::between(last.as_deref(), None);
            Ok(vec![Change::Section {
                section: Section {
                    id: id.clone(),
                    title: title.clone(),
                    colour: *colour,
                    order,
                },
            }])
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
            let others: Vec<&str> = board
                .ordered_sections()
                .into_iter()
                .filter(|s| &s.id != id)
                .map(|s| s.order.as_str())
                .collect();
            let target = match before {
                None => None,
                Some(b) if b == id => return Err(RejectReason::BadPosition),
                Some(b) => Some(self::section(board, b)?.order.as_str()),
            };
            let order = key_before(&others, target);
            Ok(vec![Change::Section {
                section: Section {
                    order,
                    ..section.clone()
                },
            }])
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
            let last = board.notes_in(section_id).last().map(|n| n.order.clone());
            let note = Note {
                id: id.clone(),
                section: section_id.clone(),
                text: text.clone(),
                colour: *colour,
                author: actor.participant.clone(),
                author_name: actor.name.clone(),
                order: order_key::between(last.as_deref(), None),
                created_at: now,
                updated_at: now,
            };
            Ok(vec![Change::Note { note }])
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
            let others: Vec<&str> = board
                .notes_in(section_id)
                .into_iter()
                .filter(|n| &n.id != id)
                .map(|n| n.order.as_str())
                .collect();
            let target = match before {
                None => None,
                Some(b) if b == id => return Err(RejectReason::BadPosition),
                Some(b) => {
                    let target = board
                        .notes
                        .get(b)
                        .ok_or_else(|| RejectReason::UnknownNote { id: b.clone() })?;
                    if &target.section != section_id {
                        return Err(RejectReason::BadPosition);
                    }
                    Some(target.order.as_str())
                }
            };
            let order = key_before(&others, target);
            Ok(vec![Change::Note {
                note: Note {
                    section: section_id.clone(),
                    order,
                    updated_at: now,
                    ..note.clone()
                },
            }])
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

/// A key that sorts just before `target` among `orders` (sorted, without the moved entity), or
/// after all of them when `target` is `None`.
fn key_before(orders: &[&str], target: Option<&str>) -> String {
    match target {
        None => order_key::between(orders.last().copied(), None),
        Some(t) => {
            let prev = orders.iter().copied().take_while(|o| *o < t).last();
            order_key::between(prev, Some(t))
        }
    }
}

fn facilitator_only(actor: &Actor) -> Result<(), RejectReason> {
    match actor.role {
        Role::Facilitator => Ok(()),
        Role::Participant => Err(RejectReason::Forbidden),
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
