//! The command line of `cargo xtask` and its exit statuses.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser};

use crate::fetch::{self, FetchOptions};
use crate::files::{self, FileWrite};
use crate::{drill, regen, report};

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

/// The download options of `regen --fetch`, which `cargo xtask sync` passes on.
pub const FETCH_ONLY: &[&str] = &[
    "--url",
    "--connect-timeout",
    "--timeout",
    "--retries",
    "--retry-backoff-ms",
    "--max-bytes",
];

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
    /// The registry sync the scheduled workflow runs: cargo xtask sync
    /// [--url URL ...] [--out DIR] [--commit BRANCH].
    #[command(disable_help_flag = true)]
    Sync(PassThrough),
    /// Later registry versions applied to a copy of the workspace, with CI's
    /// checks on each: cargo xtask drill [--quick] [--dir DIR].
    #[command(disable_help_flag = true)]
    Drill(PassThrough),
    /// Release what CHANGELOG.md lists under `## Unreleased`: cargo xtask
    /// release [--dry-run] [--date YYYY-MM-DD] | --notes [VERSION] | --publish-order.
    #[command(disable_help_flag = true)]
    Release(PassThrough),
}

/// The arguments of a command that parses its own.
#[derive(Debug, Args)]
struct PassThrough {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").args(["from", "fetch"]))]
struct RegenArgs {
    /// Validate the IANA document at PATH (refused when older than the
    /// snapshot or without some of its codes), store it as the snapshot,
    /// regenerate, print what changed and add it to CHANGELOG.md.
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
    let usage = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "error: {message}\n\nSee `cargo xtask help`.");
        EXIT_USAGE
    };
    let result = match Cli::try_parse_from(
        std::iter::once("xtask").chain(args.iter().map(String::as_str)),
    ) {
        Err(e) => {
            let _ = match e.use_stderr() {
                true => write!(err, "{}", e.render()),
                false => write!(out, "{}", e.render()),
            };
            return e.exit_code();
        }
        Ok(Cli::Regen(args)) => regen_command(args, root, out, err),
        Ok(Cli::Sync(PassThrough { args })) => match crate::sync::parse(&args, root) {
            Ok(options) => return crate::sync::run(&options, out),
            Err(message) => return usage(err, message),
        },
        Ok(Cli::Drill(PassThrough { args })) => match parse_drill(&args, root) {
            Ok(options) => drill::run(&options, out)
                .map(|()| EXIT_OK)
                .map_err(|e| (EXIT_FAILURE, e.to_string())),
            Err(message) => return usage(err, message),
        },
        Ok(Cli::Release(PassThrough { args })) => {
            return crate::release::command(&args, root, out, err)
        }
    };
    result.unwrap_or_else(|(code, message)| {
        let _ = writeln!(err, "error: {message}");
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

fn parse_drill(args: &[String], root: &Path) -> Result<drill::Options, String> {
    let mut options = drill::Options::new(root);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.checks = drill::Checks::Regen,
            "--dir" => options.dir = args.next().ok_or("--dir needs a value")?.into(),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

/// A failure: the exit status and the message.
type Failed = (i32, String);

fn regen_command(
    args: RegenArgs,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Failed> {
    let failure = |message: String| (EXIT_FAILURE, message);
    let mut options = regen::Options {
        root: root.to_path_buf(),
        allow_removals: args.allow_removals,
        ..Default::default()
    };
    if let Some(path) = &args.from {
        let bytes = std::fs::read(path)
            .map_err(|e| failure(format!("{}: cannot read: {e}", path.display())))?;
        options.new_document = Some(bytes);
        options.new_document_source = Some(path.display().to_string());
    }
    if args.fetch {
        let bytes = fetch::download(&args.download, &mut |line| {
            let _ = writeln!(err, "warning: {line}");
        })
        .map_err(|e| (EXIT_NETWORK, format!("{e}\nnothing was written")))?;
        if std::fs::read(root.join(regen::SNAPSHOT)).is_ok_and(|snapshot| snapshot == bytes) {
            let _ = writeln!(out, "the registry is current: the downloaded document is identical to the snapshot; nothing was written");
            return Ok(EXIT_OK);
        }
        options.new_document = Some(bytes);
        options.new_document_source = Some(args.download.url.to_string());
    }

    let mut plan = regen::plan(&options).map_err(failure)?;
    let _ = write!(out, "{}", report::summary(&plan));
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    if args.check {
        let stale: Vec<&FileWrite> = plan.files.iter().filter(|f| f.is_stale()).collect();
        for file in &stale {
            let _ = write!(out, "{}", regen::unified_diff(root, file));
        }
        if stale.is_empty() {
            let _ = writeln!(out, "all generated files are current");
            return Ok(EXIT_OK);
        }
        let names: Vec<String> = stale.iter().map(|f| relative(&f.path)).collect();
        let names = names.join(", ");
        return Err(failure(format!(
            "stale generated files: {names}\nrun `cargo xtask regen` and commit the result"
        )));
    }
    // The report is one more file of the run: written with the others or not at all.
    if let (Some(path), Some(diff)) = (&args.report, &plan.diff) {
        let source = options.new_document_source.as_deref().unwrap_or_default();
        let content = report::render(&plan, diff, source).into_bytes();
        plan.files.push(FileWrite {
            path: path.clone(),
            content,
        });
    }
    let written = files::write_changed(&plan.files).map_err(|e| {
        failure(format!(
            "writing failed: {e}; `git status` shows what changed"
        ))
    })?;
    if written.is_empty() {
        let _ = writeln!(out, "all generated files are current");
    }
    for path in &written {
        let _ = writeln!(out, "wrote {}", relative(path));
    }
    if !args.fetch {
        Ok(EXIT_OK)
    } else if written
        .iter()
        .all(|path| Some(path) == args.report.as_ref())
    {
        let _ = writeln!(out, "the registry is current");
        Ok(EXIT_OK)
    } else {
        let _ = writeln!(
            out,
            "the registry changed: files were rewritten (exit status {EXIT_CHANGED})"
        );
        Ok(EXIT_CHANGED)
    }
}
