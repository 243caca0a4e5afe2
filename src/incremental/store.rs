//! [`Store`]: the results of one step by the digest of their inputs, kept from one
//! build to the next while builds use them.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::{Digest, Prehashed};

/// Results of one step by the digest of their inputs. Entries a build did not use are
/// dropped when it ends, so the store holds about one site's worth.
///
/// Each entry remembers the last build that used it. Hits take only a read lock and
/// stamp the entry, so the threads of a build look up in parallel; nothing moves
/// between maps. The map is a `DashMap` (its entries split over shards, each with its
/// own lock) and hits are counted per thread, so that the threads of a build seldom
/// touch the same lock or counter. Against a map of 16 shards written here, and one
/// `RwLock` over one map, it did the same work (`serve`'s rebuild at 1,000 pages:
/// 1,107M instructions, against 1,109M and 1,110M) and no difference in time showed
/// on a 2-core machine; it keeps the shards a machine with more cores needs, without
/// code of our own (docs/dependencies.md).
pub struct Store<V> {
    enabled: bool,
    map: dashmap::DashMap<Digest, Entry<V>, Prehashed>,
    /// The number of the build under way, and of the last one that succeeded.
    build: AtomicU64,
    last_good: AtomicU64,
    hits: Counter,
    misses: Counter,
}

/// Kept on a cache line of its own.
#[repr(align(64))]
#[derive(Default)]
struct Padded<T>(T);

/// A count kept in one slot per thread, summed when read.
#[derive(Default)]
struct Counter([Padded<AtomicUsize>; 8]);

impl Counter {
    fn add(&self) {
        let slot = rayon::current_thread_index().map_or(0, |i| i + 1) % self.0.len();
        self.0[slot].0.fetch_add(1, Ordering::Relaxed);
    }

    fn take(&self) -> usize {
        self.0.iter().map(|c| c.0.swap(0, Ordering::Relaxed)).sum()
    }
}

struct Entry<V> {
    value: V,
    used: AtomicU64,
}

impl<V: Clone> Store<V> {
    /// A store; a disabled one keeps nothing and computes every time.
    pub fn new(enabled: bool) -> Self {
        Store {
            enabled,
            map: dashmap::DashMap::with_hasher(Prehashed::default()),
            build: AtomicU64::new(1),
            last_good: AtomicU64::new(0),
            hits: Counter::default(),
            misses: Counter::default(),
        }
    }

    /// The stored result for `key`, or `compute()`'s, stored for next time.
    pub fn get_or(&self, key: impl FnOnce() -> Digest, compute: impl FnOnce() -> V) -> V {
        if !self.enabled {
            return compute();
        }
        let key = key();
        let now = self.build.load(Ordering::Relaxed);
        if let Some(e) = self.map.get(&key) {
            e.used.store(now, Ordering::Relaxed);
            self.hits.add();
            return e.value.clone();
        }
        // Computed outside the lock, so that other threads carry on meanwhile.
        self.misses.add();
        let v = compute();
        self.map.insert(
            key,
            Entry {
                value: v.clone(),
                used: AtomicU64::new(now),
            },
        );
        v
    }

    /// Marks `key` as used by this build, so that it is kept for the next.
    pub fn touch(&self, key: Digest) {
        if !self.enabled {
            return;
        }
        if let Some(e) = self.map.get(&key) {
            e.used
                .store(self.build.load(Ordering::Relaxed), Ordering::Relaxed);
        }
    }

    /// Ends a build: what it did not use is forgotten. Returns (reused, computed).
    pub fn end_build(&self, succeeded: bool) -> (usize, usize) {
        let now = self.build.load(Ordering::Relaxed);
        // A failed build may have stopped early: keep what the last good one used as
        // well, so that fixing the error is quick.
        let also = if succeeded {
            now
        } else {
            self.last_good.load(Ordering::Relaxed)
        };
        self.map.retain(|_, e| {
            let used = e.used.load(Ordering::Relaxed);
            used == now || used == also
        });
        if succeeded {
            self.last_good.store(now, Ordering::Relaxed);
        }
        self.build.store(now + 1, Ordering::Relaxed);
        (self.hits.take(), self.misses.take())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_forgets_what_a_build_did_not_use() {
        let s: Store<u32> = Store::new(true);
        let mut calls = 0;
        assert_eq!(
            s.get_or(
                || 1,
                || {
                    calls += 1;
                    10
                }
            ),
            10
        );
        assert_eq!(s.get_or(|| 2, || 20), 20);
        s.end_build(true);
        assert_eq!(s.get_or(|| 1, || 99), 10, "kept from the last build");
        assert_eq!(s.end_build(true), (1, 0));
        assert_eq!(s.get_or(|| 2, || 21), 21, "not used last build: forgotten");
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_disabled_store_always_computes() {
        let s: Store<u32> = Store::new(false);
        assert_eq!(s.get_or(|| 1, || 10), 10);
        assert_eq!(s.get_or(|| 1, || 11), 11);
    }
}
