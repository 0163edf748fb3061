//! The workspace copy the xtask tests run against: a temporary directory
//! with the files `cargo xtask regen` owns, brought to the dated fixture
//! of the registry under `tests/data/registry-2025-07-30/`, and
//! `cargo xtask` run in this process against it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use xtask::{cli, regen};

// ---------------------------------------------------------------------------
// The fixture

/// The registry files as they were when IANA's document was dated
/// 2025-07-30: the document, its identifier pins and the curated
/// descriptions, under `tests/data/registry-2025-07-30/`.
const FIXTURE: &str = "tests/data/registry-2025-07-30";

/// The fixture's document date.
pub const FIXTURE_UPDATED: &str = "2025-07-30";

/// The fixture file that stands in for `relative` (a path under
/// `registry/`).
fn fixture_path(relative: &str) -> PathBuf {
    let name = Path::new(relative).file_name().unwrap();
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURE)
        .join(name)
}

/// The fixture's registry document.
pub fn baseline() -> String {
    fs::read_to_string(fixture_path(regen::SNAPSHOT)).unwrap()
}

// ---------------------------------------------------------------------------
// The workspace copy

/// A temporary copy of the workspace files regen owns (the registry files,
/// the README, the changelog, the generated crate), brought to the fixture: its snapshot,
/// pins and curated descriptions are the fixture's, and its generated files
/// were regenerated from them.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let from = xtask::workspace_root();
        copy_tree(
            &from.join("crates/ws-close-codes"),
            &dir.path().join("crates/ws-close-codes"),
        );
        fs::copy(from.join(regen::README), dir.path().join(regen::README)).unwrap();
        // The live changelog: a sync adds its entries under `## Unreleased`.
        fs::copy(
            from.join(xtask::changelog::CHANGELOG),
            dir.path().join(xtask::changelog::CHANGELOG),
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("registry")).unwrap();
        for file in [regen::SNAPSHOT, regen::NAMES, regen::DESCRIPTIONS] {
            fs::copy(fixture_path(file), dir.path().join(file)).unwrap();
        }
        let workspace = Workspace { dir };
        let (code, out, err) = workspace.xtask(&["regen"]);
        assert_eq!(
            code, 0,
            "regenerating the copy from the fixture failed\nstdout: {out}\nstderr: {err}"
        );
        workspace
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root().join(file)).unwrap()
    }

    pub fn exists(&self, file: &str) -> bool {
        self.root().join(file).exists()
    }

    /// Every file of the copy, with its bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        files_in(self.root())
    }

    /// Runs `cargo xtask ARGS` against the copy: (exit code, stdout,
    /// stderr).
    pub fn xtask(&self, args: &[&str]) -> (i32, String, String) {
        xtask_in(self.root(), args)
    }

    /// `regen --fetch --url URL` with test-sized timeouts and backoff, then
    /// `extra`.
    pub fn fetch(&self, url: &str, extra: &[&str]) -> (i32, String, String) {
        let mut args = vec![
            "regen",
            "--fetch",
            "--url",
            url,
            "--timeout",
            "2",
            "--retry-backoff-ms",
            "10",
        ];
        args.extend_from_slice(extra);
        self.xtask(&args)
    }

    /// Makes the copy a workspace of the `ws-close-codes` crate alone, with
    /// the real workspace's `Cargo.lock` (so it builds offline) and without
    /// the crate's dev-dependencies and tests (nothing the generated code
    /// needs, and they would dominate the build time); `tests` become its
    /// only integration tests, by file name.
    pub fn crate_alone(&self, tests: &[(&str, &str)]) {
        let root = self.root();
        fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"crates/ws-close-codes\"]\n\n\
             [workspace.package]\nversion = \"0.1.0\"\nedition = \"2021\"\n\
             license = \"MIT OR Apache-2.0\"\nrepository = \"https://example.invalid\"\n",
        )
        .unwrap();
        fs::copy(
            xtask::workspace_root().join("Cargo.lock"),
            root.join("Cargo.lock"),
        )
        .unwrap();
        let manifest_path = root.join("crates/ws-close-codes/Cargo.toml");
        let manifest = fs::read_to_string(&manifest_path).unwrap();
        let mut kept = String::new();
        let mut skipping = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                skipping = line.trim() == "[dev-dependencies]";
            }
            if !skipping {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        fs::write(&manifest_path, kept).unwrap();
        let dir = root.join("crates/ws-close-codes/tests");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in tests {
            fs::write(dir.join(name), text).unwrap();
        }
    }

    /// `cargo ARGS` in the copy, offline, with its build output in `name`
    /// under the real workspace's target directory (shared between runs of
    /// the same test, never with the real workspace's own build).
    pub fn cargo(&self, args: &[&str], name: &str) -> std::process::Output {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| xtask::workspace_root().join("target"))
            .join(name);
        std::process::Command::new(env!("CARGO"))
            .arg("--offline")
            .args(args)
            .current_dir(self.root())
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    }

    /// Runs the integration test `test` that [`Workspace::crate_alone`]
    /// wrote, building in `target` as [`Workspace::cargo`] does; panics with
    /// cargo's output unless the crate builds and the test passes.
    pub fn assert_crate_test_passes(&self, test: &str, target: &str) {
        let output = self.cargo(&["test", "--quiet", "--test", test], target);
        assert!(
            output.status.success(),
            "the regenerated crate did not build or its test {test} failed:\n{}",
            describe(&output)
        );
    }

    /// The identifier pinned for every code in `names.toml`.
    pub fn pins(&self) -> BTreeMap<u16, String> {
        let pins = ws_close_codes_registry::Pins::parse(&self.read(regen::NAMES)).unwrap();
        pins.iter()
            .map(|(code, pin)| (code, pin.ident.clone()))
            .collect()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `cargo xtask ARGS` against the workspace at `root`, in this process:
/// (exit code, stdout, stderr).
pub fn xtask_in(root: &Path, args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, root, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Every file below `root` but build output (`target`), with its bytes, by
/// path relative to `root`.
pub fn files_in(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    collect(root, root, &mut all);
    all
}

fn collect(root: &Path, dir: &Path, all: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                collect(root, &entry.path(), all);
            }
        } else {
            let name = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string();
            all.insert(name, fs::read(entry.path()).unwrap());
        }
    }
}

/// Asserts that `after` equals `before`, naming the files that differ.
pub fn assert_unchanged(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    case: &str,
) {
    let differ: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|name| before.get(*name) != after.get(*name))
        .collect();
    assert!(differ.is_empty(), "{case}: files changed: {differ:?}");
}

/// A finished process's status and output, for an assertion message.
pub fn describe(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
