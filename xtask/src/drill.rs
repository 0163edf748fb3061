//! `cargo xtask drill`: proves that IANA's next registry versions need no
//! hand edit, by syncing a git copy of the workspace (in `DIR/workspace`,
//! building into `DIR/target`) against versions served on loopback:
//! (a)-(e) changed versions must exit 3 and be committed, (f) a stale copy
//! must be refused, (g) must find the registry current, and (h) a wrong
//! registration date must fail the crate's tests.

use std::fmt::Display;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ws_close_codes_registry::Date;

use crate::cli::{self, EXIT_CHANGED, EXIT_FAILURE, EXIT_OK};
use crate::document::Document;
use crate::{git, regen, sync};

/// The branch the syncs commit to, as the workflow's does.
const BRANCH: &str = "registry-sync";

/// The arguments of `cargo xtask drill`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Args {
    /// The syncs in this process without their cargo commands: seconds.
    #[arg(long)]
    pub quick: bool,
    /// Where the copy and its build go (default: TARGET/drill).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// What makes a version from the one before, given the new version's date.
type Edit<'a> = dyn Fn(Document, &str) -> Result<Document, String> + 'a;

/// The words of `text`, for commands written as one string.
fn words(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

/// The first of the month `months` after `date`.
fn months_after(date: Date, months: u16) -> String {
    let index = u32::from(date.year) * 12 + u32::from(date.month) - 1 + u32::from(months);
    format!("{:04}-{:02}-01", index / 12, index % 12 + 1)
}

/// (e): every registered code changed at once, as IANA could: description
/// reworded, first reference replaced, contact changed (to a new person or
/// plain text, by turns), dates moved; and `low` and `high` registered.
fn every_record(base: Document, date: &str, [low, high]: [u16; 2]) -> Result<Document, String> {
    let registry = base.parse()?;
    let person = format!("Steward_{}", date.replace('-', "_"));
    let sam = ("Sam Steward", "mailto:sam&example.org");
    let mut doc = base.add_person(&person, sam.0, sam.1, date)?;
    for (index, record) in registry.registered_codes().enumerate() {
        let (value, old) = (record.span.start, &record.references);
        let reworded = format!("{} (revised by IANA on {date})", record.description);
        doc = doc.reword(value, &reworded)?;
        if let Some(first) = old.first() {
            doc = doc.remove_reference(value, &first.data)?;
        }
        let rfcs = (9000 + u32::from(value % 1000)..).step_by(1000);
        let mut rfcs = rfcs.map(|n| format!("rfc{n}"));
        let rfc = rfcs.find(|data| old.iter().all(|r| r.data != *data));
        let uri = format!("https://example.org/close-codes/{value}/{date}");
        let kind = if value < 3000 { "rfc" } else { "uri" };
        let data = rfc.filter(|_| value < 3000).unwrap_or(uri);
        doc = doc.add_reference(value, kind, &data)?;
        let before = record.contact.as_ref();
        let before = before.map_or("no one", |c| c.display_name());
        let (plain, turn) = (format!("{before}, now through IANA"), index % 2 == 0);
        doc = doc.contact(value, if turn { &person } else { &plain }, turn)?;
        let first = record.date.map(|d| months_after(d, 1));
        doc = doc.redate(value, first.as_deref(), date)?;
    }
    let rfc = [("rfc", "rfc9998")];
    let doc = doc.register(low, "Handshake Timeout", date, Some(&person), &rfc)?;
    doc.register(high, "Quota Exceeded", date, None, &[])
}

/// The versions (a)-(f), each made from the one before a month later, and
/// (g), which is (e): name, document and the exit status of its sync.
fn plan_steps(snapshot: &str) -> Result<Vec<(String, Document, i32)>, String> {
    let base = Document::new(snapshot);
    let registry = base.parse()?;
    let codes = || registry.registered_codes();
    let free = |range: std::ops::RangeInclusive<u16>, keep: &dyn Fn(u16) -> bool| {
        let unassigned = |v: u16| registry.record_for(v).is_some_and(|r| !r.is_assigned());
        let (first, last) = (range.start(), range.end());
        let found = range.clone().find(|&v| keep(v) && unassigned(v));
        found.ok_or(format!("no unassigned value left in {first}-{last}"))
    };
    let none = "the snapshot registers no code";
    let highest = codes().map(|r| r.span.start).max().ok_or(none)?;
    let a = free(3000..=3999, &|_| true)?;
    let b = free(1000..=2999, &|v| v < highest)?;
    let low = free(1000..=2999, &|v| v != b)?;
    let high = free(3000..=3999, &|v| v != a)?;
    // Each new text is made from the old one, so it always differs.
    let reworded = codes().next().ok_or(none)?;
    let moved = codes().filter(|r| !r.references.is_empty() && r.span != reworded.span);
    let other = "no other registered code has a reference";
    let moved = moved.last().ok_or(other)?;
    let (c, m, old) = (reworded.span.start, moved.span.start, &moved.references[0]);
    let refused = format!("{} (an extension was refused)", reworded.description);
    let moved_to = format!("{}-moved/", old.data.trim_end_matches('/'));
    let contacts = codes().filter_map(|r| Some((r.span.start, r.contact.as_ref()?)));
    let no_contact = "no registered code has a contact";
    let (d, contact) = contacts.max_by_key(|c| c.0).ok_or(no_contact)?;
    let plain = format!("{}, by e-mail to IANA", contact.display_name());
    let person = format!("Registrant_{a}");
    let robin = ("Robin Registrant", "mailto:robin&example.org");
    let long = "The server closed the session because the credentials it was opened with have \
                expired; the client should authenticate again before it reconnects.";
    let rfc = [("rfc", "rfc9999")];
    let rows: [(String, &Edit); 5] = [
        (
            format!("(a) a new 3000-3999 code ({a}) with a long description and a new person"),
            &|doc, date| {
                let doc = doc.add_person(&person, robin.0, robin.1, date)?;
                doc.register(a, long, date, Some(&person), &[])
            },
        ),
        (
            format!("(b) a new 1000-2999 code ({b}) with an RFC reference, below registered codes"),
            &|doc, date| doc.register(b, "Session Expired", date, Some(&person), &rfc),
        ),
        (
            format!("(c) a reworded description ({c}) and a moved reference ({m})"),
            &|doc, _| {
                let doc = doc.reword(c, &refused)?.remove_reference(m, &old.data)?;
                doc.add_reference(m, old.kind.as_str(), &moved_to)
            },
        ),
        (
            format!("(d) the contact of {d} changed from a person to plain text"),
            &|doc, _| doc.contact(d, &plain, false),
        ),
        (
            format!("(e) every record changed at once, and new codes {low} and {high}"),
            &|doc, date| every_record(doc, date, [low, high]),
        ),
    ];
    let (mut document, mut steps) = (base.clone(), Vec::new());
    let date = |months| months_after(registry.document_updated, months);
    for (months, (name, edit)) in (1..).zip(rows) {
        document = edit(document, &date(months))?.updated(&date(months));
        steps.push((name, document.clone(), EXIT_CHANGED));
    }
    let stale = document.clone().without(b)?.updated(&date(6));
    let name = format!("(f) a stale copy that lacks {b}");
    steps.push((name, stale, EXIT_FAILURE));
    let again = "(g) the same document as (e) again".to_owned();
    steps.push((again, document, EXIT_OK));
    Ok(steps)
}

/// Copies the files git tracks or would track in `from` to a new repository `to`.
fn copy_workspace(from: &Path, to: &Path) -> Result<usize, String> {
    let list = words("ls-files -z --cached --others --exclude-standard");
    let listed = git(from, &list)?;
    let is_file = |f: &&str| from.join(f).is_file();
    let files: Vec<&str> = listed.split('\0').filter(is_file).collect();
    let io = |e: std::io::Error| format!("{}: {e}", to.display());
    if to.exists() {
        fs::remove_dir_all(to).map_err(io)?;
    }
    for file in &files {
        fs::create_dir_all(to.join(file).parent().unwrap_or(to)).map_err(io)?;
        fs::copy(from.join(file), to.join(file)).map_err(io)?;
    }
    git(to, &words("init --quiet --initial-branch main"))?;
    git(to, &words("add --all"))?;
    let mut commit = words("-c user.name=drill -c user.email=drill@localhost commit --quiet -m");
    commit.push("the workspace before the drill");
    git(to, &commit)?;
    Ok(files.len())
}

/// The copy's commit and file states: what a refused or current sync must keep.
fn state(copy: &Path) -> Result<String, String> {
    let status = words("status --porcelain --ignored --untracked-files=all");
    Ok(git(copy, &["rev-parse", "HEAD"])? + &git(copy, &status)?)
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// What turns an error of `check` at `step` into the drill's failure.
fn failed<E: Display>(step: &str, check: &str) -> impl FnOnce(E) -> String {
    let what = format!("drill failed at step {step}: {check}");
    move |e| format!("{what}\n{e}")
}

/// Serves the document it holds to every request on 127.0.0.1; returns the URL.
fn serve(document: Arc<Mutex<Vec<u8>>>) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let body = document.lock().map(|d| d.clone()).unwrap_or_default();
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
            let request = BufReader::new(&stream).lines().map_while(Result::ok);
            let _ = request.take_while(|line| !line.is_empty()).count();
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(&[head.as_bytes(), &body].concat());
        }
    });
    let path = "assignments/websocket/websocket.xml";
    Ok(format!("http://{address}/{path}"))
}

