//! The feedback form's rules and its summary. Feedback is private and not collaborative: the
//! answers live in their own table behind HTTP, never in the op log; only whether feedback is
//! open is board state (`Op::SetFeedbackOpen`), so every screen learns it live.

use crate::apply::check_personal_data;
use crate::blank::is_blank;
use crate::http::{FeedbackAnswer, FeedbackSummary};
use crate::limits::{FEEDBACK_RATINGS, MAX_FEEDBACK_CHARS};
use crate::reject::{Field, RejectReason};

/// Why an answer is refused before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadAnswer {
    /// The rating is not from 1 to 5.
    Rating,
    /// The text is longer than `MAX_FEEDBACK_CHARS`, or holds a personal identity code.
    Text(RejectReason),
}

impl std::fmt::Display for BadAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadAnswer::Rating => write!(
                f,
                "rating must be a whole number from {} to {}",
                FEEDBACK_RATINGS.start(),
                FEEDBACK_RATINGS.end()
            ),
            BadAnswer::Text(reason) => reason.fmt(f),
        }
    }
}

/// The answer as it is stored: the text trimmed, a text that shows nothing stored as empty.
pub fn check_answer(answer: &FeedbackAnswer) -> Result<FeedbackAnswer, BadAnswer> {
    if !FEEDBACK_RATINGS.contains(&answer.rating) {
        return Err(BadAnswer::Rating);
    }
    let text = answer.text.trim();
    if text.chars().count() > MAX_FEEDBACK_CHARS {
        return Err(BadAnswer::Text(RejectReason::TooLong {
            field: Field::FeedbackText,
            max: MAX_FEEDBACK_CHARS as u32,
        }));
    }
    // Stored and shown to facilitators and in the kooste: no identity code, as on the board.
    check_personal_data(text).map_err(BadAnswer::Text)?;
    let text = if is_blank(text) { "" } else { text };
    Ok(FeedbackAnswer {
        rating: answer.rating,
        text: text.to_string(),
    })
}

/// The summary of a board's answers, in any order: the result does not depend on it, so it
/// cannot tell who wrote what.
pub fn summarize<'a>(answers: impl IntoIterator<Item = (u8, &'a str)>) -> FeedbackSummary {
    let mut distribution = [0u32; 5];
    let mut texts = Vec::new();
    let (mut count, mut sum) = (0u32, 0u64);
    for (rating, text) in answers {
        // Only checked answers are stored; anything else is left out rather than miscounted.
        let Some(slot) = (rating as usize)
            .checked_sub(1)
            .and_then(|i| distribution.get_mut(i))
        else {
            continue;
        };
        *slot += 1;
        count += 1;
        sum += u64::from(rating);
        if !is_blank(text) {
            texts.push(text.to_string());
        }
    }
    texts.sort();
    FeedbackSummary {
        count,
        distribution,
        average: (count > 0).then(|| sum as f64 / f64::from(count)),
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(rating: u8, text: &str) -> FeedbackAnswer {
        FeedbackAnswer {
            rating,
            text: text.to_string(),
        }
    }

    #[test]
    fn ratings_outside_one_to_five_and_overlong_texts_are_refused() {
        assert_eq!(check_answer(&answer(0, "")), Err(BadAnswer::Rating));
        assert_eq!(check_answer(&answer(6, "")), Err(BadAnswer::Rating));
        for r in 1..=5 {
            assert!(check_answer(&answer(r, "")).is_ok());
        }
        let longest = "ä".repeat(MAX_FEEDBACK_CHARS);
        assert!(check_answer(&answer(3, &longest)).is_ok());
        assert!(matches!(
            check_answer(&answer(3, &format!("{longest}ä"))),
            Err(BadAnswer::Text(RejectReason::TooLong {
                field: Field::FeedbackText,
                ..
            }))
        ));
    }

    #[test]
    fn a_text_with_a_personal_identity_code_is_refused() {
        assert_eq!(
            check_answer(&answer(4, "Soita minulle, olen 131052-308T")),
            Err(BadAnswer::Text(RejectReason::PersonalData))
        );
        assert!(check_answer(&answer(4, "Kiitos, 10/10 työpaja")).is_ok());
    }

    #[test]
    fn texts_are_trimmed_and_invisible_ones_stored_empty() {
        assert_eq!(check_answer(&answer(4, "  hyvä  ")).unwrap().text, "hyvä");
        assert_eq!(check_answer(&answer(4, " \u{200B} ")).unwrap().text, "");
    }

    #[test]
    fn the_summary_counts_averages_and_sorts_texts_whatever_the_order() {
        let answers = [(5, "Selkeä"), (3, ""), (4, "Aikaa lisää"), (5, "Hyvä")];
        let s = summarize(answers);
        assert_eq!(s.count, 4);
        assert_eq!(s.distribution, [0, 0, 1, 1, 2]);
        assert_eq!(s.average, Some(17.0 / 4.0));
        assert_eq!(s.texts, ["Aikaa lisää", "Hyvä", "Selkeä"]);
        let mut reversed = answers;
        reversed.reverse();
        assert_eq!(summarize(reversed), s);
    }

    #[test]
    fn nobody_answered_means_no_average() {
        let s = summarize([]);
        assert_eq!((s.count, s.distribution, s.average), (0, [0; 5], None));
        assert!(s.texts.is_empty());
    }
}
