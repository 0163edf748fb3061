//! The workspace's automation, `cargo xtask` ([`cli`]): `regen` ([`regen`] and the modules
//! it uses), [`release`], [`sync`] and [`drill`].

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

use std::path::{Path, PathBuf};

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Where the workspace at `root` builds: `CARGO_TARGET_DIR`, or `root/target`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// The cargo that runs this tool (`CARGO`), else `cargo` from the `PATH`.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `git ARGS` in `dir`: what it printed, or `Err` with its errors.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let mut command = std::process::Command::new("git");
    let output = command.args(args).current_dir(dir).output();
    let output = output.map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let (args, errors) = (args.join(" "), String::from_utf8_lossy(&output.stderr));
    Err(format!("git {args} failed: {}", errors.trim_end()))
}
