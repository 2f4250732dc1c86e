//! The lexicon: the themes and entities readers filter and link by, as the built-in file and
//! any `--themes` files say, merged by id. Owns the file format (every part optional, unknown
//! fields refused), the errors that name the file at fault, and the tables the tagger matches
//! against, built once at load: aliases as folded word sequences, keywords as stem sequences.

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, OnceLock};

use rust_stemmers::Stemmer;
use serde::Deserialize;

use super::phrases::{CaseRule, PhraseIndex};
use crate::analysis::text::{self, Lang};

/// The built-in lexicon, compiled into the binary so every install tags the same way.
pub const BUILTIN: &str = include_str!("../../../assets/themes.json");

/// A lexicon file as written: every part optional so a user file can add a single theme.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<u32>,
    #[serde(default)]
    themes: Vec<ThemeDef>,
    #[serde(default)]
    entities: Vec<EntityDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeDef {
    id: String,
    label: Labels,
    #[serde(default)]
    keywords: Keywords,
    #[serde(default)]
    entities: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    en: String,
    #[serde(default)]
    it: Option<String>,
    #[serde(default)]
    fr: Option<String>,
    #[serde(default)]
    de: Option<String>,
    #[serde(default)]
    es: Option<String>,
}

impl Labels {
    /// By [`Lang::slot`], English where a language has none.
    fn by_slot(&self) -> [String; Lang::KNOWN.len()] {
        let or_en = |l: &Option<String>| l.clone().unwrap_or_else(|| self.en.clone());
        [
            self.en.clone(),
            or_en(&self.it),
            or_en(&self.fr),
            or_en(&self.de),
            or_en(&self.es),
        ]
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keywords {
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    it: Vec<String>,
    #[serde(default)]
    fr: Vec<String>,
    #[serde(default)]
    de: Vec<String>,
    #[serde(default)]
    es: Vec<String>,
}

impl Keywords {
    /// By [`Lang::slot`].
    fn by_slot(&self) -> [&[String]; Lang::KNOWN.len()] {
        [&self.en, &self.it, &self.fr, &self.de, &self.es]
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityDef {
    id: String,
    #[serde(default)]
    kind: String,
    label: String,
    /// What a chip or a link explanation shows; derived from the aliases when absent.
    #[serde(default)]
    short: Option<String>,
    aliases: Vec<String>,
}

/// Why a lexicon file could not be used; always names the file so the user can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read (missing, unreadable, not UTF-8).
    #[error("{file}: cannot read: {reason}")]
    Io {
        /// The file as given, made safe to print.
        file: String,
        /// Why, in words.
        reason: String,
    },
    /// The file is not valid JSON or does not follow the schema; line and column are 1-based.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file as given, made safe to print.
        file: String,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// serde_json's description, without its position suffix.
        message: String,
    },
    /// Valid JSON with inconsistent content (an empty id, a theme naming an unknown entity).
    #[error("{file}: {message}")]
    Invalid {
        /// The file as given, made safe to print.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// A theme readers can filter by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Stable id used by `--theme`, `#id` filters and the JSON output.
    pub id: String,
    /// English label: what every view shows by default.
    pub label: String,
    /// Labels by [`Lang::slot`] (English, Italian, French, German, Spanish; the English one
    /// where the lexicon gives none), so `#theme` keys work in every language.
    pub labels: [String; Lang::KNOWN.len()],
    /// Indices into [`Lexicon::entities`] whose mentions count towards this theme.
    pub entities: Vec<usize>,
}

impl Theme {
    /// The label in `lang`; English for a language the lexicon has no labels in.
    pub fn label_in(&self, lang: Lang) -> &str {
        lang.slot().map_or(&self.label, |i| &self.labels[i])
    }
}

/// A named thing (country, leader, programme) with one canonical id across languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id ("japan", "gcap").
    pub id: String,
    /// Free-form category from the lexicon ("country", "programme", "person").
    pub kind: String,
    /// Full English name.
    pub label: String,
    /// Compact label for chips and link explanations ("GCAP" rather than "Global Combat Air
    /// Programme").
    pub short: String,
}

/// What a theme prefix resolves to; an ambiguous prefix lists the candidates so a view can say
/// which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeLookup {
    /// Index into [`Lexicon::themes`].
    Unique(usize),
    /// Indices of every theme the prefix fits.
    Ambiguous(Vec<usize>),
    /// No theme fits.
    None,
}

/// The merged lexicon with its matcher tables; immutable once built and shared across threads.
#[derive(Clone)]
pub struct Lexicon {
    /// Themes in file order (user themes that override keep the built-in position).
    pub themes: Vec<Theme>,
    /// Entities in file order.
    pub entities: Vec<Entity>,
    /// Files merged into this lexicon, in order (the built-in one is "<built-in>").
    pub sources: Vec<String>,
    /// A hash of the merged source texts: what the on-disk index keys tags on, so editing a
    /// `--themes` file re-tags every document instead of serving stale themes.
    pub fingerprint: u64,
    pub(super) vocab: HashMap<String, u32>,
    pub(super) aliases: PhraseIndex,
    /// Keyword phrases as stem ids, one table per language by [`Lang::slot`].
    pub(super) keywords: [PhraseIndex; Lang::KNOWN.len()],
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("sources", &self.sources)
            .field("themes", &self.themes.len())
            .field("entities", &self.entities.len())
            .finish()
    }
}

