//! The load stage's memo: file texts by their stamps, the last walk's list of files
//! (for a [`Cache::watched`] cache), and whether a file to be copied looks like a page.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest, FileStamp, Key, Reuse, StageMemo, Store, digest_of};

/// The files the load stage found: (path under `content/` or `static/`, absolute path).
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub content: Vec<(String, PathBuf)>,
    pub statics: Vec<(String, PathBuf)>,
}

/// A file's text as last read, its digest, the stamp it had then, and when that was.
#[derive(Clone)]
struct ReadText {
    stamp: FileStamp,
    text: Arc<str>,
    digest: Digest,
    read_at: SystemTime,
}

impl ReadText {
    fn still_valid(&self, now: FileStamp) -> bool {
        self.stamp == now && self.stamp.settled_by(self.read_at)
    }
}

#[derive(Default)]
struct Watched {
    /// The last load's files; `None` until a walk has been kept.
    listing: Option<Listing>,
    /// Every path reported changed since that load.
    changed: Vec<PathBuf>,
}

/// What the load stage keeps between builds.
pub(crate) struct LoadMemo {
    enabled: bool,
    /// File texts by path, trusted while the file's stamp is the same.
    texts: RwLock<HashMap<PathBuf, ReadText>>,
    /// Whether a file to be copied looks like a page, by its stamp.
    sniffs: Store<Option<Diagnostic>>,
    /// Files read from disk in this build.
    reads: AtomicUsize,
    /// For a [`Cache::watched`] cache: the last load's file list and what changed since.
    watched: Option<Mutex<Watched>>,
}

impl StageMemo for LoadMemo {
    fn new(cache: &Cache) -> Self {
        LoadMemo {
            enabled: cache.is_enabled(),
            texts: RwLock::new(HashMap::new()),
            sniffs: Store::new(cache.is_enabled()),
            reads: AtomicUsize::new(0),
            watched: cache.is_watched().then(|| Mutex::new(Watched::default())),
        }
    }

    fn end_build(&self, succeeded: bool, reuse: &mut Reuse) {
        reuse.read += self.reads.swap(0, Ordering::Relaxed);
        self.sniffs.end_build(succeeded);
    }

    fn invalidate(&self, paths: &[PathBuf]) {
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
}

impl LoadMemo {
    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Reads a text file, or returns the text read before if the file's stamp is the
    /// same, with a digest of the text. `read` does the reading (and its
    /// diagnostics).
    ///
    /// With `unchanged` (the watcher reported no change to the file), a text read
    /// before is taken without looking at the file at all.
    pub(crate) fn text<E>(
        &self,
        abs: &Path,
        unchanged: bool,
        read: impl FnOnce() -> Result<Arc<str>, E>,
    ) -> Result<(Arc<str>, Digest), E> {
        if !self.enabled {
            return read().map(|t| {
                let digest = digest_of(t.as_bytes());
                (t, digest)
            });
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
        let read_at = SystemTime::now();
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

    /// Whether the file at `abs` (with `meta`, shown as `display`) looks like a page:
    /// `look` looks, or the answer for the same stamp is reused.
    pub(crate) fn sniff(
        &self,
        abs: &Path,
        display: &str,
        meta: &std::fs::Metadata,
        look: impl FnOnce() -> Option<Diagnostic>,
    ) -> Option<Diagnostic> {
        self.sniffs.get_or(
            || {
                Key::new("sniff")
                    .str(display)
                    .str(&abs.to_string_lossy())
                    .str(&format!("{:?}", FileStamp::of(meta)))
                    .finish()
            },
            look,
        )
    }

    /// For a [`Cache::watched`] build: the last load's list and every path changed
    /// since. `None` when the folders must be walked.
    pub(crate) fn take_listing(&self) -> Option<(Listing, Vec<PathBuf>)> {
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
    pub(crate) fn keep_texts(&self, seen: &HashSet<&Path>) {
        if self.enabled {
            self.texts
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|p, _| seen.contains(p.as_path()));
        }
    }
}
