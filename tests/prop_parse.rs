//! Arbitrary bytes never panic the loader or parser, and every anchor stays inside its block.

use std::path::Path;

use briefdeck::library::documents_from_bytes;
use briefdeck::model::Format;
use proptest::prelude::*;

/// Bytes biased towards what breaks parsers: markers, newlines, escapes, multi-byte text.
fn briefing_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"\n"[..],
        b"\r\n",
        b"\r",
        b"- ",
        b"-\n",
        b"* ",
        b"1. ",
        b"# ",
        b"> ",
        b"Key takeaways:\n",
        b"In sintesi, ",
        b"The bottom line: ",
        b"By ",
        b"Roma, 11 dicembre 2025 \xe2\x80\x93 ",
        b"\x1b[31m",
        b"\x1b]0;t\x07",
        b"\xc2\x9b",
        b"\xe2\x80\xae",
        b"\xc3\xa0",
        b"\xe2\x80\x99",
        b"x@y.it",
        b"\t",
        b"\x00",
        b"\xff",
        b"**",
        b"_",
        b"[a](b)",
        b"{\"content\":\"",
        b"\"}",
        b"[",
        b"Word ",
        b"Italy. ",
        b"GCAP ",
        b"\xc3\x97\n",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn never_panics_and_anchors_stay_in_their_blocks(bytes in briefing_bytes()) {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let Ok((docs, _)) = documents_from_bytes(Path::new("x"), &bytes, format) else {
                continue;
            };
            for d in &docs {
                for t in &d.takeaways {
                    let block = d.blocks.get(t.anchor.block);
                    prop_assert!(block.is_some(), "anchor block out of range");
                    let text = &block.unwrap().text;
                    prop_assert!(t.anchor.range.start <= t.anchor.range.end);
                    prop_assert!(t.anchor.range.end <= text.len());
                    prop_assert!(text.is_char_boundary(t.anchor.range.start));
                    prop_assert!(text.is_char_boundary(t.anchor.range.end));
                    prop_assert_eq!(&text[t.anchor.range.clone()], t.text.as_str());
                }
                let all = format!("{}{:?}", d.title, d.blocks);
                let clean = !all.contains('\u{1b}') && !all.contains('\u{9b}');
                prop_assert!(clean, "escape left in output");
            }
        }
    }
}
