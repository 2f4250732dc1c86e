//! OPML subscription lists: importing other readers' exports, exporting ours.
//!
//! OPML files come from anywhere (other feed readers, web pages, mail), so the
//! reader treats them as hostile:
//! - DTDs are ignored and their entities are never expanded. An attribute that
//!   refers to an entity other than the five XML ones (or a numeric reference)
//!   cannot be read, so its outline is skipped with a reason. This makes
//!   "billion laughs" files cost nothing beyond their own size.
//! - The walk keeps an explicit stack and gives up past [`MAX_DEPTH`] open
//!   elements, so deep nesting cannot overflow the call stack.
//! - Names pass through the terminal-safety cleaning; URLs holding control
//!   characters or whitespace are refused rather than repaired.
//!
//! Our one extension, `fullText`, lives in the [`NAMESPACE`] namespace so other
//! readers can ignore it.

use std::collections::HashSet;

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::ingest::sanitize::sanitize_line;

/// The namespace of briefdeck's own OPML attributes.
///
/// The `.invalid` top-level domain is reserved (RFC 2606) and never resolves,
/// so this URI cannot clash with anyone else's vocabulary; it is an identifier,
/// not a document to fetch. Changing it would make older exports lose their
/// `fullText` flags on import.
pub const NAMESPACE: &str = "https://briefdeck.invalid/ns/opml";

/// The prefix written for [`NAMESPACE`]; imports also accept it undeclared, as
/// hand-edited files often forget the `xmlns` declaration.
const PREFIX: &str = "briefdeck";

/// Elements open at once before a file counts as hostile; real lists nest a few levels.
pub const MAX_DEPTH: usize = 1_000;

/// Longest URL or name quoted in a skip reason, so one huge attribute cannot flood the screen.
const SHOWN_CHARS: usize = 120;

/// One subscription read from an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Display name: the `text` attribute (what OPML 2.0 requires), else `title`
    /// (what some exporters write instead); cleaned for the terminal.
    pub name: Option<String>,
    /// The feed address (`xmlUrl`); always `http` or `https`, trimmed, unique within one import.
    pub url: String,
    /// The site's own page (`htmlUrl`), kept only for display and linking.
    pub html_url: Option<String>,
    /// The folders the feed sat in, outermost first and joined with `/`, so a
    /// reader's folder tree survives the move; `None` at top level.
    pub category: Option<String>,
    /// Whether to fetch the linked pages instead of trusting the feed's summaries
    /// (our `briefdeck:fullText="true"`), so this choice survives export and import.
    pub full_text: bool,
}

/// What an import found: the feeds, and the outlines passed over with the reason for each.
///
/// Skips are reported rather than fatal because one odd entry should not cost
/// the user the other few hundred subscriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub feeds: Vec<Outline>,
    /// One line per passed-over outline, `"<what>: <why>"`, already safe to print.
    pub skipped: Vec<String>,
}

/// Reads an OPML file; `Err` says why the whole file is unusable (not OPML, not XML, too deep).
pub fn parse(bytes: &[u8]) -> Result<Imported, String> {
    let (text, offset) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err("the file is empty".to_string());
    }
    walk(&text, offset)
}

/// A subscription to write out.
///
/// Borrowed so the caller can export straight from its own records.
pub struct ExportFeed<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub html_url: Option<&'a str>,
    pub full_text: bool,
}

