//! Assigns meaning to raw blocks: which is the title, the byline, the date, a section heading.
//! Shared by every format, so a rule fixed here is fixed for scraped text, Markdown and JSON.

use super::date;
use super::inline::{fold_whitespace, is_furniture};
use super::raw::{RawBlock, RawKind};
use crate::model::{Block, BlockKind, Date};

/// Metadata a format states outright (JSON fields); it wins over what the body suggests.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<Date>,
}

/// A body with its metadata found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub title: String,
    pub standfirst: Option<String>,
    pub byline: Option<String>,
    pub contact: Option<String>,
    pub date: Option<Date>,
    pub blocks: Vec<Block>,
}

/// How far into the file metadata (title, byline, contact, date) may appear.
const HEADER_ZONE: usize = 8;
/// A first paragraph longer than this, ending like a sentence, is a standfirst, not a title.
const STANDFIRST_MIN_CHARS: usize = 100;
const TITLE_MAX_CHARS: usize = 72;

/// Builds the document structure from raw blocks.
pub fn build(raw: Vec<RawBlock>, hints: Hints) -> Parsed {
    let mut blocks = merge_markers(raw);
    blocks.retain(|b| !is_furniture(&b.text) && !is_web_leftover(&b.text));

    let mut parsed = Parsed {
        title: hints.title.clone().unwrap_or_default(),
        byline: hints.byline.clone(),
        date: hints.date,
        ..Parsed::default()
    };
    read_header(&mut blocks, &mut parsed);

    if parsed.title.is_empty() {
        parsed.title = fallback_title(&blocks);
    }
    if parsed.date.is_none() {
        parsed.date = blocks
            .iter()
            .take(HEADER_ZONE)
            .find_map(|b| dateline_end(&b.text).and_then(|end| date::find_date(&b.text[..end])))
            .map(|(d, _)| d);
    }
    parsed.blocks = classify_body(blocks);
    parsed
}

/// A marker alone on its line takes the next block's text as its item.
fn merge_markers(raw: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(raw.len());
    let mut pending = false;
    for block in raw {
        match block.kind {
            RawKind::Marker => pending = true,
            RawKind::Paragraph | RawKind::Bullet | RawKind::Quote if pending => {
                pending = false;
                out.push(RawBlock {
                    kind: RawKind::Bullet,
                    text: block.text,
                });
            }
            _ => {
                pending = false;
                out.push(block);
            }
        }
    }
    out
}

