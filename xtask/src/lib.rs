//! The workspace's automation, run as `cargo xtask`.
//!
//! The command line is [`cli`]. `cargo xtask regen` turns the registry
//! files into the generated files; see [`regen`] for the steps and
//! [`files`] for how they are written. `regen --fetch` downloads the
//! document first ([`fetch`]). What a new document changed is printed,
//! added to `CHANGELOG.md` ([`changelog`]) and, with `--report`, written as
//! a Markdown report ([`report`]). `cargo xtask release` turns what is
//! unreleased into the next version ([`release`]). `cargo xtask sync` is
//! the scheduled registry sync, the workflow's logic in one command
//! ([`sync`]). `cargo xtask drill`
//! applies later registry versions to a copy of the workspace and runs
//! CI's checks on each ([`drill`], with the edits in [`document`]).

pub mod changelog;
pub mod cli;
pub mod document;
pub mod drill;
pub mod fetch;
pub mod files;
pub mod regen;
pub mod release;
pub mod report;
pub mod sync;

use std::path::PathBuf;

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Where the workspace at `root` builds: `CARGO_TARGET_DIR`, or
/// `root/target`. The drill and the sync keep their output under it.
pub fn target_dir(root: &std::path::Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// The cargo that runs this tool (`CARGO`, which Cargo sets for
/// `cargo xtask`), else `cargo` from the `PATH`.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `git ARGS` in `dir`: what it printed, or `Err` with its errors.
pub(crate) fn git(dir: &std::path::Path, args: &[&str]) -> Result<String, String> {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim_end()
        ))
    }
}
