//! Themes across groups (facilitator only): similar notes from different sections gathered
//! under one name. A note keeps its section and its votes in a theme.

use super::notes::visible_note;
use super::{check_text, facilitator_only, limit};
use crate::actor::Actor;
use crate::change::Change;
use crate::ids::{NoteId, ThemeId};
use crate::limits::{MAX_THEME_TITLE_CHARS, MAX_THEMES};
use crate::model::{Board, Note, Theme, Timestamp};
use crate::reject::{Countable, Field, RejectReason};

pub(super) fn add(
    board: &Board,
    actor: &Actor,
    id: &ThemeId,
    title: &str,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_title(title)?;
    if board.themes.contains_key(id) {
        return Err(RejectReason::DuplicateId);
    }
    if board.themes.len() >= MAX_THEMES {
        return Err(limit(Countable::Themes, MAX_THEMES));
    }
    Ok(vec![Change::Theme {
        theme: Theme {
            id: id.clone(),
            title: title.to_owned(),
            created_at: now,
        },
    }])
}

pub(super) fn rename(
    board: &Board,
    actor: &Actor,
    id: &ThemeId,
    title: &str,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_title(title)?;
    let theme = theme(board, id)?;
    Ok(vec![Change::Theme {
        theme: Theme {
            title: title.to_owned(),
            ..theme.clone()
        },
    }])
}

/// Its notes leave it and the votes on it go back to their voters (`Board::absorb`).
pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &ThemeId,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    theme(board, id)?;
    Ok(vec![Change::ThemeRemoved { id: id.clone() }])
}

pub(super) fn set_note_theme(
    board: &Board,
    actor: &Actor,
    note_id: &NoteId,
    theme_id: Option<&ThemeId>,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    let note = visible_note(board, actor, note_id)?;
    if let Some(id) = theme_id {
        theme(board, id)?;
    }
    Ok(vec![Change::Note {
        note: Note {
            theme: theme_id.cloned(),
            updated_at: now,
            ..note.clone()
        },
    }])
}

fn theme<'b>(board: &'b Board, id: &ThemeId) -> Result<&'b Theme, RejectReason> {
    board
        .themes
        .get(id)
        .ok_or_else(|| RejectReason::UnknownTheme { id: id.clone() })
}

fn check_title(title: &str) -> Result<(), RejectReason> {
    check_text(Field::ThemeTitle, title, MAX_THEME_TITLE_CHARS, true)
}
