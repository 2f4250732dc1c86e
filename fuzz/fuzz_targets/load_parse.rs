//! Fuzzes the whole per-file pipeline — decode, sanitise, parse (every format), extract
//! and tag — with arbitrary bytes, and checks the invariants the reader relies on: every anchor
//! points inside its block on char boundaries, and no control character or bidi override
//! survives into the model.
#![no_main]

use std::path::Path;

use briefdeck::library::documents_from_bytes;
use briefdeck::model::Format;
use libfuzzer_sys::fuzz_target;

fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so one corpus covers every reader.
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 7 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Json,
        3 => Format::Html,
        4 => Format::Feed,
        5 => Format::Email,
        _ => Format::Pdf,
    };
    let Ok((docs, _)) = documents_from_bytes(Path::new("fuzz.txt"), bytes, format) else {
        return;
    };
    for d in &docs {
        assert!(!d.title.chars().any(dangerous), "title {:?}", d.title);
        for field in [&d.byline, &d.source, &d.url].into_iter().flatten() {
            assert!(!field.chars().any(dangerous), "field {field:?}");
        }
        for b in &d.blocks {
            assert!(!b.text.chars().any(dangerous), "block {:?}", b.text);
        }
        for t in &d.takeaways {
            let block = &d.blocks[t.anchor.block].text;
            let r = t.anchor.range.clone();
            assert!(r.start <= r.end && r.end <= block.len(), "anchor out of its block");
            assert!(block.is_char_boundary(r.start) && block.is_char_boundary(r.end));
        }
    }
});
