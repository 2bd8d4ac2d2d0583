//! Personal data that must never reach a board: a Finnish personal identity code
//! (henkilötunnus, "hetu") typed into a note or comment. A board is read by a whole room and
//! projected on a wall; an identity code there is a data breach (GDPR art. 87, Data Protection
//! Act 1050/2018 § 29), so the server refuses the text (`apply::check_personal_data`) rather
//! than store it. The web app has a port of this check (web/src/board/personal-data.ts) that
//! refuses before sending; both are tested against shared/tests/personal_data_vectors.json.
//!
//! A code is `DDMMYY C ZZZ Q`: a birth date, a century sign, an individual number and a check
//! character. It counts only when all of it holds, so that ordinary numbers in workshop text
//! (years, sums, phone numbers) are never refused:
//! - the century sign is `+` (1800s), `-` `Y` `X` `W` `V` `U` (1900s) or `A`–`F` (2000s),
//!   the letters added in 2023 included;
//! - the date is a real one, leap days by the full year the sign gives (29.2.1900 never was);
//! - the individual number is 002–999 (900–999 are temporary codes: still a person's);
//! - the check character is `0123456789ABCDEFHJKLMNPRSTUVWXY`[DDMMYYZZZ mod 31].
//!
//! A code is found anywhere in running text, but not inside a longer run of letters and digits
//! (`abc131052-308T`, `131052-308T5`), where it is part of some other token. Letters match in
//! either case: a code typed on a phone in lower case is still someone's code, and the checksum
//! keeps chance matches rare either way. Invisible characters (see [`crate::blank`]) are
//! skipped, so a zero-width space typed inside a code does not hide it. A future birth date is
//! not refused for being in the future: the check takes no clock, and a wrong refusal of a
//! well-formed code costs nothing.

use crate::blank::is_default_ignorable;
use crate::calendar::is_real_date;

/// Characters in a code.
const CODE_CHARS: usize = 11;

/// The check character for each remainder mod 31 (no G, I, O, Q or Z).
const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Whether `text` holds a valid personal identity code anywhere.
pub fn contains_identity_code(text: &str) -> bool {
    identity_code_in(text).is_some()
}

/// The first valid personal identity code in `text`, as written there (with any invisible
/// characters typed inside it).
pub fn identity_code_in(text: &str) -> Option<&str> {
    // The visible characters with where each starts in `text`.
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| !is_default_ignorable(c))
        .collect();
    if chars.len() < CODE_CHARS {
        return None;
    }
    (0..=chars.len() - CODE_CHARS).find_map(|start| {
        let end = start + CODE_CHARS;
        let glued_before = start > 0 && chars[start - 1].1.is_alphanumeric();
        let glued_after = chars.get(end).is_some_and(|&(_, c)| c.is_alphanumeric());
        if glued_before || glued_after {
            return None;
        }
        let window: Vec<char> = chars[start..end].iter().map(|&(_, c)| c).collect();
        if !is_identity_code(&window) {
            return None;
        }
        let (from, _) = chars[start];
        let (last, c) = chars[end - 1];
        Some(&text[from..last + c.len_utf8()])
    })
}

/// Whether exactly these 11 characters are a valid code.
fn is_identity_code(code: &[char]) -> bool {
    let &[_, _, _, _, _, _, sign, _, _, _, check] = code else {
        return false;
    };
    let (Some(day), Some(month), Some(year), Some(individual)) = (
        number(&code[0..2]),
        number(&code[2..4]),
        number(&code[4..6]),
        number(&code[7..10]),
    ) else {
        return false;
    };
    let century = match sign.to_ascii_uppercase() {
        '+' => 1800,
        '-' | 'Y' | 'X' | 'W' | 'V' | 'U' => 1900,
        'A'..='F' => 2000,
        _ => return false,
    };
    if !(2..=999).contains(&individual) || !is_real_date(century + year, month, day) {
        return false;
    }
    let remainder = (day * 10_000_000 + month * 100_000 + year * 1_000 + individual) % 31;
    check.to_ascii_uppercase() == char::from(CHECK_CHARS[remainder as usize])
}

/// The value of ASCII digits (`to_digit` takes no other), or `None` if any is not one.
fn number(digits: &[char]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0, |n, c| Some(n * 10 + c.to_digit(10)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case of shared/tests/personal_data_vectors.json.
    #[derive(serde::Deserialize)]
    struct Vector {
        text: String,
        found: Option<String>,
        why: String,
    }

    #[derive(serde::Deserialize)]
    struct Vectors {
        identity_codes: Vec<Vector>,
    }

    fn vectors() -> Vec<Vector> {
        let file = include_str!("../tests/personal_data_vectors.json");
        serde_json::from_str::<Vectors>(file)
            .expect("the vectors file parses")
            .identity_codes
    }

    #[test]
    fn every_vector_finds_what_it_says() {
        let vectors = vectors();
        assert!(vectors.len() > 40, "the vectors file lost its cases");
        for v in &vectors {
            assert_eq!(
                identity_code_in(&v.text),
                v.found.as_deref(),
                "{}: {:?}",
                v.why,
                v.text
            );
            assert_eq!(contains_identity_code(&v.text), v.found.is_some());
        }
    }

    #[test]
    fn the_vectors_cover_every_century_sign_and_both_outcomes() {
        let vectors = vectors();
        let found: Vec<&str> = vectors.iter().filter_map(|v| v.found.as_deref()).collect();
        for sign in "+-YXWVUABCDEF".chars() {
            assert!(
                found
                    .iter()
                    .any(|code| code.chars().nth(6) == Some(sign) && code.len() == 11),
                "no valid code with century sign {sign}"
            );
        }
        assert!(vectors.iter().filter(|v| v.found.is_none()).count() > 20);
    }

    #[test]
    fn every_check_character_is_reached_and_only_one_fits() {
        // Sweep individual numbers for one date: each of the 31 check characters comes up, and
        // for each number exactly one character of the 31 (in either case) makes a valid code.
        let mut seen = std::collections::BTreeSet::new();
        for individual in 2..=999 {
            let fitting: Vec<char> = CHECK_CHARS
                .iter()
                .map(|&b| char::from(b))
                .filter(|q| contains_identity_code(&format!("010203A{individual:03}{q}")))
                .collect();
            assert_eq!(fitting.len(), 1, "individual number {individual}");
            seen.insert(fitting[0]);
            let lower = fitting[0].to_ascii_lowercase();
            assert!(contains_identity_code(&format!(
                "010203a{individual:03}{lower}"
            )));
        }
        assert_eq!(seen.len(), 31);
    }

    #[test]
    fn leap_days_follow_the_full_year() {
        assert!(is_real_date(2000, 2, 29));
        assert!(is_real_date(1996, 2, 29));
        assert!(!is_real_date(1900, 2, 29));
        assert!(!is_real_date(1800, 2, 29));
        assert!(!is_real_date(2023, 2, 29));
        assert!(is_real_date(2023, 12, 31));
        assert!(!is_real_date(2023, 11, 31));
    }

    #[test]
    fn a_long_text_with_no_code_is_not_refused_and_non_ascii_digits_are_not_digits() {
        let text = "Kehittämistarve: ".repeat(60);
        assert_eq!(identity_code_in(&text), None);
        // A code is ASCII digits: Arabic-Indic ones are numeric, but no code.
        assert_eq!(identity_code_in("١٣١٠٥٢-308T"), None);
    }
}
