//! Each browser engine as the peer: every `CloseEvent` a page reports for
//! the bodies of `browser_check::cases()` must equal
//! `CloseEvent::from_body_as` for that engine and be what its
//! `Peer::receives` says (delivered as sent, or failed with an `error`
//! event and 1006), and the codes `WebSocket.close(code)` accepts must be
//! those of `CloseCode::is_accepted_by_websocket_close`. Prints one table
//! per engine.
//!
//! An engine runs only when its variable (`Engine::variable`) names its
//! executable; otherwise the test says whether the engine is installed and
//! skips it. Everything stays on 127.0.0.1.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use browser_check::{cases, close_frame, frame_len, page, Case, Engine};
use futures_util::StreamExt;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::time::{sleep_until, timeout};
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::Message;
use ws_close_codes::{Browser, CloseCode, Delivery};
use ws_close_codes_test_support::ranges::ranges;

type BoxError = Box<dyn Error + Send + Sync>;

/// From starting the browser to the page's last report.
const TIME_LIMIT: Duration = Duration::from_secs(300);
/// For one connection's closing handshake, and for the browser to exit.
const STEP_LIMIT: Duration = Duration::from_secs(10);

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut failed = false;
    for engine in Engine::all() {
        let name = engine.browser.peer().name();
        let Some(executable) = std::env::var_os(engine.variable()) else {
            let installed = if installed(engine) {
                format!("installed ({})", engine.usual_path())
            } else {
                format!("not installed (Debian's packages: {})", engine.packages())
            };
            println!(
                "skipped {name}: {installed}; set {}={} to run it",
                engine.variable(),
                engine.usual_path()
            );
            continue;
        };
        if let Err(error) = runtime.block_on(run(engine, Path::new(&executable))) {
            eprintln!("browser-check failed for {name}: {error}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether the engine is there at its usual path: for WebKitGTK, a Python
/// that imports WebKit2 4.1 through `gi`.
fn installed(engine: Engine) -> bool {
    let path = Path::new(engine.usual_path());
    match engine.browser {
        Browser::WebKit => std::process::Command::new(path)
            .args(["-c", "import gi; gi.require_version('WebKit2', '4.1')"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success()),
        _ => path.exists(),
    }
}

/// What the page saw for one case: code, reason, wasClean, and whether an
/// `error` event came before the `close` event.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    code: u16,
    reason: String,
    clean: bool,
    error: bool,
}

/// Everything the page reported.
#[derive(Default)]
struct Reports {
    user_agent: String,
    events: BTreeMap<usize, Seen>,
    accepted: Vec<u16>,
    thrown: BTreeMap<String, u64>,
}

async fn run(engine: Engine, executable: &Path) -> Result<(), BoxError> {
    let started = Instant::now();
    let browser = engine.browser;
    let name = browser.peer().name();
    println!("\n{name} ({}):", executable.display());

    let cases = Arc::new(cases());
    let page_listener = TcpListener::bind("127.0.0.1:0").await?;
    let ws_listener = TcpListener::bind("127.0.0.1:0").await?;
    let html = Arc::new(page(ws_listener.local_addr()?.port(), cases.len()));
    let url = format!("http://127.0.0.1:{}/", page_listener.local_addr()?.port());
    let page_server = tokio::spawn(serve_page(page_listener, html));
    let (reports_tx, reports_rx) = mpsc::unbounded_channel();
    let ws_server = tokio::spawn(serve_websockets(ws_listener, cases.clone(), reports_tx));

    let dir = tempfile::tempdir()?;
    let profile = dir.path().join("profile");
    std::fs::create_dir(&profile)?;
    std::fs::write(profile.join("user.js"), browser_check::FIREFOX_PREFS)?;
    std::fs::write(profile.join("webkit_view.py"), browser_check::WEBKIT_VIEW)?;
    let log_path = dir.path().join("browser.log");
    let (program, args) = engine.command(executable, &profile, &url);
    let mut child = launch(&program, &args, &log_path)?;
    let collected = collect(name, &mut child, reports_rx).await;
    stop(child).await;
    page_server.abort();
    ws_server.abort();
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let reports = collected.map_err(|error| {
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("{error}\nlast lines of the browser's output:\n{tail}")
    })?;

    // The version as the engine reports it: `--version`, or for WebKitGTK
    // the line the web view's program printed.
    let version = match browser {
        Browser::WebKit => log
            .lines()
            .find(|line| line.starts_with("WebKitGTK "))
            .unwrap_or("WebKitGTK: no version printed")
            .to_owned(),
        _ => {
            let output = std::process::Command::new(executable)
                .arg("--version")
                .stderr(Stdio::null())
                .output()?;
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
    };
    println!("version: {version}");
    println!("navigator.userAgent: {}", reports.user_agent);
    let measured = browser.peer().version();
    let same = version
        .split([' ', '.'])
        .collect::<Vec<_>>()
        .windows(measured.split('.').count())
        .any(|parts| parts.join(".") == measured);
    println!(
        "the crate's data is for: {}{}",
        browser.peer(),
        if same {
            ""
        } else {
            " (another version: if this run agrees, update its version in crates/ws-close-codes/src/measured.rs)"
        }
    );

    let events_ok = compare_events(browser, &cases, &reports);
    let calls_ok = compare_close_calls(&reports);
    println!("time: {:.1} s", started.elapsed().as_secs_f64());
    if events_ok && calls_ok {
        Ok(())
    } else {
        Err(format!("{name} disagrees with ws-close-codes (see above)").into())
    }
}

/// Whether the page saw what the crate says for `case`:
/// `CloseEvent::from_body_as` and `Peer::receives`.
fn agrees(browser: Browser, case: &Case, seen: &Seen) -> bool {
    let expected = case.expected(browser);
    let event_agrees = seen.code == expected.code().as_u16()
        && seen.reason == expected.reason()
        && seen.clean == expected.was_clean();
    event_agrees && agrees_with_delivery(browser, case, seen)
}

/// What the page saw, in a table's words: `reported as sent, clean` when
/// it was told the code and reason sent, without an error event.
fn outcome(case: &Case, seen: &Seen) -> String {
    let as_sent = case.body.split_at_checked(2).is_some_and(|(code, reason)| {
        u16::from_be_bytes([code[0], code[1]]) == seen.code && reason == seen.reason.as_bytes()
    });
    if as_sent && seen.clean && !seen.error {
        "reported as sent, clean".to_owned()
    } else {
        describe(seen)
    }
}

/// Prints the engine's table (the bodies sent and what the page saw,
/// grouped) and every case where the page and the crate differ; true when
/// all agree.
fn compare_events(browser: Browser, cases: &[Case], reports: &Reports) -> bool {
    let mut agree = 0;
    let mut different = Vec::new();
    // Codes sent with a reason the page can be told, by outcome; then the
    // other bodies, one row each.
    let mut by_code: BTreeMap<u16, (String, bool)> = BTreeMap::new();
    let mut other_rows: Vec<(String, String, bool)> = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let Some(seen) = reports.events.get(&i) else {
            different.push(format!("{}: nothing reported", case.label));
            continue;
        };
        let ok = agrees(browser, case, seen);
        if ok {
            agree += 1;
        } else {
            let expected = case.expected(browser);
            different.push(format!(
                "{} ({} bytes): saw {}; expected {}, {}, {:?}; Peer::receives says {}",
                case.label,
                case.body.len(),
                describe(seen),
                expected.code().as_u16(),
                if expected.was_clean() {
                    "clean"
                } else {
                    "not clean"
                },
                expected.reason(),
                browser.peer().receives(&case.body)
            ));
        }
        let outcome = outcome(case, seen);
        match case.code_with_reason() {
            Some(code) => {
                let entry = by_code.entry(code).or_insert((outcome.clone(), true));
                if entry.0 != outcome {
                    entry.0 = format!("{} / {outcome}", entry.0);
                }
                entry.1 &= ok;
            }
            None => other_rows.push((case.label.clone(), outcome, ok)),
        }
    }
    // Runs of consecutive codes sent with one outcome, as `first-last`.
    let mut rows: Vec<(String, Vec<String>, usize, bool)> = Vec::new();
    let mut run: Option<(u16, u16, usize, String, bool)> = None;
    let flush = |run: (u16, u16, usize, String, bool),
                 rows: &mut Vec<(String, Vec<String>, usize, bool)>| {
        let (first, last, count, outcome, ok) = run;
        let span = if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        };
        match rows.iter_mut().find(|row| row.0 == outcome) {
            Some(row) => {
                row.1.push(span);
                row.2 += count;
                row.3 &= ok;
            }
            None => rows.push((outcome, vec![span], count, ok)),
        }
    };
    for (&code, (outcome, ok)) in &by_code {
        run = match run.take() {
            Some((first, _, count, current, all_ok)) if current == *outcome => {
                Some((first, code, count + 1, current, all_ok && *ok))
            }
            Some(done) => {
                flush(done, &mut rows);
                Some((code, code, 1, outcome.clone(), *ok))
            }
            None => Some((code, code, 1, outcome.clone(), *ok)),
        };
    }
    if let Some(done) = run {
        flush(done, &mut rows);
    }
    println!("\n| body sent | codes or bodies sent | the page saw | the crate |");
    println!("|---|---|---|---|");
    for (outcome, spans, count, ok) in &rows {
        println!(
            "| codes {} | {count} | {outcome} | {} |",
            spans.join(", "),
            if *ok { "agrees" } else { "DIFFERS" }
        );
    }
    for (label, outcome, ok) in &other_rows {
        println!(
            "| {label} | 1 | {outcome} | {} |",
            if *ok { "agrees" } else { "DIFFERS" }
        );
    }
    let accepted = ranges(&reports.accepted);
    println!("| `WebSocket.close(code)` | 65536 calls | accepts {accepted} | see below |");
    for line in &different {
        println!("DIFFERENT: {line}");
    }
    println!(
        "close events: {} cases, {agree} agree with CloseEvent::from_body_as and \
         Peer::receives, {} differ",
        cases.len(),
        cases.len() - agree
    );
    agree == cases.len()
}

/// Whether what the page saw is what `Peer::receives` says: the code and
/// reason sent, clean, no error event (1005 for a body without a code),
/// when delivered; an error event, the failure's reported code, no reason,
/// not clean, when failed.
fn agrees_with_delivery(browser: Browser, case: &Case, seen: &Seen) -> bool {
    match browser.peer().receives(&case.body) {
        Delivery::Delivered => {
            let (sent_code, sent_reason) = match case.body.split_at_checked(2) {
                Some((sent_code, sent_reason)) => (
                    u16::from_be_bytes([sent_code[0], sent_code[1]]),
                    sent_reason,
                ),
                None => (1005, &[][..]),
            };
            seen.clean
                && !seen.error
                && seen.code == sent_code
                && seen.reason.as_bytes() == sent_reason
        }
        Delivery::Failed(failure) => {
            !seen.clean
                && seen.error
                && failure.error() == "error"
                && seen.reason.is_empty()
                && failure.reported_code().map(CloseCode::as_u16) == Some(seen.code)
        }
        _ => false,
    }
}

/// Prints which codes `WebSocket.close(code)` accepted; true when they
/// are exactly the codes of `CloseCode::is_accepted_by_websocket_close`.
fn compare_close_calls(reports: &Reports) -> bool {
    let expected: Vec<u16> = (0..=u16::MAX)
        .filter(|&code| CloseCode::from(code).is_accepted_by_websocket_close())
        .collect();
    let thrown: u64 = reports.thrown.values().sum();
    let errors: Vec<String> = reports
        .thrown
        .iter()
        .map(|(name, count)| format!("{count} {name}"))
        .collect();
    let calls = reports.accepted.len() as u64 + thrown;
    let ok = reports.accepted == expected && calls == 65_536;
    println!(
        "WebSocket.close(code): {calls} calls, {} accepted ({}), {thrown} threw ({}); \
         is_accepted_by_websocket_close is true for {} codes ({}): {}",
        reports.accepted.len(),
        ranges(&reports.accepted),
        errors.join(", "),
        expected.len(),
        ranges(&expected),
        if ok { "the same" } else { "DIFFERENT" },
    );
    ok
}

fn describe(seen: &Seen) -> String {
    let clean = if seen.clean { "clean" } else { "not clean" };
    let error = if seen.error { ", error event" } else { "" };
    let code = seen.code;
    match seen.reason.len() {
        0 => format!("{code}, {clean}{error}"),
        1..=40 => format!("{code}, {clean}{error}, reason {:?}", seen.reason),
        len => format!("{code}, {clean}{error}, a {len}-byte reason"),
    }
}

fn launch(program: &Path, args: &[String], log: &Path) -> Result<Child, BoxError> {
    let log = std::fs::File::create(log)?;
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        // Its own process group, so that stopping it reaches its helpers
        // (and, for WebKitGTK, Xvfb and the web view's processes).
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", program.display()))?;
    Ok(child)
}

/// Ends the browser and its helper processes: SIGTERM to its process
/// group, SIGKILL if it has not exited after `STEP_LIMIT`.
async fn stop(mut child: Child) {
    let Some(pid) = child.id() else {
        return;
    };
    signal_group(pid, "TERM");
    if timeout(STEP_LIMIT, child.wait()).await.is_err() {
        signal_group(pid, "KILL");
        let _ = child.wait().await;
    }
}

fn signal_group(pid: u32, signal: &str) {
    let _ = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg("--")
        .arg(format!("-{pid}"))
        .stderr(Stdio::null())
        .status();
}

/// Reads the page's reports until it says it is done, the browser exits,
/// or `TIME_LIMIT` passes.
async fn collect(
    name: &str,
    child: &mut Child,
    mut reports_rx: mpsc::UnboundedReceiver<String>,
) -> Result<Reports, BoxError> {
    let deadline = tokio::time::Instant::now() + TIME_LIMIT;
    let mut reports = Reports::default();
    loop {
        let text = tokio::select! {
            text = reports_rx.recv() => text.ok_or("the report server stopped")?,
            status = child.wait() => return Err(format!("{name} exited early: {}", status?).into()),
            () = sleep_until(deadline) => {
                return Err(format!(
                    "no result within {} s ({} of the cases reported)",
                    TIME_LIMIT.as_secs(),
                    reports.events.len(),
                )
                .into())
            }
        };
        let report: Value = serde_json::from_str(&text)?;
        if let Some(i) = report.get("case") {
            let i = i.as_u64().ok_or("case is not a number")? as usize;
            let code = report["code"].as_u64().ok_or("code is not a number")?;
            let reason = report["reason"].as_str().ok_or("reason is not a string")?;
            let clean = report["wasClean"]
                .as_bool()
                .ok_or("wasClean is not a bool")?;
            let error = report["error"].as_bool().ok_or("error is not a bool")?;
            let code = u16::try_from(code)?;
            let seen = Seen {
                code,
                reason: reason.to_owned(),
                clean,
                error,
            };
            reports.events.insert(i, seen);
        } else if let Some(agent) = report.get("userAgent") {
            agent
                .as_str()
                .unwrap_or_default()
                .clone_into(&mut reports.user_agent);
        } else if let Some(calls) = report.get("closeCalls") {
            let accepted = calls["accepted"].as_array().ok_or("no accepted list")?;
            for code in accepted {
                let code = code.as_u64().ok_or("an accepted code is not a number")?;
                reports.accepted.push(u16::try_from(code)?);
            }
            let thrown = calls["thrown"].as_object().ok_or("no thrown counts")?;
            for (name, count) in thrown {
                let count = count.as_u64().ok_or("a count is not a number")?;
                reports.thrown.insert(name.clone(), count);
            }
        } else if report.get("done").is_some() {
            return Ok(reports);
        } else {
            return Err(format!("the page reported: {text}").into());
        }
    }
}

/// Serves the page at `/`, 404 for anything else (the browser asks for
/// `/favicon.ico` too).
async fn serve_page(listener: TcpListener, html: Arc<String>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let html = html.clone();
        tokio::spawn(async move {
            if let Err(error) = answer_http(stream, &html).await {
                eprintln!("page server: {error}");
            }
        });
    }
}

async fn answer_http(mut stream: TcpStream, html: &str) -> Result<(), BoxError> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = timeout(STEP_LIMIT, stream.read(&mut buf)).await??;
        if n == 0 || request.len() > 65_536 {
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
    }
    let response = if request.starts_with(b"GET / ") {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
             Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{html}",
            html.len()
        )
    } else {
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
    };
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await?;
    Ok(())
}