/// Walks the first blocks and takes metadata out of them; a standfirst stays as the first body
/// block, since its text is the article's lead.
fn read_header(blocks: &mut Vec<RawBlock>, parsed: &mut Parsed) {
    let mut i = 0;
    let mut seen = 0;
    while i < blocks.len() && seen < HEADER_ZONE {
        seen += 1;
        let text = blocks[i].text.as_str();
        let next = blocks.get(i + 1).map(|b| b.text.as_str());
        if dateline_end(text).is_some() {
            break;
        }
        if let Some(email) = email_of(text) {
            parsed.contact.get_or_insert(email);
            blocks.remove(i);
            continue;
        }
        if date::is_date_line(text) {
            if let Some((d, _)) = date::find_date(text) {
                parsed.date.get_or_insert(d);
            }
            blocks.remove(i);
            continue;
        }
        if let Some((name, d)) = byline_of(text) {
            parsed.byline.get_or_insert(name);
            if let Some(d) = d {
                parsed.date.get_or_insert(d);
            }
            blocks.remove(i);
            continue;
        }
        let next_is_contact_or_date =
            next.is_some_and(|n| email_of(n).is_some() || date::is_date_line(n));
        if is_name_like(text) && next_is_contact_or_date && parsed.byline.is_none() {
            parsed.byline = Some(text.to_string());
            blocks.remove(i);
            continue;
        }
        if !parsed.title.is_empty() {
            if same_text(text, &parsed.title) {
                blocks.remove(i);
                continue;
            }
            // Title known: only metadata may follow in the header; this is body.
            break;
        }
        match blocks[i].kind {
            RawKind::Heading(_) => {
                parsed.title = blocks.remove(i).text;
            }
            RawKind::Paragraph if is_standfirst(text) => {
                parsed.title = short_title(text);
                parsed.standfirst = Some(text.to_string());
                i += 1; // the standfirst stays in the body: its text is the lead
            }
            RawKind::Paragraph if text.chars().count() <= 200 => {
                parsed.title = blocks.remove(i).text;
            }
            _ => break,
        }
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A paragraph that ends like a sentence and is too long for a headline.
fn is_standfirst(text: &str) -> bool {
    let ends_sentence = text
        .trim_end_matches(['”', '"', '’', '»', ')'])
        .ends_with(['.', '!', '?', '…']);
    ends_sentence && text.chars().count() > STANDFIRST_MIN_CHARS
}

/// A headline-sized form of a long opening sentence: its first clause when short enough, else
/// whole words up to the limit without a dangling function word, and an ellipsis.
pub(crate) fn short_title(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= TITLE_MAX_CHARS {
        return text.trim_end_matches('.').to_string();
    }
    for sep in [": ", " – ", " — ", "; ", ", "] {
        if let Some(pos) = text.find(sep) {
            let clause = &text[..pos];
            let n = clause.chars().count();
            if (25..=TITLE_MAX_CHARS).contains(&n) {
                return clause.to_string();
            }
        }
    }
    let mut words: Vec<&str> = Vec::new();
    let mut len = 0;
    for w in text.split_whitespace() {
        let add = w.chars().count() + usize::from(!words.is_empty());
        if len + add > TITLE_MAX_CHARS - 1 {
            break;
        }
        len += add;
        words.push(w);
    }
    while words.len() > 3
        && words
            .last()
            .is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let mut title = words.join(" ");
    title = title
        .trim_end_matches([',', ';', ':', '–', '—', '-'])
        .to_string();
    title.push('…');
    title
}

/// Words a cut headline should not end on (English and Italian function words).
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "and", "or", "but", "across",
    "through", "by", "from", "into", "its", "their", "his", "her", "our", "is", "are", "was",
    "were", "be", "as", "that", "which", "who", "il", "lo", "la", "i", "gli", "le", "un", "una",
    "uno", "di", "da", "con", "su", "per", "tra", "fra", "e", "o", "ma", "che", "del", "della",
    "dei", "degli", "delle", "nel", "nella", "al", "alla", "è", "sono",
];

/// Title for a body that opens without one (wire copy starting with a dateline).
fn fallback_title(blocks: &[RawBlock]) -> String {
    let Some(first) = blocks.iter().find(|b| b.kind == RawKind::Paragraph) else {
        return blocks
            .first()
            .map(|b| short_title(&b.text))
            .unwrap_or_default();
    };
    let text = &first.text[dateline_end(&first.text).unwrap_or(0)..];
    let sentence_end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' '))
        .map_or(text.len(), |(i, _)| i);
    short_title(&text[..sentence_end])
}

/// Blocks after the header: section headings found among short paragraphs.
fn classify_body(blocks: Vec<RawBlock>) -> Vec<Block> {
    let n = blocks.len();
    let next_is_body: Vec<bool> = (0..n)
        .map(|i| {
            blocks
                .get(i + 1)
                .is_some_and(|b| !matches!(b.kind, RawKind::Heading(_)))
        })
        .collect();
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let kind = match b.kind {
                RawKind::Heading(_) => BlockKind::Heading,
                RawKind::Paragraph if next_is_body[i] && looks_like_heading(&b.text) => {
                    BlockKind::Heading
                }
                RawKind::Paragraph | RawKind::Marker => BlockKind::Paragraph,
                RawKind::Bullet => BlockKind::Bullet,
                RawKind::Quote => BlockKind::Quote,
            };
            Block { kind, text: b.text }
        })
        .collect()
}

/// A short line without closing punctuation that starts with a capital: a section heading in
/// scraped text, where the page's `<h2>` became a plain line.
pub(crate) fn looks_like_heading(text: &str) -> bool {
    if text.len() > 4 * 90 {
        return false; // cheap exit for ordinary paragraphs, before counting anything
    }
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let last_ok = !text.ends_with([
        '.', ':', ';', ',', '!', '…', '"', '”', '»', '’', '\'', ')', '-', '–', '—',
    ]);
    first_ok && last_ok && chars <= 90 && words <= 14 && dateline_end(text).is_none()
}

