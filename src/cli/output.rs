//! Text and JSON renderings of the headless views. The JSON shapes are a contract for scripts:
//! change them only by adding fields.

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::{Corpus, Document, Takeaway, TakeawayKind};
use crate::query::Results;

#[derive(Serialize)]
struct DocSummary<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    lang: &'a str,
    date: Option<String>,
    byline: Option<&'a str>,
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
            takeaway_count: d.takeaways.len(),
            themes: Vec::new(),
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
            themes: Vec::new(),
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
    kind: crate::corpus::BlockKind,
    text: &'a str,
}

#[derive(Serialize)]
struct DocFull<'a> {
    #[serde(flatten)]
    summary: DocSummary<'a>,
    standfirst: Option<&'a str>,
    contact: Option<&'a str>,
    url: Option<&'a str>,
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

pub fn takeaways(out: &mut impl Write, corpus: &Corpus, json: bool) -> io::Result<()> {
    if json {
        let all: Vec<TakeawayJson> = corpus
            .documents
            .iter()
            .flat_map(|d| d.takeaways.iter().map(move |t| TakeawayJson::of(d, t)))
            .collect();
        return json_line(out, &all);
    }
    for d in &corpus.documents {
        if d.takeaways.is_empty() {
            continue;
        }
        writeln!(out, "{}  {}", d.id, d.title)?;
        for t in &d.takeaways {
            let head = format!("  {} [{}] ", t.id, kind_label(t.kind));
            write_wrapped(out, &t.text, &head, 100)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn show(out: &mut impl Write, d: &Document, json: bool) -> io::Result<()> {
    if json {
        let full = DocFull {
            summary: DocSummary::of(d),
            standfirst: d.standfirst.as_deref(),
            contact: d.contact.as_deref(),
            url: d.url.as_deref(),
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
    write_wrapped(out, &d.title, "", 80)?;
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
    write_wrapped(out, &meta.join(" · "), "", 80)?;
    writeln!(out)?;
    let mut prev = None;
    for b in &d.blocks {
        use crate::corpus::BlockKind::*;
        if prev == Some(Bullet) && b.kind != Bullet {
            writeln!(out)?;
        }
        match b.kind {
            Heading => writeln!(out, "## {}", b.text)?,
            Bullet => write_wrapped(out, &b.text, "  • ", 80)?,
            Quote => write_wrapped(out, &b.text, "  > ", 80)?,
            Paragraph => write_wrapped(out, &b.text, "", 80)?,
        }
        if b.kind != Bullet {
            writeln!(out)?;
        }
        prev = Some(b.kind);
    }
    if !d.takeaways.is_empty() {
        writeln!(out, "\nTAKEAWAYS")?;
        for t in &d.takeaways {
            write_wrapped(out, &t.text, &format!("  [{}] ", kind_label(t.kind)), 80)?;
        }
    }
    Ok(())
}

/// One ranked match of `briefdeck filter`: a document (by its title) or a takeaway.
#[derive(Serialize)]
struct FilterHit<'a> {
    kind: &'static str,
    /// The document's id, or the takeaway's (`DOCID.N`).
    id: &'a str,
    /// The document's id.
    doc: &'a str,
    /// The title, or the takeaway's text.
    text: &'a str,
    score: i64,
}

/// Documents and takeaways in one list, best first; ties put documents before takeaways, then
/// corpus order, so the output is stable.
fn filter_hits<'a>(corpus: &'a Corpus, results: &Results) -> Vec<FilterHit<'a>> {
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
    ranked
        .into_iter()
        .map(|(score, kind, doc, takeaway)| {
            let d = &corpus.documents[doc];
            if kind == 0 {
                FilterHit {
                    kind: "document",
                    id: &d.id,
                    doc: &d.id,
                    text: &d.title,
                    score,
                }
            } else {
                let t = &d.takeaways[takeaway];
                FilterHit {
                    kind: "takeaway",
                    id: &t.id,
                    doc: &d.id,
                    text: &t.text,
                    score,
                }
            }
        })
        .collect()
}

pub fn filter(
    out: &mut impl Write,
    corpus: &Corpus,
    results: &Results,
    json: bool,
) -> io::Result<()> {
    let hits = filter_hits(corpus, results);
    if json {
        return json_line(out, &hits);
    }
    for h in &hits {
        writeln!(
            out,
            "{:>5}  {:<8}  {:<15}  {}",
            h.score,
            h.kind,
            h.id,
            truncate(h.text, 100)
        )?;
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
