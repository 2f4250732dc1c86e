//! A flat DOM that html5ever builds: nodes in one `Vec`, linked by index, so no walk over it
//! recurses and dropping it is one deallocation however deep the page nests.
//!
//! html5ever's tree builder keeps its own stack of open elements and scans it for scope checks
//! on every start tag, which makes absurd nesting quadratic; [`parse`] therefore caps nesting
//! before the tree builder sees it (see [`MAX_OPEN`]).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, local_name, ns};

/// Index of a node in [`Dom::nodes`]; the document is 0.
pub type Id = usize;
const NONE: Id = usize::MAX;

/// Start tags beyond this many unclosed ones are dropped before parsing (their text stays).
/// Real pages nest a few dozen deep; browsers cap their trees at a few hundred.
const MAX_OPEN: usize = 400;

#[derive(Debug)]
pub enum Data {
    Document,
    Element {
        name: LocalName,
        html: bool,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions, template contents: never text.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: Id,
    pub first_child: Id,
    pub last_child: Id,
    pub next: Id,
    pub prev: Id,
    pub data: Data,
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// The element's local name, if `id` is an HTML element.
    pub fn tag(&self, id: Id) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, html, .. } if *html => Some(name),
            Data::Element { .. } => Some("foreign"),
            _ => None,
        }
    }

    pub fn attr(&self, id: Id, name: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    pub fn children(&self, id: Id) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id].first_child,
        }
    }

    pub fn next_sibling(&self, id: Id) -> Option<Id> {
        let n = self.nodes[id].next;
        (n != NONE).then_some(n)
    }

    pub fn parent(&self, id: Id) -> Option<Id> {
        let p = self.nodes[id].parent;
        (p != NONE).then_some(p)
    }

    /// Every node under `root` (itself included) in document order, without recursion;
    /// `skip` prunes a subtree.
    pub fn descendants(&self, root: Id, mut skip: impl FnMut(Id) -> bool, mut f: impl FnMut(Id)) {
        let mut id = root;
        loop {
            let pruned = skip(id);
            if !pruned {
                f(id);
            }
            let first = self.nodes[id].first_child;
            if !pruned && first != NONE {
                id = first;
                continue;
            }
            loop {
                if id == root {
                    return;
                }
                let next = self.nodes[id].next;
                if next != NONE {
                    id = next;
                    break;
                }
                id = self.nodes[id].parent;
                if id == NONE {
                    return;
                }
            }
        }
    }

    /// Walks the subtree of `root` in document order without recursion, calling `visit(id,
    /// true)` on the way down and `visit(id, false)` on the way up; returning false on the way
    /// down prunes the subtree (and skips its way up).
    pub fn walk(&self, root: Id, mut visit: impl FnMut(Id, bool) -> bool) {
        let mut id = root;
        loop {
            let first = self.nodes[id].first_child;
            if visit(id, true) {
                if first != NONE {
                    id = first;
                    continue;
                }
                visit(id, false);
            }
            loop {
                if id == root {
                    return;
                }
                let next = self.nodes[id].next;
                if next != NONE {
                    id = next;
                    break;
                }
                id = self.nodes[id].parent;
                if id == NONE {
                    return;
                }
                visit(id, false);
            }
        }
    }

    /// The first `max` or so characters of [`Dom::text`], without walking further.
    pub fn text_prefix(&self, root: Id, max: usize) -> String {
        let mut out = String::new();
        self.walk(root, |id, down| {
            if !down {
                return true;
            }
            if out.trim().len() >= max || self.tag(id).is_some_and(is_never_text) {
                return false;
            }
            if let Data::Text(t) = &self.nodes[id].data {
                out.push_str(t);
            }
            true
        });
        out
    }

    /// The text under `root`, scripts, styles and other non-text pruned.
    pub fn text(&self, root: Id) -> String {
        let mut out = String::new();
        self.descendants(
            root,
            |id| self.tag(id).is_some_and(is_never_text),
            |id| {
                if let Data::Text(t) = &self.nodes[id].data {
                    out.push_str(t);
                }
            },
        );
        out
    }
}