/// Writes an OPML 2.0 document that other readers can import.
///
/// `date_created` is written as given (OPML 2.0 asks for RFC 822, e.g.
/// `Mon, 02 Jun 2025 10:00:00 GMT`), so the caller owns the clock. Names are
/// written as given, even empty. Control characters, which XML 1.0 cannot
/// carry in attributes unchanged, are dropped.
#[must_use]
pub fn export(feeds: &[ExportFeed<'_>], date_created: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <opml version=\"2.0\" xmlns:{PREFIX}=\"{NAMESPACE}\">\n  <head>\n    \
         <title>briefdeck subscriptions</title>\n    <dateCreated>{}</dateCreated>\n  \
         </head>\n  <body>\n",
        escaped(date_created)
    );
    for feed in feeds {
        let name = escaped(feed.name);
        let url = escaped(feed.url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\""
        ));
        if let Some(html) = feed.html_url {
            out.push_str(&format!(" htmlUrl=\"{}\"", escaped(html)));
        }
        if feed.full_text {
            out.push_str(&format!(" {PREFIX}:fullText=\"true\""));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Escapes for both attribute values and text; drops what XML 1.0 cannot hold.
pub(super) fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The file as UTF-8, and how many leading bytes (a BOM) positions must add back.
fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, usize), String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_string());
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(format!("not valid {} text", encoding.name()));
        }
        return Ok((text, bom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.into(), 0));
    }
    let encoding = declared_encoding(bytes)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .filter(|e| e.is_ascii_compatible() && *e != encoding_rs::UTF_8)
        .ok_or_else(|| "not UTF-8 text".to_string())?;
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!("not valid {} text", encoding.name()));
    }
    // Positions now count bytes of the UTF-8 conversion, not of the file.
    Ok((text, 0))
}

/// The `encoding` named in an XML declaration, read from raw bytes before decoding.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(1024))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let rest = decl.split_once("encoding")?.1.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = rest[1..].split(quote).next()?;
    Some(value.to_string())
}

/// What an open element means for the outlines inside it.
enum Frame {
    /// Not part of the subscription tree (`<head>`, unknown elements).
    Other,
    /// `<body>`, or an outline: children outlines count.
    Tree,
    /// A category outline; its cleaned name, if it had one, joins the path.
    Category(Option<String>),
}

struct Walk {
    stack: Vec<Frame>,
    seen: HashSet<String>,
    out: Imported,
}

fn walk(text: &str, offset: usize) -> Result<Imported, String> {
    let mut reader = NsReader::from_str(text);
    let mut state = Walk {
        stack: Vec::new(),
        seen: HashSet::new(),
        out: Imported::default(),
    };
    let mut root_done = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.error_position() as usize + offset
            )
        })?;
        let at = reader.buffer_position() as usize + offset;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let empty = matches!(event, Event::Empty(_));
                if state.stack.is_empty() {
                    if root_done {
                        return Err(format!("a second root element at byte {at}"));
                    }
                    let name = start.local_name();
                    if !name.as_ref().eq_ignore_ascii_case("opml") {
                        let name = shown(name.as_ref());
                        return Err(format!("not an OPML file: the root element is <{name}>"));
                    }
                    root_done = true;
                    if !empty {
                        state.stack.push(Frame::Other);
                    }
                    continue;
                }
                if state.stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "elements nest deeper than {MAX_DEPTH} levels (at byte {at})"
                    ));
                }
                let frame = state.element(&reader, start, at)?;
                if !empty {
                    state.stack.push(frame);
                }
            }
            Event::End(_) => {
                state.stack.pop();
            }
            Event::Eof => break,
            // Text, comments, DTDs and references outside attributes carry nothing we use;
            // skipping the DOCTYPE is what keeps its entities unexpanded.
            _ => {}
        }
    }
    if !root_done {
        return Err("not an OPML file: there is no root element".to_string());
    }
    if !state.stack.is_empty() {
        return Err("not well-formed XML: the file ends inside an element".to_string());
    }
    Ok(state.out)
}

/// The attributes of one `<outline>` that matter, still unchecked.
#[derive(Default)]
struct Attrs {
    text: Option<String>,
    title: Option<String>,
    xml_url: Option<String>,
    html_url: Option<String>,
    full_text: bool,
    /// Why an attribute could not be read (an unknown entity, a bad reference).
    problem: Option<String>,
}

