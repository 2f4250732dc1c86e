//! The tagger: one pass over a text's words finds entity mentions, theme keywords, unknown
//! names and content words, with a per-tagger cache so each distinct word is folded and
//! stemmed once. Matching only; what the matches weigh is scoring's business.

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap as HashMap;

use super::lexicon::Lexicon;
use super::phrases::case_ok;
use super::scan::Scan;
use super::score::theme_scores;
use crate::analysis::text::{self, Lang, Token};
use crate::model::ThemeScore;

/// Ids of one word in the lexicon's and the tagger's vocabularies, and what its folded form
/// is, computed once per distinct word instead of once per occurrence.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    surface: u32,
    /// Stem ids by [`Lang::slot`], [`UNSET`] until a text in that language asks: most words
    /// are only ever seen in one language, and stemming is most of a word's first cost.
    stems: [u32; Lang::KNOWN.len()],
    /// Bit `slot` set when the word is a function word in that language.
    stops: u8,
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
        let bits = match lang.slot() {
            Some(i) => 1 << i,
            None => Lang::En.bit() | Lang::It.bit(),
        };
        self.stops & bits != 0
    }

    /// The id that stands for this word's content in `lang`: its stem there, or its folded
    /// form when the language has no stemmer. The tagger fills the stem before asking.
    fn stem(&self, lang: Lang) -> u32 {
        match lang.slot() {
            Some(i) => {
                debug_assert_ne!(self.stems[i], UNSET, "stem asked before it was computed");
                self.stems[i]
            }
            None => self.surface,
        }
    }
}

/// A stem slot not computed yet.
const UNSET: u32 = u32::MAX;

impl Lang {
    fn bit(self) -> u8 {
        self.slot().map_or(0, |i| 1 << i)
    }

    /// The languages whose stems a text in `self` is matched with: its own, or English and
    /// Italian for an unknown language (the keyword tables it is tried against).
    fn stem_langs(self) -> &'static [Lang] {
        match self {
            Lang::En => &[Lang::En],
            Lang::It => &[Lang::It],
            Lang::Fr => &[Lang::Fr],
            Lang::De => &[Lang::De],
            Lang::Es => &[Lang::Es],
            Lang::Other => &[Lang::En, Lang::It],
        }
    }
}

/// Tags texts with a lexicon. Holds a cache of words → ids, so repeated words (most of them, in
/// any corpus) cost one hash lookup. Ids are stable for the tagger's lifetime, which
/// is what lets the linker compare names and stems across takeaways.
pub struct Tagger<'l> {
    lex: &'l Lexicon,
    /// One stemmer per language, by [`Lang::slot`].
    stemmers: [Stemmer; Lang::KNOWN.len()],
    cache: HashMap<String, WordIds>,
    /// Ids for stems and surfaces the lexicon does not know, continuing its numbering.
    extra: HashMap<String, u32>,
    /// Surface forms as first written, for explaining links ("Cavour", "interoperability").
    spellings: HashMap<u32, String>,
    /// Off for taggers whose ids never reach a link explanation (document tags, extraction).
    record_spellings: bool,
    buf: String,
    /// Buffers reused from text to text (tokens, their ids, which ones an entity covers, a
    /// sentence's matches): a cold load tags every block and sentence of every document, and
    /// allocating these per text was a good part of its allocations.
    toks: Vec<Token>,
    ids: Vec<WordIds>,
    covered: Vec<bool>,
    scratch: Scan,
}

