//! From positioned spans to blocks: spans grouped into lines by baseline, running headers,
//! footers and page numbers dropped, two-column pages read column by column, and lines rebuilt
//! into headings, bullets and paragraphs, with words hyphenated across line ends joined.

use std::collections::HashMap;

use super::extract::{Page, Span};
use crate::ingest::raw::{RawBlock, RawKind};

/// One line of text (or one column's part of a baseline) on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: usize,
    pub x: f32,
    pub x_end: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    /// The left and right edges of the column the line is read in.
    pub left: f32,
    pub right: f32,
}

/// The blocks of the document, and which of them is the largest text on the first page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub blocks: Vec<RawBlock>,
    pub largest_on_first_page: Option<usize>,
}

/// A gap between spans on one baseline wider than this many font sizes splits the line
/// (the gutter between two columns, or a table's cells).
const SPLIT_GAP: f32 = 1.5;
/// Furniture lives in this fraction of the page at the top and at the bottom.
const MARGIN: f32 = 0.1;
/// A line is a heading when its font is this much larger than the body's.
const HEADING_RATIO: f32 = 1.15;

/// Lays out every page: the reading-order lines, then the blocks made of them.
pub fn layout(pages: &[Page]) -> Layout {
    let mut lines: Vec<Vec<Line>> = pages.iter().enumerate().map(|(i, p)| lines(i, p)).collect();
    drop_furniture(&mut lines, pages);
    let ordered: Vec<Line> = lines
        .into_iter()
        .zip(pages)
        .flat_map(|(l, p)| reading_order(l, p.width))
        .collect();
    blocks(&ordered)
}

/// Groups a page's spans into lines: same baseline, left to right, split at wide gaps.
pub fn lines(page: usize, p: &Page) -> Vec<Line> {
    let mut spans: Vec<&Span> = p.spans.iter().collect();
    spans.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Span>> = Vec::new();
    for s in spans {
        match rows.last_mut() {
            Some(row) if (row[0].y - s.y).abs() <= 0.35 * row[0].size.max(s.size) => row.push(s),
            _ => rows.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut cur: Option<Line> = None;
        for s in row {
            if let Some(line) = cur.as_mut() {
                let gap = s.x - line.x_end;
                if gap <= SPLIT_GAP * line.size.max(s.size) {
                    let spaced = line.text.ends_with(' ') || s.text.starts_with(' ');
                    if gap > 0.15 * s.size && !spaced {
                        line.text.push(' ');
                    }
                    line.text.push_str(&s.text);
                    line.x_end = line.x_end.max(s.x_end);
                    line.size = line.size.max(s.size);
                    continue;
                }
                out.extend(cur.take().map(tidy));
            }
            cur = Some(Line {
                page,
                x: s.x,
                x_end: s.x_end,
                y: s.y,
                size: s.size,
                text: s.text.clone(),
                left: 0.0,
                right: p.width,
            });
        }
        out.extend(cur.map(tidy));
    }
    out.retain(|l| !l.text.is_empty());
    out
}

fn tidy(mut line: Line) -> Line {
    line.text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    line
}

/// A run of digits stands for any number: "Page 9" and "Page 10" are the same running footer.
fn furniture_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if !c.is_ascii_digit() {
            key.push(c);
        } else if !key.ends_with('#') {
            key.push('#');
        }
    }
    key
}

/// A page number as printed: "7", "- 7 -", "Page 7", "7 of 20", "7/20", "vii".
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| "-–—|[]() ".contains(c));
    let t = t
        .strip_prefix("page")
        .or(t.strip_prefix("p."))
        .unwrap_or(t)
        .trim();
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let numeral = |p: &str| {
        (!p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
            || (p.len() <= 6 && p.chars().all(|c| "ivxlc".contains(c)))
    };
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), None, None, None) => numeral(a),
        (Some(a), Some(b), None, None) => numeral(a) && numeral(b),
        (Some(a), Some("of"), Some(b), None) => numeral(a) && numeral(b),
        _ => false,
    }
}

