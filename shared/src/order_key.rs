//! Fractional order keys: strings that sort in byte order, where a new key can always be made
//! between any two. Moving a note rewrites one key instead of renumbering a whole section.
//!
//! A key is an integer part and a fraction, both in base-62 digits (the scheme of rocicorp's
//! `fractional-indexing`). The integer part's first character says how many digits follow:
//! `a`–`z` for 1–26 digits of a positive integer, `Z`–`A` for 1–26 digits of a negative one, so
//! longer integers sort further out. Appending after the last key increments its integer and
//! prepending before the first decrements it, so a section of 5,000 notes posted one after
//! another still has keys of at most four characters; only inserting between two neighbours again and
//! again uses the fraction, which never ends in the zero digit, so there is always room; but it
//! costs a character per six or so inserts into the same gap, so [`spread`] can renumber a whole
//! list of siblings with short keys when one grows too long (see `placement.rs`).

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ZERO: u8 = DIGITS[0];
const TOP: u8 = DIGITS[61];
/// The smallest integer part, `A` and 26 zeros: nothing can be decremented below it, so a key
/// may not be exactly it (there would be no room in front).
const SMALLEST_INTEGER: &str = "A00000000000000000000000000";

fn value(c: u8) -> Option<usize> {
    DIGITS.iter().position(|&d| d == c)
}

/// How many characters the integer part starting with `head` has, head included.
fn integer_len(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some(usize::from(head - b'a') + 2),
        b'A'..=b'Z' => Some(usize::from(b'Z' - head) + 2),
        _ => None,
    }
}

/// Splits a valid key into its integer part and its fraction.
fn split(key: &str) -> Option<(&str, &str)> {
    let n = integer_len(*key.as_bytes().first()?)?;
    if key.len() < n || !key.is_char_boundary(n) {
        return None;
    }
    Some(key.split_at(n))
}

/// Whether `key` could have come from [`between`]: an integer part of the length its head says,
/// base-62 digits only, a fraction that does not end in the zero digit, and not the smallest
/// integer itself.
pub fn is_valid(key: &str) -> bool {
    let Some((_, fraction)) = split(key) else {
        return false;
    };
    key.bytes().skip(1).all(|c| value(c).is_some())
        && !fraction.ends_with(char::from(ZERO))
        && key != SMALLEST_INTEGER
}

/// A key strictly between `before` and `after` (either may be absent: the start or the end).
/// Both must be valid and `before < after`; a key that is not valid is treated as absent, and
/// when `before >= after` the result is a key after `before`. Never panics.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let before = before.filter(|k| is_valid(k));
    let after = after
        .filter(|k| is_valid(k))
        .filter(|b| before.is_none_or(|a| a < *b));
    match (before, after) {
        (None, None) => Some("a0".into()),
        (None, Some(b)) => key_before(b),
        (Some(a), None) => key_after(a),
        (Some(a), Some(b)) => key_between(a, b),
    }
    .unwrap_or_else(|| {
        // Only reachable at the ends of the integer range (26-digit integers): fall back to a
        // fraction, which always has room.
        let a = before.unwrap_or("a0");
        let (integer, fraction) = split(a).unwrap_or(("a0", ""));
        format!("{integer}{}", midpoint(fraction.as_bytes(), None))
    })
}

/// `n` keys in increasing order, evenly spread over the integers of one length: the shortest
/// length with more than `n + 1` of them, so there are free integers before the first key and
/// after the last, and prepending or appending does not lengthen keys. Each is
/// [`spread_len`]`(n)` characters.
pub fn spread(n: usize) -> Vec<String> {
    let digits = spread_digits(n);
    let head = b'a' + (digits - 1) as u8;
    // Key i is ⌊i·62^digits/(n+1)⌋ for i in 1..=n: as 62^digits > n + 1, these differ by at
    // least one and stay clear of 0 and 62^digits − 1. Written as q·i + r·i/(n+1) so that
    // nothing overflows for any n.
    let room = 62u128.pow(digits as u32);
    let parts = n as u128 + 1;
    let (q, r) = (room / parts, room % parts);
    (1..=n as u128)
        .map(|i| {
            let mut v = q * i + r * i / parts;
            let mut out = vec![ZERO; digits + 1];
            out[0] = head;
            for d in out[1..].iter_mut().rev() {
                *d = DIGITS[(v % 62) as usize];
                v /= 62;
            }
            // Only ASCII is pushed.
            String::from_utf8(out).unwrap_or_default()
        })
        .collect()
}

/// How long the keys of [`spread`]`(n)` are: 2 for up to 60 keys, 3 up to 3,842, 4 up to
/// 238,326, and never more than 12 (62^11 is more than any `usize` + 1).
pub const fn spread_len(n: usize) -> usize {
    spread_digits(n) + 1
}

