//! The query syntax (fzf's, plus a few field terms), parsed once per keystroke into plain data.
//!
//! | input        | meaning                                                                  |
//! |--------------|--------------------------------------------------------------------------|
//! | `word`       | fuzzy: the chars of `word` in order, skipping no whole word (`gcap` finds "GCAP" and "Global Combat Air Programme") |
//! | `'word`      | exact: `word` occurs as a substring                                      |
//! | `'word'`     | exact at word boundaries                                                 |
//! | `^word`      | the whole text (a title, a takeaway) starts with `word`, as in fzf       |
//! | `word$`      | the whole text (a title, a takeaway) ends with `word`                    |
//! | `^word$`     | the text is exactly `word`                                               |
//! | `!word`      | excludes texts containing `word` (exact, like fzf); also `!'word`, `!^word`, `!word$` |
//! | `a \| b`     | either term (an OR group of adjacent terms)                              |
//! | `lang:it`    | the document's language code                                             |
//! | `feed:name`  | entries of the feed whose name starts so (any case, `-` for spaces: `feed:foreign-affairs`) |
//! | `#theme`     | documents carrying a theme whose id starts with `theme`                  |
//! | `is:read`    | saved state: `is:read`, `is:unread`, `is:starred`                        |
//! | `a\ b`       | a backslash keeps a space inside one term                                |
//!
//! Terms test one text at a time, a title (with its byline) or a takeaway, and field terms test
//! that text's document; a document is listed when its title or any of its takeaways matches.
//! So `!word` drops the texts that contain `word`, not whole documents.
//!
//! Everything is folded (lower case, no accents) at parse time. Odd input (`!`, `'`, `^`, `$`,
//! `#`, `lang:`, `is:`, a `|` with nothing on one side) is dropped, so a half-typed query never
//! fails.

use super::fold::fold;

/// A parsed fzf-style query: every group must match; a group matches when any of its terms does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    groups: Vec<Vec<Term>>,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `!`: the term excludes instead of selecting.
    pub negated: bool,
    pub kind: TermKind,
}

/// What a term tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// Text of a title or takeaway; `text` is folded and never empty.
    Text { mode: TextMode, text: String },
    /// `lang:CODE`: the document's language, folded.
    Lang(String),
    /// `feed:NAME`: a feed's name (its entries' source) as a [`feed_key`] prefix.
    Feed(String),
    /// `#ID`: a theme id prefix, folded.
    Theme(String),
    /// `is:FLAG`: saved reading state.
    Flag(Flag),
    /// `is:` with a flag we do not know; kept (not dropped) so it can say so, and matches nothing.
    UnknownFlag(String),
}

/// How a text term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMode {
    /// Chars in order, scored by the fuzzy matcher.
    Fuzzy,
    /// Substring.
    Exact,
    /// Substring with a non-alphanumeric char (or the text's edge) on both sides.
    Boundary,
    /// Start of the whole text.
    Prefix,
    /// End of the whole text.
    Suffix,
    /// The whole text.
    Whole,
}

/// Saved-state flags a query can ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    Read,
    Unread,
    Starred,
}

impl Flag {
    /// The name after `is:`.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Read => "read",
            Flag::Unread => "unread",
            Flag::Starred => "starred",
        }
    }
}

impl Query {
    /// Parses `input`; never fails, and ignores what cannot be a term (see the module docs).
    pub fn parse(input: &str) -> Query {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut or_pending = false;
        for token in tokens(input) {
            if token == "|" {
                // `|` joins the previous term with the next; alone at either end it is dropped.
                or_pending = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(&token) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if or_pending => group.push(term),
                _ => groups.push(vec![term]),
            }
            or_pending = false;
        }
        Query { groups }
    }

    /// True when there is nothing to filter by: everything matches.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The AND-ed groups of OR-ed terms, for callers that want to show or reuse the structure.
    pub fn groups(&self) -> &[Vec<Term>] {
        &self.groups
    }

    /// Folded words to highlight literally in the reader: the text of positive
    /// fuzzy/exact/prefix terms (not excluded, not field terms), without repeats.
    pub fn highlight_words(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for term in self.groups.iter().flatten() {
            if let (false, TermKind::Text { text, .. }) = (term.negated, &term.kind)
                && !words.contains(text)
            {
                words.push(text.clone());
            }
        }
        words
    }

