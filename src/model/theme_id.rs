//! A theme's id as documents carry it: shared, not copied. A corpus holds a few dozen theme ids
//! but hundreds of thousands of theme scores; a `String` each was a fifth of the allocations of
//! a warm start.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An interned theme id: equal ids made on one thread share one allocation (ids decoded on
/// another thread are equal by content all the same). Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ThemeId(Arc<str>);

thread_local! {
    /// Every id seen on this thread: theme ids come from a lexicon, so the set stays small.
    static IDS: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

impl ThemeId {
    /// The shared id for `id`, made once per thread.
    pub fn new(id: &str) -> ThemeId {
        IDS.with_borrow_mut(|ids| match ids.get(id) {
            Some(shared) => ThemeId(shared.clone()),
            None => {
                let shared: Arc<str> = Arc::from(id);
                ids.insert(shared.clone());
                ThemeId(shared)
            }
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for ThemeId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ThemeId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ThemeId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ThemeId {
    fn from(id: &str) -> ThemeId {
        ThemeId::new(id)
    }
}

impl PartialEq<str> for ThemeId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ThemeId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for ThemeId {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<ThemeId> for str {
    fn eq(&self, other: &ThemeId) -> bool {
        self == &*other.0
    }
}

impl PartialEq<ThemeId> for &str {
    fn eq(&self, other: &ThemeId) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<ThemeId> for String {
    fn eq(&self, other: &ThemeId) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for ThemeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for ThemeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ThemeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ThemeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ThemeId, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ThemeId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a theme id")
            }
            // Borrowed where the format allows (the index): no String on the way.
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ThemeId, E> {
                Ok(ThemeId::new(v))
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
        let a = ThemeId::new("naval");
        let b = ThemeId::from("naval");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "naval");
        assert_ne!(a, ThemeId::new("naval-x"));
        let bytes = postcard::to_allocvec(&vec![a.clone(), ThemeId::new("energy")]).unwrap();
        let back: Vec<ThemeId> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, [a.clone(), ThemeId::new("energy")]);
        assert!(Arc::ptr_eq(&back[0].0, &a.0), "decoding interns too");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"naval\"");
        let json: ThemeId = serde_json::from_str("\"na\\u0076al\"").unwrap();
        assert_eq!(
            json, a,
            "an escaped JSON string is not borrowed but still an id"
        );
    }
}
