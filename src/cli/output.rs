//! Text and JSON renderings of the headless views. The JSON shapes are a contract for scripts:
//! change them only by adding fields.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::themes::theme_counts;
use crate::corpus::{Corpus, Document, Takeaway, TakeawayKind};

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
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
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
    let counts = theme_counts(corpus);
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
    writeln!(out, "{}", d.title)?;
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
    writeln!(out, "{}\n", meta.join(" · "))?;
    for b in &d.blocks {
        match b.kind {
            crate::corpus::BlockKind::Heading => writeln!(out, "## {}\n", b.text)?,
            crate::corpus::BlockKind::Bullet => {
                write_wrapped(out, &b.text, "  • ", 80)?;
                continue;
            }
            crate::corpus::BlockKind::Quote => write_wrapped(out, &b.text, "  > ", 80)?,
            crate::corpus::BlockKind::Paragraph => write_wrapped(out, &b.text, "", 80)?,
        }
        if b.kind != crate::corpus::BlockKind::Heading {
            writeln!(out)?;
        }
    }
    if !d.takeaways.is_empty() {
        writeln!(out, "\nTAKEAWAYS")?;
        for t in &d.takeaways {
            write_wrapped(out, &t.text, &format!("  [{}] ", kind_label(t.kind)), 80)?;
        }
    }
    Ok(())
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
