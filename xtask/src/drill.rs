//! `cargo xtask drill`: proves that IANA's next registry versions need no
//! hand edit, by syncing a git copy of the workspace (in `DIR/workspace`,
//! building into `DIR/target`) against versions served on loopback:
//! (a)-(e) changed versions must exit 3 and be committed, (f) a stale copy
//! must be refused, (g) must find the registry current, and (h) a wrong
//! registration date must fail the crate's tests.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ws_close_codes_registry::{Date, Registry};

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

/// Runs `cargo xtask drill` as `args` say; returns the exit status.
pub fn execute(args: &Args, root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run(args, root, out) {
        Ok(()) => EXIT_OK,
        Err(failure) => {
            let _ = writeln!(err, "error: drill failed at step {failure}");
            EXIT_FAILURE
        }
    }
}

/// One later version of the registry and its sync's exit status.
struct Step {
    name: String,
    document: Document,
    expect: i32,
}

/// The first unassigned value of `range` in `registry`, below `below`.
fn free(
    registry: &Registry,
    range: std::ops::RangeInclusive<u16>,
    below: u16,
) -> Result<u16, String> {
    let (first, last) = (range.start(), range.end());
    (range.clone().filter(|&v| v < below))
        .find(|&v| registry.record_for(v).is_some_and(|r| !r.is_assigned()))
        .ok_or_else(|| format!("no unassigned value left in {first}-{last}"))
}

/// The first of the month `months` after `date`.
fn months_after(date: Date, months: u16) -> String {
    let index = u32::from(date.year) * 12 + u32::from(date.month) - 1 + u32::from(months);
    format!("{:04}-{:02}-01", index / 12, index % 12 + 1)
}

/// (e): every registered code changed at once, as IANA could in one
/// revision: each description reworded, the first reference removed and a
/// new one added, the contact changed (to a new person or to plain text, by
/// turns), the dates moved; and a code registered in 1000-2999 and in
/// 3000-3999. Returns the document and the new codes.
fn every_record(base: Document, date: &str) -> Result<(Document, [u16; 2]), String> {
    let registry = base.parse()?;
    let person = format!("Steward_{}", date.replace('-', "_"));
    let mut document = base.add_person(&person, "Sam Steward", "mailto:sam&example.org", date)?;
    for (index, record) in registry.registered_codes().enumerate() {
        let value = record.span.start;
        let reworded = format!("{} (revised by IANA on {date})", record.description);
        document = document.reword(value, &reworded)?;
        if let Some(first) = record.references.first() {
            document = document.remove_reference(value, &first.data)?;
        }
        let cited = |data: &String| record.references.iter().any(|r| r.data == *data);
        let mut rfc =
            (0..).map(|n: u32| format!("rfc{}", 9000 + u32::from(value % 1000) + n * 1000));
        document = if value < 3000 {
            document.add_reference(value, "rfc", &rfc.find(|d| !cited(d)).unwrap_or_default())
        } else {
            document.add_reference(
                value,
                "uri",
                &format!("https://example.org/close-codes/{value}/{date}"),
            )
        }?;
        document = if index % 2 == 0 {
            document.contact(value, &person, true)
        } else {
            let before = record
                .contact
                .as_ref()
                .map_or("no one", |c| c.display_name());
            document.contact(value, &format!("{before}, now through IANA"), false)
        }?;
        document = document.redate(
            value,
            record.date.map(|d| months_after(d, 1)).as_deref(),
            date,
        )?;
    }
    let (low, high) = (
        free(&registry, 1000..=2999, u16::MAX)?,
        free(&registry, 3000..=3999, u16::MAX)?,
    );
    let document = (document.register(
        low,
        "Handshake Timeout",
        date,
        Some(&person),
        &[("rfc", "rfc9998")],
    ))
    .and_then(|d| d.register(high, "Quota Exceeded", date, None, &[]))?;
    Ok((document.updated(date), [low, high]))
}

