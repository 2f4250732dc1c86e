//! Text and JSON renderings of the headless views. The JSON shapes are a contract for scripts:
//! change them only by adding fields.

use std::io::{self, Write};

use serde::Serialize;

use crate::fulltext::TextMatch;
use crate::library::Corpus;
use crate::model::{Document, Takeaway, TakeawayKind};
use crate::query::Results;

#[derive(Serialize)]
struct DocSummary<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    lang: &'a str,
    date: Option<String>,
    byline: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    format: &'static str,
    takeaway_count: usize,
    themes: Vec<&'a str>,
}

impl<'a> DocSummary<'a> {
    fn of(d: &'a Document) -> Self {
        DocSummary {
            id: &d.id,
            path: &d.path_display,
            title: &d.title,
            lang: &d.lang,
            date: d.date.map(|x| x.to_iso()),
            byline: d.byline.as_deref(),
            source: d.source.as_deref(),
            url: d.url.as_deref(),
            format: d.format.name(),
            takeaway_count: d.takeaways.len(),
            themes: d.themes.iter().map(|t| t.id.as_str()).collect(),
        }
    }
}

#[derive(Serialize)]
struct AnchorJson {
    block: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct TakeawayJson<'a> {
    id: &'a str,
    doc: &'a str,
    kind: TakeawayKind,
    text: &'a str,
    themes: Vec<&'a str>,
    /// Byte offsets into the source block's text.
    anchor: AnchorJson,
}

impl<'a> TakeawayJson<'a> {
    fn of(doc: &'a Document, t: &'a Takeaway) -> Self {
        TakeawayJson {
            id: &t.id,
            doc: &doc.id,
            kind: t.kind,
            text: &t.text,
            themes: t.themes.iter().map(|t| t.id.as_str()).collect(),
            anchor: AnchorJson {
                block: t.anchor.block,
                start: t.anchor.range.start,
                end: t.anchor.range.end,
            },
        }
    }
}

#[derive(Serialize)]
struct BlockJson<'a> {
    kind: crate::model::BlockKind,
    text: &'a str,
}

#[derive(Serialize)]
struct DocFull<'a> {
    #[serde(flatten)]
    summary: DocSummary<'a>,
    standfirst: Option<&'a str>,
    contact: Option<&'a str>,
    blocks: Vec<BlockJson<'a>>,
    takeaways: Vec<TakeawayJson<'a>>,
}

fn json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    // Keep the I/O error's kind (a closed pipe must stay a BrokenPipe for the caller).
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}

pub fn list(out: &mut impl Write, corpus: &Corpus, json: bool) -> io::Result<()> {
    if json {
        let docs: Vec<DocSummary> = corpus.documents.iter().map(DocSummary::of).collect();
        return json_line(out, &docs);
    }
    writeln!(
        out,
        "{:<12}  {:<4} {:<10}  {:>3}  TITLE",
        "ID", "LANG", "DATE", "TK"
    )?;
    for d in &corpus.documents {
        writeln!(
            out,
            "{:<12}  {:<4} {:<10}  {:>3}  {}",
            d.id,
            d.lang,
            d.date.map(|x| x.to_iso()).unwrap_or_else(|| "-".into()),
            d.takeaways.len(),
            d.title
        )?;
    }
    Ok(())
}