impl Walk {
    /// Handles one element below the root and says what it means for its children.
    fn element(
        &mut self,
        reader: &NsReader<&[u8]>,
        start: &BytesStart<'_>,
        at: usize,
    ) -> Result<Frame, String> {
        let local = start.local_name();
        let parent_is_tree = matches!(self.stack.last(), Some(Frame::Tree | Frame::Category(_)));
        let in_root = self.stack.len() == 1;
        if local.as_ref().eq_ignore_ascii_case("body") && in_root {
            return Ok(Frame::Tree);
        }
        if !local.as_ref().eq_ignore_ascii_case("outline") || !parent_is_tree {
            return Ok(Frame::Other);
        }
        let attrs = read_attrs(reader, start, at)?;
        let name = clean_name(attrs.text.as_deref()).or_else(|| clean_name(attrs.title.as_deref()));
        let raw_url = attrs.xml_url.unwrap_or_default();
        let url = raw_url.trim();
        if url.is_empty() {
            if let Some(problem) = &attrs.problem {
                let what = name.as_deref().map_or("a folder".to_string(), shown);
                self.out
                    .skipped
                    .push(format!("{what}: {problem}; its feeds are kept without it"));
                return Ok(Frame::Category(None));
            }
            return Ok(Frame::Category(name));
        }
        if let Some(problem) = attrs.problem {
            self.skip(url, &problem);
        } else if let Some(problem) = url_problem(url) {
            self.skip(url, problem);
        } else if !self.seen.insert(url.to_string()) {
            self.skip(url, "listed twice");
        } else {
            let html_url = attrs
                .html_url
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty() && url_problem(h).is_none());
            let category = self.category();
            self.out.feeds.push(Outline {
                name,
                url: url.to_string(),
                html_url,
                category,
                full_text: attrs.full_text,
            });
        }
        Ok(Frame::Tree)
    }

    fn skip(&mut self, url: &str, why: &str) {
        self.out.skipped.push(format!("{}: {why}", shown(url)));
    }

    fn category(&self) -> Option<String> {
        let parts: Vec<&str> = self
            .stack
            .iter()
            .filter_map(|f| match f {
                Frame::Category(Some(name)) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }
}

fn read_attrs(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    at: usize,
) -> Result<Attrs, String> {
    let mut attrs = Attrs::default();
    for attr in start.attributes() {
        let attr =
            attr.map_err(|e| format!("not well-formed XML in the tag ending at byte {at}: {e}"))?;
        let (ns, local) = reader.resolver().resolve_attribute(attr.key);
        let local = local.as_ref();
        let ours = match &ns {
            ResolveResult::Bound(ns) => ns.as_ref() == NAMESPACE,
            ResolveResult::Unknown(prefix) => prefix == PREFIX,
            ResolveResult::Unbound => false,
        };
        let plain = attr.key.prefix().is_none();
        let slot = if ours && local.eq_ignore_ascii_case("fullText") {
            None
        } else if !plain {
            continue;
        } else if local.eq_ignore_ascii_case("text") {
            Some(&mut attrs.text)
        } else if local.eq_ignore_ascii_case("title") {
            Some(&mut attrs.title)
        } else if local.eq_ignore_ascii_case("xmlUrl") {
            Some(&mut attrs.xml_url)
        } else if local.eq_ignore_ascii_case("htmlUrl") {
            Some(&mut attrs.html_url)
        } else {
            continue;
        };
        let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(e) => {
                let why = match e {
                    quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                        format!(
                            "{local} uses the entity &{};, which is not expanded",
                            shown(&name)
                        )
                    }
                    e => format!("{local} cannot be read: {e}"),
                };
                attrs.problem.get_or_insert(why);
                // Keep the raw text so an unreadable xmlUrl still marks a feed.
                attr.value.into_owned()
            }
        };
        match slot {
            Some(slot) => {
                slot.get_or_insert(value);
            }
            None => {
                let v = value.trim();
                attrs.full_text = v.eq_ignore_ascii_case("true") || v == "1";
            }
        }
    }
    Ok(attrs)
}

