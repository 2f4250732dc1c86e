//! Plain text (scraped pages, wire copy, e-mail digests) into raw blocks.
//!
//! Two layouts occur: one paragraph per line (scraped web text, the seeds) and hard-wrapped
//! paragraphs separated by blank lines (wire copy, e-mail). We tell them apart per file by line
//! lengths, then group lines accordingly.

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::inline::{fold_whitespace_owned, strip_emphasis_owned, strip_list_marker};
use crate::ingest::raw::{RawBlock, RawKind};
use crate::ingest::structure::{Hints, build};

/// Lines longer than this mean the file is not hard-wrapped.
const MAX_WRAP_WIDTH: usize = 100;

/// The plain-text reader: one article, its structure found in its lines.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    let (text, warning) = clean_text(bytes)?;
    Ok(Articles {
        articles: vec![Article::from(build(raw_blocks(&text), Hints::default()))],
        warning,
    })
}

/// Raw blocks of a plain-text body (also the body of a JSON article).
pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    let width = hard_wrap_width(text);
    let mut out = Vec::new();
    let mut para: Option<(RawKind, String)> = None;
    let mut prev_len = 0usize;

    let flush = |para: &mut Option<(RawKind, String)>, out: &mut Vec<RawBlock>| {
        if let Some((kind, text)) = para.take() {
            let text = fold_whitespace_owned(strip_emphasis_owned(text));
            if !text.is_empty() {
                out.push(RawBlock { kind, text });
            }
        }
    };

    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        // Setext underline: turns the paragraph line above into a heading; a rule otherwise.
        if trimmed.len() >= 3 && (trimmed.bytes().all(|b| b == b'=') || is_rule(trimmed)) {
            if let Some((RawKind::Paragraph, _)) = &para {
                let level = if trimmed.starts_with('=') { 1 } else { 2 };
                if let Some(p) = para.as_mut() {
                    p.0 = RawKind::Heading(level);
                }
            }
            flush(&mut para, &mut out);
            continue;
        }
        if let Some(level) = atx_level(trimmed) {
            flush(&mut para, &mut out);
            let body = trimmed[level as usize..]
                .trim()
                .trim_end_matches('#')
                .trim();
            para = Some((RawKind::Heading(level), body.to_string()));
            flush(&mut para, &mut out);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            if !matches!(para, Some((RawKind::Quote, _))) {
                flush(&mut para, &mut out);
                para = Some((RawKind::Quote, String::new()));
            }
            if let Some((_, buf)) = para.as_mut() {
                buf.push(' ');
                buf.push_str(rest.trim_start_matches('>'));
            }
            continue;
        }
        if let Some(item) = strip_list_marker(trimmed) {
            flush(&mut para, &mut out);
            if item.is_empty() {
                out.push(RawBlock {
                    kind: RawKind::Marker,
                    text: String::new(),
                });
            } else {
                para = Some((RawKind::Bullet, item.to_string()));
            }
            prev_len = width; // a bullet's wrapped continuation lines join it
            continue;
        }
        let continues = match (&para, width) {
            // Hard-wrapped: a line ends its paragraph only when it is clearly short.
            (Some((RawKind::Paragraph | RawKind::Bullet, _)), w) if w > 0 => prev_len * 2 >= w,
            // Indented continuation of a bullet in one-paragraph-per-line files.
            (Some((RawKind::Bullet, _)), _) => line.starts_with([' ', '\t']),
            _ => false,
        };
        if continues {
            if let Some((_, buf)) = para.as_mut() {
                buf.push(' ');
                buf.push_str(trimmed);
            }
        } else {
            flush(&mut para, &mut out);
            para = Some((RawKind::Paragraph, trimmed.to_string()));
        }
        prev_len = trimmed.chars().count();
    }
    flush(&mut para, &mut out);
    out
}