/// Elements whose content is never the page's text.
pub fn is_never_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "foreign"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "textarea"
            | "button"
            | "input"
            | "head"
            | "title"
    )
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: Id,
}

impl Iterator for Children<'_> {
    type Item = Id;
    fn next(&mut self) -> Option<Id> {
        (self.next != NONE).then(|| {
            let id = self.next;
            self.next = self.dom.nodes[id].next;
            id
        })
    }
}

/// Parses a whole page (or a fragment: html5ever supplies the missing `html` and `body`).
pub fn parse(html: &str) -> Dom {
    let html = open_unclosed_title(cap_nesting(html));
    // About one node per 30 bytes of markup on real pages.
    let mut nodes = Vec::with_capacity(html.len() / 30 + 16);
    nodes.push(Node::new(Data::Document));
    let sink = Sink {
        nodes: RefCell::new(nodes),
        quirks: Cell::new(QuirksMode::NoQuirks),
    };
    html5ever::parse_document(sink, Default::default()).one(&*html)
}

/// An unclosed `<title>` makes the rest of the page its text (as browsers do); renamed, its
/// content is parsed as markup again and the page keeps its body.
fn open_unclosed_title(html: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    match find_ascii_ci(bytes, b"<title") {
        Some(at) if find_ascii_ci(&bytes[at..], b"</title").is_none() => {
            Cow::Owned(format!("{}<x-title{}", &html[..at], &html[at + 6..]))
        }
        _ => html,
    }
}

/// Drops start tags past [`MAX_OPEN`] unclosed ones, by a cheap count of `<name` against
/// `</`: a rough count (void elements and implied ends inflate it), which is why the cap is
/// far above what real pages need. Text is kept; only the excess tags go.
fn cap_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        i = at + 1;
        if next == b'/' {
            open = open.saturating_sub(1);
        } else if next == b'!' {
            // Comments and doctypes: their `<` are not tags.
            if html[at..].starts_with("<!--") {
                i = memchr::memmem::find(&bytes[at..], b"-->").map_or(bytes.len(), |p| at + p + 3);
            }
        } else if next.is_ascii_alphabetic() {
            let name_end = bytes[at + 1..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |p| at + 1 + p);
            let name = &html[at + 1..name_end];
            if is_void(name) {
                continue;
            }
            if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                // Raw text: skip to its end tag, whatever `<` it holds.
                let close = if name.len() == 6 {
                    &b"</script"[..]
                } else {
                    &b"</style"[..]
                };
                i = find_ascii_ci(&bytes[name_end..], close).map_or(bytes.len(), |p| name_end + p);
                continue;
            }
            open += 1;
            if open > MAX_OPEN {
                let Some(end) = memchr::memchr(b'>', &bytes[at..]).map(|p| at + p + 1) else {
                    break;
                };
                let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
                buf.push_str(&html[copied..at]);
                buf.push(' ');
                copied = end;
                i = end;
                open -= 1;
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
    }
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while let Some(p) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[i..]) {
        let at = i + p;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn is_void(name: &str) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "td", "tr", "th", "dt", "dd", "option",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            prev: NONE,
            data,
        }
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    quirks: Cell<QuirksMode>,
}

