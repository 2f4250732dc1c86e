//! What the text means: language, sentences, takeaways.

pub mod lang;
// pub mod sentences; (pending)
pub mod takeaways;
