//! `cargo xtask regen --fetch` against a real HTTP server on 127.0.0.1 that
//! the test owns, on temporary copies of the workspace. No internet.

mod common;

use std::time::{Duration, Instant};

use common::{assert_unchanged, full, xml, Document, Reply, Server, Workspace, STATE};
use xtask::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_NETWORK, EXIT_OK, EXIT_USAGE};
use xtask::{fetch, regen};

/// The snapshot with 3017 registered and the document date moved on.
fn with_3017() -> Document {
    Document::baseline()
        .register(3017, "Quota Exceeded", "2026-09-01")
        .updated("2026-09-01")
}

/// Runs a fetch that must fail: asserts the exit code, that no file of the
/// copy changed and that stderr contains every one of `expect`.
fn refused(server: &Server, path: &str, extra: &[&str], code: i32, expect: &[&str]) -> String {
    let copy = Workspace::new();
    let before = copy.files();
    let (exit, out, err) = copy.fetch(&server.url(path), extra);
    assert_eq!(exit, code, "stdout: {out}\nstderr: {err}");
    assert_unchanged(&before, &copy.files(), path);
    for text in expect {
        assert!(err.contains(text), "{text:?} not in: {err}");
    }
    assert!(
        err.to_ascii_lowercase().contains("nothing was written"),
        "{err}"
    );
    err
}

