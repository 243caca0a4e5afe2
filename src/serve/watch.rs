//! Watching `content/`, `themes/` and `static/` for changes.
//!
//! Editors save in bursts (a temporary file written, renamed over the page, its
//! metadata touched), and a folder moved is many events at once. We wait until the
//! events have been quiet for [`QUIET`] (at most [`LONGEST`] after the first), then
//! rebuild once. Hidden and temporary files are ignored, so an editor's swap file
//! never triggers a build; an atomic save shows up as a rename onto the real name.
//!
//! A site may have no `static/` or `themes/` (or even `content/`) when `serve`
//! starts. The site folder itself is watched too, not recursively, so when one of
//! the three is made later it is watched from then on, and the site rebuilt.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::{Rebuilt, State};
use crate::load::is_ignored_name;

/// How long the files must be still before we rebuild. An editor's save, however
/// many steps it takes (a temporary file written, renamed over the page, the old
/// copy removed), is a burst of system calls well inside this; a change that comes
/// later simply gets a rebuild of its own.
pub const QUIET: Duration = Duration::from_millis(10);
/// The longest we wait after the first change, however busy the files are.
pub const LONGEST: Duration = Duration::from_millis(250);

/// The folders of a site that hold its sources, each watched with all below it.
pub const WATCHED: [&str; 3] = ["content", "themes", "static"];

/// Starts watching; the returned watcher must be kept alive.
pub fn start(
    site_dir: &Path,
    state: Arc<State>,
    log: impl Fn(&str) + Send + 'static,
) -> Option<RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let later_tx = tx.clone();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            log(&format!(
                "cannot watch for changes ({e}); restart serve to see edits"
            ));
            return None;
        }
    };
    // Watch by absolute path, so event paths can be judged below the site folder.
    let root = site_dir
        .canonicalize()
        .unwrap_or_else(|_| site_dir.to_path_buf());
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir()
            && let Err(e) = watcher.watch(&path, RecursiveMode::Recursive)
        {
            log(&format!("cannot watch {} ({e})", path.display()));
        }
    }
    // The site folder itself, for the three folders made after serve starts.
    if let Err(e) = watcher.watch(&root, RecursiveMode::NonRecursive) {
        log(&format!("cannot watch {} ({e})", root.display()));
    }
    std::thread::spawn(move || {
        // Watchers of the folders made since serve started, kept alive here.
        let mut later: Vec<RecommendedWatcher> = Vec::new();
        let mut watch_new = |event: &notify::Result<notify::Event>| {
            for dir in new_site_folders(event, &root) {
                let watched = notify::recommended_watcher(later_tx.clone())
                    .and_then(|mut w| w.watch(&dir, RecursiveMode::Recursive).map(|()| w));
                match watched {
                    Ok(w) => later.push(w),
                    Err(e) => log(&format!("cannot watch {} ({e})", dir.display())),
                }
            }
        };
        while let Ok(first) = rx.recv() {
            watch_new(&first);
            let mut changed: Vec<PathBuf> = relevant(first, &root);
            // The build's own reads, and hidden files, start nothing.
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            loop {
                let left = LONGEST.saturating_sub(started.elapsed());
                match rx.recv_timeout(QUIET.min(left)) {
                    Ok(event) => {
                        watch_new(&event);
                        changed.extend(relevant(event, &root));
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if started.elapsed() >= LONGEST {
                    break;
                }
            }
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            changed.dedup();
            let what = describe(&changed, &root);
            match state.rebuild_after(&changed) {
                Rebuilt::Ok {
                    seconds,
                    warnings,
                    reuse,
                    ..
                } => {
                    log(&format!(
                        "{warnings}rebuilt in {:.0} ms ({what}): {}",
                        seconds * 1000.0,
                        reuse.describe()
                    ));
                }
                Rebuilt::Failed { report } => {
                    log(&format!(
                        "{report}the build failed ({what}); still serving the last good site"
                    ));
                }
            }
        }
    });
    Some(watcher)
}

/// The folders among [`WATCHED`] that an event made (or moved) in the site folder.
fn new_site_folders(event: &notify::Result<notify::Event>, root: &Path) -> Vec<PathBuf> {
    let Ok(event) = event else {
        return Vec::new();
    };
    if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
        return Vec::new();
    }
    event
        .paths
        .iter()
        .filter(|p| p.parent() == Some(root))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| WATCHED.contains(&n))
        })
        .filter(|p| p.is_dir())
        .cloned()
        .collect()
}

