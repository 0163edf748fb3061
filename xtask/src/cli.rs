//! Command-line parsing and the exit codes of `cargo xtask`.

use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::fetch::{self, FetchOptions};
use crate::files::{self, FileWrite};
use crate::regen::{self, Options};
use crate::report;

/// Success: the files are current (or were brought up to date). With
/// `--fetch`: the registry was already current, nothing (but perhaps the
/// fetch state) was rewritten.
pub const EXIT_OK: i32 = 0;
/// Failure: invalid input, refused document, I/O error, or (with `--check`)
/// stale files.
pub const EXIT_FAILURE: i32 = 1;
/// The command line could not be understood.
pub const EXIT_USAGE: i32 = 2;
/// With `--fetch`: the registry changed and files were rewritten.
pub const EXIT_CHANGED: i32 = 3;
/// With `--fetch`: the download failed (no connection, timeout, HTTP error
/// status after the retries, redirect problem, truncated body).
pub const EXIT_NETWORK: i32 = 4;

/// The text of `cargo xtask help`.
pub const HELP: &str = "\
cargo xtask: automation for the ws-close-codes workspace

USAGE:
    cargo xtask regen [--from PATH | --fetch [--url URL]] [--allow-removals]
                      [--report PATH] [--check]
    cargo xtask sync [--url URL] [--out DIR] [--commit BRANCH]
    cargo xtask drill [--quick] [--dir DIR]
    cargo xtask release [--dry-run] [--date YYYY-MM-DD]
    cargo xtask release --notes [VERSION] | --publish-order
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
                       of added, removed and changed codes, and adds an entry
                       for each under `## Unreleased` in CHANGELOG.md (written
                       with the other files).
    --fetch            Download the document from IANA and then do what --from
                       does with it. Also refused: anything that is not the
                       registry (an HTML page, an empty or truncated body, XML
                       without the close-code registry) and a document whose
                       `updated` date is older than the snapshot's. The ETag and
                       Last-Modified of the download are kept in
                       registry/websocket.xml.fetch.toml and sent back next time;
                       a 304 Not Modified writes nothing. Proxies are taken from
                       the usual environment variables (https_proxy, NO_PROXY...).
    --url URL          With --fetch: where from (default
                       https://www.iana.org/assignments/websocket/websocket.xml).
                       https only; plain http only for loopback addresses.
    --connect-timeout SECS  With --fetch: connection limit (default 10).
    --timeout SECS     With --fetch: limit for one attempt, connection to last
                       byte (default 60).
    --retries N        With --fetch: further attempts after a connection error,
                       a 5xx or a 429 (default 3, at most 10). Never after other
                       statuses.
    --retry-backoff-ms MS  With --fetch: wait before the first retry, doubled for
                       each next one (default 1000); a Retry-After in seconds
                       wins. Waits are capped at 60 s.
    --max-bytes N      With --fetch: largest body accepted (default 4194304).
    --report PATH      With --from or --fetch: write a Markdown report (dates,
                       added/changed/removed codes, new identifiers, warnings,
                       semantic-versioning consequence), usable as a pull request
                       body. Written only when the run succeeds, and not on a 304.
    --allow-removals   Accept a new document that lacks codes the snapshot has
                       (refused by default: mirrors serve stale copies).
    --check            Write nothing. Exit 1 and print a unified diff of every
                       stale file, and the command that fixes it. Not with
                       --fetch or --report.

sync
    The registry sync, as the scheduled workflow runs it: regen --fetch with
    --report DIR/report.md; when the registry changed, cargo test --workspace;
    when registered codes changed, cargo xtask release and cargo metadata
    --locked; then the release is appended to the report (the pull request's
    body). Everything printed also goes to DIR/log.txt; a failure writes the
    body of the issue to open to DIR/issue.md.

    --out DIR          Where the report, the log and the issue body go
                       (default: target/sync, or $CARGO_TARGET_DIR/sync).
    --commit BRANCH    Commit the change on BRANCH (git switch --force-create),
                       with the report's title as the message; the work tree
                       must be clean afterwards.
    --url URL ...      The download options of regen --fetch, passed on.
    Exit status: 0 the registry was current, 3 it changed and every step
    passed, 4 the download failed, 1 any other failure.

drill
    Proves that IANA's next registrations need no hand edit: copies the
    workspace to DIR/workspace (default: target/drill, or $CARGO_TARGET_DIR/drill;
    its build output goes to DIR/target) and applies later versions of the
    registry in turn: (a) a new 3000-3999 code with a long description and a new
    person, (b) a new 1000-2999 code with an RFC reference below registered
    codes, (c) a reworded description and a moved reference, (d) a contact
    changed from a person to plain text, each regenerated and checked with
    regen --check, cargo test --workspace, cargo clippy -D warnings and cargo doc
    with warnings denied; then (e) a stale copy lacking (b)'s code, which must be
    refused with nothing written, and (f) a wrong date in the generated code,
    which the crate's tests must notice. Exits 1 naming the step and the check
    that failed. --quick runs only regen and regen --check (seconds).
release
    Releases what CHANGELOG.md lists under `## Unreleased`. The next version
    follows Cargo's semver rules: a `### Removed` subsection or an entry that
    starts with `**Breaking**` is breaking (major; below 1.0 the minor number;
    0.0.z the patch number); `### Added`, `### Changed`, `### Deprecated` are
    compatible (minor; below 1.0 the patch number); `### Fixed`, `### Security`
    are fixes (patch). A version in Cargo.toml without a CHANGELOG.md section
    was never released and is released as it is. Writes together: the
    workspace version and the exact requirements (`=X.Y.Z`) on the published
    crates in Cargo.toml, the lock files, and `## X.Y.Z - DATE` under a new
    empty `## Unreleased`. Refuses an empty `## Unreleased` (nothing to
    release).

    --dry-run          Print the version, the bump and why, and the publish
                       order; write nothing.
    --date YYYY-MM-DD  The release date (default: today, UTC).
    --notes [VERSION]  Print the CHANGELOG.md section of VERSION (default: the
                       version in Cargo.toml), without its heading.
    --publish-order    Print the published crates, one a line, in the order to
                       publish them (from cargo metadata).

EXIT STATUS:
    0  success; with --check: every file is current; with --fetch: the
       registry was already current (a 304, or the same document)
    1  failure (the reason is on stderr): invalid or refused document, I/O
       error; with --check: some file is stale
    2  the command line could not be understood
    3  with --fetch: the registry changed and files were rewritten
    4  with --fetch: the download failed (connection, timeout, HTTP error
       status after the retries, redirects, truncated body)
";

/// Runs `cargo xtask` with `args` (without the program name) against the
/// workspace at `root`. Returns the exit code. A download shows a progress
/// line on `err` when standard error is a terminal and `CI` is not set.
pub fn run(args: &[String], root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    run_with(args, root, out, err, interactive)
}

/// [`run`] without a progress line, for another command that runs this
/// one: the exit code, and what it printed (standard output, then standard
/// error).
pub fn run_captured(args: &[String], root: &Path) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(args, root, &mut out, &mut err, false);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&String::from_utf8_lossy(&err));
    (code, text)
}

