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
    #[error("does not look like text (control codes among the characters)")]
    NotText,
}

/// Decoded text plus a note when the bytes needed a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<&'static str>,
}

/// The encoding a server's `charset=` names, when it should be used for `bytes`: not when a
/// byte order mark says otherwise (the mark wins, as in browsers), and not when it claims
/// UTF-8 for bytes that are not (the file's own declaration or sniffing then decides).
pub fn server_charset(
    bytes: &[u8],
    charset: Option<&str>,
) -> Option<&'static encoding_rs::Encoding> {
    let has_bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if has_bom {
        return None;
    }
    let enc = encoding_rs::Encoding::for_label(charset?.trim().as_bytes())?;
    (enc != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok()).then_some(enc)
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
    if !looks_like_text(&text) {
        return Err(DecodeError::NotText);
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

/// Prose in any script has almost no control characters, and is mostly letters, digits,
/// spaces and punctuation; random or binary bytes that happen to decode (every byte is valid
/// Windows-1252) are about an eighth controls. ESC and BEL do not count: text with terminal
/// escapes is still text, and the sanitiser removes them. Judged on the first few thousand
/// characters, so a long file costs no more than a short one.
fn looks_like_text(text: &str) -> bool {
    let (mut controls, mut wordy, mut total) = (0usize, 0usize, 0usize);
    for c in text.chars().take(4096) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}' | '\u{7}') {
            controls += 1;
        } else if c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation() {
            wordy += 1;
        }
    }
    controls * 50 <= total && wordy * 2 >= total
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
    fn random_bytes_are_not_text_but_symbol_heavy_prose_is() {
        let mut x: u32 = 7;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % 255 + 1) as u8
            })
            .collect();
        assert_eq!(decode(&noise), Err(DecodeError::NotText));
        let prose = "GDP grew 2.5% (Q3); exports +4% — see “Table 1” & §2 [note] #tags.";
        assert!(decode(prose.as_bytes()).is_ok());
        assert!(decode("東京とローマは防衛協力を強化した。".as_bytes()).is_ok());
    }

    #[test]
    fn empty_blank_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n "), Err(DecodeError::Blank));
        assert_eq!(decode(b"PK\x03\x04\x00\x00abc"), Err(DecodeError::Binary));
    }
}
