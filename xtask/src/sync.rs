//! `cargo xtask sync`: the registry sync, as the scheduled workflow runs it
//! and as the drill rehearses it: `regen --fetch --report OUT/report.md`,
//! `cargo test --workspace`; when registered codes changed, `cargo xtask
//! release` and `cargo metadata --locked`, the release's account appended
//! to the report (the pull request's body); with `--commit BRANCH`, the
//! files of [`OWNED`] committed on BRANCH under the report's title.
//!
//! Exit 0: already current; 3: changed; 4: the download failed; 1: any
//! other failure, with `OUT/issue.md` quoting the end of `OUT/log.txt`.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::changelog::CHANGELOG;
use crate::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_OK};

/// The files a sync may change, as git pathspecs: what regen and release
/// write (the manifest and every lock file).
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

/// Runs `cargo xtask sync` on the workspace at `root`, printing to `out` as
/// it goes; without `cargo_checks` (the drill's `--quick`) the cargo
/// commands are left out. Returns the exit status, as the module says.
pub fn run(args: &Args, root: &Path, cargo_checks: bool, out: &mut dyn Write) -> i32 {
    let dir = (args.out.clone()).unwrap_or_else(|| crate::target_dir(root).join("sync"));
    let log = match fs::create_dir_all(&dir).and_then(|()| File::create(dir.join("log.txt"))) {
        Ok(log) => log,
        Err(e) => {
            let _ = writeln!(out, "error: {}/log.txt: {e}", dir.display());
            return EXIT_FAILURE;
        }
    };
    let _ = fs::remove_file(dir.join("issue.md"));
    let mut sync = Sync { root, out, log };
    sync.steps(args, &dir, cargo_checks)
        .unwrap_or_else(|(code, message)| {
            sync.print(&format!("error: {message}\n"));
            let issue = issue_body(&dir.join("log.txt"));
            if let Err(e) = fs::write(dir.join("issue.md"), issue) {
                sync.print(&format!("error: cannot write issue.md: {e}\n"));
            }
            code
        })
}

/// A sync under way: what it prints goes to `out` and to `log`.
struct Sync<'a> {
    root: &'a Path,
    out: &'a mut dyn Write,
    log: File,
}