#[test]
fn a_new_registration_is_absorbed_then_304_writes_nothing() {
    let document = with_3017();
    let body = document.bytes();
    let server = Server::start(move |_, request| {
        if request.header("if-none-match") == Some("\"v2\"") {
            full("304 Not Modified", &[("ETag", "\"v2\"")], "")
        } else {
            full(
                "200 OK",
                &[
                    ("Content-Type", "application/xml"),
                    ("ETag", "\"v2\""),
                    ("Last-Modified", "Tue, 01 Sep 2026 10:00:00 GMT"),
                ],
                body.clone(),
            )
        }
    });
    let copy = Workspace::new();
    let reports = tempfile::tempdir().unwrap();
    let report = reports.path().join("report.md");
    let report_arg = report.display().to_string();

    let (code, out, err) = copy.fetch(&server.url("/websocket.xml"), &["--report", &report_arg]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("added:   3017"), "{out}");
    assert!(
        out.contains("new identifier: 3017 -> CloseCode::QuotaExceeded"),
        "{out}"
    );
    assert!(
        out.contains("wrote registry/websocket.xml.fetch.toml"),
        "{out}"
    );
    assert_eq!(
        copy.read(regen::SNAPSHOT),
        document.0,
        "not stored verbatim"
    );
    assert!(copy.read(regen::GENERATED).contains("QuotaExceeded"));
    assert!(copy.read(regen::README).contains("| 3017 |"));
    assert_eq!(copy.pins()[&3017], "QuotaExceeded");
    let state = fetch::State::parse(&copy.read(STATE)).unwrap();
    assert_eq!(state.validators.etag.as_deref(), Some("\"v2\""));
    assert_eq!(
        state.validators.last_modified.as_deref(),
        Some("Tue, 01 Sep 2026 10:00:00 GMT")
    );
    assert_eq!(state.url, server.url("/websocket.xml"));
    assert!(state.applies_to(&state.url, document.0.as_bytes()));
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        text.contains("| 3017 | `QuotaExceeded` | Quota Exceeded |"),
        "{text}"
    );
    assert!(text.contains("**minor**"), "{text}");

    let first = &server.requests()[0];
    assert_eq!(first.method, "GET");
    assert_eq!(first.path, "/websocket.xml");
    assert_eq!(first.header("if-none-match"), None);
    let agent = first.header("user-agent").unwrap();
    assert!(
        agent.starts_with("ws-close-codes-xtask/0.") && agent.contains("github.com"),
        "{agent}"
    );

    // Second run: the validators go back, the server says 304, nothing is written.
    std::fs::remove_file(&report).unwrap();
    let before = copy.files();
    let (code, out, err) = copy.fetch(&server.url("/websocket.xml"), &["--report", &report_arg]);
    assert_eq!(code, EXIT_OK, "stdout: {out}\nstderr: {err}");
    assert!(
        out.contains("304 Not Modified; nothing was written"),
        "{out}"
    );
    assert_unchanged(&before, &copy.files(), "304");
    assert!(!report.exists(), "a report was written on 304");
    let second = &server.requests()[1];
    assert_eq!(second.header("if-none-match"), Some("\"v2\""));
    assert_eq!(
        second.header("if-modified-since"),
        Some("Tue, 01 Sep 2026 10:00:00 GMT")
    );

    // Another address: the validators do not belong to it, so none are
    // sent; the same document comes back: exit 0, only the state changes.
    let (code, out, err) = copy.fetch(&server.url("/mirror/websocket.xml"), &[]);
    assert_eq!(code, EXIT_OK, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("identical to the snapshot"), "{out}");
    assert_eq!(server.requests()[2].header("if-none-match"), None);
    assert!(copy.read(STATE).contains("/mirror/websocket.xml"));
    assert_eq!(copy.read(regen::SNAPSHOT), document.0);

    // A snapshot that no longer matches the state: no validators either.
    let edited =
        Document(copy.read(regen::SNAPSHOT)).register(3100, "Edited By Hand", "2026-09-02");
    std::fs::write(copy.root().join(regen::SNAPSHOT), edited.bytes()).unwrap();
    let (code, _, err) = copy.fetch(&server.url("/mirror/websocket.xml"), &["--allow-removals"]);
    assert_eq!(code, EXIT_CHANGED, "{err}");
    assert_eq!(server.requests()[3].header("if-none-match"), None);
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn a_server_error_is_retried() {
    let body = with_3017().bytes();
    let server = Server::start(move |index, _| {
        if index == 0 {
            full(
                "500 Internal Server Error",
                &[("Content-Type", "text/plain")],
                "try later",
            )
        } else {
            xml(body.clone())
        }
    });
    let copy = Workspace::new();
    let (code, out, err) = copy.fetch(&server.url("/websocket.xml"), &[]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");
    assert_eq!(server.requests().len(), 2);
    assert!(
        err.contains("attempt 1 of 4 failed (HTTP 500 Internal Server Error"),
        "{err}"
    );
    assert!(err.contains("starting with \"try later\""), "{err}");
    assert!(copy.read(regen::GENERATED).contains("QuotaExceeded"));
}

#[test]
fn retry_after_is_honoured_on_429() {
    let body = with_3017().bytes();
    let server = Server::start(move |index, _| {
        if index == 0 {
            full(
                "429 Too Many Requests",
                &[("Retry-After", "1")],
                "slow down",
            )
        } else {
            xml(body.clone())
        }
    });
    let copy = Workspace::new();
    // The backoff is 10 ms: only Retry-After explains a wait of a second.
    let (code, out, err) = copy.fetch(&server.url("/websocket.xml"), &[]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let waited = requests[1].at - requests[0].at;
    assert!(
        waited >= Duration::from_millis(950),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert!(err.contains("retrying in 1.0 s"), "{err}");
}

#[test]
fn retries_are_bounded() {
    let server = Server::start(|_, _| full("503 Service Unavailable", &[], "down"));
    let err = refused(
        &server,
        "/websocket.xml",
        &["--retries", "2"],
        EXIT_NETWORK,
        &[
            "failed after 3 attempts",
            "HTTP 503 Service Unavailable",
            "\"down\"",
        ],
    );
    assert_eq!(server.requests().len(), 3, "{err}");
}

#[test]
fn not_found_is_not_retried() {
    let server = Server::start(|_, _| {
        full(
            "404 Not Found",
            &[("Content-Type", "text/html")],
            "<h1>Not Found</h1>",
        )
    });
    refused(
        &server,
        "/nope.xml",
        &[],
        EXIT_NETWORK,
        &[
            "HTTP 404 Not Found",
            "(not retried)",
            "content-type \"text/html\"",
            "<h1>Not Found",
        ],
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_stalled_body_hits_the_timeout() {
    let server = Server::start(|_, _| {
        let mut head =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 5000\r\n\r\n"
                .to_vec();
        head.extend_from_slice(&[b'<'; 100]);
        Reply::Stall(head, Duration::from_secs(20))
    });
    let started = Instant::now();
    refused(
        &server,
        "/websocket.xml",
        &["--timeout", "1"],
        EXIT_NETWORK,
        &[
            "timed out",
            "received only 100 of 5000 bytes",
            "Content-Length 5000",
            "starting with \"<<<",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a body failure must not be retried"
    );
}

#[test]
fn a_server_that_never_answers_hits_the_timeout() {
    let server = Server::start(|_, _| Reply::Stall(Vec::new(), Duration::from_secs(20)));
    let started = Instant::now();
    refused(
        &server,
        "/websocket.xml",
        &["--timeout", "1", "--retries", "1"],
        EXIT_NETWORK,
        &["failed after 2 attempts", "timed out"],
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_truncated_body_is_refused() {
    let server = Server::start(|_, _| {
        let mut bytes = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
        bytes.extend_from_slice(&common::baseline().as_bytes()[..1000]);
        Reply::Raw(bytes)
    });
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_NETWORK,
        &[
            "received only 1000 of 5000 bytes",
            "HTTP 200 OK",
            "starting with \"<?xml version=\\'1.0\\'",
        ],
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn an_html_page_with_200_is_refused() {
    let page = "<!DOCTYPE html>\n<html><body><h1>We'll be back soon</h1></body></html>";
    let server = Server::start(move |_, _| {
        full(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            page,
        )
    });
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_FAILURE,
        &[
            "an HTML page, not the registry document",
            "HTTP 200 OK",
            "content-type \"text/html; charset=utf-8\"",
            &format!("{} body bytes", page.len()),
            "starting with \"<!DOCTYPE html>\\n<html>",
        ],
    );
}

#[test]
fn an_html_page_labelled_xml_is_refused() {
    let server = Server::start(|_, _| xml("\n<html><head><title>Error</title></head></html>"));
    refused(
        &server,
        "/x",
        &[],
        EXIT_FAILURE,
        &["an HTML page", "content-type \"application/xml\""],
    );
}

#[test]
fn an_oversized_body_with_content_length_is_refused_unread() {
    // Announces 5 MiB (over the default 4 MiB cap), sends a little, waits.
    let server = Server::start(|_, _| {
        let mut head =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 5242880\r\n\r\n"
                .to_vec();
        head.extend_from_slice(b"<?xml");
        Reply::Stall(head, Duration::from_secs(20))
    });
    let started = Instant::now();
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_FAILURE,
        &[
            "Content-Length 5242880 exceeds the limit of 4194304 bytes",
            "nothing was read",
            "HTTP 200 OK",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it waited for the body: {:?}",
        started.elapsed()
    );
}

#[test]
fn an_oversized_body_without_content_length_stops_at_the_cap() {
    let server = Server::start(|_, _| Reply::Endless {
        head: b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nConnection: close\r\n\r\n"
            .to_vec(),
        limit: 64 * 1024 * 1024,
    });
    let err = refused(
        &server,
        "/websocket.xml",
        &["--max-bytes", "100000"],
        EXIT_FAILURE,
        &[
            "exceeds the limit of 100000 bytes (stopped reading)",
            "starting with \"xxxx",
        ],
    );
    // It stopped soon after the cap (one read's worth), not at the end.
    let size: u64 = err
        .split(" body bytes")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no size in {err}"));
    assert!(
        (100_001..=100_000 + 64 * 1024).contains(&size),
        "read {size} bytes"
    );
}

#[test]
fn an_empty_body_is_refused() {
    let server = Server::start(|_, _| xml(""));
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_FAILURE,
        &["the body is empty", "HTTP 200 OK", "0 body bytes"],
    );
}

#[test]
fn xml_without_the_close_code_registry_is_refused() {
    let body = Document::baseline()
        .0
        .replace("close-code-number", "close-codes");
    let server = Server::start(move |_, _| xml(body.clone()));
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_FAILURE,
        &[
            "not a valid registry document",
            "no close-code registry",
            "received HTTP 200 OK",
            "starting with \"<?xml",
        ],
    );
    let server = Server::start(|_, _| xml("<?xml version=\"1.0\"?>\n<feed/>"));
    refused(
        &server,
        "/feed",
        &[],
        EXIT_FAILURE,
        &[
            "not a valid registry document",
            "\"<?xml version=\\\"1.0\\\"?>\\n<feed/>\"",
        ],
    );
}

#[test]
fn a_redirect_loop_is_an_error() {
    let server = Server::start(|_, request| {
        let to = if request.path == "/a" { "/b" } else { "/a" };
        full("302 Found", &[("Location", to)], "")
    });
    refused(&server, "/a", &[], EXIT_NETWORK, &["redirect loop"]);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn redirects_are_limited() {
    let server = Server::start(|index, _| {
        full(
            "301 Moved Permanently",
            &[("Location", &format!("/r{}", index + 1))],
            "",
        )
    });
    refused(
        &server,
        "/r0",
        &[],
        EXIT_NETWORK,
        &["more than 5 redirects"],
    );
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn redirects_are_followed() {
    let body = with_3017().bytes();
    let server = Server::start(move |_, request| match request.path.as_str() {
        "/old" => full("301 Moved Permanently", &[("Location", "/new")], ""),
        _ => xml(body.clone()),
    });
    let copy = Workspace::new();
    let (code, _, err) = copy.fetch(&server.url("/old"), &[]);
    assert_eq!(code, EXIT_CHANGED, "{err}");
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/old", "/new"]);
}

/// `0.0.0.0` is not a loopback address, but connecting to it reaches this
/// machine: a missing check would show up as a connection to our server.
#[test]
fn plain_http_to_a_non_loopback_host_is_refused_without_connecting() {
    let server = Server::start(|_, _| xml("<registry/>"));
    let elsewhere = format!("http://0.0.0.0:{}/websocket.xml", server.port());
    let copy = Workspace::new();
    let before = copy.files();
    let (code, _, err) = copy.fetch(&elsewhere, &[]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(
        err.contains("refusing plain http") && err.contains("only https"),
        "{err}"
    );
    assert_unchanged(&before, &copy.files(), "plain http");
    for other in [
        "http://www.iana.org/assignments/websocket/websocket.xml",
        "ftp://127.0.0.1/x",
        "not a url",
    ] {
        let (code, _, err) = copy.fetch(other, &[]);
        assert_eq!(code, EXIT_USAGE, "{other}: {err}");
    }
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.connections(), 0, "it connected");
    // The control: the address does reach the server.
    drop(std::net::TcpStream::connect(("0.0.0.0", server.port())).unwrap());
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.connections(), 1);
}

#[test]
fn a_redirect_to_plain_http_elsewhere_is_refused() {
    let server = Server::start(|_, _| Reply::Raw(Vec::new()));
    let port = server.port();
    let redirecting = Server::start(move |_, _| {
        full(
            "302 Found",
            &[("Location", &format!("http://0.0.0.0:{port}/websocket.xml"))],
            "",
        )
    });
    refused(
        &redirecting,
        "/websocket.xml",
        &[],
        EXIT_NETWORK,
        &["redirect refused", "refusing plain http"],
    );
    assert_eq!(redirecting.requests().len(), 1);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.connections(), 0, "it followed the redirect");
}

#[test]
fn a_document_missing_a_code_is_refused() {
    let body = Document::baseline().without(3008).bytes();
    let server = Server::start(move |_, _| xml(body.clone()));
    refused(
        &server,
        "/websocket.xml",
        &[],
        EXIT_FAILURE,
        &[
            "drops registered codes",
            "3008 (\"Timeout\")",
            "--allow-removals",
            "received HTTP 200 OK",
        ],
    );
}

#[test]
fn a_document_older_than_the_snapshot_is_refused() {
    let body = Document::baseline().updated("2024-01-01").bytes();
    let server = Server::start(move |_, _| xml(body.clone()));
    refused(
        &server,
        "/websocket.xml",
        &["--allow-removals"],
        EXIT_FAILURE,
        &[
            "updated 2024-01-01, before the snapshot (2025-07-30)",
            "received HTTP 200 OK",
        ],
    );
}

#[test]
fn a_report_that_cannot_be_written_stops_the_run() {
    let body = with_3017().bytes();
    let server = Server::start(move |_, _| xml(body.clone()));
    let copy = Workspace::new();
    let before = copy.files();
    let (code, _, err) = copy.fetch(
        &server.url("/websocket.xml"),
        &["--report", "/nonexistent-dir/report.md"],
    );
    assert_eq!(code, EXIT_FAILURE, "{err}");
    assert!(
        err.contains("cannot write the report") && err.contains("nothing was written"),
        "{err}"
    );
    assert_unchanged(&before, &copy.files(), "report");
}

#[test]
fn progress_goes_to_stderr_only_when_asked() {
    let body = with_3017().bytes();
    let server = Server::start(move |_, _| xml(body.clone()));
    let copy = Workspace::new();
    let url = server.url("/websocket.xml");
    let args = ["regen", "--fetch", "--url", &url];
    let (code, _, err) = copy.xtask_with(&args, true);
    assert_eq!(code, EXIT_CHANGED, "{err}");
    assert!(
        err.contains(&format!("\rdownloading {url}: ")) && err.contains(" KiB"),
        "{err:?}"
    );
    let copy = Workspace::new();
    let (code, _, err) = copy.xtask_with(&args, false);
    assert_eq!(code, EXIT_CHANGED, "{err}");
    assert!(err.is_empty(), "{err:?}");
}

#[test]
fn usage_errors_exit_2() {
    let copy = Workspace::new();
    let cases: &[&[&str]] = &[
        &["regen", "--url", "https://example.org/"],
        &["regen", "--timeout", "3"],
        &["regen", "--fetch", "--from", "x.xml"],
        &["regen", "--fetch", "--check"],
        &["regen", "--report", "r.md"],
        &["regen", "--from", "x.xml", "--check", "--report", "r.md"],
        &["regen", "--fetch", "--timeout", "0"],
        &["regen", "--fetch", "--timeout", "soon"],
        &["regen", "--fetch", "--retries", "11"],
        &["regen", "--fetch", "--max-bytes", "0"],
        &["regen", "--fetch", "--url"],
        &["regen", "--fetch=yes"],
    ];
    for args in cases {
        let (code, _, err) = copy.xtask(args);
        assert_eq!(code, EXIT_USAGE, "{args:?}: {err}");
    }
    let (code, out, _) = copy.xtask(&["help"]);
    assert_eq!(code, EXIT_OK);
    for text in [
        "--fetch",
        "--url URL",
        "--report PATH",
        "3  with --fetch",
        "4  with --fetch",
    ] {
        assert!(out.contains(text), "{text} not in help");
    }
}

/// Proxy variables in the environment must not send loopback requests to
/// a proxy. Environment variables are per process, so the real check runs
/// in a child process of this test binary (`proxy_child`), with the
/// variables pointing at a "proxy" this test owns and counts.
#[test]
fn proxy_variables_do_not_affect_loopback() {
    let proxy = Server::start(|_, _| full("502 Bad Gateway", &[], "proxy"));
    let proxy_url = proxy.url("");
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "proxy_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("XTASK_FETCH_PROXY_CHILD", "1")
        .env("http_proxy", &proxy_url)
        .env("HTTP_PROXY", &proxy_url)
        .env("https_proxy", &proxy_url)
        .env("HTTPS_PROXY", &proxy_url)
        .env("all_proxy", &proxy_url)
        .env("ALL_PROXY", &proxy_url)
        .env_remove("no_proxy")
        .env_remove("NO_PROXY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("proxy child: fetched directly"),
        "the child did not run: {text}"
    );
    assert_eq!(
        proxy.connections(),
        0,
        "a loopback request went through the proxy"
    );
}

#[test]
fn proxy_child() {
    if std::env::var_os("XTASK_FETCH_PROXY_CHILD").is_none() {
        return;
    }
    let body = with_3017().bytes();
    let server = Server::start(move |_, _| xml(body.clone()));
    let copy = Workspace::new();
    let (code, _, err) = copy.fetch(&server.url("/websocket.xml"), &["--retries", "0"]);
    assert_eq!(code, EXIT_CHANGED, "{err}");
    assert_eq!(server.requests().len(), 1);
    println!("proxy child: fetched directly");
}
