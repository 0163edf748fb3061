//! `cargo xtask drill`: proves that IANA's next registrations need no hand
//! edit.
//!
//! The drill copies the workspace to a directory of its own, then applies
//! realistic later versions of the registry document to the copy, in turn,
//! each built from the copy's current snapshot with [`Document`] edits:
//!
//! - **(a)** a new code in 3000-3999 whose description is a long sentence,
//!   from a new person;
//! - **(b)** a new code in 1000-2999 with an RFC reference, below codes that
//!   are already registered;
//! - **(c)** a reworded description (1010) and a reference that moved to
//!   another address (1012);
//! - **(d)** a contact changed from a person to plain text;
//! - **(e)** a stale copy that lacks (b)'s code: it must be refused, with
//!   every file of the copy left byte-identical.
//!
//! After each of (a)-(d) it runs `regen --from` on the copy and then the
//! checks CI runs: `regen --check`, `cargo test --workspace`,
//! `cargo clippy --workspace --all-targets -- -D warnings` and
//! `cargo doc --workspace --no-deps` with warnings denied. Last, it breaks
//! one fact in the copy's generated code (a registration date) and checks
//! that the crate's tests notice: tests that cannot fail would let a broken
//! generator through.
//!
//! The copy builds into a target directory of its own (next to the copy):
//! Cargo names a workspace crate's build output after its path relative to
//! the workspace, so a copy sharing the real workspace's target directory
//! would overwrite the real crates' output with the copy's, and a later
//! build of the real workspace could take it for its own.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ws_close_codes_registry::{self as registry, Registry};

use crate::cli;
use crate::document::Document;
use crate::regen;

/// What to check after each version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Regenerate and `regen --check` only (seconds; for the drill's own tests).
    Regen,
    /// Also the workspace's tests, clippy and rustdoc (what CI runs).
    All,
}

/// How to run the drill.
#[derive(Clone, Debug)]
pub struct Options {
    /// The workspace to copy.
    pub root: PathBuf,
    /// Where the copy goes (emptied first) and, next to it, its build
    /// output: `DIR/workspace` and `DIR/target`.
    pub dir: PathBuf,
    /// What to check after each version.
    pub checks: Checks,
}

impl Options {
    /// The drill of the workspace at `root` with every check, in
    /// `TARGET/drill` where `TARGET` is `CARGO_TARGET_DIR` or `root/target`.
    pub fn new(root: &Path) -> Options {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        Options {
            root: root.to_path_buf(),
            dir: target.join("drill"),
            checks: Checks::All,
        }
    }
}

/// Why the drill failed: the step and the check, and what it printed.
#[derive(Debug)]
pub struct Failure {
    /// The step, such as `(b) a new 1000-2999 code`.
    pub step: String,
    /// The check, such as `cargo clippy --workspace --all-targets -- -D warnings`.
    pub check: String,
    /// What went wrong, with the end of the command's output.
    pub detail: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "drill failed at step {}: {}\n{}",
            self.step, self.check, self.detail
        )
    }
}

impl std::error::Error for Failure {}

/// One later version of the registry and what the drill expects of it.
struct Step {
    name: String,
    document: Document,
    refused: bool,
}

/// The first value of `range` inside an unassigned record of `registry`,
/// below `below` (a registered code) when given.
fn free_value(
    registry: &Registry,
    range: std::ops::RangeInclusive<u16>,
    below: Option<u16>,
) -> Option<u16> {
    range
        .into_iter()
        .filter(|&v| below.is_none_or(|b| v < b))
        .find(|&v| registry.record_for(v).is_some_and(|r| !r.is_assigned()))
}

/// The date `months` months after `date` (first of the month), for
/// versions that must be newer than the snapshot.
fn later(registry: &Registry, months: u16) -> String {
    let date = registry.document_updated;
    let index = u32::from(date.year) * 12 + u32::from(date.month) - 1 + u32::from(months);
    format!("{:04}-{:02}-01", index / 12, index % 12 + 1)
}

