//! What the text means: language, sentences, takeaways (explicit and extracted), themes and
//! links. Functions of the document model only: nothing here reads a file or knows how a
//! document was read; the library runs [`document`] and [`tag_document`] per file, then
//! [`link`] over the corpus.

pub mod extract;
pub mod lang;
pub mod links;
pub mod sentences;
pub mod takeaways;
pub mod text;
pub mod themes;

use crate::model::{Document, ThemeScore};
use extract::Dateline;
use text::Lang;
use themes::{Lexicon, Scan, Tagger};

/// What one document yields on its own, before any lexicon: its language (normalised from
/// the file's tag, else detected) and its takeaways, explicit or extracted, numbered. Runs
/// before tagging, so takeaway ids never depend on the lexicon. `dateline` recognises the
/// datelines that lead sentences must not start with (see [`extract::Context::dateline`]).
pub fn document(doc: &mut Document, dateline: Dateline) {
    lang::settle(doc);
    takeaways::find(doc, dateline);
}

/// Tags every document and takeaway with themes and links takeaways across documents: the
/// "analyse" arrow of the data flow, run once after loading (and again if the lexicon
/// changes).
pub fn analyse(documents: &mut [Document], lexicon: &Lexicon) -> links::Links {
    let mut tagger = Tagger::new(lexicon);
    for doc in documents.iter_mut() {
        tag_document(&mut tagger, doc);
    }
    link(documents, lexicon)
}

/// Tags one document and its takeaways with themes. Depends on nothing but the document and
/// the lexicon, so loading runs it in parallel, per file, and the on-disk index keeps the
/// result; any tagger over the same lexicon gives the same themes.
pub fn tag_document(tagger: &mut Tagger, doc: &mut Document) {
    let lang = Lang::from_code(&doc.lang);
    let mut scan = Scan::default();
    tagger.scan_themes_into(&doc.title, lang, &mut scan);
    if let Some(s) = &doc.standfirst {
        tagger.scan_themes_into(s, lang, &mut scan);
    }
    for b in &doc.blocks {
        tagger.scan_themes_into(&b.text, lang, &mut scan);
    }
    doc.themes = tagger.themes(&scan);
    for t in &mut doc.takeaways {
        let mut scan = Scan::default();
        tagger.scan_themes_into(&t.text, lang, &mut scan);
        t.themes = tagger.themes(&scan);
    }
}

/// Links takeaways across documents (see [`links`]): the one corpus-wide step, run after
/// every document is tagged. One tagger scans every takeaway so that name and word ids are
/// comparable across documents.
pub fn link(documents: &[Document], lexicon: &Lexicon) -> links::Links {
    let mut tagger = Tagger::new(lexicon);
    let mut concepts = links::Concepts::default();
    let mut items = Vec::new();
    for (di, doc) in documents.iter().enumerate() {
        let lang = Lang::from_code(&doc.lang);
        for t in &doc.takeaways {
            let scan = tagger.scan(&t.text, lang);
            items.push(links::Item {
                doc: di,
                lang,
                concepts: takeaway_concepts(&tagger, &mut concepts, &scan, &t.themes, lang),
            });
        }
    }
    let counts: Vec<usize> = documents.iter().map(|d| d.takeaways.len()).collect();
    links::Links::new(&counts, links::link_all(&items, &concepts))
}

/// The concepts a takeaway offers the linker.
pub fn takeaway_concepts(
    tagger: &Tagger,
    concepts: &mut links::Concepts,
    scan: &Scan,
    themes: &[ThemeScore],
    lang: Lang,
) -> Vec<u32> {
    use links::ConceptKey as K;
    let lex = tagger.lexicon();
    let mut out = Vec::with_capacity(scan.entities.len() + scan.names.len() + scan.words.len());
    for &(e, _) in &scan.entities {
        out.push(concepts.id(K::Entity(e), || lex.entities[e].short.clone()));
    }
    for t in themes {
        if let Some(i) = lex.theme_index(&t.id) {
            out.push(concepts.id(K::Theme(i), || lex.themes[i].label.clone()));
        }
    }
    let spelling = |id: u32| tagger.spelling(id).unwrap_or_default().to_string();
    for &n in &scan.names {
        out.push(concepts.id(K::Name(n), || spelling(n)));
    }
    for &w in &scan.words {
        out.push(concepts.id(K::Word(lang, w), || spelling(w)));
    }
    out
}