/// Single-word or short page controls that scraping leaves behind.
fn is_web_leftover(text: &str) -> bool {
    const LEFTOVERS: &[&str] = &[
        "share",
        "condividi",
        "advertisement",
        "pubblicità",
        "read more",
        "leggi anche",
        "leggi di più",
        "subscribe",
        "iscriviti",
        "print",
        "stampa",
        "tweet",
        "close",
        "chiudi",
        "menu",
        "skip to content",
        "vai al contenuto",
        "partager",
        "publicité",
        "lire aussi",
        "lire la suite",
        "s'abonner",
        "imprimer",
        "fermer",
        "aller au contenu",
        "teilen",
        "anzeige",
        "werbung",
        "weiterlesen",
        "abonnieren",
        "drucken",
        "schließen",
        "zum inhalt",
        "compartir",
        "publicidad",
        "leer más",
        "suscríbete",
        "imprimir",
        "cerrar",
        "ir al contenido",
    ];
    if text.len() > 20 {
        return false;
    }
    // Unicode lower case, so "PUBLICITÉ" and "Schließen" are leftovers too.
    LEFTOVERS.contains(&text.to_lowercase().as_str())
}

/// The address when the block is just an e-mail (optionally labelled "Email:").
fn email_of(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let t = ["email:", "e-mail:", "mail:", "contatti:", "contact:"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| t[p.len()..].trim()))
        .unwrap_or(t);
    is_email(t).then(|| t.to_string())
}

/// One token of the form local@domain.tld.
pub(crate) fn is_email(t: &str) -> bool {
    if t.contains(char::is_whitespace) || t.len() > 254 {
        return false;
    }
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && t.chars()
            .all(|c| c.is_alphanumeric() || "@._+-".contains(c))
}

/// "By X", "*By X*", "Di X", "Redazione X", "A cura di X", "Par X", "Von X", "Por X",
/// optionally with a date after the name; returns the name and the date.
fn byline_of(text: &str) -> Option<(String, Option<Date>)> {
    let lower = text.to_lowercase();
    let (prefix, keep_prefix, rest) = [
        ("written by ", false),
        ("by ", false),
        ("a cura di ", false),
        ("di ", false),
        ("redazione ", true),
        ("author: ", false),
        ("autore: ", false),
        ("par ", false),
        ("von ", false),
        ("por ", false),
    ]
    .iter()
    .find_map(|&(p, keep)| {
        lower
            .starts_with(p)
            .then(|| text.get(p.len()..))
            .flatten()
            .map(|rest| (p, keep, rest))
    })?;
    let found = date::find_date(rest);
    let name_part = match &found {
        Some((_, range)) => &rest[..range.start],
        None => rest,
    };
    let name = name_part
        .trim()
        .trim_end_matches(['|', '·', '-', '–', '—', ',', '•'])
        .trim();
    let desk_name = keep_prefix && !name.is_empty() && name.len() <= 40;
    if !(is_name_like(name) || desk_name) {
        return None;
    }
    // A German headline "Von der Leyen und Macron" is a name after "Von", not a byline: a
    // byline's name starts with a given name, never with a particle.
    if matches!(prefix, "par " | "von " | "por ")
        && name
            .split_whitespace()
            .next()
            .is_some_and(|w| NAME_PARTICLES.contains(&w))
    {
        return None;
    }
    let name = if keep_prefix {
        fold_whitespace(&format!("{}{name}", &text[..text.len() - rest.len()]))
    } else {
        name.to_string()
    };
    Some((name, found.map(|(d, _)| d)))
}

/// Lower-case words inside names: particles, and "and" in each language ("Jean Dupont et Marie
/// Martin", "Ana García y Luis Pérez").
const NAME_PARTICLES: &[&str] = &[
    "de", "di", "da", "del", "della", "van", "von", "der", "le", "la", "and", "e", "&", "bin",
    "al", "du", "des", "zu", "et", "und", "y",
];

