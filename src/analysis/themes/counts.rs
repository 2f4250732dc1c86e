//! Theme counts over a corpus: how many documents and takeaways carry each theme, for the
//! `themes` command and the dashboard's themes popup.

use super::lexicon::Lexicon;
use crate::analysis::text::Lang;
use crate::model::Document;

/// How many documents and takeaways carry a theme: the `themes` command and the dashboard's
/// themes popup.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ThemeCount {
    /// Theme id.
    pub id: String,
    /// English label.
    pub label: String,
    /// Italian label.
    pub label_it: String,
    /// French label.
    pub label_fr: String,
    /// German label.
    pub label_de: String,
    /// Spanish label.
    pub label_es: String,
    /// Documents tagged with the theme.
    pub documents: usize,
    /// Takeaways tagged with the theme.
    pub takeaways: usize,
}

/// Counts for every theme present in `documents`, most documents first (then most takeaways,
/// then id).
pub fn theme_counts(lex: &Lexicon, documents: &[Document]) -> Vec<ThemeCount> {
    let mut docs = vec![0usize; lex.themes.len()];
    let mut takeaways = vec![0usize; lex.themes.len()];
    for d in documents {
        for t in &d.themes {
            if let Some(i) = lex.theme_index(&t.id) {
                docs[i] += 1;
            }
        }
        for k in &d.takeaways {
            for t in &k.themes {
                if let Some(i) = lex.theme_index(&t.id) {
                    takeaways[i] += 1;
                }
            }
        }
    }
    let mut out: Vec<ThemeCount> = lex
        .themes
        .iter()
        .enumerate()
        .filter(|(i, _)| docs[*i] + takeaways[*i] > 0)
        .map(|(i, t)| ThemeCount {
            id: t.id.clone(),
            label: t.label.clone(),
            label_it: t.label_in(Lang::It).to_string(),
            label_fr: t.label_in(Lang::Fr).to_string(),
            label_de: t.label_in(Lang::De).to_string(),
            label_es: t.label_in(Lang::Es).to_string(),
            documents: docs[i],
            takeaways: takeaways[i],
        })
        .collect();
    out.sort_by(|a, b| {
        (b.documents, b.takeaways)
            .cmp(&(a.documents, a.takeaways))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}
