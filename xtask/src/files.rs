//! Writing the files a run computed in memory: each is written whole to a
//! temporary file beside it, and only when every one is written are they
//! renamed into place, so a failure before the renames changes no file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One file to write: where, and the complete new content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileWrite {
    /// The target path.
    pub path: PathBuf,
    /// The complete new content.
    pub content: Vec<u8>,
}

impl FileWrite {
    /// Whether the file on disk differs from the content (or is missing).
    pub fn is_stale(&self) -> bool {
        std::fs::read(&self.path).ok().as_deref() != Some(&self.content[..])
    }
}

/// Writes the stale `files` as the module says; the paths written, or the
/// error naming the file.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let file = xtask::files::FileWrite { path: dir.path().join("a.txt"), content: b"new".to_vec() };
/// assert_eq!(xtask::files::write_changed(&[file.clone()])?, [file.path.clone()]);
/// assert!(xtask::files::write_changed(&[file])?.is_empty());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_changed(files: &[FileWrite]) -> io::Result<Vec<PathBuf>> {
    let in_file = |path: &Path, what: &str, e: io::Error| {
        io::Error::new(e.kind(), format!("{what} {}: {e}", path.display()))
    };
    let mut staged = Vec::new();
    for file in files.iter().filter(|f| f.is_stale()) {
        let stage = || {
            let mut temporary = tempfile::Builder::new()
                .prefix(".regen-")
                .suffix(".tmp")
                .tempfile_in(file.path.parent().unwrap_or(Path::new(".")))?;
            temporary.write_all(&file.content)?;
            temporary.as_file().sync_all().map(|()| temporary)
        };
        let temporary =
            stage().map_err(|e| in_file(&file.path, "cannot write a temporary file beside", e))?;
        staged.push((temporary, &file.path));
    }
    let mut written = Vec::new();
    for (temporary, path) in staged {
        let replaced = temporary.persist(path);
        replaced.map_err(|e| in_file(path, "cannot replace", e.error))?;
        written.push(path.clone());
    }
    Ok(written)
}
