//! Writing a set of files so that a run that fails or is killed leaves
//! either the old set or the new set, never a mix.
//!
//! The order, in a directory `dir` (the workspace root) that holds the
//! journal:
//!
//! 1. Take the lock `dir/.regen.lock` (created exclusively, holding the
//!    process id). A second run at the same time is refused with a clear
//!    message; a lock left by a process that no longer exists is taken over.
//! 2. Finish an earlier interrupted run, if its journal exists
//!    ([`recover`]), and remove temporaries that a run killed before its
//!    commit point left next to the targets.
//! 3. Write every new content to a temporary file `.NAME.regen-PID.tmp` in
//!    its target's directory and flush it to disk. A failure here removes
//!    the temporaries: the old set stays.
//! 4. Write the journal `dir/.regen-journal` (temporary, target) pairs,
//!    flush it, and rename it into place. This rename is the commit point:
//!    before it the old set stays, after it the new set is completed.
//! 5. Rename each temporary over its target, in the order given.
//! 6. Remove the journal, release the lock.
//!
//! If the process dies during step 5, the next run's step 2 finds the
//! journal and renames the temporaries that are left, so the new set is
//! completed before anything else happens.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The journal's file name in the journal directory.
pub const JOURNAL: &str = ".regen-journal";
/// The lock's file name in the journal directory.
pub const LOCK: &str = ".regen.lock";

/// One file to write: where, and the complete new content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileWrite {
    /// The target path.
    pub path: PathBuf,
    /// The complete new content.
    pub content: Vec<u8>,
}

/// Faults to inject, for tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Fail writing the temporary file with this index, as if the disk were full.
    pub fail_temporary: Option<usize>,
    /// Fail writing the journal.
    pub fail_journal: bool,
    /// Stop (as if killed) after this many renames, leaving the journal.
    pub stop_after_renames: Option<usize>,
}

/// Writes `files` as described in the module docs, with the lock and the
/// journal in `dir`.
///
/// # Errors
///
/// The lock is held by a live process, or an I/O error. Before the commit
/// point no target has changed; after it, the next run completes the set.
pub fn commit(dir: &Path, files: &[FileWrite], faults: Faults) -> io::Result<()> {
    commit_checked(dir, files, faults, || Ok(()))
}

/// [`commit`], calling `check` once the lock is held and an interrupted
/// run is completed, before anything is written. A caller that computed
/// `files` from inputs read before taking the lock checks here that no
/// other run changed them since; an error from `check` writes nothing.
///
/// # Errors
///
/// As [`commit`], and the error of `check`.
pub fn commit_checked(
    dir: &Path,
    files: &[FileWrite],
    faults: Faults,
    check: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let _lock = Lock::acquire(dir)?;
    recover(dir)?;
    check()?;
    let journal = dir.join(JOURNAL);
    remove_stale_temporaries(
        files
            .iter()
            .map(|f| f.path.as_path())
            .chain([journal.as_path()]),
    );
    let temporaries = stage(files, faults.fail_temporary)?;
    if let Err(error) = write_journal(dir, files, &temporaries, faults.fail_journal) {
        remove_all(&temporaries);
        return Err(error);
    }
    rename_all(files, &temporaries, faults.stop_after_renames)?;
    fs::remove_file(dir.join(JOURNAL))
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.join(JOURNAL).display())))
}

/// Completes a run that was interrupted after its commit point: renames
/// every temporary the journal in `dir` lists that still exists, then
/// removes the journal. Returns how many files it completed (0 when there
/// was no journal).
///
/// # Errors
///
/// An unreadable or malformed journal, or a failed rename.
pub fn recover(dir: &Path) -> io::Result<usize> {
    let journal = dir.join(JOURNAL);
    let text = match fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(io::Error::new(
                e.kind(),
                format!("{}: {e}", journal.display()),
            ))
        }
    };
    let mut completed = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let (temporary, target) = line.split_once('\t').ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: malformed line {line:?}", journal.display()),
            )
        })?;
        let (temporary, target) = (dir.join(temporary), dir.join(target));
        if temporary.exists() {
            fs::rename(&temporary, &target)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
            completed += 1;
        }
    }
    fs::remove_file(&journal)?;
    Ok(completed)
}

/// Whether an interrupted run left a journal in `dir`.
pub fn interrupted(dir: &Path) -> bool {
    dir.join(JOURNAL).exists()
}

fn stage(files: &[FileWrite], fail_at: Option<usize>) -> io::Result<Vec<PathBuf>> {
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
    match staged {
        Ok(()) => Ok(temporaries),
        Err(error) => {
            remove_all(&temporaries);
            Err(error)
        }
    }
}

