//! Stage 7, write: put the rendered site in place, all at once.
//!
//! (Over 500 lines for its tests: where a build may go is a question of many path
//! forms (relative, `..`, links, case), each tested here; the code is 430 lines.)
//!
//! A build is written into a fresh staging folder beside the output folder, then
//! swapped in with two renames; the old output is removed only after the new one is
//! in place. If anything fails before the swap, the staging folder is removed and
//! the previous site is left exactly as it was. Nothing from an earlier build can
//! survive into a new one, so a page made confidential since is gone.
//!
//! An output folder carries a marker file saying which audience it was built for, so
//! a public build never writes over a members' build (or over a folder bcfsite did
//! not make, such as `content/` given as `--output` by mistake).

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::visibility::Audience;

/// The marker file at the root of every output folder.
pub const MARKER: &str = ".bcfsite-build";

/// What a file of the built site holds.
#[derive(Clone, Debug)]
pub enum Contents {
    /// Shared, so that `serve` can keep a page's bytes between builds without copying.
    Bytes(Arc<FileBytes>),
    /// Copied as it is from a file of the site or theme.
    Copy(PathBuf),
}

/// One file of the built site.
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// Path relative to the site root, `/`-separated, e.g. `plan/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self::shared(path, Arc::new(FileBytes::new(bytes.into())))
    }

    pub fn shared(path: impl Into<String>, bytes: Arc<FileBytes>) -> Self {
        Self {
            path: path.into(),
            contents: Contents::Bytes(bytes),
        }
    }

    /// The file's bytes: borrowed from memory, or read from the source of a copy.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Contents::Copy(p) => fs::read(p).map(std::borrow::Cow::Owned),
        }
    }

    /// The file's length if it is in memory. A copy counts as the largest: its size is
    /// not known without a look, and it has to be read from disk.
    pub fn len_hint(&self) -> usize {
        match &self.contents {
            Contents::Bytes(b) => b.len(),
            Contents::Copy(_) => usize::MAX,
        }
    }
}

/// Why writing failed; the previous output is untouched in every case.
/// The bytes of a file made in memory, with their digest, taken at most once: `serve`
/// reuses a page's bytes from build to build, and its audit needs their digest each
/// time (hashing every page again was most of the audit's cost).
#[derive(Debug, Default)]
pub struct FileBytes {
    bytes: Vec<u8>,
    digest: std::sync::OnceLock<crate::incremental::Digest>,
}

impl FileBytes {
    pub fn new(bytes: Vec<u8>) -> Self {
        FileBytes {
            bytes,
            digest: std::sync::OnceLock::new(),
        }
    }