/// Every takeaway, or only those tagged with `theme`.
pub fn takeaways(
    out: &mut impl Write,
    corpus: &Corpus,
    theme: Option<&str>,
    json: bool,
) -> io::Result<()> {
    let keep = |t: &Takeaway| theme.is_none_or(|id| t.themes.iter().any(|s| s.id == id));
    if json {
        let all: Vec<TakeawayJson> = corpus
            .documents
            .iter()
            .flat_map(|d| {
                d.takeaways
                    .iter()
                    .filter(|t| keep(t))
                    .map(move |t| TakeawayJson::of(d, t))
            })
            .collect();
        return json_line(out, &all);
    }
    for d in &corpus.documents {
        let kept: Vec<&Takeaway> = d.takeaways.iter().filter(|t| keep(t)).collect();
        if kept.is_empty() {
            continue;
        }
        writeln!(out, "{}  {}", d.id, d.title)?;
        for t in kept {
            let head = format!("  {} [{}] ", t.id, kind_label(t.kind));
            write_wrapped(out, &t.text, &head, 100)?;
            if !t.themes.is_empty() {
                let chips: Vec<String> = t.themes.iter().map(|s| format!("#{}", s.id)).collect();
                let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(head.as_str()));
                writeln!(out, "{indent}{}", chips.join(" "))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Documents and takeaways per theme, for the themes present, most documents first.
pub fn themes(out: &mut impl Write, corpus: &Corpus, json: bool) -> io::Result<()> {
    let counts = corpus.theme_counts();
    if json {
        return json_line(out, &counts);
    }
    writeln!(out, "{:<22} {:>4} {:>4}  LABEL", "THEME", "DOCS", "TK")?;
    for c in &counts {
        writeln!(
            out,
            "{:<22} {:>4} {:>4}  {}",
            c.id, c.documents, c.takeaways, c.label
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct LinkJson<'a> {
    from: &'a str,
    to: &'a str,
    score: f32,
    shared: Vec<&'a str>,
}

/// Every link, grouped by the takeaway it starts from.
pub fn links(out: &mut impl Write, corpus: &Corpus, json: bool) -> io::Result<()> {
    let docs = &corpus.documents;
    if json {
        let all: Vec<LinkJson> = corpus
            .links
            .iter()
            .map(|(d, t, l)| {
                let (td, tt) = corpus.links.target(l);
                LinkJson {
                    from: &docs[d].takeaways[t].id,
                    to: &docs[td].takeaways[tt].id,
                    score: l.score,
                    shared: l.shared.iter().map(|s| s.label.as_str()).collect(),
                }
            })
            .collect();
        return json_line(out, &all);
    }
    let mut last: Option<(usize, usize)> = None;
    for (d, t, l) in corpus.links.iter() {
        if last != Some((d, t)) {
            if last.is_some() {
                writeln!(out)?;
            }
            let from = &docs[d].takeaways[t];
            writeln!(out, "{}  {}", from.id, excerpt(&from.text, 90))?;
            last = Some((d, t));
        }
        let (td, tt) = corpus.links.target(l);
        let to = &docs[td].takeaways[tt];
        let shared: Vec<&str> = l.shared.iter().map(|s| s.label.as_str()).collect();
        writeln!(
            out,
            "  → {}  {:.3}  [{}] {}",
            to.id,
            l.score,
            docs[td].lang,
            excerpt(&to.text, 70)
        )?;
        write_wrapped(out, &shared.join(", "), "      shared: ", 100)?;
    }
    Ok(())
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

pub fn show(out: &mut impl Write, d: &Document, json: bool) -> io::Result<()> {
    if json {
        let full = DocFull {
            summary: DocSummary::of(d),
            standfirst: d.standfirst.as_deref(),
            contact: d.contact.as_deref(),
            blocks: d
                .blocks
                .iter()
                .map(|b| BlockJson {
                    kind: b.kind,
                    text: &b.text,
                })
                .collect(),
            takeaways: d.takeaways.iter().map(|t| TakeawayJson::of(d, t)).collect(),
        };
        return json_line(out, &full);
    }
    out.write_all(plain(d, 80).text.as_bytes())
}

/// A document as plain text, and where each block starts in it.
pub(crate) struct Plain {
    /// Title, metadata, body and takeaways, wrapped.
    pub text: String,
    /// Line (from 0) of `text` on which each block of the document starts.
    pub block_lines: Vec<usize>,
}

/// The text `briefdeck show` prints, wrapped at `width` columns. The dashboard's pager gets the
/// same text (clean: sanitised when loaded, whatever the file's encoding or escapes), and the
/// block lines let it open the pager where the reader is.
pub(crate) fn plain(d: &Document, width: usize) -> Plain {
    let mut out = Vec::new();
    let mut block_lines = Vec::with_capacity(d.blocks.len());
    // Writing to a Vec cannot fail.
    let _ = write_plain(&mut out, d, width, &mut block_lines);
    Plain {
        text: String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        block_lines,
    }
}

fn write_plain(
    out: &mut Vec<u8>,
    d: &Document,
    width: usize,
    block_lines: &mut Vec<usize>,
) -> io::Result<()> {
    write_wrapped(out, &d.title, "", width)?;
    let meta: Vec<String> = [
        d.byline.clone(),
        d.contact.clone(),
        d.date.map(|x| x.to_iso()),
        Some(d.lang.clone()),
        Some(format!("{} · {}", d.id, d.path_display)),
    ]
    .into_iter()
    .flatten()
    .collect();
    write_wrapped(out, &meta.join(" · "), "", width)?;
    writeln!(out)?;
    let mut prev = None;
    // Lines counted so far, and how far into `out` they were counted.
    let (mut lines, mut counted) = (0, 0);
    for b in &d.blocks {
        use crate::model::BlockKind::*;
        if prev == Some(Bullet) && b.kind != Bullet {
            writeln!(out)?;
        }
        lines += memchr::memchr_iter(b'\n', &out[counted..]).count();
        counted = out.len();
        block_lines.push(lines);
        match b.kind {
            Heading => writeln!(out, "## {}", b.text)?,
            Bullet => write_wrapped(out, &b.text, "  • ", width)?,
            Quote => write_wrapped(out, &b.text, "  > ", width)?,
            Paragraph => write_wrapped(out, &b.text, "", width)?,
        }
        if b.kind != Bullet {
            writeln!(out)?;
        }
        prev = Some(b.kind);
    }
    if !d.takeaways.is_empty() {
        writeln!(out, "\nTAKEAWAYS")?;
        for t in &d.takeaways {
            write_wrapped(out, &t.text, &format!("  [{}] ", kind_label(t.kind)), width)?;
        }
    }
    Ok(())
}

/// One ranked match of `briefdeck filter`: a document (by its title) or a takeaway, or a
/// document whose text matches (`"match": "text"`, after all the others).
#[derive(Serialize)]
struct FilterHit<'a> {
    kind: &'static str,
    /// The document's id, or the takeaway's (`DOCID.N`).
    id: &'a str,
    /// The document's id.
    doc: &'a str,
    /// The title, or the takeaway's text.
    text: &'a str,
    score: Score,
    /// `"text"` for a match in the document's text only; absent otherwise.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    matched: Option<&'static str>,
    /// A text match's best hit; absent when its body has none (a byline, a source).
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<SnippetJson<'a>>,
}

/// The filter's whole-number score, or a text match's BM25 score.
#[derive(Serialize, Clone, Copy)]
#[serde(untagged)]
enum Score {
    Filter(i64),
    Text(f32),
}

/// Where a text match's best hit is: its block, the text around it (on one line, made safe
/// to print) and the hit's byte range `start..end` in that text, as `briefdeck search` says it.
#[derive(Serialize)]
struct SnippetJson<'a> {
    block: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Documents and takeaways in one list, best first; ties put documents before takeaways, then
/// corpus order, so the output is stable. Text matches follow, best first.
fn filter_hits<'a>(
    corpus: &'a Corpus,
    results: &Results,
    text: &'a [TextMatch],
) -> Vec<FilterHit<'a>> {
    let mut ranked: Vec<(i64, u8, usize, usize)> = results
        .docs
        .iter()
        .map(|h| (h.score, 0, h.doc, 0))
        .chain(
            results
                .takeaways
                .iter()
                .map(|h| (h.score, 1, h.doc, h.takeaway)),
        )
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2, a.3).cmp(&(b.1, b.2, b.3))));
    let mut hits: Vec<FilterHit<'a>> = ranked
        .into_iter()
        .map(|(score, kind, doc, takeaway)| {
            let d = &corpus.documents[doc];
            let (kind, id, text) = if kind == 0 {
                ("document", d.id.as_str(), d.title.as_str())
            } else {
                let t = &d.takeaways[takeaway];
                ("takeaway", t.id.as_str(), t.text.as_str())
            };
            FilterHit {
                kind,
                id,
                doc: &d.id,
                text,
                score: Score::Filter(score),
                matched: None,
                snippet: None,
            }
        })
        .collect();
    hits.extend(text.iter().map(|m| {
        let d = &corpus.documents[m.doc];
        let snippet = m
            .snippet
            .as_ref()
            .zip(m.snippet_text.as_ref())
            .map(|(s, st)| SnippetJson {
                block: s.block,
                start: st.hit.start,
                end: st.hit.end,
                text: &st.text,
            });
        FilterHit {
            kind: "document",
            id: &d.id,
            doc: &d.id,
            text: &d.title,
            score: Score::Text(m.score),
            matched: Some("text"),
            snippet,
        }
    }));
    hits
}

