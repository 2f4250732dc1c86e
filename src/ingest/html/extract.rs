//! Finding the article in a page, readability-style: measure every element's text and link
//! text, mark the page's chrome (navigation, forms, share and subscribe widgets, cookie
//! banners, related-article lists), score paragraphs into their ancestors, and keep the best
//! container with the siblings that belong to it. Every pass is linear and none recurses.

use super::dom::{Data, Dom, Id, is_never_text};

/// Per-node measures of a page, indexed by node id.
pub struct Page<'a> {
    pub dom: &'a Dom,
    /// Visible characters under the node (scripts, styles and other non-text excluded).
    pub text: Vec<u32>,
    /// Of those, characters inside links.
    pub link: Vec<u32>,
    /// Characters of long, mostly unlinked paragraphs under the node: the article's kind of text.
    prose: Vec<u32>,
    /// Commas under the node: clauses, a sign of prose.
    commas: Vec<u32>,
    /// Chrome: left out of the article, with everything under it.
    pub junk: Vec<bool>,
    /// Nodes in document order (non-text subtrees left out).
    order: Vec<Id>,
}

/// Tags that are page chrome wherever they appear.
fn is_chrome_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "form" | "footer" | "figure" | "figcaption" | "dialog" | "menu" | "picture"
    )
}

/// Words in a class or id that mark chrome when they appear anywhere in it.
const JUNK_PARTS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "cookie",
    "subscri",
    "newsletter",
    "promo",
    "sponsor",
    "advert",
    "sidebar",
    "breadcrumb",
    "popup",
    "consent",
    "gdpr",
    "related",
    "recommend",
    "outbrain",
    "taboola",
    "signup",
    "pagination",
    "pager",
    "most-read",
    "mostread",
    "trending",
    "caption",
    "byline",
];

/// Words that mark chrome only as whole words of a class or id (`ad-slot`, not `read`).
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "comments",
    "comment",
    "tags",
    "widget",
    "banner",
    "masthead",
    "toolbar",
    "skip",
    "hidden",
    "modal",
    "overlay",
    "login",
    "more",
    "print",
    "tools",
    "rail",
    "teaser",
    "teasers",
    "credit",
    "credits",
];

/// Words of a class or id that mark readers' comments, chrome however long they run.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "disqus", "replies", "discussion"];

/// Words of a class or id that suggest the article itself.
const GOOD_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "text",
    "story",
    "prose",
    "blog",
    "articlebody",
    "richtext",
];

/// Labels of a takeaways box, which survives even as an `aside`.
const TAKEAWAY_LABELS: &[&str] = &[
    "key takeaways",
    "takeaways",
    "key points",
    "punti chiave",
    "in sintesi",
    "in breve",
    "at a glance",
    "in brief",
];

