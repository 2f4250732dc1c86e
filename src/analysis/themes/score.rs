//! Theme scoring: how many of a text's entity mentions and keyword hits it takes for the text
//! to be about a theme, so that a one-line takeaway and a 5 MB report are judged alike.

use super::lexicon::Lexicon;
use super::scan::Scan;
use crate::model::{ThemeId, ThemeScore};

/// Themes scoring below this are not attached to a text: one passing keyword in a long
/// document is not what the document is about.
pub const THEME_THRESHOLD: f32 = 0.5;

/// Texts longer than this many words are scored by density, as if they were this long.
pub const THEME_WINDOW: usize = 2_000;

/// Scores themes: each distinct keyword or entity counts 1 + ln(mentions), so repetition
/// matters but less than breadth; the sum is divided by sqrt(1 + words/25), so a one-line
/// takeaway with one strong keyword qualifies while a long document needs several. Past
/// [`THEME_WINDOW`] words, mentions are scaled to that window (a keyword met twice in a 5 MB
/// report counts for nothing, one met on every page counts fully), so very long documents are
/// judged by how dense their themes are, not by how long they are.
pub fn theme_scores(lex: &Lexicon, scan: &Scan) -> Vec<ThemeScore> {
    let scale = THEME_WINDOW as f32 / scan.len.max(THEME_WINDOW) as f32;
    let weight = |c: u32| (1.0 + (c as f32 * scale).ln()).max(0.0);
    let mut raw = vec![0f32; lex.themes.len()];
    for &(t, c) in &scan.keyword_hits {
        raw[t] += weight(c);
    }
    if !scan.entities.is_empty() {
        for (ti, theme) in lex.themes.iter().enumerate() {
            for &(e, c) in &scan.entities {
                if theme.entities.contains(&e) {
                    raw[ti] += weight(c);
                }
            }
        }
    }
    let norm = (1.0 + scan.len.min(THEME_WINDOW) as f32 / 25.0).sqrt();
    let mut out: Vec<ThemeScore> = raw
        .iter()
        .enumerate()
        .filter(|(_, r)| **r > 0.0)
        .map(|(i, r)| ThemeScore {
            id: ThemeId::new(&lex.themes[i].id),
            score: ((r / norm) * 1000.0).round() / 1000.0,
        })
        .filter(|t| t.score >= THEME_THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {

    use crate::analysis::text::Lang;
    use crate::analysis::themes::Tagger;
    use crate::analysis::themes::testing::{lex, theme_ids};

    #[test]
    fn longer_texts_need_more_hits() {
        let one = "Italy will buy new missiles.";
        assert!(theme_ids(one, Lang::En).contains(&"defence-industry".to_string()));
        let long = format!(
            "{one} {}",
            "The weather was mild and the talks were long. ".repeat(40)
        );
        assert!(!theme_ids(&long, Lang::En).contains(&"defence-industry".to_string()));
    }

    #[test]
    fn very_long_texts_are_judged_by_density() {
        let lex = lex();
        let mut tagger = Tagger::new(&lex);
        let dense = "The navy deployed two frigates and a carrier to patrol the shipping lanes. "
            .repeat(20_000);
        let scan = tagger.scan(&dense, Lang::En);
        assert!(scan.len > 200_000);
        assert!(tagger.themes(&scan).iter().any(|t| t.id == "naval"));
        let sparse = format!(
            "{}The navy deployed a frigate.",
            "The weather was mild and the talks were long. ".repeat(20_000)
        );
        let scan = tagger.scan(&sparse, Lang::En);
        assert!(tagger.themes(&scan).is_empty());
    }
}
