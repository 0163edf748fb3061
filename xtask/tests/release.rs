//! `cargo xtask release`, on small workspaces the tests write (the
//! published crate, two members and a tool that are not published, a
//! helper with a version of its own, and a workspace of its own that uses
//! the crate by path), its semver baseline from an index served on
//! loopback, and the changelog entries a registry sync adds, through
//! `regen --from` on the shared workspace copy (`common::Workspace`).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::server::{full, Server};
use common::{assert_unchanged, describe, files_in, xtask_in, Document, Workspace};
use xtask::changelog::CHANGELOG;
use xtask::cli::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use xtask::regen;
use xtask::release::{self, Baseline, PUBLISHED};

// ---------------------------------------------------------------------------
// Small workspaces

/// The members of a small workspace that are not published, with their
/// manifests' directories.
const UNPUBLISHED: [(&str, &str); 3] = [
    ("ws-close-codes-registry", "registry"),
    ("ws-close-codes-codegen", "codegen"),
    ("tool", "tool"),
];

/// A workspace in a temporary directory: its files and `cargo xtask`
/// against it.
struct Small {
    dir: tempfile::TempDir,
}

impl Small {
    /// A workspace at `version` with `changelog`, and the `Cargo.lock`
    /// files Cargo generated.
    fn new(version: &str, changelog: &str) -> Small {
        let small = Small {
            dir: tempfile::tempdir().unwrap(),
        };
        small.write(
            "Cargo.toml",
            &format!(
                "[workspace]\nresolver = \"2\"\n\
                 members = [\"registry\", \"codegen\", \"crates/ws-close-codes\", \"tool\", \"helper\"]\n\n\
                 [workspace.package]\nversion = \"{version}\" # the release writes it\nedition = \"2021\"\n\
                 license = \"MIT\"\n\n[workspace.dependencies]\n\
                 ws-close-codes = {{ path = \"crates/ws-close-codes\" }}\n"
            ),
        );
        let package = |name: &str, extra: &str| {
            format!(
                "[package]\nname = \"{name}\"\nversion.workspace = true\nedition.workspace = true\n\
                 license.workspace = true\n{extra}"
            )
        };
        for (name, directory) in UNPUBLISHED {
            let extra = "publish = false\n\n[dev-dependencies]\nws-close-codes.workspace = true\n";
            small.write(&format!("{directory}/Cargo.toml"), &package(name, extra));
        }
        small.write("crates/ws-close-codes/Cargo.toml", &package(PUBLISHED, ""));
        small.write(
            "helper/Cargo.toml",
            "[package]\nname = \"helper\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n",
        );
        for lib in ["registry", "codegen", "crates/ws-close-codes", "helper"] {
            small.write(&format!("{lib}/src/lib.rs"), "");
        }
        small.write("tool/src/main.rs", "fn main() {}\n");
        small.write(CHANGELOG, changelog);
        // A workspace of its own that uses the crate by path, as the no_std
        // check does.
        small.write(
            "check/Cargo.toml",
            "[package]\nname = \"check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nws-close-codes = { path = \"../crates/ws-close-codes\" }\n\n[workspace]\n",
        );
        small.write("check/src/lib.rs", "");
        for directory in [".", "check"] {
            let output = small.cargo_in(directory, &["generate-lockfile", "--offline"]);
            assert!(output.status.success(), "{}", describe(&output));
        }
        small
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root().join(file)).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.root().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        files_in(self.root())
    }

    fn xtask(&self, args: &[&str]) -> (i32, String, String) {
        xtask_in(self.root(), args)
    }

    fn cargo_in(&self, directory: &str, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(self.root().join(directory))
            .output()
            .unwrap()
    }

    /// `cargo metadata --locked` in `directory`: Cargo agrees with the lock.
    fn assert_locked(&self, directory: &str) {
        let args = ["metadata", "--locked", "--offline", "--format-version", "1"];
        let output = self.cargo_in(directory, &args);
        assert!(
            output.status.success(),
            "{directory}: {}",
            describe(&output)
        );
    }
}

/// A changelog in which `released` was released, with `unreleased` (the
/// text between `## Unreleased` and that version's section).
fn changelog(unreleased: &str, released: &str) -> String {
    format!(
        "# Changelog\n\nSome words about the project.\n\n## Unreleased\n\n{unreleased}\
         ## {released} - 2025-01-01\n\n### Added\n\n- The first things.\n"
    )
}

fn toml_at<'a>(table: &'a toml::Table, path: &[&str]) -> Option<&'a toml::Value> {
    let (first, rest) = path.split_first()?;
    rest.iter()
        .try_fold(table.get(*first)?, |value, key| value.get(key))
}

