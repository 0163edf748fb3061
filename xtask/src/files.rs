//! Writing a set of files so that a failure leaves every file as it was.
//!
//! Every new content is first written to a temporary file in the same
//! directory as its target and flushed to disk. Only when all temporaries
//! exist are they renamed over their targets, in the order given. A failure
//! before the first rename removes the temporaries and leaves every target
//! byte-identical.

use std::fs;
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

/// A fault to inject, for tests: fail the write of the temporary file with
/// this index (0-based), as if the disk were full.
pub type FailAt = Option<usize>;

/// Writes `files` as described in the module docs.
///
/// # Errors
///
/// The first I/O error, with the path it concerns; no target has changed
/// when the error comes from writing a temporary file.
pub fn write_all(files: &[FileWrite], fail_at: FailAt) -> io::Result<()> {
    let mut temporaries: Vec<PathBuf> = Vec::new();
    let staged = files.iter().enumerate().try_for_each(|(index, file)| {
        let temporary = temporary_path(&file.path);
        temporaries.push(temporary.clone());
        if fail_at == Some(index) {
            return Err(io::Error::other(format!(
                "{}: injected failure writing the temporary file",
                file.path.display()
            )));
        }
        write_synced(&temporary, &file.content)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", temporary.display())))
    });
    if let Err(error) = staged {
        for temporary in &temporaries {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (file, temporary) in files.iter().zip(&temporaries) {
        fs::rename(temporary, &file.path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.path.display())))?;
    }
    Ok(())
}

fn write_synced(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(content)?;
    file.sync_all()
}

/// `dir/.name.regen-PID.tmp`: in the target's directory, so the rename
/// never crosses file systems.
pub fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.regen-{}.tmp", std::process::id()))
}
