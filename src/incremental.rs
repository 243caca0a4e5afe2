//! What `serve` keeps from one build to the next, so that a rebuild redoes only the
//! work a change affects.
//!
//! There is no second, incremental build: `serve` runs the same [`crate::build_in_memory`]
//! as `bcfsite build`, every stage of it, visibility decision and audit included. What
//! changes is that the costly pure steps (reading a file, parsing a page, the
//! plain-English checks, rendering Markdown, rendering a template, auditing an output)
//! look up their result by a [`Digest`] of *everything they read*: a file's stamp, a
//! page's text, the data and templates a shortcode reads, the template context. The
//! same inputs give the same bytes, so a hit is exactly what the step would have
//! produced; anything not in the key cannot have changed the answer. Tests hold every
//! cached build to the bytes of a fresh one (`incremental_equals_full`).
//!
//! `bcfsite build` uses [`Cache::disabled`], which stores nothing.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};

/// A 128-bit digest of a step's inputs: wide enough that two different inputs never
/// share one in practice (xxh3, which reads gigabytes a second).
pub type Digest = u128;

/// Builds a [`Digest`] from parts; each part is length-prefixed so that `("ab", "c")`
/// and `("a", "bc")` differ. The parts are gathered and digested in one go: most keys
/// are short, and setting up xxh3's streaming state for each cost more than hashing.
#[derive(Default)]
pub struct Key(Vec<u8>);