    pub fn digest(&self) -> crate::incremental::Digest {
        *self
            .digest
            .get_or_init(|| crate::incremental::digest_of(&self.bytes))
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

#[derive(Debug)]
pub enum WriteError {
    /// The folder exists and was not made by bcfsite, or was made for another audience.
    Refused {
        path: PathBuf,
        reason: String,
        help: String,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused { path, reason, .. } => {
                write!(f, "will not write to {}: {reason}", path.display())
            }
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

fn marker_text(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "audience: public\n",
        Audience::Members => "audience: members\n",
    }
}

/// Checks where a build for `audience` is to be written, before anything is read.
///
/// Paths are compared as the system will find them: made absolute, symbolic links
/// resolved (also when the folder does not exist yet), and letter case ignored, since
/// on the disks of Windows and macOS `Public` is `public`. Refused:
///
/// - any output inside the site's `content/`, `static/` or `themes/` (the next build
///   would read it, and publish it), or holding one of them (a build replaces its
///   output folder whole, so it would delete them);
/// - a members' output that is, is inside or holds `SITE/public`, the folder a
///   council uploads, or is inside any other public build.
pub fn check_placement(site_dir: &Path, out: &Path, audience: Audience) -> Result<(), Diagnostic> {
    let resolved = |path: &Path| {
        resolve(path).map_err(|e| {
            Diagnostic::error(
                "output-refused",
                format!("cannot tell where {} leads: {e}", path.display()),
            )
            .with_help("check the folder and any symbolic link on the way to it, or choose another --output")
        })
    };
    let given = out.display();
    let o = resolved(out)?;
    let folded_out = folded(&o);
    if audience == Audience::Members {
        let public = resolved(&site_dir.join("public"))?;
        let p = folded(&public);
        let (message, note) = if folded_out == p {
            (
                "go in the public output folder",
                format!("`{given}` is {}", o.display()),
            )
        } else if folded_out.starts_with(&p) {
            (
                "go inside the public output folder",
                format!("`{given}` is {}, inside {}", o.display(), public.display()),
            )
        } else if p.starts_with(&folded_out) {
            (
                "go in a folder that holds the public output folder",
                format!(
                    "`{given}` is {}, which holds {}",
                    o.display(),
                    public.display()
                ),
            )
        } else if let Some(build) = o
            .ancestors()
            .skip(1)
            .find(|a| holds_build(a, Audience::Public))
        {
            (
                "go inside a public build",
                format!(
                    "{} holds a public build (it has a {MARKER} file)",
                    build.display()
                ),
            )
        } else {
            ("", String::new())
        };
        if !message.is_empty() {
            return Err(Diagnostic::error(
                "members-into-public",
                format!("a members' build cannot {message}"),
            )
            .with_note(note)
            .with_note("everything in the public output folder is published, and a members' build holds confidential papers")
            .with_help("choose a folder outside the site and away from the public site, e.g. --output ../members-site"));
        }
    }
    for name in ["content", "static", "themes"] {
        let source = resolved(&site_dir.join(name))?;
        let s = folded(&source);
        let (message, note) = if folded_out.starts_with(&s) {
            (
                format!("the output folder is inside the site's {name}/ folder"),
                format!(
                    "`{given}` is {}, inside {}; the next build reads everything there, and would publish it",
                    o.display(),
                    source.display()
                ),
            )
        } else if s.starts_with(&folded_out) {
            (
                format!("the output folder holds the site's {name}/ folder"),
                format!(
                    "`{given}` is {}, which holds {}; a build replaces its output folder whole, and would delete it",
                    o.display(),
                    source.display()
                ),
            )
        } else {
            continue;
        };
        let help = match audience {
            Audience::Public => {
                "leave out --output to build into SITE/public, or choose a folder outside content/, static/ and themes/"
            }
            Audience::Members => "choose a folder outside the site, e.g. --output ../members-site",
        };
        return Err(Diagnostic::error("output-overlaps-sources", message)
            .with_note(note)
            .with_help(help));
    }
    Ok(())
}

/// `path` as the system will find it: absolute, with symbolic links resolved, whether
/// or not it exists yet. The nearest folder above it that exists is resolved by the
/// system; the rest is added by hand, `.` and `..` worked out (a folder that does not
/// exist cannot be a link). A link that leads nowhere, or a folder that cannot be
/// read, is an error: where the output would go cannot be told.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path)?;
    let parts: Vec<Component> = absolute.components().collect();
    for n in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..n].iter().collect();
        match fs::symlink_metadata(&prefix) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        let mut resolved = prefix.canonicalize()?;
        for part in &parts[n..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return Ok(resolved);
    }
    Ok(absolute)
}

/// A resolved path's parts with case folded, for comparing paths as a disk that
/// ignores case would.
fn folded(path: &Path) -> Vec<String> {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
        .collect()
}

/// Whether `dir` holds a build bcfsite made for `audience`.
fn holds_build(dir: &Path, audience: Audience) -> bool {
    fs::read_to_string(dir.join(MARKER)).is_ok_and(|text| text == marker_text(audience))
}

/// Checks that `out` may be replaced by a build for `audience`.
pub fn check_destination(out: &Path, audience: Audience) -> Result<(), WriteError> {
    if !out.exists() {
        return Ok(());
    }
    let refuse = |reason: &str, help: &str| {
        Err(WriteError::Refused {
            path: out.to_path_buf(),
            reason: reason.into(),
            help: help.into(),
        })
    };
    if !out.is_dir() {
        return refuse("it is a file, not a folder", "choose another --output");
    }
    match fs::read_to_string(out.join(MARKER)) {
        Ok(text) if text == marker_text(audience) => Ok(()),
        Ok(text) if text.contains("members") => refuse(
            "it holds a members' build, which contains confidential papers",
            "a public build never writes where a members' build is; choose another --output, or delete the folder yourself if you are sure",
        ),
        Ok(_) => refuse(
            "it holds a build for another audience",
            "choose another --output, or delete the folder yourself if you are sure",
        ),
        Err(_) => {
            let empty = fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty {
                Ok(())
            } else {
                refuse(
                    "it is not empty and was not made by bcfsite, so replacing it could lose files",
                    "choose a new or empty folder for --output",
                )
            }
        }
    }
}

/// Writes `files` to `out` through a staging folder, swapping it in at the end.
pub fn write_atomically(
    files: &[OutputFile],
    out: &Path,
    audience: Audience,
) -> Result<(), WriteError> {
    check_destination(out, audience)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.staging-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&staging);

