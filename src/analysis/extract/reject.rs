//! The exclusions: what makes a sentence never a takeaway (a title, a byline, a credit, a
//! link, boilerplate, a question, a heading or a fragment), decided on the sentence alone. Runs
//! on every sentence of every document, so each test is cheap and the common case exits early.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::context::Context;
use crate::analysis::text;

/// Fewer words than this is a fragment, not a claim.
pub const MIN_WORDS: usize = 8;
/// More words than this is a run-on list or a parsing accident.
pub const MAX_WORDS: usize = 80;

/// Why a sentence can never be a takeaway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    /// Ends with a question mark: briefings answer, takeaways do not ask.
    Question,
    /// Fewer than [`MIN_WORDS`] words.
    Fragment,
    /// More than [`MAX_WORDS`] words.
    TooLong,
    /// No closing punctuation and short: a heading or a caption.
    HeadingLike,
    /// Contains an e-mail address or a URL.
    EmailOrLink,
    /// Photo credits, copyright and licence lines.
    Credit,
    /// "By Jane Doe", "di Marta Giordano", "Par Jean Dupont", "Von Anna Schmidt", "Por Ana
    /// García", or mostly the document's byline.
    Byline,
    /// The document's title.
    Title,
    /// "Read more", "Leggi anche", "Lire aussi", "Mehr zum Thema", "Lee también", subscription
    /// prompts.
    Boilerplate,
}

/// Whether `sentence` may be a takeaway at all, and if not why.
pub fn check(sentence: &str, ctx: &Context) -> Result<(), Reject> {
    check_with(sentence, ctx, &Title::of(ctx.title))
}

/// The document's title, tokenized once for every sentence's title check.
pub(super) struct Title<'a> {
    /// Without a closing "…" or ".".
    text: &'a str,
    toks: Vec<text::Token>,
    /// Ends with "…": sentences starting with it are the title too.
    truncated: bool,
}

impl<'a> Title<'a> {
    pub(super) fn of(title: &'a str) -> Self {
        let text = title.trim_end_matches(['…', '.', ' ']);
        Title {
            text,
            toks: text::tokens(text),
            truncated: title.ends_with('…'),
        }
    }
}

fn check_with(sentence: &str, ctx: &Context, title: &Title) -> Result<(), Reject> {
    let s = sentence.trim();
    check_tokens(s, &text::tokens(s), ctx, title)
}

/// [`check`] of a trimmed sentence `s` whose tokens are `toks` (the extractor needs them too).
pub(super) fn check_tokens(
    s: &str,
    toks: &[text::Token],
    ctx: &Context,
    title: &Title,
) -> Result<(), Reject> {
    let lower = s.to_lowercase();
    let words = toks
        .iter()
        .filter(|t| s[t.range.clone()].chars().any(char::is_alphabetic))
        .count();
    if !ctx.title.is_empty() && is_title(s, toks, title) {
        return Err(Reject::Title);
    }
    let found = Anywhere::of(&lower);
    if found.link || has_email(&lower) {
        return Err(Reject::EmailOrLink);
    }
    if found.credit || CREDIT_STARTS.iter().any(|c| lower.starts_with(c)) {
        return Err(Reject::Credit);
    }
    if BOILERPLATE.iter().any(|b| lower.starts_with(b)) {
        return Err(Reject::Boilerplate);
    }
    if is_byline(s, &lower, words, ctx.byline) {
        return Err(Reject::Byline);
    }
    let end = s.trim_end_matches(CLOSERS);
    if end.ends_with('?') {
        return Err(Reject::Question);
    }
    let (letters, upper) = letters_and_capitals(s);
    let ends_like_sentence = end.ends_with(['.', '!', '…']);
    if (!ends_like_sentence && words < 15) || (letters > 0 && upper * 10 > letters * 7) {
        return Err(Reject::HeadingLike);
    }
    if words < MIN_WORDS {
        return Err(Reject::Fragment);
    }
    if words > MAX_WORDS {
        return Err(Reject::TooLong);
    }
    Ok(())
}

const CLOSERS: &[char] = &['”', '’', '"', '\'', '»', ')', ']', ' '];