/// Accepts the page's WebSockets: `/case/{i}` is closed with case `i`'s
/// body, `/report` carries the page's reports, `/close-calls` is the
/// socket the page calls `close(code)` on.
async fn serve_websockets(
    listener: TcpListener,
    cases: Arc<Vec<Case>>,
    reports: mpsc::UnboundedSender<String>,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let cases = cases.clone();
        let reports = reports.clone();
        tokio::spawn(async move {
            if let Err(error) = answer_websocket(stream, &cases, reports).await {
                eprintln!("websocket server: {error}");
            }
        });
    }
}

async fn answer_websocket(
    stream: TcpStream,
    cases: &[Case],
    reports: mpsc::UnboundedSender<String>,
) -> Result<(), BoxError> {
    let mut path = String::new();
    // The signature, and its large error type, are tungstenite's.
    #[allow(clippy::result_large_err)]
    let callback = |request: &Request, response: Response| {
        path = request.uri().path().to_owned();
        Ok(response)
    };
    let mut socket = timeout(
        STEP_LIMIT,
        tokio_tungstenite::accept_hdr_async(stream, callback),
    )
    .await??;
    if let Some(i) = path.strip_prefix("/case/") {
        let case = cases.get(i.parse::<usize>()?).ok_or("no such case")?;
        // The handshake is done and nothing else was sent: write the Close
        // frame on the TCP stream, since tungstenite sends only valid ones.
        close_raw(socket.get_mut(), &case.body).await
    } else if path == "/report" {
        // Ends with an error when the browser is stopped after its last
        // report; a report that never came is noticed by `collect`.
        while let Some(Ok(message)) = socket.next().await {
            if let Message::Text(text) = message {
                reports.send(text.as_str().to_owned())?;
            }
        }
        Ok(())
    } else if path == "/close-calls" {
        // tungstenite answers the page's Close frame; the stream then ends.
        while socket.next().await.transpose()?.is_some() {}
        Ok(())
    } else {
        Err(format!("unexpected path {path}").into())
    }
}

/// Sends a Close frame with `body`, reads the browser's answer (its Close
/// frame, or the end of the connection when it fails it), then closes the
/// TCP connection, as the server should once Close frames were exchanged.
async fn close_raw(stream: &mut TcpStream, body: &[u8]) -> Result<(), BoxError> {
    stream.write_all(&close_frame(body)).await?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        if frame_len(&answer).is_some_and(|len| answer.len() >= len) {
            break;
        }
        match timeout(STEP_LIMIT, stream.read(&mut buf)).await? {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    stream.shutdown().await?;
    Ok(())
}
