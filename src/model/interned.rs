//! Short strings that repeat across a corpus, shared rather than copied: theme ids (a few dozen,
//! in hundreds of thousands of theme scores) and the concept labels that explain links (a few
//! thousand, in hundreds of thousands of links). A `String` each was most of the allocations of
//! a warm start.

use rustc_hash::FxHashSet;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An interned string: equal strings made on one thread share one allocation (those made on
/// another thread are equal by content all the same). Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interned(Arc<str>);

/// A theme's id in the lexicon, as documents and takeaways carry it.
pub type ThemeId = Interned;

thread_local! {
    /// Every string interned on this thread: theme ids and concept labels come from the
    /// lexicon and the corpus's vocabulary, so the set stays small next to what shares it.
    static IDS: RefCell<FxHashSet<Arc<str>>> = RefCell::new(FxHashSet::default());
}

impl Interned {
    /// The shared string equal to `id`, made once per thread.
    pub fn new(id: &str) -> Interned {
        IDS.with_borrow_mut(|ids| match ids.get(id) {
            Some(shared) => Interned(shared.clone()),
            None => {
                let shared: Arc<str> = Arc::from(id);
                ids.insert(shared.clone());
                Interned(shared)
            }
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Interned {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Interned {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Interned {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Interned {
    fn from(id: &str) -> Interned {
        Interned::new(id)
    }
}

impl PartialEq<str> for Interned {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Interned {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Interned {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Interned> for str {
    fn eq(&self, other: &Interned) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Interned> for &str {
    fn eq(&self, other: &Interned) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Interned> for String {
    fn eq(&self, other: &Interned) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Interned {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Interned {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Interned, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Interned;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            // Borrowed where the format allows (the index): no String on the way.
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Interned, E> {
                Ok(Interned::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ids_share_one_allocation_and_round_trip() {
        let a = Interned::new("naval");
        let b = Interned::from("naval");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "naval");
        assert_ne!(a, Interned::new("naval-x"));
        let bytes = postcard::to_allocvec(&vec![a.clone(), Interned::new("energy")]).unwrap();
        let back: Vec<Interned> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, [a.clone(), Interned::new("energy")]);
        assert!(Arc::ptr_eq(&back[0].0, &a.0), "decoding interns too");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"naval\"");
        let json: Interned = serde_json::from_str("\"na\\u0076al\"").unwrap();
        assert_eq!(
            json, a,
            "an escaped JSON string is not borrowed but still an id"
        );
    }
}
