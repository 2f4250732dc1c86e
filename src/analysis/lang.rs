//! Language detection, reported as ISO 639-1 so filters like `lang:it` read naturally.

/// How much text detection looks at: enough to be sure, bounded so long files stay cheap.
const SAMPLE_BYTES: usize = 4096;

/// Detects the language of `text`; "und" when there is too little to tell.
pub fn detect(text: &str) -> String {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) => iso_639_1(info.lang().code()).to_string(),
        None => "und".to_string(),
    }
}

/// Normalises a language tag given by a file ("it-IT", "Italian", "ita") to ISO 639-1.
pub fn normalise_tag(tag: &str) -> Option<String> {
    let t = tag.trim().to_ascii_lowercase();
    let primary = t.split(['-', '_']).next().unwrap_or("");
    match primary {
        "english" => Some("en".into()),
        "italian" | "italiano" => Some("it".into()),
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
    fn tags_from_files() {
        assert_eq!(normalise_tag("it-IT").as_deref(), Some("it"));
        assert_eq!(normalise_tag("ITA").as_deref(), Some("it"));
        assert_eq!(normalise_tag("English").as_deref(), Some("en"));
        assert_eq!(normalise_tag("??"), None);
    }
}