pub fn filter(
    out: &mut impl Write,
    corpus: &Corpus,
    results: &Results,
    text: &[TextMatch],
    json: bool,
) -> io::Result<()> {
    let hits = filter_hits(corpus, results, text);
    if json {
        return json_line(out, &hits);
    }
    for h in &hits {
        match (h.score, &h.snippet) {
            (Score::Filter(score), _) => writeln!(
                out,
                "{score:>5}  {:<8}  {:<15}  {}",
                h.kind,
                h.id,
                truncate(h.text, 100)
            )?,
            // A text match: the title, then the text around the hit (which starts at most
            // `SNIPPET_BEFORE` chars in, so the hit is on the line).
            (Score::Text(score), snippet) => {
                let mut line = truncate(h.text, 30).into_owned();
                if let Some(s) = snippet {
                    line.push_str(" — ");
                    line.push_str(s.text);
                }
                writeln!(
                    out,
                    "{score:>5.1}  {:<8}  {:<15}  {}",
                    "text",
                    h.id,
                    truncate(&line, 130)
                )?
            }
        }
    }
    Ok(())
}

/// `text` cut to at most `max` chars, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", text[..cut].trim_end()).into()
        }
    }
}

fn kind_label(kind: TakeawayKind) -> &'static str {
    match kind {
        TakeawayKind::Explicit => "explicit",
        TakeawayKind::BottomLine => "bottom line",
        TakeawayKind::Extracted => "extracted",
    }
}

/// Wraps `text` with `head` before the first line and matching indentation after it.
fn write_wrapped(out: &mut impl Write, text: &str, head: &str, width: usize) -> io::Result<()> {
    let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(head));
    let opts = textwrap::Options::new(width)
        .initial_indent(head)
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, opts) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
