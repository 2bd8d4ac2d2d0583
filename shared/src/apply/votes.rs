//! Dot voting. The budget is checked here, against the votes the participant already has: the
//! room applies one op at a time, so two tabs voting at the same moment cannot both spend the
//! last vote, and a resent op is answered from the log by its `op_id` instead of applied again.

use super::facilitator_only;
use crate::actor::{Actor, Role};
use crate::change::Change;
use crate::limits::MAX_VOTE_BUDGET;
use crate::model::{Board, VoteTarget, VotingRules};
use crate::reject::RejectReason;
use crate::visibility::is_public;

pub(super) fn set_rules(
    board: &Board,
    actor: &Actor,
    rules: VotingRules,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    if rules.budget == 0 || rules.budget > MAX_VOTE_BUDGET {
        return Err(RejectReason::BadBudget {
            max: MAX_VOTE_BUDGET,
        });
    }
    let broken = board.ballots.values().any(|ballot| {
        ballot.sum() > rules.budget
            || (!rules.stacking
                && ballot
                    .notes
                    .values()
                    .chain(ballot.themes.values())
                    .any(|&n| n > 1))
    });
    if broken {
        return Err(RejectReason::VotesCast);
    }
    Ok(vec![Change::VotingRules { rules }])
}

pub(super) fn cast(
    board: &Board,
    actor: &Actor,
    target: &VoteTarget,
) -> Result<Vec<Change>, RejectReason> {
    may_vote(board, actor, target)?;
    let ballot = board.ballots.get(&actor.participant);
    let spent = ballot.map_or(0, |b| b.sum());
    let mine = ballot.map_or(0, |b| b.get(target));
    if spent >= board.voting.budget {
        return Err(RejectReason::BudgetSpent {
            budget: board.voting.budget,
        });
    }
    if mine > 0 && !board.voting.stacking {
        return Err(RejectReason::AlreadyVoted);
    }
    Ok(counted(board, actor, target, mine, mine + 1))
}

pub(super) fn retract(
    board: &Board,
    actor: &Actor,
    target: &VoteTarget,
) -> Result<Vec<Change>, RejectReason> {
    may_vote(board, actor, target)?;
    let mine = board
        .ballots
        .get(&actor.participant)
        .map_or(0, |b| b.get(target));
    if mine == 0 {
        return Err(RejectReason::NoVote);
    }
    Ok(counted(board, actor, target, mine, mine - 1))
}

pub(super) fn clear(actor: &Actor) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::VotesCleared])
}

/// Participants vote (facilitators run the vote), while the phase opens voting and the board
/// is not locked, on a note everyone may see or on a theme.
fn may_vote(board: &Board, actor: &Actor, target: &VoteTarget) -> Result<(), RejectReason> {
    if actor.role != Role::Participant {
        return Err(RejectReason::Forbidden);
    }
    if !board.voting_is_open() {
        return Err(RejectReason::VotingClosed);
    }
    if board.locked {
        return Err(RejectReason::Locked);
    }
    match target {
        VoteTarget::Note(id) if !board.notes.get(id).is_some_and(is_public) => {
            Err(RejectReason::UnknownNote { id: id.clone() })
        }
        VoteTarget::Theme(id) if !board.themes.contains_key(id) => {
            Err(RejectReason::UnknownTheme { id: id.clone() })
        }
        _ => Ok(()),
    }
}

/// The actor's count on `target` goes from `mine` to `count`, and the total moves with it.
fn counted(
    board: &Board,
    actor: &Actor,
    target: &VoteTarget,
    mine: u32,
    count: u32,
) -> Vec<Change> {
    // Totals hold at least each ballot (`check_whole_board`); saturating keeps a broken board from panicking.
    let total = (board.vote_totals.get(target) + count).saturating_sub(mine);
    vec![
        Change::Ballot {
            voter: actor.participant.clone(),
            target: target.clone(),
            count,
        },
        Change::VoteTotal {
            target: target.clone(),
            total,
        },
    ]
}
