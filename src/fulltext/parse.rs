//! The full-text query language of `briefdeck search`, parsed into plain data.
//!
//! | input            | meaning                                                          |
//! |------------------|------------------------------------------------------------------|
//! | `word`           | the document contains the word (stemmed, any case, any accents)  |
//! | `a b`            | both                                                             |
//! | `"exact phrase"` | the words next to each other, in this order (each stemmed)       |
//! | `-word`, `-"a b"`| the document does not contain it (`!word` too)                   |
//! | `a OR b`         | either (upper-case `OR`; `a OR b OR c` chains)                   |
//! | `lang:it`, `feed:name`, `#theme`, `is:flag` | restrict the documents, as in `briefdeck filter` (`-` or `!` negates) |
//!
//! A query needs at least one word or phrase that is not excluded; an unclosed quote, an `OR`
//! without a term on each side or an excluded term inside an `OR` are errors
//! ([`ParseError`]), never silently dropped: a search that quietly means something else is
//! worse than a clear message.

use std::fmt;

/// A parsed full-text query: every group must match (a group matches when any of its items
/// does), no excluded item may, and the documents must pass `filters`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextQuery {
    pub groups: Vec<Vec<Item>>,
    pub excluded: Vec<Item>,
    /// The field terms (`lang:`, `feed:`, `#`, `is:`) in `briefdeck filter` syntax, negations
    /// written with `!`; empty when there are none. Parse with `query::Query::parse`.
    pub filters: String,
}

/// One thing to look for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(String),
    Phrase(String),
}

impl Item {
    /// The text as written (without quotes).
    pub fn text(&self) -> &str {
        match self {
            Item::Word(s) | Item::Phrase(s) => s,
        }
    }
}