/// The wrap width when the file looks hard-wrapped, else 0. Hard wrapping shows as line breaks
/// that fall mid-sentence: a line without closing punctuation followed by one starting in lower
/// case. One-paragraph-per-line files break after sentences and headings instead.
fn hard_wrap_width(text: &str) -> usize {
    let mut max = 0usize;
    let mut pairs = 0usize;
    let mut mid_sentence = 0usize;
    let mut prev: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim();
        let n = line.chars().count();
        if n > MAX_WRAP_WIDTH {
            return 0;
        }
        max = max.max(n);
        if line.is_empty() || strip_list_marker(line).is_some() || line.starts_with(['#', '>']) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            pairs += 1;
            let open_end = !p.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', ')', '…']);
            let lower_start = line.chars().next().is_some_and(char::is_lowercase);
            if open_end && lower_start {
                mid_sentence += 1;
            }
        }
        prev = Some(line);
    }
    if pairs >= 2 && mid_sentence * 10 >= pairs * 3 && max >= 40 {
        max
    } else {
        0
    }
}

fn atx_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' ')))
        .then_some(hashes as u8)
}

fn is_rule(line: &str) -> bool {
    let c = line.chars().next().unwrap_or(' ');
    matches!(c, '-' | '*' | '_' | '—' | '–')
        && line.chars().all(|x| x == c || x == ' ')
        && line.chars().filter(|&x| x == c).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(RawKind, String)> {
        raw_blocks(text)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn one_paragraph_per_line_when_lines_are_long() {
        let long = "word ".repeat(30);
        let text = format!("Title line\n{long}\n{long}\n");
        let blocks = kinds(&text);
        assert_eq!(blocks.len(), 3);
        assert!(blocks.iter().all(|(k, _)| *k == RawKind::Paragraph));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "ROME - The minister said on Monday that the partnership with Japan\n\
                    would grow, adding that industrial cooperation was central to the\n\
                    plan.\n\nA second paragraph follows here with enough words to be long\n\
                    and it ends here.\n";
        let blocks = kinds(text);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[0].1.ends_with("central to the plan."));
    }

    #[test]
    fn short_line_inside_wrapped_group_ends_its_paragraph() {
        let text = "Short heading\nThis paragraph is hard wrapped at about seventy columns wide\n\
                    so it continues on the next line and then ends right here now.\n\
                    Another line that fills up the width of the wrapped text block ok.\n";
        let blocks = kinds(text);
        assert_eq!(blocks[0].1, "Short heading");
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }

    #[test]
    fn lone_markers_are_kept_for_the_structure_step() {
        let blocks = kinds("Key Takeaways:\n-\nFirst point.\n-\nSecond point.\n");
        assert_eq!(
            blocks,
            vec![
                (RawKind::Paragraph, "Key Takeaways:".into()),
                (RawKind::Marker, String::new()),
                (RawKind::Paragraph, "First point.".into()),
                (RawKind::Marker, String::new()),
                (RawKind::Paragraph, "Second point.".into()),
            ]
        );
    }

    #[test]
    fn short_scraped_lines_are_not_mistaken_for_hard_wrapping() {
        let text = "Naval diplomacy in the Indo-Pacific\nKey Takeaways:\n-\nItaly deploys a carrier.\n\
                    -\nThe deployment is short.\nThe bottom line: Rome wants visibility.\n";
        let blocks = kinds(text);
        assert_eq!(blocks[0].1, "Naval diplomacy in the Indo-Pacific");
        assert_eq!(blocks[1].1, "Key Takeaways:");
        assert_eq!(
            blocks.last().map(|b| b.1.as_str()),
            Some("The bottom line: Rome wants visibility.")
        );
    }

    #[test]
    fn bullets_headings_quotes_and_rules() {
        let text = "# Big title\n\nSub\n---\n\n- one\n* two\n1) three\n\n> quoted\n> more\n\n***\n";
        assert_eq!(
            kinds(text),
            vec![
                (RawKind::Heading(1), "Big title".into()),
                (RawKind::Heading(2), "Sub".into()),
                (RawKind::Bullet, "one".into()),
                (RawKind::Bullet, "two".into()),
                (RawKind::Bullet, "three".into()),
                (RawKind::Quote, "quoted more".into()),
            ]
        );
    }

    #[test]
    fn emphasis_is_stripped_from_plain_text() {
        assert_eq!(kinds("*By Jane Doe*")[0].1, "By Jane Doe");
        assert_eq!(kinds("**Key points:**")[0].1, "Key points:");
    }
}
