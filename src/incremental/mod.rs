//! What `serve` keeps from one build to the next, so that a rebuild redoes only the
//! work a change affects: the generic machinery, knowing no stage.
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
//! Here are only the parts every stage shares: [`Key`] and [`Digest`] (`key.rs`), the
//! [`Store`] of results by digest (`store.rs`), [`FileStamp`] (`stamp.rs`), and the
//! [`Cache`] that holds one memo per stage from build to build and ends each build.
//! Each stage owns its memo (a type implementing [`StageMemo`]): what it keeps, and
//! the keys it finds things by. The stage asks the cache for it once per build
//! (`cache.memo::<M>()`), so this module names no stage's types and no stage has a
//! second, cached twin of its function: a stage takes the cache, and `bcfsite build`
//! passes [`Cache::disabled`], whose memos store nothing. A test holds this module to
//! naming no stage.
//!
//! Why this shape: one function per stage taking the cache reads as the pipeline
//! does (`load`, `parse`, `render`, each given what it may reuse), where a cached
//! twin of each doubled every stage's entry points; and a memo found by its type
//! lets a stage start keeping something new by changing its own files only, where a
//! container listing every stage's stores was the cycle of imports this replaced.
//! The lookup is once per stage per build, so its cost does not show. For the whole
//! build, the cache travels in `BuildOptions` (disabled unless set), so that the many
//! callers of a plain build stay as they are and `serve` sets it once.

mod key;
mod stamp;
mod store;

use std::any::{Any, TypeId};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

pub use key::{Digest, Key, Prehashed, PrehashedKey, digest_of};
pub use stamp::FileStamp;
pub use store::Store;

/// What one stage keeps between builds. Made by the [`Cache`] the first time a build
/// asks for it, and kept as long as the cache.
pub trait StageMemo: Send + Sync + 'static {
    /// An empty memo; a disabled `cache` must give one that keeps nothing.
    fn new(cache: &Cache) -> Self
    where
        Self: Sized;

    /// Ends a build: forget what it did not use (see [`Store::end_build`]), and add
    /// what was reused to `reuse`.
    fn end_build(&self, succeeded: bool, reuse: &mut Reuse);

    /// Forget what was read from these paths (files, or folders and all below):
    /// `serve` passes what its watcher saw change.
    fn invalidate(&self, _changed: &[PathBuf]) {}
}

/// One stage's memo, kept both as itself (to hand back) and as a [`StageMemo`].
struct Held {
    id: TypeId,
    any: Arc<dyn Any + Send + Sync>,
    memo: Arc<dyn StageMemo>,
}

/// Everything a build can reuse from earlier builds: one memo per stage, made when a
/// stage first asks for it.
pub struct Cache {
    enabled: bool,
    watched: bool,
    memos: RwLock<Vec<Held>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("enabled", &self.enabled)
            .field("watched", &self.watched)
            .finish_non_exhaustive()
    }
}

/// How much of the last build was reused, for `serve`'s log line. The stages' memos
/// fill it in at the end of each build.
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
        Cache::new(false, false)
    }

    /// A cache that remembers between builds, and checks each file's stamp to
    /// tell whether it changed.
    pub fn enabled() -> Cache {
        Cache::new(true, false)
    }

    /// A cache that remembers between builds and is told, through [`Cache::invalidate`],
    /// every path that changed (`serve`, from its file watcher). The first stage then
    /// neither walks the folders nor checks the files that did not change: the last
    /// build's list is patched with what changed. A changed folder, a link, or a path
    /// outside `content/`, `static/` and `themes/` (the watcher losing track reports
    /// the site folder) makes it walk again.
    pub fn watched() -> Cache {
        Cache::new(true, true)
    }

    fn new(enabled: bool, watched: bool) -> Cache {
        Cache {
            enabled,
            watched,
            memos: RwLock::new(Vec::new()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Whether every change is reported through [`Cache::invalidate`] ([`Cache::watched`]).
    pub fn is_watched(&self) -> bool {
        self.watched
    }

    /// The memo of type `M`, made empty the first time it is asked for. A stage asks
    /// once per build, not once per file.
    pub fn memo<M: StageMemo>(&self) -> Arc<M> {
        let id = TypeId::of::<M>();
        let found = |memos: &[Held]| {
            memos
                .iter()
                .find(|h| h.id == id)
                .and_then(|h| h.any.clone().downcast::<M>().ok())
        };
        if let Some(m) = found(&self.memos.read().unwrap_or_else(|e| e.into_inner())) {
            return m;
        }
        let mut memos = self.memos.write().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = found(&memos) {
            return m;
        }
        let m = Arc::new(M::new(self));
        memos.push(Held {
            id,
            any: m.clone(),
            memo: m.clone(),
        });
        m
    }

    /// Forgets what was read from these paths (files, or folders and all below),
    /// whatever their stamps say: `serve` passes what the watcher saw change.
    pub fn invalidate(&self, paths: &[PathBuf]) {
        for h in self.memos.read().unwrap_or_else(|e| e.into_inner()).iter() {
            h.memo.invalidate(paths);
        }
    }

    /// Ends a build; returns what it reused.
    pub fn end_build(&self, succeeded: bool) -> Reuse {
        let mut reuse = Reuse::default();
        for h in self.memos.read().unwrap_or_else(|e| e.into_inner()).iter() {
            h.memo.end_build(succeeded, &mut reuse);
        }
        reuse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counting(Store<u32>);

    impl StageMemo for Counting {
        fn new(cache: &Cache) -> Self {
            Counting(Store::new(cache.is_enabled()))
        }
        fn end_build(&self, succeeded: bool, reuse: &mut Reuse) {
            let (hits, misses) = self.0.end_build(succeeded);
            reuse.reused += hits;
            reuse.rendered += misses;
        }
    }

    #[test]
    fn a_memo_is_made_once_and_kept() {
        let cache = Cache::enabled();
        assert_eq!(cache.memo::<Counting>().0.get_or(|| 1, || 10), 10);
        assert_eq!(cache.memo::<Counting>().0.get_or(|| 1, || 11), 10);
        let reuse = cache.end_build(true);
        assert_eq!((reuse.reused, reuse.rendered), (1, 1));
        assert_eq!(cache.memo::<Counting>().0.get_or(|| 1, || 12), 10);
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = Cache::disabled();
        assert_eq!(cache.memo::<Counting>().0.get_or(|| 1, || 10), 10);
        assert_eq!(cache.memo::<Counting>().0.get_or(|| 1, || 11), 11);
    }

    /// The machinery knows no stage: each stage owns its memo, and the cache only
    /// holds them. Naming a stage here brings back the cycle of imports.
    #[test]
    fn names_no_stage() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/incremental");
        let stages = ["load", "parse", "check", "render", "audit", "output"];
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            // The code, not its tests (this one lists the stages).
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for stage in stages {
                    // A path through the stage (`render::`, `crate::render`,
                    // `super::load`), not a word like `Ordering`'s `.load()`.
                    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
                    let through = code
                        .match_indices(&format!("{stage}::"))
                        .any(|(i, _)| !code[..i].ends_with(is_ident));
                    let named = ["crate::", "super::", "mod ", "use "].iter().any(|before| {
                        code.match_indices(&format!("{before}{stage}"))
                            .any(|(i, m)| !code[i + m.len()..].starts_with(is_ident))
                    });
                    assert!(
                        !through && !named,
                        "{}:{} names the stage `{stage}`: move it to that stage's memo",
                        path.display(),
                        n + 1
                    );
                }
            }
        }
    }
}