/// An element's name as the tree builder asks for it (owned: the arena is behind a `RefCell`).
#[derive(Debug)]
pub struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Sink {
    fn push(&self, data: Data) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], id: Id) {
        let (parent, prev, next) = (nodes[id].parent, nodes[id].prev, nodes[id].next);
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first_child = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last_child = prev;
        }
        nodes[id].parent = NONE;
        nodes[id].prev = NONE;
        nodes[id].next = NONE;
    }

    /// Inserts `child` under `parent`, before `before` (or last when `NONE`), merging text into
    /// an adjacent text node.
    fn insert(&self, parent: Id, before: Id, child: NodeOrText<Id>) {
        let mut nodes = self.nodes.borrow_mut();
        let prev = if before == NONE {
            nodes[parent].last_child
        } else {
            nodes[before].prev
        };
        let id = match child {
            NodeOrText::AppendText(text) => {
                if prev != NONE
                    && let Data::Text(t) = &mut nodes[prev].data
                {
                    t.push_tendril(&text);
                    return;
                }
                nodes.push(Node::new(Data::Text(text)));
                nodes.len() - 1
            }
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                id
            }
        };
        // Re-read: detaching may have changed the neighbours.
        let prev = if before == NONE {
            nodes[parent].last_child
        } else {
            nodes[before].prev
        };
        nodes[id].parent = parent;
        nodes[id].prev = prev;
        nodes[id].next = before;
        if prev != NONE {
            nodes[prev].next = id;
        } else {
            nodes[parent].first_child = id;
        }
        if before != NONE {
            nodes[before].prev = id;
        } else {
            nodes[parent].last_child = id;
        }
    }
}

impl TreeSink for Sink {
    type Handle = Id;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Id {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a Id) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element { name, html, .. } => Name(QualName::new(
                None,
                if *html { ns!(html) } else { ns!(svg) },
                name.clone(),
            )),
            _ => Name(QualName::new(None, ns!(html), local_name!(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Id {
        self.push(Data::Element {
            html: name.ns == ns!(html),
            name: name.local,
            attrs,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Id {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.push(Data::Other)
    }

    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        self.insert(*parent, NONE, child);
    }

    fn append_based_on_parent_node(&self, element: &Id, prev: &Id, child: NodeOrText<Id>) {
        if self.nodes.borrow()[*element].parent != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, _target: &Id) -> Id {
        // Template contents are never text: a detached node swallows them.
        self.push(Data::Other)
    }

    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }

    fn append_before_sibling(&self, sibling: &Id, new_node: NodeOrText<Id>) {
        let parent = self.nodes.borrow()[*sibling].parent;
        if parent != NONE {
            self.insert(parent, *sibling, new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Id, attrs: Vec<Attribute>) {
        if let Data::Element { attrs: have, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !have.iter().any(|h| h.name == a.name) {
                    have.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Id) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        loop {
            let first = self.nodes.borrow()[*node].first_child;
            if first == NONE {
                break;
            }
            self.insert(*new_parent, NONE, NodeOrText::AppendNode(first));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(dom: &Dom) -> Vec<String> {
        let mut out = Vec::new();
        dom.descendants(
            0,
            |_| false,
            |id| {
                if let Some(t) = dom.tag(id) {
                    out.push(t.to_string());
                }
            },
        );
        out
    }

    #[test]
    fn builds_a_tree_with_implied_elements() {
        let dom = parse("<title>T</title><p>One<p>Two <b>bold</b>");
        assert_eq!(tags(&dom), ["html", "head", "title", "body", "p", "p", "b"]);
        assert_eq!(dom.text(0), "OneTwo bold");
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let dom = parse("<p><b>a<i>b</b>c</i>d</p>");
        assert_eq!(dom.text(0), "abcd");
    }

    #[test]
    fn nesting_is_capped_before_the_tree_builder() {
        let html = format!("{}deep{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let capped = cap_nesting(&html);
        assert_eq!(capped.matches("<div>").count(), MAX_OPEN);
        let dom = parse(&html);
        assert!(dom.text(0).contains("deep"));
    }

    #[test]
    fn an_unclosed_title_does_not_swallow_the_page() {
        let dom = parse("<title>T<body><p>Body text");
        assert_eq!(dom.text(0), "TBody text");
    }

    #[test]
    fn scripts_and_styles_are_not_text() {
        let dom = parse("<style>p{}</style><script>var a='<p>x</p>';</script><p>y</p>");
        assert_eq!(dom.text(0), "y");
    }
}