/// Terminal-safe, whitespace-folded; `None` when nothing printable is left.
fn clean_name(raw: Option<&str>) -> Option<String> {
    let cleaned = sanitize_line(raw?);
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// Why an address cannot be subscribed to, if it cannot.
fn url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(char::is_control) || sanitize_line(url) != url {
        return Some("the address contains control characters");
    }
    if url.chars().any(char::is_whitespace) {
        return Some("the address contains whitespace");
    }
    let rest = url.split_once("://").and_then(|(scheme, rest)| {
        (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
            .then_some(rest)
    });
    match rest {
        None => Some("not an http or https address"),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Some("the address has no host"),
        Some(_) => None,
    }
}

/// Untrusted text made safe and short enough to quote in a message.
fn shown(raw: &str) -> String {
    let clean = sanitize_line(raw);
    match clean.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<opml version=\"1.0\"><head><title>t</title></head><body>{body}</body></opml>"
        )
    }

    fn ok(text: &str) -> Imported {
        parse(text.as_bytes()).expect("parses")
    }

    #[test]
    fn nested_categories_become_slash_paths() {
        let got = ok(&doc(r#"
            <outline text="News">
              <outline title="World">
                <outline text="Europe">
                  <outline text="Deep" xmlUrl="https://a.example/deep"/>
                </outline>
                <outline text="Mid" xmlUrl="https://a.example/mid"/>
              </outline>
            </outline>
            <outline text="Top" xmlUrl="https://a.example/top" htmlUrl=" https://a.example/ "/>"#));
        let cats: Vec<_> = got.feeds.iter().map(|f| f.category.as_deref()).collect();
        assert_eq!(cats, [Some("News/World/Europe"), Some("News/World"), None]);
        assert_eq!(got.feeds[2].html_url.as_deref(), Some("https://a.example/"));
        assert!(got.skipped.is_empty());
    }

    #[test]
    fn text_wins_over_title_and_empty_falls_back() {
        let got = ok(&doc(r#"
            <outline text="Text" title="Title" xmlUrl="http://a/1"/>
            <outline text="  " title="Only title" xmlUrl="http://a/2"/>
            <outline xmlUrl="http://a/3"/>"#));
        let names: Vec<_> = got.feeds.iter().map(|f| f.name.as_deref()).collect();
        assert_eq!(names, [Some("Text"), Some("Only title"), None]);
    }

    #[test]
    fn attribute_names_match_case_insensitively() {
        let got = ok(&doc(r#"
            <outline text="a" xmlurl="http://a/1" htmlurl="http://a/"/>
            <outline text="b" XMLURL="http://a/2" HTMLURL="http://b/"/>"#));
        assert_eq!(got.feeds.len(), 2);
        assert_eq!(got.feeds[0].url, "http://a/1");
        assert_eq!(got.feeds[1].html_url.as_deref(), Some("http://b/"));
    }

    #[test]
    fn non_http_and_duplicates_are_skipped_with_reasons() {
        let got = ok(&doc(r#"
            <outline text="f" xmlUrl="ftp://x/feed"/>
            <outline text="j" xmlUrl="javascript:alert(1)"/>
            <outline text="a" xmlUrl="HTTPS://x/feed"/>
            <outline text="b" xmlUrl=" HTTPS://x/feed "/>
            <outline text="c" xmlUrl="https://x/a b"/>
            <outline text="d" xmlUrl="https://x/&#27;[31m"/>"#));
        assert_eq!(got.feeds.len(), 1);
        assert_eq!(got.feeds[0].url, "HTTPS://x/feed");
        assert_eq!(got.skipped[0], "ftp://x/feed: not an http or https address");
        assert_eq!(
            got.skipped[1],
            "javascript:alert(1): not an http or https address"
        );
        assert_eq!(got.skipped[2], "HTTPS://x/feed: listed twice");
        assert!(
            got.skipped[3].ends_with("contains whitespace"),
            "{:?}",
            got.skipped
        );
        assert!(
            got.skipped[4].ends_with("control characters"),
            "{:?}",
            got.skipped
        );
        assert!(!got.skipped[4].contains('\u{1b}'));
    }

    #[test]
    fn other_roots_are_refused_by_name() {
        let err = parse(b"<rss version=\"2.0\"><channel/></rss>").unwrap_err();
        assert_eq!(err, "not an OPML file: the root element is <rss>");
        assert!(parse(b"").unwrap_err().contains("empty"));
        assert!(parse(b" \n ").unwrap_err().contains("empty"));
        assert!(parse(b"<!-- only -->").unwrap_err().contains("no root"));
    }

    #[test]
    fn malformed_xml_names_the_position() {
        let err = parse(b"<opml><body><outline text=\"a\"></body></opml>").unwrap_err();
        assert!(err.starts_with("not well-formed XML at byte "), "{err}");
        let err = parse(b"<opml><body><outline text=\"a").unwrap_err();
        assert!(err.contains("byte 12"), "{err}");
        let err = parse(b"<opml><body>").unwrap_err();
        assert!(err.contains("not well-formed"), "{err}");
        let err = parse(b"<opml/><opml/>").unwrap_err();
        assert!(err.contains("second root"), "{err}");
    }

    #[test]
    fn dtd_entities_are_never_expanded() {
        let mut dtd = String::from("<!DOCTYPE opml [\n<!ENTITY lol0 \"lol\">\n");
        for i in 1..10 {
            let prev = format!("&lol{};", i - 1).repeat(10);
            dtd.push_str(&format!("<!ENTITY lol{i} \"{prev}\">\n"));
        }
        dtd.push_str("]>\n");
        let text = format!(
            "<?xml version=\"1.0\"?>\n{dtd}<opml version=\"2.0\"><head><title>&lol9;</title></head><body>\
             <outline text=\"&lol9;\" xmlUrl=\"https://x/1\"/>\
             <outline text=\"ok &amp; &#233;\" xmlUrl=\"https://x/2?a=1&amp;b=&#x32;\"/>\
             <outline text=\"&lol9;\"><outline text=\"kept\" xmlUrl=\"https://x/3\"/></outline>\
             </body></opml>"
        );
        let started = std::time::Instant::now();
        let got = ok(&text);
        assert!(started.elapsed().as_secs() < 5);
        let urls: Vec<_> = got.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, ["https://x/2?a=1&b=2", "https://x/3"]);
        assert_eq!(got.feeds[0].name.as_deref(), Some("ok & é"));
        assert_eq!(got.feeds[1].category, None);
        assert_eq!(got.skipped.len(), 2, "{:?}", got.skipped);
        assert!(got.skipped[0].starts_with("https://x/1: text uses the entity &lol9;"));
        assert!(got.skipped[1].contains("&lol9;"));
    }

    #[test]
    fn deep_nesting_fails_fast_without_recursion() {
        let n = 100_000;
        let text = format!(
            "<opml><body>{}{}</body></opml>",
            "<outline text=\"x\">".repeat(n),
            "</outline>".repeat(n)
        );
        let started = std::time::Instant::now();
        let err = parse(text.as_bytes()).unwrap_err();
        assert!(err.contains("deeper than 1000"), "{err}");
        assert!(started.elapsed().as_secs() < 5);
        // Just inside the limit still works.
        let n = MAX_DEPTH - 3;
        let text = format!(
            "<opml><body>{}<outline xmlUrl=\"http://a/\"/>{}</body></opml>",
            "<outline text=\"x\">".repeat(n),
            "</outline>".repeat(n)
        );
        assert_eq!(
            ok(&text).feeds[0].category.as_deref().map(|c| c.len()),
            Some(2 * n - 1)
        );
    }

    #[test]
    fn latin1_files_decode_per_declaration() {
        let mut bytes =
            b"<?xml version='1.0' encoding='ISO-8859-1'?><opml><body><outline text=\"Caf".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(b" \xABm\xBB\" xmlUrl=\"http://a/\"/></body></opml>");
        let got = parse(&bytes).expect("latin-1");
        assert_eq!(got.feeds[0].name.as_deref(), Some("Café «m»"));
        // Without a declaration the same bytes are refused.
        let undeclared = &bytes[bytes.iter().position(|&b| b == b'>').unwrap() + 1..];
        assert_eq!(parse(undeclared).unwrap_err(), "not UTF-8 text");
        // A UTF-8 BOM is fine.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(doc("<outline xmlUrl=\"http://a/\"/>").as_bytes());
        assert_eq!(parse(&bom).unwrap().feeds.len(), 1);
    }

    #[test]
    fn control_characters_and_escapes_are_removed_from_names() {
        let got = ok(&doc(
            "<outline text=\"Evil&#27;]0;pwned&#7; &#27;[31mred&#27;[0m\t\n  end&#1;\">\
             <outline text=\"a&#27;[2Jb\" xmlUrl=\"http://a/\"/></outline>",
        ));
        let feed = &got.feeds[0];
        assert_eq!(feed.name.as_deref(), Some("ab"));
        let cat = feed.category.as_deref().unwrap();
        assert!(!cat.chars().any(char::is_control), "{cat:?}");
        assert!(!cat.contains("[31m") && !cat.contains("pwned"), "{cat:?}");
        assert!(
            cat.starts_with("Evil") && cat.ends_with("red end"),
            "{cat:?}"
        );
    }

    #[test]
    fn export_round_trips_tricky_names() {
        let names: Vec<String> = (0..200)
            .map(|i| match i % 5 {
                0 => format!("Tom & Jerry's <{i}>"),
                1 => format!("\"Quoted\" {i} — Überschrift"),
                2 => format!("日本語のニュース {i}"),
                3 => format!("a&amp;b {i} ]]> --"),
                _ => format!("plain {i}"),
            })
            .collect();
        let urls: Vec<String> = (0..200)
            .map(|i| format!("https://ex.org/f?i={i}&x=<\"'>"))
            .collect();
        let feeds: Vec<ExportFeed<'_>> = (0..200)
            .map(|i| ExportFeed {
                name: &names[i],
                url: &urls[i],
                html_url: (i % 2 == 0).then_some("https://ex.org/"),
                full_text: i % 3 == 0,
            })
            .collect();
        let xml = export(&feeds, "Mon, 02 Jun 2025 10:00:00 GMT");
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"")
        );
        assert!(xml.ends_with("</opml>\n"));
        assert!(
            xml.contains("\n    <outline type=\"rss\" text=\"Tom &amp; Jerry&apos;s &lt;0&gt;\"")
        );
        let got = parse(xml.as_bytes()).expect("own export parses");
        assert!(got.skipped.is_empty(), "{:?}", got.skipped);
        let expected: Vec<Outline> = feeds
            .iter()
            .map(|f| Outline {
                name: Some(f.name.to_string()),
                url: f.url.to_string(),
                html_url: f.html_url.map(str::to_string),
                category: None,
                full_text: f.full_text,
            })
            .collect();
        assert_eq!(got.feeds, expected);
    }

    #[test]
    fn export_drops_control_characters_and_keeps_full_text_off_by_default() {
        let feeds = [ExportFeed {
            name: "a\u{1b}[31m\u{0}b",
            url: "http://a/",
            html_url: None,
            full_text: false,
        }];
        let xml = export(&feeds, "now & <then>");
        assert!(!xml.chars().any(|c| c.is_control() && c != '\n'), "{xml}");
        assert!(!xml.contains("htmlUrl") && !xml.contains(":fullText"));
        assert!(xml.contains("<dateCreated>now &amp; &lt;then&gt;</dateCreated>"));
        assert!(!parse(xml.as_bytes()).unwrap().feeds[0].full_text);
    }

    #[test]
    fn full_text_follows_the_namespace_not_the_prefix() {
        let text = format!(
            "<opml version=\"2.0\" xmlns:bd=\"{NAMESPACE}\"><body>\
             <outline xmlUrl=\"http://a/1\" bd:fullText=\"true\"/>\
             <outline xmlUrl=\"http://a/2\" other:fullText=\"true\" xmlns:other=\"urn:x\"/>\
             <outline xmlUrl=\"http://a/3\" briefdeck:fullText=\"true\"/>\
             <outline xmlUrl=\"http://a/4\" bd:fullText=\"false\"/></body></opml>"
        );
        let flags: Vec<bool> = ok(&text).feeds.iter().map(|f| f.full_text).collect();
        assert_eq!(flags, [true, false, true, false]);
    }
}
