//! `cargo xtask sync`: the registry sync, as the scheduled workflow runs it
//! and as the drill rehearses it.
//!
//! 1. `regen --fetch --report OUT/report.md` (`--url` passed on). The
//!    registry already current: exit 0, nothing else happens.
//! 2. `cargo test --workspace` on the regenerated workspace.
//! 3. When registered codes changed (regen wrote `CHANGELOG.md` entries):
//!    `cargo xtask release`, then `cargo metadata --locked` (Cargo agrees
//!    with the locks release wrote); the release's account is appended to
//!    the report, the pull request's body.
//! 4. With `--commit BRANCH`: `git switch --force-create BRANCH`, the files
//!    of [`OWNED`] committed with the report's title; the work tree must
//!    then be clean.
//!
//! Exit 3: changed and ready to push; 4: the download failed; 1: any other
//! failure, with `OUT/issue.md` written: the end of `OUT/log.txt` (which
//! holds everything the run printed), printable ASCII only, in a fence
//! longer than any run of backticks in it.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::changelog::CHANGELOG;
use crate::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_OK};

/// The files a sync may change, as git pathspecs, all committed together:
/// what regen writes and what release writes (the manifest and the lock
/// file of every workspace in the tree).
pub const OWNED: &[&str] = &[
    "registry",
    "crates/ws-close-codes/src",
    "README.md",
    CHANGELOG,
    "Cargo.toml",
    ":(glob)**/Cargo.lock",
];

/// The arguments of `cargo xtask sync`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Args {
    /// Where to download the registry (default: IANA's address).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Where the report, the log and the issue body go (default:
    /// TARGET/sync).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Commit the change on BRANCH (created or reset).
    #[arg(long, value_name = "BRANCH")]
    pub commit: Option<String>,
}

/// Runs `cargo xtask sync` as `args` say; returns the exit status.
pub fn execute(args: &Args, root: &Path, out: &mut dyn Write) -> i32 {
    run(args, root, true, out)
}

/// What the run prints goes to `out` and to `OUT/log.txt`.
struct Log<'a> {
    out: &'a mut dyn Write,
    file: File,
}

impl Log<'_> {
    fn text(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
        let _ = self.file.write_all(text.as_bytes());
    }

    fn line(&mut self, line: &str) {
        self.text(&format!("{line}\n"));
    }

    /// `program ARGS` in `dir`, both output streams logged line by line as
    /// they come; `Err` names the command and its status.
    fn run(&mut self, dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
        let shown = format!("{program} {}", args.join(" "));
        self.line(&format!("==> {shown}"));
        let failed = |e: std::io::Error| format!("cannot run {shown}: {e}");
        let executable = match program {
            "cargo" => crate::cargo(),
            _ => program.into(),
        };
        let (reader, writer) = std::io::pipe().map_err(failed)?;
        // The command, which holds the pipe's writing end, is dropped once
        // spawned, so that the reading below ends when the child exits.
        let mut child = Command::new(executable)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(writer.try_clone().map_err(failed)?)
            .stderr(writer)
            .spawn()
            .map_err(failed)?;
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            self.line(&line);
        }
        let status = child.wait().map_err(failed)?;
        self.line(&format!("<== {shown}: {status}"));
        status
            .success()
            .then_some(())
            .ok_or(format!("{shown} failed ({status})"))
    }

    /// `cargo xtask ARGS` in this process, what it prints logged.
    fn xtask(&mut self, root: &Path, args: &[String]) -> i32 {
        self.line(&format!("==> cargo xtask {}", args.join(" ")));
        let (code, text) = crate::cli::run_captured(args, root);
        self.text(&text);
        code
    }
}