/// The versions (a)-(g), each made from the one before.
fn plan_steps(snapshot: &str) -> Result<Vec<Step>, String> {
    let base = Document::new(snapshot);
    let registry = base.parse()?;
    let later = |months| months_after(registry.document_updated, months);
    let step = |name: String, document: &Document, expect| Step {
        name,
        document: document.clone(),
        expect,
    };

    let a_value = free(&registry, 3000..=3999, u16::MAX)?;
    let person = format!("Registrant_{a_value}");
    let long = "The server closed the session because the credentials it was opened with have \
                expired; the client should authenticate again before it reconnects.";
    let a = (base.clone().add_person(
        &person,
        "Robin Registrant",
        "mailto:robin&example.org",
        &later(1),
    ))
    .and_then(|d| d.register(a_value, long, &later(1), Some(&person), &[]))?
    .updated(&later(1));

    let highest = registry
        .registered_codes()
        .map(|r| r.span.start)
        .max()
        .ok_or("the snapshot registers no code")?;
    let b_value = free(&registry, 1000..=2999, highest)?;
    let b = (a.clone().register(
        b_value,
        "Session Expired",
        &later(2),
        Some(&person),
        &[("rfc", "rfc9999")],
    ))?
    .updated(&later(2));

    // Each new text is made from the old one, so it always differs.
    let reworded = registry
        .registered_codes()
        .next()
        .ok_or("the snapshot registers no code")?;
    let moved = (registry.registered_codes())
        .filter(|r| !r.references.is_empty() && r.span != reworded.span)
        .last()
        .ok_or("no other registered code has a reference")?;
    let (old, kind) = (&moved.references[0].data, moved.references[0].kind.as_str());
    let c = (b.clone().reword(
        reworded.span.start,
        &format!("{} (an extension was refused)", reworded.description),
    ))
    .and_then(|d| d.remove_reference(moved.span.start, old))
    .and_then(|d| {
        d.add_reference(
            moved.span.start,
            kind,
            &format!("{}-moved/", old.trim_end_matches('/')),
        )
    })?
    .updated(&later(3));

    let (d_value, d_contact) = (registry.registered_codes())
        .filter_map(|r| Some((r.span.start, r.contact.as_ref()?.display_name())))
        .max()
        .ok_or("no registered code has a contact")?;
    let d = (c
        .clone()
        .contact(d_value, &format!("{d_contact}, by e-mail to IANA"), false))?
    .updated(&later(4));
    let (e, [low, high]) = every_record(d.clone(), &later(5))?;
    let f = e.clone().without(b_value)?.updated(&later(6));
    Ok(vec![
        step(format!("(a) a new 3000-3999 code ({a_value}) with a long description and a new person"), &a, EXIT_CHANGED),
        step(format!("(b) a new 1000-2999 code ({b_value}) with an RFC reference, below registered codes"), &b, EXIT_CHANGED),
        step(format!("(c) a reworded description ({}) and a moved reference ({})", reworded.span.start, moved.span.start), &c, EXIT_CHANGED),
        step(format!("(d) the contact of {d_value} changed from a person to plain text"), &d, EXIT_CHANGED),
        step(format!("(e) every record changed at once, and new codes {low} and {high}"), &e, EXIT_CHANGED),
        step(format!("(f) a stale copy that lacks {b_value}"), &f, EXIT_FAILURE),
        step("(g) the same document as (e) again".to_owned(), &e, EXIT_OK),
    ])
}

/// Copies the files of `from` that git tracks or would track to `to`
/// (emptied first), and makes `to` a repository with them committed.
fn copy_workspace(from: &Path, to: &Path) -> Result<usize, String> {
    let listed = git(
        from,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    )?;
    let files: Vec<&str> = listed
        .split('\0')
        .filter(|f| from.join(f).is_file())
        .collect();
    let io = |e: std::io::Error| format!("{}: {e}", to.display());
    if to.exists() {
        fs::remove_dir_all(to).map_err(io)?;
    }
    for file in &files {
        fs::create_dir_all(to.join(file).parent().unwrap_or(to)).map_err(io)?;
        fs::copy(from.join(file), to.join(file)).map_err(io)?;
    }
    git(to, &["init", "--quiet", "--initial-branch", "main"])?;
    git(to, &["add", "--all"])?;
    let identity = ["-c", "user.name=drill", "-c", "user.email=drill@localhost"];
    let commit = [
        "commit",
        "--quiet",
        "--message",
        "the workspace before the drill",
    ];
    git(to, &[&identity[..], &commit].concat())?;
    Ok(files.len())
}

/// The state of the copy's files and its commit: what a refused or current
/// sync must leave as it was.
fn state(copy: &Path) -> Result<String, String> {
    let files = git(
        copy,
        &[
            "status",
            "--porcelain",
            "--ignored",
            "--untracked-files=all",
        ],
    )?;
    Ok(git(copy, &["rev-parse", "HEAD"])? + &files)
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Serves the document it holds at the time to every request on
/// 127.0.0.1, as IANA serves its registry; returns the URL.
fn serve(document: Arc<Mutex<Vec<u8>>>) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!(
        "http://{}/assignments/websocket/websocket.xml",
        listener.local_addr()?
    );
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let body = document.lock().map(|d| d.clone()).unwrap_or_default();
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
            let (mut head, mut buffer) = (Vec::new(), [0u8; 1024]);
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(read) => head.extend_from_slice(&buffer[..read]),
                }
            }
            let length = body.len();
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");
            let _ = stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(&body));
        }
    });
    Ok(url)
}