/// The versions of the workspace's own packages in a lock file.
fn locked_versions(lock: &str) -> BTreeMap<String, String> {
    let lock: toml::Table = lock.parse().unwrap();
    lock["package"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("source").is_none())
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The version

#[test]
fn each_kind_of_change_moves_the_number_cargo_says() {
    // (subsections under Unreleased, expected bump, next after 1.4.2,
    // after 0.4.2, after 0.0.7). Written out by hand from Cargo's rules:
    // 1.y.z major/minor/patch; 0.y.z breaking -> minor, else patch;
    // 0.0.z always patch.
    let cases = [
        (
            "### Removed\n\n- A thing.\n\n",
            "major",
            "2.0.0",
            "0.5.0",
            "0.0.8",
        ),
        (
            "### Changed\n\n- **Breaking**: `f` takes two arguments.\n\n",
            "major",
            "2.0.0",
            "0.5.0",
            "0.0.8",
        ),
        (
            "### Added\n\n- One.\n- Two.\n\n### Removed\n\n- Three.\n\n",
            "major",
            "2.0.0",
            "0.5.0",
            "0.0.8",
        ),
        (
            "### Added\n\n- A thing.\n\n",
            "minor",
            "1.5.0",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Changed\n\n- A thing.\n\n",
            "minor",
            "1.5.0",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Deprecated\n\n- A thing.\n\n",
            "minor",
            "1.5.0",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Fixed\n\n- A fix.\n\n### Added\n\n- A thing.\n\n",
            "minor",
            "1.5.0",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Fixed\n\n- A fix.\n\n",
            "patch",
            "1.4.3",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Fixed\n\n- Says **Breaking** in passing, and is a fix.\n\n",
            "patch",
            "1.4.3",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Fixed\n\n1. **Breaking**: a numbered entry.\n\n",
            "major",
            "2.0.0",
            "0.5.0",
            "0.0.8",
        ),
        (
            "### Security\n\n- A fix.\n\n",
            "patch",
            "1.4.3",
            "0.4.3",
            "0.0.8",
        ),
        (
            "### Security\n\nProse without a list.\n\n### Fixed\n\n- A fix.\n\n",
            "patch",
            "1.4.3",
            "0.4.3",
            "0.0.8",
        ),
    ];
    for (index, current) in ["1.4.2", "0.4.2", "0.0.7"].into_iter().enumerate() {
        let small = Small::new(current, &changelog("", current));
        for (unreleased, bump, after_1, after_0y, after_00) in cases {
            let next = [after_1, after_0y, after_00][index];
            small.write(CHANGELOG, &changelog(unreleased, current));
            let before = small.files();
            let (code, out, err) = small.xtask(&["release", "--dry-run"]);
            let case = format!("{current} with {unreleased:?}");
            assert_eq!(code, EXIT_OK, "{case}: {err}");
            assert!(
                out.contains(&format!("version: {current} -> {next}\n")),
                "{case}: {out}"
            );
            assert!(out.contains(&format!("bump: {bump}\n")), "{case}: {out}");
            assert!(
                out.contains("dry run: nothing was written"),
                "{case}: {out}"
            );
            assert_unchanged(&before, &small.files(), &case);
        }
    }
}

#[test]
fn the_reasons_name_each_kind_and_each_breaking_entry() {
    let small = Small::new(
        "0.4.2",
        &changelog(
            "### Added\n\n- One.\n  More about one.\n- Two.\n\n### Changed\n\n\
             - **Breaking**: `f` takes two arguments.\n\
             - **Breaking**: `g` is gone; use\n  `h`, which also\n  works.\n\n### Fixed\n\n- A fix.\n\n",
            "0.4.2",
        ),
    );
    let (code, out, err) = small.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_OK, "{err}");
    for line in [
        "version: 0.4.2 -> 0.5.0\n",
        "bump: major\n",
        "  - major: **Breaking**: `f` takes two arguments.\n",
        "  - minor: ### Added (2 entries) is a compatible change\n",
        // A wrapped entry reads as one line.
        "  - major: **Breaking**: `g` is gone; use `h`, which also works.\n",
        "  - minor: ### Changed (2 entries) is a compatible change\n",
        "  - patch: ### Fixed (1 entry) is a fix\n",
    ] {
        assert!(out.contains(line), "{line:?} not in:\n{out}");
    }
}

