//! The workshop's phases: the facilitator edits the list and moves to any phase. Leaving
//! private writing reveals every private note in the same op, so they arrive on every screen
//! in one seq; starting or stopping to show votes sends the totals in it too.

use std::collections::HashSet;

use super::comments::comments_of;
use super::{check_text, facilitator_only, limit};
use crate::actor::Actor;
use crate::change::Change;
use crate::ids::PhaseId;
use crate::limits::{MAX_INSTRUCTION_CHARS, MAX_PHASE_TITLE_CHARS, MAX_PHASES};
use crate::model::{Board, Note, Phase};
use crate::reject::{Countable, Field, RejectReason};

pub(super) fn set(
    board: &Board,
    actor: &Actor,
    phases: &[Phase],
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    if phases.len() > MAX_PHASES {
        return Err(limit(Countable::Phases, MAX_PHASES));
    }
    let mut ids = HashSet::new();
    for phase in phases {
        check_text(Field::PhaseTitle, &phase.title, MAX_PHASE_TITLE_CHARS, true)?;
        check_text(
            Field::Instruction,
            &phase.instruction,
            MAX_INSTRUCTION_CHARS,
            false,
        )?;
        if !ids.insert(&phase.id) {
            return Err(RejectReason::DuplicateId);
        }
    }
    let current = match &board.phase {
        Some(id) => Some(
            phases
                .iter()
                .find(|p| &p.id == id)
                .ok_or(RejectReason::CurrentPhaseRemoved)?,
        ),
        None => None,
    };
    let mut changes = vec![Change::Phases {
        phases: phases.to_vec(),
    }];
    changes.extend(entering(board, current));
    Ok(changes)
}

pub(super) fn go_to(
    board: &Board,
    actor: &Actor,
    id: Option<&PhaseId>,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    let phase = match id {
        Some(id) => Some(
            board
                .phases
                .iter()
                .find(|p| &p.id == id)
                .ok_or_else(|| RejectReason::UnknownPhase { id: id.clone() })?,
        ),
        None => None,
    };
    let mut changes = vec![Change::CurrentPhase { id: id.cloned() }];
    changes.extend(entering(board, phase));
    Ok(changes)
}

/// What the board being (now) in `phase` brings with it: the reveal, and the totals when
/// whether they are shown changes. Visibility redacts the totals for whoever may not see them.
fn entering(board: &Board, phase: Option<&Phase>) -> Vec<Change> {
    let mut changes = reveal_unless_private(board, phase);
    if phase.is_some_and(|p| p.votes_shown) != board.votes_are_shown() {
        changes.push(Change::VoteTotals {
            totals: board.vote_totals.clone(),
        });
    }
    changes
}

/// When the board is (now) in `phase` and it does not keep notes private: every private note,
/// made public, with the comments on it (which only its author and the facilitators had).
/// Text, author and `updated_at` stay as written.
fn reveal_unless_private(board: &Board, phase: Option<&Phase>) -> Vec<Change> {
    if phase.is_some_and(|p| p.private_notes) {
        return Vec::new();
    }
    let mut changes = Vec::new();
    for note in board.notes.values().filter(|n| n.private) {
        changes.push(Change::Note {
            note: Note {
                private: false,
                ..note.clone()
            },
        });
        changes.extend(comments_of(board, &note.id));
    }
    changes
}
