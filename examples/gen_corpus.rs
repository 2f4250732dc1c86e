//! Writes a deterministic corpus of realistic briefings for benchmarks and load tests.
//!
//! `cargo run --release --example gen_corpus -- --docs 10000 --seed 1 --out DIR [--big N] [--html N]
//! [--max-kb K] [--html-kb K] [--feeds N] [--feed-files N]`
//!
//! English and Italian; `.txt`, `.md` and some `.json`; 1–20 KB each, with `--big` documents of
//! 1–5 MB and `--html` saved web pages of about 100 KB (article inside realistic chrome); explicit
//! takeaway blocks in about half; entities and themes drawn from a shared pool so that links
//! exist across documents and languages. The same seed always gives the same bytes, and the
//! options below change nothing unless given:
//!
//! - `--max-kb K`: briefings (and feed entries) of 1 to K KB instead of 1–20 (`--max-kb 7`
//!   averages about 4.6 KB: the "small documents" of the scale bench);
//! - `--html-kb K`: saved web pages of about K KiB instead of 100 (at least 8);
//! - `--feeds N`: N feed entries as the feed store keeps them, under `feeds/FEED NAME/`: one
//!   JSON Feed file of one item each, named by the xxh3 of its id, and a hidden `.feed.json`
//!   per feed (up to 200 entries a feed);
//! - `--feed-files N`: N whole feed files of 20 entries each under `feed-files/`, RSS 2.0 and
//!   Atom in turn.
//!
//! Documents: `--docs` + `--html` + `--feeds` + 20 × `--feed-files`.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "common/html_page.rs"]
mod html_page;
#[path = "common/rng.rs"]
mod rng;
#[path = "common/vocab.rs"]
mod vocab;

use rng::Rng;

struct Lang {
    words: vocab::Words,
    headings: &'static [&'static str],
    label: &'static str,
    bottom: &'static str,
    months: &'static [&'static str],
    by: &'static str,
    places: &'static [&'static str],
}

const EN: Lang = Lang {
    words: vocab::EN,
    headings: &[
        "Industrial cooperation",
        "The security dimension",
        "What comes next",
        "Reactions in parliament",
        "Economic security",
        "The view from Tokyo",
        "Risks ahead",
        "Background",
    ],
    label: "Key Takeaways:",
    bottom: "The bottom line:",
    months: &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    by: "By",
    places: &["ROME", "TOKYO", "BRUSSELS", "WASHINGTON", "SEOUL"],
};