/// The paths of an event that matter: not hidden, not an editor's temporary file
/// (judged below the site folder, which may itself sit somewhere hidden). When the
/// watcher lost track (an error, or the kernel's queue overflowed), the whole site.
fn relevant(event: notify::Result<notify::Event>, root: &Path) -> Vec<PathBuf> {
    let Ok(event) = event else {
        return vec![root.to_path_buf()];
    };
    if event.need_rescan() {
        return vec![root.to_path_buf()];
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter(|p| {
            let mut names = p
                .strip_prefix(root)
                .unwrap_or(p)
                .components()
                .filter_map(|c| c.as_os_str().to_str());
            // Only what is in (or is) one of the three folders: the site folder is
            // watched for them, not for its other files.
            let in_site = names.next().is_some_and(|top| WATCHED.contains(&top));
            in_site && !names.any(is_ignored_name)
        })
        .collect()
}

fn describe(changed: &[PathBuf], root: &Path) -> String {
    if changed.iter().any(|p| p == root) {
        return "the watcher lost track, so everything was read again".into();
    }
    let names: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    match changed.len() {
        1 => format!("{} changed", names[0]),
        n if n <= 3 => format!("{} changed", names.join(", ")),
        n => format!("{} and {} more changed", names.join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, Flag};

    #[test]
    fn hidden_and_temporary_files_are_not_changes() {
        let root = Path::new("/site");
        let event = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(root.join("content/.page.md.swp"))
            .add_path(root.join("content/page.md"));
        assert_eq!(relevant(Ok(event), root), [root.join("content/page.md")]);
    }

    #[test]
    fn a_folder_made_after_serve_starts_is_watched_and_other_files_are_not_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("static")).unwrap();
        std::fs::create_dir(root.join("drafts")).unwrap();
        let made = notify::Event::new(EventKind::Create(CreateKind::Folder))
            .add_path(root.join("static"))
            .add_path(root.join("drafts"));
        assert_eq!(
            new_site_folders(&Ok(made.clone()), root),
            [root.join("static")]
        );
        assert_eq!(relevant(Ok(made), root), [root.join("static")]);
        let other = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(root.join("README.md"));
        assert!(relevant(Ok(other), root).is_empty());
    }

    #[test]
    fn a_new_static_folder_is_seen_by_a_real_watcher() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (tx, rx) = mpsc::channel();
        let mut w = notify::recommended_watcher(tx).unwrap();
        w.watch(&root, RecursiveMode::NonRecursive).unwrap();
        std::fs::create_dir(root.join("static")).unwrap();
        // Events arrive within moments; give up after a long wait, never assert time.
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut found = Vec::new();
        while found.is_empty() && Instant::now() < deadline {
            if let Ok(event) = rx.recv_timeout(Duration::from_millis(200)) {
                found = new_site_folders(&event, &root);
            }
        }
        assert_eq!(found, [root.join("static")]);
    }

    #[test]
    fn a_watcher_that_lost_track_rebuilds_everything() {
        let root = Path::new("/site");
        let overflow = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(relevant(Ok(overflow), root), [root.to_path_buf()]);
        let error = Err(notify::Error::generic("queue overflow"));
        let changed = relevant(error, root);
        assert_eq!(changed, [root.to_path_buf()]);
        assert!(describe(&changed, root).contains("lost track"));
    }
}