    /// Human notes for the status line (e.g. about #theme before themes exist). These assume
    /// no themes and no saved state; `Searcher::notes` knows what its facts provide.
    pub fn notes(&self) -> Vec<String> {
        self.notes_with(false, false)
    }

    /// Notes, leaving out those about facts that are available.
    pub(crate) fn notes_with(&self, themes: bool, state: bool) -> Vec<String> {
        let mut notes: Vec<String> = Vec::new();
        for term in self.groups.iter().flatten() {
            let note = match &term.kind {
                TermKind::Theme(id) if !themes => format!("#{id}: themes are not available yet"),
                TermKind::Flag(f) if !state => {
                    format!(
                        "is:{}: reading state is only kept by the dashboard",
                        f.name()
                    )
                }
                TermKind::UnknownFlag(f) => {
                    format!("is:{f}: unknown flag (try is:read, is:unread or is:starred)")
                }
                _ => continue,
            };
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        notes
    }
}

/// A feed's name as `feed:` terms match it: folded, every run of other characters than letters
/// and digits one `-`, so "Foreign Affairs" is `foreign-affairs` and `feed:foreign` finds it.
pub fn feed_key(name: &str) -> String {
    let mut key = String::new();
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    key
}

/// Splits on whitespace; a backslash before a whitespace char keeps it inside the token.
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            cur.extend(chars.next());
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One token to a term, or `None` for a token with nothing left to match.
fn parse_term(token: &str) -> Option<Term> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let text = |mode, s: &str| {
        let text = fold(s);
        (!text.is_empty()).then_some(Term {
            negated,
            kind: TermKind::Text { mode, text },
        })
    };
    // A quote makes the rest literal text: `'lang:it` searches for "lang:it".
    if let Some(quoted) = rest.strip_prefix('\'') {
        if let Some(inner) = quoted.strip_suffix('\'') {
            return text(TextMode::Boundary, inner);
        }
        return text(TextMode::Exact, quoted);
    }
    if let Some(code) = strip_prefix_ci(rest, "lang:") {
        let code = fold(code);
        return (!code.is_empty()).then_some(Term {
            negated,
            kind: TermKind::Lang(code),
        });
    }
    if let Some(name) = strip_prefix_ci(rest, "feed:") {
        let key = feed_key(name);
        return (!key.is_empty()).then_some(Term {
            negated,
            kind: TermKind::Feed(key),
        });
    }
    if let Some(flag) = strip_prefix_ci(rest, "is:") {
        let flag = fold(flag);
        let kind = match flag.as_str() {
            "" => return None,
            "read" => TermKind::Flag(Flag::Read),
            "unread" => TermKind::Flag(Flag::Unread),
            "starred" => TermKind::Flag(Flag::Starred),
            _ => TermKind::UnknownFlag(flag),
        };
        return Some(Term { negated, kind });
    }
    if let Some(id) = rest.strip_prefix('#') {
        let id = fold(id);
        return (!id.is_empty()).then_some(Term {
            negated,
            kind: TermKind::Theme(id),
        });
    }
    let (prefix, rest) = match rest.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let mode = match (prefix, suffix) {
        (true, true) => TextMode::Whole,
        (true, false) => TextMode::Prefix,
        (false, true) => TextMode::Suffix,
        // fzf: an excluded word is matched exactly, never fuzzily.
        (false, false) if negated => TextMode::Exact,
        (false, false) => TextMode::Fuzzy,
    };
    text(mode, rest)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(negated: bool, mode: TextMode, text: &str) -> Term {
        Term {
            negated,
            kind: TermKind::Text {
                mode,
                text: text.into(),
            },
        }
    }

    fn groups(q: &str) -> Vec<Vec<Term>> {
        Query::parse(q).groups
    }

    #[test]
    fn words_are_fuzzy_and_all_required() {
        assert_eq!(
            groups("gcap  Japan"),
            vec![
                vec![t(false, TextMode::Fuzzy, "gcap")],
                vec![t(false, TextMode::Fuzzy, "japan")]
            ]
        );
    }

