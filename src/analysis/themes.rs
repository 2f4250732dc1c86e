//! The theme and entity lexicon, and the matcher that tags texts with it.
//!
//! Readers filter briefings by theme ("naval", "Africa") and follow links made of shared
//! entities, in English and Italian alike. The lexicon (`assets/themes.json`, plus user files
//! given with `--themes`) lists themes with keywords in both languages and entities with their
//! aliases across languages; matching works on folded forms so "Perché"/"perche" and
//! "Italy’s"/"Italy's" agree, and keywords match on Snowball stems so "missili"/"missile" and
//! "deployments"/"deployment" agree.
//!
//! The matcher is a hash from a phrase's first word to the phrases starting with it, so tagging
//! is linear in the text whatever the size of the lexicon.
#![warn(missing_docs)]

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, OnceLock};

use rust_stemmers::Stemmer;
use serde::Deserialize;

use super::text::{self, Lang, Token};
use crate::model::{Document, ThemeScore};

/// The built-in lexicon, compiled into the binary so every install tags the same way.
pub const BUILTIN: &str = include_str!("../../assets/themes.json");

/// Themes scoring below this are not attached to a text: one passing keyword in a long
/// document is not what the document is about.
pub const THEME_THRESHOLD: f32 = 0.5;

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
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keywords {
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    it: Vec<String>,
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
    /// Italian label (the English one when the lexicon gives none).
    pub label_it: String,
    /// Indices into [`Lexicon::entities`] whose mentions count towards this theme.
    pub entities: Vec<usize>,
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
            label_it: t.label_it.clone(),
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

/// How strictly an alias's case must agree with the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CaseRule {
    /// Multi-word names and lower-case adjectives ("giapponese", "Corridoio di Lobito").
    Any,
    /// One capitalised word ("Tempest", "Quad", "Eni"): the common noun must not match.
    Capitalised,
    /// Short acronyms ("US", "UE", "UN"): the surface must be identical, or else "us" and the
    /// Italian article "un" would be countries; four-letter ones also match in title case
    /// ("Nato", as Italian papers write it).
    Acronym(Vec<String>),
}

#[derive(Debug, Clone)]
struct Phrase {
    ids: Vec<u32>,
    /// Theme indices for keywords, the entity index for aliases.
    targets: Vec<usize>,
    case: CaseRule,
}

/// First word → phrases starting with it, longest first.
#[derive(Debug, Clone, Default)]
struct PhraseIndex {
    by_first: HashMap<u32, Vec<Phrase>>,
}

impl PhraseIndex {
    fn insert(&mut self, ids: Vec<u32>, target: usize, case: CaseRule) {
        let Some(&first) = ids.first() else { return };
        let list = self.by_first.entry(first).or_default();
        if let Some(p) = list.iter_mut().find(|p| p.ids == ids && p.case == case) {
            if !p.targets.contains(&target) {
                p.targets.push(target);
            }
            return;
        }
        list.push(Phrase {
            ids,
            targets: vec![target],
            case,
        });
        list.sort_by_key(|p| std::cmp::Reverse(p.ids.len()));
    }

