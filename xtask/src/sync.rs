//! `cargo xtask sync`: the registry sync, as the scheduled workflow runs it
//! and as the drill rehearses it.
//!
//! One run:
//!
//! 1. `regen --fetch --report OUT/report.md` (with `--url` and the other
//!    download options passed on). The registry already current: exit 0,
//!    nothing else happens.
//! 2. `cargo test --workspace`, README's test command, on the regenerated
//!    workspace.
//! 3. When registered codes changed (regen wrote entries to
//!    `CHANGELOG.md`): `cargo xtask release` (the next version, the exact
//!    requirements, the lock files, the dated section), then
//!    `cargo metadata --locked` to show that Cargo agrees with the locks.
//!    Otherwise the change only updates the snapshot, and the next release
//!    carries it.
//! 4. The release's account is appended to the report, which becomes the
//!    pull request's body.
//! 5. With `--commit BRANCH`: `git switch --force-create BRANCH`, the files
//!    regen and release own are committed with the report's title as the
//!    message, and the work tree must then be clean.
//!
//! Exit 3 then says "changed, ready to push". What is left to the workflow
//! are GitHub's own calls: pushing the branch, opening the pull request and
//! the issue of a failed sync, whose body this command writes to
//! `OUT/issue.md` (the end of `OUT/log.txt`, printable ASCII only, in a
//! fence longer than any run of backticks in it).

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use crate::changelog::CHANGELOG;
use crate::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_OK};

/// The files a sync may change, as git pathspecs, all committed together:
/// what regen writes (the snapshot, its download state, the pins, the
/// generated code, README's table, CHANGELOG.md) and what release writes
/// (the manifest, and the lock file of every workspace in the tree, which
/// name the released crates).
pub const OWNED: &[&str] = &[
    "registry",
    "crates/ws-close-codes/src",
    "README.md",
    CHANGELOG,
    "Cargo.toml",
    ":(glob)**/Cargo.lock",
];

/// How many lines of the log the issue of a failed sync quotes, and how
/// many bytes at most.
const ISSUE_LINES: usize = 150;
const ISSUE_BYTES: usize = 50_000;

/// How to run a sync.
#[derive(Clone, Debug)]
pub struct Options {
    /// The workspace.
    pub root: PathBuf,
    /// Where the report, the log and the issue body go.
    pub out_dir: PathBuf,
    /// Download options passed on to `regen --fetch` (`--url URL`, ...).
    pub fetch_args: Vec<String>,
    /// Commit the change on this branch.
    pub branch: Option<String>,
    /// Run the cargo commands (tests, `cargo metadata --locked`). Off only
    /// in the drill's `--quick` mode, which checks the plumbing in seconds.
    pub cargo_checks: bool,
}

impl Options {
    /// A sync of the workspace at `root` with every check, writing to
    /// `TARGET/sync` where `TARGET` is `CARGO_TARGET_DIR` or `root/target`.
    pub fn new(root: &Path) -> Options {
        let target = crate::target_dir(root);
        Options {
            root: root.to_path_buf(),
            out_dir: target.join("sync"),
            fetch_args: Vec::new(),
            branch: None,
            cargo_checks: true,
        }
    }
}

