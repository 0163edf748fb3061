//! `cargo xtask sync`, the command the registry-sync workflow runs, on a
//! copy of the workspace: its command line, a registry that is already
//! current, and a failed download, which must leave every file as it was
//! and write the body of the issue to open. A changed registry (tests,
//! release, commit) is what the drill runs, in `.ci/run` and in
//! `tests/drill.rs`.

mod common;

use std::fs;
use std::path::Path;

use common::{full, xml, xtask_in, Server, Workspace};
use xtask::cli::{EXIT_NETWORK, EXIT_OK, EXIT_USAGE};

#[test]
fn usage_errors_exit_2() {
    let root = xtask::workspace_root();
    let (code, _, err) = xtask_in(&root, &["sync", "--nope"]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("unexpected argument '--nope'"), "{err}");
    for option in ["--out", "--commit", "--url"] {
        let (code, _, err) = xtask_in(&root, &["sync", option]);
        assert_eq!(code, EXIT_USAGE, "{option}");
        assert!(
            err.contains(&format!("a value is required for '{option} <")),
            "{err}"
        );
    }
}

/// `cargo xtask sync` on `copy` against `url`, writing to `out`.
fn sync(copy: &Workspace, url: &str, out: &Path) -> (i32, String) {
    let out = out.display().to_string();
    let (code, stdout, _) = copy.xtask(&["sync", "--url", url, "--out", &out]);
    (code, stdout)
}

#[test]
fn a_current_registry_is_left_alone() {
    let copy = Workspace::new();
    let snapshot = copy.read(xtask::regen::SNAPSHOT);
    let server = Server::start(move |_, _| xml(snapshot.clone()));
    let out = tempfile::tempdir().unwrap();
    let before = copy.files();
    let (code, stdout) = sync(&copy, &server.url("/websocket.xml"), out.path());
    assert_eq!(code, EXIT_OK, "{stdout}");
    assert!(
        stdout.contains("sync: the registry is current; nothing to do"),
        "{stdout}"
    );
    assert!(copy.files() == before, "a current registry changed files");
    let log = fs::read_to_string(out.path().join("log.txt")).unwrap();
    assert_eq!(log, stdout);
    assert!(!out.path().join("issue.md").exists());
}

#[test]
fn a_failed_download_writes_the_issue_and_nothing_else() {
    let copy = Workspace::new();
    // Text a hostile server could send back: backticks to break out of a
    // fence, a terminal escape, a bidirectional override.
    let body = "```` <b>@everyone</b> \u{1b}[2J \u{202e}gnp.exe";
    // A 404 is not retried.
    let server = Server::start(move |_, _| full("404 Not Found", &[], body));
    let out = tempfile::tempdir().unwrap();
    let before = copy.files();
    let (code, stdout) = sync(&copy, &server.url("/websocket.xml"), out.path());
    assert_eq!(code, EXIT_NETWORK, "{stdout}");
    assert!(copy.files() == before, "a failed sync changed files");
    assert!(!out.path().join("report.md").exists());
    let issue = fs::read_to_string(out.path().join("issue.md")).unwrap();
    assert!(issue.starts_with("The registry sync failed in "), "{issue}");
    assert!(issue.contains("404"), "{issue}");
    assert!(
        issue.contains("error: cargo xtask regen --fetch failed (4)"),
        "{issue}"
    );
    // Printable ASCII only, and the quoted output sits inside a fence
    // longer than any run of backticks in it.
    assert!(
        issue
            .chars()
            .all(|c| c == '\n' || c == '\t' || (' '..='~').contains(&c)),
        "{issue:?}"
    );
    let fence = issue
        .lines()
        .find(|l| !l.is_empty() && l.chars().all(|c| c == '`'))
        .unwrap();
    let inside = issue.split(fence).nth(1).unwrap();
    assert!(!inside.contains(fence), "{issue}");
    assert!(fence.len() >= 3, "{issue}");
}

#[test]
fn the_issue_quotes_the_end_of_the_log_in_a_fence_longer_than_any_backticks() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    let mut text: String = (0..200).map(|n| format!("line {n}\n")).collect();
    text.push_str("a ````` run, an \u{1b}[31mescape\u{1b}[0m and \u{202e}bidi\n");
    fs::write(&log, &text).unwrap();
    let body = xtask::sync::issue_body(&log);
    assert!(body.contains("\n``````\n"), "{body}");
    assert!(!body.contains("line 50\n"), "{body}");
    assert!(body.contains("line 199\n"), "{body}");
    let cleaned = "a ````` run, an [31mescape[0m and bidi\n";
    assert!(body.contains(cleaned), "{body}");
    let printable = |c: char| c == '\n' || c == '\t' || (' '..='~').contains(&c);
    assert!(body.chars().all(printable), "{body}");
}
