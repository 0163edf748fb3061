//! `cargo xtask regen --fetch` against a real HTTP server on 127.0.0.1 that
//! the test owns, on temporary copies of the workspace. No internet.

mod common;

use std::time::Duration;

use common::{assert_unchanged, full, xml, Document, Reply, Server, Workspace};
use xtask::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_NETWORK, EXIT_OK, EXIT_USAGE};
use xtask::regen;

/// The fixture with 3017 registered and the document date moved on.
fn with_3017() -> Document {
    Document::baseline()
        .register(3017, "Quota Exceeded", "2026-09-01")
        .updated("2026-09-01")
}

/// Runs a fetch from `server` that must fail: asserts the exit code, that
/// no file of the copy changed and that stderr contains every one of
/// `expect`. Returns stderr.
fn refused(server: &Server, extra: &[&str], code: i32, expect: &[&str]) -> String {
    let copy = Workspace::new();
    let before = copy.files();
    let (exit, out, err) = copy.fetch(&server.url("/websocket.xml"), extra);
    assert_eq!(exit, code, "stdout: {out}\nstderr: {err}");
    assert_unchanged(&before, &copy.files(), &err);
    for text in expect {
        assert!(err.contains(text), "{text:?} not in: {err}");
    }
    err
}

#[test]
fn a_new_registration_is_absorbed_then_the_same_document_writes_nothing() {
    let body = with_3017().bytes();
    let served = body.clone();
    let server = Server::start(move |_, _| xml(served.clone()));
    let copy = Workspace::new();
    let url = server.url("/websocket.xml");
    let (code, out, err) = copy.fetch(&url, &[]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");
    assert!(
        copy.read(regen::SNAPSHOT).as_bytes() == body,
        "not stored verbatim"
    );
    assert!(copy.read(regen::GENERATED).contains("QuotaExceeded"));
    assert!(copy.read(regen::README).contains("| 3017 |"));
    let request = &server.requests()[0];
    assert_eq!(request.header("user-agent"), Some(xtask::fetch::USER_AGENT));

    let before = copy.files();
    let report = copy.root().join("report.md");
    let (code, out, err) = copy.fetch(&url, &["--report", report.to_str().unwrap()]);
    assert_eq!(code, EXIT_OK, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("identical to the snapshot"), "{out}");
    assert_unchanged(&before, &copy.files(), "the same document again");
}

#[test]
fn server_errors_are_retried_a_bounded_number_of_times_and_404_is_not() {
    let body = with_3017().bytes();
    let server = Server::start(move |index, _| match index {
        0 => full("500 Internal Server Error", &[], "try later"),
        1 => full("429 Too Many Requests", &[], ""),
        _ => xml(body.clone()),
    });
    let copy = Workspace::new();
    let (code, out, err) = copy.fetch(&server.url("/websocket.xml"), &[]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");
    assert_eq!(server.requests().len(), 3);
    assert!(
        err.contains("HTTP 500 Internal Server Error; trying again"),
        "{err}"
    );
    assert!(
        err.contains("HTTP 429 Too Many Requests; trying again"),
        "{err}"
    );

    let always = Server::start(|_, _| full("503 Service Unavailable", &[], ""));
    refused(
        &always,
        &["--retries", "2"],
        EXIT_NETWORK,
        &["HTTP 503 Service Unavailable\nnothing was written"],
    );
    assert_eq!(always.requests().len(), 3);

    let missing = Server::start(|_, _| full("404 Not Found", &[], ""));
    refused(&missing, &[], EXIT_NETWORK, &["HTTP 404 Not Found"]);
    assert_eq!(missing.requests().len(), 1);
}

#[test]
fn a_server_that_never_answers_hits_the_timeout() {
    let server = Server::start(|_, _| Reply::Stall(Vec::new(), Duration::from_secs(20)));
    refused(
        &server,
        &["--timeout", "0.5", "--retries", "1"],
        EXIT_NETWORK,
        &["timed out"],
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_truncated_body_is_refused() {
    let server = Server::start(|_, _| {
        let mut bytes =
            b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
        bytes.extend_from_slice(&common::baseline().as_bytes()[..1000]);
        Reply::Raw(bytes)
    });
    refused(
        &server,
        &["--retries", "0"],
        EXIT_NETWORK,
        &["reading the body"],
    );
}

#[test]
fn an_oversized_body_is_refused() {
    let server = Server::start(|_, _| Reply::Endless {
        head: b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec(),
        limit: 1 << 20,
    });
    refused(
        &server,
        &["--max-bytes", "1000"],
        EXIT_NETWORK,
        &["larger than 1000 bytes"],
    );
    assert_eq!(
        server.requests().len(),
        1,
        "an oversized body is not retried"
    );
}

#[test]
fn a_body_that_is_not_the_registry_is_refused_at_its_place() {
    for body in [
        "<!DOCTYPE html>\n<html><body><h1>We'll be back soon</h1></body></html>",
        "<?xml version='1.0'?>\n<registry id=\"other\"><title>x</title></registry>",
        "",
    ] {
        let server =
            Server::start(move |_, _| full("200 OK", &[("Content-Type", "text/html")], body));
        let url = server.url("/websocket.xml");
        let err = refused(&server, &[], EXIT_FAILURE, &[]);
        assert!(err.starts_with(&format!("error: {url}: ")), "{err}");
    }
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused_without_connecting() {
    let server = Server::start(|_, _| xml("<registry/>"));
    let copy = Workspace::new();
    let before = copy.files();
    for url in [
        format!("http://0.0.0.0:{}/websocket.xml", server.port()),
        "http://www.iana.org/assignments/websocket/websocket.xml".to_owned(),
        "ftp://127.0.0.1/x".to_owned(),
        "not a url".to_owned(),
    ] {
        let (code, _, err) = copy.fetch(&url, &[]);
        assert_eq!(code, EXIT_USAGE, "{url}: {err}");
        assert!(err.contains("--url"), "{err}");
    }
    assert_unchanged(&before, &copy.files(), "plain http");
    assert_eq!(server.connections(), 0, "it connected");
}

#[test]
fn redirects_are_followed_but_not_to_plain_http_elsewhere() {
    let body = with_3017().bytes();
    let server = Server::start(move |_, request| match request.path.as_str() {
        "/old" => full(
            "301 Moved Permanently",
            &[("Location", "/websocket.xml")],
            "",
        ),
        _ => xml(body.clone()),
    });
    let copy = Workspace::new();
    let (code, out, err) = copy.fetch(&server.url("/old"), &[]);
    assert_eq!(code, EXIT_CHANGED, "stdout: {out}\nstderr: {err}");

    let elsewhere = Server::start(|_, _| xml("<registry/>"));
    let location = format!("http://0.0.0.0:{}/websocket.xml", elsewhere.port());
    let redirecting = Server::start(move |_, _| full("302 Found", &[("Location", &location)], ""));
    refused(&redirecting, &[], EXIT_NETWORK, &["only https is allowed"]);
    assert_eq!(
        redirecting.requests().len(),
        1,
        "a refused redirect is not retried"
    );
    assert_eq!(elsewhere.connections(), 0, "it followed the redirect");
}

#[test]
fn a_document_missing_a_code_or_older_than_the_snapshot_is_refused() {
    let missing = Document::baseline()
        .without(3008)
        .updated("2026-09-01")
        .bytes();
    let server = Server::start(move |_, _| xml(missing.clone()));
    refused(
        &server,
        &[],
        EXIT_FAILURE,
        &[
            "drops registered codes",
            "3008 (\"Timeout\")",
            "--allow-removals",
        ],
    );

    let older = Document::baseline().updated("2024-01-01").bytes();
    let server = Server::start(move |_, _| xml(older.clone()));
    refused(
        &server,
        &["--allow-removals"],
        EXIT_FAILURE,
        &[&format!(
            "updated 2024-01-01, before the snapshot ({})",
            common::FIXTURE_UPDATED
        )],
    );
}

#[test]
fn usage_errors_exit_2() {
    let copy = Workspace::new();
    let before = copy.files();
    for args in [
        &["regen", "--url", "https://example.org/x"][..],
        &["regen", "--timeout", "5"],
        &["regen", "--fetch", "--from", "x.xml"],
        &["regen", "--fetch", "--check"],
        &["regen", "--report", "r.md"],
        &["regen", "--fetch", "--retries", "11"],
        &["regen", "--fetch", "--timeout", "0"],
        &["regen", "--fetch", "--max-bytes", "0"],
    ] {
        let (code, _, err) = copy.xtask(args);
        assert_eq!(code, EXIT_USAGE, "{args:?}: {err}");
    }
    assert_unchanged(&before, &copy.files(), "usage errors");
}