impl<'a> Page<'a> {
    pub fn new(dom: &'a Dom) -> Page<'a> {
        let n = dom.nodes.len();
        let mut order = Vec::with_capacity(n);
        dom.descendants(
            0,
            |id| dom.tag(id).is_some_and(is_never_text),
            |id| order.push(id),
        );
        let mut text = vec![0u32; n];
        let mut link = vec![0u32; n];
        let mut commas = vec![0u32; n];
        let mut prose = vec![0u32; n];
        for &id in order.iter().rev() {
            if let Data::Text(t) = &dom.nodes[id].data {
                (text[id], commas[id]) = visible_chars(t);
            }
            match dom.tag(id) {
                Some("a") => link[id] = text[id],
                Some("p") if text[id].saturating_sub(link[id]) >= 80 && link[id] * 4 < text[id] => {
                    prose[id] = text[id]
                }
                _ => {}
            }
            if let Some(p) = dom.parent(id) {
                text[p] = text[p].saturating_add(text[id]);
                link[p] = link[p].saturating_add(link[id]);
                commas[p] = commas[p].saturating_add(commas[id]);
                prose[p] = prose[p].saturating_add(prose[id]);
            }
        }
        let mut page = Page {
            dom,
            text,
            link,
            commas,
            prose,
            junk: vec![false; n],
            order,
        };
        page.mark_junk();
        page
    }

    fn link_density(&self, id: Id) -> f32 {
        self.link[id] as f32 / self.text[id].max(1) as f32
    }

    /// Marks chrome top-down, so a node under chrome is chrome too.
    fn mark_junk(&mut self) {
        let dom = self.dom;
        let mut in_article = vec![false; self.junk.len()];
        for i in 0..self.order.len() {
            let id = self.order[i];
            let parent = dom.parent(id);
            let inherited = parent.is_some_and(|p| self.junk[p]);
            in_article[id] = parent.is_some_and(|p| in_article[p])
                || matches!(dom.tag(id), Some("article" | "main"));
            if inherited {
                self.junk[id] = true;
                continue;
            }
            let Some(tag) = dom.tag(id) else { continue };
            if matches!(tag, "html" | "body" | "article" | "main") {
                continue;
            }
            let junk = if is_chrome_tag(tag) || is_hidden(dom, id) {
                true
            } else if tag == "aside" {
                !starts_with_takeaway_label(&dom.text_prefix(id, 40))
            } else if tag == "header" {
                !in_article[id] || self.link_density(id) > 0.5
            } else if matches!(tag, "ul" | "ol") {
                // Lists of links: related articles, tag clouds, menus.
                self.link_density(id) > 0.6
            } else {
                // A chrome-named wrapper holding the article's paragraphs is a layout box
                // (`layout-with-rail`), not chrome; weak names yield sooner than strong ones.
                let prose = self.prose[id];
                match chrome_name(dom, id) {
                    Chrome::Comments => true,
                    Chrome::Strong => prose < 1000 || self.link_density(id) > 0.5,
                    Chrome::Weak => prose < 400,
                    Chrome::No => false,
                }
            };
            self.junk[id] = junk;
        }
    }

    /// Content score of every element, from the paragraphs under it.
    fn scores(&self) -> Vec<f32> {
        let dom = self.dom;
        let mut score = vec![0f32; self.junk.len()];
        let mut seeded = vec![false; self.junk.len()];
        for &id in &self.order {
            if self.junk[id] {
                continue;
            }
            let Some(tag) = dom.tag(id) else { continue };
            let is_para = match tag {
                "p" | "pre" | "blockquote" => true,
                "div" | "td" | "section" => !has_block_child(dom, id),
                _ => false,
            };
            let len = self.text[id].saturating_sub(self.link[id]);
            if !is_para || len < 25 {
                continue;
            }
            let s = 1.0 + self.commas[id] as f32 + (len as f32 / 100.0).min(3.0);
            let mut anc = dom.parent(id);
            for level in 0..3 {
                let Some(a) = anc else { break };
                if dom.tag(a).is_none() {
                    break;
                }
                if !seeded[a] {
                    seeded[a] = true;
                    score[a] += self.initial_score(a);
                }
                score[a] += s / [1.0, 2.0, 6.0][level];
                anc = dom.parent(a);
            }
        }
        for (id, s) in score.iter_mut().enumerate() {
            if seeded[id] {
                *s *= 1.0 - self.link_density(id);
            }
        }
        score
    }

    fn initial_score(&self, id: Id) -> f32 {
        let dom = self.dom;
        let by_tag = match dom.tag(id) {
            Some("div" | "article" | "main") => 5.0,
            Some("pre" | "td" | "blockquote") => 3.0,
            Some("ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" | "address") => -3.0,
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
            _ => 0.0,
        };
        let mut weight = 0.0;
        if dom
            .attr(id, "itemprop")
            .is_some_and(|v| v.contains("articleBody"))
        {
            weight += 50.0;
        }
        for attr in ["class", "id"] {
            let Some(v) = dom.attr(id, attr) else {
                continue;
            };
            if words(v).any(|w| GOOD_WORDS.iter().any(|g| w.eq_ignore_ascii_case(g))) {
                weight += 25.0;
            }
        }
        by_tag + weight
    }

    /// The nodes that make up the article: the best-scored container, or the siblings that
    /// share its parent and look like part of it. `None` when nothing scores (a page of links).
    pub fn article(&self) -> Option<Vec<Id>> {
        let dom = self.dom;
        let score = self.scores();
        let top = (0..score.len())
            .filter(|&id| score[id] > 0.0)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))?;
        let threshold = (score[top] * 0.2).max(10.0);
        let mut out = self.with_siblings(top, threshold, &score);
        // Articles cut into chunks (between ads) repeat their container's class: take them all.
        if let Some(class) = dom.attr(top, "class") {
            for &id in &self.order {
                if score[id] >= threshold
                    && !self.junk[id]
                    && dom.tag(id) == dom.tag(top)
                    && dom.attr(id, "class") == Some(class)
                    && !out
                        .iter()
                        .any(|&o| self.contains(o, id) || self.contains(id, o))
                {
                    out.push(id);
                }
            }
        }
        if out.len() > 1 {
            let mut pos = vec![usize::MAX; self.junk.len()];
            for (i, &id) in self.order.iter().enumerate() {
                pos[id] = i;
            }
            out.sort_by_key(|&id| pos[id]);
        }
        Some(out)
    }

    /// True when `outer` is `inner` or one of its ancestors.
    fn contains(&self, outer: Id, inner: Id) -> bool {
        let mut id = Some(inner);
        while let Some(i) = id {
            if i == outer {
                return true;
            }
            id = self.dom.parent(i);
        }
        false
    }

    /// `top` and the siblings that look like part of the same article.
    fn with_siblings(&self, top: Id, threshold: f32, score: &[f32]) -> Vec<Id> {
        let dom = self.dom;
        let Some(parent) = dom.parent(top).filter(|&p| dom.tag(p).is_some()) else {
            return vec![top];
        };
        let mut out = Vec::new();
        for sib in dom.children(parent) {
            if sib == top {
                out.push(sib);
                continue;
            }
            if self.junk[sib] {
                continue;
            }
            let len = self.text[sib];
            let keep = score[sib] >= threshold
                || (dom.tag(sib) == Some("p")
                    && self.link_density(sib) < 0.25
                    && (len > 80 || (len > 0 && ends_sentence(&dom.text(sib)))));
            if keep {
                out.push(sib);
            }
        }
        out
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '。', '”', '"'])
}

