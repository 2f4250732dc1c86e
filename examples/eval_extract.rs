//! How good are extracted takeaways? For every document that has an explicit takeaway list,
//! hide the list (and any bottom line) from the extractor, extract from the rest of the body,
//! and measure ROUGE-1 recall against the hidden list: the share of the list's words (stemmed,
//! stop words removed, clipped counts) that the chosen sentences contain. Lead-3 is the baseline
//! news summarisers must beat; "ours@3" picks exactly three sentences, for a like-for-like
//! comparison with Lead-3, and "ours" the default 3–5. F1 is printed too, since recall alone
//! rewards longer picks.
//!
//!     cargo run --release --example eval_extract -- tests/fixtures/eval seeds

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use briefdeck::analysis::extract::{self, Context};
use briefdeck::analysis::text::{self, Lang};
use briefdeck::library::{self, LoadOptions};
use briefdeck::model::{Anchor, Document, TakeawayKind};

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: eval_extract DIR_OR_FILE...");
        return ExitCode::from(2);
    }
    let corpus = match library::load_paths(&paths, &LoadOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eval_extract: {e}");
            return ExitCode::from(1);
        }
    };
    let systems = ["lead-3", "ours@3", "ours"];
    let mut totals = [0.0f64; 3];
    let mut f1s = [0.0f64; 3];
    let mut words = [0usize; 3];
    let mut n = 0usize;
    let mut by_lang: std::collections::BTreeMap<String, LangSums> = Default::default();
    println!(
        "{:<12} {:<4} {:>4}  {:>7} {:>7} {:>7}  title",
        "doc", "lang", "list", systems[0], systems[1], systems[2]
    );
    for doc in &corpus.documents {
        let explicit: Vec<&str> = doc
            .takeaways
            .iter()
            .filter(|t| t.kind == TakeawayKind::Explicit)
            .map(|t| t.text.as_str())
            .collect();
        if explicit.len() < 2 {
            continue;
        }
        let hidden: Vec<Anchor> = doc.takeaways.iter().map(|t| t.anchor.clone()).collect();
        let ctx = Context {
            title: &doc.title,
            byline: doc.byline.as_deref(),
            lang: &doc.lang,
            taken: &hidden,
            dateline: briefdeck::ingest::dateline_end,
        };
        let picks = [
            extract::lead(&doc.blocks, &ctx, 3),
            extract::extract_k(&doc.blocks, &ctx, 3),
            extract::extract(&doc.blocks, &ctx),
        ];
        let reference = explicit.join(" ");
        let mut scores = [0.0f64; 3];
        let lang = by_lang.entry(doc.lang.clone()).or_default();
        lang.0 += 1;
        for (i, anchors) in picks.iter().enumerate() {
            let summary = texts(doc, anchors);
            let (recall, f1) = rouge1(&reference, &summary, &doc.lang);
            let length = summary.split_whitespace().count();
            scores[i] = recall;
            totals[i] += recall;
            f1s[i] += f1;
            words[i] += length;
            lang.1[i] += recall;
            lang.2[i] += f1;
            lang.3[i] += length;
        }
        n += 1;
        let title: String = doc.title.chars().take(50).collect();
        println!(
            "{:<12} {:<4} {:>4}  {:>7.3} {:>7.3} {:>7.3}  {title}",
            doc.id,
            doc.lang,
            explicit.len(),
            scores[0],
            scores[1],
            scores[2]
        );
    }
    if n == 0 {
        eprintln!("eval_extract: no document with an explicit takeaway list");
        return ExitCode::from(1);
    }
    println!();
    println!("documents: {n}");
    for (i, s) in systems.iter().enumerate() {
        println!(
            "{s:<7} ROUGE-1 recall {:.3}  F1 {:.3}  (mean summary length {:.0} words)",
            totals[i] / n as f64,
            f1s[i] / n as f64,
            words[i] as f64 / n as f64
        );
    }
    println!();
    println!("per language: ROUGE-1 recall / F1 (mean length in words)");
    for (lang, (docs, recall, f1, length)) in &by_lang {
        let cell = |i: usize| {
            let d = *docs as f64;
            format!(
                "{:.3} / {:.3} ({:.0})",
                recall[i] / d,
                f1[i] / d,
                length[i] as f64 / d
            )
        };
        println!(
            "{lang:<4} {docs:>2} docs  lead-3 {}  ours@3 {}  ours {}",
            cell(0),
            cell(1),
            cell(2)
        );
    }
    ExitCode::SUCCESS
}

/// Per language: documents, then per system the recall and F1 sums and the summary words.
type LangSums = (usize, [f64; 3], [f64; 3], [usize; 3]);

fn texts(doc: &Document, anchors: &[Anchor]) -> String {
    anchors
        .iter()
        .filter_map(|a| doc.anchor_text(a))
        .collect::<Vec<_>>()
        .join(" ")
}

/// ROUGE-1 (recall, F1): overlap of stemmed content words, counts clipped. Recall is the
/// share of the reference found in the summary; F1 also charges for summary length.
fn rouge1(reference: &str, summary: &str, lang: &str) -> (f64, f64) {
    let lang = Lang::from_code(lang);
    let stemmer = lang.stemmer();
    let bag = |t: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for s in text::content_stems(t, lang, stemmer.as_ref()) {
            *m.entry(s).or_default() += 1;
        }
        m
    };
    let r = bag(reference);
    let s = bag(summary);
    let total: usize = r.values().sum();
    let produced: usize = s.values().sum();
    if total == 0 || produced == 0 {
        return (0.0, 0.0);
    }
    let hit: usize = r
        .iter()
        .map(|(w, c)| (*c).min(s.get(w).copied().unwrap_or(0)))
        .sum();
    let recall = hit as f64 / total as f64;
    let precision = hit as f64 / produced as f64;
    let f1 = if hit == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (recall, f1)
}
