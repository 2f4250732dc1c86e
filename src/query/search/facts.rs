//! The knowledge the searcher asks about each text beyond its words: themes and saved reading
//! state. A trait, so the searcher needs neither the theme lexicon nor the state store (their
//! implementations live in `query::facts`, which depends on this file and not the reverse).

use crate::query::parse::Flag;

/// Knowledge about documents that lives outside the corpus: themes (a later analysis module)
/// and saved reading state. Until a source says it has a kind of fact, terms asking for it
/// (`#theme`, `is:read`, ...) match nothing, negated or not, and `Searcher::notes` says why.
pub trait Facts: Send {
    /// Whether theme tags exist at all.
    fn has_themes(&self) -> bool {
        false
    }
    /// The theme a `#key` term names (an id, or a unique prefix of an id or label), as an
    /// opaque index for [`Facts::has_theme`]; `None` when it names no theme or several.
    fn resolve_theme(&self, _key: &str) -> Option<usize> {
        None
    }
    /// Why `#key` selects nothing, when it names no theme or several.
    fn theme_note(&self, _key: &str) -> Option<String> {
        None
    }
    /// Whether a text carries theme `theme`: document `doc`'s title when `takeaway` is `None`,
    /// else that takeaway of the document, so `#naval` narrows the takeaways pane too.
    fn has_theme(&self, _doc: usize, _takeaway: Option<usize>, _theme: usize) -> bool {
        false
    }
    /// Whether saved state (read, starred) exists at all.
    fn has_state(&self) -> bool {
        false
    }
    /// Whether document `doc` has `flag` in the saved state.
    fn flag(&self, _doc: usize, _flag: Flag) -> bool {
        false
    }
    /// [`Facts::flag`] for one text: document `doc`'s title when `takeaway` is `None`, else that
    /// takeaway, so `is:starred` can select single takeaways. Defaults to the document's flag.
    fn flag_at(&self, doc: usize, _takeaway: Option<usize>, flag: Flag) -> bool {
        self.flag(doc, flag)
    }
}

/// The facts we have today: none.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFacts;

impl Facts for NoFacts {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::fixtures::{corpus, docs};
    use crate::query::{Query, Searcher};

    struct Known;
    impl Facts for Known {
        fn has_themes(&self) -> bool {
            true
        }
        fn resolve_theme(&self, key: &str) -> Option<usize> {
            ["naval", "defence"]
                .iter()
                .position(|id| id.starts_with(key))
        }
        fn has_theme(&self, doc: usize, takeaway: Option<usize>, _theme: usize) -> bool {
            // Document 1 and its first takeaway carry both themes.
            doc == 1 && matches!(takeaway, None | Some(0))
        }
        fn has_state(&self) -> bool {
            true
        }
        fn flag(&self, doc: usize, flag: Flag) -> bool {
            matches!(
                (doc, flag),
                (0, Flag::Starred) | (0, Flag::Read) | (1, Flag::Unread)
            )
        }
    }

    #[test]
    fn themes_and_state_match_nothing_without_facts() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        s.set_facts(Box::new(NoFacts));
        for q in ["#naval", "!#naval", "is:starred", "!is:read", "is:bogus"] {
            let r = s.search(&c, &Query::parse(q));
            assert!(r.docs.is_empty() && r.takeaways.is_empty(), "{q}");
        }
        assert_eq!(
            s.notes(&Query::parse("#naval")),
            vec!["#naval: themes are not available yet"]
        );
        s.set_facts(Box::new(Known));
        assert!(s.notes(&Query::parse("#naval is:read")).is_empty());
        let mut run = |q: &str| docs(&s.search(&c, &Query::parse(q)));
        assert_eq!(run("#naval"), vec![1]);
        assert_eq!(run("#nav"), vec![1], "theme terms resolve prefixes");
        assert_eq!(run("#def japan"), vec![1]);
        // Exclusion drops texts, not documents: document 1's second takeaway is untagged.
        assert_eq!(run("!#naval"), vec![0, 1]);
        assert_eq!(run("is:starred"), vec![0]);
        assert_eq!(run("is:unread"), vec![1]);
        assert_eq!(run("!is:read"), vec![1]);
        assert_eq!(run("is:bogus"), Vec::<usize>::new());
        let tk = s.search(&c, &Query::parse("#naval"));
        let hits: Vec<(usize, usize)> = tk.takeaways.iter().map(|t| (t.doc, t.takeaway)).collect();
        assert_eq!(hits, vec![(1, 0)], "only the takeaway carrying the theme");
    }
}
