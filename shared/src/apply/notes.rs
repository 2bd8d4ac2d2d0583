//! Notes: anyone but the projector posts; authors and facilitators edit, move and delete.
//! Participants are also bound by the board's and the section's locks and by the phase.

use super::sections::section;
use super::{check_text, index_of, limit, place};
use crate::actor::{Actor, Role};
use crate::change::Change;
use crate::ids::{NoteId, SectionId};
use crate::limits::{MAX_NOTE_TEXT_CHARS, MAX_NOTES};
use crate::model::{Board, Colour, Note, Section, Timestamp};
use crate::reject::{Countable, Field, RejectReason};

pub(super) fn post(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
    section_id: &SectionId,
    text: &str,
    colour: Colour,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    check_note_text(text)?;
    let target = section(board, section_id)?;
    unlocked(board, actor, target)?;
    let participant = actor.role == Role::Participant;
    if participant && !board.posting_is_open() {
        return Err(RejectReason::PostingClosed);
    }
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
        text: text.to_owned(),
        colour,
        author: actor.participant.clone(),
        author_name: actor.name.clone(),
        order,
        created_at: now,
        updated_at: now,
        // A facilitator's note is material for the room, never private writing.
        private: participant && board.writing_is_private(),
    };
    let mut changes = vec![Change::Note { note }];
    changes.extend(renumbered);
    Ok(changes)
}

pub(super) fn edit(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
    text: &str,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    check_note_text(text)?;
    let note = own_note(board, actor, id)?;
    Ok(vec![Change::Note {
        note: Note {
            text: text.to_owned(),
            updated_at: now,
            ..note.clone()
        },
    }])
}

pub(super) fn recolour(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
    colour: Colour,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    let note = own_note(board, actor, id)?;
    Ok(vec![Change::Note {
        note: Note {
            colour,
            updated_at: now,
            ..note.clone()
        },
    }])
}

pub(super) fn r#move(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
    section_id: &SectionId,
    before: Option<&NoteId>,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    let note = own_note(board, actor, id)?;
    let target = section(board, section_id)?;
    unlocked(board, actor, target)?;
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

pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
) -> Result<Vec<Change>, RejectReason> {
    own_note(board, actor, id)?;
    Ok(vec![Change::NoteRemoved { id: id.clone() }])
}

/// The note, if the actor may change it: its author or a facilitator, and for a participant
/// only while neither the board nor the note's section is locked.
fn own_note<'b>(board: &'b Board, actor: &Actor, id: &NoteId) -> Result<&'b Note, RejectReason> {
    let note = board
        .notes
        .get(id)
        .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })?;
    if actor.role != Role::Facilitator && note.author != actor.participant {
        return Err(RejectReason::Forbidden);
    }
    unlocked(board, actor, section(board, &note.section)?)?;
    Ok(note)
}

/// Locks bind participants; facilitators may always tidy up.
fn unlocked(board: &Board, actor: &Actor, section: &Section) -> Result<(), RejectReason> {
    if actor.role != Role::Facilitator && (board.locked || section.locked) {
        return Err(RejectReason::Locked);
    }
    Ok(())
}

fn check_note_text(text: &str) -> Result<(), RejectReason> {
    check_text(Field::NoteText, text, MAX_NOTE_TEXT_CHARS, true)
}
