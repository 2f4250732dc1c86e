//! E-mail (`.eml`, `.mbox`): the headless contract on a newsletter and a mailbox, and the bad
//! input of the README's table (broken boundary, huge base64 parts, unknown charsets, escapes
//! hidden in encoded parts, `>From ` quoting).

#[path = "common/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};

use briefdeck::library::{Corpus, LoadOptions, NoticeKind, load_paths};
use briefdeck::model::Document;
use cli::{all_text, explicit_texts, json, paragraphs};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/email");

fn fixture(name: &str) -> String {
    Path::new(FIXTURES)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn list(name: &str) -> Vec<Value> {
    json(&["list", &fixture(name), "--json"])
        .as_array()
        .unwrap()
        .clone()
}

fn show(id: &str, name: &str) -> Value {
    json(&["show", id, &fixture(name), "--json"])
}

#[test]
fn a_newsletter_is_one_document_with_its_headers_and_without_its_furniture() {
    let docs = list("newsletter.eml");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(
        d["title"],
        "Italy and Japan widen their defence partnership"
    );
    assert_eq!(d["byline"], "Marta Rossi");
    assert_eq!(d["date"], "2026-03-14");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["source"], "The Weekly Brief", "the List-Id's name");
    assert_eq!(d["format"], "email");

    let doc = show(d["id"].as_str().unwrap(), "newsletter.eml");
    let paras = paragraphs(&doc);
    assert!(
        paras[0].starts_with("Rome and Tokyo agreed this week to deepen cooperation"),
        "the HTML part, not the plain one: {paras:?}"
    );
    assert_eq!(
        paras.last().unwrap(),
        "The next round of talks is expected in Tokyo before the summer."
    );
    // The sentence that mentions subscribing is content.
    assert!(
        paras
            .iter()
            .any(|p| p.contains("should subscribe to the ministry"))
    );
    let text = all_text(&doc);
    for furniture in [
        "View this email",
        "Unsubscribe",
        "Update your preferences",
        "Forward to a friend",
        "You are receiving this",
        "Harbor Street",
        "Weekly Brief Media",
        "track.brief.example",
        "plain-text version",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} left in {text}");
    }

    let takeaways = json(&["takeaways", &fixture("newsletter.eml"), "--json"]);
    let explicit = explicit_texts(&takeaways);
    assert_eq!(
        explicit,
        [
            "GCAP remains the centrepiece of the partnership.",
            "Naval visits to the Indo-Pacific will become yearly.",
            "Economic security talks will cover critical minerals.",
        ]
    );
}

#[test]
fn an_mbox_is_one_document_per_message_with_stable_distinct_ids() {
    let docs = list("digest.mbox");
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "First issue: the Indo-Pacific tilt",
            "Sicurezza economica: l'accordo di Roma",
            "Third issue: quoting the archive",
        ]
    );
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{ids:?}");
    let again: Vec<String> = list("digest.mbox")
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, again, "ids are stable across runs");

    let it = &docs[1];
    assert_eq!(it["lang"], "it");
    assert_eq!(it["byline"], "Notizie Brevi");
    assert_eq!(it["source"], "Notizie Brevi", "no List-Id: the From name");
    assert_eq!(it["date"], "2026-03-03");
    assert_eq!(it["format"], "email");
    let doc = show(ids[1], "digest.mbox");
    let paras = paragraphs(&doc);
    assert!(
        paras[0].starts_with("Roma e Tokyo hanno firmato"),
        "{paras:?}"
    );
    assert!(
        paras[1].contains("crescerà"),
        "Latin-1 quoted-printable decoded"
    );
    assert_eq!(
        paras.last().unwrap(),
        "Le prossime consultazioni si terranno a Roma in autunno."
    );
    assert_eq!(docs[0]["date"], "2026-03-02");
    assert_eq!(docs[2]["byline"], "Marta Rossi");
}

#[test]
fn an_mbox_from_line_escaped_in_a_body_is_unquoted_and_does_not_split() {
    let docs = list("digest.mbox");
    assert_eq!(docs.len(), 3);
    let doc = show(docs[2]["id"].as_str().unwrap(), "digest.mbox");
    let paras = paragraphs(&doc);
    assert_eq!(
        paras,
        [
            "The archive line below was escaped by the mailbox writer and must come back unquoted.",
            "From the archive: the 2023 memorandum set the pattern for later talks.",
            "The third issue ends here.",
        ]
    );
}

// Bad input, through the library's loader (the notices say what was skipped or caveated).

fn load(paths: &[PathBuf]) -> Corpus {
    let opts = LoadOptions {
        cache: None,
        ..LoadOptions::default()
    };
    load_paths(paths, &opts).expect("named paths exist")
}

fn loaded(path: &Path) -> (Document, Option<String>) {
    let corpus = load(&[path.to_path_buf()]);
    assert_eq!(corpus.documents.len(), 1, "{:?}", corpus.notices);
    let warning = corpus
        .notices
        .iter()
        .find(|n| n.kind == NoticeKind::Warning)
        .map(|n| n.reason.clone());
    assert!(
        corpus.notices.iter().all(|n| n.kind != NoticeKind::Skipped),
        "{:?}",
        corpus.notices
    );
    (corpus.documents.into_iter().next().unwrap(), warning)
}

