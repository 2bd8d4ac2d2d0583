use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Timestamp;

/// The facilitator's countdown, as data: no task ticks on the server. Every screen works out the
/// remaining time from `ends_at` and the server clock that `welcome` carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Timer {
    /// Counting down; it has run out once the server clock reaches `ends_at`.
    Running {
        #[ts(type = "number")]
        ends_at: Timestamp,
    },
    /// Paused with this many milliseconds left.
    Paused {
        #[ts(type = "number")]
        remaining_ms: u64,
    },
}

impl Timer {
    /// Milliseconds left at `now` (zero once it has run out).
    pub fn remaining_at(&self, now: Timestamp) -> u64 {
        match *self {
            Timer::Running { ends_at } => ends_at.saturating_sub(now),
            Timer::Paused { remaining_ms } => remaining_ms,
        }
    }
}