/// One to six capitalised words (particles and "and"/"e" allowed): a person's or desk's name.
pub(crate) fn is_name_like(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 || text.chars().count() > 60 {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        if NAME_PARTICLES.contains(w) {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        let ok = first.is_uppercase()
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        if !ok {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 1 && (capitalised >= 2 || words.len() == 1)
}

/// Byte length of a dateline prefix ("Roma, 11 dicembre 2025 – ", "ROMA – ",
/// "Tokyo, 28 ago. (agency) - ", "Berlin (dpa) - ", "Madrid, 11 de diciembre de 2025 (Europa
/// Press).- "), so it is not mistaken for a title and its date is found.
pub fn dateline_end(text: &str) -> Option<usize> {
    let head_end = text.char_indices().nth(72).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let (before, end) = dateline_split(head)?;
    if let Some((place, when)) = before.split_once(", ") {
        // "Place, <date> [(agency)]"
        return (is_place(place) && is_dateline_when(when)).then_some(end);
    }
    // "PLACE –", "PLACE (AGENCY) –", "Berlin (dpa) –"
    let (place, agency) = split_agency(before);
    let all_caps = place.chars().any(char::is_alphabetic)
        && place
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '\'' || c == '.');
    // A capitalised place needs a known agency after it: "Angela Merkel (CDU) –" is prose.
    let agency_line = agency.is_some_and(is_agency) && is_place(place);
    ((all_caps || agency_line) && place.chars().count() <= 30).then_some(end)
}

/// The text before a dateline's dash and the byte offset just past the dash (and the space
/// after it). Spanish wire copy glues the dash to the agency's bracket: "(EFE).-".
fn dateline_split(head: &str) -> Option<(&str, usize)> {
    // One pass over the dashes, leftmost first: this runs on every candidate sentence.
    let bytes = head.as_bytes();
    let (before_end, end) = head.char_indices().find_map(|(p, c)| {
        if !matches!(c, '-' | '–' | '—') {
            return None;
        }
        let after = p + c.len_utf8();
        let at = |i: usize, b: u8| bytes.get(i) == Some(&b);
        // "(EFE).-" / "(EFE).–" / "(EFE)-"
        if c != '—' && p >= 2 && at(p - 1, b'.') && at(p - 2, b')') {
            return Some((p - 1, after));
        }
        if c == '-' && p >= 1 && at(p - 1, b')') {
            return Some((p, after));
        }
        // " – ", " — ", " - "
        if p >= 1 && at(p - 1, b' ') && at(after, b' ') {
            Some((p - 1, after + 1))
        } else {
            None
        }
    })?;
    let space = head[end..].len() - head[end..].trim_start().len();
    Some((&head[..before_end], end + space))
}

/// "11 dicembre 2025", "28 ago. (agency)", "11. Dezember (Reuters)", "11 dicembre 2025, ore
/// 10": a date, with or without its year, then at most a time or an agency in brackets.
fn is_dateline_when(when: &str) -> bool {
    if when.chars().count() > 48 {
        return false;
    }
    let (when, agency) = split_agency(when);
    // "MADRID, 11 (EUROPA PRESS) -": wire copy may give the day alone before its agency.
    let day_alone = when.len() <= 2
        && when.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && agency.is_some();
    if day_alone {
        return true;
    }
    let Some(range) = date::find_date_expression(when) else {
        return false;
    };
    range.start == 0 && (when[range.end..].trim().is_empty() || date::is_date_line(when))
}

/// Splits a trailing "(agency)" off: "Berlin (dpa)" is "Berlin" and "dpa".
fn split_agency(text: &str) -> (&str, Option<&str>) {
    let text = text.trim_end();
    if let Some(inner) = text.strip_suffix(')')
        && let Some((rest, agency)) = inner.rsplit_once(" (")
        && !agency.is_empty()
        && agency.chars().count() <= 30
    {
        return (rest.trim_end(), Some(agency));
    }
    (text, None)
}

/// Wire agencies whose name alone marks "Place (agency) –" as a dateline.
fn is_agency(name: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "adnkronos",
        "afp",
        "agence",
        "agencia",
        "agencias",
        "agency",
        "agenzia",
        "agi",
        "ansa",
        "ap",
        "apa",
        "ats",
        "belga",
        "dpa",
        "efe",
        "epd",
        "europa press",
        "kna",
        "lusa",
        "reuters",
        "sda",
        "servimedia",
        "xinhua",
    ];
    let lower = name.trim().to_lowercase();
    lower
        .split(['/', ','])
        .all(|n| AGENCIES.contains(&n.trim()))
}

fn is_place(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_at_the_very_start_is_no_dateline() {
        for text in ["- x", "-", "– Roma", ")-", ").-x", " - "] {
            assert_eq!(dateline_end(text), None, "{text:?}");
        }
        assert_eq!(dateline_end("ROMA - Il governo"), Some(7));
    }

    #[test]
    fn page_controls_in_five_languages_are_leftovers() {
        for text in [
            "Share",
            "Condividi",
            "Partager",
            "PUBLICITÉ",
            "Teilen",
            "Schließen",
        ] {
            assert!(is_web_leftover(text), "{text}");
        }
        for text in ["Compartir", "Leer más", "Anzeige", "Lire aussi"] {
            assert!(is_web_leftover(text), "{text}");
        }
        for text in [
            "Partager le fardeau",
            "Teilen und herrschen",
            "Cerrar filas",
        ] {
            assert!(!is_web_leftover(text), "{text}: prose, not a control");
        }
    }

    fn raw(kind: RawKind, text: &str) -> RawBlock {
        RawBlock {
            kind,
            text: text.to_string(),
        }
    }

    fn para(text: &str) -> RawBlock {
        raw(RawKind::Paragraph, text)
    }

    const BODY: &str = "The ministers agreed to deepen cooperation on defence industry and to \
                        meet again in the spring, officials said on Thursday.";

    #[test]
    fn first_short_line_is_the_title() {
        let p = build(
            vec![para("Italy and Japan deepen ties"), para(BODY)],
            Hints::default(),
        );
        assert_eq!(p.title, "Italy and Japan deepen ties");
        assert_eq!(p.standfirst, None);
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn long_first_sentence_is_a_standfirst_with_a_short_title() {
        let lead = "Italy is seeking to anchor its role through key partnerships across an \
                    increasingly interconnected geopolitical space, in which national and \
                    economic security overlap.";
        let p = build(vec![para(lead), para(BODY)], Hints::default());
        assert_eq!(p.standfirst.as_deref(), Some(lead));
        assert!(p.title.chars().count() <= TITLE_MAX_CHARS, "{}", p.title);
        assert!(p.title.starts_with("Italy is seeking to anchor its role"));
        assert!(p.title.ends_with('…'));
        assert!(!p.title.ends_with("an…"), "dangling word: {}", p.title);
        assert_eq!(
            p.blocks[0].text, lead,
            "the full standfirst stays in the body"
        );
    }

    #[test]
    fn name_line_before_email_and_date_is_the_byline() {
        let p = build(
            vec![
                para("Italia e Giappone rafforzano l’alleanza strategica"),
                para("Sara Gelmini"),
                para("info@esploragiappone.it"),
                para("11 Dicembre 2025"),
                para(BODY),
            ],
            Hints::default(),
        );
        assert_eq!(p.byline.as_deref(), Some("Sara Gelmini"));
        assert_eq!(p.contact.as_deref(), Some("info@esploragiappone.it"));
        assert_eq!(p.date.map(|d| d.to_iso()).as_deref(), Some("2025-12-11"));
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn by_lines_in_both_languages() {
        for (line, name) in [
            ("By Jane Doe", "Jane Doe"),
            ("by Emanuele and Valbona", "Emanuele and Valbona"),
            ("Di Mario Rossi", "Mario Rossi"),
            ("Redazione Esteri", "Redazione Esteri"),
            ("A cura di Luca Bianchi", "Luca Bianchi"),
        ] {
            let p = build(
                vec![para("Title here"), para(line), para(BODY)],
                Hints::default(),
            );
            assert_eq!(p.byline.as_deref(), Some(name), "{line}");
        }
        let p = build(
            vec![
                para("Title"),
                para("By Jane Doe | March 14, 2026"),
                para(BODY),
            ],
            Hints::default(),
        );
        assert_eq!(p.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(p.date.map(|d| d.to_iso()).as_deref(), Some("2026-03-14"));
    }

    #[test]
    fn by_lines_in_french_german_and_spanish() {
        for (line, name) in [
            ("Par Jean Dupont", "Jean Dupont"),
            (
                "PAR Jean Dupont et Marie Martin",
                "Jean Dupont et Marie Martin",
            ),
            ("par Marie-Claire de La Tour", "Marie-Claire de La Tour"),
            ("Von Anna Schmidt", "Anna Schmidt"),
            (
                "Von Anna Schmidt und Jonas Weber",
                "Anna Schmidt und Jonas Weber",
            ),
            ("Por Ana García", "Ana García"),
            ("Por Ana García y Luis Pérez", "Ana García y Luis Pérez"),
        ] {
            let p = build(
                vec![para("Title here"), para(line), para(BODY)],
                Hints::default(),
            );
            assert_eq!(p.byline.as_deref(), Some(name), "{line}");
            assert_eq!(p.blocks.len(), 1, "{line}: the byline leaves the body");
        }
    }

    #[test]
    fn french_german_and_spanish_sentences_starting_like_bylines() {
        for line in [
            "Par ailleurs, le ministre a confirmé la commande.",
            "Por otra parte, el Gobierno aprobó el plan.",
            "Von Berlin aus gesehen ist die Lage ernst.",
            "Par la suite",
            "Por qué importa",
        ] {
            let p = build(
                vec![para("Title"), para(line), para(BODY)],
                Hints::default(),
            );
            assert_eq!(p.byline, None, "{line}");
        }
        // A headline about Ursula von der Leyen is a title, not a byline.
        let p = build(
            vec![para("Von der Leyen und Macron"), para(BODY)],
            Hints::default(),
        );
        assert_eq!(p.byline, None);
        assert_eq!(p.title, "Von der Leyen und Macron");
    }

    #[test]
    fn sentences_starting_like_bylines_are_not_bylines() {
        let p = build(
            vec![
                para("Title"),
                para("By 2030, Italy will double its exports to Asia."),
                para(BODY),
            ],
            Hints::default(),
        );
        assert_eq!(p.byline, None);
        let p = build(
            vec![
                para("Title"),
                para("Di fronte alla crisi, il governo ha deciso."),
                para(BODY),
            ],
            Hints::default(),
        );
        assert_eq!(p.byline, None);
    }

    #[test]
    fn datelines_are_not_titles_and_give_the_date() {
        for line in [
            "Roma, 11 dicembre 2025 – Stamattina si è tenuta una videoconferenza tra i ministri.",
            "ROMA – Il ministro ha incontrato il suo omologo giapponese ieri sera.",
            "Tokyo, 28 ago. (agency) - Japan and Italy signed a new accord on Friday.",
        ] {
            assert!(dateline_end(line).is_some(), "{line}");
            let p = build(vec![para(line), para(BODY)], Hints::default());
            assert_eq!(
                p.blocks.len(),
                2,
                "{line}: dateline paragraph kept in the body"
            );
            assert!(
                !p.title.starts_with("Roma,") && !p.title.starts_with("ROMA"),
                "{}",
                p.title
            );
        }
        let p = build(
            vec![para(
                "Roma, 11 dicembre 2025 – Stamattina si è tenuta una riunione.",
            )],
            Hints::default(),
        );
        assert_eq!(p.date.map(|d| d.to_iso()).as_deref(), Some("2025-12-11"));
        assert_eq!(p.title, "Stamattina si è tenuta una riunione");
    }

    #[test]
    fn datelines_in_french_german_spanish_end_where_the_claim_starts() {
        for (line, claim) in [
            (
                "PARIS, 11 décembre (AFP) - Le gouvernement a présenté son plan.",
                "Le gouvernement",
            ),
            (
                "PARIS, 11 décembre 2025 (agence) – Les ministres se sont réunis.",
                "Les ministres",
            ),
            (
                "Paris, jeudi 11 décembre 2025 – La réunion a duré trois heures.",
                "La réunion",
            ),
            (
                "Berlin (dpa) - Die Bundesregierung hat das Gesetz beschlossen.",
                "Die Bundesregierung",
            ),
            (
                "BERLIN, 11. Dezember (Reuters) - Der Bundestag stimmt heute ab.",
                "Der Bundestag",
            ),
            (
                "Berlin, 11. Dez. 2025 – Die Koalition hat sich geeinigt.",
                "Die Koalition",
            ),
            (
                "MADRID, 11 Dic. (EFE) - El Gobierno aprobó el decreto.",
                "El Gobierno",
            ),
            (
                "Madrid, 11 de diciembre de 2025 (Europa Press).- El Consejo de Ministros ha aprobado la ley.",
                "El Consejo",
            ),
            (
                "Bruselas, jueves, 11 de diciembre (EFE) – La Comisión propuso un plan.",
                "La Comisión",
            ),
            (
                "MADRID, 11 (EUROPA PRESS) - El Congreso ha aprobado la reforma.",
                "El Congreso",
            ),
        ] {
            let end = dateline_end(line);
            assert_eq!(
                end.and_then(|e| line.get(e..))
                    .map(|rest| rest.starts_with(claim)),
                Some(true),
                "{line}: {end:?}"
            );
        }
    }

    #[test]
    fn dateline_dates_with_and_without_a_year() {
        let dated = |line: &str| {
            build(vec![para(line), para(BODY)], Hints::default())
                .date
                .map(|d| d.to_iso())
        };
        assert_eq!(
            dated("Madrid, 11 de diciembre de 2025 (Europa Press).- El Gobierno aprobó la ley."),
            Some("2025-12-11".into())
        );
        assert_eq!(
            dated("Berlin, 11. Dezember 2025 – Die Koalition hat sich geeinigt."),
            Some("2025-12-11".into())
        );
        assert_eq!(
            dated("MADRID, 11 Dic. (EFE) - El Gobierno aprobó el decreto."),
            None,
            "no year, no date"
        );
        let p = build(
            vec![para(
                "PARIS, 11 décembre (AFP) - Le gouvernement a présenté son plan.",
            )],
            Hints::default(),
        );
        assert_eq!(p.title, "Le gouvernement a présenté son plan");
    }

    #[test]
    fn ordinary_sentences_with_dashes_are_not_datelines() {
        assert_eq!(
            dateline_end("Crosetto ha sottolineato – come riportato – che"),
            None
        );
        assert_eq!(
            dateline_end("Italy, Japan and Korea – together – agreed."),
            None
        );
        for line in [
            "Angela Merkel (CDU) – die frühere Kanzlerin – sprach lange.",
            "Berlin, 3 Minister und ein Staatssekretär – alle kamen.",
            "Madrid, el mar y 2 ríos - un viaje largo.",
            "Le mar, 3 mois - une éternité.",
            "Marseille (2024)-2030: un plan pour la ville.",
            "España, 11 mareas - el informe.",
            "Madrid, 11 - el marcador final.",
            "Madrid, 45 (EFE) - cifra.",
        ] {
            assert_eq!(dateline_end(line), None, "{line}");
        }
    }

    #[test]
    fn short_unpunctuated_lines_before_paragraphs_become_headings() {
        let p = build(
            vec![
                para("Title"),
                para(BODY),
                para("Industria militare e scambi tecnologici"),
                para(BODY),
                para("A closing line without a stop"),
            ],
            Hints::default(),
        );
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn furniture_and_leftovers_are_dropped() {
        let p = build(
            vec![
                para("Title"),
                para(BODY),
                para("×"),
                para("Share"),
                para("• •"),
            ],
            Hints::default(),
        );
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn markers_take_the_next_block() {
        let p = build(
            vec![
                para("Title"),
                para(BODY),
                raw(RawKind::Marker, ""),
                para("First point."),
                raw(RawKind::Marker, ""),
            ],
            Hints::default(),
        );
        assert_eq!(
            p.blocks[1],
            Block {
                kind: BlockKind::Bullet,
                text: "First point.".into()
            }
        );
        assert_eq!(
            p.blocks.len(),
            2,
            "a trailing marker with no text is dropped"
        );
    }

    #[test]
    fn hints_win_and_a_repeated_title_is_dropped() {
        let hints = Hints {
            title: Some("Given title".into()),
            byline: Some("Desk".into()),
            date: Date::new(2026, 2, 3),
        };
        let p = build(
            vec![para("Given title"), para("By Someone Else"), para(BODY)],
            hints,
        );
        assert_eq!(p.title, "Given title");
        assert_eq!(p.byline.as_deref(), Some("Desk"));
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn emails() {
        assert!(is_email("info@esploragiappone.it"));
        assert!(!is_email("not an email"));
        assert!(!is_email("a@b"));
        assert!(!is_email("@x.it"));
    }
}