/// Parses `sync`'s arguments (after the word `sync`).
///
/// ```
/// let root = std::path::Path::new("/some/workspace");
/// let args = ["--url", "http://127.0.0.1:8080/websocket.xml", "--commit", "registry-sync"];
/// let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
/// let options = xtask::sync::parse(&args, root)?;
/// assert_eq!(options.branch.as_deref(), Some("registry-sync"));
/// assert_eq!(options.fetch_args[0], "--url");
/// assert!(xtask::sync::parse(&["--nope".to_string()], root).is_err());
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
///
/// An unknown argument or one without its value.
pub fn parse(args: &[String], root: &Path) -> Result<Options, String> {
    let mut options = Options::new(root);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or(format!("{name} needs a value"))
        };
        match name {
            "--out" => options.out_dir = PathBuf::from(value()?),
            "--commit" => options.branch = Some(value()?),
            _ if crate::cli::FETCH_ONLY.contains(&name) => {
                let value = value()?;
                options.fetch_args.extend([name.to_owned(), value]);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

/// Everything the run prints goes to `out` and to `OUT/log.txt`.
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

    /// Runs `program ARGS` in `dir`, its output (both streams, line by
    /// line) logged as it comes; `Err` names the command and its status.
    fn run(&mut self, dir: &Path, program: impl AsRef<OsStr>, args: &[&str]) -> Result<(), String> {
        let program = program.as_ref();
        let name = Path::new(program)
            .file_name()
            .unwrap_or(program)
            .to_string_lossy();
        let shown = format!("{name} {}", args.join(" "));
        self.line(&format!("==> {shown}"));
        let started = std::time::Instant::now();
        let mut child = Command::new(program)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {shown}: {e}"))?;
        let (send, receive) = mpsc::channel();
        let readers: Vec<_> = [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        .map(|stream| {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            })
        })
        .collect();
        drop(send);
        for line in receive {
            self.line(&line);
        }
        for reader in readers {
            let _ = reader.join();
        }
        let status = child
            .wait()
            .map_err(|e| format!("cannot wait for {shown}: {e}"))?;
        self.line(&format!(
            "<== {shown}: {status} ({:.1} s)",
            started.elapsed().as_secs_f64()
        ));
        if status.success() {
            Ok(())
        } else {
            Err(format!("{shown} failed ({status})"))
        }
    }

    /// Runs `cargo xtask ARGS` in this process, logging what it prints.
    fn xtask(&mut self, root: &Path, args: &[String]) -> i32 {
        self.line(&format!("==> cargo xtask {}", args.join(" ")));
        let (code, text) = crate::cli::run_captured(args, root);
        self.text(&text);
        code
    }
}

/// Runs a sync. Prints as it goes to `out`, and returns the exit status:
/// 0 the registry was current, 3 it changed and everything passed (and the
/// change is committed with `--commit`), 4 the download failed, 1 any other
/// failure. On a failure `OUT/issue.md` holds the body of the issue to open.
pub fn run(options: &Options, out: &mut dyn Write) -> i32 {
    if let Err(e) = fs::create_dir_all(&options.out_dir) {
        let _ = writeln!(out, "error: {}: {e}", options.out_dir.display());
        return EXIT_FAILURE;
    }
    let file = match File::create(options.out_dir.join("log.txt")) {
        Ok(file) => file,
        Err(e) => {
            let _ = writeln!(out, "error: {}/log.txt: {e}", options.out_dir.display());
            return EXIT_FAILURE;
        }
    };
    let _ = fs::remove_file(options.out_dir.join("issue.md"));
    let mut log = Log { out, file };
    match steps(options, &mut log) {
        Ok(code) => code,
        Err((code, message)) => {
            log.line(&format!("error: {message}"));
            let issue = issue_body(&options.out_dir.join("log.txt"));
            if let Err(e) = fs::write(options.out_dir.join("issue.md"), issue) {
                log.line(&format!("error: cannot write issue.md: {e}"));
            }
            code
        }
    }
}