/// Removes the temporaries of `targets` (`.NAME.regen-PID.tmp`) that a run
/// killed before its commit point left behind. Called with the lock held and
/// after [`recover`], when no other run can have temporaries of them.
fn remove_stale_temporaries<'a>(targets: impl IntoIterator<Item = &'a Path>) {
    for target in targets {
        let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
            continue;
        };
        let prefix = format!(".{}.regen-", name.to_string_lossy());
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let file = file.to_string_lossy();
            if file.starts_with(&prefix) && file.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = fs::remove_file(path);
    }
}

fn relative(dir: &Path, path: &Path) -> io::Result<String> {
    let relative = path.strip_prefix(dir).map_err(|_| {
        io::Error::other(format!("{} is outside {}", path.display(), dir.display()))
    })?;
    let text = relative
        .to_str()
        .filter(|t| !t.contains(['\t', '\n']))
        .ok_or_else(|| {
            io::Error::other(format!(
                "{} cannot be written to the journal",
                path.display()
            ))
        })?;
    Ok(text.to_owned())
}

fn write_journal(
    dir: &Path,
    files: &[FileWrite],
    temporaries: &[PathBuf],
    fail: bool,
) -> io::Result<()> {
    let mut text = String::new();
    for (file, temporary) in files.iter().zip(temporaries) {
        text.push_str(&relative(dir, temporary)?);
        text.push('\t');
        text.push_str(&relative(dir, &file.path)?);
        text.push('\n');
    }
    let journal = dir.join(JOURNAL);
    let staged = temporary_path(&journal);
    if fail {
        return Err(io::Error::other(format!(
            "{}: injected failure writing the journal",
            journal.display()
        )));
    }
    write_synced(&staged, text.as_bytes())?;
    fs::rename(&staged, &journal)
}

