//! File stamps: enough of a file's metadata to tell that it changed.

use std::time::{Duration, SystemTime};

/// Enough of a file's metadata to tell that it changed: size, modification time to
/// the nanosecond, and inode (an editor's save-by-rename makes a new one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// File systems keep modification times coarsely (to the clock tick, or worse), so
/// two saves close together can leave the same stamp. As git does with its index, a
/// stamp is only trusted once the file had been unmodified for this long when it was
/// read; a file read sooner after a change is read again next time.
const RACY: Duration = Duration::from_millis(100);

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

    /// Whether what was read at `read_at` under this stamp can be trusted while the
    /// file still has it: the file had been left alone long enough before.
    pub fn settled_by(&self, read_at: SystemTime) -> bool {
        self.modified.is_some_and(|m| m + RACY <= read_at)
    }
}