/// Drops running headers and footers (a line repeated near the same height on at least half of
/// the pages, digits aside) and page numbers, in the page's top and bottom margins.
pub fn drop_furniture(lines: &mut [Vec<Line>], pages: &[Page]) {
    let n = pages.len();
    let in_margin = |l: &Line| {
        let h = pages[l.page].height;
        l.y > h * (1.0 - MARGIN) || l.y < h * MARGIN
    };
    let mut seen: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
    for l in lines.iter().flatten().filter(|l| in_margin(l)) {
        seen.entry(furniture_key(&l.text))
            .or_default()
            .push((l.page, l.y));
    }
    let needed = n.div_ceil(2).max(2);
    for page_lines in lines.iter_mut() {
        page_lines.retain(|l| {
            if !in_margin(l) {
                return true;
            }
            if is_page_number(&l.text) {
                return false;
            }
            let Some(places) = seen.get(&furniture_key(&l.text)) else {
                return true;
            };
            if places.len() < needed {
                return true;
            }
            let mut pages_at: Vec<usize> = places
                .iter()
                .filter(|(_, y)| (y - l.y).abs() <= 4.0)
                .map(|(p, _)| *p)
                .collect();
            pages_at.dedup();
            pages_at.len() < needed
        });
    }
}

/// Where a page splits into two columns: the x that the most lines keep clear of, with enough
/// lines wholly on each side. `None` for a single-column page.
pub fn column_split(lines: &[Line], width: f32) -> Option<f32> {
    let mut best: Option<(usize, f32)> = None;
    let mut s = width * 0.3;
    while s <= width * 0.7 {
        let crossing = lines
            .iter()
            .filter(|l| l.x < s - 1.0 && l.x_end > s + 1.0)
            .count();
        let left = lines.iter().filter(|l| l.x_end <= s + 1.0).count();
        let right = lines.iter().filter(|l| l.x >= s - 1.0).count();
        let body = left + right;
        if left >= 3 && right >= 3 && right * 5 >= body && crossing * 4 <= body {
            let centre = (s - width / 2.0).abs();
            let better = match best {
                None => true,
                Some((c, b)) => crossing < c || (crossing == c && centre < (b - width / 2.0).abs()),
            };
            if better {
                best = Some((crossing, s));
            }
        }
        s += 2.0;
    }
    best.map(|(_, s)| s)
}

/// A page's lines in reading order: top to bottom, and on a two-column page each band between
/// full-width lines read left column first, then right.
pub fn reading_order(mut lines: Vec<Line>, width: f32) -> Vec<Line> {
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let Some(split) = column_split(&lines, width) else {
        let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
        let right = lines.iter().map(|l| l.x_end).fold(0.0, f32::max);
        for l in &mut lines {
            (l.left, l.right) = (left, right);
        }
        return lines;
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut band: (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    let flush = |band: &mut (Vec<Line>, Vec<Line>), out: &mut Vec<Line>| {
        for col in [&mut band.0, &mut band.1] {
            let left = col.iter().map(|l| l.x).fold(f32::MAX, f32::min);
            let right = col.iter().map(|l| l.x_end).fold(0.0, f32::max);
            for mut l in col.drain(..) {
                (l.left, l.right) = (left, right);
                out.push(l);
            }
        }
    };
    for mut l in lines {
        if l.x < split - 1.0 && l.x_end > split + 1.0 {
            flush(&mut band, &mut out);
            (l.left, l.right) = (l.x, l.x_end);
            out.push(l);
        } else if l.x_end <= split + 1.0 {
            band.0.push(l);
        } else {
            band.1.push(l);
        }
    }
    flush(&mut band, &mut out);
    out
}

/// A bullet glyph starting a line, and the text after it.
fn bullet_text(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let rest = text[first.len_utf8()..].trim_start();
    let glyph = "•◦▪▫‣○●■□◆◇·\u{f0b7}\u{f0a7}".contains(first);
    let dash = "-–—*".contains(first) && text[first.len_utf8()..].starts_with(' ');
    ((glyph || dash) && !rest.is_empty()).then_some(rest)
}

/// "1." or "2)" starting a line: a numbered item, a block of its own.
fn is_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].starts_with(' ')
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', ')', '»'])
        .ends_with(['.', '!', '?', ':', '…'])
}