/// Digits of the integers [`spread`] uses: the fewest with 62^digits > n + 1.
const fn spread_digits(n: usize) -> usize {
    let mut digits = 1;
    let mut room: u128 = 62;
    while room <= n as u128 + 1 {
        room *= 62;
        digits += 1;
    }
    digits
}

fn key_before(b: &str) -> Option<String> {
    let (integer, fraction) = split(b)?;
    if integer == SMALLEST_INTEGER {
        return Some(format!(
            "{integer}{}",
            midpoint(b"", Some(fraction.as_bytes()))
        ));
    }
    if !fraction.is_empty() {
        // The integer alone sorts before the integer with a fraction.
        return Some(integer.into());
    }
    decrement(integer)
}

fn key_after(a: &str) -> Option<String> {
    let (integer, fraction) = split(a)?;
    match increment(integer) {
        Some(next) => Some(next),
        None => Some(format!("{integer}{}", midpoint(fraction.as_bytes(), None))),
    }
}

fn key_between(a: &str, b: &str) -> Option<String> {
    let (ia, fa) = split(a)?;
    let (ib, fb) = split(b)?;
    if ia == ib {
        return Some(format!(
            "{ia}{}",
            midpoint(fa.as_bytes(), Some(fb.as_bytes()))
        ));
    }
    match increment(ia) {
        Some(next) if next.as_str() < b => Some(next),
        _ => Some(format!("{ia}{}", midpoint(fa.as_bytes(), None))),
    }
}

/// The next integer part, growing a digit when all of them carry; `None` past the largest.
fn increment(integer: &str) -> Option<String> {
    let (&head, digits) = integer.as_bytes().split_first()?;
    let mut digits = digits.to_vec();
    for d in digits.iter_mut().rev() {
        if *d != TOP {
            *d = DIGITS[value(*d)? + 1];
            return ascii(head, digits);
        }
        *d = ZERO;
    }
    // Every digit carried: the next length up.
    match head {
        b'z' => None,
        b'Z' => Some("a0".into()),
        _ => {
            let head = head + 1;
            if head > b'a' {
                digits.push(ZERO);
            } else {
                digits.pop();
            }
            ascii(head, digits)
        }
    }
}

/// The previous integer part, growing a digit when all of them borrow; `None` below the
/// smallest.
fn decrement(integer: &str) -> Option<String> {
    let (&head, digits) = integer.as_bytes().split_first()?;
    let mut digits = digits.to_vec();
    for d in digits.iter_mut().rev() {
        if *d != ZERO {
            *d = DIGITS[value(*d)? - 1];
            return ascii(head, digits);
        }
        *d = TOP;
    }
    match head {
        b'A' => None,
        b'a' => Some(format!("Z{}", char::from(TOP))),
        _ => {
            let head = head - 1;
            if head < b'Z' {
                digits.push(TOP);
            } else {
                digits.pop();
            }
            ascii(head, digits)
        }
    }
}

fn ascii(head: u8, digits: Vec<u8>) -> Option<String> {
    let mut out = vec![head];
    out.extend(digits);
    String::from_utf8(out).ok()
}

/// A fraction strictly between fractions `a` and `b` (`b` absent: 1). Neither ends in the zero
/// digit, and `a < b`; the result does not end in zero either.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    let mut out = Vec::new();
    midpoint_into(a, b, &mut out);
    // Only ASCII digits are ever pushed.
    String::from_utf8(out).unwrap_or_default()
}

fn midpoint_into(a: &[u8], b: Option<&[u8]>, out: &mut Vec<u8>) {
    if let Some(b) = b {
        // Copy the shared prefix (a padded with zero digits), then work on what differs.
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(ZERO) == b[n] {
            n += 1;
        }
        if n > 0 {
            out.extend_from_slice(&b[..n]);
            let rest_a = if n < a.len() { &a[n..] } else { &[] };
            return midpoint_into(rest_a, Some(&b[n..]), out);
        }
    }
    let da = a.first().and_then(|&c| value(c)).unwrap_or(0);
    let db = b
        .and_then(|b| b.first())
        .and_then(|&c| value(c))
        .unwrap_or(DIGITS.len());
    if db > da + 1 {
        out.push(DIGITS[(da + db) / 2]);
    } else if let Some(b) = b.filter(|b| b.len() > 1) {
        // b is "d…" with more digits after d: "d" alone sorts between a and b.
        out.push(b[0]);
    } else {
        out.push(DIGITS[da]);
        let rest_a = if a.is_empty() { &[][..] } else { &a[1..] };
        midpoint_into(rest_a, None, out);
    }
}

#[cfg(test)]
mod tests {
    use super::{between, is_valid, spread, spread_len};