const IT: Lang = Lang {
    words: vocab::IT,
    headings: &[
        "Cooperazione industriale",
        "La dimensione della sicurezza",
        "I prossimi passi",
        "Reazioni in Parlamento",
        "Sicurezza economica",
        "Il punto di vista di Tokyo",
        "I rischi",
        "Il contesto",
    ],
    label: "Punti chiave:",
    bottom: "In sintesi,",
    months: &[
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    by: "Di",
    places: &["ROMA", "TOKYO", "BRUXELLES", "WASHINGTON", "SEUL"],
};

fn sentence(rng: &mut Rng, l: &Lang) -> String {
    let mut s = vocab::clause(rng, &l.words);
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, l: &Lang) -> String {
    let n = 2 + rng.below(4);
    (0..n)
        .map(|_| sentence(rng, l))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one briefing says, drawn before it is written in any format: the draws happen in this
/// order whatever the format, so every format of the same seed reads the same sentences.
struct Draft {
    title: String,
    author: &'static str,
    /// Day 1–28, month 0–11, year.
    day: usize,
    month: usize,
    year: usize,
    /// Paragraphs; a heading is one starting with `## `.
    paras: Vec<String>,
    takeaways: Vec<String>,
    bottom: Option<String>,
}

impl Draft {
    fn date(&self, l: &Lang) -> String {
        format!("{} {} {}", self.day, l.months[self.month], self.year)
    }
}

/// A briefing's content of about `target` bytes.
fn draft(rng: &mut Rng, l: &Lang, target: usize) -> Draft {
    let title = {
        let s = sentence(rng, l);
        s.trim_end_matches('.').to_string()
    };
    let author = rng.pick(vocab::NAMES);
    let day = 1 + rng.below(28);
    let month = rng.below(l.months.len());
    let year = 2024 + rng.below(3);
    let with_takeaways = rng.chance(50);
    let mut body = String::new();
    let mut paras = Vec::new();
    let _ = write!(body, "{} – {}", rng.pick(l.places), paragraph(rng, l));
    paras.push(body.clone());
    let mut size = body.len();
    while size < target {
        if rng.chance(20) {
            paras.push(format!("## {}", rng.pick(l.headings)));
        }
        let p = paragraph(rng, l);
        size += p.len() + 2;
        paras.push(p);
    }
    let takeaways: Vec<String> = if with_takeaways {
        (0..3 + rng.below(3)).map(|_| sentence(rng, l)).collect()
    } else {
        Vec::new()
    };
    let bottom = rng
        .chance(40)
        .then(|| format!("{} {}", l.bottom, sentence(rng, l).to_lowercase()));
    Draft {
        title,
        author,
        day,
        month,
        year,
        paras,
        takeaways,
        bottom,
    }
}

/// One briefing of about `target` bytes, in the format its extension implies.
fn document(rng: &mut Rng, l: &Lang, ext: &str, target: usize) -> String {
    let d = draft(rng, l, target);
    let (title, author, date) = (&d.title, d.author, d.date(l));
    let (paras, takeaways, bottom) = (&d.paras, &d.takeaways, &d.bottom);
    match ext {
        "json" => {
            let mut content = paras.join("\n\n");
            if !takeaways.is_empty() {
                content.push_str(&format!("\n\n{}\n", l.label));
                for t in takeaways {
                    content.push_str(&format!("- {t}\n"));
                }
            }
            if let Some(b) = bottom {
                content.push_str(&format!("\n\n{b}"));
            }
            let content = content.replace("## ", "");
            format!(
                "{{\"title\": {}, \"author\": {}, \"date\": {}, \"content\": {}}}\n",
                json_str(title),
                json_str(author),
                json_str(&date),
                json_str(&content)
            )
        }
        _ => {
            let md = ext == "md";
            let mut out = String::new();
            let _ = writeln!(out, "{}{title}\n", if md { "# " } else { "" });
            let _ = writeln!(out, "{} {author}\n\n{date}\n", l.by);
            if !takeaways.is_empty() {
                let _ = writeln!(out, "{}", l.label);
                for t in takeaways {
                    // Scraped text keeps the marker alone on its line, as real pages do.
                    if md || rng.chance(50) {
                        let _ = writeln!(out, "- {t}");
                    } else {
                        let _ = writeln!(out, "-\n{t}");
                    }
                }
                out.push('\n');
            }
            for p in paras {
                let p = if md { p.clone() } else { p.replace("## ", "") };
                let _ = writeln!(out, "{p}\n");
            }
            if let Some(b) = bottom {
                let _ = writeln!(out, "{b}");
            }
            out
        }
    }
}

/// The names feeds are subscribed by (the store's folder names), with the language each
/// writes in; more feeds than names get a number after the name.
const FEEDS: &[(&str, bool)] = &[
    ("Harbour Policy Weekly", true),
    ("Osservatorio Indo-Pacifico", false),
    ("Supply Chain Monitor", true),
    ("Difesa e Industria", false),
    ("The Tokyo Desk", true),
    ("Notiziario Europeo", false),
    ("Critical Minerals Brief", true),
    ("Sicurezza Economica", false),
];

fn feed_name(f: usize) -> (String, &'static Lang, &'static str) {
    let (name, en) = FEEDS[f % FEEDS.len()];
    let name = match f / FEEDS.len() {
        0 => name.to_string(),
        k => format!("{name} {}", k + 1),
    };
    if en {
        (name, &EN, "en")
    } else {
        (name, &IT, "it")
    }
}

fn slug(name: &str) -> String {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A feed entry's body as a feed carries it: HTML (paragraphs, subheadings, the takeaways as a
/// list under their label) or, for `html = false`, plain text.
fn entry_body(d: &Draft, l: &Lang, html: bool) -> String {
    let mut out = String::new();
    if html {
        if !d.takeaways.is_empty() {
            let _ = write!(out, "<h3>{}</h3>\n<ul>\n", l.label);
            for t in &d.takeaways {
                let _ = writeln!(out, "<li>{}</li>", xml_escaped(t));
            }
            out.push_str("</ul>\n");
        }
        for p in &d.paras {
            match p.strip_prefix("## ") {
                Some(h) => {
                    let _ = writeln!(out, "<h2>{}</h2>", xml_escaped(h));
                }
                None => {
                    let _ = writeln!(out, "<p>{}</p>", xml_escaped(p));
                }
            }
        }
        if let Some(b) = &d.bottom {
            let _ = writeln!(out, "<p>{}</p>", xml_escaped(b));
        }
    } else {
        if !d.takeaways.is_empty() {
            let _ = writeln!(out, "{}", l.label);
            for t in &d.takeaways {
                let _ = writeln!(out, "- {t}");
            }
            out.push('\n');
        }
        for p in &d.paras {
            let _ = write!(out, "{}\n\n", p.trim_start_matches("## "));
        }
        if let Some(b) = &d.bottom {
            let _ = writeln!(out, "{b}");
        }
    }
    out
}

/// Day of the week (0 = Sunday) of a Gregorian date (Sakamoto's method).
fn weekday(year: usize, month: usize, day: usize) -> usize {
    const T: [usize; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    (y + y / 4 - y / 100 + y / 400 + T[month - 1] + day) % 7
}

/// Writes `count` feed entries as the app's feed store keeps them: a folder per feed under
/// `feeds/`, each entry a JSON Feed 1.1 file of one item named by the xxh3 of its id (as
/// `src/feeds/store.rs` names them), and each folder's hidden `.feed.json` fetch state, which
/// the loader passes over. Feeds hold up to 200 entries each, entries dealt out in turn.
fn write_feed_store(
    out: &std::path::Path,
    seed: u64,
    count: usize,
    max_bytes: usize,
) -> Result<usize, String> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9).wrapping_add(0xFEED));
    let feeds = count.div_ceil(200).max(1);
    let mut bytes = 0;
    for f in 0..feeds.min(count) {
        let (name, _, _) = feed_name(f);
        let dir = out.join("feeds").join(&name);
        let state = serde_json::json!({
            "url": format!("https://{}.example.org/feed.xml", slug(&name)),
            "etag": format!("\"{:016x}\"", rng.next()),
            "last_modified": null,
            "last_fetch": 1_767_225_600u64,
            "last_ok": 1_767_225_600u64,
            "last_error": null,
            "retry_after": null,
            "gone": false,
        });
        let state = serde_json::to_vec_pretty(&state).map_err(|e| e.to_string())?;
        write(&dir.join(".feed.json"), &state)?;
    }
    for i in 0..count {
        let f = i % feeds;
        let (name, l, lang) = feed_name(f);
        let site = slug(&name);
        let target = 1_000 + rng.below(max_bytes - 1_000);
        let d = draft(&mut rng, l, target);
        let html = rng.chance(80);
        let id = format!("https://{site}.example.org/{}/{i:06}", d.year);
        let mut item = serde_json::Map::new();
        item.insert("id".into(), serde_json::json!(id));
        item.insert("url".into(), serde_json::json!(id));
        item.insert("title".into(), serde_json::json!(d.title));
        item.insert(
            "date_published".into(),
            serde_json::json!(format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year,
                d.month + 1,
                d.day
            )),
        );
        item.insert("authors".into(), serde_json::json!([{ "name": d.author }]));
        let key = if html { "content_html" } else { "content_text" };
        item.insert(key.into(), serde_json::json!(entry_body(&d, l, html)));
        let file = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": name,
            "language": lang,
            "items": [serde_json::Value::Object(item)],
        });
        let mut text = serde_json::to_vec_pretty(&file).map_err(|e| e.to_string())?;
        text.push(b'\n');
        let hash = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
        write(
            &out.join("feeds")
                .join(&name)
                .join(format!("{hash:016x}.json")),
            &text,
        )?;
        bytes += text.len();
    }
    Ok(bytes)
}