fn steps(options: &Options, log: &mut Log<'_>) -> Result<i32, (i32, String)> {
    let root = &options.root;
    let report = options.out_dir.join("report.md");
    let _ = fs::remove_file(&report);
    let changelog_before = fs::read(root.join(CHANGELOG)).unwrap_or_default();

    let mut args: Vec<String> = vec!["regen".into(), "--fetch".into()];
    args.extend(options.fetch_args.iter().cloned());
    args.extend(["--report".into(), report.display().to_string()]);
    match log.xtask(root, &args) {
        EXIT_OK => {
            log.line("sync: the registry is current; nothing to do");
            return Ok(EXIT_OK);
        }
        EXIT_CHANGED => {}
        code => return Err((code, format!("cargo xtask regen --fetch failed ({code})"))),
    }

    if options.cargo_checks {
        log.run(root, crate::cargo(), &["test", "--workspace"])
            .map_err(|e| (EXIT_FAILURE, e))?;
    }

    let mut release = String::new();
    if fs::read(root.join(CHANGELOG)).unwrap_or_default() == changelog_before {
        release.push_str(
            "No registered code changed: nothing to release; this pull request updates the \
             snapshot only.\n",
        );
        log.text(&release);
    } else {
        log.line("==> cargo xtask release");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = crate::release::command(&[], root, &mut out, &mut err);
        release.push_str(&String::from_utf8_lossy(&out));
        log.text(&release);
        log.text(&String::from_utf8_lossy(&err));
        if code != EXIT_OK {
            return Err((code, format!("cargo xtask release failed ({code})")));
        }
        if options.cargo_checks {
            log.run(
                root,
                crate::cargo(),
                &["metadata", "--locked", "--format-version", "1"],
            )
            .map_err(|e| (EXIT_FAILURE, e))?;
        }
    }

    let mut text = fs::read_to_string(&report).map_err(|e| {
        (
            EXIT_FAILURE,
            format!("cannot read {}: {e}", report.display()),
        )
    })?;
    let _ = write!(
        text,
        "\n## Release\n\nMerging this pull request releases the version below (`cargo xtask \
         release`); the release workflow tags it, publishes the crates and creates the GitHub \
         release.\n\n```text\n{release}```\n"
    );
    fs::write(&report, &text).map_err(|e| {
        (
            EXIT_FAILURE,
            format!("cannot write {}: {e}", report.display()),
        )
    })?;
    let title = title(&text);
    log.line(&format!("sync: report in {}", report.display()));

    if let Some(branch) = &options.branch {
        commit(root, branch, &title, log).map_err(|e| (EXIT_FAILURE, e))?;
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
    report
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('#')
        .trim()
        .to_owned()
}

fn commit(root: &Path, branch: &str, title: &str, log: &mut Log<'_>) -> Result<(), String> {
    log.run(
        root,
        "git",
        &["switch", "--quiet", "--force-create", branch],
    )?;
    let mut add = vec!["add", "--all", "--"];
    add.extend(OWNED);
    log.run(root, "git", &add)?;
    log.run(
        root,
        "git",
        &[
            "-c",
            "user.name=github-actions[bot]",
            "-c",
            "user.email=41898282+github-actions[bot]@users.noreply.github.com",
            "commit",
            "--quiet",
            "--message",
            title,
            "--message",
            "Generated by the registry sync (cargo xtask sync: regen --fetch, cargo test \
             --workspace, cargo xtask release).",
        ],
    )?;
    let left = crate::git(root, &["status", "--porcelain", "--untracked-files=all"])?;
    if !left.trim().is_empty() {
        return Err(format!(
            "the sync changed files it does not commit (the pull request would miss them):\n{left}"
        ));
    }
    Ok(())
}

/// The body of the issue for a failed sync: when and where it failed, and
/// the end of the log in a fenced block. The log carries text from the
/// downloaded document and the network, so only printable ASCII is kept,
/// inside a fence longer than any run of backticks in it: nothing in it is
/// rendered (no mentions, links, HTML or headings).
pub fn issue_body(log: &Path) -> String {
    let text = fs::read(log).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = text.lines().collect();
    let mut excerpt: String = lines[lines.len().saturating_sub(ISSUE_LINES)..]
        .iter()
        .flat_map(|line| line.chars().chain(['\n']))
        .filter(|&c| c == '\t' || c == '\n' || (' '..='~').contains(&c))
        .collect();
    if excerpt.len() > ISSUE_BYTES {
        excerpt = excerpt[excerpt.len() - ISSUE_BYTES..].to_owned();
    }
    let longest = excerpt.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let run = match (
        std::env::var("GITHUB_SERVER_URL"),
        std::env::var("GITHUB_REPOSITORY"),
        std::env::var("GITHUB_RUN_ID"),
    ) {
        (Ok(server), Ok(repository), Ok(id)) => {
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
        let mut text = String::new();
        for n in 0..200 {
            let _ = writeln!(text, "line {n}");
        }
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
    fn the_title_is_the_reports_heading() {
        assert_eq!(title("# A title\n\nbody"), "A title");
        assert_eq!(title(""), "");
    }
}
