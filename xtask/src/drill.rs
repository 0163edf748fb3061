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

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ws_close_codes_registry::{self as registry, Registry};

use crate::cli;
use crate::document::Document;
use crate::git;
use crate::regen;
use crate::sync;

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
        let target = crate::target_dir(root);
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

/// What the sync must do with a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Regenerate, test, release and commit (exit 3).
    Changed,
    /// Refuse it and write nothing (exit 1, with the issue's body).
    Refused,
    /// Find the registry current and do nothing (exit 0).
    Current,
}

/// One later version of the registry and what the drill expects of it.
struct Step {
    name: String,
    document: Document,
    expect: Expect,
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
    months_after(registry.document_updated, months)
}

fn months_after(date: registry::Date, months: u16) -> String {
    let index = u32::from(date.year) * 12 + u32::from(date.month) - 1 + u32::from(months);
    format!("{:04}-{:02}-01", index / 12, index % 12 + 1)
}

/// (e): every registered code changed at once, as IANA could in one
/// revision: each description reworded, each reference list changed (the
/// first reference removed, a new one added), each contact changed (to a
/// new person, or to plain text, taking turns), each date moved (the
/// `date` a month later where there is one, `updated` set to the
/// revision's date), and a code registered in 1000-2999 and in 3000-3999.
fn every_record(base: Document, date: &str) -> Result<(Document, Vec<u16>), String> {
    let error = |e: crate::document::EditError| e.0;
    let registry = base.parse().map_err(error)?;
    let person = format!("Steward_{}", date.replace('-', "_"));
    let mut document = base
        .add_person(&person, "Sam Steward", "mailto:sam&example.org", date)
        .map_err(error)?;
    let codes: Vec<&registry::Record> = registry.registered_codes().collect();
    for (index, record) in codes.iter().enumerate() {
        let value = record.span.start;
        document = document
            .reword(
                value,
                &format!("{} (revised by IANA on {date})", record.description),
            )
            .map_err(error)?;
        if let Some(first) = record.references.first() {
            document = document
                .remove_reference(value, &first.data)
                .map_err(error)?;
        }
        document = if value < 3000 {
            // An RFC the record does not cite yet.
            let rfc = (0..)
                .map(|n: u32| format!("rfc{}", 9000 + u32::from(value % 1000) + n * 1000))
                .find(|data| record.references.iter().all(|r| r.data != *data))
                .unwrap_or_default();
            document.add_reference(value, "rfc", &rfc)
        } else {
            document.add_reference(
                value,
                "uri",
                &format!("https://example.org/close-codes/{value}/{date}"),
            )
        }
        .map_err(error)?;
        document = if index % 2 == 0 {
            document.contact_person(value, &person)
        } else {
            let before = record
                .contact
                .as_ref()
                .map_or("no one", |c| c.display_name());
            document.contact_text(value, &format!("{before}, now through IANA"))
        }
        .map_err(error)?;
        let moved = record.date.map(|d| months_after(d, 1));
        document = document
            .redate(value, moved.as_deref(), date)
            .map_err(error)?;
    }
    let low =
        free_value(&registry, 1000..=2999, None).ok_or("no unassigned value left in 1000-2999")?;
    let high =
        free_value(&registry, 3000..=3999, None).ok_or("no unassigned value left in 3000-3999")?;
    let document = document
        .register(
            low,
            "Handshake Timeout",
            date,
            Some(&person),
            &[("rfc", "rfc9998")],
        )
        .map_err(error)?
        .register(high, "Quota Exceeded", date, None, &[])
        .map_err(error)?
        .updated(date);
    Ok((document, vec![low, high]))
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

    // (e) every record changed at once, and two new codes.
    let e_date = later(&registry, 5);
    let (e, e_new) = every_record(d.clone(), &e_date)?;

    // (f) a stale copy of (e) that lacks (b)'s code, dated later.
    let f = e
        .clone()
        .without(b_value)
        .map_err(error)?
        .updated(&later(&registry, 6));

    Ok(vec![
        Step {
            name: format!(
                "(a) a new 3000-3999 code ({a_value}) with a long description and a new person"
            ),
            document: a,
            expect: Expect::Changed,
        },
        Step {
            name: format!(
                "(b) a new 1000-2999 code ({b_value}) with an RFC reference, below registered codes"
            ),
            document: b,
            expect: Expect::Changed,
        },
        Step {
            name: format!(
                "(c) a reworded description ({reworded}) and a moved reference ({})",
                moved.span.start
            ),
            document: c,
            expect: Expect::Changed,
        },
        Step {
            name: format!("(d) the contact of {d_value} changed from a person to plain text"),
            document: d,
            expect: Expect::Changed,
        },
        Step {
            name: format!(
                "(e) every record changed at once (description, references, contact, dates) \
                 and new codes {} and {}",
                e_new[0], e_new[1]
            ),
            document: e.clone(),
            expect: Expect::Changed,
        },
        Step {
            name: format!("(f) a stale copy that lacks {b_value}"),
            document: f,
            expect: Expect::Refused,
        },
        Step {
            name: "(g) the same document as (e) again".to_owned(),
            document: e,
            expect: Expect::Current,
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

/// A loopback HTTP server that answers every request with the document
/// it holds at the time: where the drill's syncs download the registry
/// from, as the workflow's sync downloads it from IANA.
struct Server {
    url: String,
    document: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    fn start() -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!(
            "http://{}/assignments/websocket/websocket.xml",
            listener.local_addr()?
        );
        let document = Arc::new(Mutex::new(Vec::new()));
        let serving = Arc::clone(&document);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let body = serving.lock().map(|d| d.clone()).unwrap_or_default();
                let _ = answer(stream, &body);
            }
        });
        Ok(Server { url, document })
    }

    fn serve(&self, document: &[u8]) {
        if let Ok(mut held) = self.document.lock() {
            *held = document.to_vec();
        }
    }
}

