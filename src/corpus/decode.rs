//! Bytes to text: the first gate every file passes, so it decides what is binary or empty.

use std::borrow::Cow;

/// Why a file's bytes were not turned into a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("only whitespace")]
    Blank,
    #[error("binary file (contains NUL bytes)")]
    Binary,
}

/// Decoded text plus a note when the bytes needed a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<&'static str>,
}

/// Decodes UTF-8 (BOM stripped), UTF-16 with a BOM, or else Windows-1252, and normalises line
/// endings to `\n`. Scraped files arrive in all of these; guessing beats refusing to open them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, warning): (Cow<'_, str>, Option<&'static str>) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            utf8_or_1252(rest)
        } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            let enc = if bytes[0] == 0xFF {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            let warning = had_errors.then_some("malformed UTF-16; bad units replaced");
            (text, warning)
        } else {
            utf8_or_1252(bytes)
        };
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded {
        text: normalise_newlines(&text).into_owned(),
        warning,
    })
}

fn utf8_or_1252(bytes: &[u8]) -> (Cow<'_, str>, Option<&'static str>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, Some("not valid UTF-8; decoded as Windows-1252"))
        }
    }
}

/// CRLF and lone CR become LF.
pub fn normalise_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFTitle\nBody.").unwrap();
        assert_eq!(d.text, "Title\nBody.");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }

    #[test]
    fn latin1_falls_back_to_windows_1252_with_warning() {
        // "città – perché" in Windows-1252: à=E0, en dash=96, é=E9
        let d = decode(b"citt\xE0 \x96 perch\xE9").unwrap();
        assert_eq!(d.text, "città – perché");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Ciao Roma".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap().text, "Ciao Roma");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Ciao".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().text, "Ciao");
    }

    #[test]
    fn empty_blank_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n "), Err(DecodeError::Blank));
        assert_eq!(decode(b"PK\x03\x04\x00\x00abc"), Err(DecodeError::Binary));
    }
}
