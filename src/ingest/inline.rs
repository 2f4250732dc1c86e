//! Small inline clean-ups shared by the plain-text reader and the structure step.

/// Collapses every run of whitespace into one space and trims the ends.
pub(crate) fn fold_whitespace(text: &str) -> String {
    let t = text.trim();
    if is_folded(t) {
        return t.to_string();
    }
    collapse(text)
}

/// [`fold_whitespace`] of an owned string: an already folded one is returned as it is, without
/// a copy (most paragraphs are).
pub(crate) fn fold_whitespace_owned(text: String) -> String {
    let t = text.trim();
    if is_folded(t) {
        if t.len() == text.len() {
            return text;
        }
        return t.to_string();
    }
    collapse(&text)
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `t` (trimmed) holds no whitespace but single spaces. Most paragraphs do, and are
/// told so by two vectorised scans: no double space, and no byte that is ASCII whitespace
/// other than a space or the leading byte of a non-ASCII whitespace character (U+0085, U+00A0:
/// 0xC2; U+1680: 0xE1; U+2000–U+205F: 0xE2; U+3000: 0xE3). Only a text with such a byte is
/// walked character by character.
fn is_folded(t: &str) -> bool {
    let bytes = t.as_bytes();
    let suspect = bytes.iter().fold(false, |found, &b| {
        found | matches!(b, b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3)
    });
    if memchr::memmem::find(bytes, b"  ").is_some() {
        return false;
    }
    !suspect || !t.chars().any(|c| c != ' ' && c.is_whitespace())
}

/// Removes Markdown emphasis that scraped plain text keeps (`**Key takeaways:**`, `*By X*`),
/// without touching `snake_case` words or lone asterisks used as footnote marks. Takes the
/// text by value and returns it as it is when it has no emphasis (most paragraphs).
pub(crate) fn strip_emphasis_owned(text: String) -> String {
    if memchr::memchr2(b'*', b'_', text.as_bytes()).is_none() {
        return text;
    }
    let mut s = text.replace("**", "").replace("__", "");
    for delim in ['*', '_'] {
        let t = s.trim();
        if t.len() > 2 && t.starts_with(delim) && t.ends_with(delim) {
            s = t[1..t.len() - 1].to_string();
        }
    }
    s
}

/// Whether `line` opens with a German-style date, "11. Dezember 2025": the day's dot looks like
/// a numbered list's marker, but the line is a date line, not an item.
pub(crate) fn starts_with_dotted_date(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && t[digits..].starts_with(". ")
        && crate::ingest::date::find_date(t).is_some_and(|(_, range)| range.start == 0)
}

/// If `line` starts with a list marker, returns the text after it (maybe empty, for a marker
/// alone on its line). Recognises `-` `*` `•` `–` `—` `·` `▪` `◦` `‣` and `1.` `1)` numbering.
pub(crate) fn strip_list_marker(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    let after = if matches!(
        first,
        '-' | '*' | '•' | '–' | '—' | '·' | '▪' | '◦' | '‣' | '+'
    ) {
        &t[first.len_utf8()..]
    } else if first.is_ascii_digit() {
        if starts_with_dotted_date(t) {
            return None;
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 {
            return None;
        }
        let rest = &t[digits..];
        rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?
    } else {
        return None;
    };
    if after.is_empty() {
        return Some("");
    }
    // A marker must be followed by white space: "-5%" or "2.5" are not list items.
    if after.starts_with(char::is_whitespace) {
        Some(after.trim())
    } else {
        None
    }
}

/// True when the text holds no letter or digit: page furniture like "×", "•", "|", "***".
pub(crate) fn is_furniture(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_emphasis(text: &str) -> String {
        strip_emphasis_owned(text.to_string())
    }

    #[test]
    fn folds_runs_of_whitespace() {
        assert_eq!(fold_whitespace("  a \t b\n\nc  "), "a b c");
        for text in [
            "",
            "  ",
            "a b",
            " a b ",
            "a  b",
            "a\u{a0}b",
            "a \u{2009} b",
            "a\u{85}b",
            "Perché è così",
            "a\x0bb",
        ] {
            let reference = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_whitespace(text), reference, "{text:?}");
            assert_eq!(
                fold_whitespace_owned(text.to_string()),
                reference,
                "{text:?}"
            );
        }
    }

    #[test]
    fn strips_emphasis_around_labels_and_bylines() {
        assert_eq!(strip_emphasis("**Key Takeaways:**"), "Key Takeaways:");
        assert_eq!(strip_emphasis("*By Jane Doe*"), "By Jane Doe");
        assert_eq!(strip_emphasis("_In sintesi_"), "In sintesi");
        assert_eq!(strip_emphasis("snake_case stays"), "snake_case stays");
        assert_eq!(strip_emphasis_owned("plain".into()), "plain");
    }

    #[test]
    fn list_markers_of_every_kind() {
        for (line, text) in [
            ("- item", "item"),
            ("* item", "item"),
            ("• item", "item"),
            ("– item", "item"),
            ("1. item", "item"),
            ("12) item", "item"),
            ("-", ""),
            ("•", ""),
            ("3.", ""),
        ] {
            assert_eq!(strip_list_marker(line), Some(text), "{line:?}");
        }
        for line in [
            "-5% growth",
            "2.5 million",
            "2025. A year",
            "11. Dezember 2025",
            "3. März 2026 – Berlin",
            "Text",
            "*emphasis*",
        ] {
            assert_eq!(strip_list_marker(line), None, "{line:?}");
        }
    }

    #[test]
    fn furniture_has_no_letters() {
        assert!(is_furniture("×"));
        assert!(is_furniture(" • | — "));
        assert!(!is_furniture("× Close"));
    }
}