/// Why a query cannot be searched; the message is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    OnlyExcluded,
    UnclosedQuote,
    EmptyPhrase,
    DanglingOr,
    ExcludedInOr,
    /// A word or phrase with no letter or digit in it, so no term to look for.
    NothingToSearch(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => {
                write!(f, "empty query: give a word or a \"phrase\" to search for")
            }
            ParseError::OnlyExcluded => write!(
                f,
                "nothing to search for: -word only excludes; add a word or a \"phrase\" to find"
            ),
            ParseError::UnclosedQuote => {
                write!(f, "unbalanced quote: a \"phrase\" needs a closing \"")
            }
            ParseError::EmptyPhrase => write!(f, "empty phrase: \"\" has nothing to search for"),
            ParseError::DanglingOr => write!(f, "OR needs a word or phrase on each side"),
            ParseError::ExcludedInOr => {
                write!(f, "an excluded term (-word) cannot be part of an OR")
            }
            ParseError::NothingToSearch(s) => {
                write!(f, "\"{s}\" has no letters or digits to search for")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// One lexical unit of the input.
#[derive(Debug, PartialEq)]
enum Lexeme {
    Word { negated: bool, text: String },
    Phrase { negated: bool, text: String },
    Or,
}

/// Field-term prefixes handed to the filter's parser.
const FIELD_PREFIXES: &[&str] = &["lang:", "feed:", "is:", "#"];

impl TextQuery {
    /// Parses `input` (see the module docs for the syntax).
    pub fn parse(input: &str) -> Result<TextQuery, ParseError> {
        let lexemes = lex(input)?;
        let mut query = TextQuery::default();
        let mut filters: Vec<String> = Vec::new();
        // Whether the previous lexeme was `OR`, and whether the last positive item may take an
        // alternative (it was the last thing seen).
        let mut or_pending = false;
        let mut last_positive = false;
        for lexeme in lexemes {
            let (negated, item) = match lexeme {
                Lexeme::Or => {
                    if !last_positive || or_pending {
                        return Err(ParseError::DanglingOr);
                    }
                    or_pending = true;
                    continue;
                }
                Lexeme::Word { negated, text } => {
                    if let Some(field) = field_term(&text) {
                        if or_pending {
                            return Err(ParseError::DanglingOr);
                        }
                        filters.push(if negated { format!("!{field}") } else { field });
                        last_positive = false;
                        continue;
                    }
                    (negated, Item::Word(text))
                }
                Lexeme::Phrase { negated, text } => (negated, Item::Phrase(text)),
            };
            if !item.text().chars().any(char::is_alphanumeric) {
                return Err(ParseError::NothingToSearch(item.text().to_string()));
            }
            if negated {
                if or_pending {
                    return Err(ParseError::ExcludedInOr);
                }
                query.excluded.push(item);
                last_positive = false;
                continue;
            }
            match query.groups.last_mut() {
                Some(group) if or_pending => group.push(item),
                _ => query.groups.push(vec![item]),
            }
            or_pending = false;
            last_positive = true;
        }
        if or_pending {
            return Err(ParseError::DanglingOr);
        }
        if query.groups.is_empty() {
            return Err(if query.excluded.is_empty() {
                ParseError::Empty
            } else {
                ParseError::OnlyExcluded
            });
        }
        query.filters = filters.join(" ");
        Ok(query)
    }

    /// Every item to mark in snippets: the positive ones, in query order.
    pub fn positive_items(&self) -> impl Iterator<Item = &Item> {
        self.groups.iter().flatten()
    }
}

/// `lang:it`, `#naval`, ... as the filter's parser reads it; `None` for a plain word. A `#` or
/// prefix alone is not a field term (and `#` alone is no word either: it is an error later).
fn field_term(word: &str) -> Option<String> {
    FIELD_PREFIXES
        .iter()
        .any(|p| word.len() > p.len() && word[..p.len()].eq_ignore_ascii_case(p))
        .then(|| word.to_string())
}

/// Splits the input into words, phrases and `OR`s. `-` or `!` before a word or a quote
/// negates it; a quote starts a phrase wherever it stands.
fn lex(input: &str) -> Result<Vec<Lexeme>, ParseError> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else {
            break;
        };
        let mut negated = false;
        if first == '-' || first == '!' {
            chars.next();
            negated = true;
        }
        if chars.next_if_eq(&'"').is_some() {
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => text.push(c),
                    None => return Err(ParseError::UnclosedQuote),
                }
            }
            if text.trim().is_empty() {
                return Err(ParseError::EmptyPhrase);
            }
            out.push(Lexeme::Phrase { negated, text });
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '"') {
            text.push(c);
        }
        if text.is_empty() {
            // A lone `-` (before a space or the end): nothing to exclude.
            if negated {
                return Err(ParseError::NothingToSearch("-".into()));
            }
            continue;
        }
        if !negated && text == "OR" {
            out.push(Lexeme::Or);
        } else {
            out.push(Lexeme::Word { negated, text });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let q = TextQuery::parse(r#"taiwan "stretto di Taiwan" -cina a OR b OR "c d""#).unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![w("taiwan")],
                vec![Item::Phrase("stretto di Taiwan".into())],
                vec![w("a"), w("b"), Item::Phrase("c d".into())],
            ]
        );
        assert_eq!(q.excluded, vec![w("cina")]);
        assert_eq!(q.filters, "");
        let q = TextQuery::parse(r#"x -"a b" !y"#).unwrap();
        assert_eq!(q.excluded, vec![Item::Phrase("a b".into()), w("y")]);
        // Lower-case `or` is a word; a hyphen inside a word is part of it.
        let q = TextQuery::parse("this or that e-mail").unwrap();
        assert_eq!(q.groups.len(), 4);
        assert_eq!(q.groups[3], vec![w("e-mail")]);
    }

    #[test]
    fn field_terms_go_to_the_filter() {
        let q = TextQuery::parse("taiwan lang:it -#naval feed:x is:read").unwrap();
        assert_eq!(q.groups, vec![vec![w("taiwan")]]);
        assert_eq!(q.filters, "lang:it !#naval feed:x is:read");
    }

    #[test]
    fn bad_queries_are_errors() {
        for (input, err) in [
            ("", ParseError::Empty),
            ("   ", ParseError::Empty),
            ("lang:it", ParseError::Empty),
            ("-word", ParseError::OnlyExcluded),
            ("-a -\"b c\"", ParseError::OnlyExcluded),
            ("\"stretto di", ParseError::UnclosedQuote),
            ("a \"\"", ParseError::EmptyPhrase),
            ("OR a", ParseError::DanglingOr),
            ("a OR", ParseError::DanglingOr),
            ("a OR OR b", ParseError::DanglingOr),
            ("a OR -b", ParseError::ExcludedInOr),
            ("a OR lang:it", ParseError::DanglingOr),
            ("a -", ParseError::NothingToSearch("-".into())),
            ("a ...", ParseError::NothingToSearch("...".into())),
        ] {
            assert_eq!(TextQuery::parse(input), Err(err), "{input:?}");
        }
        assert!(
            ParseError::UnclosedQuote
                .to_string()
                .contains("unbalanced quote")
        );
    }
}
