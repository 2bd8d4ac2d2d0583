//! The countdown (facilitator only). It is data: `now` comes from the room, and nothing ticks
//! on the server; every screen counts down from `ends_at` against the server's clock.

use super::facilitator_only;
use crate::actor::Actor;
use crate::change::Change;
use crate::limits::MAX_TIMER_MS;
use crate::model::{Board, Timer, Timestamp};
use crate::reject::RejectReason;

pub(super) fn start(
    actor: &Actor,
    duration_ms: u64,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_duration(duration_ms)?;
    Ok(set(Timer::Running {
        ends_at: now.saturating_add(duration_ms),
    }))
}

/// A timer that has already run out cannot be paused: there is nothing left to keep.
pub(super) fn pause(
    board: &Board,
    actor: &Actor,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    match board.timer {
        Some(Timer::Running { ends_at }) if ends_at > now => Ok(set(Timer::Paused {
            remaining_ms: ends_at - now,
        })),
        _ => Err(RejectReason::TimerState),
    }
}

pub(super) fn resume(
    board: &Board,
    actor: &Actor,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    match board.timer {
        Some(Timer::Paused { remaining_ms }) => Ok(set(Timer::Running {
            ends_at: now.saturating_add(remaining_ms),
        })),
        _ => Err(RejectReason::TimerState),
    }
}

/// "One more minute": time is added to what is left, and a timer that ran out counts again
/// from now. What is left may not pass the longest countdown.
pub(super) fn extend(
    board: &Board,
    actor: &Actor,
    by_ms: u64,
    now: Timestamp,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_duration(by_ms)?;
    let timer = board.timer.ok_or(RejectReason::TimerState)?;
    let remaining = timer.remaining_at(now).saturating_add(by_ms);
    check_duration(remaining)?;
    Ok(set(match timer {
        Timer::Running { .. } => Timer::Running {
            ends_at: now.saturating_add(remaining),
        },
        Timer::Paused { .. } => Timer::Paused {
            remaining_ms: remaining,
        },
    }))
}

pub(super) fn stop(board: &Board, actor: &Actor) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    if board.timer.is_none() {
        return Err(RejectReason::TimerState);
    }
    Ok(vec![Change::Timer { timer: None }])
}

fn set(timer: Timer) -> Vec<Change> {
    vec![Change::Timer { timer: Some(timer) }]
}

fn check_duration(ms: u64) -> Result<(), RejectReason> {
    if ms == 0 || ms > MAX_TIMER_MS {
        return Err(RejectReason::BadDuration {
            max_ms: MAX_TIMER_MS,
        });
    }
    Ok(())
}