impl Key {
    pub fn new(step: &str) -> Key {
        let mut k = Key(Vec::with_capacity(128));
        k.str(step);
        k
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Key {
        self.0.extend_from_slice(&(b.len() as u64).to_le_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Key {
        self.bytes(s.as_bytes())
    }

    pub fn digest(&mut self, d: Digest) -> &mut Key {
        self.0.extend_from_slice(&d.to_le_bytes());
        self
    }

    pub fn flag(&mut self, b: bool) -> &mut Key {
        self.0.push(u8::from(b));
        self
    }

    /// Anything serialisable, through its JSON form (the form templates see).
    pub fn serialized(&mut self, v: &impl serde::Serialize) -> &mut Key {
        let start = self.0.len();
        // Serialising plain view structs cannot fail; if it ever did, the marker keeps
        // the key distinct from a successful one.
        if serde_json::to_writer(&mut self.0, v).is_err() {
            self.0.truncate(start);
            self.str("\u{0}unserialisable");
        }
        self
    }

    pub fn finish(&self) -> Digest {
        digest_of(&self.0)
    }
}

/// The digest of one byte string.
pub fn digest_of(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// For maps keyed by hashes or digests we computed ourselves, which need no hashing
/// again: their low 64 bits are the hash.
#[derive(Default)]
pub struct PrehashedKey(u64);

impl std::hash::Hasher for PrehashedKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 and u128 keys are meant to reach here; fold anything else in
        // rather than lose it.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

/// The `BuildHasher` for maps keyed by ready-made hashes.
pub type Prehashed = BuildHasherDefault<PrehashedKey>;

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
    fn new(enabled: bool) -> Self {
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
        if !self.enabled || key == 0 {
            return;
        }
        if let Some(e) = self.map.get(&key) {
            e.used
                .store(self.build.load(Ordering::Relaxed), Ordering::Relaxed);
        }
    }

    /// Ends a build: what it did not use is forgotten. Returns (reused, computed).
    fn end_build(&self, succeeded: bool) -> (usize, usize) {
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

/// A file's text as last read, its digest, the stamp it had then, and when that was.
#[derive(Clone)]
pub struct ReadText {
    pub stamp: FileStamp,
    pub text: std::sync::Arc<str>,
    pub digest: Digest,
    pub read_at: std::time::SystemTime,
}

/// File systems keep modification times coarsely (to the clock tick, or worse), so
/// two saves close together can leave the same stamp. As git does with its index, a
/// stamp is only trusted once the file had been unmodified for this long when it was
/// read; a file read sooner after a change is read again next time.
const RACY: std::time::Duration = std::time::Duration::from_millis(100);

impl ReadText {
    fn still_valid(&self, now: FileStamp) -> bool {
        self.stamp == now
            && self
                .stamp
                .modified
                .is_some_and(|m| m + RACY <= self.read_at)
    }
}

/// Enough of a file's metadata to tell that it changed: size, modification time to
/// the nanosecond, and inode (an editor's save-by-rename makes a new one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}

/// The start of the digest of everything a build reads except page bodies: the build
/// options, every data file (site settings and glossary among them), every asset and
/// static file with its size and time, and the names of the Markdown files.
pub fn inputs_but_markdown(sources: &crate::load::Sources, opts: &crate::BuildOptions) -> Key {
    let mut key = Key::new("structure");
    key.str(&format!(
        "{:?} {} {} {:?}",
        opts.audience, opts.include_drafts, opts.now, opts.base_url
    ));
    for f in &sources.data {
        key.str(&f.rel).digest(f.digest);
    }
    for f in &sources.markdown {
        key.str(&f.rel);
    }
    for a in sources.content_assets.iter().chain(&sources.static_files) {
        key.str(&a.rel);
        match std::fs::metadata(&a.abs) {
            Ok(m) => key.str(&format!("{:?}", FileStamp::of(&m))),
            Err(_) => key.str("missing"),
        };
    }
    key
}

/// Finishes [`inputs_but_markdown`] with every page's front matter (by its digest): a page's view
/// reads other pages' front matter (listings, breadcrumbs, appendices), never their
/// bodies.
pub fn structure(mut key: Key, documents: &[std::sync::Arc<crate::parse::Document>]) -> Digest {
    for d in documents {
        key.str(&d.rel).digest(d.front_digest);
    }
    key.finish()
}

/// Everything a build can reuse from earlier builds.
pub struct Cache {
    enabled: bool,
    /// Stage 1: file texts by path, trusted while the file's stamp is the same.
    pub(crate) texts: RwLock<HashMap<std::path::PathBuf, ReadText>>,
    /// Stage 2: a Markdown file's front matter and body, by its path and text.
    pub(crate) documents:
        Store<Result<std::sync::Arc<crate::parse::Document>, Vec<crate::diagnostic::Diagnostic>>>,
    /// Stage 2: a data document, by its path and text.
    pub(crate) data_files: Store<Result<crate::data::DataFile, crate::diagnostic::Diagnostic>>,
    /// The plain-English warnings of one page.
    pub(crate) plain: Store<Vec<crate::diagnostic::Diagnostic>>,
    /// Stage 5: a page body rendered to HTML.
    pub(crate) bodies: Store<
        Result<
            std::sync::Arc<crate::content::markdown::Rendered>,
            Vec<crate::diagnostic::Diagnostic>,
        >,
    >,
    /// Stage 5: a whole page from its template and context.
    pub(crate) pages:
        Store<Result<std::sync::Arc<crate::output::FileBytes>, crate::diagnostic::Diagnostic>>,
    /// Stage 5: a page reused whole while only other pages' bodies changed.
    pub(crate) outputs: Store<Result<crate::render::PageOut, Vec<crate::diagnostic::Diagnostic>>>,
    /// A page's entry in the search index, as JSON.
    pub(crate) search_entries: Store<std::sync::Arc<str>>,
    /// Stage 5: the search index, by every page's text and the structure.
    pub(crate) search_indexes: Store<crate::output::OutputFile>,
    /// Stage 5: what no page body changes (data pages, feeds...), by the structure.
    pub(crate) site_wide: Store<std::sync::Arc<crate::render::SiteWide>>,
    /// Stage 5: every address the site publishes, by the structure.
    pub(crate) link_indexes: Store<std::sync::Arc<crate::render::links::LinkIndex>>,
    /// Stage 7: the audit of one output file.
    pub(crate) audits: Store<Vec<crate::diagnostic::Diagnostic>>,
    /// Stage 1: whether a file to be copied looks like a page, by its stamp.
    pub(crate) sniffs: Store<Option<crate::diagnostic::Diagnostic>>,
    /// Files read from disk in this build.
    reads: AtomicUsize,
    /// For [`Cache::watched`]: the last load's file list and what changed since.
    watched: Option<Mutex<Watched>>,
}

/// The files stage 1 found: (path under `content/` or `static/`, absolute path).
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub content: Vec<(String, std::path::PathBuf)>,
    pub statics: Vec<(String, std::path::PathBuf)>,
}

#[derive(Default)]
struct Watched {
    /// The last load's files; `None` until a walk has been kept.
    listing: Option<Listing>,
    /// Every path reported changed since that load.
    changed: Vec<std::path::PathBuf>,
}

/// How much of the last build was reused, for `serve`'s log line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reuse {
    /// Pages rendered from their templates in this build.
    pub rendered: usize,
    /// Pages whose bytes were the same as before and reused.
    pub reused: usize,
    /// Page bodies rendered from Markdown in this build.
    pub markdown: usize,
    /// Files read from disk in this build (the rest were unchanged).
    pub read: usize,
}

impl Reuse {
    /// For `serve`'s log: "re-rendered 1 of 10,071 pages, read 1 file". Only pages
    /// made from content are counted (not data pages, feeds or the search index).
    pub fn describe(&self) -> String {
        format!(
            "re-rendered {} of {} pages, read {}",
            self.rendered,
            self.rendered + self.reused,
            crate::diagnostic::plural(self.read, "file")
        )
    }
}

impl Cache {
    /// A cache that stores nothing: every step is computed (`bcfsite build`).
    pub fn disabled() -> Cache {
        Cache::new(false)
    }

    /// A cache that remembers between builds, and checks each file's stamp to
    /// tell whether it changed.
    pub fn enabled() -> Cache {
        Cache::new(true)
    }

    /// A cache that remembers between builds and is told, through [`Cache::invalidate`],
    /// every path that changed (`serve`, from its file watcher). Stage 1 then neither
    /// walks the folders nor checks the files that did not change: the last build's
    /// list is patched with what changed. A changed folder, a link, or a path outside
    /// `content/`, `static/` and `themes/` (the watcher losing track reports the site
    /// folder) makes it walk again.
    pub fn watched() -> Cache {
        Cache {
            watched: Some(Mutex::new(Watched::default())),
            ..Cache::new(true)
        }
    }

    fn new(enabled: bool) -> Cache {
        Cache {
            enabled,
            texts: RwLock::new(HashMap::new()),
            documents: Store::new(enabled),
            data_files: Store::new(enabled),
            plain: Store::new(enabled),
            bodies: Store::new(enabled),
            pages: Store::new(enabled),
            outputs: Store::new(enabled),
            search_entries: Store::new(enabled),
            search_indexes: Store::new(enabled),
            site_wide: Store::new(enabled),
            link_indexes: Store::new(enabled),
            audits: Store::new(enabled),
            sniffs: Store::new(enabled),
            reads: AtomicUsize::new(0),
            watched: None,
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Reads a text file, or returns the text read before if the file's stamp is the
    /// same, with a digest of the text (0 when disabled). `read` does the reading (and
    /// its diagnostics).
    ///
    /// With `unchanged` (the watcher reported no change to the file), a text read
    /// before is taken without looking at the file at all.
    pub(crate) fn text<E>(
        &self,
        abs: &std::path::Path,
        unchanged: bool,
        read: impl FnOnce() -> Result<std::sync::Arc<str>, E>,
    ) -> Result<(std::sync::Arc<str>, Digest), E> {
        if !self.enabled {
            return read().map(|t| (t, 0));
        }
        if unchanged
            && let Some(t) = self
                .texts
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(abs)
        {
            return Ok((t.text.clone(), t.digest));
        }
        let stamp = std::fs::metadata(abs).ok().map(|m| FileStamp::of(&m));
        if let Some(stamp) = stamp {
            let texts = self.texts.read().unwrap_or_else(|e| e.into_inner());
            if let Some(t) = texts.get(abs)
                && t.still_valid(stamp)
            {
                return Ok((t.text.clone(), t.digest));
            }
        }
        self.reads.fetch_add(1, Ordering::Relaxed);
        let read_at = std::time::SystemTime::now();
        let text = read()?;
        let digest = digest_of(text.as_bytes());
        // The stamp is taken before reading: a write during the read changes the
        // stamp again, so the next build reads the file once more.
        if let Some(stamp) = stamp {
            self.texts
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(
                    abs.to_path_buf(),
                    ReadText {
                        stamp,
                        text: text.clone(),
                        digest,
                        read_at,
                    },
                );
        }
        Ok((text, digest))
    }

    /// Forgets what was read from these paths (files, or folders and all below),
    /// whatever their stamps say: `serve` passes what the watcher saw change.
    pub fn invalidate(&self, paths: &[std::path::PathBuf]) {
        if self.enabled && !paths.is_empty() {
            let mut texts = self.texts.write().unwrap_or_else(|e| e.into_inner());
            // A file's own text goes by its key; anything else may be a folder, and
            // takes a look at every path below it.
            let folders: Vec<_> = paths
                .iter()
                .filter(|p| texts.remove(p.as_path()).is_none())
                .collect();
            if !folders.is_empty() {
                texts.retain(|p, _| !folders.iter().any(|changed| p.starts_with(changed)));
            }
        }
        if let Some(w) = &self.watched {
            w.lock()
                .unwrap_or_else(|e| e.into_inner())
                .changed
                .extend_from_slice(paths);
        }
    }

    /// For stage 1 of a [`Cache::watched`] build: the last load's list and every path
    /// changed since. `None` when the folders must be walked.
    pub(crate) fn take_listing(&self) -> Option<(Listing, Vec<std::path::PathBuf>)> {
        let mut w = self
            .watched
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let changed = std::mem::take(&mut w.changed);
        w.listing.take().map(|l| (l, changed))
    }

    /// Keeps this load's list for the next (only a [`Cache::watched`] cache does).
    pub(crate) fn keep_listing(&self, listing: &Listing) {
        if let Some(w) = &self.watched {
            let mut w = w.lock().unwrap_or_else(|e| e.into_inner());
            w.listing = Some(listing.clone());
        }
    }

    /// Forgets the texts of files that are gone, given every path the build found.
    pub(crate) fn keep_texts(&self, seen: &std::collections::HashSet<&std::path::Path>) {
        if self.enabled {
            self.texts
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|p, _| seen.contains(p.as_path()));
        }
    }

    /// Ends a build; returns what it reused.
    pub fn end_build(&self, succeeded: bool) -> Reuse {
        let read = self.reads.swap(0, Ordering::Relaxed);
        let (_, markdown) = self.bodies.end_build(succeeded);
        let (reused_views, rendered) = self.pages.end_build(succeeded);
        let (reused_whole, _) = self.outputs.end_build(succeeded);
        let reused = reused_views + reused_whole;
        self.documents.end_build(succeeded);
        self.plain.end_build(succeeded);
        self.data_files.end_build(succeeded);
        self.search_entries.end_build(succeeded);
        self.search_indexes.end_build(succeeded);
        self.site_wide.end_build(succeeded);
        self.link_indexes.end_build(succeeded);
        self.audits.end_build(succeeded);
        self.sniffs.end_build(succeeded);
        Reuse {
            rendered,
            reused,
            markdown,
            read,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_kept_apart() {
        let a = Key::new("t").str("ab").str("c").finish();
        let b = Key::new("t").str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Key::new("t").str("ab").str("c").finish());
        assert_ne!(a, Key::new("u").str("ab").str("c").finish());
    }

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
