//! Elements to raw blocks: headings, paragraphs, list items and block quotes, in document
//! order; inline markup flattened, `<br>` a line break, chrome and non-text left out.

use super::dom::{Data, Dom, Id, is_never_text};
use crate::ingest::inline::fold_whitespace;
use crate::ingest::raw::{RawBlock, RawKind};
use crate::ingest::sanitize::sanitize;

/// Elements that start and end a block of their own.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
    )
}

fn kind_of(tag: &str) -> Option<RawKind> {
    Some(match tag {
        "h1" => RawKind::Heading(1),
        "h2" => RawKind::Heading(2),
        "h3" => RawKind::Heading(3),
        "h4" => RawKind::Heading(4),
        "h5" => RawKind::Heading(5),
        "h6" => RawKind::Heading(6),
        "li" | "dd" => RawKind::Bullet,
        "blockquote" => RawKind::Quote,
        _ => return None,
    })
}

/// Collects blocks from one or more subtrees.
pub struct Blocks<'a> {
    dom: &'a Dom,
    out: Vec<RawBlock>,
    buf: String,
    /// Kinds of the open block elements that give one (heading, item, quote).
    kinds: Vec<RawKind>,
}

impl<'a> Blocks<'a> {
    pub fn new(dom: &'a Dom) -> Blocks<'a> {
        Blocks {
            dom,
            out: Vec::new(),
            buf: String::new(),
            kinds: Vec::new(),
        }
    }

    /// Adds the blocks under `root`, leaving out subtrees `skip` names.
    pub fn add(&mut self, root: Id, skip: impl Fn(Id) -> bool) {
        let dom = self.dom;
        dom.walk(root, |id, down| {
            if !down {
                if let Some(tag) = dom.tag(id)
                    && is_block(tag)
                {
                    self.flush();
                    if kind_of(tag).is_some() {
                        self.kinds.pop();
                    }
                }
                return true;
            }
            if skip(id) {
                return false;
            }
            match &dom.nodes[id].data {
                Data::Text(t) => {
                    self.buf.push_str(t);
                    true
                }
                Data::Element { .. } => {
                    let tag = dom.tag(id).unwrap_or("");
                    if is_never_text(tag) {
                        return false;
                    }
                    if tag == "br" {
                        self.buf.push('\n');
                    } else if is_block(tag) {
                        self.flush();
                        if let Some(k) = kind_of(tag) {
                            self.kinds.push(k);
                        }
                    } else if tag == "img" {
                        self.buf.push(' ');
                    }
                    true
                }
                Data::Document => true,
                Data::Other => false,
            }
        });
        self.flush();
    }

    fn flush(&mut self) {
        if self.buf.trim().is_empty() {
            self.buf.clear();
            return;
        }
        let kind = self.kinds.last().cloned().unwrap_or(RawKind::Paragraph);
        // Entities decoded since the file was cleaned (`&#27;`) can spell control characters.
        let text = sanitize(&self.buf).into_owned();
        self.buf.clear();
        match kind {
            // A `<br>` inside a paragraph or quote separates what are paragraphs in print.
            RawKind::Paragraph | RawKind::Quote => {
                for line in text.split('\n') {
                    self.push(kind.clone(), line);
                }
            }
            _ => self.push(kind, &text),
        }
    }

    fn push(&mut self, kind: RawKind, text: &str) {
        let text = fold_whitespace(text);
        if text.chars().any(char::is_alphanumeric) {
            self.out.push(RawBlock { kind, text });
        }
    }

    pub fn finish(mut self) -> Vec<RawBlock> {
        self.flush();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::super::dom::parse;
    use super::*;

    fn blocks(html: &str) -> Vec<(RawKind, String)> {
        let dom = parse(html);
        let mut b = Blocks::new(&dom);
        b.add(0, |_| false);
        b.finish().into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn block_elements_become_blocks_of_their_kind() {
        use RawKind::*;
        assert_eq!(
            blocks(
                "<h2>Key <em>takeaways</em></h2><ul><li>One <b>bold</b> point</li><li>Two</li></ul>\
                 <p>Para &amp; <a href=x>link</a>.<br>Second line</p><blockquote><p>Quoted</p></blockquote>\
                 <div>Loose text<p>inner</p>tail</div>"
            ),
            [
                (Heading(2), "Key takeaways".into()),
                (Bullet, "One bold point".into()),
                (Bullet, "Two".into()),
                (Paragraph, "Para & link.".into()),
                (Paragraph, "Second line".into()),
                (Quote, "Quoted".into()),
                (Paragraph, "Loose text".into()),
                (Paragraph, "inner".into()),
                (Paragraph, "tail".into()),
            ]
        );
    }

    #[test]
    fn entities_for_control_characters_are_cleaned_after_decoding() {
        let b = blocks("<p>a&#27;[31mred&#x9b;2J b&#7;</p><h1>&#x1b;]0;title&#x07;</h1>");
        for (_, text) in &b {
            assert!(!text.chars().any(char::is_control), "{text:?}");
            assert!(!text.contains('\u{9b}'), "{text:?}");
        }
        assert!(b[0].1.contains("red"));
    }

    #[test]
    fn scripts_styles_and_comments_never_become_text() {
        let b = blocks(
            "<style>.a{content:'\\1b[31m'}</style><script>document.write('<p>x</p>\\u001b')</script>\
             <!-- <p>comment</p> --><noscript><p>enable js</p></noscript><p>real</p>",
        );
        assert_eq!(b, [(RawKind::Paragraph, "real".into())]);
    }
}
