//! What the text means: language, sentences, takeaways.

pub mod lang;
pub mod sentences;
pub mod takeaways;