#[test]
fn a_broken_boundary_loads_what_it_can_with_a_warning() {
    let (d, warning) = loaded(Path::new(&fixture("broken-boundary.eml")));
    assert_eq!(d.title, "Broken boundary");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["The text of a message whose parts use another boundary than the one declared."]
    );
    assert!(warning.unwrap().contains("MIME part is broken"));
}

#[test]
fn an_unknown_charset_is_read_as_best_it_can_with_a_warning() {
    let (d, warning) = loaded(Path::new(&fixture("unknown-charset.eml")));
    assert_eq!(d.title, "Unknown charset");
    assert!(
        d.blocks[0].text.ends_with("café and naïve."),
        "{:?}",
        d.blocks[0].text
    );
    assert!(warning.unwrap().contains("unknown charset"));
}

fn assert_clean(s: &str) {
    assert!(
        !s.chars()
            .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
        "{s:?}"
    );
}

#[test]
fn escapes_inside_base64_and_quoted_printable_are_removed() {
    for name in ["escapes-base64.eml", "escapes-qp.eml"] {
        let (d, _) = loaded(Path::new(&fixture(name)));
        assert_clean(&d.title);
        assert_clean(d.byline.as_deref().unwrap_or(""));
        assert_clean(d.source.as_deref().unwrap_or(""));
        assert!(!d.blocks.is_empty(), "{name}");
        for b in &d.blocks {
            assert_clean(&b.text);
        }
    }
    let (d, _) = loaded(Path::new(&fixture("escapes-base64.eml")));
    assert_eq!(d.title, "Escapes inside");
    assert_eq!(d.byline.as_deref(), Some("Eve"));
    assert_eq!(d.blocks[0].text, "Hello world red and gone.");
}

/// A message whose text part is followed by a base64 attachment of `bytes` bytes.
fn with_attachment(bytes: usize) -> String {
    let line = "QmFzZTY0IGF0dGFjaG1lbnQgZGF0YSBmb3IgdGhlIGxvYWRlciB0ZXN0LiBCYXNlNjQgYXR0YWNo\r\n";
    format!(
        "From: Desk <desk@brief.example>\r\nSubject: Big attachment\r\n\
         Date: Sun, 8 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n\
         --big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         The report is attached.\r\n\
         --big\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n\
         {}--big--\r\n",
        line.repeat(bytes / line.len())
    )
}

#[test]
fn a_20_mb_base64_part_loads_and_a_50_mb_file_is_skipped_by_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("twenty.eml");
    fs::write(&big, with_attachment(20 * 1024 * 1024)).unwrap();
    let (d, _) = loaded(&big);
    assert_eq!(d.title, "Big attachment");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["The report is attached."],
        "the attachment is not text"
    );

    let huge = dir.path().join("fifty.eml");
    fs::write(&huge, with_attachment(50 * 1024 * 1024)).unwrap();
    let corpus = load(&[huge, big]);
    assert_eq!(corpus.documents.len(), 1, "the 20 MB one still loads");
    let skipped: Vec<_> = corpus
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Skipped)
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", corpus.notices);
    assert!(skipped[0].path.ends_with("fifty.eml"));
    assert!(
        skipped[0].reason.contains("too large"),
        "{}",
        skipped[0].reason
    );
}

#[test]
fn a_20_mb_base64_text_part_loads() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The ministers agreed to deepen cooperation on naval diplomacy and industry.\n\n";
    let text = para.repeat(15 * 1024 * 1024 / para.len());
    let b64 = base64_lines(text.as_bytes());
    let path = dir.path().join("big-text.eml");
    fs::write(
        &path,
        format!(
            "From: Desk <desk@brief.example>\nSubject: Big text\n\
             Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{b64}"
        ),
    )
    .unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 20 * 1024 * 1024);
    let (d, _) = loaded(&path);
    assert_eq!(d.title, "Big text");
    assert!(d.blocks.len() > 150_000, "{}", d.blocks.len());
}

/// Base64 in 76-character lines (no base64 crate among the dev-dependencies).
fn base64_lines(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + bytes.len() / 38);
    for (i, chunk) in bytes.chunks(3).enumerate() {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= n {
                out.push(ABC[(v >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
        if i % 19 == 18 {
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

#[test]
fn a_file_that_is_not_an_email_is_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.eml");
    fs::write(&empty, "").unwrap();
    let junk = dir.path().join("junk.mbox");
    fs::write(&junk, "From nobody\n\n\n").unwrap();
    let corpus = load(&[empty, junk]);
    assert!(corpus.documents.is_empty());
    let reasons: Vec<&str> = corpus.notices.iter().map(|n| n.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.contains("empty file")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("not an e-mail message")),
        "{reasons:?}"
    );
}
