//! Exports what a query selects as a brief a person can send on: Markdown to read or paste,
//! JSON for scripts. `briefdeck export` and the dashboard's `e` both go through here, so a
//! file written from either says the same thing about the same selection.
//!
//! Rendering is pure (corpus and selection in, text or a JSON value out); the clock and the
//! file system stay with the callers. Document text is untrusted: the corpus is already
//! cleaned of terminal escapes at load (see `ingest::sanitize`), and the Markdown renderer
//! additionally keeps every text on one line and escapes what Markdown would read as
//! structure, so a title cannot open a heading, a list or raw HTML of its own.

use std::fmt::Write as _;

use serde::Serialize;

use crate::library::Corpus;
use crate::model::{Document, Takeaway, TakeawayKind};
use crate::query::Results;

/// The export formats; Markdown is what a person asks for when they say "export".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A Markdown brief: one section per document, takeaways as bullets.
    #[default]
    Md,
    /// The same content as a JSON object (field names are a stable contract).
    Json,
}

/// What an export contains: documents in the order the query ranked them, each with the
/// takeaways the query kept, in document order (a brief reads better in the author's order
/// than by score).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The documents, best first.
    pub sections: Vec<Section>,
}

/// One document of a [`Selection`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into `corpus.documents`.
    pub doc: usize,
    /// Indices into the document's takeaways, ascending. Empty when the document matched by
    /// its title alone.
    pub takeaways: Vec<usize>,
}

impl Selection {
    /// Every document and takeaway, in corpus order: an export without a query.
    pub fn all(corpus: &Corpus) -> Selection {
        Selection {
            sections: corpus
                .documents
                .iter()
                .enumerate()
                .map(|(doc, d)| Section {
                    doc,
                    takeaways: (0..d.takeaways.len()).collect(),
                })
                .collect(),
        }
    }

    /// Exactly what a search selected, as `briefdeck filter` and the dashboard's panes show
    /// it: its documents, and for each only the takeaways that matched (all of them for an
    /// empty query). Needs complete results ([`crate::query::Searcher::search`]).
    pub fn from_results(results: &Results) -> Selection {
        Selection {
            sections: results
                .docs
                .iter()
                .map(|h| {
                    let mut takeaways: Vec<usize> =
                        results.takeaways_of(h.doc).map(|t| t.takeaway).collect();
                    takeaways.sort_unstable();
                    takeaways.dedup();
                    Section {
                        doc: h.doc,
                        takeaways,
                    }
                })
                .collect(),
        }
    }

    /// Number of takeaways selected.
    pub fn takeaway_count(&self) -> usize {
        self.sections.iter().map(|s| s.takeaways.len()).sum()
    }

    fn contains(&self, doc: usize, takeaway: usize) -> bool {
        self.sections
            .iter()
            .any(|s| s.doc == doc && s.takeaways.binary_search(&takeaway).is_ok())
    }
}

/// A wall-clock time with its UTC offset: exports are dated for the person reading them, in
/// their local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Minutes east of UTC.
    pub offset_minutes: i32,
}

impl Stamp {
    /// Now, in local time where the platform says what that is, else UTC.
    pub fn now() -> Stamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        local(secs).unwrap_or_else(|| Stamp::utc(secs))
    }

    /// The UTC time `secs` seconds after 1970.
    pub fn utc(secs: i64) -> Stamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Days to civil date (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Stamp {
            year,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: (rem / 60 % 60) as u8,
            second: (rem % 60) as u8,
            offset_minutes: 0,
        }
    }

    /// `2026-11-23`.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `2026-11-23T21:30:09+01:00` (RFC 3339), what scripts parse.
    pub fn iso(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        format!(
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.date(),
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }

    /// `20261123-213009`: sorts by time in a file listing and needs no quoting in a shell.
    pub fn compact(&self) -> String {
        format!(
            "{:04}{:02}{:02}-{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(unix)]
fn local(secs: i64) -> Option<Stamp> {
    // time_t is 32 bits on some platforms, where a far date does not fit.
    #[allow(clippy::useless_conversion)]
    let t: libc::time_t = secs.try_into().ok()?;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers are valid for the
    // call, and localtime_r (unlike localtime) keeps no shared state.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return None;
        }
        tm
    };
    Some(Stamp {
        year: tm.tm_year + 1900,
        month: (tm.tm_mon + 1) as u8,
        day: tm.tm_mday as u8,
        hour: tm.tm_hour as u8,
        minute: tm.tm_min as u8,
        second: tm.tm_sec.min(59) as u8,
        offset_minutes: (tm.tm_gmtoff / 60) as i32,
    })
}

#[cfg(not(unix))]
fn local(_secs: i64) -> Option<Stamp> {
    None
}

/// What the export says about itself: the query it came from (as typed; empty for
/// everything) and when it was made.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    pub query: &'a str,
    pub exported_at: Stamp,
}

