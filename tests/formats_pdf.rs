//! The PDF reader through the real binary: a generated two-page report read in order (two
//! columns, a hyphenated word joined, no running header or page numbers), its metadata from the
//! information dictionary, its explicit takeaways; and each kind of broken PDF skipped with its
//! reason, one line on stderr and nothing else, the other files still loaded.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/pdf.rs"]
mod pdf;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use cli::{Home, all_text, explicit_texts, paragraphs};
use lopdf::{Dictionary, Object, Stream, dictionary};
use serde_json::Value;

use pdf::{Pdf, bold, lines, text};

const GOOD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad/good.txt");

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write fixture");
    path
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn show(path: &Path) -> Value {
    json_of(&Home::new().run(&["show", path.to_str().unwrap(), "--json"]))
}

#[test]
fn a_report_reads_in_order_with_its_metadata_and_takeaways() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "report.pdf", &pdf::report().bytes());
    let home = Home::new();

    let list = json_of(&home.run(&["list", file.to_str().unwrap(), "--json"]));
    let docs = list.as_array().unwrap();
    assert_eq!(docs.len(), 1, "{list}");
    let d = &docs[0];
    assert_eq!(d["title"], "Grid Storage and the Winter Peak");
    assert_eq!(d["byline"], "Marta Rossi");
    assert_eq!(d["date"], "2024-03-15");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["format"], "pdf");
    assert_eq!(d["source"], Value::Null);
    assert_eq!(d["takeaway_count"], 3);

    let id = d["id"].as_str().unwrap();
    let doc = json_of(&home.run(&["show", id, file.to_str().unwrap(), "--json"]));
    let paras = paragraphs(&doc);
    assert_eq!(
        paras[0],
        "The regional grid met its highest winter demand in a decade without a single rolling \
         blackout, and the reason was storage. Operators credit the implementation of four \
         large battery sites commissioned over the past two years."
    );
    assert!(paras[1].starts_with("Prices still spiked"), "{paras:?}");
    // The two columns of page two are one paragraph, left column first.
    let last = paras.last().unwrap();
    assert!(
        last.starts_with("Left column opens the second page"),
        "{last}"
    );
    assert!(
        last.ends_with("by a third before the next winter peak."),
        "{last}"
    );
    assert!(
        last.contains("review it, and the right column follows"),
        "{last}"
    );

    let text = all_text(&doc);
    assert!(
        !text.contains("Energy Outlook Series"),
        "running header kept:\n{text}"
    );
    assert!(
        !doc["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["text"] == "1" || b["text"] == "2")
    );
    assert!(
        doc["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["kind"] == "heading" && b["text"] == "What comes next for the network"),
        "{text}"
    );

    let takeaways = json_of(&home.run(&["takeaways", file.to_str().unwrap(), "--json"]));
    let explicit = explicit_texts(&takeaways);
    assert_eq!(
        explicit,
        vec![
            "Battery storage doubled in two years and covered the evening ramp.",
            "Gas plants still set winter prices in most evening hours.",
            "Transmission upgrades remain the slowest part of the plan.",
        ]
    );
}

#[test]
fn without_an_info_title_the_largest_text_on_page_one_is_the_title() {
    let mut page = vec![
        text(72.0, 740.0, 9.0, "Briefing note 12"),
        bold(72.0, 700.0, 20.0, "Water Rights in a Dry Decade"),
    ];
    lines(
        &mut page,
        72.0,
        660.0,
        &[
            "Rivers in the south carried a third less water than the long-run average,",
            "and the allocation rules written for wetter years no longer hold.",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "note.pdf",
        &Pdf::new(vec![page])
            .info("Title", "Microsoft Word - note12.docx")
            .bytes(),
    );
    let doc = show(&file);
    assert_eq!(doc["title"], "Water Rights in a Dry Decade");
    assert_eq!(doc["byline"], Value::Null);
    let text = all_text(&doc);
    assert!(!text.contains("Water Rights in a Dry Decade"), "{text}");
    assert!(text.contains("Briefing note 12"), "{text}");
    assert!(
        paragraphs(&doc)
            .last()
            .unwrap()
            .ends_with("no longer hold."),
        "{text}"
    );
}

/// Runs `list` on `file` next to a good text file: the good one loads, and stderr is exactly
/// one `skipped` line naming `file` and containing `reason` (no panic message, nothing else).
fn skipped(dir: &Path, file: &Path, reason: &str) {
    let good = dir.join("good.txt");
    fs::copy(GOOD, &good).unwrap();
    let out = Home::new().run(&[
        "list",
        file.to_str().unwrap(),
        good.to_str().unwrap(),
        "--json",
    ]);
    let list = json_of(&out);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Good title"], "{}", file.display());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {stderr}");
    assert!(
        lines[0].starts_with("briefdeck: skipped ") && lines[0].contains(&*file.to_string_lossy()),
        "{stderr}"
    );
    assert!(
        lines[0].ends_with(reason) || lines[0].contains(reason),
        "{stderr}"
    );
}

#[test]
fn a_truncated_pdf_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = pdf::report().bytes();
    let file = write(dir.path(), "truncated.pdf", &bytes[..bytes.len() / 3]);
    skipped(dir.path(), &file, "malformed PDF");
}

