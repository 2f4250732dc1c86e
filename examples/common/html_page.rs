//! Generated saved news pages of about 100 KB (or of a size given): a ~5 KB article
//! (paragraphs, a heading, a takeaways box, a quote) inside realistic chrome (head with meta,
//! JSON-LD, a stylesheet and scripts; navigation; share widgets; a sidebar; related links; a
//! footer), padded with more of the same chrome. Shared by the web-page bench and
//! `gen_corpus --html N [--html-kb K]`.

pub const PAGE_BYTES: usize = 100 * 1024;

const WORDS: &[&str] = &[
    "minister",
    "partnership",
    "Rome",
    "Tokyo",
    "industrial",
    "cooperation",
    "semiconductor",
    "agreement",
    "supply",
    "chain",
    "security",
    "the",
    "of",
    "and",
    "with",
    "a",
    "plan",
    "said",
    "on",
    "Monday",
    "officials",
    "would",
    "fund",
    "research",
    "export",
    "controls",
    "allies",
];

fn sentence(seed: &mut u64, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let w = WORDS[(*seed >> 33) as usize % WORDS.len()];
        if i > 0 {
            s.push(if i % 9 == 0 { ',' } else { ' ' });
            if i % 9 == 0 {
                s.push(' ');
            }
        }
        s.push_str(w);
    }
    s.push('.');
    s
}

/// One generated page; `n` makes it differ from the others.
#[allow(dead_code)] // gen_corpus calls `page_of`
pub fn page(n: u64) -> String {
    page_of(n, PAGE_BYTES)
}

/// A page of about `bytes` (at least the ~11 KB that its article and navigation take): the
/// stylesheet and scripts shrink in proportion to `bytes / PAGE_BYTES`, the article keeps its
/// ~5 KB, and related-link sections pad the rest. `page_of(n, PAGE_BYTES)` is `page(n)`.
#[allow(dead_code)] // the web-page bench calls `page`
pub fn page_of(n: u64, bytes: usize) -> String {
    let mut seed = n + 1;
    let mut p = String::with_capacity(bytes + 4096);
    p.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    p.push_str(&format!(
        "<title>{} | The Gazette</title>",
        sentence(&mut seed, 8)
    ));
    p.push_str("<meta property=\"og:site_name\" content=\"The Gazette\">");
    p.push_str("<meta property=\"article:published_time\" content=\"2026-03-14T08:00:00Z\">");
    p.push_str(&format!(
        "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{}\",\
         \"author\":{{\"name\":\"Jane Doe\"}},\"datePublished\":\"2026-03-14\"}}</script>",
        sentence(&mut seed, 8)
    ));
    p.push_str("<style>");
    for i in 0..120 * bytes / PAGE_BYTES {
        p.push_str(&format!(
            ".c{i}{{margin:0 {i}px;color:#{i:03x};font:12px/1.4 serif}}\n"
        ));
    }
    p.push_str("</style><script>window.dataLayer=[];");
    for i in 0..150 * bytes / PAGE_BYTES {
        p.push_str(&format!(
            "function f{i}(a){{return a<{i}?\"<p>\"+a+\"</p>\":f{i}(a-1);}}\n"
        ));
    }
    p.push_str("</script></head><body class=\"page\">");
    p.push_str("<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>");
    p.push_str("<header class=\"site-header\"><nav><ul>");
    for i in 0..60 {
        p.push_str(&format!("<li><a href=\"/s/{i}\">Section {i}</a></li>"));
    }
    p.push_str("</ul></nav></header><main><article><h1>Headline of the article</h1>");
    p.push_str("<div class=\"share-tools\"><a href=\"#\">Share</a><a href=\"#\">Tweet</a></div>");
    p.push_str("<div class=\"article-body\">");
    let mut article = 0;
    let mut i = 0;
    while article < 5000 {
        let para = sentence(&mut seed, 40);
        article += para.len();
        p.push_str(&format!("<p>{para} <a href=\"/x{i}\">link</a></p>"));
        if i == 3 {
            p.push_str("<aside><h2>Key takeaways</h2><ul>");
            for _ in 0..3 {
                p.push_str(&format!("<li>{}</li>", sentence(&mut seed, 12)));
            }
            p.push_str("</ul></aside><h2>What comes next</h2>");
        }
        if i == 6 {
            p.push_str(&format!(
                "<blockquote><p>{}</p></blockquote>",
                sentence(&mut seed, 15)
            ));
            p.push_str("<div class=\"ad-slot\"><script>ads.push(1)</script></div>");
        }
        i += 1;
    }
    p.push_str("</div></article>");
    while p.len() < bytes.saturating_sub(300) {
        p.push_str("<section class=\"related\"><h2>Related</h2><ul>");
        for j in 0..10 {
            p.push_str(&format!(
                "<li><a href=\"/r/{j}\">{}</a> <span class=\"time\">2 hours ago</span></li>",
                sentence(&mut seed, 9)
            ));
        }
        p.push_str("</ul></section><aside class=\"sidebar\"><h3>Most read</h3><ol>");
        for j in 0..5 {
            p.push_str(&format!(
                "<li><a href=\"/m/{j}\">{}</a></li>",
                sentence(&mut seed, 8)
            ));
        }
        p.push_str("</ol></aside><script>track({page: 1, section: \"world\"});</script>");
    }
    p.push_str("</main><footer><p>© 2026 The Gazette</p></footer></body></html>");
    p
}
