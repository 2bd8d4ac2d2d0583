//! Where a posted or moved entity goes among its siblings (a section's notes, or the board's
//! sections), as order keys. Usually that is one key between its new neighbours; when that key
//! would be longer than `MAX_ORDER_KEY_LEN`, every sibling gets a fresh short key instead, in
//! the same op, so keys never grow without bound however often one gap is split.

use crate::limits::MAX_ORDER_KEY_LEN;
use crate::order_key;

/// The keys that put one entity at a place among its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The placed entity's key.
    pub key: String,
    /// New keys for the siblings, one each and in their order, when they had to be renumbered;
    /// empty when their keys stay as they are.
    pub siblings: Vec<String>,
}

/// Keys for putting an entity at index `at` of `siblings` (their keys in display order, without
/// the entity itself; `at` past the end means last).
///
/// The siblings are renumbered when the key between the neighbours would be over the bound, and
/// also when a sibling's key already is over it or is not a valid key, or two are equal (a board
/// stored before the bound existed): the renumbering is what repairs them.
pub fn place(siblings: &[&str], at: usize) -> Placement {
    let at = at.min(siblings.len());
    let prev = at.checked_sub(1).map(|i| siblings[i]);
    let next = siblings.get(at).copied();
    let key = order_key::between(prev, next);
    let fits = key.len() <= MAX_ORDER_KEY_LEN
        && prev.is_none_or(|p| p < key.as_str())
        && next.is_none_or(|n| key.as_str() < n);
    let siblings_fine = siblings
        .iter()
        .all(|k| k.len() <= MAX_ORDER_KEY_LEN && order_key::is_valid(k))
        && siblings.windows(2).all(|w| w[0] < w[1]);
    if fits && siblings_fine {
        return Placement {
            key,
            siblings: Vec::new(),
        };
    }
    let mut keys = order_key::spread(siblings.len() + 1);
    let key = keys.remove(at);
    Placement {
        key,
        siblings: keys,
    }
}

// Renumbering must itself stay within the bound, for any number of siblings a board may hold
// (and any that fits in memory: `spread_len` is at most 12).
const _: () = assert!(order_key::spread_len(usize::MAX) <= MAX_ORDER_KEY_LEN);

#[cfg(test)]
mod tests {
    use super::place;
    use crate::limits::MAX_ORDER_KEY_LEN;

    #[test]
    fn a_key_between_the_neighbours_when_it_fits() {
        let p = place(&["a0", "a1"], 1);
        assert_eq!((p.key.as_str(), p.siblings.len()), ("a0V", 0));
        assert_eq!(place(&["a0", "a1"], 9).key, "a2");
        assert_eq!(place(&[], 0).key, "a0");
    }

    #[test]
    fn renumbers_every_sibling_when_the_key_would_be_too_long() {
        // Nothing fits between `a0` and `a0…01` but `a0…00V`, a character longer.
        let long = format!("a0{}1", "0".repeat(MAX_ORDER_KEY_LEN - 3));
        assert_eq!(long.len(), MAX_ORDER_KEY_LEN);
        // Four evenly spread keys, the new one second.
        let p = place(&["a0", &long, "a1"], 1);
        assert_eq!(p.key, "aO");
        assert_eq!(p.siblings, ["aC", "ab", "an"]);
    }

    #[test]
    fn renumbers_siblings_whose_keys_are_already_too_long_or_broken() {
        let too_long = format!("a0{}", "V".repeat(MAX_ORDER_KEY_LEN));
        assert_eq!(place(&["a0", &too_long], 2).siblings.len(), 2);
        assert_eq!(place(&["a0", "a0", "a1"], 3).siblings.len(), 3);
        assert_eq!(place(&["?", "a1"], 0).siblings.len(), 2);
    }
}