/// Appends a line to a block's text, joining a word hyphenated across the line end.
pub fn join(text: &mut String, next: &str) {
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if let Some(stem) = text.strip_suffix('\u{ad}') {
        let len = stem.len();
        text.truncate(len);
        text.push_str(next);
        return;
    }
    let hyphenated = text
        .strip_suffix('-')
        .and_then(|stem| stem.chars().last())
        .is_some_and(char::is_alphabetic);
    if hyphenated && next_lower {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(next);
}

/// The font size most of the text is set in.
fn body_size(lines: &[Line]) -> f32 {
    let mut weight: HashMap<i32, usize> = HashMap::new();
    for l in lines {
        *weight.entry((l.size * 2.0).round() as i32).or_default() += l.text.len();
    }
    weight
        .into_iter()
        .max_by_key(|&(size, w)| (w, -size))
        .map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// Rebuilds blocks from the lines in reading order.
pub fn blocks(lines: &[Line]) -> Layout {
    let body = body_size(lines);
    let mut out = Layout::default();
    let mut largest: Option<(f32, usize)> = None;
    let mut cur: Option<(RawKind, String)> = None;
    let mut prev: Option<&Line> = None;
    // Where the current paragraph's lines start (its second line, past a first-line indent).
    let mut par_left = 0.0;
    for l in lines {
        let heading = l.size >= body * HEADING_RATIO && l.text.chars().count() <= 150;
        let bullet = bullet_text(&l.text);
        let numbered = is_numbered(&l.text);
        let kind = if heading {
            RawKind::Heading(if l.size >= body * 1.5 { 1 } else { 2 })
        } else if bullet.is_some() {
            RawKind::Bullet
        } else {
            RawKind::Paragraph
        };
        let text = bullet.unwrap_or(&l.text);
        let continues = prev.is_some_and(|p| match &cur {
            None => false,
            Some((k, t)) => continues(p, l, k, &kind, t, body, par_left),
        });
        if continues {
            if let Some((_, t)) = cur.as_mut() {
                join(t, text);
            }
            if matches!(kind, RawKind::Paragraph) && prev.is_some_and(|p| l.y < p.y) {
                par_left = l.x;
            }
        } else {
            if let Some((kind, text)) = cur.take() {
                out.blocks.push(RawBlock { kind, text });
            }
            if heading && l.page == 0 && largest.is_none_or(|(s, _)| l.size > s + 0.1) {
                largest = Some((l.size, out.blocks.len()));
            }
            par_left = if numbered || bullet.is_some() {
                l.x + 2.0 * l.size
            } else {
                l.left
            };
            cur = Some((kind, text.to_string()));
        }
        prev = Some(l);
    }
    if let Some((kind, text)) = cur {
        out.blocks.push(RawBlock { kind, text });
    }
    out.largest_on_first_page = largest.map(|(_, i)| i);
    out
}

/// Whether line `l` goes on the block that `p` (the previous line) is in.
fn continues(
    p: &Line,
    l: &Line,
    cur: &RawKind,
    kind: &RawKind,
    text: &str,
    body: f32,
    par_left: f32,
) -> bool {
    let same_flow = l.page == p.page && l.y < p.y;
    let gap = p.y - l.y;
    let close = same_flow && gap <= 1.7 * p.size.max(l.size);
    match (cur, kind) {
        (RawKind::Heading(a), RawKind::Heading(b)) => {
            a == b && close && (p.size - l.size).abs() < 0.5
        }
        (RawKind::Heading(_), _) | (_, RawKind::Heading(_)) => false,
        (_, RawKind::Bullet) => false,
        (RawKind::Bullet, _) => close && l.x > l.left + 0.5 * body && !is_numbered(&l.text),
        _ if is_numbered(&l.text) => false,
        _ => {
            let ended = ends_sentence(text);
            let short = p.x_end < p.right - 3.0 * body;
            if !same_flow {
                // A new column or page: the paragraph goes on unless it had ended.
                return !ended;
            }
            let indented = l.x > par_left + 0.8 * body && l.x > l.left + 0.8 * body;
            close && !(ended && short) && !indented
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: usize, x: f32, y: f32, size: f32, text: &str) -> Line {
        Line {
            page,
            x,
            x_end: x + text.len() as f32 * size * 0.5,
            y,
            size,
            text: text.to_string(),
            left: 0.0,
            right: 612.0,
        }
    }

    #[test]
    fn hyphen_at_line_end_joins_the_word_before_lowercase() {
        let mut t = "the imple-".to_string();
        join(&mut t, "mentation plan");
        assert_eq!(t, "the implementation plan");
        let mut t = "north-".to_string();
        join(&mut t, "South axis");
        assert_eq!(t, "north- South axis");
        let mut t = "a 2024-".to_string();
        join(&mut t, "y");
        assert_eq!(t, "a 2024- y");
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for t in [
            "7",
            "- 7 -",
            "Page 7",
            "page 7 of 20",
            "7 / 20",
            "vii",
            "[12]",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["7 billion", "Page seven", "2024 budget", "Chapter 7"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn running_lines_repeat_modulo_numbers_and_page_numbers_go() {
        let pages: Vec<Page> = (0..3)
            .map(|_| Page {
                width: 612.0,
                height: 792.0,
                ..Page::default()
            })
            .collect();
        let mut lines: Vec<Vec<Line>> = (0..3)
            .map(|p| {
                vec![
                    line(
                        p,
                        72.0,
                        770.0,
                        8.0,
                        &format!("Outlook {} | Page {}", 2024, p + 9),
                    ),
                    line(p, 72.0, 700.0, 10.0, "Body text that stays."),
                    line(p, 72.0, 690.0, 10.0, &format!("Only on page {p}")),
                    line(p, 300.0, 30.0, 9.0, &format!("{}", p + 9)),
                ]
            })
            .collect();
        lines[1].push(line(1, 72.0, 20.0, 8.0, "A footnote once"));
        drop_furniture(&mut lines, &pages);
        let kept: Vec<&str> = lines.iter().flatten().map(|l| l.text.as_str()).collect();
        assert_eq!(
            kept,
            vec![
                "Body text that stays.",
                "Only on page 0",
                "Body text that stays.",
                "Only on page 1",
                "A footnote once",
                "Body text that stays.",
                "Only on page 2",
            ]
        );
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut lines = Vec::new();
        lines.push(line(
            0,
            72.0,
            740.0,
            12.0,
            "A full width title line that crosses the middle",
        ));
        for i in 0..5 {
            let y = 700.0 - 14.0 * i as f32;
            lines.push(line(0, 72.0, y, 10.0, &format!("left {i} text")));
            lines.push(line(0, 320.0, y, 10.0, &format!("right {i} text")));
        }
        let split = column_split(&lines, 612.0).expect("two columns");
        assert!(split > 150.0 && split < 320.0, "{split}");
        let order: Vec<String> = reading_order(lines, 612.0)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(order[0], "A full width title line that crosses the middle");
        assert_eq!(order[1], "left 0 text");
        assert_eq!(order[5], "left 4 text");
        assert_eq!(order[6], "right 0 text");
    }

    #[test]
    fn single_column_is_not_split() {
        let lines: Vec<Line> = (0..8)
            .map(|i| line(0, 72.0, 700.0 - 14.0 * i as f32, 10.0, &"word ".repeat(18)))
            .collect();
        assert_eq!(column_split(&lines, 612.0), None);
    }

    #[test]
    fn paragraphs_break_at_gaps_and_headings_and_bullets() {
        let mut ls = vec![
            line(0, 72.0, 700.0, 18.0, "Big title"),
            line(
                0,
                72.0,
                670.0,
                10.0,
                "First paragraph line one that is long enough to fill",
            ),
            line(0, 72.0, 658.0, 10.0, "and its second line."),
            line(0, 72.0, 630.0, 10.0, "Second paragraph."),
            line(0, 72.0, 600.0, 13.0, "Key takeaways"),
            line(0, 72.0, 585.0, 10.0, "• One point"),
            line(0, 82.0, 573.0, 10.0, "that wraps"),
            line(0, 72.0, 561.0, 10.0, "• Two point"),
        ];
        for l in &mut ls {
            l.left = 72.0;
            l.right = 72.0 + 52.0 * 5.0;
        }
        let out = blocks(&ls);
        let kinds: Vec<(RawKind, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (RawKind::Heading(1), "Big title"),
                (
                    RawKind::Paragraph,
                    "First paragraph line one that is long enough to fill and its second line."
                ),
                (RawKind::Paragraph, "Second paragraph."),
                (RawKind::Heading(2), "Key takeaways"),
                (RawKind::Bullet, "One point that wraps"),
                (RawKind::Bullet, "Two point"),
            ]
        );
        assert_eq!(out.largest_on_first_page, Some(0));
    }
}