/// Longest takeaway excerpt a "see also" line quotes.
const SEE_ALSO_CHARS: usize = 120;

/// The Markdown brief: a title line with the query and the date, then one section per
/// document (title, metadata line, takeaways as bullets with their theme tags and "see also"
/// lines naming the linked document and takeaway).
pub fn markdown(corpus: &Corpus, sel: &Selection, meta: &Meta) -> String {
    let mut out = String::new();
    let query = meta.query.trim();
    let what = if query.is_empty() {
        "all briefings".to_string()
    } else {
        format!("query {}", code_span(query))
    };
    let _ = writeln!(
        out,
        "# Briefing export: {what} ({})\n",
        meta.exported_at.date()
    );
    let docs = sel.sections.len();
    let tks = sel.takeaway_count();
    let _ = writeln!(
        out,
        "{docs} document{}, {tks} takeaway{} · exported {} by briefdeck {}",
        plural(docs),
        plural(tks),
        meta.exported_at.iso(),
        env!("CARGO_PKG_VERSION")
    );
    for section in &sel.sections {
        let Some(d) = corpus.documents.get(section.doc) else {
            continue;
        };
        let title = escape_inline(&d.title);
        let title = if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title
        };
        let _ = writeln!(out, "\n## {title}\n");
        let _ = writeln!(out, "{}", doc_meta_line(d));
        out.push('\n');
        if section.takeaways.is_empty() {
            out.push_str("*No takeaway of this document matches the query.*\n");
            continue;
        }
        for &ti in &section.takeaways {
            let Some(t) = d.takeaways.get(ti) else {
                continue;
            };
            write_takeaway(&mut out, corpus, section.doc, ti, t);
        }
    }
    out
}

/// `` `id` · en · 2025-12-11 · by … · <url> · `path` · themes: `#a` `#b` ``
fn doc_meta_line(d: &Document) -> String {
    let mut parts = vec![code_span(&d.id), escape_inline(&d.lang)];
    if let Some(date) = d.date {
        parts.push(date.to_iso());
    }
    if let Some(by) = d
        .byline
        .as_deref()
        .map(escape_inline)
        .filter(|b| !b.is_empty())
    {
        parts.push(format!("by {by}"));
    }
    if let Some(source) = d
        .source
        .as_deref()
        .map(escape_inline)
        .filter(|s| !s.is_empty())
    {
        parts.push(source);
    }
    if let Some(url) = d
        .url
        .as_deref()
        .map(escape_inline)
        .filter(|u| !u.is_empty())
    {
        parts.push(url);
    }
    parts.push(code_span(&d.path_display));
    if !d.themes.is_empty() {
        parts.push(format!(
            "themes: {}",
            tags(d.themes.iter().map(|t| t.id.as_str()))
        ));
    }
    parts.join(" · ")
}

fn write_takeaway(out: &mut String, corpus: &Corpus, doc: usize, ti: usize, t: &Takeaway) {
    let lead = match t.kind {
        TakeawayKind::BottomLine => "**Bottom line:** ",
        TakeawayKind::Explicit | TakeawayKind::Extracted => "",
    };
    let _ = writeln!(out, "- {lead}{}", escape_inline(&t.text));
    let mut info = code_span(&t.id);
    if !t.themes.is_empty() {
        info.push_str(" · ");
        info.push_str(&tags(t.themes.iter().map(|s| s.id.as_str())));
    }
    // A continuation line of the same list item: our own prefix starts it, never the text.
    let _ = writeln!(out, "  {info}");
    for link in corpus.links.of(doc, ti) {
        let (td, tt) = corpus.links.target(link);
        let Some(target_doc) = corpus.documents.get(td) else {
            continue;
        };
        let Some(target) = target_doc.takeaways.get(tt) else {
            continue;
        };
        let shared: Vec<String> = link
            .shared
            .iter()
            .map(|s| escape_inline(&s.label))
            .collect();
        let _ = write!(
            out,
            "  - See also: *{}* ({}), {}: “{}”",
            escape_inline(&target_doc.title),
            escape_inline(&target_doc.lang),
            code_span(&target.id),
            escape_inline(&excerpt(&target.text, SEE_ALSO_CHARS)),
        );
        if !shared.is_empty() {
            let _ = write!(out, " (shared: {})", shared.join(", "));
        }
        out.push('\n');
    }
}