#[test]
fn a_version_never_released_is_released_as_it_is() {
    let text = "# Changelog\n\n## Unreleased\n\n### Added\n\n- Everything.\n";
    let small = Small::new("0.1.0", text);
    let lock = small.read("Cargo.lock");
    let (code, out, err) = small.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("version: 0.1.0 (first release)\n"), "{out}");
    assert!(out.contains("has no section for it yet"), "{out}");

    let manifest = small.read("Cargo.toml");
    let (code, out, err) = small.xtask(&["release", "--date", "2026-02-03"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(out.matches("wrote ").count(), 1, "{out}");
    assert!(out.contains("wrote CHANGELOG.md"), "{out}");
    assert_eq!(
        small.read(CHANGELOG),
        "# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2026-02-03\n\n### Added\n\n- Everything.\n"
    );
    assert_eq!(small.read("Cargo.toml"), manifest);
    assert_eq!(small.read("Cargo.lock"), lock);

    // Released now: nothing is left to release.
    let before = small.files();
    let (code, _, err) = small.xtask(&["release", "--date", "2026-02-04"]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains("nothing to release"), "{err}");
    assert_unchanged(&before, &small.files(), "second release");
}

#[test]
fn an_empty_or_unreadable_unreleased_section_is_refused() {
    let cases = [
        (changelog("", "0.4.2"), "nothing to release"),
        (
            changelog("### Added\n\n### Fixed\n\n\n", "0.4.2"),
            "nothing to release",
        ),
        (
            "# Changelog\n\n## 0.4.2 - 2025-01-01\n\n- x\n".to_owned(),
            "no `## Unreleased` section",
        ),
        (
            changelog("### Notes\n\n- Something.\n\n", "0.4.2"),
            "CHANGELOG.md:7: `### Notes` under `## Unreleased` is not a kind of change",
        ),
        (
            changelog("Loose text.\n\n### Added\n\n- One.\n\n", "0.4.2"),
            "CHANGELOG.md:7: text under `## Unreleased` before any `### ` subsection",
        ),
        (
            changelog(
                "### Added\n\n- One.\n\n## 0.5.0 - 2025-06-01\n\n- x\n\n",
                "0.4.2",
            ),
            "has a section for 0.5.0, newer than the version in Cargo.toml (0.4.2)",
        ),
    ];
    let small = Small::new("0.4.2", &cases[0].0);
    for (text, message) in cases {
        small.write(CHANGELOG, &text);
        let before = small.files();
        for args in [&["release", "--dry-run"][..], &["release"][..]] {
            let (code, _, err) = small.xtask(args);
            assert_eq!(code, EXIT_FAILURE, "{args:?} {text:?}");
            assert!(err.contains(message), "{message:?} not in {err}");
            assert!(err.contains("nothing was written"), "{err}");
            assert_unchanged(&before, &small.files(), message);
        }
    }
}

#[test]
fn a_release_writes_the_version_the_locks_and_the_changelog() {
    for (current, next) in [("0.4.2", "0.4.3"), ("1.4.2", "1.5.0"), ("0.0.7", "0.0.8")] {
        let small = Small::new(
            current,
            &changelog("### Added\n\n- Close code 3017.\n\n", current),
        );
        let manifest_before = small.read("Cargo.toml");
        let (code, out, err) = small.xtask(&["release", "--date", "2026-05-06"]);
        assert_eq!(code, EXIT_OK, "{current}: {err}");
        for file in [
            "Cargo.toml",
            "Cargo.lock",
            "CHANGELOG.md",
            "check/Cargo.lock",
        ] {
            assert!(out.contains(&format!("wrote {file}\n")), "{current}: {out}");
        }
        assert!(out.contains(&format!("publishes: {PUBLISHED}\n")), "{out}");

        // The manifest: only the workspace version changed.
        let manifest: toml::Table = small.read("Cargo.toml").parse().unwrap();
        let mut expected: toml::Table = manifest_before.parse().unwrap();
        expected["workspace"]["package"]["version"] = next.into();
        assert_eq!(manifest, expected, "{current}");

        // The locks: the members that take the workspace version moved,
        // the helper did not, and Cargo finds nothing to change.
        let mut expected: BTreeMap<String, String> = UNPUBLISHED
            .iter()
            .map(|(name, _)| name.to_string())
            .chain([PUBLISHED.to_owned()])
            .map(|name| (name, next.to_owned()))
            .collect();
        expected.insert("helper".to_owned(), "0.0.0".to_owned());
        assert_eq!(locked_versions(&small.read("Cargo.lock")), expected);
        let expected = BTreeMap::from([
            ("check".to_owned(), "0.0.0".to_owned()),
            (PUBLISHED.to_owned(), next.to_owned()),
        ]);
        assert_eq!(locked_versions(&small.read("check/Cargo.lock")), expected);
        small.assert_locked(".");
        small.assert_locked("check");

        assert_eq!(
            small.read(CHANGELOG),
            format!(
                "# Changelog\n\nSome words about the project.\n\n## Unreleased\n\n\
                 ## {next} - 2026-05-06\n\n### Added\n\n- Close code 3017.\n\n\
                 ## {current} - 2025-01-01\n\n### Added\n\n- The first things.\n"
            )
        );
        let (code, notes, err) = small.xtask(&["release", "--notes"]);
        assert_eq!(code, EXIT_OK, "{err}");
        assert_eq!(notes, "### Added\n\n- Close code 3017.\n");
    }
}

#[test]
fn a_second_published_crate_is_refused() {
    let small = Small::new("0.4.2", &changelog("### Fixed\n\n- A fix.\n\n", "0.4.2"));
    let (name, directory) = UNPUBLISHED[1];
    let path = format!("{directory}/Cargo.toml");
    small.write(&path, &small.read(&path).replace("publish = false\n", ""));
    let before = small.files();
    let (code, _, err) = small.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains(&format!("{name} is published too")), "{err}");
    assert_unchanged(&before, &small.files(), "second published crate");
}

