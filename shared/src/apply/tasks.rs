//! Follow-up tasks: facilitators add, edit, set the status of and delete them, and open them
//! for volunteers; a participant may then become the owner of a task no one owns. Once a task
//! has an owner only a facilitator changes it (a volunteer who changes their mind asks one),
//! so two participants volunteering at once cannot both win: the room applies one op at a
//! time and the second finds the task taken.

use super::notes::visible_note;
use super::{check_personal_data, check_text, facilitator_only, limit};
use crate::actor::{Actor, Role};
use crate::blank::is_blank;
use crate::change::Change;
use crate::ids::{NoteId, TaskId};
use crate::limits::{MAX_TASK_OWNER_CHARS, MAX_TASK_TITLE_CHARS, MAX_TASKS};
use crate::model::{Board, Task, TaskStatus, Timestamp, is_calendar_date};
use crate::reject::{Countable, Field, RejectReason};

/// What `AddTask` and `EditTask` ask for.
pub(super) struct TaskFields<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub due: Option<&'a str>,
}

pub(super) fn add(
    board: &Board,
    actor: &Actor,
    id: &TaskId,
    fields: TaskFields<'_>,
    from_note: Option<&NoteId>,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_fields(&fields)?;
    if let Some(note) = from_note {
        visible_note(board, actor, note)?;
    }
    if board.tasks.contains_key(id) {
        return Err(RejectReason::DuplicateId);
    }
    if board.tasks.len() >= MAX_TASKS {
        return Err(limit(Countable::Tasks, MAX_TASKS));
    }
    Ok(vec![Change::Task {
        task: Task {
            id: id.clone(),
            title: fields.title.to_owned(),
            owner: fields.owner.to_owned(),
            due: fields.due.map(str::to_owned),
            status: TaskStatus::Open,
            from_note: from_note.cloned(),
            created_at: now,
        },
    }])
}

pub(super) fn edit(
    board: &Board,
    actor: &Actor,
    id: &TaskId,
    fields: TaskFields<'_>,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_fields(&fields)?;
    let task = task(board, id)?;
    Ok(vec![Change::Task {
        task: Task {
            title: fields.title.to_owned(),
            owner: fields.owner.to_owned(),
            due: fields.due.map(str::to_owned),
            ..task.clone()
        },
    }])
}

pub(super) fn set_status(
    board: &Board,
    actor: &Actor,
    id: &TaskId,
    status: TaskStatus,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    let task = task(board, id)?;
    Ok(vec![Change::Task {
        task: Task {
            status,
            ..task.clone()
        },
    }])
}

pub(super) fn delete(
    board: &Board,
    actor: &Actor,
    id: &TaskId,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    task(board, id)?;
    Ok(vec![Change::TaskRemoved { id: id.clone() }])
}

pub(super) fn set_volunteering(actor: &Actor, open: bool) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::Volunteering { open }])
}

/// Participants only: a facilitator sets an owner with `EditTask`.
pub(super) fn volunteer(
    board: &Board,
    actor: &Actor,
    id: &TaskId,
    owner: &str,
) -> Result<Vec<Change>, RejectReason> {
    if actor.role != Role::Participant {
        return Err(RejectReason::Forbidden);
    }
    check_task_text(Field::TaskOwner, owner, MAX_TASK_OWNER_CHARS, true)?;
    let task = task(board, id)?;
    if !board.volunteering {
        return Err(RejectReason::VolunteeringClosed);
    }
    if !is_blank(&task.owner) {
        return Err(RejectReason::TaskTaken);
    }
    Ok(vec![Change::Task {
        task: Task {
            owner: owner.to_owned(),
            ..task.clone()
        },
    }])
}

/// The tasks made from any of `notes`, which are being deleted, without their link: a task
/// outlives its note.
pub(super) fn unlinked<'a>(
    board: &Board,
    notes: impl IntoIterator<Item = &'a NoteId>,
) -> Vec<Change> {
    let notes: Vec<&NoteId> = notes.into_iter().collect();
    board
        .ordered_tasks()
        .into_iter()
        .filter(|t| t.from_note.as_ref().is_some_and(|n| notes.contains(&n)))
        .map(|t| Change::Task {
            task: Task {
                from_note: None,
                ..t.clone()
            },
        })
        .collect()
}

fn task<'b>(board: &'b Board, id: &TaskId) -> Result<&'b Task, RejectReason> {
    board
        .tasks
        .get(id)
        .ok_or_else(|| RejectReason::UnknownTask { id: id.clone() })
}

fn check_fields(fields: &TaskFields<'_>) -> Result<(), RejectReason> {
    check_task_text(Field::TaskTitle, fields.title, MAX_TASK_TITLE_CHARS, true)?;
    check_task_text(Field::TaskOwner, fields.owner, MAX_TASK_OWNER_CHARS, false)?;
    if fields.due.is_some_and(|d| !is_calendar_date(d)) {
        return Err(RejectReason::BadDate);
    }
    Ok(())
}

/// Every text a task takes in (title and owner, from a facilitator or a volunteer) passes
/// here: its length, and no personal identity code (an owner is a person's name, and a title
/// is often a note's text).
fn check_task_text(
    field: Field,
    text: &str,
    max: usize,
    required: bool,
) -> Result<(), RejectReason> {
    check_text(field, text, max, required)?;
    check_personal_data(text)
}