fn plan_steps(snapshot: &str) -> Result<Vec<Step>, String> {
    let error = |e: crate::document::EditError| e.0;
    let base = Document::new(snapshot);
    let registry = base.parse().map_err(error)?;

    // (a) a new 3000-3999 code, a long sentence, a new person.
    let a_value =
        free_value(&registry, 3000..=3999, None).ok_or("no unassigned value left in 3000-3999")?;
    let a_date = later(&registry, 1);
    // The person's id is new in any document: it names the new code.
    let person = format!("Registrant_{a_value}");
    let a = base
        .clone()
        .add_person(
            &person,
            "Robin Registrant",
            "mailto:robin&example.org",
            &a_date,
        )
        .map_err(error)?
        .register(
            a_value,
            "The server closed the session because the credentials it was opened with have \
             expired; the client should authenticate again before it reconnects.",
            &a_date,
            Some(&person),
            &[],
        )
        .map_err(error)?
        .updated(&a_date);

    // (b) a new 1000-2999 code with an RFC reference, below registered codes.
    let highest = registry
        .registered_codes()
        .map(|r| r.span.start)
        .max()
        .ok_or("the snapshot registers no code")?;
    let b_value = free_value(&registry, 1000..=2999, Some(highest))
        .ok_or("no unassigned value left in 1000-2999")?;
    let b_date = later(&registry, 2);
    let b = a
        .clone()
        .register(
            b_value,
            "Session Expired",
            &b_date,
            Some(&person),
            &[("rfc", "rfc9999")],
        )
        .map_err(error)?
        .updated(&b_date);

    // (c) a reworded description and a moved reference on existing codes;
    // each new text is made from the old one, so it always differs.
    let reworded = registry
        .record_for(1010)
        .filter(|r| r.is_registered_code())
        .ok_or("1010 is not registered")?;
    let rewording = format!(
        "{} (the client needs an extension that the server did not agree to)",
        reworded.description
    );
    let reworded = reworded.span.start;
    let moved = registry
        .registered_codes()
        .find(|r| r.span.start == 1012 && !r.references.is_empty())
        .or_else(|| {
            registry
                .registered_codes()
                .find(|r| !r.references.is_empty())
        })
        .ok_or("no registered code has a reference")?;
    let old_reference = moved.references[0].data.clone();
    let new_reference = format!("{}-moved/", old_reference.trim_end_matches('/'));
    let c_date = later(&registry, 3);
    let c = b
        .clone()
        .reword(reworded, &rewording)
        .map_err(error)?
        .move_reference(moved.span.start, &old_reference, &new_reference)
        .map_err(error)?
        .updated(&c_date);

    // (d) a contact changed from a person to plain text.
    let (d_value, d_contact) = registry
        .registered_codes()
        .filter_map(|r| Some((r.span.start, r.contact.as_ref()?.display_name())))
        .max()
        .ok_or("no registered code has a contact")?;
    let d_date = later(&registry, 4);
    let d = c
        .clone()
        .contact_text(d_value, &format!("{d_contact}, by e-mail to IANA"))
        .map_err(error)?
        .updated(&d_date);

    // (e) a stale copy of (d) that lacks (b)'s code.
    let e = d.clone().without(b_value).map_err(error)?;

    Ok(vec![
        Step {
            name: format!(
                "(a) a new 3000-3999 code ({a_value}) with a long description and a new person"
            ),
            document: a,
            refused: false,
        },
        Step {
            name: format!(
                "(b) a new 1000-2999 code ({b_value}) with an RFC reference, below registered codes"
            ),
            document: b,
            refused: false,
        },
        Step {
            name: format!(
                "(c) a reworded description ({reworded}) and a moved reference ({})",
                moved.span.start
            ),
            document: c,
            refused: false,
        },
        Step {
            name: format!("(d) the contact of {d_value} changed from a person to plain text"),
            document: d,
            refused: false,
        },
        Step {
            name: format!("(e) a stale copy that lacks {b_value}"),
            document: e,
            refused: true,
        },
    ])
}

