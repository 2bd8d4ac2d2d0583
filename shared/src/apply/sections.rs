//! Sections (the groups): facilitators add, rename, move, lock and delete them.

use super::tasks::unlinked;
use super::{check_text, facilitator_only, index_of, limit, place};
use crate::actor::Actor;
use crate::change::Change;
use crate::ids::{NoteId, SectionId};
use crate::limits::{MAX_SECTION_TITLE_CHARS, MAX_SECTIONS};
use crate::model::{Board, Colour, Section};
use crate::reject::{Countable, Field, RejectReason};

pub(super) fn add(
    board: &Board,
    actor: &Actor,
    id: &SectionId,
    title: &str,
    colour: Colour,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_title(title)?;
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
            title: title.to_owned(),
            colour,
            order,
            locked: false,
        },
    }];
    changes.extend(renumbered);
    Ok(changes)
}

pub(super) fn update(
    board: &Board,
    actor: &Actor,
    id: &SectionId,
    title: &str,
    colour: Colour,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_title(title)?;
    let section = section(board, id)?;
    Ok(vec![Change::Section {
        section: Section {
            title: title.to_owned(),
            colour,
            ..section.clone()
        },
    }])
}

pub(super) fn r#move(
    board: &Board,
    actor: &Actor,
    id: &SectionId,
    before: Option<&SectionId>,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    let moved = section(board, id)?;
    let siblings: Vec<&Section> = board
        .ordered_sections()
        .into_iter()
        .filter(|s| &s.id != id)
        .collect();
    let at = match before {
        None => siblings.len(),
        Some(b) if b == id => return Err(RejectReason::BadPosition),
        Some(b) => {
            section(board, b)?;
            index_of(siblings.iter().map(|s| &s.id), b)?
        }
    };
    let (order, renumbered) = place(&siblings, at);
    let mut changes = vec![Change::Section {
        section: Section {
            order,
            ..moved.clone()
        },
    }];
    changes.extend(renumbered);
    Ok(changes)
}

pub(super) fn lock(
    board: &Board,
    actor: &Actor,
    id: &SectionId,
    locked: bool,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    let section = section(board, id)?;
    Ok(vec![Change::Section {
        section: Section {
            locked,
            ..section.clone()
        },
    }])
}

pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &SectionId,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    section(board, id)?;
    let notes: Vec<&NoteId> = board
        .notes
        .values()
        .filter(|n| &n.section == id)
        .map(|n| &n.id)
        .collect();
    let mut changes: Vec<Change> = notes
        .iter()
        .map(|&n| Change::NoteRemoved { id: n.clone() })
        .collect();
    changes.push(Change::SectionRemoved { id: id.clone() });
    changes.extend(unlinked(board, notes));
    Ok(changes)
}

pub(super) fn section<'b>(board: &'b Board, id: &SectionId) -> Result<&'b Section, RejectReason> {
    board
        .sections
        .get(id)
        .ok_or_else(|| RejectReason::UnknownSection { id: id.clone() })
}

fn check_title(title: &str) -> Result<(), RejectReason> {
    check_text(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS, true)
}
