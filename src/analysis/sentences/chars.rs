//! The splitter's character classes (terminators, closing and opening quotes and brackets,
//! line breaks) and safe reads of the char at or before a byte offset.

/// The char starting at byte `pos`, if `pos` is an in-bounds char boundary.
pub(super) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// The char ending at byte `pos`, if `pos` is a char boundary.
pub(super) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

pub(super) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Marks that close a quote or bracket when glued after a terminator. German closes „…“ and
/// ‚…‘ with what English opens with, and writes »…« the other way round from French.
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '"' | '’' | '\'' | '»' | '›' | ')' | ']' | '}' | '“' | '‘' | '«' | '‹'
    )
}

/// Marks that may open a sentence, including German »…« and Spanish ¿…? and ¡…!.
pub(super) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '"'
            | '«'
            | '‹'
            | '‘'
            | '\''
            | '„'
            | '‚'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '»'
            | '›'
    )
}

/// The (narrow) no-break and thin spaces French sets inside « guillemets ».
pub(super) fn is_guillemet_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | ' ')
}

/// Spanish inverted marks: each opens a sentence even when glued to the one before.
pub(super) fn is_inverted_mark(c: char) -> bool {
    matches!(c, '¿' | '¡')
}

pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}