/// The files of the workspace at `root` that git tracks or would track
/// (relative paths); when `root` is not the top of a git work tree (a copy
/// inside another repository's ignored `target`, or no git at all), every
/// file outside `target` and `.git`.
fn workspace_files(root: &Path) -> Vec<PathBuf> {
    let top = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    let is_top = match (top.and_then(|t| t.canonicalize().ok()), root.canonicalize()) {
        (Some(top), Ok(root)) => top == root,
        _ => false,
    };
    if !is_top {
        let mut files = Vec::new();
        walk(root, Path::new(""), &mut files);
        return files;
    }
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output();
    if let Ok(output) = listed {
        if output.status.success() {
            return output
                .stdout
                .split(|&b| b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
                .filter(|path| root.join(path).is_file())
                .collect();
        }
    }
    let mut files = Vec::new();
    walk(root, Path::new(""), &mut files);
    files
}

fn walk(root: &Path, relative: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(root.join(relative)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let path = relative.join(&name);
        match entry.file_type() {
            Ok(kind) if kind.is_dir() && name != "target" && name != ".git" => {
                walk(root, &path, files);
            }
            Ok(kind) if kind.is_file() => files.push(path),
            _ => {}
        }
    }
}

/// Copies the workspace's files to `to` (emptied first).
fn copy_workspace(from: &Path, to: &Path) -> std::io::Result<usize> {
    if to.exists() {
        fs::remove_dir_all(to)?;
    }
    let files = workspace_files(from);
    for file in &files {
        let target = to.join(file);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from.join(file), target)?;
    }
    Ok(files.len())
}

/// Every file of the copy with its bytes, but build output.
fn snapshot_files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    walk(root, Path::new(""), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let bytes = fs::read(root.join(&f)).unwrap_or_default();
            (f, bytes)
        })
        .collect()
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// What a failed test run printed about its failures: the failure
/// sections of libtest's output (from `failures:` to its summary), at most
/// 80 lines.
fn failures(stdout: &str) -> String {
    let mut kept = Vec::new();
    let mut inside = false;
    for line in stdout.lines() {
        if line == "failures:" {
            inside = true;
        }
        if inside {
            kept.push(line);
        }
        if line.starts_with("test result:") {
            inside = false;
        }
    }
    kept.truncate(80);
    kept.join("\n")
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

struct Drill<'a> {
    copy: PathBuf,
    target: PathBuf,
    out: &'a mut dyn Write,
}