/// Prefixes of lower-cased page furniture. Accented words are listed with and without their
/// accents too, since scraped and typed text often drops them ("A lire aussi", "Leer mas").
const BOILERPLATE: &[&str] = &[
    "read more",
    "read also",
    "see also",
    "related:",
    "subscribe",
    "sign up",
    "follow us",
    "click here",
    "advertisement",
    "leggi anche",
    "leggi di più",
    "vedi anche",
    "iscriviti",
    "seguici",
    "clicca qui",
    "pubblicità",
    "correlati:",
    "articoli correlati",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "abonnez-vous",
    "mehr zum thema",
    "lesen sie auch",
    // With its colon: "Auch interessant ist, dass …" is a sentence.
    "auch interessant:",
    "jetzt abonnieren",
    "leer más",
    "leer mas",
    "lee también",
    "lee tambien",
    "te puede interesar",
    "suscríbete",
    "suscribete",
];

const CREDIT_STARTS: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "foto:",
    "foto di",
    "image:",
    "image credit",
    "immagine:",
    "credit",
    "crediti",
    "copyright",
    "(c) ",
    "source:",
    "fonte:",
    "getty",
    "reuters/",
    "afp/",
    "ansa/",
    "ap photo",
    "licensed under",
    "licence:",
    "license:",
    // French sets a space before the colon. Not a bare "crédit": "Crédit Agricole a …" is news.
    "photo :",
    "photos :",
    "crédit photo",
    "crédits photo",
    "bild:",
];

const CREDIT_ANYWHERE: &[&str] = &[
    "©",
    "getty images",
    "all rights reserved",
    "riproduzione riservata",
    "tutti i diritti riservati",
    "creative commons",
    "cc by",
    "reuters/",
    "afp/",
    "ansa/",
    "(ap photo",
    "shutterstock",
    "tous droits réservés",
    "tous droits reserves",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
];

/// Links, as they show in a lower-cased sentence.
const LINKS: &[&str] = &["http://", "https://", "www."];

/// [`LINKS`] and [`CREDIT_ANYWHERE`] in one automaton: one pass over each sentence instead of
/// one substring search per pattern (nineteen passes), which was 2 % of a cold load.
static ANYWHERE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(LINKS.iter().chain(CREDIT_ANYWHERE)).expect("fixed, valid patterns")
});

/// Which of the patterns searched anywhere a lower-cased sentence contains.
struct Anywhere {
    /// One of [`LINKS`].
    link: bool,
    /// One of [`CREDIT_ANYWHERE`].
    credit: bool,
}

impl Anywhere {
    fn of(lower: &str) -> Anywhere {
        let mut found = Anywhere {
            link: false,
            credit: false,
        };
        // Overlapping: a match of one kind must not hide one of the other.
        for m in ANYWHERE.find_overlapping_iter(lower) {
            if m.pattern().as_usize() < LINKS.len() {
                found.link = true;
            } else {
                found.credit = true;
            }
            if found.link && found.credit {
                break;
            }
        }
        found
    }
}

/// Letters and upper-case letters in `s`, in one pass (bytes when `s` is ASCII): the check
/// runs on every sentence of every document.
fn letters_and_capitals(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        s.bytes().fold((0, 0), |(l, u), b| {
            (
                l + usize::from(b.is_ascii_alphabetic()),
                u + usize::from(b.is_ascii_uppercase()),
            )
        })
    } else {
        s.chars().fold((0, 0), |(l, u), c| {
            (
                l + usize::from(c.is_alphabetic()),
                u + usize::from(c.is_uppercase()),
            )
        })
    }
}

/// An e-mail address: a word with something before an '@' and a dot after it.
fn has_email(lower: &str) -> bool {
    // Most sentences have no '@' at all: one memchr instead of splitting into words.
    memchr::memchr(b'@', lower.as_bytes()).is_some()
        && lower.split_whitespace().any(|w| {
            w.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        })
}

fn is_byline(s: &str, lower: &str, words: usize, byline: Option<&str>) -> bool {
    if let Some(b) = byline.filter(|b| !b.is_empty())
        && s.contains(b)
        && words <= b.split_whitespace().count() + 4
    {
        return true;
    }
    let names_follow = |rest: &str| {
        let ws: Vec<&str> = rest.split_whitespace().collect();
        !ws.is_empty()
            && ws.len() <= 6
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3)
    };
    // "Par ailleurs, …", "Por otra parte, …", "Von Berlin aus gesehen …" fail `names_follow`:
    // a lower-case word longer than a particle is not part of a name.
    let after =
        |prefix: &str| lower.starts_with(prefix) && s.get(prefix.len()..).is_some_and(names_follow);
    ["by ", "di ", "par ", "von ", "por "]
        .into_iter()
        .any(after)
        || lower.starts_with("a cura di ")
}