/// Entries in each whole feed file of `--feed-files`.
const FEED_FILE_ENTRIES: usize = 20;

/// Writes `count` whole feed files of `FEED_FILE_ENTRIES` entries each under `feed-files/`, as
/// a reader saves or exports them: RSS 2.0 with `content:encoded` and Atom, in turn.
fn write_feed_files(
    out: &std::path::Path,
    seed: u64,
    count: usize,
    max_bytes: usize,
) -> Result<usize, String> {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9).wrapping_add(0xA70A));
    let mut bytes = 0;
    for n in 0..count {
        let (name, l, lang) = feed_name(n + 3);
        let name = format!("{name} (archive {n})");
        let site = format!("{}.example.org", slug(&name));
        let rss = n % 2 == 0;
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let title = xml_escaped(&name);
        if rss {
            let _ = write!(
                x,
                "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>{title}</title>\n\
                 <link>https://{site}/</link>\n<description>{title}</description>\n\
                 <language>{lang}</language>\n"
            );
        } else {
            let _ = write!(
                x,
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
                 <title>{title}</title>\n<id>https://{site}/</id>\n\
                 <link href=\"https://{site}/\"/>\n<updated>2026-01-01T00:00:00Z</updated>\n"
            );
        }
        for e in 0..FEED_FILE_ENTRIES {
            let target = 1_000 + rng.below(max_bytes - 1_000);
            let d = draft(&mut rng, l, target);
            let url = format!("https://{site}/{}/{e:03}", d.year);
            let body = xml_escaped(&entry_body(&d, l, true));
            let t = xml_escaped(&d.title);
            if rss {
                let _ = write!(
                    x,
                    "<item>\n<title>{t}</title>\n<link>{url}</link>\n<guid>{url}</guid>\n\
                     <dc:creator>{}</dc:creator>\n<pubDate>{}, {:02} {} {} 08:00:00 +0000</pubDate>\n\
                     <content:encoded>{body}</content:encoded>\n</item>\n",
                    xml_escaped(d.author),
                    DAYS[weekday(d.year, d.month + 1, d.day)],
                    d.day,
                    MONTHS[d.month],
                    d.year
                );
            } else {
                let _ = write!(
                    x,
                    "<entry>\n<title>{t}</title>\n<id>{url}</id>\n<link href=\"{url}\"/>\n\
                     <author><name>{}</name></author>\n\
                     <published>{:04}-{:02}-{:02}T08:00:00Z</published>\n\
                     <updated>{:04}-{:02}-{:02}T08:00:00Z</updated>\n\
                     <content type=\"html\">{body}</content>\n</entry>\n",
                    xml_escaped(d.author),
                    d.year,
                    d.month + 1,
                    d.day,
                    d.year,
                    d.month + 1,
                    d.day
                );
            }
        }
        x.push_str(if rss {
            "</channel>\n</rss>\n"
        } else {
            "</feed>\n"
        });
        let ext = if rss { "rss" } else { "atom" };
        write(
            &out.join("feed-files").join(format!("{n:04}.{ext}")),
            x.as_bytes(),
        )?;
        bytes += x.len();
    }
    Ok(bytes)
}