impl Sync<'_> {
    fn print(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
        let _ = self.log.write_all(text.as_bytes());
    }

    /// `program ARGS` in the workspace, both output streams printed line by
    /// line as they come; `Err` names the command and its status.
    fn run(&mut self, program: &str, args: &[&str]) -> Result<(), String> {
        let shown = format!("{program} {}", args.join(" "));
        self.print(&format!("==> {shown}\n"));
        let failed = |e: std::io::Error| format!("cannot run {shown}: {e}");
        let executable = (program == "cargo").then(crate::cargo);
        let (reader, writer) = std::io::pipe().map_err(failed)?;
        // The command, which holds the pipe's writing end, is dropped once
        // spawned, so that the reading below ends when the child exits.
        let mut child = Command::new(executable.unwrap_or(program.into()))
            .args(args)
            .current_dir(self.root)
            .stdin(Stdio::null())
            .stdout(writer.try_clone().map_err(failed)?)
            .stderr(writer)
            .spawn()
            .map_err(failed)?;
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            self.print(&format!("{line}\n"));
        }
        let status = child.wait().map_err(failed)?;
        self.print(&format!("<== {shown}: {status}\n"));
        match status.success() {
            true => Ok(()),
            false => Err(format!("{shown} failed ({status})")),
        }
    }

    fn steps(&mut self, args: &Args, dir: &Path, checks: bool) -> Result<i32, (i32, String)> {
        let fail = |e: String| (EXIT_FAILURE, e);
        let report = dir.join("report.md");
        let _ = fs::remove_file(&report);
        let changelog = self.root.join(CHANGELOG);
        let changelog_before = fs::read(&changelog).unwrap_or_default();

        let mut regen = vec!["regen".to_owned(), "--fetch".into()];
        regen.extend(args.url.iter().flat_map(|u| ["--url".into(), u.clone()]));
        regen.extend(["--report".into(), report.display().to_string()]);
        self.print(&format!("==> cargo xtask {}\n", regen.join(" ")));
        let (code, text) = crate::cli::run_captured(&regen, self.root);
        self.print(&text);
        match code {
            EXIT_OK => {
                self.print("sync: the registry is current; nothing to do\n");
                return Ok(EXIT_OK);
            }
            EXIT_CHANGED => {}
            code => return Err((code, format!("cargo xtask regen --fetch failed ({code})"))),
        }
        if checks {
            self.run("cargo", &["test", "--workspace"]).map_err(fail)?;
        }

        let release = if fs::read(&changelog).unwrap_or_default() == changelog_before {
            "No registered code changed: nothing to release; this pull request updates the \
             snapshot only.\n"
                .to_owned()
        } else {
            self.print("==> cargo xtask release\n");
            let mut out = Vec::new();
            if let Err(e) = crate::release::execute(&Default::default(), self.root, &mut out) {
                return Err(fail(format!("cargo xtask release failed: {e}")));
            }
            if checks {
                let locked = ["metadata", "--locked", "--format-version", "1"];
                self.run("cargo", &locked).map_err(fail)?;
            }
            String::from_utf8_lossy(&out).into_owned()
        };
        self.print(&release);

        let in_report = |e: std::io::Error| fail(format!("{}: {e}", report.display()));
        let mut text = fs::read_to_string(&report).map_err(in_report)?;
        text.push_str(&format!(
            "\n## Release\n\nMerging this pull request releases the version below (`cargo \
             xtask release`); the release workflow tags it, publishes the crate and creates the \
             GitHub release.\n\n```text\n{release}```\n"
        ));
        fs::write(&report, &text).map_err(in_report)?;
        let title = title(&text);
        self.print(&format!("sync: report in {}\n", report.display()));
        if let Some(branch) = &args.commit {
            self.commit(branch, &title).map_err(fail)?;
        }
        self.print(&format!("sync: changed: {title}\n"));
        Ok(EXIT_CHANGED)
    }

    /// Commits the files of [`OWNED`] on `branch`, which must leave the work
    /// tree clean.
    fn commit(&mut self, branch: &str, title: &str) -> Result<(), String> {
        let body = "Generated by the registry sync (cargo xtask sync: regen --fetch, cargo test \
                    --workspace, cargo xtask release).";
        let name = "user.name=github-actions[bot]";
        let email = "user.email=41898282+github-actions[bot]@users.noreply.github.com";
        let message = ["commit", "--quiet", "--message", title, "--message", body];
        self.run("git", &["switch", "--quiet", "--force-create", branch])?;
        self.run("git", &[&["add", "--all", "--"][..], OWNED].concat())?;
        self.run("git", &[&["-c", name, "-c", email][..], &message].concat())?;
        let status = ["status", "--porcelain", "--untracked-files=all"];
        let left = crate::git(self.root, &status)?;
        match left.trim() {
            "" => Ok(()),
            _ => Err(format!(
                "the sync changed files it does not commit (the pull request would miss \
                 them):\n{left}"
            )),
        }
    }
}

/// The pull request's title: the report's first line without its `#`.
pub fn title(report: &str) -> String {
    let first = report.lines().next().unwrap_or_default();
    first.trim_start_matches('#').trim().to_owned()
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
    let variables = ["GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"];
    let run = match variables.map(std::env::var) {
        [Ok(server), Ok(repository), Ok(id)] => format!("{server}/{repository}/actions/runs/{id}"),
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
    fn a_command_s_output_is_printed_in_order_and_its_failure_named() {
        let dir = tempfile::tempdir().unwrap();
        let log = File::create(dir.path().join("log.txt")).unwrap();
        let (root, mut printed) = (dir.path(), Vec::new());
        let out = &mut printed;
        let mut sync = Sync { root, out, log };
        let script = "echo one; echo two >&2; echo three; exit 3";
        let error = sync.run("sh", &["-c", script]).unwrap_err();
        assert!(error.starts_with("sh -c "), "{error}");
        assert!(error.ends_with("failed (exit status: 3)"), "{error}");
        let printed = String::from_utf8(printed).unwrap();
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines[1..4], ["one", "two", "three"], "{printed}");
        assert_eq!(fs::read_to_string(root.join("log.txt")).unwrap(), printed);
    }
}
