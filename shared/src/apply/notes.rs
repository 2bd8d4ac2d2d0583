//! Notes: anyone but the projector posts; authors and facilitators edit, move and delete;
//! facilitators moderate. Participants are also bound by the board's and the section's locks,
//! by the phase, and by approve-first.

use super::comments::comments_of;
use super::sections::section;
use super::tasks::unlinked;
use super::{
    check_moderation, check_personal_data, check_text, facilitator_only, index_of, limit,
    new_status, place,
};
use crate::actor::{Actor, Role};
use crate::change::Change;
use crate::ids::{NoteId, SectionId};
use crate::limits::{MAX_NAME_CHARS, MAX_NOTE_TEXT_CHARS, MAX_NOTES};
use crate::model::{Board, Colour, Note, Section, Status, Timestamp};
use crate::reject::{Countable, Field, RejectReason};
use crate::visibility::may_see;

/// What `PostNote` asks for.
pub(super) struct NewNote<'a> {
    pub id: &'a NoteId,
    pub section: &'a SectionId,
    pub text: &'a str,
    pub colour: Colour,
    pub on_behalf_of: Option<&'a str>,
}

pub(super) fn post(
    board: &Board,
    actor: &Actor,
    new: NewNote<'_>,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    let NewNote {
        id,
        section: section_id,
        text,
        colour,
        on_behalf_of,
    } = new;
    check_note_text(text)?;
    let target = section(board, section_id)?;
    unlocked(board, actor, target)?;
    let participant = actor.role == Role::Participant;
    if participant && !board.posting_is_open() {
        return Err(RejectReason::PostingClosed);
    }
    let author_name = match on_behalf_of {
        Some(label) => {
            facilitator_only(actor)?;
            check_text(Field::Name, label, MAX_NAME_CHARS, true)?;
            check_personal_data(label)?;
            Some(label.to_owned())
        }
        None => actor.name.clone(),
    };
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
        author_name,
        order,
        created_at: now,
        updated_at: now,
        // A facilitator's note is material for the room, never private writing.
        private: participant && board.writing_is_private(),
        status: new_status(board, actor),
        theme: None,
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
            // A note the sender may not see is unknown, as everywhere: placing before it must
            // not tell them it exists, nor (by `bad_position`) which section it is in.
            let target = visible_note(board, actor, b)?;
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

/// Its comments and the votes on it go with it (`Board::absorb`); tasks made from it stay,
/// without the link.
pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
) -> Result<Vec<Change>, RejectReason> {
    own_note(board, actor, id)?;
    let mut changes = vec![Change::NoteRemoved { id: id.clone() }];
    changes.extend(unlinked(board, [id]));
    Ok(changes)
}

/// Approving or unhiding shows the note to more people, so its comments are sent again for
/// them; hiding takes the votes off it (`Board::absorb`).
pub(super) fn moderate(
    board: &Board,
    actor: &Actor,
    id: &NoteId,
    status: Status,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_moderation(status)?;
    let note = visible_note(board, actor, id)?;
    let shown_to_more = status == Status::Visible && note.status != Status::Visible;
    let mut changes = vec![Change::Note {
        note: Note {
            status,
            ..note.clone()
        },
    }];
    if shown_to_more {
        changes.extend(comments_of(board, id));
    }
    Ok(changes)
}

/// The note, if the actor may see it; one they may not see is unknown to them.
pub(super) fn visible_note<'b>(
    board: &'b Board,
    actor: &Actor,
    id: &NoteId,
) -> Result<&'b Note, RejectReason> {
    board
        .notes
        .get(id)
        .filter(|note| may_see(&actor.viewer(), note))
        .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })
}

/// The note, if the actor may change it: its author or a facilitator, and for a participant
/// only while neither the board nor the note's section is locked.
fn own_note<'b>(board: &'b Board, actor: &Actor, id: &NoteId) -> Result<&'b Note, RejectReason> {
    let note = visible_note(board, actor, id)?;
    if actor.role != Role::Facilitator && note.author != actor.participant {
        return Err(RejectReason::Forbidden);
    }
    unlocked(board, actor, section(board, &note.section)?)?;
    Ok(note)
}

/// Locks bind participants; facilitators may always tidy up.
pub(super) fn unlocked(
    board: &Board,
    actor: &Actor,
    section: &Section,
) -> Result<(), RejectReason> {
    if actor.role != Role::Facilitator && (board.locked || section.locked) {
        return Err(RejectReason::Locked);
    }
    Ok(())
}

fn check_note_text(text: &str) -> Result<(), RejectReason> {
    check_text(Field::NoteText, text, MAX_NOTE_TEXT_CHARS, true)?;
    check_personal_data(text)
}