/// The drill under way: `DIR`, `--quick`, the copy, the URL and the output.
struct Drill<'a> {
    dir: PathBuf,
    quick: bool,
    copy: PathBuf,
    url: String,
    out: &'a mut dyn Write,
}

impl Drill<'_> {
    /// Prints `ok` if `passed`, else fails with `failure`.
    fn require(&mut self, passed: bool, ok: impl Display, failure: String) -> Result<(), String> {
        let _ = passed.then(|| writeln!(self.out, "    ok  {ok}"));
        passed.then_some(()).ok_or(failure)
    }

    /// `cargo ARGS` in the copy, building into `DIR/target`: status and output.
    fn cargo(&self, args: &[&str]) -> std::io::Result<(ExitStatus, String)> {
        let mut command = Command::new(crate::cargo());
        command.args(args).current_dir(&self.copy);
        command.env("CARGO_TARGET_DIR", self.dir.join("target"));
        command.env("CARGO_TERM_COLOR", "never");
        if args[0] != "xtask" {
            command.env("RUSTDOCFLAGS", "-D warnings");
        }
        let output = command.output()?;
        let (out, err) = (&output.stdout, &output.stderr);
        let text = String::from_utf8_lossy(out) + String::from_utf8_lossy(err);
        Ok((output.status, text.into()))
    }

    /// Step `index`: the sync of the copy against the served document,
    /// writing to `DIR/sync-INDEX`, must exit `expect`, then leave what
    /// [`Self::changed`] checks, or (f) and (g) nothing written or committed
    /// and (f)'s issue quoting the refusal. The full drill runs `cargo xtask
    /// sync`, whose errors are the log if it never started.
    fn step(&mut self, index: usize, name: &str, expect: i32) -> Result<(), String> {
        let before = state(&self.copy).map_err(failed(name, "git status"))?;
        let out_dir = self.dir.join(format!("sync-{index}"));
        let _ = fs::remove_dir_all(&out_dir);
        let (code, cargo_output) = if self.quick {
            let (url, out) = (Some(self.url.clone()), Some(out_dir.clone()));
            let commit = Some(BRANCH.into());
            let args = sync::Args { url, out, commit };
            let code = sync::run(&args, &self.copy, false, &mut std::io::sink());
            (code, String::new())
        } else {
            let (mut args, out) = (words("xtask sync --url"), out_dir.display().to_string());
            args.extend([&self.url, "--commit", BRANCH, "--out", &out]);
            match self.cargo(&args) {
                Ok((status, text)) => (status.code().unwrap_or(EXIT_FAILURE), text),
                Err(e) => (EXIT_FAILURE, format!("cannot run cargo: {e}")),
            }
        };
        let log = fs::read_to_string(out_dir.join("log.txt")).unwrap_or(cargo_output);
        let command = "cargo xtask sync --url URL --commit registry-sync";
        let (ok, detail) = (format!("{command}: exit status {code}"), tail(&log, 80));
        let failure = format!("exit status {code}, not {expect}\n{detail}");
        (self.require(code == expect, ok, failure)).map_err(failed(name, command))?;
        let after = || failed(name, "after the sync");
        if expect == EXIT_CHANGED {
            return self.changed(name, &log, &out_dir).map_err(after());
        }
        let now = state(&self.copy).map_err(after())?;
        let failure = format!("the sync changed the copy or committed:\n{now}");
        let unchanged = self.require(now == before, "wrote and committed nothing", failure);
        unchanged.map_err(after())?;
        if expect == EXIT_FAILURE {
            let issue = fs::read_to_string(out_dir.join("issue.md")).unwrap_or_default();
            let reason = issue.lines().find(|l| l.contains("refusing"));
            let ok = format!("issue.md quotes: {}", reason.unwrap_or_default().trim());
            let failure = format!("issue.md does not quote the refusal:\n{}", tail(&issue, 30));
            self.require(reason.is_some(), ok, failure)
                .map_err(after())?;
        }
        Ok(())
    }

    /// What a changed version must leave: the commit titled as the report,
    /// `CHANGELOG.md` naming each new code, (e)'s names kept; then the checks.
    fn changed(&mut self, name: &str, log: &str, out_dir: &Path) -> Result<(), String> {
        let report = fs::read_to_string(out_dir.join("report.md"));
        let report = report.map_err(|e| format!("report.md: {e}"))?;
        let title = sync::title(&report);
        let subject = git(&self.copy, &["log", "-1", "--format=%s", BRANCH])?;
        let passed = report.contains("\n## Release\n") && subject.trim() == title;
        let (ok, end) = (format!("committed on {BRANCH}: {title}"), tail(&report, 20));
        let failure = format!("the commit on {BRANCH} is {subject:?}, the report:\n{end}");
        self.require(passed, ok, failure)?;
        let summary = "added:,changed:,removed:,new identifier:,IANA reworded";
        let shown = |l: &&str| summary.split(',').any(|s| l.starts_with(s));
        for line in log.lines().filter(shown) {
            let _ = writeln!(self.out, "        {line}");
        }
        let release = report.split("\n```text\n").last().unwrap_or_default();
        for line in release.trim_end_matches("```\n").lines() {
            let _ = writeln!(self.out, "        release: {line}");
        }
        let changelog = fs::read_to_string(self.copy.join("CHANGELOG.md"));
        let changelog = changelog.map_err(|e| format!("CHANGELOG.md: {e}"))?;
        let new = log.lines();
        let new = new.filter_map(|l| l.strip_prefix("new identifier: "));
        for (value, variant) in new.filter_map(|l| l.split_once(" -> ")) {
            let names = |l: &str| l.contains(&format!("`{variant}`")) && l.contains(value);
            let named = format!("names {value} as `{variant}`");
            let failure = format!("CHANGELOG.md has no line that {named}");
            let found = changelog.lines().any(names);
            self.require(found, format!("CHANGELOG.md {named}"), failure)?;
        }
        let reworded = log.lines().filter(|l| l.starts_with("changed: "));
        let reworded = reworded.filter(|l| l.contains("description")).count();
        let kept = log.lines().filter(|l| l.starts_with("IANA reworded "));
        let kept = kept.count();
        if name.starts_with("(e)") {
            let ok = format!("{kept} descriptions reworded, every name kept (pinned)");
            let lines = format!("{kept} lines 'IANA reworded ...; name kept (pinned)'");
            let failure = format!("{reworded} codes reworded, {lines}");
            self.require(reworded > 0 && kept == reworded, ok, failure)?;
        }
        let (code, text) = cli::run_captured(&["regen".into(), "--check".into()], &self.copy);
        let failure = format!("cargo xtask regen --check\n{}", tail(&text, 60));
        self.require(code == EXIT_OK, "cargo xtask regen --check", failure)?;
        let clippy = "clippy --workspace --all-targets --locked -- -D warnings";
        for args in [clippy, "doc --workspace --no-deps --locked"] {
            if !self.quick {
                let started = Instant::now();
                let run = self.cargo(&words(args));
                let (status, text) = run.map_err(|e| format!("cargo {args}: {e}"))?;
                let took = started.elapsed().as_secs_f64();
                let ok = format!("cargo {args} ({took:.1} s)");
                let failure = format!("cargo {args}: {status}\n{}", tail(&text, 60));
                self.require(status.success(), ok, failure)?;
            }
        }
        Ok(())
    }

    /// (h): a wrong registration date in `generated.rs` must fail the crate's tests.
    fn tests_notice_a_broken_generator(&mut self) -> Result<(), String> {
        let path = self.copy.join(regen::GENERATED);
        let io = |e: std::io::Error| format!("{}: {e}", path.display());
        let original = fs::read_to_string(&path).map_err(io)?;
        let marker = "registered_on: Some(\"";
        let missing = "generated.rs has no registration date";
        let at = original.find(marker).ok_or(missing)? + marker.len();
        // 2000-01-01 is earlier than any registration.
        let mut broken = original.clone();
        broken.replace_range(at..at + "YYYY-MM-DD".len(), "2000-01-01");
        fs::write(&path, &broken).map_err(io)?;
        let test = "test -p ws-close-codes --locked --test registry";
        let run = self.cargo(&words(test));
        fs::write(&path, &original).map_err(io)?;
        let failed = run.is_ok_and(|(status, _)| !status.success());
        let ok = format!("cargo {test} fails, as it must");
        let failure = format!("cargo {test} passed with a wrong date in generated.rs");
        self.require(failed, ok, failure)
    }
}

