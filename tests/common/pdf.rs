//! PDFs made for the tests with lopdf: pages of text placed where a report would have it, in
//! the standard Helvetica fonts (no font file embedded), with an information dictionary.
//!
//! Include with `#[path = "common/pdf.rs"] mod pdf;`.

#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// One string drawn at `(x, y)` (points from the bottom left) in Helvetica (`bold`: -Bold).
#[derive(Debug, Clone)]
pub struct Text {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub text: String,
}

pub fn text(x: f32, y: f32, size: f32, s: &str) -> Text {
    Text {
        x,
        y,
        size,
        bold: false,
        text: s.to_string(),
    }
}

pub fn bold(x: f32, y: f32, size: f32, s: &str) -> Text {
    Text {
        bold: true,
        ..text(x, y, size, s)
    }
}

/// Lines at `x` from `y` down, 10 pt type on 12 pt leading; returns the next free `y`.
pub fn lines(out: &mut Vec<Text>, x: f32, mut y: f32, lines: &[&str]) -> f32 {
    for l in lines {
        out.push(text(x, y, 10.0, l));
        y -= 12.0;
    }
    y
}

/// A document: its pages, the information dictionary's entries, and whether the content
/// streams are Flate-compressed.
pub struct Pdf {
    pub pages: Vec<Vec<Text>>,
    pub info: Vec<(&'static str, String)>,
    pub compress: bool,
}

impl Pdf {
    pub fn new(pages: Vec<Vec<Text>>) -> Pdf {
        Pdf {
            pages,
            info: Vec::new(),
            compress: true,
        }
    }

    pub fn info(mut self, key: &'static str, value: &str) -> Pdf {
        self.info.push((key, value.to_string()));
        self
    }

    pub fn document(&self) -> Document {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = |doc: &mut Document, name: &str| {
            doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => name,
                "Encoding" => "WinAnsiEncoding",
            })
        };
        let regular = font(&mut doc, "Helvetica");
        let heavy = font(&mut doc, "Helvetica-Bold");
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => regular, "F2" => heavy },
        });
        let mut kids: Vec<Object> = Vec::new();
        for page in &self.pages {
            let mut ops = Vec::new();
            for t in page {
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&t.text);
                let font = if t.bold { "F2" } else { "F1" };
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec![font.into(), t.size.into()]));
                ops.push(Operation::new("Td", vec![t.x.into(), t.y.into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::string_literal(bytes.into_owned())],
                ));
                ops.push(Operation::new("ET", vec![]));
            }
            let content = Content { operations: ops }
                .encode()
                .expect("content encodes");
            let mut stream = Stream::new(Dictionary::new(), content);
            if self.compress {
                stream.compress().expect("compresses");
            }
            let content_id = doc.add_object(stream);
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
            "Lang" => Object::string_literal("en-GB"),
        });
        doc.trailer.set("Root", catalog);
        if !self.info.is_empty() {
            let mut info = Dictionary::new();
            for (k, v) in &self.info {
                info.set(*k, Object::string_literal(v.as_bytes().to_vec()));
            }
            let info_id = doc.add_object(info);
            doc.trailer.set("Info", info_id);
        }
        doc
    }

    pub fn bytes(&self) -> Vec<u8> {
        save(&mut self.document())
    }
}

pub fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF saves");
    out
}

/// The two-page report of the tests: a title, a running header, page numbers, a hyphenated
/// word, a "Key takeaways" list on page one, and a two-column page two.
pub fn report() -> Pdf {
    let mut p1 = Vec::new();
    p1.push(text(
        72.0,
        760.0,
        8.0,
        "Energy Outlook Series - Spring 2024",
    ));
    p1.push(bold(72.0, 700.0, 22.0, "Grid Storage and the Winter Peak"));
    let y = lines(
        &mut p1,
        72.0,
        660.0,
        &[
            "The regional grid met its highest winter demand in a decade without a single",
            "rolling blackout, and the reason was storage. Operators credit the imple-",
            "mentation of four large battery sites commissioned over the past two years.",
        ],
    );
    let y = lines(
        &mut p1,
        72.0,
        y - 10.0,
        &[
            "Prices still spiked during the cold snap, because gas plants set the margin",
            "in most evening hours and storage could cover only the steepest ramps.",
        ],
    );
    p1.push(bold(72.0, y - 16.0, 14.0, "Key takeaways"));
    lines(
        &mut p1,
        72.0,
        y - 36.0,
        &[
            "\u{2022} Battery storage doubled in two years and covered the evening ramp.",
            "\u{2022} Gas plants still set winter prices in most evening hours.",
            "\u{2022} Transmission upgrades remain the slowest part of the plan.",
        ],
    );
    p1.push(text(300.0, 40.0, 9.0, "1"));

    let mut p2 = Vec::new();
    p2.push(text(
        72.0,
        760.0,
        8.0,
        "Energy Outlook Series - Spring 2024",
    ));
    p2.push(bold(72.0, 720.0, 14.0, "What comes next for the network"));
    lines(
        &mut p2,
        72.0,
        690.0,
        &[
            "Left column opens the second page and",
            "explains that new connections wait for",
            "years, while the queue of solar and",
            "storage projects keeps growing faster",
            "than the planners can review it, and",
        ],
    );
    lines(
        &mut p2,
        320.0,
        690.0,
        &[
            "the right column follows to close the",
            "argument: the regulator will publish a",
            "faster connection process next spring,",
            "and operators expect the queue to fall",
            "by a third before the next winter peak.",
        ],
    );
    p2.push(text(300.0, 40.0, 9.0, "2"));
    Pdf::new(vec![p1, p2])
        .info("Title", "Grid Storage and the Winter Peak")
        .info("Author", "Marta Rossi")
        .info("CreationDate", "D:20240315093000+01'00'")
}