#[test]
fn garbage_after_a_pdf_header_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let file = write(dir.path(), "garbage.pdf", &bytes);
    skipped(dir.path(), &file, "malformed PDF");
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = pdf::report().document();
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    pdf::save(&mut doc)
}

#[test]
fn an_encrypted_pdf_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "locked.pdf", &encrypted("secret"));
    skipped(dir.path(), &file, ": encrypted");
}

#[test]
fn a_pdf_with_only_an_owner_password_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "restricted.pdf", &encrypted(""));
    let doc = show(&file);
    assert_eq!(doc["title"], "Grid Storage and the Winter Peak");
    assert_eq!(doc["byline"], "Marta Rossi");
    assert!(all_text(&doc).contains("the implementation of four"));
}

#[test]
fn an_image_only_pdf_has_no_text_layer() {
    let mut doc = Pdf::new(vec![vec![]]).document();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let page_id = doc.page_iter().next().unwrap();
    let content = doc.add_object(Stream::new(
        Dictionary::new(),
        b"q 612 0 0 792 0 0 cm /Im1 Do Q".to_vec(),
    ));
    let page = doc.get_dictionary_mut(page_id).unwrap();
    page.set("Contents", content);
    page.set(
        "Resources",
        dictionary! { "XObject" => dictionary! { "Im1" => image } },
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "scan.pdf", &pdf::save(&mut doc));
    skipped(dir.path(), &file, "no text layer (scanned?)");
}

#[test]
fn a_stream_inflating_past_the_limit_is_refused_not_loaded() {
    // 80 MB of zeros compress to about 80 KB: past the 64 MiB limit on decompressed content.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..80 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap();
    let mut doc = pdf::report().document();
    let page_id = doc.page_iter().next().unwrap();
    let content = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, bomb));
    let page = doc.get_dictionary_mut(page_id).unwrap();
    let mut contents = vec![Object::Reference(content)];
    if let Ok(Object::Reference(old)) = page.get(b"Contents") {
        contents.insert(0, Object::Reference(*old));
    }
    page.set("Contents", contents);
    let dir = tempfile::tempdir().unwrap();
    let bytes = pdf::save(&mut doc);
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    let file = write(dir.path(), "bomb.pdf", &bytes);
    skipped(
        dir.path(),
        &file,
        "content decompresses past the 64 MiB limit",
    );
}

#[test]
fn a_two_thousand_page_pdf_loads() {
    let pages: Vec<Vec<pdf::Text>> = (1..=2000)
        .map(|n| {
            let mut p = vec![text(72.0, 760.0, 8.0, "Annual Statistics Digest")];
            lines(
                &mut p,
                72.0,
                680.0,
                &[&format!(
                    "Table {n} lists the harvest by province for year {n}."
                )],
            );
            p.push(text(300.0, 40.0, 9.0, &n.to_string()));
            p
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "digest.pdf",
        &Pdf::new(pages)
            .info("Title", "Annual Statistics Digest")
            .bytes(),
    );
    let doc = show(&file);
    assert_eq!(doc["title"], "Annual Statistics Digest");
    let paras = paragraphs(&doc);
    assert_eq!(
        paras.len(),
        2000,
        "one paragraph a page: {:?}",
        &paras[paras.len() - 3..]
    );
    assert_eq!(
        paras[0],
        "Table 1 lists the harvest by province for year 1."
    );
    assert_eq!(
        paras[1999],
        "Table 2000 lists the harvest by province for year 2000."
    );
    assert!(!all_text(&doc).contains("Annual Statistics Digest"));
}

#[test]
fn damaged_pdfs_give_a_document_or_a_reason_never_a_panic() {
    let read = briefdeck::ingest::reader(briefdeck::model::Format::Pdf)
        .expect("a PDF reader")
        .read;
    let mut report = pdf::report();
    report.compress = false;
    let good = report.bytes();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let (mut loaded, mut skipped) = (0, 0);
    for round in 0..300 {
        let mut bytes = good.clone();
        if round % 3 == 0 {
            bytes.truncate((next() as usize % good.len()).max(8));
        }
        for _ in 0..1 + round % 8 {
            let at = next() as usize % bytes.len();
            bytes[at] = next() as u8;
        }
        match read(&bytes) {
            Ok(a) => loaded += usize::from(!a.articles.is_empty()),
            Err(e) => {
                assert!(!e.to_string().is_empty() && !e.to_string().contains('\n'));
                skipped += 1;
            }
        }
    }
    assert_eq!(loaded + skipped, 300);
    assert!(
        loaded > 0 && skipped > 0,
        "loaded {loaded}, skipped {skipped}"
    );
}
