//! Terminal-safety cleaning for untrusted text.
//!
//! Everything shown on screen comes from files we did not write, so a single
//! stray escape sequence could retitle the window, write to the clipboard
//! (OSC 52), fake hyperlinks or reorder text with bidi overrides. Cleaning
//! happens once at load time, so rendering code can assume safe text.
//!
//! Design constraints:
//! - Most files are clean, so a byte-oriented scan decides first whether
//!   anything needs changing and, if not, the input is returned borrowed.
//! - The slow path is one linear pass with bounded lookahead, so adversarial
//!   inputs (megabytes of `ESC` or unterminated OSC openers) stay linear.
//! - Unterminated string sequences (OSC, DCS, ...) stop at the end of the
//!   line, so one corrupt byte cannot swallow a whole document.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// Removes terminal escape sequences, control characters and bidi controls; tabs become spaces.
///
/// Line structure is preserved (`\n` is kept, `\r\n` and lone `\r` become
/// `\n`, U+2028/U+2029 become `\n`) so the reader's layout still matches the
/// source document.
#[must_use]
pub fn sanitize(input: &str) -> Cow<'_, str> {
    clean(input, Newline::Keep)
}

/// Same cleaning for one-line display (file names in messages): also turns '\n' into a space.
///
/// A file name containing a newline could otherwise forge extra status
/// lines; every line break the full cleaning would produce becomes a space.
#[must_use]
pub fn sanitize_line(input: &str) -> Cow<'_, str> {
    clean(input, Newline::Space)
}

/// A path made safe to print: file names can hold escape sequences too.
pub fn display(path: &std::path::Path) -> String {
    sanitize_line(&path.to_string_lossy()).into_owned()
}

/// How line breaks are emitted; shared so both entry points do one pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    Keep,
    Space,
}

impl Newline {
    fn as_char(self) -> char {
        match self {
            Newline::Keep => '\n',
            Newline::Space => ' ',
        }
    }
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator (C1).
const ST8: char = '\u{9c}';
/// 8-bit Control Sequence Introducer (C1).
const CSI8: char = '\u{9b}';

fn clean(input: &str, newline: Newline) -> Cow<'_, str> {
    let Some(start) = first_unsafe(input.as_bytes(), newline) else {
        return Cow::Borrowed(input);
    };
    // `start` always indexes an ASCII byte or a UTF-8 leading byte, so it is
    // a char boundary; the checked split keeps this panic-free regardless.
    let (prefix, rest) = input.split_at_checked(start).unwrap_or(("", input));
    Cow::Owned(clean_slow(rest, prefix, newline))
}

/// Finds the first byte where cleaning would change something.
///
/// Works on bytes because it runs over every byte of every file; multi-byte
/// characters are only inspected when their leading byte could start one of
/// the few characters we remove (C1 controls, bidi controls, BOM, LS/PS).
/// Must agree exactly with [`is_removed_char`] so the fast path never lets
/// an unsafe character through.
fn first_unsafe(bytes: &[u8], newline: Newline) -> Option<usize> {
    // Skip to the next byte that could start a change (a control byte, or the leading byte of
    // one of the few multi-byte characters removed) with one table lookup per byte: the full
    // decision below ran on every byte of every file.
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| SUSPECT[b as usize]) {
        i += off;
        if is_unsafe_at(bytes, i, newline) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Bytes where [`is_unsafe_at`] can say yes: everything else is kept as it is.
static SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b, 0x00..=0x1F | 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF);
        b += 1;
    }
    t
};

fn is_unsafe_at(bytes: &[u8], i: usize, newline: Newline) -> bool {
    match bytes[i] {
        b'\n' => newline == Newline::Space,
        0x00..=0x1F | 0x7F => true,
        // U+0080..=U+009F (C1 controls).
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        // U+061C ARABIC LETTER MARK.
        0xD8 => bytes.get(i + 1) == Some(&0x9C),
        // U+200E, U+200F, U+2028..=U+202E, U+2066..=U+2069.
        0xE2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8E | 0x8F | 0xA8..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        // U+FEFF BOM / zero-width no-break space.
        0xEF => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xBB), Some(0xBF))
        ),
        _ => false,
    }
}

