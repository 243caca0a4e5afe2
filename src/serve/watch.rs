//! Watching `content/`, `themes/` and `static/` for changes.
//!
//! Editors save in bursts (a temporary file written, renamed over the page, its
//! metadata touched), and a folder moved is many events at once. We wait until the
//! events have been quiet for [`QUIET`] (at most [`LONGEST`] after the first), then
//! rebuild once. Hidden and temporary files are ignored, so an editor's swap file
//! never triggers a build; an atomic save shows up as a rename onto the real name.

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

/// Starts watching; the returned watcher must be kept alive.
pub fn start(
    site_dir: &Path,
    state: Arc<State>,
    log: impl Fn(&str) + Send + 'static,
) -> Option<RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
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
    for dir in ["content", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir()
            && let Err(e) = watcher.watch(&path, RecursiveMode::Recursive)
        {
            log(&format!("cannot watch {} ({e})", path.display()));
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed: Vec<PathBuf> = relevant(first, &root);
            // The build's own reads, and hidden files, start nothing.
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            loop {
                let left = LONGEST.saturating_sub(started.elapsed());
                match rx.recv_timeout(QUIET.min(left)) {
                    Ok(event) => changed.extend(relevant(event, &root)),
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
            !p.strip_prefix(root)
                .unwrap_or(p)
                .components()
                .filter_map(|c| c.as_os_str().to_str())
                .any(is_ignored_name)
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