struct Drill<'a> {
    /// `DIR`: the copy, its build output and the syncs' output.
    dir: PathBuf,
    /// Without cargo commands: the syncs in this process.
    quick: bool,
    copy: PathBuf,
    url: String,
    out: &'a mut dyn Write,
}

impl Drill<'_> {
    /// `cargo ARGS` in the copy, building into its own target directory.
    fn cargo(&self, args: &[&str]) -> Command {
        let mut command = Command::new(crate::cargo());
        command
            .args(args)
            .current_dir(&self.copy)
            .stdin(Stdio::null());
        command
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env("CARGO_TERM_COLOR", "never");
        command
    }

    /// `cargo ARGS` (words) in the copy, rustdoc's warnings denied too;
    /// `Err` with the end of its output.
    fn check(&mut self, args: &str) -> Result<(), String> {
        let started = Instant::now();
        let words: Vec<&str> = args.split(' ').collect();
        let output = self
            .cargo(&words)
            .env("RUSTDOCFLAGS", "-D warnings")
            .output();
        let output = output.map_err(|e| format!("cargo {args}: {e}"))?;
        if !output.status.success() {
            let text =
                String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
            return Err(format!(
                "cargo {args}: {}\n{}",
                output.status,
                tail(&text, 60)
            ));
        }
        let took = started.elapsed().as_secs_f64();
        let _ = writeln!(self.out, "    ok  cargo {args} ({took:.1} s)");
        Ok(())
    }

    /// The sync of the copy against the served document, writing to
    /// `DIR/sync-INDEX`: its exit status, log and directory.
    fn sync(&mut self, index: usize) -> (i32, String, PathBuf) {
        let out_dir = self.dir.join(format!("sync-{index}"));
        let _ = fs::remove_dir_all(&out_dir);
        // With every check, `cargo xtask sync` itself; cargo's own output is
        // the log when the sync never started.
        let (code, cargo_output) = if !self.quick {
            let out = out_dir.display().to_string();
            let args = [
                "xtask", "sync", "--url", &self.url, "--commit", BRANCH, "--out", &out,
            ];
            match self.cargo(&args).output() {
                Ok(o) => (
                    o.status.code().unwrap_or(EXIT_FAILURE),
                    String::from_utf8_lossy(&o.stderr).into(),
                ),
                Err(e) => (EXIT_FAILURE, format!("cannot run cargo: {e}")),
            }
        } else {
            let args = sync::Args {
                url: Some(self.url.clone()),
                out: Some(out_dir.clone()),
                commit: Some(BRANCH.to_owned()),
            };
            let code = sync::run(&args, &self.copy, false, &mut std::io::sink());
            (code, String::new())
        };
        let log = fs::read_to_string(out_dir.join("log.txt")).unwrap_or(cargo_output);
        (code, log, out_dir)
    }

    /// What a changed version must leave: the commit titled as the report,
    /// `CHANGELOG.md` naming each new code, (e)'s names kept; then the checks.
    fn changed(&mut self, step: &Step, log: &str, out_dir: &Path) -> Result<(), String> {
        let report =
            fs::read_to_string(out_dir.join("report.md")).map_err(|e| format!("report.md: {e}"))?;
        let (title, subject) = (
            sync::title(&report),
            git(&self.copy, &["log", "-1", "--format=%s", BRANCH])?,
        );
        if !report.contains("\n## Release\n") || subject.trim() != title {
            return Err(format!(
                "the commit on {BRANCH} is {subject:?}, the report:\n{}",
                tail(&report, 20)
            ));
        }
        let _ = writeln!(self.out, "    ok  committed on {BRANCH}: {title}");
        let summary = [
            "added:",
            "changed:",
            "removed:",
            "new identifier:",
            "IANA reworded",
        ];
        let release = report
            .split("\n```text\n")
            .last()
            .unwrap_or_default()
            .trim_end_matches("```\n");
        for line in log
            .lines()
            .filter(|l| summary.iter().any(|s| l.starts_with(s)))
        {
            let _ = writeln!(self.out, "        {line}");
        }
        for line in release.lines() {
            let _ = writeln!(self.out, "        release: {line}");
        }
        let changelog = fs::read_to_string(self.copy.join("CHANGELOG.md"))
            .map_err(|e| format!("CHANGELOG.md: {e}"))?;
        for (value, variant) in log
            .lines()
            .filter_map(|l| l.strip_prefix("new identifier: ")?.split_once(" -> "))
        {
            if !changelog
                .lines()
                .any(|l| l.contains(&format!("`{variant}`")) && l.contains(value))
            {
                return Err(format!(
                    "CHANGELOG.md has no line that names {value} as `{variant}`"
                ));
            }
            let _ = writeln!(
                self.out,
                "    ok  CHANGELOG.md names {value} as `{variant}`"
            );
        }
        if step.name.starts_with("(e)") {
            let changed = (log.lines().filter_map(|l| l.strip_prefix("changed: ")))
                .filter(|l| l.contains("description"));
            let (reworded, kept) = (
                changed.count(),
                log.lines()
                    .filter(|l| l.starts_with("IANA reworded "))
                    .count(),
            );
            if reworded == 0 || kept != reworded {
                return Err(format!("{reworded} codes reworded, {kept} lines 'IANA reworded ...; name kept (pinned)'"));
            }
            let _ = writeln!(
                self.out,
                "    ok  {kept} descriptions reworded, every name kept (pinned)"
            );
        }
        let (code, text) = cli::run_captured(&["regen".into(), "--check".into()], &self.copy);
        if code != EXIT_OK {
            return Err(format!("cargo xtask regen --check\n{}", tail(&text, 60)));
        }
        let _ = writeln!(self.out, "    ok  cargo xtask regen --check");
        if !self.quick {
            self.check("clippy --workspace --all-targets --locked -- -D warnings")?;
            self.check("doc --workspace --no-deps --locked")?;
        }
        Ok(())
    }

    /// (f) and (g): the sync wrote and committed nothing, and (f)'s issue
    /// quotes the refusal.
    fn unchanged(&mut self, step: &Step, before: &str, out_dir: &Path) -> Result<(), String> {
        let after = state(&self.copy)?;
        if after != before {
            return Err(format!("the sync changed the copy or committed:\n{after}"));
        }
        let _ = writeln!(self.out, "    ok  wrote and committed nothing");
        if step.expect == EXIT_FAILURE {
            let issue = fs::read_to_string(out_dir.join("issue.md")).unwrap_or_default();
            let reason = issue.lines().find(|l| l.contains("refusing"));
            let reason = reason.ok_or_else(|| {
                format!("issue.md does not quote the refusal:\n{}", tail(&issue, 30))
            })?;
            let _ = writeln!(self.out, "    ok  issue.md quotes: {}", reason.trim());
        }
        Ok(())
    }

    /// (h): a wrong registration date in the copy's `generated.rs` must
    /// make the crate's registry test fail; the file is restored.
    fn tests_notice_a_broken_generator(&mut self) -> Result<(), String> {
        let path = self.copy.join(regen::GENERATED);
        let original = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let marker = "registered_on: Some(\"";
        let at = original
            .find(marker)
            .ok_or("generated.rs has no registration date")?
            + marker.len();
        // 2000-01-01 is earlier than any registration.
        let mut broken = original.clone();
        broken.replace_range(at..at + "YYYY-MM-DD".len(), "2000-01-01");
        fs::write(&path, &broken).map_err(|e| format!("{}: {e}", path.display()))?;
        let test = [
            "test",
            "-p",
            "ws-close-codes",
            "--locked",
            "--test",
            "registry",
        ];
        let output = self.cargo(&test).output();
        fs::write(&path, &original).map_err(|e| format!("{}: {e}", path.display()))?;
        match output {
            Ok(output) if !output.status.success() => {
                let _ = writeln!(self.out, "    ok  cargo test -p ws-close-codes --test registry fails, as it must");
                Ok(())
            }
            _ => Err("cargo test -p ws-close-codes --test registry passed with a wrong date in generated.rs".into()),
        }
    }
}