    #[test]
    fn quote_caret_dollar_and_bang() {
        assert_eq!(
            groups("'Città"),
            vec![vec![t(false, TextMode::Exact, "citta")]]
        );
        assert_eq!(
            groups("'nato'"),
            vec![vec![t(false, TextMode::Boundary, "nato")]]
        );
        assert_eq!(
            groups("^Italia"),
            vec![vec![t(false, TextMode::Prefix, "italia")]]
        );
        assert_eq!(
            groups("roma$"),
            vec![vec![t(false, TextMode::Suffix, "roma")]]
        );
        assert_eq!(
            groups("^roma$"),
            vec![vec![t(false, TextMode::Whole, "roma")]]
        );
        assert_eq!(
            groups("!china"),
            vec![vec![t(true, TextMode::Exact, "china")]]
        );
        assert_eq!(
            groups("!'china"),
            vec![vec![t(true, TextMode::Exact, "china")]]
        );
        assert_eq!(
            groups("!^rome"),
            vec![vec![t(true, TextMode::Prefix, "rome")]]
        );
        assert_eq!(
            groups("!rome$"),
            vec![vec![t(true, TextMode::Suffix, "rome")]]
        );
    }

    #[test]
    fn bar_makes_or_groups_of_adjacent_terms() {
        assert_eq!(
            groups("japan | korea | taiwan nato"),
            vec![
                vec![
                    t(false, TextMode::Fuzzy, "japan"),
                    t(false, TextMode::Fuzzy, "korea"),
                    t(false, TextMode::Fuzzy, "taiwan")
                ],
                vec![t(false, TextMode::Fuzzy, "nato")]
            ]
        );
        // A bar glued to a word is part of the word, as in fzf.
        assert_eq!(groups("a|b"), vec![vec![t(false, TextMode::Fuzzy, "a|b")]]);
    }

    #[test]
    fn field_terms() {
        let q = Query::parse("lang:IT #Naval is:read is:unread is:starred is:weird !lang:en");
        let kinds: Vec<(bool, TermKind)> = q
            .groups
            .iter()
            .flatten()
            .map(|t| (t.negated, t.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (false, TermKind::Lang("it".into())),
                (false, TermKind::Theme("naval".into())),
                (false, TermKind::Flag(Flag::Read)),
                (false, TermKind::Flag(Flag::Unread)),
                (false, TermKind::Flag(Flag::Starred)),
                (false, TermKind::UnknownFlag("weird".into())),
                (true, TermKind::Lang("en".into())),
            ]
        );
        // Quoting turns a field back into text.
        assert_eq!(
            groups("'lang:it"),
            vec![vec![t(false, TextMode::Exact, "lang:it")]]
        );
        assert_eq!(groups("Lang:it"), groups("lang:it"));
    }

    #[test]
    fn odd_input_is_ignored() {
        for q in [
            "", "   ", "!", "'", "|", "^", "$", "^$", "!'", "''", "#", "lang:", "is:", "| |", "!^",
        ] {
            let parsed = Query::parse(q);
            assert!(parsed.is_empty(), "{q:?} gave {parsed:?}");
            assert!(parsed.notes().is_empty());
        }
        // Dangling bars join nothing.
        assert_eq!(groups("| a"), groups("a"));
        assert_eq!(groups("a |"), groups("a"));
        assert_eq!(groups("a | | b"), groups("a | b"));
        assert_eq!(groups("a | ! b"), groups("a | b"));
    }

    #[test]
    fn backslash_space_stays_in_the_term() {
        assert_eq!(
            groups(r"indo\ pacific"),
            vec![vec![t(false, TextMode::Fuzzy, "indo pacific")]]
        );
        assert_eq!(
            groups(r"a\b"),
            vec![vec![t(false, TextMode::Fuzzy, r"a\b")]]
        );
    }

    #[test]
    fn highlight_words_are_positive_text_terms() {
        let q = Query::parse("Città 'gcap ^roma tokyo$ !china lang:it #naval gcap | Japan");
        assert_eq!(
            q.highlight_words(),
            vec!["citta", "gcap", "roma", "tokyo", "japan"]
        );
        assert!(Query::default().highlight_words().is_empty());
    }

    #[test]
    fn notes_explain_unavailable_fields() {
        let q = Query::parse("#naval is:read is:bogus #naval gcap");
        assert_eq!(
            q.notes(),
            vec![
                "#naval: themes are not available yet",
                "is:read: reading state is only kept by the dashboard",
                "is:bogus: unknown flag (try is:read, is:unread or is:starred)",
            ]
        );
        assert_eq!(
            q.notes_with(true, true),
            vec!["is:bogus: unknown flag (try is:read, is:unread or is:starred)"]
        );
        assert!(Query::parse("gcap lang:it").notes().is_empty());
    }
}