/// Runs a sync of the workspace at `root`, printing to `out` as it goes;
/// without `cargo_checks` (the drill's `--quick`) the cargo commands are
/// left out. Returns the exit status: 0 the registry was current, 3 it
/// changed and every step passed, 4 the download failed, 1 any other
/// failure (with `OUT/issue.md` written).
pub fn run(args: &Args, root: &Path, cargo_checks: bool, out: &mut dyn Write) -> i32 {
    let out_dir = (args.out.clone()).unwrap_or_else(|| crate::target_dir(root).join("sync"));
    let log = fs::create_dir_all(&out_dir).and_then(|()| File::create(out_dir.join("log.txt")));
    let file = match log {
        Ok(file) => file,
        Err(e) => {
            let _ = writeln!(out, "error: {}/log.txt: {e}", out_dir.display());
            return EXIT_FAILURE;
        }
    };
    let _ = fs::remove_file(out_dir.join("issue.md"));
    let mut log = Log { out, file };
    let report = out_dir.join("report.md");
    steps(args, root, cargo_checks, &report, &mut log).unwrap_or_else(|(code, message)| {
        log.line(&format!("error: {message}"));
        let issue = issue_body(&out_dir.join("log.txt"));
        if let Err(e) = fs::write(out_dir.join("issue.md"), issue) {
            log.line(&format!("error: cannot write issue.md: {e}"));
        }
        code
    })
}

fn steps(
    args: &Args,
    root: &Path,
    cargo_checks: bool,
    report: &Path,
    log: &mut Log<'_>,
) -> Result<i32, (i32, String)> {
    let fail = |e: String| (EXIT_FAILURE, e);
    let _ = fs::remove_file(report);
    let changelog_before = fs::read(root.join(CHANGELOG)).unwrap_or_default();

    let mut regen: Vec<String> = vec!["regen".into(), "--fetch".into()];
    if let Some(url) = &args.url {
        regen.extend(["--url".into(), url.clone()]);
    }
    regen.extend(["--report".into(), report.display().to_string()]);
    match log.xtask(root, &regen) {
        EXIT_OK => {
            log.line("sync: the registry is current; nothing to do");
            return Ok(EXIT_OK);
        }
        EXIT_CHANGED => {}
        code => return Err((code, format!("cargo xtask regen --fetch failed ({code})"))),
    }
    if cargo_checks {
        log.run(root, "cargo", &["test", "--workspace"])
            .map_err(fail)?;
    }

    let release = if fs::read(root.join(CHANGELOG)).unwrap_or_default() == changelog_before {
        "No registered code changed: nothing to release; this pull request updates the snapshot \
         only.\n"
            .to_owned()
    } else {
        log.line("==> cargo xtask release");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args = crate::release::Args::default();
        let code = crate::release::execute(&args, root, &mut out, &mut err);
        log.text(&String::from_utf8_lossy(&err));
        if code != EXIT_OK {
            return Err((code, format!("cargo xtask release failed ({code})")));
        }
        if cargo_checks {
            let locked = ["metadata", "--locked", "--format-version", "1"];
            log.run(root, "cargo", &locked).map_err(fail)?;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    log.text(&release);

    let read = fs::read_to_string(report);
    let mut text = read.map_err(|e| fail(format!("{}: {e}", report.display())))?;
    text.push_str(&format!(
        "\n## Release\n\nMerging this pull request releases the version below (`cargo xtask \
         release`); the release workflow tags it, publishes the crate and creates the GitHub \
         release.\n\n```text\n{release}```\n"
    ));
    fs::write(report, &text).map_err(|e| fail(format!("{}: {e}", report.display())))?;
    let title = title(&text);
    log.line(&format!("sync: report in {}", report.display()));
    if let Some(branch) = &args.commit {
        commit(root, branch, &title, log).map_err(fail)?;
    }
    log.line(&format!("sync: changed: {title}"));
    Ok(EXIT_CHANGED)
}

/// The pull request's title: the report's first line without its `#`.
///
/// ```
/// let report = "# IANA WebSocket close-code registry: sync\n\nBody.\n";
/// assert_eq!(xtask::sync::title(report), "IANA WebSocket close-code registry: sync");
/// ```
pub fn title(report: &str) -> String {
    let first = report.lines().next().unwrap_or_default();
    first.trim_start_matches('#').trim().to_owned()
}

fn commit(root: &Path, branch: &str, title: &str, log: &mut Log<'_>) -> Result<(), String> {
    log.run(
        root,
        "git",
        &["switch", "--quiet", "--force-create", branch],
    )?;
    log.run(root, "git", &[&["add", "--all", "--"][..], OWNED].concat())?;
    let body = "Generated by the registry sync (cargo xtask sync: regen --fetch, cargo test \
                --workspace, cargo xtask release).";
    let bot = ["-c", "user.name=github-actions[bot]", "-c"];
    let email = "user.email=41898282+github-actions[bot]@users.noreply.github.com";
    let message = ["commit", "--quiet", "--message", title, "--message", body];
    log.run(root, "git", &[&bot[..], &[email], &message].concat())?;
    let left = crate::git(root, &["status", "--porcelain", "--untracked-files=all"])?;
    if left.trim().is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the sync changed files it does not commit (the pull request would miss them):\n{left}"
        ))
    }
}

