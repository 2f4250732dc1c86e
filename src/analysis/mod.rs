//! What the text means: language, sentences, takeaways.

pub mod extract;
pub mod lang;
pub mod sentences;
pub mod takeaways;
pub mod text;
pub mod themes;
