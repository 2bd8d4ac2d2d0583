//! Comments: on a note the sender can see, one level deep. Ownership, locks and moderation are
//! the note's rules: authors and facilitators edit and delete, facilitators moderate.

use super::notes::{unlocked, visible_note};
use super::sections::section;
use super::{
    check_moderation, check_personal_data, check_text, facilitator_only, limit, new_status,
};
use crate::actor::{Actor, Role};
use crate::change::Change;
use crate::ids::{CommentId, NoteId};
use crate::limits::{MAX_COMMENT_TEXT_CHARS, MAX_COMMENTS};
use crate::model::{Board, Comment, Status, Timestamp};
use crate::reject::{Countable, Field, RejectReason};
use crate::visibility::may_see_comment;

pub(super) fn post(
    board: &Board,
    actor: &Actor,
    id: &CommentId,
    note_id: &NoteId,
    text: &str,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    check_comment_text(text)?;
    let note = visible_note(board, actor, note_id)?;
    unlocked(board, actor, section(board, &note.section)?)?;
    if board.comments.contains_key(id) {
        return Err(RejectReason::DuplicateId);
    }
    if board.comments.len() >= MAX_COMMENTS {
        return Err(limit(Countable::Comments, MAX_COMMENTS));
    }
    Ok(vec![Change::Comment {
        comment: Comment {
            id: id.clone(),
            note: note_id.clone(),
            text: text.to_owned(),
            author: actor.participant.clone(),
            author_name: actor.name.clone(),
            created_at: now,
            updated_at: now,
            status: new_status(board, actor),
        },
    }])
}

pub(super) fn edit(
    board: &Board,
    actor: &Actor,
    id: &CommentId,
    text: &str,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    check_comment_text(text)?;
    let comment = own_comment(board, actor, id)?;
    Ok(vec![Change::Comment {
        comment: Comment {
            text: text.to_owned(),
            updated_at: now,
            ..comment.clone()
        },
    }])
}

pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &CommentId,
) -> Result<Vec<Change>, RejectReason> {
    own_comment(board, actor, id)?;
    Ok(vec![Change::CommentRemoved { id: id.clone() }])
}

pub(super) fn moderate(
    board: &Board,
    actor: &Actor,
    id: &CommentId,
    status: Status,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_moderation(status)?;
    let comment = visible_comment(board, actor, id)?;
    Ok(vec![Change::Comment {
        comment: Comment {
            status,
            ..comment.clone()
        },
    }])
}

/// The comments on a note, as changes: sent again when the note is shown to more people (a
/// reveal, an approval), who did not have them.
pub(super) fn comments_of(board: &Board, note: &NoteId) -> impl Iterator<Item = Change> {
    board
        .comments_on(note)
        .into_iter()
        .map(|comment| Change::Comment {
            comment: comment.clone(),
        })
}

fn visible_comment<'b>(
    board: &'b Board,
    actor: &Actor,
    id: &CommentId,
) -> Result<&'b Comment, RejectReason> {
    board
        .comments
        .get(id)
        .filter(|comment| may_see_comment(&actor.viewer(), comment, board.notes.get(&comment.note)))
        .ok_or_else(|| RejectReason::UnknownComment { id: id.clone() })
}

/// The comment, if the actor may change it: its author or a facilitator, and for a participant
/// only while its note's section and the board are unlocked.
fn own_comment<'b>(
    board: &'b Board,
    actor: &Actor,
    id: &CommentId,
) -> Result<&'b Comment, RejectReason> {
    let comment = visible_comment(board, actor, id)?;
    if actor.role != Role::Facilitator && comment.author != actor.participant {
        return Err(RejectReason::Forbidden);
    }
    let note = visible_note(board, actor, &comment.note)?;
    unlocked(board, actor, section(board, &note.section)?)?;
    Ok(comment)
}

fn check_comment_text(text: &str) -> Result<(), RejectReason> {
    check_text(Field::CommentText, text, MAX_COMMENT_TEXT_CHARS, true)?;
    check_personal_data(text)
}