    #[test]
    fn first_key_and_appending_sort_in_order_and_stay_short() {
        let mut keys = vec![between(None, None)];
        for _ in 0..5_000 {
            let next = between(keys.last().map(String::as_str), None);
            assert!(next > *keys.last().unwrap_or(&String::new()));
            keys.push(next);
        }
        assert!(keys.iter().all(|k| is_valid(k)));
        // A whole board's worth of posts, one after another, in four characters.
        assert!(keys.iter().all(|k| k.len() <= 4), "{:?}", keys.last());
    }

    #[test]
    fn prepending_stays_short_too() {
        let mut keys = vec![between(None, None)];
        for _ in 0..5_000 {
            let k = between(None, Some(&keys[0]));
            assert!(k < keys[0], "{k} < {}", keys[0]);
            assert!(is_valid(&k), "{k}");
            keys.insert(0, k);
        }
        assert!(keys.iter().all(|k| k.len() <= 4), "{:?}", keys.first());
    }

    #[test]
    fn inserting_repeatedly_at_the_front_and_between_stays_ordered() {
        let mut keys: Vec<String> = vec![between(None, None)];
        for _ in 0..100 {
            let k = between(None, Some(&keys[0]));
            assert!(k < keys[0], "{k} < {}", keys[0]);
            keys.insert(0, k);
        }
        // Always insert between the first two.
        for _ in 0..100 {
            let k = between(Some(&keys[0]), Some(&keys[1]));
            assert!(
                keys[0] < k && k < keys[1],
                "{} < {k} < {}",
                keys[0],
                keys[1]
            );
            assert!(is_valid(&k), "{k}");
            keys.insert(1, k);
        }
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn random_inserts_keep_every_key_valid_distinct_and_in_place() {
        // A fixed linear congruential sequence: repeatable without a dependency.
        let mut state: u64 = 20261123;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let mut keys: Vec<String> = Vec::new();
        for _ in 0..3_000 {
            let at = next(keys.len() + 1);
            let before = at.checked_sub(1).map(|i| keys[i].as_str());
            let after = keys.get(at).map(String::as_str);
            let k = between(before, after);
            assert!(is_valid(&k), "{k}");
            assert!(before.is_none_or(|b| b < k.as_str()) && after.is_none_or(|a| k.as_str() < a));
            keys.insert(at, k);
        }
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn integers_carry_and_borrow_across_lengths() {
        assert_eq!(between(Some("az"), None), "b00");
        assert_eq!(between(None, Some("a0")), "Zz");
        assert_eq!(between(None, Some("Z0")), "Yzz");
        assert_eq!(between(Some("Zz"), None), "a0");
        assert_eq!(between(Some("a0"), Some("a1")), "a0V");
        assert_eq!(between(None, Some("a0V")), "a0");
        let k = between(Some("a0"), Some("a0V"));
        assert!("a0" < k.as_str() && k.as_str() < "a0V", "{k}");
    }

    #[test]
    fn the_ends_of_the_range_fall_back_to_fractions() {
        let largest = format!("z{}", "z".repeat(26));
        let k = between(Some(&largest), None);
        assert!(k > largest && is_valid(&k), "{k}");
        let smallest = format!("A{}1", "0".repeat(26));
        let k = between(None, Some(&smallest));
        assert!(k < smallest && is_valid(&k), "{k}");
    }

    #[test]
    fn spread_keys_are_valid_increasing_and_of_one_short_length() {
        for n in [0, 1, 2, 3, 60, 61, 62, 3_842, 3_843, 5_000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            assert!(
                keys.iter().all(|k| is_valid(k) && k.len() == spread_len(n)),
                "{n}"
            );
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{n}");
            // Room before the first and after the last, without a longer key.
            if let (Some(first), Some(last)) = (keys.first(), keys.last()) {
                assert!(between(None, Some(first)).len() <= first.len(), "{n}");
                assert!(between(Some(last), None).len() <= last.len(), "{n}");
            }
        }
        assert_eq!(spread(3), ["aF", "aV", "ak"]);
        assert_eq!(spread_len(60), 2);
        assert_eq!(spread_len(61), 3);
        assert_eq!(spread_len(3_842), 3);
        assert_eq!(spread_len(3_843), 4);
        assert_eq!(spread_len(5_000), 4);
        assert_eq!(spread_len(usize::MAX), 12);
    }

    #[test]
    fn what_is_and_is_not_a_key() {
        for ok in ["a0", "a0V", "Zz", "b00", "A000000000000000000000000001"] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "V",
            "a0V0",
            "b0",
            "a-",
            "0a",
            "A00000000000000000000000000",
            "aé",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
        // Junk in, a valid key out, never a panic.
        assert!(is_valid(&between(Some("junk"), Some("??"))));
    }
}
