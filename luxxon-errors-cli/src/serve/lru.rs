//! A map that keeps the keys used most recently: the mock's per-client state is bounded
//! by it, so that clients that make up a key per run cannot grow the server without end,
//! and forgetting the key used least recently leaves the others' state alone.

use std::collections::{BTreeMap, HashMap};

/// At most `capacity` entries; inserting one more forgets the entry used least recently.
#[derive(Debug)]
pub struct Lru<V> {
    capacity: usize,
    /// Each key's value and when it was last used.
    entries: HashMap<String, (V, u64)>,
    /// The keys by when they were last used, least recently first.
    by_use: BTreeMap<u64, String>,
    /// Uses so far, which orders them.
    uses: u64,
    /// How many entries were forgotten to make room.
    forgotten: u64,
}

impl<V> Lru<V> {
    /// An empty map of at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Lru<V> {
        Lru {
            capacity: capacity.max(1),
            entries: HashMap::new(),
            by_use: BTreeMap::new(),
            uses: 0,
            forgotten: 0,
        }
    }

    /// The value of `key`, made by `make` if it has none, marked as used now.
    pub fn entry(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let used = self.uses;
        self.uses += 1;
        if let Some((_, last)) = self.entries.get(key) {
            self.by_use.remove(last);
        } else {
            if self.entries.len() >= self.capacity
                && let Some((_, least_recent)) = self.by_use.pop_first()
            {
                self.entries.remove(&least_recent);
                self.forgotten = self.forgotten.saturating_add(1);
            }
            self.entries.insert(key.to_owned(), (make(), used));
        }
        self.by_use.insert(used, key.to_owned());
        let (value, last) = self
            .entries
            .get_mut(key)
            .expect("the key was just inserted or found");
        *last = used;
        value
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.by_use.clear();
        self.forgotten = 0;
    }

    /// The entries, least recently used first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.by_use.values().filter_map(|key| {
            self.entries
                .get_key_value(key)
                .map(|(key, (value, _))| (key.as_str(), value))
        })
    }

    /// How many entries were forgotten to make room since the last [`Lru::clear`].
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_map_forgets_the_entry_used_least_recently() {
        let mut lru = Lru::new(2);
        *lru.entry("a", || 0) += 1;
        *lru.entry("b", || 0) += 1;
        *lru.entry("a", || 0) += 1;
        *lru.entry("c", || 0) += 1;
        let kept: Vec<_> = lru
            .iter()
            .map(|(key, value)| (key.to_owned(), *value))
            .collect();
        assert_eq!(kept, [("a".to_owned(), 2), ("c".to_owned(), 1)]);
        assert_eq!(lru.forgotten(), 1);
        lru.clear();
        assert_eq!(lru.iter().count(), 0);
    }
}