fn rename_all(
    files: &[FileWrite],
    temporaries: &[PathBuf],
    stop_after: Option<usize>,
) -> io::Result<()> {
    for (index, (file, temporary)) in files.iter().zip(temporaries).enumerate() {
        if stop_after == Some(index) {
            return Err(io::Error::other(format!(
                "injected stop after {index} renames (as if the process were killed)"
            )));
        }
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

/// Writes `content` to a flushed temporary file next to `path` (see
/// [`temporary_path`]) and returns the temporary's path, for a caller that
/// renames it into place itself; on failure the temporary is removed.
///
/// # Errors
///
/// The I/O error.
pub fn stage_file(path: &Path, content: &[u8]) -> io::Result<PathBuf> {
    let temporary = temporary_path(path);
    match write_synced(&temporary, content) {
        Ok(()) => Ok(temporary),
        Err(e) => {
            let _ = fs::remove_file(&temporary);
            Err(e)
        }
    }
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

/// How long a lock without a process id counts as held: the time between
/// creating the lock file and writing the id into it, with a wide margin.
const UNWRITTEN_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The regen lock: held while a run writes; removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    /// Takes the lock in `dir`.
    ///
    /// # Errors
    ///
    /// Another live process holds it (the message names its process id and
    /// the lock file), or an I/O error.
    pub fn acquire(dir: &Path) -> io::Result<Lock> {
        let path = dir.join(LOCK);
        // The lock appears with its process id already in it: the id is
        // written to a file of this process's own and hard-linked to the
        // lock's name, which fails when the lock exists. (Creating the lock
        // and then writing the id would leave an empty lock behind a run
        // killed in between, which blocks the next run for a while.)
        let staged = temporary_path(&path);
        write_synced(&staged, format!("{}\n", std::process::id()).as_bytes())
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", staged.display())))?;
        let result = Lock::link(&staged, path);
        let _ = fs::remove_file(&staged);
        if result.is_ok() {
            Lock::remove_dead_staged(dir);
        }
        result
    }

    /// Removes the staged lock files (`.NAME.regen-PID.tmp`) of processes
    /// that are gone: killed between writing theirs and removing it.
    fn remove_dead_staged(dir: &Path) {
        let prefix = format!(".{LOCK}.regen-");
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let pid = name
                .to_string_lossy()
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|pid| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| !process_alive(pid)) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn link(staged: &Path, path: PathBuf) -> io::Result<Lock> {
        for _ in 0..2 {
            match fs::hard_link(staged, &path) {
                Ok(()) => return Ok(Lock { path }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    // No process id: the holder has created the file and
                    // not written it yet (taking that for a dead run's lock
                    // would let two runs in at once), or it was killed in
                    // between, which a lock older than a few seconds shows.
                    let held = match pid {
                        Some(pid) => process_alive(pid),
                        // (Gone meanwhile: not held. Written in the future: held.)
                        None => fs::metadata(&path)
                            .and_then(|m| m.modified())
                            .is_ok_and(|time| {
                                time.elapsed()
                                    .map_or(true, |age| age < UNWRITTEN_LOCK_TIMEOUT)
                            }),
                    };
                    if held {
                        let holder = pid.map_or_else(
                            || "a process that has not written its id yet".to_owned(),
                            |pid| format!("process {pid}"),
                        );
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!(
                                "another `cargo xtask regen` ({holder}) is writing; wait for it to \
                                 finish, or remove {} if that process is not a regen run",
                                path.display()
                            ),
                        ));
                    }
                    // Left by a process that is gone: take it over.
                    let _ = fs::remove_file(&path);
                }
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            }
        }
        Err(io::Error::other(format!(
            "{}: could not take the lock",
            path.display()
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether a process with this id exists (Linux and other systems with
/// `/proc`; elsewhere a lock is always taken as held by a live process).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        proc_root.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(contents: &[&str]) -> (tempfile::TempDir, Vec<FileWrite>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("sub")).unwrap();
        let mut writes = Vec::new();
        for (index, old) in contents.iter().enumerate() {
            let path = dir.path().join(format!("sub/f{index}.txt"));
            fs::write(&path, old).unwrap();
            writes.push(FileWrite {
                path,
                content: format!("new {index}").into_bytes(),
            });
        }
        (dir, writes)
    }

    fn read_all(writes: &[FileWrite]) -> Vec<String> {
        writes
            .iter()
            .map(|w| fs::read_to_string(&w.path).unwrap())
            .collect()
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir.join("sub"))
            .unwrap()
            .chain(fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_writes_everything_and_leaves_nothing_behind() {
        let (dir, writes) = setup(&["a", "b", "c"]);
        commit(dir.path(), &writes, Faults::default()).unwrap();
        assert_eq!(read_all(&writes), ["new 0", "new 1", "new 2"]);
        assert_eq!(entries(dir.path()), ["f0.txt", "f1.txt", "f2.txt", "sub"]);
    }

    #[test]
    fn every_failure_before_the_commit_point_keeps_the_old_set() {
        for index in 0..3 {
            let (dir, writes) = setup(&["a", "b", "c"]);
            let faults = Faults {
                fail_temporary: Some(index),
                ..Faults::default()
            };
            assert!(commit(dir.path(), &writes, faults).is_err());
            assert_eq!(read_all(&writes), ["a", "b", "c"]);
            assert_eq!(entries(dir.path()), ["f0.txt", "f1.txt", "f2.txt", "sub"]);
        }
        let (dir, writes) = setup(&["a", "b", "c"]);
        let faults = Faults {
            fail_journal: true,
            ..Faults::default()
        };
        assert!(commit(dir.path(), &writes, faults).is_err());
        assert_eq!(read_all(&writes), ["a", "b", "c"]);
        assert_eq!(entries(dir.path()), ["f0.txt", "f1.txt", "f2.txt", "sub"]);
    }

    #[test]
    fn a_run_killed_after_the_commit_point_is_completed_by_the_next() {
        for stop in 0..3 {
            let (dir, writes) = setup(&["a", "b", "c"]);
            let faults = Faults {
                stop_after_renames: Some(stop),
                ..Faults::default()
            };
            assert!(commit(dir.path(), &writes, faults).is_err());
            assert!(interrupted(dir.path()));
            // A mix is on disk now, exactly what recovery exists for.
            let mixed = read_all(&writes);
            assert_eq!(mixed.iter().filter(|c| c.starts_with("new")).count(), stop);
            assert_eq!(recover(dir.path()).unwrap(), 3 - stop);
            assert_eq!(read_all(&writes), ["new 0", "new 1", "new 2"]);
            assert!(!interrupted(dir.path()));
            assert_eq!(entries(dir.path()), ["f0.txt", "f1.txt", "f2.txt", "sub"]);
        }
    }

    #[test]
    fn a_live_lock_is_refused_and_a_dead_one_taken_over() {
        let (dir, writes) = setup(&["a"]);
        let held = Lock::acquire(dir.path()).unwrap();
        let error = commit(dir.path(), &writes, Faults::default()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::WouldBlock);
        assert!(
            error.to_string().contains("another `cargo xtask regen`"),
            "{error}"
        );
        assert_eq!(read_all(&writes), ["a"]);
        drop(held);
        assert!(!dir.path().join(LOCK).exists());

        // A lock naming a process that does not exist.
        fs::write(dir.path().join(LOCK), "4294967294\n").unwrap();
        commit(dir.path(), &writes, Faults::default()).unwrap();
        assert_eq!(read_all(&writes), ["new 0"]);
        assert!(!dir.path().join(LOCK).exists());
    }
}