impl<'l> Tagger<'l> {
    /// A tagger with an empty word cache; keep one per corpus so ids stay comparable.
    pub fn new(lex: &'l Lexicon) -> Self {
        Tagger {
            lex,
            stemmers: Lang::KNOWN.map(|l| l.stemmer().expect("every known language stems")),
            cache: HashMap::default(),
            extra: HashMap::default(),
            spellings: HashMap::default(),
            record_spellings: true,
            buf: String::new(),
            toks: Vec::new(),
            ids: Vec::new(),
            covered: Vec::new(),
            scratch: Scan::default(),
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
    /// of the folded form, which is a function of the surface, so a hit needs no folding. The
    /// stems `lang` is matched with are filled in on the way.
    fn word(&mut self, raw: &str, lang: Lang) -> WordIds {
        let langs = lang.stem_langs();
        let cached = self.cache.get(raw).copied();
        if let Some(ids) = cached
            && langs
                .iter()
                .all(|l| l.slot().is_some_and(|i| ids.stems[i] != UNSET))
        {
            return ids;
        }
        let mut buf = std::mem::take(&mut self.buf);
        text::fold_into(raw, &mut buf);
        let mut ids = match cached {
            Some(ids) => ids,
            None => WordIds {
                surface: self.id_of(&buf),
                stems: [UNSET; Lang::KNOWN.len()],
                stops: Lang::KNOWN
                    .iter()
                    .filter(|l| l.is_stop(&buf))
                    .fold(0, |bits, l| bits | l.bit()),
                contentful: text::is_contentful(&buf),
                common_capitalised: text::is_common_capitalised(&buf),
                long: buf.chars().nth(1).is_some(),
                all_digits: buf.bytes().all(|b| b.is_ascii_digit()),
            },
        };
        for l in langs {
            let slot = l.slot().expect("stem languages are known ones");
            if ids.stems[slot] == UNSET {
                let stem = self.stemmers[slot].stem(&buf).into_owned();
                ids.stems[slot] = self.id_of(&stem);
            }
        }
        self.cache.insert(raw.to_string(), ids);
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
        // The themes' part first; it leaves `text`'s tokens, ids and coverage in the buffers.
        self.scan_themes_into(text, lang, scan);
        let toks = std::mem::take(&mut self.toks);
        let ids = std::mem::take(&mut self.ids);
        let covered = std::mem::take(&mut self.covered);
        for (j, t) in toks.iter().enumerate() {
            if covered[j] {
                continue;
            }
            let w = &ids[j];
            let name =
                t.all_caps || (lang.capitals_mark_names() && t.capitalised && t.mid_sentence);
            let stop = w.is_stop(lang) || w.is_stop(Lang::Other);
            if name && (t.all_caps || (!stop && !w.common_capitalised)) {
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
        self.toks = toks;
        self.ids = ids;
        self.covered = covered;
    }

    /// Adds only what themes are scored on (entity mentions, keywords, length) to `scan`,
    /// leaving names and words empty: for tagging, where nothing is linked.
    pub fn scan_themes_into(&mut self, text: &str, lang: Lang, scan: &mut Scan) {
        let mut toks = std::mem::take(&mut self.toks);
        let mut ids = std::mem::take(&mut self.ids);
        let mut covered = std::mem::take(&mut self.covered);
        text::tokens_into(text, &mut toks);
        self.ids_into(text, &toks, lang, &mut ids);
        self.concepts_into(text, &toks, &ids, lang, scan, &mut covered);
        self.toks = toks;
        self.ids = ids;
        self.covered = covered;
    }

    /// The ids of each of `toks` (tokens of `text`) into `ids`, cleared first.
    fn ids_into(&mut self, text: &str, toks: &[Token], lang: Lang, ids: &mut Vec<WordIds>) {
        ids.clear();
        ids.extend(toks.iter().map(|t| self.word(&text[t.range.clone()], lang)));
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
        let mut ids = std::mem::take(&mut self.ids);
        let mut covered = std::mem::take(&mut self.covered);
        let mut scan = std::mem::take(&mut self.scratch);
        self.ids_into(text, toks, lang, &mut ids);
        scan.entities.clear();
        scan.keyword_hits.clear();
        self.concepts_into(text, toks, &ids, lang, &mut scan, &mut covered);
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
        self.ids = ids;
        self.covered = covered;
        self.scratch = scan;
        (stems, concepts)
    }

    /// Entities and keywords of one text into `scan`; `covered` (cleared first) says which
    /// tokens an entity covered.
    fn concepts_into(
        &self,
        text: &str,
        toks: &[Token],
        ids: &[WordIds],
        lang: Lang,
        scan: &mut Scan,
        covered: &mut Vec<bool>,
    ) {
        let n = toks.len();
        scan.len += n;
        covered.clear();
        covered.resize(n, false);

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

        // Keywords in the text's own language (English and Italian when the language is
        // unknown), so the English "ai" never matches the Italian article "ai".
        for &kl in lang.stem_langs() {
            let slot = kl.slot().expect("stem languages are known ones");
            let index = &self.lex.keywords[slot];
            let stem = |j: usize| ids[j].stems[slot];
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
    }

    /// Theme scores of a scanned text, best first, above [`THEME_THRESHOLD`](super::score::THEME_THRESHOLD).
    pub fn themes(&self, scan: &Scan) -> Vec<ThemeScore> {
        theme_scores(self.lex, scan)
    }
}

fn bump(counts: &mut Vec<(usize, u32)>, key: usize) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += 1,
        None => counts.push((key, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::themes::testing::{entity_ids, lex, theme_ids};

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
    fn each_language_matches_its_own_keywords_only() {
        let user = r#"{"themes": [{"id": "arms", "label": {"en": "Arms", "fr": "Armes"},
            "keywords": {"fr": ["industrie de défense"], "de": ["Rüstungsindustrie"],
                         "es": ["industria de defensa"]}}]}"#;
        let lex = Lexicon::from_sources(&[("mine.json", user)]).unwrap();
        let mut tagger = Tagger::new(&lex);
        let hits = |tagger: &mut Tagger, text: &str, lang: Lang| {
            tagger.scan(text, lang).keyword_hits.len()
        };
        let fr = "Les industries de défense européennes.";
        let de = "Die deutschen Rüstungsindustrien wachsen.";
        let es = "Las industrias de defensa de España.";
        assert_eq!(hits(&mut tagger, fr, Lang::Fr), 1, "plural, accents");
        assert_eq!(hits(&mut tagger, de, Lang::De), 1, "a compound, inflected");
        assert_eq!(hits(&mut tagger, es, Lang::Es), 1);
        assert_eq!(
            hits(&mut tagger, es, Lang::Fr),
            0,
            "Spanish keywords stay Spanish"
        );
        assert_eq!(
            hits(&mut tagger, fr, Lang::Other),
            0,
            "unknown: English and Italian"
        );
        assert_eq!(lex.themes[0].label_in(Lang::Fr), "Armes");
        assert_eq!(
            lex.themes[0].label_in(Lang::De),
            "Arms",
            "English where none"
        );
    }

    #[test]
    fn german_nouns_are_words_not_names() {
        let lex = lex();
        let mut tagger = Tagger::new(&lex);
        let scan = tagger.scan(
            "Die Regierung prüft die Beschaffung neuer Fregatten mit der NATO.",
            Lang::De,
        );
        assert!(scan.names.is_empty(), "{:?}", scan.names);
        assert_eq!(
            scan.words.len(),
            5,
            "Regierung prüft Beschaffung neuer Fregatten"
        );
        let scan = tagger.scan("Le ministre a reçu Dupont à Toulon.", Lang::Fr);
        assert!(!scan.names.is_empty(), "French capitals still mark names");
    }

    #[test]
    fn entities_and_themes_in_french_german_and_spanish() {
        for (text, lang) in [
            (
                "Le Japon et l’Italie renforcent le GCAP au sein de l’OTAN.",
                Lang::Fr,
            ),
            (
                "Japan und Italien stärken GCAP innerhalb der NATO.",
                Lang::De,
            ),
            (
                "Japón e Italia refuerzan el GCAP dentro de la OTAN.",
                Lang::Es,
            ),
        ] {
            assert_eq!(
                entity_ids(text, lang),
                ["gcap", "italy", "japan", "nato"],
                "{text}"
            );
        }
        for (text, lang) in [
            (
                "L’industrie de défense française augmente la production de munitions.",
                Lang::Fr,
            ),
            (
                "Die Rüstungsindustrie erhöht die Produktion von Munition.",
                Lang::De,
            ),
            (
                "La industria de defensa aumenta la producción de munición.",
                Lang::Es,
            ),
        ] {
            assert!(
                theme_ids(text, lang).contains(&"defence-industry".to_string()),
                "{text}: {:?}",
                theme_ids(text, lang)
            );
        }
        assert!(
            theme_ids("Le vignoble souffre de la sécheresse et du gel.", Lang::Fr)
                .iter()
                .all(|t| t != "defence-industry"),
            "farming is not defence"
        );
    }

    #[test]
    fn theme_keys_accept_every_languages_label() {
        let lex = lex();
        let defence = lex.theme_index("defence-industry").unwrap();
        for key in [
            "industrie de def",
            "Rüstungsindustrie",
            "industria de defensa",
        ] {
            assert_eq!(
                lex.theme_by_prefix(key),
                crate::analysis::themes::ThemeLookup::Unique(defence),
                "{key}"
            );
        }
    }
}