    /// The longest phrase matching at `i`; `ids_at(j)` gives the id of token `j` in this index's
    /// vocabulary and `case_ok` checks a phrase's case rule against the tokens it would cover.
    fn longest_at(
        &self,
        i: usize,
        n: usize,
        ids_at: impl Fn(usize) -> u32,
        case_ok: impl Fn(&CaseRule, usize) -> bool,
    ) -> Option<&Phrase> {
        let list = self.by_first.get(&ids_at(i))?;
        list.iter().find(|p| {
            i + p.ids.len() <= n
                && p.ids
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, id)| ids_at(i + k) == *id)
                && case_ok(&p.case, i)
        })
    }
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
    vocab: HashMap<String, u32>,
    aliases: PhraseIndex,
    keywords_en: PhraseIndex,
    keywords_it: PhraseIndex,
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
            keywords_en: PhraseIndex::default(),
            keywords_it: PhraseIndex::default(),
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
        let en = Lang::En.stemmer().expect("English stemmer");
        let it = Lang::It.stemmer().expect("Italian stemmer");
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
            for k in &t.keywords.en {
                let ids = out.keyword_phrase(k, &en);
                out.keywords_en.insert(ids, ti, CaseRule::Any);
            }
            for k in &t.keywords.it {
                let ids = out.keyword_phrase(k, &it);
                out.keywords_it.insert(ids, ti, CaseRule::Any);
            }
            out.themes.push(Theme {
                id: t.id.clone(),
                label: t.label.en.clone(),
                label_it: t.label.it.clone().unwrap_or_else(|| t.label.en.clone()),
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
    /// id, else the one theme whose id or label (English or Italian) starts with it, folded.
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
                [&t.id, &t.label, &t.label_it]
                    .iter()
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

/// Ids of one word in the lexicon's and the tagger's vocabularies, and what its folded form
/// is, computed once per distinct word instead of once per occurrence.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    surface: u32,
    stem_en: u32,
    stem_it: u32,
    stop_en: bool,
    stop_it: bool,
    /// `text::is_contentful`.
    contentful: bool,
    /// `text::is_common_capitalised`.
    common_capitalised: bool,
    /// Two characters or more.
    long: bool,
    all_digits: bool,
}

impl WordIds {
    fn is_stop(&self, lang: Lang) -> bool {
        match lang {
            Lang::En => self.stop_en,
            Lang::It => self.stop_it,
            Lang::Other => self.stop_en || self.stop_it,
        }
    }

    /// The id that stands for this word's content in `lang`: its stem there, or its folded
    /// form when the language has no stemmer.
    fn stem(&self, lang: Lang) -> u32 {
        match lang {
            Lang::En => self.stem_en,
            Lang::It => self.stem_it,
            Lang::Other => self.surface,
        }
    }
}

/// What one text contains, before scoring: the raw material of themes and links.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Entity index → mentions.
    pub entities: Vec<(usize, u32)>,
    /// Theme index → keyword hits (entity hits are added when scoring).
    pub keyword_hits: Vec<(usize, u32)>,
    /// Folded surfaces of capitalised or all-caps words that are not sentence starts, stop words
    /// or part of an entity mention: names the lexicon does not know ("Cavour", "Kasumigaseki").
    pub names: Vec<u32>,
    /// Stems of the remaining content words, in the text's language (empty for other languages).
    pub words: Vec<u32>,
    /// Words in the text, for length normalisation.
    pub len: usize,
}

/// Tags texts with a lexicon. Holds a cache of words → ids, so repeated words (most of them, in
/// any corpus) cost one hash lookup. Ids are stable for the tagger's lifetime, which
/// is what lets the linker compare names and stems across takeaways.
pub struct Tagger<'l> {
    lex: &'l Lexicon,
    en: Stemmer,
    it: Stemmer,
    cache: HashMap<String, WordIds>,
    /// Ids for stems and surfaces the lexicon does not know, continuing its numbering.
    extra: HashMap<String, u32>,
    /// Surface forms as first written, for explaining links ("Cavour", "interoperability").
    spellings: HashMap<u32, String>,
    /// Off for taggers whose ids never reach a link explanation (document tags, extraction).
    record_spellings: bool,
    buf: String,
}

impl<'l> Tagger<'l> {
    /// A tagger with an empty word cache; keep one per corpus so ids stay comparable.
    pub fn new(lex: &'l Lexicon) -> Self {
        Tagger {
            lex,
            en: Lang::En.stemmer().expect("English stemmer"),
            it: Lang::It.stemmer().expect("Italian stemmer"),
            cache: HashMap::default(),
            extra: HashMap::default(),
            spellings: HashMap::default(),
            record_spellings: true,
            buf: String::new(),
        }
    }

    /// A tagger that does not remember how words were spelled: for themes and extraction,
    /// where nothing is explained with them, so the cost of the map is saved.
    pub fn without_spellings(lex: &'l Lexicon) -> Self {
        Tagger {
            record_spellings: false,
            ..Tagger::new(lex)
        }
    }

