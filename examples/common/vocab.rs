//! The sentence parts both the corpus generator and the keystroke benchmark draw from, so
//! benchmark texts read like the generated corpus. Included with `#[path]` by each.

pub const EN_SUBJECTS: &[&str] = &[
    "Italy",
    "Japan",
    "Rome",
    "Tokyo",
    "The European Union",
    "NATO",
    "South Korea",
    "China",
    "Beijing",
    "Washington",
    "The defence ministry",
    "Leonardo",
    "Fincantieri",
    "India",
    "The Commission",
    "Giorgia Meloni",
    "Guido Crosetto",
    "The government",
    "Allies",
    "The GCAP consortium",
    "Brussels",
    "The Mattei Plan",
    "The Lobito Corridor",
];

pub const EN_VERBS: &[&str] = &[
    "is deepening",
    "is expanding",
    "has signed",
    "is reviewing",
    "wants to strengthen",
    "is betting on",
    "has launched",
    "is negotiating",
    "will fund",
    "has prioritised",
    "is reassessing",
    "plans to accelerate",
];

pub const EN_OBJECTS: &[&str] = &[
    "cooperation on the Global Combat Air Programme",
    "naval diplomacy in the Indo-Pacific",
    "supply chains for critical minerals",
    "semiconductor production",
    "cyber defence of critical infrastructure",
    "energy security in the Mediterranean",
    "investment in African infrastructure",
    "space surveillance capabilities",
    "artificial intelligence for defence",
    "maritime security along trade routes",
    "economic security and resilience",
    "the carrier deployment with allied navies",
    "sanctions on Russia",
    "military aid to Ukraine",
    "export controls on advanced chips",
    "the Taiwan Strait contingency plans",
    "industrial co-production of missiles",
];

pub const EN_TAILS: &[&str] = &[
    "according to officials familiar with the talks",
    "as part of a wider strategy agreed last year",
    "despite concerns over costs and timelines",
    "in coordination with European partners",
    "amid rising tensions in the region",
    "while avoiding open confrontation with Beijing",
    "with new funding expected in the spring",
    "after months of negotiations",
];

pub const IT_SUBJECTS: &[&str] = &[
    "L'Italia",
    "Il Giappone",
    "Roma",
    "Tokyo",
    "L'Unione Europea",
    "La NATO",
    "La Corea del Sud",
    "La Cina",
    "Pechino",
    "Washington",
    "Il ministero della Difesa",
    "Leonardo",
    "Fincantieri",
    "L'India",
    "La Commissione",
    "Giorgia Meloni",
    "Guido Crosetto",
    "Il governo",
    "Gli alleati",
    "Il consorzio GCAP",
    "Bruxelles",
    "Il Piano Mattei",
    "Il Corridoio di Lobito",
];

pub const IT_VERBS: &[&str] = &[
    "sta rafforzando",
    "sta ampliando",
    "ha firmato",
    "sta rivedendo",
    "vuole consolidare",
    "punta su",
    "ha avviato",
    "sta negoziando",
    "finanzierà",
    "ha reso prioritaria",
    "sta riconsiderando",
    "intende accelerare",
];

pub const IT_OBJECTS: &[&str] = &[
    "la cooperazione sul Global Combat Air Programme",
    "la diplomazia navale nell'Indo-Pacifico",
    "le catene di approvvigionamento di materie prime critiche",
    "la produzione di semiconduttori",
    "la difesa cibernetica delle infrastrutture essenziali",
    "la sicurezza energetica nel Mediterraneo",
    "gli investimenti nelle infrastrutture africane",
    "le capacità di sorveglianza spaziale",
    "l'intelligenza artificiale applicata alla difesa",
    "la sicurezza marittima lungo le rotte commerciali",
    "la sicurezza economica",
    "il dispiegamento della portaerei con le marine alleate",
    "le sanzioni alla Russia",
    "gli aiuti militari all'Ucraina",
    "i controlli sulle esportazioni di chip avanzati",
    "la produzione congiunta di missili",
];

pub const IT_TAILS: &[&str] = &[
    "secondo fonti vicine ai negoziati",
    "nell'ambito di una strategia più ampia",
    "nonostante i dubbi su costi e tempi",
    "in coordinamento con i partner europei",
    "in un clima di crescenti tensioni",
    "senza uno scontro aperto con Pechino",
    "con nuovi fondi attesi in primavera",
    "dopo mesi di trattative",
];

/// One language's sentence parts.
pub struct Words {
    pub subjects: &'static [&'static str],
    pub verbs: &'static [&'static str],
    pub objects: &'static [&'static str],
    pub tails: &'static [&'static str],
}

pub const EN: Words = Words {
    subjects: EN_SUBJECTS,
    verbs: EN_VERBS,
    objects: EN_OBJECTS,
    tails: EN_TAILS,
};

pub const IT: Words = Words {
    subjects: IT_SUBJECTS,
    verbs: IT_VERBS,
    objects: IT_OBJECTS,
    tails: IT_TAILS,
};

/// Authors, in both languages' documents.
pub const NAMES: &[&str] = &[
    "Jane Doe",
    "Marco Rossi",
    "Sara Gelmini",
    "Emily Carter",
    "Luca Bianchi",
    "Aiko Tanaka",
    "Giulia Sanna",
    "Paolo Verdi",
    "Hannah Weber",
    "Min-jun Park",
];

/// "Subject verb object", with a tail clause six times in ten; no full stop, so callers can
/// add to it.
pub fn clause(rng: &mut crate::rng::Rng, w: &Words) -> String {
    let mut s = format!(
        "{} {} {}",
        rng.pick(w.subjects),
        rng.pick(w.verbs),
        rng.pick(w.objects)
    );
    if rng.chance(60) {
        s.push_str(", ");
        s.push_str(rng.pick(w.tails));
    }
    s
}