/// Reads one request's head and answers `200 OK` with `body`.
fn answer(mut stream: TcpStream, body: &[u8]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// The branch the drill's syncs commit to, as the workflow's does.
const BRANCH: &str = "registry-sync";

struct Drill<'a> {
    copy: PathBuf,
    target: PathBuf,
    dir: PathBuf,
    server: Server,
    checks: Checks,
    out: &'a mut dyn Write,
}

impl Drill<'_> {
    /// `cargo ARGS` to run in the copy, building into its target directory.
    fn cargo_command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(crate::cargo());
        command
            .args(args)
            .current_dir(&self.copy)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_INCREMENTAL", "0");
        command
    }

    /// `cargo ARGS` in the copy; `Err` with the end of its output.
    fn cargo(&mut self, args: &[&str], rustdoc_deny: bool) -> Result<Duration, String> {
        let started = Instant::now();
        let mut command = self.cargo_command(args);
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
        cli::run_captured(&args, &self.copy)
    }

    /// The sync of the copy against the document the server holds, with
    /// its output in `DIR/sync-INDEX`: with every check, `cargo xtask sync`
    /// itself, the command the workflow runs; with `--quick`, the same
    /// sync in this process without its cargo commands. Returns the exit
    /// status and the log.
    fn sync(&mut self, index: usize) -> (i32, String, PathBuf) {
        let out_dir = self.dir.join(format!("sync-{index}"));
        let code = match self.checks {
            Checks::All => {
                // Its output is in its log; cargo's own (building xtask)
                // is kept for when the sync never started.
                let _ = fs::remove_file(out_dir.join("log.txt"));
                let output = self
                    .cargo_command(&[
                        "xtask",
                        "sync",
                        "--url",
                        &self.server.url,
                        "--commit",
                        BRANCH,
                        "--out",
                    ])
                    .arg(&out_dir)
                    .stdin(Stdio::null())
                    .output();
                match output {
                    Ok(output) => {
                        if !out_dir.join("log.txt").exists() {
                            let _ = fs::create_dir_all(&out_dir);
                            let _ = fs::write(out_dir.join("log.txt"), &output.stderr);
                        }
                        output.status.code().unwrap_or(cli::EXIT_FAILURE)
                    }
                    Err(e) => {
                        let _ = fs::create_dir_all(&out_dir);
                        let _ =
                            fs::write(out_dir.join("log.txt"), format!("cannot run cargo: {e}"));
                        cli::EXIT_FAILURE
                    }
                }
            }
            Checks::Regen => {
                let options = sync::Options {
                    root: self.copy.clone(),
                    out_dir: out_dir.clone(),
                    url: Some(self.server.url.clone()),
                    branch: Some(BRANCH.to_owned()),
                    cargo_checks: false,
                };
                sync::run(&options, &mut std::io::sink())
            }
        };
        let log = fs::read_to_string(out_dir.join("log.txt")).unwrap_or_default();
        (code, log, out_dir)
    }

    fn report(&mut self, check: &str, took: Duration) {
        let _ = writeln!(self.out, "    ok  {check} ({})", seconds(took));
    }

    /// What a changed version must leave: the report with its release, the
    /// commit on the branch, the log's summary and timings, CHANGELOG.md
    /// naming each new code; then `regen --check`, and with every check
    /// clippy and rustdoc (the sync ran the tests).
    fn changed(&mut self, step: &Step, log: &str, out_dir: &Path) -> Result<(), String> {
        let report = fs::read_to_string(out_dir.join("report.md"))
            .map_err(|e| format!("no report.md: {e}"))?;
        if !report.contains("\n## Release\n") {
            return Err(format!(
                "report.md has no release section:\n{}",
                tail(&report, 20)
            ));
        }
        let title = sync::title(&report);
        let subject = git(&self.copy, &["log", "-1", "--format=%s", BRANCH])?;
        if subject.trim() != title {
            return Err(format!(
                "the commit on {BRANCH} is {:?}, not the report's title {title:?}",
                subject.trim()
            ));
        }
        let _ = writeln!(self.out, "    ok  committed on {BRANCH}: {title}");
        for line in log.lines().filter(|l| {
            l.starts_with("added:")
                || l.starts_with("changed:")
                || l.starts_with("removed:")
                || l.starts_with("new identifier:")
                || l.starts_with("IANA reworded")
                || (l.starts_with("<== ") && !l.starts_with("<== git"))
        }) {
            let _ = writeln!(self.out, "        {line}");
        }
        if let Some(release) = report.split("\n## Release\n").nth(1) {
            for line in release.lines().skip_while(|l| *l != "```text").skip(1) {
                if line == "```" {
                    break;
                }
                let _ = writeln!(self.out, "        release: {line}");
            }
        }
        self.changelog_names_the_new_codes(log)?;
        if step.name.starts_with("(e)") {
            self.every_rewording_keeps_its_name(log)?;
        }
        self.checks()
    }

    fn checks(&mut self) -> Result<(), String> {
        let started = Instant::now();
        let (code, text) = self.xtask(&["regen", "--check"]);
        if code != cli::EXIT_OK {
            return Err(format!("cargo xtask regen --check\n{}", tail(&text, 60)));
        }
        self.report("cargo xtask regen --check", started.elapsed());
        if self.checks == Checks::Regen {
            return Ok(());
        }
        let commands: [(&str, &[&str], bool); 2] = [
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
            let took = self
                .cargo(args, rustdoc_deny)
                .map_err(|e| format!("{check}\n{e}"))?;
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
                    "CHANGELOG.md names each new code: no line names {value} as `{variant}`"
                ));
            }
            let _ = writeln!(
                self.out,
                "    ok  CHANGELOG.md names {value} as `{variant}`"
            );
        }
        Ok(())
    }

    /// After (e): every code whose description changed kept its pinned
    /// name, and the log says so for each.
    fn every_rewording_keeps_its_name(&mut self, log: &str) -> Result<(), String> {
        let changed: Vec<&str> = log
            .lines()
            .filter_map(|l| l.strip_prefix("changed: "))
            .filter(|l| l.contains("description"))
            .filter_map(|l| l.split(' ').next())
            .collect();
        let kept = log
            .lines()
            .filter(|l| l.starts_with("IANA reworded "))
            .count();
        if changed.is_empty() || kept != changed.len() {
            return Err(format!(
                "names kept: {} codes reworded, {kept} lines 'IANA reworded ...; name kept (pinned)'",
                changed.len()
            ));
        }
        let _ = writeln!(
            self.out,
            "    ok  {kept} descriptions reworded, every name kept (pinned)"
        );
        Ok(())
    }

    /// Breaks the registration date of one code in the copy's generated
    /// code, checks that the crate's tests fail, and restores the file.
    fn tests_notice_a_broken_generator(&mut self) -> Result<(), Failure> {
        let step = "(h) a generated file with a wrong registration date";
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
    // The copy is a repository of its own, as the workflow's checkout is:
    // each sync commits its change on the branch.
    for args in [
        &["init", "--quiet", "--initial-branch", "main"][..],
        &["add", "--all"],
        &[
            "-c",
            "user.name=drill",
            "-c",
            "user.email=drill@localhost",
            "commit",
            "--quiet",
            "--message",
            "the workspace before the drill",
        ],
    ] {
        git(&copy, args).map_err(|e| setup("make the copy a git repository", e))?;
    }
    let server = Server::start().map_err(|e| setup("start the loopback server", e.to_string()))?;
    let _ = writeln!(out, "drill: the syncs download from {}", server.url);
    let mut drill = Drill {
        copy,
        target,
        dir: options.dir.clone(),
        server,
        checks: options.checks,
        out,
    };

    for (index, step) in steps.iter().enumerate() {
        let _ = writeln!(drill.out, "{}", step.name);
        let fail = |check: &str, detail: String| Failure {
            step: step.name.clone(),
            check: check.to_owned(),
            detail,
        };
        drill.server.serve(step.document.text().as_bytes());
        let before = snapshot_files(&drill.copy);
        let head = git(&drill.copy, &["rev-parse", "HEAD"]).unwrap_or_default();
        let started = Instant::now();
        let (code, log, out_dir) = drill.sync(index);
        let took = seconds(started.elapsed());
        let command = "cargo xtask sync --url URL --commit registry-sync";
        match step.expect {
            Expect::Changed => {
                if code != cli::EXIT_CHANGED {
                    return Err(fail(
                        command,
                        format!("exit status {code}, not 3 (changed)\n{}", tail(&log, 80)),
                    ));
                }
                let _ = writeln!(
                    drill.out,
                    "    ok  {command}: changed, tested, released and committed ({took})"
                );
                drill
                    .changed(step, &log, &out_dir)
                    .map_err(|detail| fail("after the sync", detail))?;
            }
            Expect::Refused | Expect::Current => {
                let (wanted, what) = if step.expect == Expect::Refused {
                    (cli::EXIT_FAILURE, "refused it")
                } else {
                    (cli::EXIT_OK, "found the registry current")
                };
                if code != wanted || (step.expect == Expect::Refused && !log.contains("refusing")) {
                    return Err(fail(
                        command,
                        format!("exit status {code}, not {wanted}\n{}", tail(&log, 40)),
                    ));
                }
                if snapshot_files(&drill.copy) != before
                    || git(&drill.copy, &["rev-parse", "HEAD"]).unwrap_or_default() != head
                {
                    return Err(fail(
                        "every file byte-identical, no commit",
                        "the sync changed files of the copy or committed".into(),
                    ));
                }
                let _ = writeln!(
                    drill.out,
                    "    ok  {command}: {what}, wrote and committed nothing ({took})"
                );
                if step.expect == Expect::Refused {
                    let issue = fs::read_to_string(out_dir.join("issue.md")).unwrap_or_default();
                    let reason = issue
                        .lines()
                        .find(|l| l.contains("refusing"))
                        .unwrap_or_default();
                    if reason.is_empty() {
                        return Err(fail(
                            "the issue's body quotes the refusal",
                            format!("issue.md:\n{}", tail(&issue, 30)),
                        ));
                    }
                    let _ = writeln!(drill.out, "    ok  issue.md quotes: {}", reason.trim());
                }
            }
        }
    }
    if options.checks == Checks::All {
        drill.tests_notice_a_broken_generator()?;
    }
    let _ = writeln!(
        drill.out,
        "drill passed: {} versions in {}",
        steps.len(),
        seconds(started.elapsed())
    );
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
        assert_eq!(steps.len(), 7);
        let base = registry::parse(registry::SNAPSHOT_XML.as_bytes()).unwrap();
        let parsed: Vec<Registry> = steps.iter().map(|s| s.document.parse().unwrap()).collect();
        let count = |r: &Registry| r.registered_codes().count();
        assert_eq!(count(&parsed[0]), count(&base) + 1);
        assert_eq!(count(&parsed[1]), count(&base) + 2);
        assert_eq!(count(&parsed[2]), count(&base) + 2);
        assert_eq!(count(&parsed[4]), count(&base) + 4);
        assert_eq!(count(&parsed[5]), count(&base) + 3);
        assert_eq!(steps[6].document, steps[4].document);
        let dates: Vec<String> = parsed
            .iter()
            .map(|r| r.document_updated.to_string())
            .collect();
        assert!(dates[..6].windows(2).all(|w| w[0] < w[1]), "{dates:?}");
        assert!(dates[0] > base.document_updated.to_string());
        let diff = registry::diff(&parsed[1], &parsed[2]);
        assert_eq!(diff.changed.len(), 2, "{diff:?}");
        let diff = registry::diff(&parsed[2], &parsed[3]);
        assert_eq!(diff.changed.len(), 1, "{diff:?}");
        let diff = registry::diff(&parsed[4], &parsed[5]);
        assert_eq!(diff.removed.len(), 1);
    }

    #[test]
    fn every_record_changes_every_field_of_every_code() {
        let steps = plan_steps(registry::SNAPSHOT_XML).unwrap();
        let before = steps[3].document.parse().unwrap();
        let after = steps[4].document.parse().unwrap();
        let diff = registry::diff(&before, &after);
        assert_eq!(diff.added.len(), 2, "{diff:?}");
        let ranges: Vec<u16> = diff.added.iter().map(|r| r.span.start / 1000).collect();
        assert!(ranges.contains(&1) || ranges.contains(&2), "{ranges:?}");
        assert!(ranges.contains(&3), "{ranges:?}");
        assert_eq!(diff.changed.len(), before.registered_codes().count());
        for record in before.registered_codes() {
            let value = record.span.start;
            let new = after.record_for(value).unwrap();
            assert_ne!(new.description, record.description, "{value}");
            assert_ne!(new.contact, record.contact, "{value}");
            assert_ne!(new.updated, record.updated, "{value}");
            if record.date.is_some() {
                assert!(new.date > record.date, "{value}");
            }
            // One reference removed, one added.
            assert_eq!(
                new.references.len(),
                record.references.len().max(1),
                "{value}"
            );
            for old in record.references.iter().take(1) {
                assert!(!new.references.contains(old), "{value}");
            }
            assert!(
                new.references
                    .iter()
                    .any(|r| !record.references.contains(r)),
                "{value}"
            );
        }
    }
}