    /// The lexicon this tagger matches against.
    pub fn lexicon(&self) -> &'l Lexicon {
        self.lex
    }

    /// How a name or word id was first written in the texts tagged so far.
    pub fn spelling(&self, id: u32) -> Option<&str> {
        self.spellings.get(&id).map(String::as_str)
    }

    fn id_of(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.lex.vocab.get(s) {
            return id;
        }
        if let Some(&id) = self.extra.get(s) {
            return id;
        }
        let id = (self.lex.vocab.len() + self.extra.len()) as u32;
        self.extra.insert(s.to_string(), id);
        id
    }

    /// A word's ids, cached by its surface as written: everything in [`WordIds`] is a function
    /// of the folded form, which is a function of the surface, so a hit needs no folding.
    fn word(&mut self, raw: &str) -> WordIds {
        if let Some(ids) = self.cache.get(raw) {
            return *ids;
        }
        let mut buf = std::mem::take(&mut self.buf);
        text::fold_into(raw, &mut buf);
        let ids = {
            {
                let surface = self.id_of(&buf);
                let en = self.en.stem(&buf).into_owned();
                let it = self.it.stem(&buf).into_owned();
                let ids = WordIds {
                    surface,
                    stem_en: self.id_of(&en),
                    stem_it: self.id_of(&it),
                    stop_en: Lang::En.is_stop(&buf),
                    stop_it: Lang::It.is_stop(&buf),
                    contentful: text::is_contentful(&buf),
                    common_capitalised: text::is_common_capitalised(&buf),
                    long: buf.chars().nth(1).is_some(),
                    all_digits: buf.bytes().all(|b| b.is_ascii_digit()),
                };
                self.cache.insert(raw.to_string(), ids);
                ids
            }
        };
        self.buf = buf;
        ids
    }

    /// Finds entity mentions, theme keywords, names and content words in `text`.
    pub fn scan(&mut self, text: &str, lang: Lang) -> Scan {
        let mut scan = Scan::default();
        self.scan_into(text, lang, &mut scan);
        scan
    }

    /// Adds what `text` contains to `scan`: a document is scanned block by block into one.
    pub fn scan_into(&mut self, text: &str, lang: Lang, scan: &mut Scan) {
        let toks = text::tokens(text);
        let ids: Vec<WordIds> = toks
            .iter()
            .map(|t| self.word(&text[t.range.clone()]))
            .collect();
        let covered = self.concepts_into(text, &toks, &ids, lang, scan);
        for (j, t) in toks.iter().enumerate() {
            if covered[j] {
                continue;
            }
            let w = &ids[j];
            let name = t.all_caps || (t.capitalised && t.mid_sentence);
            if name && (t.all_caps || (!w.stop_en && !w.stop_it && !w.common_capitalised)) {
                if w.long {
                    if self.record_spellings {
                        let surface = &text[t.range.clone()];
                        self.spellings
                            .entry(w.surface)
                            .or_insert_with(|| surface.to_string());
                    }
                    scan.names.push(w.surface);
                }
                continue;
            }
            if lang == Lang::Other || w.is_stop(lang) || !w.contentful || w.all_digits {
                continue;
            }
            let stem = w.stem(lang);
            if self.record_spellings {
                let surface = &text[t.range.clone()];
                self.spellings
                    .entry(stem)
                    .or_insert_with(|| text::fold(surface).into_owned());
            }
            scan.words.push(stem);
        }
    }

    /// Adds only what themes are scored on (entity mentions, keywords, length) to `scan`,
    /// leaving names and words empty: for tagging, where nothing is linked.
    pub fn scan_themes_into(&mut self, text: &str, lang: Lang, scan: &mut Scan) {
        let toks = text::tokens(text);
        let ids: Vec<WordIds> = toks
            .iter()
            .map(|t| self.word(&text[t.range.clone()]))
            .collect();
        self.concepts_into(text, &toks, &ids, lang, scan);
    }

    /// What extraction needs from one sentence, in one pass over its words (`toks` are the
    /// sentence's tokens): the ids of its content words (stems, comparable within this tagger,
    /// in order, repeats kept; the same words `text::content_stems` keeps) and how many entity
    /// mentions and theme keywords it holds.
    pub fn sentence_features(
        &mut self,
        text: &str,
        toks: &[Token],
        lang: Lang,
    ) -> (Vec<u32>, usize) {
        let ids: Vec<WordIds> = toks
            .iter()
            .map(|t| self.word(&text[t.range.clone()]))
            .collect();
        let mut scan = Scan::default();
        self.concepts_into(text, toks, &ids, lang, &mut scan);
        let concepts = scan.entities.iter().map(|e| e.1 as usize).sum::<usize>()
            + scan
                .keyword_hits
                .iter()
                .map(|k| k.1 as usize)
                .sum::<usize>();
        let stems = ids
            .iter()
            .filter(|w| !w.is_stop(lang) && w.contentful)
            .map(|w| w.stem(lang))
            .collect();
        (stems, concepts)
    }

    /// Entities and keywords of one text into `scan`; returns which tokens an entity covered.
    fn concepts_into(
        &self,
        text: &str,
        toks: &[Token],
        ids: &[WordIds],
        lang: Lang,
        scan: &mut Scan,
    ) -> Vec<bool> {
        let n = toks.len();
        scan.len += n;
        let mut covered = vec![false; n];

        // Entities first: their words are then not names or plain words.
        let mut i = 0;
        while i < n {
            let hit = self.lex.aliases.longest_at(
                i,
                n,
                |j| ids[j].surface,
                |case, at| case_ok(case, text, toks, at),
            );
            match hit {
                Some(p) => {
                    for &e in &p.targets {
                        bump(&mut scan.entities, e);
                    }
                    covered[i..i + p.ids.len()].fill(true);
                    i += p.ids.len();
                }
                None => i += 1,
            }
        }

        // Keywords in the text's own language (both when the language is unknown), so the
        // English "ai" never matches the Italian article "ai".
        let indexes: &[(&PhraseIndex, bool)] = match lang {
            Lang::En => &[(&self.lex.keywords_en, true)],
            Lang::It => &[(&self.lex.keywords_it, false)],
            Lang::Other => &[
                (&self.lex.keywords_en, true),
                (&self.lex.keywords_it, false),
            ],
        };
        for (index, english) in indexes {
            let stem = |j: usize| {
                if *english {
                    ids[j].stem_en
                } else {
                    ids[j].stem_it
                }
            };
            let mut i = 0;
            while i < n {
                match index.longest_at(i, n, stem, |_, _| true) {
                    Some(p) => {
                        for &t in &p.targets {
                            bump(&mut scan.keyword_hits, t);
                        }
                        i += p.ids.len();
                    }
                    None => i += 1,
                }
            }
        }

        covered
    }

    /// Theme scores of a scanned text, best first, above [`THEME_THRESHOLD`].
    pub fn themes(&self, scan: &Scan) -> Vec<ThemeScore> {
        theme_scores(self.lex, scan)
    }
}

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
            id: lex.themes[i].id.clone(),
            score: ((r / norm) * 1000.0).round() / 1000.0,
        })
        .filter(|t| t.score >= THEME_THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

fn bump(counts: &mut Vec<(usize, u32)>, key: usize) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += 1,
        None => counts.push((key, 1)),
    }
}