#[test]
fn a_dry_run_writes_nothing() {
    let small = Small::new(
        "0.4.2",
        &changelog("### Removed\n\n- Code 3003.\n\n", "0.4.2"),
    );
    let before = small.files();
    let (code, out, err) = small.xtask(&["release", "--dry-run", "--date", "2026-01-01"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("version: 0.4.2 -> 0.5.0"), "{out}");
    assert!(!out.contains("wrote"), "{out}");
    assert_unchanged(&before, &small.files(), "dry run");
}

#[test]
fn apply_writes_the_files_that_differ() {
    let text = changelog("### Fixed\n\n- A fix.\n\n", "0.4.2");
    let small = Small::new("0.4.2", &text);
    let plan = xtask::release::plan(small.root(), "2026-01-01").unwrap();
    assert_eq!(plan.next.to_string(), "0.4.3");
    let written = xtask::files::write_changed(&plan.files).unwrap();
    assert_eq!(
        written.len(),
        4,
        "three files and the other lock: {written:?}"
    );
}

#[test]
fn a_lock_moves_our_packages_and_the_references_to_them_alone() {
    // A package from the registry with the same name and version, and a
    // reference to it, stay; the reference to ours by its version moves.
    let small = Small::new("0.4.2", &changelog("### Fixed\n\n- A fix.\n\n", "0.4.2"));
    let lock_of = |plan: &release::Plan| {
        let lock = plan
            .files
            .iter()
            .find(|f| f.path == small.root().join("Cargo.lock"));
        String::from_utf8(lock.unwrap().content.clone()).unwrap()
    };
    let moved = lock_of(&release::plan(small.root(), "2026-01-01").unwrap());
    let registry = "registry+https://github.com/rust-lang/crates.io-index";
    let more = |version: &str| {
        format!(
            "\n[[package]]\nname = \"{PUBLISHED}\"\nversion = \"0.4.2\"\nsource = \"{registry}\"\n\n\
             [[package]]\nname = \"user\"\nversion = \"0.4.2\"\ndependencies = [\n \
             \"{PUBLISHED} {version}\",\n \"{PUBLISHED} 0.4.2 ({registry})\",\n]\n"
        )
    };
    small.write("Cargo.lock", &(small.read("Cargo.lock") + &more("0.4.2")));
    let plan = release::plan(small.root(), "2026-01-01").unwrap();
    assert_eq!(lock_of(&plan), moved + &more("0.4.3"));
}

#[test]
fn notes_print_a_section_without_its_heading() {
    let small = Small::new(
        "0.4.3",
        "# Changelog\n\n## Unreleased\n\n### Fixed\n\n- Not yet.\n\n\
         ## 0.4.3 - 2025-03-01\n\n### Fixed\n\n- A fix.\n\n```text\n## not a heading\n```\n\n\
         ## 0.4.2 - 2025-01-01\n\n### Added\n\n- The first things.\n",
    );
    let (code, out, _) = small.xtask(&["release", "--notes"]);
    assert_eq!(code, EXIT_OK);
    assert_eq!(
        out,
        "### Fixed\n\n- A fix.\n\n```text\n## not a heading\n```\n"
    );
    let (code, out, _) = small.xtask(&["release", "--notes", "0.4.2"]);
    assert_eq!(code, EXIT_OK);
    assert_eq!(out, "### Added\n\n- The first things.\n");
    let (code, out, _) = small.xtask(&["release", "--notes=0.4.2"]);
    assert_eq!(
        (code, out.as_str()),
        (EXIT_OK, "### Added\n\n- The first things.\n")
    );
    let (code, _, err) = small.xtask(&["release", "--notes", "0.9.9"]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(
        err.contains("CHANGELOG.md has no section for 0.9.9"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let small = Small::new("0.4.2", &changelog("", "0.4.2"));
    for args in [
        &["release", "--date", "2026-02-30"][..],
        &["release", "--date"],
        &["release", "--notes", "--dry-run"],
        &["release", "--semver-checks", "--date", "2026-01-01"],
        &["release", "--dry-run=yes"],
        &["release", "--publish-order"],
    ] {
        let (code, _, err) = small.xtask(args);
        assert_eq!(code, EXIT_USAGE, "{args:?}: {err}");
    }
}

// ---------------------------------------------------------------------------
// The semver check's baseline

/// An index on loopback that lists `versions` (`(version, yanked)`) for
/// the published crate at its sparse-index path, and nothing else.
fn index(versions: &'static [(&'static str, bool)]) -> Server {
    Server::start(move |_, request| {
        let path = format!("/{}/{}/{PUBLISHED}", &PUBLISHED[..2], &PUBLISHED[2..4]);
        if request.path != path {
            return full("404 Not Found", &[], "");
        }
        let lines: Vec<String> = (versions.iter())
            .map(|(v, yanked)| format!("{{\"name\":\"{PUBLISHED}\",\"vers\":\"{v}\",\"deps\":[],\"cksum\":\"00\",\"features\":{{}},\"yanked\":{yanked}}}"))
            .collect();
        full("200 OK", &[], lines.join("\n") + "\n")
    })
}

#[test]
fn the_baseline_is_the_last_release_on_the_index_before_this_version() {
    let small = Small::new("0.4.3", &changelog("", "0.4.2"));
    let version = |v: &str| semver::Version::parse(v).unwrap();
    // Older and not yanked: 0.4.1 (0.4.2 is yanked, 0.4.3 is this one, 0.10.0 newer).
    let server = index(&[
        ("0.4.1", false),
        ("0.4.2", true),
        ("0.4.3", false),
        ("0.10.0", false),
    ]);
    let baseline = release::baseline(small.root(), &server.url("")).unwrap();
    assert_eq!(baseline, Some(Baseline::Registry(version("0.4.1"))));
    let args = release::semver_checks_args(small.root(), baseline.as_ref().unwrap());
    assert_eq!(args[..3], ["semver-checks", "--package", PUBLISHED]);
    assert_eq!(args[args.len() - 2..], ["--baseline-version", "0.4.1"]);

    // None on the index: the tag of the last version in CHANGELOG.md.
    let server = index(&[]);
    let baseline = release::baseline(small.root(), &server.url("")).unwrap();
    assert_eq!(baseline, Some(Baseline::Tag("v0.4.2".into())));
    let args = release::semver_checks_args(small.root(), baseline.as_ref().unwrap());
    assert_eq!(args[args.len() - 2..], ["--baseline-rev", "v0.4.2"]);
}

#[test]
fn a_first_release_has_no_baseline_and_the_check_passes() {
    let small = Small::new("0.1.0", "# Changelog\n\n## Unreleased\n\n- x\n");
    let server = index(&[]);
    let url = server.url("");
    let (code, out, err) = small.xtask(&["release", "--semver-checks", "--index", &url]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("never released"), "{out}");
    // It asked the index for the published crate.
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, [format!("/ws/-c/{PUBLISHED}")]);
}

#[test]
fn a_failed_semver_check_fails_the_release_naming_the_baseline() {
    // No git repository here, so cargo semver-checks cannot build the
    // tag's baseline (nor run, where it is not installed): exit 1.
    let small = Small::new("0.4.3", &changelog("", "0.4.2"));
    let server = index(&[]);
    let url = server.url("");
    let (code, out, err) = small.xtask(&["release", "--semver-checks", "--index", &url]);
    assert_eq!(code, EXIT_FAILURE, "{out}");
    assert!(
        out.starts_with(&format!("==> cargo semver-checks --package {PUBLISHED} ")),
        "{out}"
    );
    assert!(out.trim_end().ends_with("--baseline-rev v0.4.2"), "{out}");
    assert!(
        err.contains("cargo semver-checks failed") && err.contains("from v0.4.2"),
        "{err}"
    );
}

#[test]
fn an_index_that_fails_is_an_error_not_a_first_release() {
    let small = Small::new("0.4.3", &changelog("", "0.4.2"));
    let server = Server::start(|_, _| full("500 Internal Server Error", &[], "down"));
    let error = release::baseline(small.root(), &server.url("")).unwrap_err();
    assert!(error.contains("HTTP status 500"), "{error}");
}

// ---------------------------------------------------------------------------
// Registry syncs and the changelog

/// Writes `document` outside the copy and runs `regen --from` with it and
/// `extra`.
fn regen_from(copy: &Workspace, document: &Document, extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.xml");
    fs::write(&path, document.bytes()).unwrap();
    let path = path.display().to_string();
    let mut args = vec!["regen", "--from", path.as_str()];
    args.extend_from_slice(extra);
    copy.xtask(&args)
}

/// The lines of `after` that are not in `before`, when `after` is
/// `before` with lines inserted (and nothing else changed).
fn inserted_lines(before: &str, after: &str) -> Vec<String> {
    let old: Vec<&str> = before.lines().collect();
    let mut at = 0;
    let mut inserted = Vec::new();
    for line in after.lines() {
        if at < old.len() && old[at] == line {
            at += 1;
        } else {
            inserted.push(line.to_owned());
        }
    }
    assert_eq!(at, old.len(), "lines of the old changelog are missing");
    inserted
}

/// The lines of `## Unreleased` (to the next `## ` heading).
fn unreleased_lines(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| *l != "## Unreleased")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

/// The subsection (`### ...` heading) that `entry` is under in `## Unreleased`.
fn subsection_of<'a>(text: &'a str, entry: &str) -> Option<&'a str> {
    let lines = unreleased_lines(text);
    let at = lines.iter().position(|l| *l == entry)?;
    lines[..at]
        .iter()
        .rev()
        .find(|l| l.starts_with("### "))
        .copied()
}