/// [`run`], with the progress line on (`progress`) or off.
pub fn run_with(
    args: &[String],
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> i32 {
    match args.first().map(String::as_str) {
        Some("regen") => match parse_regen(&args[1..]) {
            Ok(regen) => regen_command(regen, root, out, err, progress),
            Err(message) => {
                let _ = writeln!(err, "error: {message}\n\n{HELP}");
                EXIT_USAGE
            }
        },
        Some("drill") => match parse_drill(&args[1..], root) {
            Ok(options) => match crate::drill::run(&options, out) {
                Ok(()) => EXIT_OK,
                Err(failure) => {
                    let _ = writeln!(err, "error: {failure}");
                    EXIT_FAILURE
                }
            },
            Err(message) => {
                let _ = writeln!(err, "error: {message}\n\n{HELP}");
                EXIT_USAGE
            }
        },
        Some("release") => crate::release::command(&args[1..], root, out, err),
        Some("sync") => match crate::sync::parse(&args[1..], root) {
            Ok(options) => crate::sync::run(&options, out),
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

fn parse_drill(args: &[String], root: &Path) -> Result<crate::drill::Options, String> {
    let mut options = crate::drill::Options::new(root);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.checks = crate::drill::Checks::Regen,
            "--dir" => {
                let dir = args.next().ok_or("--dir needs a value")?;
                options.dir = PathBuf::from(dir);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

/// A parsed `regen` command line.
#[derive(Debug, Default)]
struct Regen {
    options: Options,
    check: bool,
    from: Option<String>,
    fetch: Option<FetchOptions>,
    report: Option<PathBuf>,
}

fn seconds(name: &str, value: &str) -> Result<Duration, String> {
    match value.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 3600.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "{name} needs a number of seconds between 0 and 3600, not {value:?}"
        )),
    }
}

fn number<T: std::str::FromStr + PartialOrd>(
    name: &str,
    value: &str,
    min: T,
    max: T,
) -> Result<T, String> {
    match value.parse::<T>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(format!(
            "{name}: {value:?} is not a whole number in the allowed range"
        )),
    }
}

/// The options that tune a download, meaningful only with `--fetch`.
pub(crate) const FETCH_ONLY: &[&str] = &[
    "--url",
    "--connect-timeout",
    "--timeout",
    "--retries",
    "--retry-backoff-ms",
    "--max-bytes",
];

fn parse_regen(args: &[String]) -> Result<Regen, String> {
    let mut regen = Regen::default();
    let mut fetch = false;
    let mut fetch_options = FetchOptions::default();
    let mut fetch_only: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let takes_value = FETCH_ONLY.contains(&name) || matches!(name, "--from" | "--report");
        let value = if takes_value {
            match inline {
                Some(value) => value,
                None => args
                    .next()
                    .cloned()
                    .ok_or(format!("{name} needs a value"))?,
            }
        } else if inline.is_some() {
            return Err(format!("{name} takes no value"));
        } else {
            String::new()
        };
        match name {
            "--check" => regen.check = true,
            "--allow-removals" => regen.options.allow_removals = true,
            "--fetch" => fetch = true,
            "--from" => regen.from = Some(value),
            "--report" => regen.report = Some(PathBuf::from(value)),
            "--url" => fetch_options.url = value,
            "--connect-timeout" => fetch_options.connect_timeout = seconds(name, &value)?,
            "--timeout" => fetch_options.timeout = seconds(name, &value)?,
            "--retries" => fetch_options.retries = number(name, &value, 0, 10)?,
            "--retry-backoff-ms" => {
                fetch_options.backoff = Duration::from_millis(number(name, &value, 0, 600_000)?);
            }
            "--max-bytes" => fetch_options.max_bytes = number(name, &value, 1, 1 << 30)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
        if FETCH_ONLY.contains(&name) {
            fetch_only.push(name);
        }
    }
    if let Some(name) = fetch_only.first().filter(|_| !fetch) {
        return Err(format!("{name} works only with --fetch"));
    }
    if fetch && regen.from.is_some() {
        return Err("--fetch and --from cannot be used together".into());
    }
    if regen.check && (fetch || regen.report.is_some()) {
        return Err("--check cannot be used with --fetch or --report".into());
    }
    if regen.report.is_some() && !fetch && regen.from.is_none() {
        return Err("--report works only with --from or --fetch".into());
    }
    if fetch {
        regen.fetch = Some(fetch_options);
    }
    Ok(regen)
}

/// Writes `text` to `err`, shared by the retry log and the progress line.
struct Messages<'a> {
    err: RefCell<&'a mut dyn Write>,
    progress: bool,
    last: Cell<Option<Instant>>,
    shown: Cell<bool>,
}

impl Messages<'_> {
    fn line(&self, text: &str) {
        let mut err = self.err.borrow_mut();
        if self.shown.replace(false) {
            let _ = writeln!(err);
        }
        let _ = writeln!(err, "{text}");
    }

    fn progress(&self, url: &str, received: u64, total: Option<u64>) {
        if !self.progress {
            return;
        }
        let now = Instant::now();
        let done = total == Some(received);
        if !done
            && self
                .last
                .get()
                .is_some_and(|t| now.duration_since(t) < Duration::from_millis(100))
        {
            return;
        }
        self.last.set(Some(now));
        self.shown.set(true);
        let kib = |n: u64| n as f64 / 1024.0;
        let total = total
            .map(|t| format!(" of {:.1} KiB", kib(t)))
            .unwrap_or_default();
        let mut err = self.err.borrow_mut();
        let _ = write!(
            err,
            "\rdownloading {url}: {:.1} KiB{total}\x1b[K",
            kib(received)
        );
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.shown.replace(false) {
            let _ = writeln!(self.err.borrow_mut());
        }
    }
}