/// Whether `s` (with tokens `st`) is the title, word for word once folded, or starts with a
/// title truncated with "…". Compares word by word and stops at the first difference: it runs
/// for every candidate sentence, and almost all differ in their first word.
fn is_title(s: &str, st: &[text::Token], title: &Title) -> bool {
    let tt = &title.toks;
    if tt.is_empty() || st.len() < tt.len() || (!title.truncated && st.len() != tt.len()) {
        return false;
    }
    tt.iter()
        .zip(st)
        .all(|(a, b)| text::fold(&title.text[a.range.clone()]) == text::fold(&s[b.range.clone()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::extract::tests::ctx;

    #[test]
    fn exclusions() {
        let c = ctx(
            "Italy and Japan deepen their partnership",
            Some("Jane Doe"),
            "en",
        );
        let cases: &[(&str, Reject)] = &[
            ("Italy and Japan deepen their partnership", Reject::Title),
            (
                "Will Rome keep its promises to Tokyo on defence spending next year?",
                Reject::Question,
            ),
            (
                "«Quanto costerà davvero il programma GCAP ai contribuenti italiani?»",
                Reject::Question,
            ),
            (
                "Photo: the Cavour carrier leaving Taranto for its long Pacific deployment.",
                Reject::Credit,
            ),
            (
                "Foto: la portaerei Cavour lascia Taranto per il lungo dispiegamento nel Pacifico.",
                Reject::Credit,
            ),
            (
                "The carrier leaves Taranto in a picture taken on Monday (Reuters/Remo Casilli).",
                Reject::Credit,
            ),
            (
                "© 2025 Example Media Group, all rights reserved, reproduction prohibited.",
                Reject::Credit,
            ),
            (
                "Getty Images via the Italian Ministry of Defence press office archive.",
                Reject::Credit,
            ),
            (
                "Riproduzione riservata di questo articolo e delle immagini che lo accompagnano.",
                Reject::Credit,
            ),
            (
                "Write to the desk at briefings@example.org for corrections and comments.",
                Reject::EmailOrLink,
            ),
            (
                "The full text of the agreement is at https://example.org/agreement today.",
                Reject::EmailOrLink,
            ),
            ("By Jane Doe and John Smith", Reject::Byline),
            ("Jane Doe, Senior Fellow.", Reject::Byline),
            (
                "Industria militare e scambi tecnologici",
                Reject::HeadingLike,
            ),
            (
                "THE CARRIER STRIKE GROUP SAILS EAST FOR THE FIRST TIME IN YEARS.",
                Reject::HeadingLike,
            ),
            ("Italy signed it.", Reject::Fragment),
            (
                "Leggi anche: il piano Mattei e la strategia italiana verso l’Africa subsahariana.",
                Reject::Boilerplate,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(check(s, &c), Err(*want), "{s}");
        }
        assert_eq!(
            check(
                "Japan is Italy’s anchor partner beyond Europe, and the partnership keeps growing.",
                &c
            ),
            Ok(())
        );
        let long = "word ".repeat(90) + ".";
        assert_eq!(check(&long, &c), Err(Reject::TooLong));
    }

    #[test]
    fn truncated_title_excludes_the_standfirst_it_came_from() {
        let c = ctx(
            "Italy is seeking to anchor its role through key partnerships…",
            None,
            "en",
        );
        assert_eq!(
            check(
                "Italy is seeking to anchor its role through key partnerships across an increasingly interconnected space.",
                &c
            ),
            Err(Reject::Title)
        );
    }

    #[test]
    fn exclusions_in_french_german_and_spanish() {
        let cases: &[(&str, Reject)] = &[
            (
                "Lire aussi : la France commande douze frégates pour sa marine nationale.",
                Reject::Boilerplate,
            ),
            (
                "À lire aussi : le budget des armées progresse encore de sept pour cent.",
                Reject::Boilerplate,
            ),
            (
                "A lire aussi : les chantiers navals de Brest recrutent trois cents ouvriers.",
                Reject::Boilerplate,
            ),
            (
                "Voir aussi notre dossier complet sur la défense européenne et ses industries.",
                Reject::Boilerplate,
            ),
            (
                "Abonnez-vous à notre lettre quotidienne pour recevoir toutes nos analyses.",
                Reject::Boilerplate,
            ),
            (
                "Mehr zum Thema: Die Bundeswehr bestellt weitere Fregatten für die Marine.",
                Reject::Boilerplate,
            ),
            (
                "Lesen Sie auch: Warum die Munitionsproduktion in Europa so langsam wächst.",
                Reject::Boilerplate,
            ),
            (
                "Auch interessant: Die Marine testet neue Drohnen in der Ostsee vor Kiel.",
                Reject::Boilerplate,
            ),
            (
                "Jetzt abonnieren und alle Analysen zur Sicherheitspolitik direkt lesen.",
                Reject::Boilerplate,
            ),
            (
                "Leer más: el Gobierno aprueba el nuevo plan de defensa para la próxima década.",
                Reject::Boilerplate,
            ),
            (
                "Lee también: España y Portugal firman un acuerdo naval en Lisboa este lunes.",
                Reject::Boilerplate,
            ),
            (
                "Te puede interesar: la industria de defensa española busca nuevos socios.",
                Reject::Boilerplate,
            ),
            (
                "Suscríbete a nuestro boletín y recibe cada mañana las noticias de defensa.",
                Reject::Boilerplate,
            ),
            (
                "Suscribete a nuestro boletin y recibe cada mañana las noticias de defensa.",
                Reject::Boilerplate,
            ),
            (
                "Crédit photo : Ministère des Armées, service de communication de la défense.",
                Reject::Credit,
            ),
            (
                "Photo : le porte-avions Charles de Gaulle quitte Toulon pour la Méditerranée.",
                Reject::Credit,
            ),
            (
                "Reproduction interdite sans accord écrit, tous droits réservés pour tous pays.",
                Reject::Credit,
            ),
            (
                "Foto: Die Fregatte Hessen läuft aus Wilhelmshaven zu ihrem Einsatz aus.",
                Reject::Credit,
            ),
            (
                "Bild: Verteidigungsminister und Generalinspekteur bei der Übung in Munster.",
                Reject::Credit,
            ),
            (
                "Nachdruck nur mit Genehmigung des Verlags, alle Rechte vorbehalten, 2026.",
                Reject::Credit,
            ),
            (
                "Foto: el buque Juan Carlos I zarpa de Rota rumbo al Mediterráneo oriental.",
                Reject::Credit,
            ),
            (
                "Prohibida su reproducción total o parcial, todos los derechos reservados.",
                Reject::Credit,
            ),
            ("Par Jean Dupont", Reject::Byline),
            ("par Marie-Claire de La Tour", Reject::Byline),
            ("Von Anna Schmidt und Jonas Weber", Reject::Byline),
            ("VON ANNA SCHMIDT", Reject::Byline),
            ("Por Ana García y Luis Pérez", Reject::Byline),
        ];
        let c = ctx("Défense européenne", None, "fr");
        for (s, want) in cases {
            assert_eq!(check(s, &c), Err(*want), "{s}");
        }
        // Prose that starts like a byline, a credit or a page prompt is kept.
        for s in [
            "Par ailleurs, le ministre a confirmé la commande de douze frégates.",
            "Por otra parte, el Gobierno aprobó ayer el nuevo plan de defensa.",
            "Von Berlin aus gesehen ist die Lage an der Ostflanke ernst geworden.",
            "Crédit Agricole a financé une partie du programme européen de munitions.",
            "Auch interessant ist, dass die Marine zwei weitere Fregatten bestellt hat.",
            "Bildung und Forschung erhalten im neuen Haushalt deutlich mehr Geld.",
            "Photovoltaïque et éolien fournissent désormais un tiers de l’électricité des bases.",
            "Voiture blindée, drones et radars composent la commande annoncée mardi.",
        ] {
            assert_eq!(check(s, &c), Ok(()), "{s}");
        }
    }
}