impl Lexicon {
    /// The built-in lexicon, parsed once per process.
    pub fn builtin() -> Arc<Lexicon> {
        builtin_cell().clone()
    }

    /// The built-in lexicon for the life of the process: what lets a thread keep a tagger
    /// over it (and that tagger's word cache) from one document to the next.
    pub fn builtin_static() -> &'static Lexicon {
        builtin_cell()
    }

    /// Merges lexicon texts in order: a later theme or entity with the same id replaces the
    /// earlier one, new ids are added.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut themes: Vec<ThemeDef> = Vec::new();
        let mut entities: Vec<EntityDef> = Vec::new();
        let mut theme_origin: Vec<&str> = Vec::new();
        for (name, text) in sources {
            let file: LexiconFile = serde_json::from_str(text).map_err(|e| syntax(name, &e))?;
            for t in file.themes {
                if t.id.trim().is_empty() {
                    return Err(invalid(name, "a theme has an empty id".into()));
                }
                match themes.iter().position(|x| x.id == t.id) {
                    Some(i) => {
                        themes[i] = t;
                        theme_origin[i] = name;
                    }
                    None => {
                        themes.push(t);
                        theme_origin.push(name);
                    }
                }
            }
            for e in file.entities {
                if e.id.trim().is_empty() {
                    return Err(invalid(name, "an entity has an empty id".into()));
                }
                match entities.iter().position(|x| x.id == e.id) {
                    Some(i) => entities[i] = e,
                    None => entities.push(e),
                }
            }
        }
        let entity_index: HashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let mut out = Lexicon {
            themes: Vec::with_capacity(themes.len()),
            entities: Vec::with_capacity(entities.len()),
            sources: sources.iter().map(|(n, _)| n.to_string()).collect(),
            fingerprint: {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                for (_, text) in sources {
                    h.update(&(text.len() as u64).to_le_bytes());
                    h.update(text.as_bytes());
                }
                h.digest()
            },
            vocab: HashMap::default(),
            aliases: PhraseIndex::default(),
            keywords: Default::default(),
        };
        for (i, e) in entities.iter().enumerate() {
            for alias in &e.aliases {
                let (ids, case) = out.alias_phrase(alias);
                out.aliases.insert(ids, i, case);
            }
            out.entities.push(Entity {
                id: e.id.clone(),
                kind: e.kind.clone(),
                label: e.label.clone(),
                short: e
                    .short
                    .clone()
                    .unwrap_or_else(|| short_label(&e.label, &e.aliases)),
            });
        }
        let stemmers = Lang::KNOWN.map(|l| l.stemmer().expect("every known language stems"));
        for (ti, (t, origin)) in themes.iter().zip(&theme_origin).enumerate() {
            let mut ents = Vec::new();
            for id in &t.entities {
                match entity_index.get(id.as_str()) {
                    Some(&i) => ents.push(i),
                    None => {
                        return Err(invalid(
                            origin,
                            format!("theme \"{}\" lists unknown entity \"{id}\"", t.id),
                        ));
                    }
                }
            }
            for (slot, keywords) in t.keywords.by_slot().into_iter().enumerate() {
                for k in keywords {
                    let ids = out.keyword_phrase(k, &stemmers[slot]);
                    out.keywords[slot].insert(ids, ti, CaseRule::Any);
                }
            }
            out.themes.push(Theme {
                id: t.id.clone(),
                label: t.label.en.clone(),
                labels: t.label.by_slot(),
                entities: ents,
            });
        }
        Ok(out)
    }

    /// Index of the theme with this id.
    pub fn theme_index(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    /// The theme a user means by `key` in a filter (`#nav`, `#Naval`, `#marittimo`): an exact
    /// id, else the one theme whose id or label (in any of the five languages) starts with it,
    /// folded.
    pub fn theme_by_prefix(&self, key: &str) -> ThemeLookup {
        let key = text::fold(key.trim());
        if key.is_empty() {
            return ThemeLookup::None;
        }
        if let Some(i) = self.themes.iter().position(|t| t.id == *key) {
            return ThemeLookup::Unique(i);
        }
        let hits: Vec<usize> = self
            .themes
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                std::iter::once(&t.id)
                    .chain(&t.labels)
                    .any(|s| text::fold(s).starts_with(&*key))
            })
            .map(|(i, _)| i)
            .collect();
        match hits.len() {
            0 => ThemeLookup::None,
            1 => ThemeLookup::Unique(hits[0]),
            _ => ThemeLookup::Ambiguous(hits),
        }
    }

    fn intern(&mut self, word: &str) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(word.to_string()).or_insert(next)
    }

    fn alias_phrase(&mut self, alias: &str) -> (Vec<u32>, CaseRule) {
        let toks = text::tokens(alias);
        let ids = toks
            .iter()
            .map(|t| self.intern(&text::fold(&alias[t.range.clone()])))
            .collect();
        let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
        let case = if !letters.is_empty()
            && letters.len() <= 4
            && letters.iter().all(|c| c.is_uppercase())
        {
            CaseRule::Acronym(
                toks.iter()
                    .map(|t| alias[t.range.clone()].to_string())
                    .collect(),
            )
        } else if toks.len() == 1 && toks[0].capitalised {
            CaseRule::Capitalised
        } else {
            CaseRule::Any
        };
        (ids, case)
    }

    fn keyword_phrase(&mut self, keyword: &str, stemmer: &Stemmer) -> Vec<u32> {
        text::tokens(keyword)
            .iter()
            .map(|t| {
                let folded = text::fold(&keyword[t.range.clone()]);
                let stem = stemmer.stem(&folded).into_owned();
                self.intern(&stem)
            })
            .collect()
    }
}