/// The body of the issue for a failed sync: where it failed, and the end
/// of the log (the last 150 lines, at most 50,000 bytes) in a fence. The
/// log carries text from the downloaded document and the network, so only
/// printable ASCII is kept, inside a fence longer than any run of
/// backticks in it: nothing in it is rendered.
pub fn issue_body(log: &Path) -> String {
    let text = String::from_utf8_lossy(&fs::read(log).unwrap_or_default()).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let mut excerpt: String = (lines[lines.len().saturating_sub(150)..].iter())
        .flat_map(|line| line.chars().chain(['\n']))
        .filter(|&c| c == '\t' || c == '\n' || (' '..='~').contains(&c))
        .collect();
    excerpt.drain(..excerpt.len().saturating_sub(50_000));
    let longest = excerpt.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let variable = |name| std::env::var(name).ok();
    let run = match (
        variable("GITHUB_SERVER_URL"),
        variable("GITHUB_REPOSITORY"),
        variable("GITHUB_RUN_ID"),
    ) {
        (Some(server), Some(repository), Some(id)) => {
            format!("{server}/{repository}/actions/runs/{id}")
        }
        _ => "`cargo xtask sync`".to_owned(),
    };
    format!(
        "The registry sync failed in {run} ({}).\n\nThe end of its output (characters other \
         than printable ASCII removed):\n\n{fence}\n{excerpt}{fence}\n\nThe next run that \
         succeeds closes this issue.\n",
        crate::release::today()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_quotes_the_end_of_the_log_in_a_fence_longer_than_any_backticks() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log.txt");
        let mut text: String = (0..200).map(|n| format!("line {n}\n")).collect();
        text.push_str("a ````` run, an \u{1b}[31mescape\u{1b}[0m and \u{202e}bidi\n");
        fs::write(&log, &text).unwrap();
        let body = issue_body(&log);
        assert!(body.contains("\n``````\n"), "{body}");
        assert!(!body.contains("line 50\n"), "{body}");
        assert!(body.contains("line 199\n"), "{body}");
        assert!(
            body.contains("a ````` run, an [31mescape[0m and bidi\n"),
            "{body}"
        );
        assert!(body
            .chars()
            .all(|c| c == '\n' || c == '\t' || (' '..='~').contains(&c)));
    }

    #[test]
    fn a_command_s_output_is_logged_in_order_and_its_failure_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = File::create(dir.path().join("log.txt")).unwrap();
        let mut out = Vec::new();
        let mut log = Log {
            out: &mut out,
            file,
        };
        let script = "echo one; echo two >&2; echo three; exit 3";
        let error = log.run(dir.path(), "sh", &["-c", script]).unwrap_err();
        assert!(
            error.starts_with("sh -c ") && error.ends_with("failed (exit status: 3)"),
            "{error}"
        );
        let printed = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines[1..4], ["one", "two", "three"], "{printed}");
        assert_eq!(
            fs::read_to_string(dir.path().join("log.txt")).unwrap(),
            printed
        );
    }
}
