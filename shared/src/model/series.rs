use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{BoardId, SectionId};

/// A board started as the next part of another ("Start part 2"): which board came before. Only
/// facilitators see it (`as_seen_by`): part 1's id is no participant's business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesLink {
    /// The part before this one.
    pub previous: BoardId,
    /// Its title when this part was started, to name the link even if part 1 is gone.
    pub previous_title: String,
    /// This board's number in the series: 2 for part 2.
    pub part: u32,
    /// The locked section holding what was carried over, not one of the groups.
    pub pinned_section: Option<SectionId>,
}
