//! The workshop's phases: the facilitator edits the list and moves to any phase. Leaving
//! private writing reveals every private note in the same op, so they arrive on every screen
//! in one seq.

use std::collections::HashSet;

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
    changes.extend(reveal_unless_private(board, current));
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
    changes.extend(reveal_unless_private(board, phase));
    Ok(changes)
}

/// When the board is (now) in `phase` and it does not keep notes private: every private note,
/// made public. Text, author and `updated_at` stay as written.
fn reveal_unless_private(board: &Board, phase: Option<&Phase>) -> Vec<Change> {
    if phase.is_some_and(|p| p.private_notes) {
        return Vec::new();
    }
    board
        .notes
        .values()
        .filter(|n| n.private)
        .map(|n| Change::Note {
            note: Note {
                private: false,
                ..n.clone()
            },
        })
        .collect()
}