fn tags<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| code_span(&format!("#{id}")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

/// `text` made safe to place inline in Markdown (a heading, a bullet, emphasis): control
/// characters and line breaks become spaces and runs of white space one space, so the text
/// stays on the line our own prefix starts; and every character Markdown could read as
/// markup is backslash-escaped, as are a leading list or block marker and an ordered-list
/// number, so the text can neither open a heading, list, quote or HTML block nor emphasis,
/// links or code spans.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let at_start = out.is_empty();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '#' => {
                out.push('\\');
            }
            '-' | '+' | '=' if at_start => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    // "1. " or "1) " at the start would make an ordered list: escape the delimiter.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

/// `text` as a Markdown code span: shown literally, whatever it holds. The fence is one
/// backtick longer than the longest run inside, and padded when the text starts or ends with
/// a backtick or a space, so the span neither closes early nor loses characters.
pub fn code_span(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in clean.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = clean.starts_with(['`', ' ']) || clean.ends_with(['`', ' ']);
    let pad = if pad && !clean.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// The JSON export: `{query, exported_at, documents: [{id, path, title, lang, date, byline,
/// url, themes, takeaways: [{id, kind, text, themes, see_also: [{id, doc, doc_title, lang,
/// text, score, shared, exported}]}]}]}`. A contract for scripts, like the other `--json`
/// outputs: change it only by adding fields. Pretty-printed, fields in that order, with a
/// final newline.
pub fn json(corpus: &Corpus, sel: &Selection, meta: &Meta) -> String {
    let brief = Brief {
        query: meta.query.trim(),
        exported_at: meta.exported_at.iso(),
        documents: sel
            .sections
            .iter()
            .filter_map(|s| {
                let d = corpus.documents.get(s.doc)?;
                Some(DocJson {
                    id: &d.id,
                    path: &d.path_display,
                    title: &d.title,
                    lang: &d.lang,
                    date: d.date.map(|x| x.to_iso()),
                    byline: d.byline.as_deref(),
                    url: d.url.as_deref(),
                    source: d.source.as_deref(),
                    format: d.format.name(),
                    themes: d.themes.iter().map(|t| t.id.as_str()).collect(),
                    takeaways: s
                        .takeaways
                        .iter()
                        .filter_map(|&ti| {
                            let t = d.takeaways.get(ti)?;
                            Some(takeaway_json(corpus, sel, s.doc, ti, t))
                        })
                        .collect(),
                })
            })
            .collect(),
    };
    // Plain strings, finite numbers and arrays: serialising cannot fail.
    let mut text = serde_json::to_string_pretty(&brief).unwrap_or_default();
    text.push('\n');
    text
}

fn takeaway_json<'a>(
    corpus: &'a Corpus,
    sel: &Selection,
    doc: usize,
    ti: usize,
    t: &'a Takeaway,
) -> TakeawayJson<'a> {
    TakeawayJson {
        id: &t.id,
        kind: t.kind,
        text: &t.text,
        themes: t.themes.iter().map(|s| s.id.as_str()).collect(),
        see_also: corpus
            .links
            .of(doc, ti)
            .iter()
            .filter_map(|l| {
                let (td, tt) = corpus.links.target(l);
                let d = corpus.documents.get(td)?;
                let target = d.takeaways.get(tt)?;
                Some(SeeAlso {
                    id: &target.id,
                    doc: &d.id,
                    doc_title: &d.title,
                    lang: &d.lang,
                    text: &target.text,
                    // Three decimals, as `briefdeck links` prints them: the rest is noise.
                    score: (f64::from(l.score) * 1000.0).round() / 1000.0,
                    shared: l.shared.iter().map(|s| s.label.as_str()).collect(),
                    exported: sel.contains(td, tt),
                })
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct Brief<'a> {
    /// The query as typed; empty when the export holds everything.
    query: &'a str,
    exported_at: String,
    documents: Vec<DocJson<'a>>,
}

#[derive(Serialize)]
struct DocJson<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    lang: &'a str,
    date: Option<String>,
    byline: Option<&'a str>,
    url: Option<&'a str>,
    source: Option<&'a str>,
    format: &'static str,
    themes: Vec<&'a str>,
    takeaways: Vec<TakeawayJson<'a>>,
}

#[derive(Serialize)]
struct TakeawayJson<'a> {
    id: &'a str,
    kind: TakeawayKind,
    text: &'a str,
    themes: Vec<&'a str>,
    see_also: Vec<SeeAlso<'a>>,
}