fn builtin_cell() -> &'static Arc<Lexicon> {
    static CELL: OnceLock<Arc<Lexicon>> = OnceLock::new();
    CELL.get_or_init(|| {
        Arc::new(
            Lexicon::from_sources(&[("<built-in>", BUILTIN)])
                .expect("the built-in lexicon is valid (checked by tests)"),
        )
    })
}

fn syntax(file: &str, e: &serde_json::Error) -> LexiconError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    LexiconError::Syntax {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

fn invalid(file: &str, message: String) -> LexiconError {
    LexiconError::Invalid {
        file: file.to_string(),
        message,
    }
}

/// Long labels read badly in a chip: prefer an acronym alias ("GCAP", "IMEC", "JMSDF"), then
/// the shortest capitalised alias ("Cavour" for "ITS Cavour (aircraft carrier)").
fn short_label(label: &str, aliases: &[String]) -> String {
    if label.chars().count() <= 16 {
        return label.to_string();
    }
    let acronym = aliases.iter().find(|a| {
        let n = a.chars().count();
        (2..=6).contains(&n)
            && a.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && a.chars().any(|c| c.is_ascii_uppercase())
    });
    if let Some(a) = acronym {
        return a.clone();
    }
    aliases
        .iter()
        .filter(|a| a.chars().next().is_some_and(char::is_uppercase))
        .min_by_key(|a| a.chars().count())
        .filter(|a| a.chars().count() < label.chars().count())
        .cloned()
        .unwrap_or_else(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::themes::Tagger;
    use crate::analysis::themes::testing::lex;

    #[test]
    fn theme_by_prefix_of_id_or_label_in_either_language() {
        let lex = lex();
        let idx = |id: &str| lex.theme_index(id).unwrap();
        assert_eq!(
            lex.theme_by_prefix("naval"),
            ThemeLookup::Unique(idx("naval"))
        );
        assert_eq!(
            lex.theme_by_prefix("Semic"),
            ThemeLookup::Unique(idx("semiconductors"))
        );
        assert_eq!(
            lex.theme_by_prefix("Intelligenza"),
            ThemeLookup::Unique(idx("ai"))
        );
        assert_eq!(
            lex.theme_by_prefix("mediterr"),
            ThemeLookup::Unique(idx("mediterranean"))
        );
        assert!(matches!(lex.theme_by_prefix("d"), ThemeLookup::Ambiguous(v) if v.len() > 2));
        assert_eq!(lex.theme_by_prefix("zzz"), ThemeLookup::None);
    }

    #[test]
    fn builtin_lexicon_loads_with_enough_themes() {
        let lex = lex();
        assert!(lex.themes.len() >= 15);
        assert!(lex.entities.len() >= 100);
        let gcap = lex.entities.iter().find(|e| e.id == "gcap").unwrap();
        assert_eq!(gcap.short, "GCAP");
        let japan = lex.entities.iter().find(|e| e.id == "japan").unwrap();
        assert_eq!(japan.short, "Japan");
    }

    #[test]
    fn user_file_overrides_and_adds_by_id() {
        let user = r#"{
            "themes": [
                {"id": "naval", "label": {"en": "Seas"}, "keywords": {"en": ["seafaring"]}},
                {"id": "polar", "label": {"en": "Polar", "it": "Polare"}, "keywords": {"it": ["ghiacci"]}, "entities": ["arctic", "svalbard"]}
            ],
            "entities": [{"id": "svalbard", "kind": "region", "label": "Svalbard", "aliases": ["Svalbard", "isole Svalbard"]}]
        }"#;
        let lex = Lexicon::from_sources(&[("<built-in>", BUILTIN), ("mine.json", user)]).unwrap();
        let base = Lexicon::builtin();
        assert_eq!(lex.themes.len(), base.themes.len() + 1);
        let naval = &lex.themes[lex.theme_index("naval").unwrap()];
        assert_eq!(naval.label, "Seas");
        assert_eq!(
            naval.label_in(Lang::It),
            "Seas",
            "Italian label falls back to English"
        );
        let mut tagger = Tagger::new(&lex);
        let scan = tagger.scan("A seafaring nation.", Lang::En);
        assert_eq!(tagger.themes(&scan)[0].id, "naval");
        let scan = tagger.scan("The navy and the carrier group.", Lang::En);
        assert!(
            tagger.themes(&scan).iter().all(|t| t.id != "naval"),
            "old keywords replaced"
        );
        let scan = tagger.scan("Ghiacci in ritirata alle Svalbard.", Lang::It);
        assert_eq!(tagger.themes(&scan)[0].id, "polar");
    }

    #[test]
    fn malformed_file_names_file_line_and_column() {
        let bad = "{\n  \"themes\": [\n    {\"id\": \"x\" \"label\": {\"en\": \"X\"}}\n  ]\n}\n";
        let err =
            Lexicon::from_sources(&[("<built-in>", BUILTIN), ("my-themes.json", bad)]).unwrap_err();
        match &err {
            LexiconError::Syntax {
                file, line, column, ..
            } => {
                assert_eq!(file, "my-themes.json");
                assert_eq!(
                    (*line, *column),
                    (3, 16),
                    "the second string where a comma should be"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string().starts_with("my-themes.json:3:16: expected"),
            "{err}"
        );
        let unknown_field = r#"{"themes": [{"id": "x", "label": {"en": "X"}, "keyword": {}}]}"#;
        let err = Lexicon::from_sources(&[("u.json", unknown_field)]).unwrap_err();
        assert!(err.to_string().contains("unknown field `keyword`"), "{err}");
        let dangling =
            r#"{"themes": [{"id": "x", "label": {"en": "X"}, "entities": ["atlantis"]}]}"#;
        let err = Lexicon::from_sources(&[("u.json", dangling)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "u.json: theme \"x\" lists unknown entity \"atlantis\""
        );
    }
}
