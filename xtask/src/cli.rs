//! The command line of `cargo xtask` and its exit statuses.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser};

use crate::fetch::{self, FetchOptions};
use crate::files::{self, FileWrite};
use crate::{drill, regen, release, report, sync};

/// Success; with `--fetch`, the registry was already current.
pub const EXIT_OK: i32 = 0;
/// Failure: invalid input, a refused document, an I/O error, stale files.
pub const EXIT_FAILURE: i32 = 1;
/// The command line could not be understood.
pub const EXIT_USAGE: i32 = 2;
/// With `--fetch`: the registry changed and files were rewritten.
pub const EXIT_CHANGED: i32 = 3;
/// With `--fetch`: the download failed.
pub const EXIT_NETWORK: i32 = 4;

/// cargo xtask: automation for the ws-close-codes workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
#[command(
    after_help = "Exit status: 0 success; 1 failure, a refused document or (--check) \
    stale files; 2 usage error; 3 (--fetch) the registry changed and files were rewritten; \
    4 (--fetch) the download failed."
)]
enum Cli {
    /// Regenerate the generated files from registry/websocket.xml (offline),
    /// or from a new document (--from, --fetch) that becomes the snapshot.
    #[command(args_override_self = true)]
    Regen(RegenArgs),
    /// The registry sync the scheduled workflow runs.
    Sync(sync::Args),
    /// Later registry versions applied to a copy of the workspace, with CI's checks on each.
    Drill(drill::Args),
    /// Release what CHANGELOG.md lists under `## Unreleased`.
    Release(release::Args),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").args(["from", "fetch"]))]
struct RegenArgs {
    /// Make the IANA document at PATH the snapshot (refused when older or
    /// without some of its codes), regenerate and add the change to CHANGELOG.md.
    #[arg(long, value_name = "PATH")]
    from: Option<PathBuf>,
    /// Download the document (--url) and do what --from does with it.
    #[arg(long)]
    fetch: bool,
    /// Accept a new document that lacks codes the snapshot has.
    #[arg(long)]
    allow_removals: bool,
    /// With --from or --fetch: write a Markdown report of the change.
    #[arg(long, value_name = "PATH", requires = "source")]
    report: Option<PathBuf>,
    /// Write nothing; print a diff of every stale file and exit 1 if any.
    #[arg(long, conflicts_with_all = ["fetch", "report"])]
    check: bool,
    #[command(flatten)]
    download: FetchOptions,
}

/// Runs `cargo xtask ARGS` against the workspace at `root`, printing to
/// `out` and `err`; the exit status.
pub fn run(args: &[String], root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let words = std::iter::once("xtask").chain(args.iter().map(String::as_str));
    let done = |result: Result<(), String>| result.map(|()| EXIT_OK).map_err(|e| (EXIT_FAILURE, e));
    let result = match Cli::try_parse_from(words) {
        Err(e) => {
            let stream: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = write!(stream, "{}", e.render());
            return e.exit_code();
        }
        Ok(Cli::Regen(args)) => regen_command(args, root, out, err),
        Ok(Cli::Sync(args)) => return sync::run(&args, root, true, out),
        Ok(Cli::Drill(args)) => done(drill::run(&args, root, out)),
        Ok(Cli::Release(args)) => done(release::execute(&args, root, out)),
    };
    result.unwrap_or_else(|(code, e)| {
        let _ = writeln!(err, "error: {e}");
        code
    })
}

/// [`run`] for a command that runs this one in-process: the exit status,
/// and what it printed (standard output, then standard error).
pub fn run_captured(args: &[String], root: &Path) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(args, root, &mut out, &mut err);
    out.extend(err);
    (code, String::from_utf8_lossy(&out).into_owned())
}

fn regen_command(
    args: RegenArgs,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, (i32, String)> {
    let failure = |message: String| (EXIT_FAILURE, message);
    let document = match (&args.from, args.fetch) {
        (Some(path), _) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"));
            Some((name, bytes.map_err(failure)?))
        }
        (None, true) => {
            let mut log = |line: &str| drop(writeln!(err, "warning: {line}"));
            let bytes = fetch::download(&args.download, &mut log)
                .map_err(|e| (EXIT_NETWORK, format!("{e}\nnothing was written")))?;
            if std::fs::read(root.join(regen::SNAPSHOT)).is_ok_and(|snapshot| snapshot == bytes) {
                let same = "the downloaded document is identical to the snapshot";
                let _ = writeln!(out, "the registry is current: {same}; nothing was written");
                return Ok(EXIT_OK);
            }
            Some((args.download.url.to_string(), bytes))
        }
        (None, false) => None,
    };
    let new = document.as_ref().map(|(s, b)| (s.as_str(), &b[..]));
    let mut plan = regen::plan(root, new, args.allow_removals).map_err(failure)?;
    let _ = write!(out, "{}", report::summary(&plan));
    let relative = |path: &Path| format!("{}", path.strip_prefix(root).unwrap_or(path).display());
    if args.check {
        let stale: Vec<&FileWrite> = plan.files.iter().filter(|f| f.is_stale()).collect();
        for file in &stale {
            let _ = write!(out, "{}", regen::unified_diff(root, file));
        }
        if stale.is_empty() {
            let _ = writeln!(out, "all generated files are current");
            return Ok(EXIT_OK);
        }
        let names = report::join(&stale, ", ", |f| relative(&f.path));
        let fix = "run `cargo xtask regen` and commit the result";
        return Err(failure(format!("stale generated files: {names}\n{fix}")));
    }
    // The report is one more file of the run: written with the others or not at all.
    if let (Some(path), Some(diff)) = (&args.report, &plan.diff) {
        let source = new.map(|(source, _)| source).unwrap_or_default();
        let content = report::render(&plan, diff, source).into_bytes();
        let path = path.clone();
        plan.files.push(FileWrite { path, content });
    }
    let status = "`git status` shows what changed";
    let written = files::write_changed(&plan.files)
        .map_err(|e| failure(format!("writing failed: {e}; {status}")))?;
    if written.is_empty() {
        let _ = writeln!(out, "all generated files are current");
    }
    for path in &written {
        let _ = writeln!(out, "wrote {}", relative(path));
    }
    if !args.fetch {
        return Ok(EXIT_OK);
    }
    if written.iter().all(|p| Some(p) == args.report.as_ref()) {
        let _ = writeln!(out, "the registry is current");
        return Ok(EXIT_OK);
    }
    let status = format!("exit status {EXIT_CHANGED}");
    let _ = writeln!(out, "the registry changed: files were rewritten ({status})");
    Ok(EXIT_CHANGED)
}
