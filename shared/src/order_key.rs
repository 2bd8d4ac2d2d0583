//! Fractional order keys: strings that sort in byte order, where a new key can always be made
//! between any two. Moving a note rewrites one key instead of renumbering a whole section.
//!
//! A key is a base-62 fraction `0.d1 d2 d3…` written as its digits; keys never end in the zero
//! digit, which is what guarantees room between any two of them.

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn value(c: u8) -> usize {
    // Keys only ever come from `between`, but a key read from storage is still just bytes:
    // unknown bytes sort as the smallest digit instead of panicking.
    DIGITS.iter().position(|&d| d == c).unwrap_or(0)
}

/// Whether `key` could have come from [`between`]: non-empty, base-62 digits only, and not
/// ending in the zero digit.
pub fn is_valid(key: &str) -> bool {
    !key.is_empty()
        && key.bytes().all(|c| DIGITS.contains(&c))
        && !key.ends_with(char::from(DIGITS[0]))
}

/// A key strictly between `before` and `after` (either may be absent: the start or the end).
/// Requires `before < after` when both are given; otherwise it returns a key after `before`.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let a = before.unwrap_or("").as_bytes();
    let b = after.map(str::as_bytes).filter(|b| b > &a);
    let mut out = Vec::new();
    midpoint(a, b, &mut out);
    // Only ASCII digits are ever pushed.
    String::from_utf8(out).unwrap_or_default()
}

fn midpoint(a: &[u8], b: Option<&[u8]>, out: &mut Vec<u8>) {
    if let Some(b) = b {
        // Copy the shared prefix (a padded with zero digits), then work on what differs.
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(DIGITS[0]) == b[n] {
            n += 1;
        }
        if n > 0 {
            out.extend_from_slice(&b[..n]);
            let rest_a = if n < a.len() { &a[n..] } else { &[] };
            return midpoint(rest_a, Some(&b[n..]), out);
        }
    }
    let da = a.first().map_or(0, |&c| value(c));
    let db = b
        .and_then(|b| b.first())
        .map_or(DIGITS.len(), |&c| value(c));
    if db - da > 1 {
        out.push(DIGITS[(da + db) / 2]);
    } else if let Some(b) = b.filter(|b| b.len() > 1) {
        // b is "d…" with more digits after d: "d" alone sorts between a and b.
        out.push(b[0]);
    } else {
        out.push(DIGITS[da]);
        let rest_a = if a.is_empty() { &[][..] } else { &a[1..] };
        midpoint(rest_a, None, out);
    }
}

#[cfg(test)]
mod tests {
    use super::between;

    #[test]
    fn first_key_and_appending_sort_in_order() {
        let mut keys = vec![between(None, None)];
        for _ in 0..200 {
            let next = between(keys.last().map(String::as_str), None);
            assert!(next > *keys.last().unwrap_or(&String::new()));
            keys.push(next);
        }
        assert!(keys.iter().all(|k| !k.ends_with('0') && !k.is_empty()));
    }

    #[test]
    fn inserting_repeatedly_at_the_front_and_between_stays_ordered() {
        let mut keys: Vec<String> = vec![between(None, None)];
        // Always insert at the front.
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
            assert!(!k.ends_with('0'));
            keys.insert(1, k);
        }
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn adjacent_digits_still_leave_room() {
        let k = between(Some("V"), Some("W"));
        assert!("V" < k.as_str() && k.as_str() < "W", "{k}");
        let k = between(Some("V"), Some("V1"));
        assert!("V" < k.as_str() && k.as_str() < "V1", "{k}");
    }
}
