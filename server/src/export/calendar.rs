//! Calendar days for the kooste: the date of a timestamp (UTC), written as each language writes
//! dates. UTC rather than a time zone the server does not know: a workshop's day is the same
//! in Finland except in the two or three hours after midnight.

use serde::{Serialize, Serializer};
use talkoot_shared::model::{Language, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

const MS_PER_DAY: u64 = 86_400_000;

impl Day {
    /// The UTC day of `at` (ms since the Unix epoch).
    pub fn of(at: Timestamp) -> Day {
        // Howard Hinnant's days-to-civil algorithm, for days since 1970-01-01.
        let z = i64::try_from(at / MS_PER_DAY).unwrap_or(i64::MAX / 2) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day { year, month, day }
    }

    /// A `YYYY-MM-DD` date, as a task's due date is kept.
    pub fn parse(iso: &str) -> Option<Day> {
        let mut parts = iso.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Some(Day { year, month, day })
    }

    /// ISO 8601, as in file names and JSON.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// As the language writes a date in running text: 4.12.2026, 4.12.2026, 4 December 2026.
    pub fn written(&self, language: Language) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match language {
            Language::Fi | Language::Sv => format!("{}.{}.{}", self.day, self.month, self.year),
            Language::En => {
                let month = MONTHS[(self.month as usize).saturating_sub(1) % 12];
                format!("{} {month} {}", self.day, self.year)
            }
        }
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// One day, or the first and the last with a dash between.
pub fn span(days: (Day, Day), language: Language) -> String {
    let (first, last) = days;
    if first == last {
        first.written(language)
    } else {
        format!("{} – {}", first.written(language), last.written(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_timestamps() {
        assert_eq!(Day::of(0).iso(), "1970-01-01");
        // 2026-12-04T00:46:03Z and the last millisecond of 2024-02-29 (a leap day).
        assert_eq!(Day::of(1_796_345_163_000).iso(), "2026-12-04");
        assert_eq!(Day::of(1_709_251_199_999).iso(), "2024-02-29");
        assert_eq!(Day::of(1_709_251_200_000).iso(), "2024-03-01");
        assert_eq!(Day::of(951_782_400_000).iso(), "2000-02-29");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let day = Day::of(1_796_345_163_000);
        assert_eq!(day.written(Language::Fi), "4.12.2026");
        assert_eq!(day.written(Language::Sv), "4.12.2026");
        assert_eq!(day.written(Language::En), "4 December 2026");
        let next = Day::of(1_796_345_163_000 + MS_PER_DAY);
        assert_eq!(span((day, day), Language::Fi), "4.12.2026");
        assert_eq!(
            span((day, next), Language::En),
            "4 December 2026 – 5 December 2026"
        );
    }
}