/// Writes a file, creating its folder.
fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(path);
    fs::create_dir_all(dir)
        .and_then(|()| fs::write(path, bytes))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

struct Args {
    docs: usize,
    seed: u64,
    out: PathBuf,
    big: usize,
    html: usize,
    /// Largest ordinary briefing (and feed entry), in bytes: sizes are 1 KB to this.
    max_bytes: usize,
    html_bytes: usize,
    feeds: usize,
    feed_files: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        docs: 1000,
        seed: 1,
        out: PathBuf::new(),
        big: 0,
        html: 0,
        max_bytes: 20_000,
        html_bytes: html_page::PAGE_BYTES,
        feeds: 0,
        feed_files: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--docs" => args.docs = value.parse().map_err(|_| "--docs takes a number")?,
            "--seed" => args.seed = value.parse().map_err(|_| "--seed takes a number")?,
            "--big" => args.big = value.parse().map_err(|_| "--big takes a number")?,
            "--html" => args.html = value.parse().map_err(|_| "--html takes a number")?,
            "--max-kb" => match value.parse::<usize>() {
                Ok(kb) if kb >= 2 => args.max_bytes = kb * 1_000,
                _ => return Err("--max-kb takes a number of KB, at least 2".into()),
            },
            "--html-kb" => match value.parse::<usize>() {
                Ok(kb) if kb >= 8 => args.html_bytes = kb * 1024,
                _ => return Err("--html-kb takes a number of KiB, at least 8".into()),
            },
            "--feeds" => args.feeds = value.parse().map_err(|_| "--feeds takes a number")?,
            "--feed-files" => {
                args.feed_files = value.parse().map_err(|_| "--feed-files takes a number")?;
            }
            "--out" => args.out = PathBuf::from(value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "gen_corpus: {e}\nusage: gen_corpus --docs N --seed S --out DIR [--big N] [--html N] \
                 [--max-kb K] [--html-kb K] [--feeds N] [--feed-files N]"
            );
            return ExitCode::from(2);
        }
    };
    let mut rng = Rng(args.seed);
    let mut bytes = 0usize;
    for i in 0..args.docs {
        let lang = if rng.chance(55) { &EN } else { &IT };
        let ext = match rng.below(10) {
            0 => "json",
            1..=4 => "md",
            _ => "txt",
        };
        let big = i < args.big;
        let target = if big {
            1_000_000 + rng.below(4_000_000)
        } else {
            1_000 + rng.below(args.max_bytes - 1_000)
        };
        let text = document(&mut rng, lang, ext, target);
        // Spread files over folders as real archives are (by month), 500 a folder at most.
        let dir = args.out.join(format!("{:03}", i / 500));
        let path = dir.join(format!("{i:06}.{ext}"));
        if let Err(e) = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &text)) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += text.len();
    }
    // Saved web pages of about 100 KB each, in a folder of their own.
    for i in 0..args.html {
        let text = html_page::page_of(
            args.seed.wrapping_mul(1_000_003).wrapping_add(i as u64),
            args.html_bytes,
        );
        let dir = args.out.join(format!("html{:03}", i / 500));
        let path = dir.join(format!("{i:06}.html"));
        if let Err(e) = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &text)) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += text.len();
    }
    let feeds = write_feed_store(&args.out, args.seed, args.feeds, args.max_bytes).and_then(|b| {
        Ok(b + write_feed_files(&args.out, args.seed, args.feed_files, args.max_bytes)?)
    });
    match feeds {
        Ok(b) => bytes += b,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            return ExitCode::from(1);
        }
    }
    eprintln!(
        "gen_corpus: wrote {} documents, {:.1} MB, to {}",
        args.docs + args.html + args.feeds + args.feed_files * FEED_FILE_ENTRIES,
        bytes as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
