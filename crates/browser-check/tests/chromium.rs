//! Headless Chromium as the peer: every `CloseEvent` a page reports for the
//! bodies of `browser_check::cases()` must equal
//! `CloseEvent::from_body_as_browser` and be what `Peer::Chromium.receives`
//! says (delivered as sent, or failed with 1006), and the codes `WebSocket.close(code)`
//! accepts must be those of `CloseCode::is_accepted_by_websocket_close`.
//!
//! Runs only when `WS_CLOSE_CODES_BROWSER` names the browser's executable;
//! otherwise it prints why it skipped. Everything stays on 127.0.0.1.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use browser_check::{cases, close_frame, frame_len, page, Case};
use futures_util::StreamExt;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::time::{sleep_until, timeout};
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::Message;
use ws_close_codes::{CloseCode, Delivery, Peer};
use ws_close_codes_test_support::ranges::ranges;

type BoxError = Box<dyn Error + Send + Sync>;

const ENV: &str = "WS_CLOSE_CODES_BROWSER";
/// From starting the browser to the page's last report.
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// For one connection's closing handshake, and for the browser to exit.
const STEP_LIMIT: Duration = Duration::from_secs(10);

fn main() -> ExitCode {
    let Some(browser) = std::env::var_os(ENV) else {
        println!("skipped: browser-check needs Chromium; set {ENV}=/usr/bin/chromium to run it");
        return ExitCode::SUCCESS;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(Path::new(&browser))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("browser-check failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What the page saw for one case: code, reason, wasClean.
type Seen = (u16, String, bool);

/// Everything the page reported.
#[derive(Default)]
struct Reports {
    events: BTreeMap<usize, Seen>,
    accepted: Vec<u16>,
    thrown: BTreeMap<String, u64>,
}

async fn run(browser: &Path) -> Result<(), BoxError> {
    let started = Instant::now();
    let version = std::process::Command::new(browser)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {}: {error}", browser.display()))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    println!("browser: {version} ({})", browser.display());

    let cases = Arc::new(cases());
    let page_listener = TcpListener::bind("127.0.0.1:0").await?;
    let ws_listener = TcpListener::bind("127.0.0.1:0").await?;
    let html = Arc::new(page(ws_listener.local_addr()?.port(), cases.len()));
    let url = format!("http://127.0.0.1:{}/", page_listener.local_addr()?.port());
    tokio::spawn(serve_page(page_listener, html));
    let (reports_tx, reports_rx) = mpsc::unbounded_channel();
    tokio::spawn(serve_websockets(ws_listener, cases.clone(), reports_tx));

    let dir = tempfile::tempdir()?;
    let log_path = dir.path().join("chromium.log");
    let mut child = launch(browser, &dir.path().join("profile"), &log_path, &url)?;
    let collected = collect(&mut child, reports_rx).await;
    stop(child).await;
    let reports = collected.map_err(|error| {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("{error}\nlast lines of Chromium's output:\n{tail}")
    })?;

    let events_ok = compare_events(&cases, &reports);
    let calls_ok = compare_close_calls(&reports);
    println!("time: {:.1} s", started.elapsed().as_secs_f64());
    if events_ok && calls_ok {
        Ok(())
    } else {
        Err("the browser disagrees with ws-close-codes (see above)".into())
    }
}

/// Prints each case and whether the page saw what
/// `CloseEvent::from_body_as_browser` says; true when all agree.
fn compare_events(cases: &[Case], reports: &Reports) -> bool {
    println!("\nclose events (sent body -> what the page saw):");
    let mut agree = 0;
    for (i, case) in cases.iter().enumerate() {
        let expected = case.expected();
        let expected: Seen = (
            expected.code().as_u16(),
            expected.reason().to_owned(),
            expected.was_clean(),
        );
        let seen = reports.events.get(&i);
        let delivery_agrees = seen.is_some_and(|seen| agrees_with_delivery(case, seen));
        let verdict = if seen == Some(&expected) && delivery_agrees {
            agree += 1;
            "ok"
        } else {
            "DIFFERENT"
        };
        let seen = seen.map_or_else(|| "nothing reported".to_owned(), describe);
        println!(
            "  {verdict:9} {:<45} {:3} bytes -> {seen}",
            case.label,
            case.body.len()
        );
        if verdict != "ok" {
            println!("            expected {}", describe(&expected));
            println!(
                "            Peer::Chromium.receives says {}",
                Peer::Chromium.receives(&case.body)
            );
        }
    }
    println!(
        "close events: {} cases, {agree} agree with CloseEvent::from_body_as_browser \
         and Peer::Chromium.receives, {} differ",
        cases.len(),
        cases.len() - agree
    );
    agree == cases.len()
}

/// Whether what the page saw is what `Peer::Chromium.receives` says: the
/// code and reason sent, clean (1005 for an empty body), when delivered;
/// the failure's reported code, no reason, not clean, when failed.
fn agrees_with_delivery(case: &Case, (code, reason, clean): &Seen) -> bool {
    match Peer::Chromium.receives(&case.body) {
        Delivery::Delivered => {
            let (sent_code, sent_reason) = match case.body.split_at_checked(2) {
                Some((sent_code, sent_reason)) => (
                    u16::from_be_bytes([sent_code[0], sent_code[1]]),
                    sent_reason,
                ),
                None => (1005, &[][..]),
            };
            *clean && *code == sent_code && reason.as_bytes() == sent_reason
        }
        Delivery::Failed(failure) => {
            !*clean
                && reason.is_empty()
                && failure.reported_code().map(CloseCode::as_u16) == Some(*code)
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
        "\nWebSocket.close(code): {calls} calls, {} accepted ({}), {thrown} threw ({}); \
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

fn describe((code, reason, clean): &Seen) -> String {
    let clean = if *clean { "clean" } else { "not clean" };
    match reason.len() {
        0 => format!("{code}, {clean}"),
        1..=40 => format!("{code}, {clean}, {reason:?}"),
        len => format!("{code}, {clean}, a {len}-byte reason"),
    }
}

fn launch(browser: &Path, profile: &Path, log: &Path, url: &str) -> Result<Child, BoxError> {
    let log = std::fs::File::create(log)?;
    let child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        // Its own process group, so that stopping it reaches its helpers.
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", browser.display()))?;
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
    child: &mut Child,
    mut reports_rx: mpsc::UnboundedReceiver<String>,
) -> Result<Reports, BoxError> {
    let deadline = tokio::time::Instant::now() + TIME_LIMIT;
    let mut reports = Reports::default();
    loop {
        let text = tokio::select! {
            text = reports_rx.recv() => text.ok_or("the report server stopped")?,
            status = child.wait() => return Err(format!("Chromium exited early: {}", status?).into()),
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
            let code = u16::try_from(code)?;
            reports.events.insert(i, (code, reason.to_owned(), clean));
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
