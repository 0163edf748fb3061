//! `cargo xtask drill`: the later registry versions it applies, and how it
//! names a failure. The full drill (tests, clippy and rustdoc on each
//! version) is what `.ci/run` runs; here `--quick` checks the versions with
//! regen only.

mod common;

use std::fs;

use common::xtask_in;
use xtask::cli;

#[test]
fn the_quick_drill_applies_every_version_to_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let root = xtask::workspace_root();
    let before = fs::read(root.join("registry/websocket.xml")).unwrap();
    let (code, out, err) = xtask_in(
        &root,
        &[
            "drill",
            "--quick",
            "--dir",
            &dir.path().display().to_string(),
        ],
    );
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    for step in ["(a) ", "(b) ", "(c) ", "(d) ", "(e) ", "(f) ", "(g) "] {
        assert!(out.lines().any(|l| l.starts_with(step)), "{step}\n{out}");
    }
    // Each changed version went through the sync to a commit and a release.
    let committed = out
        .lines()
        .filter(|l| l.starts_with("    ok  committed on registry-sync: "))
        .count();
    assert_eq!(committed, 5, "{out}");
    assert_eq!(
        out.matches("    ok  wrote and committed nothing\n").count(),
        2,
        "{out}"
    );
    assert!(out.contains("ok  issue.md quotes: "), "{out}");
    assert!(out.contains("ok  CHANGELOG.md names"), "{out}");
    assert!(
        out.contains("descriptions reworded, every name kept (pinned)"),
        "{out}"
    );
    // What each version changed, as its sync printed it: (a) and (b) a new
    // code each, (c) two codes, (d) one, (e) every registered code, and two
    // new codes; (f) lacks (b)'s code. The versions are dated a month
    // apart. (e) changes each code's description, references and dates
    // whatever the registry was before; its new contacts can be the ones a
    // code already has (a registry that an earlier (e) reached, as in the
    // drill's own syncs, which run this test), so they are not required.
    let steps: Vec<&str> = out.split("\n(").skip(1).collect();
    let lines = |step: &str, prefix: &str| -> Vec<String> {
        let prefix = format!("        {prefix}");
        let lines = step.lines().filter_map(|l| l.strip_prefix(&prefix));
        lines.map(str::to_owned).collect()
    };
    let counts: Vec<(usize, usize, usize)> = (steps.iter())
        .map(|s| {
            (
                lines(s, "added: ").len(),
                lines(s, "changed: ").len(),
                lines(s, "removed: ").len(),
            )
        })
        .collect();
    let snapshot = ws_close_codes_registry::SNAPSHOT_XML.as_bytes();
    let base = ws_close_codes_registry::parse(snapshot).unwrap();
    let registered = base.registered_codes().count();
    let expected = [
        (1, 0, 0),
        (1, 0, 0),
        (0, 2, 0),
        (0, 1, 0),
        (2, registered + 2, 0),
    ];
    assert_eq!(counts[..5], expected, "{out}");
    let fields = ["description", "references", "updated date"];
    for line in lines(steps[4], "changed: ") {
        assert!(fields.iter().all(|f| line.contains(f)), "{line}");
        let value: u16 = line.split(' ').next().unwrap().parse().unwrap();
        let dated = base.record_for(value).is_some_and(|r| r.date.is_some());
        assert!(!dated || line.contains("registration date"), "{line}");
    }
    let b = lines(steps[1], "added: ")[0]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(
        steps[5].starts_with(&format!("f) a stale copy that lacks {b}\n")),
        "{out}"
    );
    assert!(steps[5].contains(&format!("has: {b} (")), "{out}");
    let updated =
        |step: &str| Some(step.split("sync to the version updated ").nth(1)?[..10].to_owned());
    let dates: Vec<String> = steps.iter().filter_map(|s| updated(s)).collect();
    assert_eq!(dates.len(), 5, "{out}");
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    // The whole release plan, down to what it publishes.
    assert!(
        out.contains("        release: publishes: ws-close-codes\n"),
        "{out}"
    );
    assert!(out.contains("drill passed: 7 versions"), "{out}");
    // The copy changed, the workspace did not.
    assert_eq!(
        fs::read(root.join("registry/websocket.xml")).unwrap(),
        before
    );
    let copy = fs::read_to_string(dir.path().join("workspace/registry/websocket.xml")).unwrap();
    assert_ne!(copy.as_bytes(), &before[..]);
}

#[test]
fn a_snapshot_without_room_fails_naming_the_step_and_the_check() {
    // A workspace whose registry has no unassigned value left in
    // 3000-3999: version (a) cannot be made.
    let workspace = tempfile::tempdir().unwrap();
    let snapshot = ws_close_codes_registry::SNAPSHOT_XML;
    let registry = ws_close_codes_registry::parse(snapshot.as_bytes()).unwrap();
    let mut full = snapshot.to_owned();
    for record in registry
        .records
        .iter()
        .filter(|r| !r.is_assigned() && r.span.start >= 3000 && r.span.end <= 3999)
    {
        let value = format!("<value>{}</value>", record.span);
        full = full.replacen(
            &format!("{value}\n      <description>Unassigned</description>"),
            &format!("{value}\n      <description>Taken</description>"),
            1,
        );
    }
    fs::create_dir_all(workspace.path().join("registry")).unwrap();
    fs::write(workspace.path().join("registry/websocket.xml"), &full).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = xtask_in(
        workspace.path(),
        &[
            "drill",
            "--quick",
            "--dir",
            &dir.path().display().to_string(),
        ],
    );
    assert_eq!(code, 1, "stdout:\n{out}\nstderr:\n{err}");
    assert!(
        err.contains("drill failed at step setup: build the later versions"),
        "{err}"
    );
    assert!(
        err.contains("no unassigned value left in 3000-3999"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let root = xtask::workspace_root();
    for args in [&["drill", "--nope"][..], &["drill", "--dir"]] {
        let (code, _, err) = xtask_in(&root, args);
        assert_eq!(code, cli::EXIT_USAGE, "{args:?}: {err}");
        assert!(err.contains(args[1]), "{err}");
    }
}
