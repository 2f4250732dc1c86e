//! Language detection, reported as ISO 639-1 so filters like `lang:it` read naturally.

use crate::model::Document;

/// Settles a document's language: the tag its file states, normalised, else what its first
/// blocks (or, with no body, its title) read as.
pub fn settle(doc: &mut Document) {
    if let Some(code) = normalise_tag(&doc.lang) {
        doc.lang = code;
        return;
    }
    let sample: String = doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    doc.lang = detect(if sample.is_empty() {
        &doc.title
    } else {
        &sample
    });
}

/// How much text detection looks at: enough to be sure, bounded so long files stay cheap.
const SAMPLE_BYTES: usize = 1024;

/// Detects the language of `text`; "und" when there is too little to tell.
pub fn detect(text: &str) -> String {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if let Some(code) = clear_en_or_it(sample) {
        return code.to_string();
    }
    match whatlang::detect(sample) {
        Some(info) => iso_639_1(info.lang().code()).to_string(),
        None => "und".to_string(),
    }
}

/// English and Italian are most of what briefdeck reads; their function words settle the
/// question in one pass when one language clearly dominates, and whatlang's trigram model
/// (about a million instructions a call) is left for everything else.
fn clear_en_or_it(sample: &str) -> Option<&'static str> {
    const EN: &[&str] = &[
        "the", "and", "of", "to", "is", "that", "with", "for", "was", "are", "it", "on", "as",
        "by", "this", "which", "its", "from", "has", "have",
    ];
    const IT: &[&str] = &[
        "il", "di", "che", "la", "e", "per", "del", "della", "con", "non", "una", "sono", "nel",
        "nella", "gli", "le", "dei", "delle", "alla", "anche",
    ];
    // Function words of the other languages briefdeck reads that neither list has: Spanish
    // and French share "la", "con", "una", "le" with Italian, so these keep them from passing
    // as Italian and leave them to whatlang.
    const RIVAL: &[&str] = &[
        "el", "los", "las", "y", "que", "es", "des", "les", "et", "est", "du", "une", "au", "der",
        "die", "und", "das", "ist", "nicht", "von", "zu", "den", "mit", "para", "por",
    ];
    let (mut en, mut it, mut rival, mut words) = (0usize, 0usize, 0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if word.len() > 6 {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        en += usize::from(EN.contains(&lower.as_str()));
        it += usize::from(IT.contains(&lower.as_str()));
        rival += usize::from(RIVAL.contains(&lower.as_str()));
    }
    // Function words are a fifth or more of running text; demand many hits and a wide margin.
    let enough = |n: usize| n >= 8 && n * 8 >= words;
    if enough(en) && en >= 4 * it.max(rival).max(1) {
        Some("en")
    } else if enough(it) && it >= 4 * en.max(rival).max(1) {
        Some("it")
    } else {
        None
    }
}

/// Normalises a language tag given by a file ("it-IT", "Italian", "ita") to ISO 639-1.
pub fn normalise_tag(tag: &str) -> Option<String> {
    let t = tag.trim().to_ascii_lowercase();
    let primary = t.split(['-', '_']).next().unwrap_or("");
    match primary {
        "english" => Some("en".into()),
        "italian" | "italiano" => Some("it".into()),
        "french" | "français" | "francais" => Some("fr".into()),
        "german" | "deutsch" => Some("de".into()),
        "spanish" | "español" | "espanol" | "castellano" => Some("es".into()),
        p if p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()) => Some(p.into()),
        p if p.len() == 3 => Some(iso_639_1(p).to_string()),
        _ => None,
    }
}

/// Maps whatlang's ISO 639-3 codes to ISO 639-1 where one exists.
fn iso_639_1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "ita" => "it",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "bul" => "bg",
        "ron" => "ro",
        "hun" => "hu",
        "ell" => "el",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "ben" => "bn",
        "urd" => "ur",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "est" => "et",
        "lav" => "lv",
        "lit" => "lt",
        "cat" => "ca",
        "epo" => "eo",
        "lat" => "la",
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "aze" => "az",
        "bel" => "be",
        "guj" => "gu",
        "kat" => "ka",
        "khm" => "km",
        "kan" => "kn",
        "mal" => "ml",
        "mar" => "mr",
        "mya" => "my",
        "nep" => "ne",
        "ori" => "or",
        "pan" => "pa",
        "sin" => "si",
        "sna" => "sn",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tuk" => "tk",
        "uzb" => "uz",
        "yid" => "yi",
        "zul" => "zu",
        "hye" => "hy",
        "jav" => "jv",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_italian() {
        assert_eq!(
            detect("Japan is Italy’s anchor partner beyond Europe, and the partnership grows."),
            "en"
        );
        assert_eq!(
            detect("L’incontro ha rinsaldato i rapporti tra Italia e Giappone sulla sicurezza."),
            "it"
        );
    }

    #[test]
    fn fast_path_agrees_with_whatlang_and_leaves_other_languages_to_it() {
        let en = "The ministers said that the partnership with Japan is one of the pillars of \
                  the strategy, and that it has grown from trade to defence as the region changed.";
        let it = "I ministri hanno detto che la partnership con il Giappone è uno dei pilastri \
                  della strategia, e che per l'Italia è cresciuta dal commercio alla difesa.";
        assert_eq!(clear_en_or_it(en), Some("en"));
        assert_eq!(clear_en_or_it(it), Some("it"));
        assert_eq!(whatlang::detect(en).map(|i| i.lang().code()), Some("eng"));
        assert_eq!(whatlang::detect(it).map(|i| i.lang().code()), Some("ita"));
        let fr = "Les ministres ont déclaré que le partenariat avec le Japon est l'un des piliers \
                  de la stratégie, et qu'il est passé du commerce à la défense.";
        assert_eq!(clear_en_or_it(fr), None);
        assert_eq!(detect(fr), "fr");
        let es = "Los ministros dijeron que la asociación con Japón es una de las bases de la \
                  estrategia, y que la cooperación con Italia pasó del comercio a la defensa, \
                  con una agenda común para la industria.";
        assert_eq!(
            clear_en_or_it(es),
            None,
            "Spanish shares la/con/una with Italian"
        );
        assert_eq!(detect(es), "es");
        let de = "Die Minister sagten, dass die Partnerschaft mit Japan eine der Säulen der \
                  Strategie ist und dass sie vom Handel zur Verteidigung gewachsen ist.";
        assert_eq!(clear_en_or_it(de), None);
        assert_eq!(detect(de), "de");
        assert_eq!(
            clear_en_or_it("GCAP Tokyo Roma"),
            None,
            "too little to tell"
        );
    }

    #[test]
    fn tags_from_files() {
        assert_eq!(normalise_tag("it-IT").as_deref(), Some("it"));
        assert_eq!(normalise_tag("ITA").as_deref(), Some("it"));
        assert_eq!(normalise_tag("English").as_deref(), Some("en"));
        assert_eq!(normalise_tag("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalise_tag("Deutsch").as_deref(), Some("de"));
        assert_eq!(normalise_tag("español").as_deref(), Some("es"));
        assert_eq!(normalise_tag("spa").as_deref(), Some("es"));
        assert_eq!(normalise_tag("??"), None);
    }
}