const ADDED_3017: &str = "- `CloseCode::QuotaExceeded`: close code 3017, \"Quota Exceeded\" in \
                          IANA's registry (registered with IANA on 2026-01-15, registry updated 2026-01-15).";
const CHANGED_3008: &str =
    "- `CloseCode::Timeout` (close code 3008, \"Timeout\"): IANA changed the \
                            references from — to RFC 9999 (registry updated 2026-01-15).";

fn with_3017() -> Document {
    Document::baseline()
        .register(3017, "Quota Exceeded", "2026-01-15")
        .add_reference(3008, "rfc", "rfc9999")
        .updated("2026-01-15")
}

#[test]
fn a_sync_adds_its_entries_to_the_live_changelog_once() {
    let copy = Workspace::new();
    let before = copy.read(CHANGELOG);
    let (code, out, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("wrote CHANGELOG.md"), "{out}");
    let after = copy.read(CHANGELOG);
    let mut entries: Vec<String> = inserted_lines(&before, &after)
        .into_iter()
        .filter(|l| !l.is_empty() && !l.starts_with("## Unreleased") && !l.starts_with("### "))
        .collect();
    entries.sort();
    assert_eq!(entries, [ADDED_3017, CHANGED_3008]);
    assert_eq!(subsection_of(&after, ADDED_3017), Some("### Added"));
    assert_eq!(subsection_of(&after, CHANGED_3008), Some("### Changed"));

    // The same document again, regen, and regen --check: nothing changes.
    let files = copy.files();
    let (code, _, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_unchanged(&files, &copy.files(), "second identical --from");
    for args in [&["regen"][..], &["regen", "--check"]] {
        let (code, _, err) = copy.xtask(args);
        assert_eq!(code, EXIT_OK, "{args:?}: {err}");
        assert_unchanged(&files, &copy.files(), &format!("{args:?}"));
    }
}

#[test]
fn entries_go_under_their_subsection_created_in_order() {
    let copy = Workspace::new();
    let text = "# Changelog\n\n## Unreleased\n\n### Fixed\n\n- A fix.\n\n## 0.1.0 - 2025-08-01\n\n- First.\n";
    fs::write(copy.root().join(CHANGELOG), text).unwrap();
    let (code, _, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(
        copy.read(CHANGELOG),
        format!(
            "# Changelog\n\n## Unreleased\n\n### Added\n\n{ADDED_3017}\n\n### Changed\n\n{CHANGED_3008}\n\n\
             ### Fixed\n\n- A fix.\n\n## 0.1.0 - 2025-08-01\n\n- First.\n"
        )
    );

    // Without `## Unreleased`: it is created above the first version.
    let copy = Workspace::new();
    let text = "# Changelog\n\nWords.\n\n## 0.1.0 - 2025-08-01\n\n- First.\n";
    fs::write(copy.root().join(CHANGELOG), text).unwrap();
    let (code, _, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(
        copy.read(CHANGELOG),
        format!(
            "# Changelog\n\nWords.\n\n## Unreleased\n\n### Added\n\n{ADDED_3017}\n\n### Changed\n\n\
             {CHANGED_3008}\n\n## 0.1.0 - 2025-08-01\n\n- First.\n"
        )
    );
}

#[test]
fn a_removed_code_is_a_breaking_entry() {
    let copy = Workspace::new();
    let text = "# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2025-08-01\n\n- First.\n";
    fs::write(copy.root().join(CHANGELOG), text).unwrap();
    let document = Document::baseline().without(3003).updated("2026-02-02");
    let (code, _, err) = regen_from(&copy, &document, &[]);
    assert_eq!(code, EXIT_FAILURE);
    assert_eq!(copy.read(CHANGELOG), text, "a refused document wrote {err}");
    let (code, _, err) = regen_from(&copy, &document, &["--allow-removals"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(
        copy.read(CHANGELOG),
        "# Changelog\n\n## Unreleased\n\n### Removed\n\n- **Breaking**: `CloseCode::Forbidden` \
         (close code 3003, \"Forbidden\") is removed: IANA's registry (updated 2026-02-02) no longer \
         lists the code, and `CloseCode::from(3003)` returns `CloseCode::Other(_)`.\n\n\
         ## 0.1.0 - 2025-08-01\n\n- First.\n"
    );
}

#[test]
fn the_changelog_is_written_with_the_other_files_or_not_at_all() {
    let copy = Workspace::new();
    let new = with_3017().bytes();
    let plan = regen::plan(copy.root(), Some(("new.xml", &new)), false).unwrap();
    let paths: Vec<&PathBuf> = plan.files.iter().map(|f| &f.path).collect();
    assert_eq!(paths.last(), Some(&&copy.root().join(CHANGELOG)));

    // Without a new document, or with one that changes no code, the plan
    // leaves the changelog out.
    let plan = regen::plan(copy.root(), None, false).unwrap();
    assert!(plan.files.iter().all(|f| !f.path.ends_with(CHANGELOG)));
    let same_codes = Document::baseline().updated("2026-03-03");
    let same_codes = same_codes.bytes();
    let plan = regen::plan(copy.root(), Some(("new.xml", &same_codes)), false).unwrap();
    assert!(plan.files.iter().all(|f| !f.path.ends_with(CHANGELOG)));
}

#[test]
fn regen_without_a_new_document_never_reads_the_changelog() {
    let copy = Workspace::new();
    fs::remove_file(copy.root().join(CHANGELOG)).unwrap();
    for args in [&["regen"][..], &["regen", "--check"]] {
        let (code, _, err) = copy.xtask(args);
        assert_eq!(code, EXIT_OK, "{args:?}: {err}");
        assert!(!copy.exists(CHANGELOG));
    }
    // A sync that changes codes needs it, and writes nothing without it.
    let before = copy.files();
    let (code, _, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains("CHANGELOG.md: cannot read"), "{err}");
    assert_unchanged(&before, &copy.files(), "sync without a changelog");
}

#[test]
fn registry_text_cannot_break_the_changelog() {
    let copy = Workspace::new();
    let text = "# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2025-08-01\n\n- First.\n";
    fs::write(copy.root().join(CHANGELOG), text).unwrap();
    let hostile =
        "Evil ](http://x) <script>alert(1)</script> `code` **bold** \u{202E}rtl\n# heading\n- item";
    let document = Document::baseline()
        .register_text(3050, hostile, "2026-04-04")
        .updated("2026-04-04");
    let (code, _, err) = regen_from(&copy, &document, &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    let after = copy.read(CHANGELOG);
    let inserted: Vec<String> = inserted_lines(text, &after)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(inserted.len(), 2, "{after}");
    assert_eq!(inserted[0], "### Added");
    let entry = &inserted[1];
    assert!(
        entry.starts_with("- `CloseCode::Code3050`: close code 3050, \""),
        "{entry}"
    );
    assert!(
        entry.contains(&ws_close_codes_codegen::escape_markdown(hostile)),
        "{entry}"
    );
    assert!(
        entry.contains(r"\]") && entry.contains(r"\<script\>"),
        "{entry}"
    );
    assert!(
        !entry.contains("<script>") && !entry.contains(" `code` ") && !entry.contains(" **bold**"),
        "{entry}"
    );
    assert!(!after.contains('\u{202E}'), "bidi control kept");
    let headings: Vec<&str> = after.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Changelog",
            "## Unreleased",
            "### Added",
            "## 0.1.0 - 2025-08-01"
        ]
    );
}

// ---------------------------------------------------------------------------
// From a registry sync to a release

/// Adds the real workspace's manifests and lock to `root` (each member's
/// manifest, and an empty file for each of its targets that the copy does
/// not have), and the no_std check's workspace, so that Cargo and
/// `release` see the real workspace.
fn add_manifests(root: &Path) {
    let real = xtask::workspace_root();
    let metadata = cargo_metadata::MetadataCommand::new()
        .current_dir(&real)
        .no_deps()
        .other_options(vec!["--offline".to_owned()])
        .exec()
        .unwrap();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "crates/no-std-check/Cargo.toml",
        "crates/no-std-check/Cargo.lock",
    ] {
        fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
        fs::copy(real.join(file), root.join(file)).unwrap();
    }
    fs::create_dir_all(root.join("crates/no-std-check/src")).unwrap();
    fs::write(root.join("crates/no-std-check/src/lib.rs"), "").unwrap();
    for package in metadata.workspace_packages() {
        let relative = |path: &Path| path.strip_prefix(&real).unwrap().to_path_buf();
        let manifest = relative(package.manifest_path.as_std_path());
        fs::create_dir_all(root.join(manifest.parent().unwrap())).unwrap();
        fs::copy(real.join(&manifest), root.join(&manifest)).unwrap();
        for target in &package.targets {
            let source = root.join(relative(target.src_path.as_std_path()));
            if !source.exists() {
                fs::create_dir_all(source.parent().unwrap()).unwrap();
                fs::write(source, "").unwrap();
            }
        }
    }
}

/// The target triple of this machine, as rustc reports it.
fn host_triple() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("-vV").output().unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// The version after a compatible change, by Cargo's rules, written out
/// here independently of the code under test.
fn after_compatible_change(version: &str) -> String {
    let parts: Vec<u64> = version.split('.').map(|p| p.parse().unwrap()).collect();
    match parts[..] {
        [0, minor, patch] => format!("0.{minor}.{}", patch + 1),
        [major, minor, _] => format!("{major}.{}.0", minor + 1),
        _ => panic!("{version}"),
    }
}

#[test]
fn a_sync_then_a_dry_run_says_minor_and_the_changelog_names_the_new_code() {
    let copy = Workspace::new();
    add_manifests(copy.root());
    let manifest: toml::Table = copy.read("Cargo.toml").parse().unwrap();
    let current = toml_at(&manifest, &["workspace", "package", "version"])
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    // The current version released, nothing since.
    fs::write(
        copy.root().join(CHANGELOG),
        format!(
            "# Changelog\n\n## Unreleased\n\n## {current} - 2025-08-01\n\n### Added\n\n- First.\n"
        ),
    )
    .unwrap();
    let (code, _, err) = copy.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_FAILURE);
    assert!(err.contains("nothing to release"), "{err}");

    let (code, _, err) = regen_from(&copy, &with_3017(), &[]);
    assert_eq!(code, EXIT_OK, "{err}");
    let text = copy.read(CHANGELOG);
    assert_eq!(
        subsection_of(&text, ADDED_3017),
        Some("### Added"),
        "{text}"
    );
    assert!(
        unreleased_lines(&text)
            .iter()
            .any(|l| l.contains("3017") && l.contains("`CloseCode::QuotaExceeded`")),
        "{text}"
    );

    let before = copy.files();
    let (code, out, err) = copy.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_OK, "{err}");
    let next = after_compatible_change(&current);
    assert!(
        out.contains(&format!("version: {current} -> {next}\n")),
        "{out}"
    );
    assert!(out.contains("bump: minor\n"), "{out}");
    assert!(out.contains("  - minor: ### Added (1 entry)"), "{out}");
    assert_unchanged(&before, &copy.files(), "dry run");

    // The release itself, on the real manifests and locks: Cargo agrees
    // with the locks it writes.
    let (code, out, err) = copy.xtask(&["release", "--date", "2026-01-20"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(
        out.contains("wrote crates/no-std-check/Cargo.lock"),
        "{out}"
    );
    // Offline, and for this machine's target only: the packages of other
    // targets (wasm-only ones, for one) are in the lock but are not
    // downloaded by `cargo test --workspace`, so a fresh machine does not
    // have them; Cargo still checks the whole lock against the manifests.
    let host = host_triple();
    for directory in [".", "crates/no-std-check"] {
        let output = Command::new(env!("CARGO"))
            .args(["metadata", "--locked", "--offline", "--format-version", "1"])
            .args(["--filter-platform", &host])
            .current_dir(copy.root().join(directory))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{directory}: {}",
            describe(&output)
        );
    }
    let notes = copy.xtask(&["release", "--notes"]).1;
    assert!(notes.contains(ADDED_3017), "{notes}");
    assert!(
        copy.read(CHANGELOG)
            .contains(&format!("## Unreleased\n\n## {next} - 2026-01-20\n")),
        "{}",
        copy.read(CHANGELOG)
    );

    // A removal after that release is breaking.
    let document = with_3017().without(3003).updated("2026-02-02");
    let (code, _, err) = regen_from(&copy, &document, &["--allow-removals"]);
    assert_eq!(code, EXIT_OK, "{err}");
    let (code, out, err) = copy.xtask(&["release", "--dry-run"]);
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(out.contains("bump: major\n"), "{out}");
}
