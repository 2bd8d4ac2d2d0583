use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{NoteId, ThemeId};
use crate::limits::DEFAULT_VOTE_BUDGET;

/// How dot voting works on this board. Whether voting is open, and whether totals are shown,
/// is the current phase's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VotingRules {
    /// Votes each participant may have on the board at once.
    pub budget: u32,
    /// Whether one participant may put more than one vote on the same note or theme.
    pub stacking: bool,
}

impl Default for VotingRules {
    fn default() -> Self {
        VotingRules {
            budget: DEFAULT_VOTE_BUDGET,
            stacking: false,
        }
    }
}

/// What a vote goes on: a note, or a theme as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum VoteTarget {
    Note(NoteId),
    Theme(ThemeId),
}

/// Votes per note and per theme: one participant's ballot, or the totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoteCounts {
    pub notes: BTreeMap<NoteId, u32>,
    pub themes: BTreeMap<ThemeId, u32>,
}

impl VoteCounts {
    pub fn get(&self, target: &VoteTarget) -> u32 {
        match target {
            VoteTarget::Note(id) => self.notes.get(id).copied().unwrap_or(0),
            VoteTarget::Theme(id) => self.themes.get(id).copied().unwrap_or(0),
        }
    }

    /// Sets the count on `target`; zero removes it, so an empty ballot is an empty map.
    pub fn set(&mut self, target: &VoteTarget, count: u32) {
        match target {
            VoteTarget::Note(id) if count == 0 => {
                self.notes.remove(id);
            }
            VoteTarget::Note(id) => {
                self.notes.insert(id.clone(), count);
            }
            VoteTarget::Theme(id) if count == 0 => {
                self.themes.remove(id);
            }
            VoteTarget::Theme(id) => {
                self.themes.insert(id.clone(), count);
            }
        }
    }

    /// Every vote in it.
    pub fn sum(&self) -> u32 {
        self.notes.values().chain(self.themes.values()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty() && self.themes.is_empty()
    }
}
