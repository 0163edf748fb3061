//! Writing the files a run has computed in memory.
//!
//! Every file is first written in full to a temporary file in its own
//! directory; only when all of them are written is each renamed over its
//! target ([`tempfile::NamedTempFile::persist`]). A failure while writing
//! the temporaries removes them and changes no file; each rename replaces
//! one file atomically, so a reader never sees half a file. A run killed
//! between two renames can leave some files new and others old: the files
//! are under version control, and `git diff` shows (and `git checkout`
//! undoes) what such a run did.

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

/// Writes the files of `files` whose content differs from the disk, as
/// the module documentation describes, in the order given. Returns the
/// paths written.
///
/// # Errors
///
/// The I/O error, naming the file. When it happens before the renames no
/// file has changed.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let file = xtask::files::FileWrite { path: dir.path().join("a.txt"), content: b"new".to_vec() };
/// assert_eq!(xtask::files::write_changed(&[file.clone()])?, [file.path.clone()]);
/// assert!(xtask::files::write_changed(&[file])?.is_empty());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_changed(files: &[FileWrite]) -> io::Result<Vec<PathBuf>> {
    let mut staged = Vec::new();
    for file in files.iter().filter(|f| f.is_stale()) {
        let temporary = stage(&file.path, &file.content)
            .map_err(|e| in_file(&file.path, "cannot write a temporary file beside", e))?;
        staged.push((temporary, &file.path));
    }
    let mut written = Vec::new();
    for (temporary, path) in staged {
        temporary
            .persist(path)
            .map_err(|e| in_file(path, "cannot replace", e.error))?;
        written.push(path.clone());
    }
    Ok(written)
}

/// `content` in a flushed temporary file in `path`'s directory.
fn stage(path: &Path, content: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let mut temporary = tempfile::Builder::new()
        .prefix(".regen-")
        .suffix(".tmp")
        .tempfile_in(dir.unwrap_or(Path::new(".")))?;
    temporary.write_all(content)?;
    temporary.as_file().sync_all()?;
    Ok(temporary)
}

fn in_file(path: &Path, what: &str, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{what} {}: {error}", path.display()))
}
