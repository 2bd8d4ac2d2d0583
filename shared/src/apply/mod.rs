//! The rules of the board: [`apply`] decides what an op from an actor does, as a list of changes,
//! or why it may not happen. It is pure, so the server, the fuzzer and model tests share it.
//! This file dispatches and holds the guards every area shares; each area has its own file.

mod board;
mod comments;
mod notes;
mod phases;
mod sections;
mod tasks;
mod themes;
mod timer;
mod votes;

use crate::actor::{Actor, Role};
use crate::blank::is_blank;
use crate::change::Change;
use crate::limits::MAX_NAME_CHARS;
use crate::model::{Board, Note, Section, Status, Timestamp};
use crate::op::Op;
use crate::personal_data::contains_identity_code;
use crate::placement;
use crate::reject::{Countable, Field, RejectReason};

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
        Op::UpdateBoard { meta } => board::update(actor, meta),
        Op::LockBoard { locked } => board::lock(actor, *locked),
        Op::SetProjector { settings } => board::set_projector(actor, *settings),
        Op::SetApproveFirst { on } => board::set_approve_first(actor, *on),
        Op::SetFeedbackOpen { open } => board::set_feedback_open(actor, *open),
        Op::SetPhases { phases } => phases::set(board, actor, phases),
        Op::GoToPhase { id } => phases::go_to(board, actor, id.as_ref()),
        Op::AddSection { id, title, colour } => sections::add(board, actor, id, title, *colour),
        Op::UpdateSection { id, title, colour } => {
            sections::update(board, actor, id, title, *colour)
        }
        Op::MoveSection { id, before } => sections::r#move(board, actor, id, before.as_ref()),
        Op::LockSection { id, locked } => sections::lock(board, actor, id, *locked),
        Op::DeleteSection { id } => sections::delete(board, actor, id),
        Op::PostNote {
            id,
            section,
            text,
            colour,
            on_behalf_of,
        } => notes::post(
            board,
            actor,
            notes::NewNote {
                id,
                section,
                text,
                colour: *colour,
                on_behalf_of: on_behalf_of.as_deref(),
            },
            now,
        ),
        Op::EditNote { id, text } => notes::edit(board, actor, id, text, now),
        Op::RecolourNote { id, colour } => notes::recolour(board, actor, id, *colour, now),
        Op::MoveNote {
            id,
            section,
            before,
        } => notes::r#move(board, actor, id, section, before.as_ref(), now),
        Op::DeleteNote { id } => notes::delete(board, actor, id),
        Op::PostComment { id, note, text } => comments::post(board, actor, id, note, text, now),
        Op::EditComment { id, text } => comments::edit(board, actor, id, text, now),
        Op::DeleteComment { id } => comments::delete(board, actor, id),
        Op::ModerateNote { id, status } => notes::moderate(board, actor, id, *status),
        Op::ModerateComment { id, status } => comments::moderate(board, actor, id, *status),
        Op::SetVoting { rules } => votes::set_rules(board, actor, *rules),
        Op::CastVote { target } => votes::cast(board, actor, target),
        Op::RetractVote { target } => votes::retract(board, actor, target),
        Op::ClearVotes => votes::clear(actor),
        Op::AddTheme { id, title } => themes::add(board, actor, id, title, now),
        Op::RenameTheme { id, title } => themes::rename(board, actor, id, title),
        Op::DeleteTheme { id } => themes::delete(board, actor, id),
        Op::SetNoteTheme { note, theme } => {
            themes::set_note_theme(board, actor, note, theme.as_ref(), now)
        }
        Op::AddTask {
            id,
            title,
            owner,
            due,
            from_note,
        } => tasks::add(
            board,
            actor,
            id,
            tasks::TaskFields {
                title,
                owner,
                due: due.as_deref(),
            },
            from_note.as_ref(),
            now,
        ),
        Op::EditTask {
            id,
            title,
            owner,
            due,
        } => tasks::edit(
            board,
            actor,
            id,
            tasks::TaskFields {
                title,
                owner,
                due: due.as_deref(),
            },
        ),
        Op::SetTaskStatus { id, status } => tasks::set_status(board, actor, id, *status),
        Op::DeleteTask { id } => tasks::delete(board, actor, id),
        Op::SetVolunteering { open } => tasks::set_volunteering(actor, *open),
        Op::VolunteerForTask { id, owner } => tasks::volunteer(board, actor, id, owner),
        Op::StartTimer { duration_ms } => timer::start(actor, *duration_ms, now),
        Op::PauseTimer => timer::pause(board, actor, now),
        Op::ResumeTimer => timer::resume(board, actor, now),
        Op::ExtendTimer { by_ms } => timer::extend(board, actor, *by_ms, now),
        Op::StopTimer => timer::stop(board, actor),
    }
}

/// Checks a display name chosen at join; empty means anonymous and is allowed.
pub fn check_name(name: &str) -> Result<(), RejectReason> {
    check_text(Field::Name, name, MAX_NAME_CHARS, false)
}

/// Refuses a text that holds a personal identity code (henkilötunnus): the guard for every op
/// that puts free text from a person on the board (notes and comments, and what the board comes
/// to hold next, such as tasks: `check_personal_data(&task.title)?`). Notes and comments run it
/// with their length check, before anything is looked up: the answer is about the text alone.
pub fn check_personal_data(text: &str) -> Result<(), RejectReason> {
    if contains_identity_code(text) {
        return Err(RejectReason::PersonalData);
    }
    Ok(())
}

fn facilitator_only(actor: &Actor) -> Result<(), RejectReason> {
    match actor.role {
        Role::Facilitator => Ok(()),
        Role::Participant | Role::Projector => Err(RejectReason::Forbidden),
    }
}

/// Moderation sets a note or comment visible (approving it) or hidden; nothing is made pending
/// after the fact.
fn check_moderation(status: Status) -> Result<(), RejectReason> {
    match status {
        Status::Visible | Status::Hidden => Ok(()),
        Status::Pending => Err(RejectReason::InvalidOp {
            detail: "moderation approves (visible) or hides (hidden); nothing is made pending"
                .into(),
        }),
    }
}

/// A participant's new note or comment waits for approval while the board asks for it.
fn new_status(board: &Board, actor: &Actor) -> Status {
    if actor.role == Role::Participant && board.approve_first {
        Status::Pending
    } else {
        Status::Visible
    }
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