/// Characters as a reader sees them: runs of white space count once, and a CJK character
/// (which carries about a word) counts twice, so thresholds hold across scripts. And commas.
fn visible_chars(t: &str) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut space = true;
    for c in t.chars() {
        if c.is_ascii() {
            let ws = c.is_ascii_whitespace();
            if !(ws && space) {
                n += 1;
            }
            commas += u32::from(c == ',');
            space = ws;
            continue;
        }
        commas += u32::from(matches!(c, '，' | '、' | '،'));
        let ws = c.is_whitespace();
        if !(ws && space) {
            n += if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c)
            {
                2
            } else {
                1
            };
        }
        space = ws;
    }
    (n, commas)
}

fn has_block_child(dom: &Dom, id: Id) -> bool {
    dom.children(id).any(|c| {
        matches!(
            dom.tag(c),
            Some(
                "p" | "div"
                    | "section"
                    | "article"
                    | "ul"
                    | "ol"
                    | "table"
                    | "blockquote"
                    | "pre"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "figure"
                    | "header"
                    | "footer"
            )
        )
    })
}

fn words(v: &str) -> impl Iterator<Item = &str> {
    v.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

enum Chrome {
    /// Readers' comments.
    Comments,
    /// A role, or a class or id part (`share`, `cookie`, `related`) that is chrome anywhere.
    Strong,
    /// A class or id word (`rail`, `menu`, `ad`) not outweighed by an article word.
    Weak,
    No,
}

/// Whether a class, id or role names chrome.
fn chrome_name(dom: &Dom, id: Id) -> Chrome {
    if let Some(role) = dom.attr(id, "role")
        && matches!(
            role,
            "navigation" | "banner" | "complementary" | "contentinfo" | "dialog" | "alert" | "menu"
        )
    {
        return Chrome::Strong;
    }
    let (mut weak, mut good) = (false, false);
    for attr in ["class", "id"] {
        let Some(v) = dom.attr(id, attr) else {
            continue;
        };
        let lower = v.to_ascii_lowercase();
        if JUNK_PARTS.iter().any(|p| lower.contains(p)) {
            return Chrome::Strong;
        }
        if words(&lower).any(|w| COMMENT_WORDS.contains(&w)) {
            return Chrome::Comments;
        }
        weak |= words(&lower).any(|w| JUNK_WORDS.contains(&w));
        good |= words(&lower).any(|w| GOOD_WORDS.contains(&w));
    }
    if weak && !good {
        Chrome::Weak
    } else {
        Chrome::No
    }
}

fn is_hidden(dom: &Dom, id: Id) -> bool {
    dom.attr(id, "hidden").is_some()
        || dom.attr(id, "aria-hidden") == Some("true")
        || dom.attr(id, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

pub fn starts_with_takeaway_label(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
    TAKEAWAY_LABELS.iter().any(|l| head.starts_with(l))
}

#[cfg(test)]
mod tests {
    use super::super::dom::parse;
    use super::*;

    fn article_text(html: &str) -> String {
        let dom = parse(html);
        let page = Page::new(&dom);
        page.article()
            .unwrap()
            .iter()
            .map(|&id| dom.text(id))
            .collect::<Vec<_>>()
            .join("|")
    }

    const PARA: &str =
        "A sentence of the article, long enough to count, with commas, clauses, and more words.";

    #[test]
    fn the_article_wins_over_navigation_and_sidebars() {
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/w>World, politics, sport</a></nav>\
             <div class=sidebar><p>{PARA} sidebar</p></div>\
             <div class=story><p>{PARA} one</p><p>{PARA} two</p><p>{PARA} three</p></div>\
             <ul class=links><li><a href=/a>Related story, with commas, many of them</a></li></ul></body>"
        );
        let text = article_text(&html);
        assert!(text.contains("one") && text.contains("three"), "{text}");
        assert!(
            !text.contains("sidebar") && !text.contains("Home"),
            "{text}"
        );
    }

    #[test]
    fn chrome_is_marked_by_tag_class_role_and_hidden() {
        let dom = parse(
            "<body><div class='share-tools'>Share</div><div role=navigation>Go</div>\
             <div hidden>x</div><div style='display: none'>y</div><aside>Also read</aside>\
             <aside><h3>Key takeaways</h3><ul><li>One</li></ul></aside>\
             <div class=article-body><p>Text of the article that is long enough.</p></div></body>",
        );
        let page = Page::new(&dom);
        let junk: Vec<String> = (0..dom.nodes.len())
            .filter(|&id| page.junk[id] && dom.tag(id).is_some())
            .filter(|&id| dom.parent(id).is_some_and(|p| !page.junk[p]))
            .map(|id| dom.text(id))
            .collect();
        assert_eq!(junk, ["Share", "Go", "x", "y", "Also read"]);
    }
}