/// What `--fetch` brought, for the state file, the report and messages.
struct Download {
    url: String,
    validators: fetch::Validators,
    received: fetch::Received,
}

fn regen_command(
    regen: Regen,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> i32 {
    let Regen {
        mut options,
        check,
        from,
        fetch: fetch_options,
        report,
    } = regen;
    options.root = root.to_path_buf();
    if let Some(path) = &from {
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
    let mut download = None;
    if let Some(fetch_options) = &fetch_options {
        match download_document(fetch_options, root, out, err, progress) {
            Ok(Some((bytes, fetched))) => {
                options.new_document = Some(bytes);
                options.new_document_source = Some(fetched.url.clone());
                download = Some(fetched);
            }
            Ok(None) => return EXIT_OK,
            Err(code) => return code,
        }
    }
    let received = |download: &Option<Download>| match download {
        Some(d) => format!("\nreceived {}", d.received),
        None => String::new(),
    };
    let mut plan = match regen::plan(&options) {
        Ok(plan) => plan,
        Err(failure) => {
            let mut message = format!("error: {failure}{}", received(&download));
            if download.is_some() && !message.to_ascii_lowercase().contains("nothing was written") {
                message.push_str("\nnothing was written");
            }
            let _ = writeln!(err, "{message}");
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

    // The report is rendered against the files as they are before the run.
    let report = match &report {
        Some(path) => {
            let source = report::Source {
                location: options.new_document_source.clone().unwrap_or_default(),
                detail: download
                    .as_ref()
                    .map(|d| format!("HTTP {}, {} bytes", d.received.status, d.received.size)),
            };
            Some((path.clone(), report::render(&plan, root, &source)))
        }
        None => None,
    };
    if let (Some(d), Some(bytes)) = (&download, &options.new_document) {
        plan.files.push(FileWrite {
            path: root.join(fetch::STATE),
            content: fetch::State::new(&d.url, d.validators.clone(), bytes)
                .render()
                .into_bytes(),
        });
    }
    // Stage the report next to its target before touching the workspace, so
    // a report that cannot be written stops the run before anything changes.
    let staged_report = match &report {
        Some((path, text)) => match files::stage_file(path, text.as_bytes()) {
            Ok(temporary) => Some((path.clone(), temporary)),
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: {}: cannot write the report: {e}; nothing was written",
                    path.display()
                );
                return EXIT_FAILURE;
            }
        },
        None => None,
    };
    let written = match regen::apply(&plan, &options) {
        Ok(written) => written,
        Err(failure) => {
            if let Some((_, temporary)) = &staged_report {
                let _ = std::fs::remove_file(temporary);
            }
            let _ = writeln!(err, "error: {failure}");
            return EXIT_FAILURE;
        }
    };
    let workspace_changed = written.iter().any(|path| {
        [
            regen::SNAPSHOT,
            regen::NAMES,
            regen::GENERATED,
            regen::README,
        ]
        .iter()
        .any(|file| *path == root.join(file))
    });
    if written.is_empty() {
        let _ = writeln!(out, "all generated files are current");
    }
    for path in &written {
        let _ = writeln!(
            out,
            "wrote {}",
            path.strip_prefix(root).unwrap_or(path).display()
        );
    }
    if let Some((path, temporary)) = staged_report {
        if let Err(e) = std::fs::rename(&temporary, &path) {
            let _ = std::fs::remove_file(&temporary);
            let _ = writeln!(
                err,
                "error: {}: cannot write the report: {e}",
                path.display()
            );
            return EXIT_FAILURE;
        }
        let _ = writeln!(out, "wrote report {}", path.display());
    }
    match (&download, workspace_changed) {
        (Some(_), true) => {
            let _ = writeln!(
                out,
                "the registry changed: files were rewritten (exit status {EXIT_CHANGED})"
            );
            EXIT_CHANGED
        }
        (Some(_), false) => {
            let _ = writeln!(out, "the registry is current");
            EXIT_OK
        }
        (None, _) => EXIT_OK,
    }
}

/// Downloads the registry for `--fetch` and checks that it is a registry
/// no older than the snapshot. `Ok(None)`: not modified (nothing to do).
/// `Err`: the exit code, the reason already written to `err`.
fn download_document(
    options: &FetchOptions,
    root: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> Result<Option<(Vec<u8>, Download)>, i32> {
    let snapshot = match std::fs::read(root.join(regen::SNAPSHOT)) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(err, "error: {}: cannot read: {e}", regen::SNAPSHOT);
            return Err(EXIT_FAILURE);
        }
    };
    let old = match ws_close_codes_registry::parse(&snapshot) {
        Ok(registry) => registry,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", regen::SNAPSHOT);
            return Err(EXIT_FAILURE);
        }
    };
    let messages = Messages {
        err: RefCell::new(err),
        progress,
        last: Cell::new(None),
        shown: Cell::new(false),
    };
    let state = match std::fs::read_to_string(root.join(fetch::STATE)) {
        Ok(text) => match fetch::State::parse(&text) {
            Ok(state) => Some(state),
            Err(e) => {
                messages.line(&format!(
                    "warning: {}: {e}; downloading without validators",
                    fetch::STATE
                ));
                None
            }
        },
        Err(_) => None,
    };
    let validators = state
        .filter(|s| s.applies_to(&options.url, &snapshot))
        .map(|s| s.validators)
        .filter(|v| !v.is_empty());
    let result = fetch::fetch(
        options,
        validators.as_ref(),
        &mut |line| messages.line(line),
        &mut |received, total| messages.progress(&options.url, received, total),
    );
    messages.finish();
    let err = messages.err.into_inner();
    match result {
        Ok(fetch::Fetched::NotModified { url }) => {
            let _ = writeln!(
                out,
                "the registry is current: {url} answered 304 Not Modified; nothing was written"
            );
            Ok(None)
        }
        Ok(fetch::Fetched::Document {
            bytes,
            validators,
            received,
        }) => {
            let new = match ws_close_codes_registry::parse(&bytes) {
                Ok(registry) => registry,
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "error: refusing the response from {}: not a valid registry document: {e}\nreceived {received}\nnothing was written",
                        received.url
                    );
                    return Err(EXIT_FAILURE);
                }
            };
            if new.document_updated < old.document_updated {
                let _ = writeln!(
                    err,
                    "error: refusing the response from {}: the document was updated {}, before the snapshot ({}): \
                     a stale mirror or cache?\nreceived {received}\nnothing was written",
                    received.url, new.document_updated, old.document_updated
                );
                return Err(EXIT_FAILURE);
            }
            if bytes == snapshot {
                let _ = writeln!(out, "the downloaded document is identical to the snapshot");
            }
            Ok(Some((
                bytes,
                Download {
                    url: options.url.clone(),
                    validators,
                    received,
                },
            )))
        }
        Err(error) => {
            let code = match error {
                fetch::FetchError::Url(_) => EXIT_USAGE,
                fetch::FetchError::Download(_) => EXIT_NETWORK,
                fetch::FetchError::Refused(_) => EXIT_FAILURE,
            };
            let _ = writeln!(err, "error: {error}\nnothing was written");
            Err(code)
        }
    }
}