    let written = write_tree(files, &staging).and_then(|()| {
        fs::write(staging.join(MARKER), marker_text(audience)).map_err(io(&staging))
    });
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_old = out.exists();
    if had_old && let Err(e) = fs::rename(out, &old) {
        let _ = fs::remove_dir_all(&staging);
        return Err(io(out)(e));
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous site back before reporting.
        if had_old {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(io(out)(e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Writes every file under `root`, in parallel, creating folders as needed.
fn write_tree(files: &[OutputFile], root: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(root).map_err(io(root))?;
    // The folders that hold folders (sections, bundles) are made first, one by one;
    // each file's own folder is made by the thread that writes it. Making all 10,000
    // page folders one by one left a core idle for a sixth of the stage.
    let mut parents: Vec<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent()?.parent())
        .collect();
    parents.sort();
    parents.dedup();
    for p in parents {
        let d = root.join(p);
        fs::create_dir_all(&d).map_err(io(&d))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = root.join(&f.path);
        if let Some(d) = dest.parent() {
            match fs::create_dir(d) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io(d)(e)),
                _ => {}
            }
        }
        match &f.contents {
            Contents::Bytes(bytes) => {
                let file = fs::File::create(&dest).map_err(io(&dest))?;
                let mut w = BufWriter::new(file);
                w.write_all(bytes)
                    .and_then(|()| w.flush())
                    .map_err(io(&dest))
            }
            Contents::Copy(src) => fs::copy(src, &dest).map(|_| ()).map_err(io(&dest)),
        }
    })
}

/// The built site held in memory, for `serve`: URL path → bytes.
pub fn into_memory(files: Vec<OutputFile>) -> std::io::Result<HashMap<String, Arc<FileBytes>>> {
    files
        .into_par_iter()
        .map(|f| {
            let bytes = match f.contents {
                Contents::Bytes(b) => b,
                Contents::Copy(p) => Arc::new(FileBytes::new(fs::read(p)?)),
            };
            Ok((f.path, bytes))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_everything() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = vec![
            OutputFile::bytes("a/index.html", "A"),
            OutputFile::bytes("old.html", "O"),
        ];
        write_atomically(&files, &out, Audience::Public).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A");
        write_atomically(
            &[OutputFile::bytes("index.html", "B")],
            &out,
            Audience::Public,
        )
        .unwrap();
        assert!(
            !out.join("old.html").exists(),
            "nothing from an earlier build survives"
        );
        assert!(out.join("index.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folders left behind");
    }

    #[test]
    fn refuses_folders_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.md"), "x").unwrap();
        let err = write_atomically(&[], dir.path(), Audience::Public).unwrap_err();
        assert!(matches!(err, WriteError::Refused { .. }));
        assert!(dir.path().join("precious.md").exists());
    }

    #[test]
    fn public_never_writes_over_members() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("members");
        write_atomically(
            &[OutputFile::bytes("x.html", "secret")],
            &out,
            Audience::Members,
        )
        .unwrap();
        let err = write_atomically(&[], &out, Audience::Public).unwrap_err();
        assert!(matches!(err, WriteError::Refused { .. }));
        assert_eq!(fs::read_to_string(out.join("x.html")).unwrap(), "secret");
    }

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        fs::create_dir(real.join("site")).unwrap();
        let r = |p: &str| resolve(&real.join(p)).unwrap();
        assert_eq!(r("site/../site/public"), real.join("site/public"));
        assert_eq!(r("site/./public/a/../b"), real.join("site/public/b"));
        assert_eq!(r("missing/../site/public"), real.join("site/public"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("site"), real.join("link")).unwrap();
            assert_eq!(r("link/public/x"), real.join("site/public/x"));
            std::os::unix::fs::symlink(real.join("nowhere"), real.join("dangling")).unwrap();
            assert!(
                resolve(&real.join("dangling/x")).is_err(),
                "cannot tell where it leads"
            );
        }
    }

    #[test]
    fn placement_compares_paths_as_a_case_blind_disk_would() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let code = |out: &str, audience| {
            check_placement(&site, &site.join(out), audience)
                .err()
                .map(|d| d.code)
        };
        assert_eq!(
            code("Public", Audience::Members),
            Some("members-into-public")
        );
        assert_eq!(
            code("CONTENT/x", Audience::Public),
            Some("output-overlaps-sources")
        );
        assert_eq!(code("public", Audience::Public), None);
        assert_eq!(code("../members", Audience::Members), None);
        assert_eq!(
            code("publicity", Audience::Members),
            None,
            "a prefix of a name is not a folder above"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomically(
            &[OutputFile::bytes("index.html", "old")],
            &out,
            Audience::Public,
        )
        .unwrap();
        let missing = OutputFile {
            path: "copy.pdf".into(),
            contents: Contents::Copy(dir.path().join("does-not-exist")),
        };
        assert!(
            write_atomically(
                &[OutputFile::bytes("index.html", "new"), missing],
                &out,
                Audience::Public
            )
            .is_err()
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
