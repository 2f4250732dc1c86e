//! Writes a deterministic corpus of realistic briefings for benchmarks and load tests.
//!
//! `cargo run --release --example gen_corpus -- --docs 10000 --seed 1 --out DIR [--big N] [--html N]`
//!
//! English and Italian; `.txt`, `.md` and some `.json`; 1–20 KB each, with `--big` documents of
//! 1–5 MB and `--html` saved web pages of about 100 KB (article inside realistic chrome); explicit takeaway blocks in about half; entities and themes drawn from a shared pool
//! so that links exist across documents and languages. The same seed always gives the same bytes.

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

/// One briefing of about `target` bytes, in the format its extension implies.
fn document(rng: &mut Rng, l: &Lang, ext: &str, target: usize) -> String {
    let title = {
        let s = sentence(rng, l);
        s.trim_end_matches('.').to_string()
    };
    let author = rng.pick(vocab::NAMES);
    let date = format!(
        "{} {} {}",
        1 + rng.below(28),
        rng.pick(l.months),
        2024 + rng.below(3)
    );
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
    match ext {
        "json" => {
            let mut content = paras.join("\n\n");
            if !takeaways.is_empty() {
                content.push_str(&format!("\n\n{}\n", l.label));
                for t in &takeaways {
                    content.push_str(&format!("- {t}\n"));
                }
            }
            if let Some(b) = &bottom {
                content.push_str(&format!("\n\n{b}"));
            }
            let content = content.replace("## ", "");
            format!(
                "{{\"title\": {}, \"author\": {}, \"date\": {}, \"content\": {}}}\n",
                json_str(&title),
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
                for t in &takeaways {
                    // Scraped text keeps the marker alone on its line, as real pages do.
                    if md || rng.chance(50) {
                        let _ = writeln!(out, "- {t}");
                    } else {
                        let _ = writeln!(out, "-\n{t}");
                    }
                }
                out.push('\n');
            }
            for p in &paras {
                let p = if md { p.clone() } else { p.replace("## ", "") };
                let _ = writeln!(out, "{p}\n");
            }
            if let Some(b) = &bottom {
                let _ = writeln!(out, "{b}");
            }
            out
        }
    }
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
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        docs: 1000,
        seed: 1,
        out: PathBuf::new(),
        big: 0,
        html: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--docs" => args.docs = value.parse().map_err(|_| "--docs takes a number")?,
            "--seed" => args.seed = value.parse().map_err(|_| "--seed takes a number")?,
            "--big" => args.big = value.parse().map_err(|_| "--big takes a number")?,
            "--html" => args.html = value.parse().map_err(|_| "--html takes a number")?,
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
                "gen_corpus: {e}\nusage: gen_corpus --docs N --seed S --out DIR [--big N] [--html N]"
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
            1_000 + rng.below(19_000)
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
        let text = html_page::page(args.seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        let dir = args.out.join(format!("html{:03}", i / 500));
        let path = dir.join(format!("{i:06}.html"));
        if let Err(e) = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &text)) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += text.len();
    }
    eprintln!(
        "gen_corpus: wrote {} documents, {:.1} MB, to {}",
        args.docs + args.html,
        bytes as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