fn case_ok(case: &CaseRule, text: &str, toks: &[Token], at: usize) -> bool {
    match case {
        CaseRule::Any => true,
        CaseRule::Capitalised => toks[at].capitalised,
        CaseRule::Acronym(surfaces) => surfaces.iter().enumerate().all(|(k, s)| {
            let got = &text[toks[at + k].range.clone()];
            got == s
                || (s.chars().count() == 4
                    && surfaces.len() == 1
                    && toks[at].capitalised
                    && got.chars().skip(1).all(char::is_lowercase)
                    && got.to_uppercase() == *s)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Arc<Lexicon> {
        Lexicon::builtin()
    }

    fn entity_ids(text: &str, lang: Lang) -> Vec<String> {
        let lex = lex();
        let mut tagger = Tagger::new(&lex);
        let scan = tagger.scan(text, lang);
        let mut ids: Vec<String> = scan
            .entities
            .iter()
            .map(|(e, _)| lex.entities[*e].id.clone())
            .collect();
        ids.sort();
        ids
    }

    fn theme_ids(text: &str, lang: Lang) -> Vec<String> {
        let lex = lex();
        let mut tagger = Tagger::new(&lex);
        let scan = tagger.scan(text, lang);
        tagger.themes(&scan).into_iter().map(|t| t.id).collect()
    }

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
    fn entities_across_languages_and_apostrophes() {
        assert_eq!(
            entity_ids("Tokyo and Rome agreed; Japan’s navy sails.", Lang::En),
            ["italy", "japan"]
        );
        assert_eq!(
            entity_ids(
                "Il ministro giapponese e l’omologo italiano a Pechino.",
                Lang::It
            ),
            ["china", "italy", "japan"]
        );
        // Typographic and ASCII apostrophes agree with the lexicon's ASCII ones.
        assert_eq!(
            entity_ids("Fratelli d’Italia vota.", Lang::It),
            ["fratelli-d-italia"]
        );
        assert_eq!(
            entity_ids("Fratelli d'Italia vota.", Lang::It),
            ["fratelli-d-italia"]
        );
        assert_eq!(
            entity_ids("the People’s Republic of China", Lang::En),
            ["china"]
        );
    }

    #[test]
    fn accents_fold_both_ways() {
        assert_eq!(
            entity_ids("Shinjiro Koizumi", Lang::En),
            ["shinjiro-koizumi"]
        );
        assert_eq!(
            entity_ids("Shinjirō Koizumi", Lang::En),
            ["shinjiro-koizumi"]
        );
        assert_eq!(
            entity_ids("Erdogan e Erdoğan", Lang::It),
            ["recep-tayyip-erdogan"]
        );
        assert_eq!(
            theme_ids("Più interoperabilita tra le marine.", Lang::It),
            theme_ids("Più interoperabilità tra le marine.", Lang::It)
        );
    }

    #[test]
    fn short_acronyms_are_case_sensitive() {
        assert_eq!(
            entity_ids("The US and the EU signed.", Lang::En),
            ["eu", "united-states"]
        );
        assert!(entity_ids("Tell us about it.", Lang::En).is_empty());
        assert!(
            entity_ids("È un accordo storico.", Lang::It).is_empty(),
            "Italian article un is not the UN"
        );
        assert_eq!(entity_ids("L’ONU e la UE.", Lang::It), ["eu", "un"]);
        assert_eq!(entity_ids("il vertice Nato di Oslo", Lang::It), ["nato"]);
        assert_eq!(
            entity_ids("backed by the U.S. Navy", Lang::En),
            ["united-states"]
        );
    }

    #[test]
    fn capitalised_single_word_aliases_need_capitals() {
        assert_eq!(entity_ids("The Tempest programme", Lang::En), ["gcap"]);
        assert!(entity_ids("a tempest in a teapot", Lang::En).is_empty());
    }

    #[test]
    fn keywords_match_on_stems_in_their_language() {
        // Plural and singular, English and Italian.
        assert!(
            theme_ids("New missiles and naval deployments.", Lang::En)
                .contains(&"defence-industry".to_string())
        );
        assert!(
            theme_ids("Nuovi missili per la Marina.", Lang::It)
                .contains(&"defence-industry".to_string())
        );
        // Phrases match as stem sequences.
        assert!(
            theme_ids("Le catene di approvvigionamento sono fragili.", Lang::It)
                .contains(&"economic-security".to_string())
        );
        // The English keyword "ai" does not fire on the Italian preposition.
        assert!(
            !theme_ids(
                "Crosetto ha parlato ai giornalisti ai margini del vertice.",
                Lang::It
            )
            .contains(&"ai".to_string())
        );
    }

    #[test]
    fn names_skip_sentence_starts_stop_words_and_entities() {
        let lex = lex();
        let mut tagger = Tagger::new(&lex);
        let text = "The Cavour sailed with Japan. Security matters to Rome and the JMSDF.";
        let scan = tagger.scan(text, Lang::En);
        let names: Vec<&str> = scan
            .names
            .iter()
            .map(|id| tagger.spelling(*id).unwrap())
            .collect();
        assert_eq!(
            names,
            Vec::<&str>::new(),
            "Cavour, Japan, Rome and JMSDF are entities; The/Security start sentences"
        );
        let scan = tagger.scan(
            "Talks in Kasumigaseki and the Pax Silica logic, said the PLA.",
            Lang::En,
        );
        let names: Vec<&str> = scan
            .names
            .iter()
            .map(|id| tagger.spelling(*id).unwrap())
            .collect();
        assert_eq!(
            names,
            ["PLA"],
            "Kasumigaseki is an alias of Japan, Pax Silica an entity"
        );
    }

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
            naval.label_it, "Seas",
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