impl Drill<'_> {
    /// `cargo ARGS` in the copy; `Err` with the end of its output.
    fn cargo(&mut self, args: &[&str], rustdoc_deny: bool) -> Result<Duration, String> {
        let started = Instant::now();
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command
            .args(args)
            .current_dir(&self.copy)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_INCREMENTAL", "0");
        if rustdoc_deny {
            command.env("RUSTDOCFLAGS", "-D warnings");
        }
        let output = command
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if output.status.success() {
            Ok(started.elapsed())
        } else {
            Err(format!(
                "{}\n{}\n{}",
                output.status,
                failures(&String::from_utf8_lossy(&output.stdout)),
                tail(&String::from_utf8_lossy(&output.stderr), 30)
            ))
        }
    }

    /// `cargo xtask ARGS` on the copy, in this process.
    fn xtask(&self, args: &[&str]) -> (i32, String) {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::run_with(&args, &self.copy, &mut out, &mut err, false);
        let mut text = String::from_utf8_lossy(&out).into_owned();
        text.push_str(&String::from_utf8_lossy(&err));
        (code, text)
    }

    fn report(&mut self, check: &str, took: Duration) {
        let _ = writeln!(self.out, "    ok  {check} ({})", seconds(took));
    }

    fn checks(&mut self, step: &str, checks: Checks) -> Result<(), Failure> {
        let fail = |check: &str, detail: String| Failure {
            step: step.to_owned(),
            check: check.to_owned(),
            detail,
        };
        let started = Instant::now();
        let (code, text) = self.xtask(&["regen", "--check"]);
        if code != cli::EXIT_OK {
            return Err(fail("cargo xtask regen --check", tail(&text, 60)));
        }
        self.report("cargo xtask regen --check", started.elapsed());
        if checks == Checks::Regen {
            return Ok(());
        }
        let commands: [(&str, &[&str], bool); 3] = [
            (
                "cargo test --workspace",
                &["test", "--workspace", "--locked"],
                false,
            ),
            (
                "cargo clippy --workspace --all-targets -- -D warnings",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--locked",
                    "--",
                    "-D",
                    "warnings",
                ],
                false,
            ),
            (
                "cargo doc --workspace --no-deps (RUSTDOCFLAGS=-D warnings)",
                &["doc", "--workspace", "--no-deps", "--locked"],
                true,
            ),
        ];
        for (check, args, rustdoc_deny) in commands {
            let took = self.cargo(args, rustdoc_deny).map_err(|e| fail(check, e))?;
            self.report(check, took);
        }
        Ok(())
    }

    /// Checks that `CHANGELOG.md` in the copy names every code the regen
    /// output (`summary`) says received an identifier, as `CloseCode::Ident`
    /// with its number.
    fn changelog_names_the_new_codes(&mut self, summary: &str) -> Result<(), String> {
        let changelog = fs::read_to_string(self.copy.join("CHANGELOG.md"))
            .map_err(|e| format!("cannot read CHANGELOG.md: {e}"))?;
        for line in summary.lines() {
            let Some(rest) = line.strip_prefix("new identifier: ") else {
                continue;
            };
            let Some((value, variant)) = rest.split_once(" -> ") else {
                continue;
            };
            let named = changelog
                .lines()
                .any(|l| l.contains(&format!("`{variant}`")) && l.contains(value.trim()));
            if !named {
                return Err(format!(
                    "no line of CHANGELOG.md names {value} as `{variant}`"
                ));
            }
            let _ = writeln!(
                self.out,
                "    ok  CHANGELOG.md names {value} as `{variant}`"
            );
        }
        Ok(())
    }

    /// Breaks the registration date of one code in the copy's generated
    /// code, checks that the crate's tests fail, and restores the file.
    fn tests_notice_a_broken_generator(&mut self) -> Result<(), Failure> {
        let step = "(f) a generated file with a wrong registration date";
        let fail = |check: &str, detail: String| Failure {
            step: step.to_owned(),
            check: check.to_owned(),
            detail,
        };
        let path = self.copy.join(regen::GENERATED);
        let original =
            fs::read_to_string(&path).map_err(|e| fail("read generated.rs", e.to_string()))?;
        let marker = "registered_on: Some(\"";
        let at = original
            .find(marker)
            .ok_or_else(|| fail("find a registration date", "generated.rs has none".into()))?
            + marker.len();
        // 2000-01-01 is earlier than any registration in the registry.
        let mut broken = original.clone();
        broken.replace_range(at..at + "YYYY-MM-DD".len(), "2000-01-01");
        fs::write(&path, &broken).map_err(|e| fail("write generated.rs", e.to_string()))?;
        let _ = writeln!(self.out, "{step}");
        let result = self.cargo(
            &[
                "test",
                "-p",
                "ws-close-codes",
                "--locked",
                "--test",
                "registry",
            ],
            false,
        );
        fs::write(&path, &original).map_err(|e| fail("restore generated.rs", e.to_string()))?;
        match result {
            Err(_) => {
                let _ = writeln!(self.out, "    ok  cargo test -p ws-close-codes --test registry fails, as it must");
                Ok(())
            }
            Ok(_) => Err(fail(
                "cargo test -p ws-close-codes --test registry",
                "passed with a wrong registration date in generated.rs: the tests do not compare the crate with the registry"
                    .into(),
            )),
        }
    }
}