/// Runs the drill, printing its progress to `out`; the error names the
/// `STEP: CHECK` that failed, with the end of its output on the next lines.
pub fn run(args: &Args, root: &Path, out: &mut dyn Write) -> Result<(), String> {
    let dir = (args.dir.clone()).unwrap_or_else(|| crate::target_dir(root).join("drill"));
    let started = Instant::now();
    let snapshot = fs::read_to_string(root.join(regen::SNAPSHOT));
    let snapshot = snapshot.map_err(failed("setup", "read the snapshot"))?;
    let steps = plan_steps(&snapshot).map_err(failed("setup", "build the later versions"))?;
    let copy = dir.join("workspace");
    let count = copy_workspace(root, &copy).map_err(failed("setup", "copy the workspace"))?;
    let document = Arc::new(Mutex::new(Vec::new()));
    let url = serve(Arc::clone(&document)).map_err(failed("setup", "serve on loopback"))?;
    let copied = format!("{count} files copied to {}", copy.display());
    let _ = writeln!(out, "drill: {copied}; the syncs download from {url}");
    let mut drill = Drill {
        dir,
        quick: args.quick,
        copy,
        url,
        out,
    };
    for (index, (name, version, expect)) in steps.iter().enumerate() {
        let _ = writeln!(drill.out, "{name}");
        *document.lock().expect("the server does not panic") = version.text().as_bytes().to_vec();
        drill.step(index, name, *expect)?;
    }
    if !args.quick {
        let step = "(h) a generated file with a wrong registration date";
        let _ = writeln!(drill.out, "{step}");
        let broken = drill.tests_notice_a_broken_generator();
        broken.map_err(failed(step, "the crate's tests fail"))?;
    }
    let (took, count) = (started.elapsed().as_secs_f64(), steps.len());
    let _ = writeln!(drill.out, "drill passed: {count} versions in {took:.1} s");
    Ok(())
}