/// Bidi controls can visually reorder text ("Trojan Source"), so they are
/// never displayed; U+FEFF is invisible and only confuses width handling.
fn is_bidi_or_bom(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// Characters that never survive cleaning as themselves (reference
/// classification the byte scan must match).
#[cfg(test)]
fn is_removed_char(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_or_bom(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn clean_slow(rest: &str, prefix: &str, newline: Newline) -> String {
    let nl = newline.as_char();
    let mut out = String::with_capacity(prefix.len() + rest.len());
    out.push_str(prefix);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push(nl),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(nl);
            }
            '\t' => out.push_str("    "),
            ESC => skip_after_esc(&mut chars),
            CSI8 => skip_csi(&mut chars),
            // OSC, DCS, SOS, PM, APC (8-bit forms).
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() || is_bidi_or_bom(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Consumes whatever follows an `ESC` that belongs to the same sequence.
///
/// Only peeks before deciding, so a character that is not part of the
/// sequence (a newline, another `ESC`, a letter with an accent) is left for
/// the main loop to handle normally.
fn skip_after_esc(chars: &mut Peekable<Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            // nF sequence, e.g. ESC ( B: intermediates then one final byte.
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips a control sequence body after its introducer.
///
/// Ends at the final byte, or just before any byte that cannot belong to a
/// CSI, so malformed sequences cannot eat ordinary text or newlines.
fn skip_csi(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| matches!(c, '0'..='?')).is_some() {}
    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// Skips a string sequence body (OSC, DCS, SOS, PM, APC) and its terminator.
///
/// Terminators are BEL, `ESC \` and 8-bit ST. A line break ends an
/// unterminated string without being consumed, bounding the damage of a
/// stray opener to one line.
fn skip_string(chars: &mut Peekable<Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => return,
            BEL | ST8 => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                if chars.next_if_eq(&'\\').is_some() {
                    return;
                }
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIDI: [char; 13] = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{FEFF}',
    ];

    fn assert_safe(s: &str) {
        for c in s.chars() {
            assert!(
                !(c.is_control() && c != '\n'),
                "control char {c:?} in output {s:?}"
            );
            assert!(!BIDI.contains(&c), "bidi/BOM char {c:?} in output {s:?}");
            assert!(
                !matches!(c, '\u{2028}' | '\u{2029}'),
                "line/paragraph separator in output {s:?}"
            );
        }
    }

    fn assert_line_safe(s: &str) {
        assert_safe(s);
        assert!(!s.contains('\n'), "newline in one-line output {s:?}");
    }

    /// Checks the expected output and that the result is safe and stable.
    fn check(input: &str, expected: &str) {
        let out = sanitize(input);
        assert_eq!(out, expected, "input {input:?}");
        assert_safe(&out);
        assert!(matches!(sanitize(&out), Cow::Borrowed(_)), "not idempotent");
    }

    #[test]
    fn empty_and_plain_ascii_borrowed() {
        assert!(matches!(sanitize(""), Cow::Borrowed("")));
        let s = "Hello, world!\nSecond line with {braces} and ~tilde~.\n";
        let out = sanitize(s);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(out, s);
    }

    #[test]
    fn italian_and_typographic_text_borrowed_byte_for_byte() {
        let s = "Perché la città è più bella? Così, però: «sì» — “virgolette” l’arte \
                 – 3 × 4 … 50 °C ‰ € ß ñ\u{00A0}nbsp\n😀 👨\u{200D}👩\u{200D}👧 \
                 \u{2060}word-joiner ‘single’ „low“ † • ™\n";
        let out = sanitize(s);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(out.as_bytes(), s.as_bytes());
        let line = "Relazione 2024 — “città” ’ – ×.md";
        assert!(matches!(sanitize_line(line), Cow::Borrowed(_)));
    }

    #[test]
    fn csi_colours() {
        check("\x1b[1;31mred\x1b[0m plain", "red plain");
        check("\x1b[38;5;196mx\x1b[48;2;1;2;3my\x1b[m", "xy");
    }

    #[test]
    fn csi_cursor_moves_and_modes() {
        check(
            "\x1b[2J\x1b[H\x1b[10;20Hx\x1b[3A\x1b[?25l\x1b[?1049hy",
            "xy",
        );
        check("a\x1b[Kb\x1b[6nc", "abc");
    }

    #[test]
    fn csi_with_intermediate_byte() {
        // DECSCUSR: ESC [ 1 SP q
        check("\x1b[1 qcursor", "cursor");
        check("\x1b[!preset", "reset");
    }

    #[test]
    fn csi_interrupted_by_unexpected_char() {
        check("\x1b[31\nnext", "\nnext");
        check("\x1b[12écittà", "écittà");
        check("\x1b[1\x07x", "x");
        check("\x1b[1\x1b[31mx", "x");
        // Parameter byte after an intermediate is unexpected and kept.
        check("\x1b[ 5x", "5x");
        check("a\x1b[", "a");
    }

    #[test]
    fn osc_window_title_with_bel_and_st() {
        check("\x1b]0;pwned title\x07after", "after");
        check("\x1b]2;pwned title\x1b\\after", "after");
        check("\x1b]0;title\u{9c}after", "after");
    }

    #[test]
    fn osc_8_hyperlink() {
        check(
            "see \x1b]8;;https://evil.example/x\x1b\\this link\x1b]8;;\x1b\\ now",
            "see this link now",
        );
        check("\x1b]8;id=1;http://a\x07t\x1b]8;;\x07", "t");
    }

    #[test]
    fn osc_52_clipboard() {
        check("\x1b]52;c;cm0gLXJmIH4K\x07after", "after");
        check("\x1b]52;c;?\x1b\\after", "after");
    }

    #[test]
    fn dcs_sos_pm_apc() {
        check("\x1bP1$r0m\x1b\\ok", "ok");
        check("\x1bPq#0;2;0;0;0#0~~@@vv\x1b\\sixel", "sixel");
        check("\x1bXsos data\x1b\\ok", "ok");
        check("\x1b^privacy message\x07ok", "ok");
        check("\x1b_Gf=100,a=T;AAAA\x1b\\kitty", "kitty");
        // ESC inside the body that is not ST does not end it.
        check("\x1b_a\x1bb\x1b\\ok", "ok");
    }

    #[test]
    fn eight_bit_c1_sequences() {
        check("\u{9b}31mred\u{9b}0m", "red");
        check("\u{9b}?25lx", "x");
        check("\u{9d}0;title\u{9c}x", "x");
        check("\u{9d}52;c;AAAA\x07x", "x");
        check("\u{90}1$r\u{9c}dcs", "dcs");
        check("\u{98}sos\u{9c}a", "a");
        check("\u{9e}pm\u{9c}b", "b");
        check("\u{9f}apc\x1b\\c", "c");
        check("a\u{80}b\u{85}c\u{9c}d\u{9a}e", "abcde");
    }

    #[test]
    fn unterminated_osc_keeps_following_line() {
        check("a\x1b]0;evil title\nsecond line\n", "a\nsecond line\n");
        check("a\x1b]0;evil\r\nsecond", "a\nsecond");
        check("a\u{9d}0;evil\u{2028}second", "a\nsecond");
        check("a\x1bPdcs without end\nb", "a\nb");
        check("text\x1b]0;title", "text");
        check("text\x1b]", "text");
        check("text\x1b]0;x\x1b", "text");
    }

    #[test]
    fn other_esc_sequences() {
        check("\x1b(Bx\x1b)0y", "xy");
        check("\x1b7saved\x1b8", "saved");
        check("\x1b=\x1b>\x1bc\x1bM\x1bD", "");
        // DECALN: ESC # 8; multiple intermediates.
        check("\x1b#8a\x1b$(Bb", "ab");
        // Stray ST outside a string.
        check("a\x1b\\b", "ab");
        // Intermediate followed by something that is not a final byte.
        check("\x1b(\nz", "\nz");
    }

    #[test]
    fn lone_and_odd_esc() {
        check("abc\x1b", "abc");
        check("\x1b", "");
        check("\x1b\x1b\x1b", "");
        check("\x1bé", "é");
        check("\x1b\nnext", "\nnext");
        check("\x1b\x1b[31mx", "x");
        check("\x1b\u{9b}1mx", "x");
    }

    #[test]
    fn bidi_controls_and_bom_removed() {
        for &b in &BIDI {
            let input = format!("ab{b}cd");
            let out = sanitize(&input);
            assert!(matches!(out, Cow::Owned(_)), "{b:?} not detected");
            assert_eq!(out, "abcd");
        }
        check("\u{FEFF}hello\u{FEFF} world", "hello world");
        check(
            "access \u{202E}\u{2066}// admin\u{2069}\u{2066}if ok",
            "access // adminif ok",
        );
        check("\u{061C}١٢\u{200F}\u{200E}", "١٢");
        // ZWJ is not a bidi control and must stay.
        check("\u{202E}👨\u{200D}👩", "👨\u{200D}👩");
    }

    #[test]
    fn line_and_paragraph_separators_become_newlines() {
        check("a\u{2028}b\u{2029}c", "a\nb\nc");
    }

    #[test]
    fn bel_nul_del_and_other_c0_removed() {
        check("ding\x07dong", "dingdong");
        check("nul\0byte\0", "nulbyte");
        check("del\x7fete", "delete");
        check("\x01\x02bs\x08\x0bvt\x0cff\x1f\x1c", "bsvtff");
    }

    #[test]
    fn tab_becomes_four_spaces() {
        check("a\tb", "a    b");
        check("\t\t", "        ");
        assert_eq!(sanitize_line("x\ty"), "x    y");
    }

    #[test]
    fn carriage_returns_normalised() {
        check("a\r\nb\r\n", "a\nb\n");
        check("a\rb", "a\nb");
        check("a\r\r\nb", "a\n\nb");
        check("a\r", "a\n");
    }

    #[test]
    fn slow_path_keeps_prefix_and_unicode() {
        check(
            "Perché \x1b[1mcittà\x1b[0m — “ok” 😀\tfine",
            "Perché città — “ok” 😀    fine",
        );
    }

    #[test]
    fn sanitize_line_flattens_newlines() {
        let out = sanitize_line("name\nwith\r\nbreaks\u{2028}and\x1b[31mcolour\x1b[0m");
        assert_eq!(out, "name with breaks andcolour");
        assert_line_safe(&out);
        assert_eq!(sanitize_line("a\x1b]0;t\nb"), "a b");
        assert_eq!(sanitize_line("line\n"), "line ");
        assert!(matches!(sanitize_line("clean name.md"), Cow::Borrowed(_)));
        assert!(matches!(sanitize_line("a\nb"), Cow::Owned(_)));
        assert!(matches!(sanitize("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn huge_unterminated_osc_openers_complete() {
        let input = "\x1b]".repeat(512 * 1024); // 1 MiB
        let out = sanitize(&input);
        assert!(out.chars().all(|c| c == '\n'), "unexpected output");
        let with_lines = "\x1b]0;x\n".repeat(100_000);
        let out = sanitize(&with_lines);
        assert_eq!(out.len(), 100_000);
        assert!(out.chars().all(|c| c == '\n'));
    }

    #[test]
    fn huge_esc_and_csi_inputs_complete() {
        let esc = "\x1b".repeat(1 << 20);
        assert_eq!(sanitize(&esc), "");
        let csi = "\x1b[".repeat(512 * 1024);
        assert_eq!(sanitize(&csi), "");
        let params = format!("\x1b[{}m", "1;".repeat(512 * 1024));
        assert_eq!(sanitize(&params), "");
        let c1 = "\u{9d}".repeat(512 * 1024);
        assert_eq!(sanitize(&c1), "");
    }

    /// Tiny deterministic PRNG so the adversarial test is reproducible.
    struct XorShift(u64);

    impl XorShift {
        fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
            let idx = usize::try_from(self.next_u64() % len).unwrap_or(0);
            items[idx]
        }
    }

    #[test]
    fn adversarial_mix_never_contains_esc() {
        let fragments = [
            "\x1b", "\x1b[", "\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x1b\\", "\x1b(",
            "\x1b#", "[", "]", "\\", "\x07", "\u{9b}", "\u{9c}", "\u{9d}", "\u{90}", "\u{9f}",
            "\n", "\r", "\r\n", "\t", "\0", "\x7f", "31", ";", "m", "0;title", "52;c;", " ",
            "città", "“q”", "—", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{2028}", "\u{061C}", "😀",
            "\u{200D}", "a", "?", "~", "@",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let mut input = String::new();
            let n = 1 + rng.next_u64() % 40;
            for _ in 0..n {
                input.push_str(rng.pick(&fragments));
            }
            let out = sanitize(&input);
            assert!(!out.contains('\x1b'), "ESC survived in {input:?}");
            assert_safe(&out);
            assert!(matches!(sanitize(&out), Cow::Borrowed(_)), "not idempotent");
            let line = sanitize_line(&input);
            assert!(!line.contains('\x1b'));
            assert_line_safe(&line);
            assert_eq!(line, out.replace('\n', " "));
        }
    }

    #[test]
    fn byte_scan_agrees_with_char_classification() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let out = sanitize(s);
            assert_safe(&out);
            if is_removed_char(c) {
                assert!(matches!(out, Cow::Owned(_)), "{c:?} passed fast path");
            } else {
                assert!(matches!(out, Cow::Borrowed(_)), "{c:?} took slow path");
            }
        }
    }
}