/// Runs the drill. Progress goes to `out`.
///
/// # Errors
///
/// The step and check that failed, with the end of its output.
pub fn run(options: &Options, out: &mut dyn Write) -> Result<(), Failure> {
    let started = Instant::now();
    let setup = |check: &str, detail: String| Failure {
        step: "setup".into(),
        check: check.into(),
        detail,
    };
    let copy = options.dir.join("workspace");
    let target = options.dir.join("target");
    let count = copy_workspace(&options.root, &copy)
        .map_err(|e| setup("copy the workspace", format!("{}: {e}", copy.display())))?;
    let _ = writeln!(out, "drill: copied {count} files to {}", copy.display());
    let snapshot = fs::read_to_string(copy.join(regen::SNAPSHOT))
        .map_err(|e| setup("read the snapshot", e.to_string()))?;
    registry::parse(snapshot.as_bytes()).map_err(|e| setup("parse the snapshot", e.to_string()))?;
    let steps = plan_steps(&snapshot).map_err(|e| setup("build the later versions", e))?;
    let documents = options.dir.join("documents");
    fs::create_dir_all(&documents)
        .map_err(|e| setup("create the documents directory", e.to_string()))?;
    let mut drill = Drill { copy, target, out };

    for (index, step) in steps.iter().enumerate() {
        let _ = writeln!(drill.out, "{}", step.name);
        let fail = |check: &str, detail: String| Failure {
            step: step.name.clone(),
            check: check.to_owned(),
            detail,
        };
        let path = documents.join(format!("version-{index}.xml"));
        fs::write(&path, step.document.text())
            .map_err(|e| fail("write the document", e.to_string()))?;
        let path = path.display().to_string();
        let before = snapshot_files(&drill.copy);
        let started = Instant::now();
        let (code, text) = drill.xtask(&["regen", "--from", &path]);
        if step.refused {
            if code != cli::EXIT_FAILURE || !text.contains("refusing") {
                return Err(fail(
                    "cargo xtask regen --from (a stale copy must be refused)",
                    format!("exit status {code}\n{}", tail(&text, 40)),
                ));
            }
            if snapshot_files(&drill.copy) != before {
                return Err(fail(
                    "every file byte-identical after the refusal",
                    "the refused run changed files of the copy".into(),
                ));
            }
            let _ = writeln!(
                drill.out,
                "    ok  cargo xtask regen --from refused it and wrote nothing ({})",
                seconds(started.elapsed())
            );
            let reason = text
                .lines()
                .find(|l| l.contains("refusing"))
                .unwrap_or_default();
            let _ = writeln!(drill.out, "        {}", tail(reason, 1));
            continue;
        }
        if code != cli::EXIT_OK {
            return Err(fail("cargo xtask regen --from", tail(&text, 60)));
        }
        drill.report("cargo xtask regen --from", started.elapsed());
        for line in text.lines().filter(|l| {
            l.starts_with("added:")
                || l.starts_with("changed:")
                || l.starts_with("removed:")
                || l.starts_with("new identifier:")
        }) {
            let _ = writeln!(drill.out, "        {line}");
        }
        drill
            .changelog_names_the_new_codes(&text)
            .map_err(|detail| fail("CHANGELOG.md names each new code", detail))?;
        drill.checks(&step.name, options.checks)?;
    }
    let started_release = Instant::now();
    let (code, text) = drill.xtask(&["release", "--dry-run"]);
    if code != cli::EXIT_OK {
        return Err(Failure {
            step: "after the versions".into(),
            check: "cargo xtask release --dry-run".into(),
            detail: tail(&text, 40),
        });
    }
    let _ = writeln!(
        drill.out,
        "release\n    ok  cargo xtask release --dry-run ({})",
        seconds(started_release.elapsed())
    );
    for line in text.lines() {
        let _ = writeln!(drill.out, "        {line}");
    }
    if options.checks == Checks::All {
        drill.tests_notice_a_broken_generator()?;
    }
    let mut summary = String::new();
    let _ = write!(
        summary,
        "drill passed: {} versions in {}",
        steps.len(),
        seconds(started.elapsed())
    );
    let _ = writeln!(drill.out, "{summary}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_dates_roll_over_years() {
        let registry = registry::parse(registry::SNAPSHOT_XML.as_bytes()).unwrap();
        let date = registry.document_updated;
        let in_a_year = later(&registry, 12);
        assert_eq!(
            in_a_year,
            format!("{:04}-{:02}-01", date.year + 1, date.month)
        );
        assert!(later(&registry, 1) > date.to_string());
    }

    #[test]
    fn the_versions_parse_and_change_what_they_say() {
        let steps = plan_steps(registry::SNAPSHOT_XML).unwrap();
        assert_eq!(steps.len(), 5);
        let base = registry::parse(registry::SNAPSHOT_XML.as_bytes()).unwrap();
        let parsed: Vec<Registry> = steps.iter().map(|s| s.document.parse().unwrap()).collect();
        let count = |r: &Registry| r.registered_codes().count();
        assert_eq!(count(&parsed[0]), count(&base) + 1);
        assert_eq!(count(&parsed[1]), count(&base) + 2);
        assert_eq!(count(&parsed[2]), count(&base) + 2);
        assert_eq!(count(&parsed[4]), count(&base) + 1);
        let dates: Vec<String> = parsed
            .iter()
            .map(|r| r.document_updated.to_string())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        assert!(dates[0] > base.document_updated.to_string());
        let diff = registry::diff(&parsed[1], &parsed[2]);
        assert_eq!(diff.changed.len(), 2, "{diff:?}");
        let diff = registry::diff(&parsed[2], &parsed[3]);
        assert_eq!(diff.changed.len(), 1, "{diff:?}");
        let diff = registry::diff(&parsed[3], &parsed[4]);
        assert_eq!(diff.removed.len(), 1);
    }
}
