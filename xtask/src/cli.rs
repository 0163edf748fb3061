//! Command-line parsing and the exit codes of `cargo xtask`.

use std::io::Write;
use std::path::Path;

use crate::regen::{self, Options};

/// Success: the files are current (or were brought up to date).
pub const EXIT_OK: i32 = 0;
/// Failure: invalid input, refused document, I/O error, or (with `--check`)
/// stale files.
pub const EXIT_FAILURE: i32 = 1;
/// The command line could not be understood.
pub const EXIT_USAGE: i32 = 2;

/// The text of `cargo xtask help`.
pub const HELP: &str = "\
cargo xtask: automation for the ws-close-codes workspace

USAGE:
    cargo xtask regen [--from PATH] [--allow-removals] [--check]
    cargo xtask help

regen
    Reads registry/websocket.xml (IANA's WebSocket registry document), validates
    it, pins identifiers for new codes in registry/names.toml and writes
    crates/ws-close-codes/src/generated.rs and the code table in README.md.
    Works offline. Files are written only after everything parsed, validated and
    generated, each to a temporary file first and then renamed into place; a
    failed run leaves every file byte-identical. A second run changes nothing.

OPTIONS:
    --from PATH        Validate the IANA document at PATH, store it verbatim as
                       registry/websocket.xml, then regenerate. Prints a summary
                       of added, removed and changed codes.
    --allow-removals   Accept a new document that lacks codes the snapshot has
                       (refused by default: mirrors serve stale copies).
    --check            Write nothing. Exit 1 and print a unified diff of every
                       stale file, and the command that fixes it.

EXIT STATUS:
    0  success; with --check: every file is current
    1  failure (the reason is on stderr); with --check: some file is stale
    2  the command line could not be understood
";

/// Runs `cargo xtask` with `args` (without the program name) against the
/// workspace at `root`. Returns the exit code.
pub fn run(args: &[String], root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match args.first().map(String::as_str) {
        Some("regen") => match parse_regen(&args[1..]) {
            Ok((options, check, from)) => {
                regen_command(options, check, from.as_deref(), root, out, err)
            }
            Err(message) => {
                let _ = writeln!(err, "error: {message}\n\n{HELP}");
                EXIT_USAGE
            }
        },
        Some("help" | "--help" | "-h") => {
            let _ = write!(out, "{HELP}");
            EXIT_OK
        }
        Some(other) => {
            let _ = writeln!(err, "error: unknown command {other:?}\n\n{HELP}");
            EXIT_USAGE
        }
        None => {
            let _ = write!(err, "{HELP}");
            EXIT_USAGE
        }
    }
}

fn parse_regen(args: &[String]) -> Result<(Options, bool, Option<String>), String> {
    let mut options = Options::default();
    let mut check = false;
    let mut from = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--allow-removals" => options.allow_removals = true,
            "--from" => {
                let path = args.next().ok_or("--from needs a path")?;
                from = Some(path.clone());
            }
            other => match other.strip_prefix("--from=") {
                Some(path) => from = Some(path.to_owned()),
                None => return Err(format!("unknown argument {other:?}")),
            },
        }
    }
    Ok((options, check, from))
}

fn regen_command(
    mut options: Options,
    check: bool,
    from: Option<&str>,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    options.root = root.to_path_buf();
    if let Some(path) = from {
        match std::fs::read(path) {
            Ok(bytes) => {
                options.new_document = Some(bytes);
                options.new_document_source = Some(path.to_owned());
            }
            Err(e) => {
                let _ = writeln!(err, "error: {path}: cannot read: {e}");
                return EXIT_FAILURE;
            }
        }
    }
    let plan = match regen::plan(&options) {
        Ok(plan) => plan,
        Err(failure) => {
            let _ = writeln!(err, "error: {failure}");
            return EXIT_FAILURE;
        }
    };
    let _ = write!(out, "{}", regen::summary(&plan));
    if check {
        let stale = regen::stale(&plan);
        if stale.is_empty() {
            let _ = writeln!(out, "all generated files are current");
            return EXIT_OK;
        }
        for file in &stale {
            let _ = write!(out, "{}", regen::unified_diff(root, file));
        }
        let names: Vec<String> = stale
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .unwrap_or(&f.path)
                    .display()
                    .to_string()
            })
            .collect();
        let _ = writeln!(
            err,
            "error: stale generated files: {}\nrun `cargo xtask regen` and commit the result",
            names.join(", ")
        );
        return EXIT_FAILURE;
    }
    match regen::apply(&plan, &options) {
        Ok(written) if written.is_empty() => {
            let _ = writeln!(out, "all generated files are current");
            EXIT_OK
        }
        Ok(written) => {
            for path in written {
                let _ = writeln!(
                    out,
                    "wrote {}",
                    path.strip_prefix(root).unwrap_or(&path).display()
                );
            }
            EXIT_OK
        }
        Err(failure) => {
            let _ = writeln!(err, "error: {failure}");
            EXIT_FAILURE
        }
    }
}