/// Runs the drill, printing its progress to `out`; the error names the
/// `STEP: CHECK` that failed, with the end of its output on the next lines.
pub fn run(args: &Args, root: &Path, out: &mut dyn Write) -> Result<(), String> {
    let dir = (args.dir.clone()).unwrap_or_else(|| crate::target_dir(root).join("drill"));
    let started = Instant::now();
    let failure = |step: &str, check: &str| {
        let (step, check) = (step.to_owned(), check.to_owned());
        move |detail: String| format!("{step}: {check}\n{detail}")
    };
    let snapshot = fs::read_to_string(root.join(regen::SNAPSHOT))
        .map_err(|e| failure("setup", "read the snapshot")(e.to_string()))?;
    let steps = plan_steps(&snapshot).map_err(failure("setup", "build the later versions"))?;
    let copy = dir.join("workspace");
    let count = copy_workspace(root, &copy).map_err(failure("setup", "copy the workspace"))?;
    let document = Arc::new(Mutex::new(Vec::new()));
    let url = serve(Arc::clone(&document))
        .map_err(|e| failure("setup", "serve on loopback")(e.to_string()))?;
    let _ = writeln!(
        out,
        "drill: {count} files copied to {}; the syncs download from {url}",
        copy.display()
    );
    let mut drill = Drill {
        dir,
        quick: args.quick,
        copy,
        url,
        out,
    };
    let command = "cargo xtask sync --url URL --commit registry-sync";
    for (index, step) in steps.iter().enumerate() {
        let _ = writeln!(drill.out, "{}", step.name);
        *document.lock().expect("the server does not panic") =
            step.document.text().as_bytes().to_vec();
        let before = state(&drill.copy).map_err(failure(&step.name, "git status"))?;
        let (code, log, out_dir) = drill.sync(index);
        if code != step.expect {
            let detail = format!(
                "exit status {code}, not {}\n{}",
                step.expect,
                tail(&log, 80)
            );
            return Err(failure(&step.name, command)(detail));
        }
        let _ = writeln!(drill.out, "    ok  {command}: exit status {code}");
        let checked = match step.expect {
            EXIT_CHANGED => drill.changed(step, &log, &out_dir),
            _ => drill.unchanged(step, &before, &out_dir),
        };
        checked.map_err(failure(&step.name, "after the sync"))?;
    }
    if !args.quick {
        let step = "(h) a generated file with a wrong registration date";
        let _ = writeln!(drill.out, "{step}");
        drill
            .tests_notice_a_broken_generator()
            .map_err(failure(step, "the crate's tests fail"))?;
    }
    let took = started.elapsed().as_secs_f64();
    let _ = writeln!(
        drill.out,
        "drill passed: {} versions in {took:.1} s",
        steps.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ws_close_codes_registry::{self as registry, SNAPSHOT_XML};

    #[test]
    fn the_versions_parse_and_change_what_they_say() {
        let steps = plan_steps(SNAPSHOT_XML).unwrap();
        let base = registry::parse(SNAPSHOT_XML.as_bytes()).unwrap();
        let parsed: Vec<Registry> = steps.iter().map(|s| s.document.parse().unwrap()).collect();
        let count = |r: &Registry| r.registered_codes().count() - base.registered_codes().count();
        assert_eq!(
            parsed.iter().map(count).collect::<Vec<_>>(),
            [1, 2, 2, 2, 4, 3, 4]
        );
        assert_eq!(steps[6].document, steps[4].document);
        let dates: Vec<String> = parsed
            .iter()
            .map(|r| r.document_updated.to_string())
            .collect();
        assert!(
            dates[..6].windows(2).all(|w| w[0] < w[1])
                && dates[0] > base.document_updated.to_string()
        );
        assert_eq!(registry::diff(&parsed[1], &parsed[2]).changed.len(), 2);
        assert_eq!(registry::diff(&parsed[2], &parsed[3]).changed.len(), 1);
        assert_eq!(registry::diff(&parsed[4], &parsed[5]).removed.len(), 1);
    }

    #[test]
    fn every_record_changes_every_field_of_every_code() {
        let steps = plan_steps(SNAPSHOT_XML).unwrap();
        let (before, after) = (
            steps[3].document.parse().unwrap(),
            steps[4].document.parse().unwrap(),
        );
        let diff = registry::diff(&before, &after);
        let mut ranges: Vec<u16> = diff.added.iter().map(|r| r.span.start / 1000).collect();
        ranges.dedup_by_key(|r| u16::from(*r >= 3));
        assert_eq!(
            ranges.iter().map(|r| *r >= 3).collect::<Vec<_>>(),
            [false, true],
            "{diff:?}"
        );
        assert_eq!(diff.changed.len(), before.registered_codes().count());
        for record in before.registered_codes() {
            let (value, new) = (
                record.span.start,
                after.record_for(record.span.start).unwrap(),
            );
            assert_ne!(new.description, record.description, "{value}");
            assert_ne!(new.contact, record.contact, "{value}");
            assert_ne!(new.updated, record.updated, "{value}");
            assert!(record.date.is_none() || new.date > record.date, "{value}");
            assert_eq!(
                new.references.len(),
                record.references.len().max(1),
                "{value}"
            );
            assert!(
                record
                    .references
                    .first()
                    .is_none_or(|old| !new.references.contains(old)),
                "{value}"
            );
            assert!(
                new.references
                    .iter()
                    .any(|r| !record.references.contains(r)),
                "{value}"
            );
        }
    }
}
