//! When a text counts as empty. Trimming whitespace is not enough: a note of only zero-width
//! characters (U+200B, U+2060, U+FEFF…) shows as nothing on every screen, so it is empty too.
//! The web app's `isBlank` (web/src/board/limits.ts) checks the same set.

/// Whether `text` would show as nothing: only whitespace and default-ignorable code points.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || is_default_ignorable(c))
}

/// Unicode's `Default_Ignorable_Code_Point` property (DerivedCoreProperties.txt): characters
/// that render as nothing unless a font gives them a meaning, such as joiners, directional
/// marks, variation selectors and tags.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_text_is_blank_and_visible_text_is_not() {
        for blank in [
            "",
            "  \n\t",
            "\u{200B}",
            "\u{2060}\u{FEFF}",
            " \u{200B} \u{200D} ",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        // A joiner inside an emoji sequence or a soft hyphen in a word is part of real text.
        for text in ["a", "👩\u{200D}💻", "sosiaali\u{00AD}palvelut", "\u{200B}x"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }
}
