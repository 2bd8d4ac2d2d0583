use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Timestamp;
use crate::calendar::is_real_date;
use crate::ids::{NoteId, TaskId};

/// A follow-up task: what the workshop agreed someone will do, and by when. Everyone on the
/// board sees every task; only facilitators change them, except that a participant may
/// volunteer as the owner of an unowned one while `Board::volunteering` is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: TaskId,
    pub title: String,
    /// Who does it, as free text: a person or an organisation ("Sosterin kotihoito"). Empty
    /// means no one yet.
    pub owner: String,
    /// The due date as a calendar date, `YYYY-MM-DD`, with no time or zone: a workshop agrees
    /// on a day. `null` means none.
    pub due: Option<String>,
    pub status: TaskStatus,
    /// The note it was made from, if any: an id only, so the task carries nothing of a note its
    /// reader may not see. Deleting the note clears it.
    pub from_note: Option<NoteId>,
    /// Tasks are listed in the order they were made.
    #[ts(type = "number")]
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    Open,
    InProgress,
    Done,
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD` (years 1000–9999, so the text
/// sorts as the dates do; 29 February only in leap years).
pub fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    year >= 1000 && is_real_date(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::is_calendar_date;

    #[test]
    fn calendar_dates() {
        for ok in [
            "2026-12-04",
            "2024-02-29",
            "2000-02-29",
            "1999-12-31",
            "2027-01-01",
        ] {
            assert!(is_calendar_date(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-1-04",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2025-02-29",
            "1900-02-29",
            "0999-01-01",
            "2026/12/04",
            "2026-12-04T00:00",
            "２０２６-12-04",
            "+026-12-04",
            "2026-12-0a",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }
}