#[derive(Serialize)]
struct SeeAlso<'a> {
    /// The linked takeaway's id.
    id: &'a str,
    /// Its document's id.
    doc: &'a str,
    doc_title: &'a str,
    lang: &'a str,
    text: &'a str,
    score: f64,
    shared: Vec<&'a str>,
    /// Whether the linked takeaway is in this export too.
    exported: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_block_markers_at_the_start() {
        assert_eq!(escape_inline("# Title"), "\\# Title");
        assert_eq!(escape_inline("## ## x ##"), "\\#\\# \\#\\# x \\#\\#");
        assert_eq!(escape_inline("- item"), "\\- item");
        assert_eq!(escape_inline("+ item"), "\\+ item");
        assert_eq!(escape_inline("> quote"), "\\> quote");
        assert_eq!(escape_inline("=== "), "\\===");
        assert_eq!(escape_inline("1. first"), "1\\. first");
        assert_eq!(escape_inline("2024) year"), "2024\\) year");
        assert_eq!(escape_inline("2024 was a year"), "2024 was a year");
        // Mid-text hyphens and numbers are prose, left alone.
        assert_eq!(escape_inline("a - b 1. c"), "a - b 1. c");
    }

    #[test]
    fn escape_keeps_text_on_one_line_without_controls() {
        assert_eq!(
            escape_inline("  a\n# b\r\n\tc\u{7}d\u{1b}e  "),
            "a \\# b c d e"
        );
        assert_eq!(escape_inline("x\u{2028}- y"), "x - y");
        assert_eq!(escape_inline("\n\n"), "");
    }

    #[test]
    fn escape_disarms_inline_markup_and_html() {
        assert_eq!(
            escape_inline("*bold* _it_ `code` [l](u) <b>&amp; ~s~ ![i](x) \\"),
            "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u) \\<b\\>\\&amp; \\~s\\~ !\\[i\\](x) \\\\"
        );
        assert_eq!(
            escape_inline("plain words, “quoted”."),
            "plain words, “quoted”."
        );
    }

    #[test]
    fn code_spans_survive_backticks_and_edges() {
        assert_eq!(code_span("lang:it"), "`lang:it`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x``"), "``` `x`` ```");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn utc_stamps_format_as_dates_and_compact_names() {
        let s = Stamp::utc(0);
        assert_eq!(s.iso(), "1970-01-01T00:00:00+00:00");
        // 2024-02-29 12:34:56 UTC.
        let s = Stamp::utc(1_709_210_096);
        assert_eq!(s.date(), "2024-02-29");
        assert_eq!(s.compact(), "20240229-123456");
        let s = Stamp {
            offset_minutes: -330,
            ..s
        };
        assert!(s.iso().ends_with("-05:30"), "{}", s.iso());
    }

    fn seeds() -> Corpus {
        crate::library::seeds::bundled()
    }

    fn meta(query: &str) -> Meta<'_> {
        Meta {
            query,
            exported_at: Stamp::utc(1_709_210_096),
        }
    }

    #[test]
    fn markdown_has_a_section_per_document_and_escapes_hostile_titles() {
        let mut corpus = seeds();
        corpus.documents[0].title = "# Injected\n- list".into();
        corpus.documents[0].takeaways[0].text = "> not a quote <script>".into();
        let md = markdown(&corpus, &Selection::all(&corpus), &meta(""));
        assert!(md.starts_with("# Briefing export: all briefings (2024-02-29)\n"));
        assert!(md.contains("\n## \\# Injected - list\n"), "{md}");
        assert!(md.contains("\n- \\> not a quote \\<script\\>\n"), "{md}");
        // Only our own structure starts lines: one title, one heading per document.
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings.len(), 1 + corpus.documents.len(), "{headings:?}");
    }

    #[test]
    fn selection_from_results_keeps_matching_takeaways_in_document_order() {
        let corpus = seeds();
        let mut searcher = crate::query::Searcher::new(&corpus);
        let results = searcher.search(&corpus, &crate::query::Query::parse("lang:it"));
        let sel = Selection::from_results(&results);
        assert_eq!(sel.sections.len(), 1);
        let d = &corpus.documents[sel.sections[0].doc];
        assert_eq!(d.lang, "it");
        assert_eq!(
            sel.sections[0].takeaways,
            (0..d.takeaways.len()).collect::<Vec<_>>()
        );
        let value: serde_json::Value =
            serde_json::from_str(&json(&corpus, &sel, &meta("lang:it"))).unwrap();
        assert_eq!(value["query"], "lang:it");
        assert_eq!(value["documents"].as_array().unwrap().len(), 1);
        // Links out of the selection are still named, and marked as not exported.
        let see_also = value["documents"][0]["takeaways"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["see_also"].as_array().unwrap())
            .collect::<Vec<_>>();
        assert!(!see_also.is_empty());
        assert!(see_also.iter().all(|s| s["exported"] == false));
    }
}
