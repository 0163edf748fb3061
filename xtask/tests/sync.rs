//! A sequence of registry versions replayed through `regen --fetch` (from a
//! loopback server whose document the test switches) and through
//! `regen --from`: additions, a reference change, stale copies that lack a
//! newer code, and the newer copy again. The generated crate must end with
//! every code, each identifier as it was first pinned, and the report of
//! each step must say what happened.

mod common;

use std::collections::BTreeMap;
use std::fs;

use std::sync::{Arc, Mutex};

use common::{assert_unchanged, full, Document, Server, Workspace};
use xtask::cli::{EXIT_CHANGED, EXIT_FAILURE, EXIT_OK};
use xtask::regen;

const LONG: &str = "The endpoint is closing because a downstream service it depends on \
                    reported that its quota for the current billing period is exhausted.";

/// The versions IANA publishes, in order.
fn versions() -> (Document, Document, Document) {
    let v1 = Document::baseline()
        .register(3017, "Quota Exceeded", "2026-01-15")
        .updated("2026-01-15");
    let v2 = v1
        .clone()
        .register(3018, LONG, "2026-03-01")
        .add_reference(3008, "rfc", "rfc9999")
        .updated("2026-03-01");
    let v3 = v2
        .clone()
        .register(1016, "Session Expired", "2026-05-20")
        .register(3100, "Self", "2026-05-20")
        .updated("2026-05-20");
    (v1, v2, v3)
}

/// A server that serves `current`.
fn registry_server(current: Arc<Mutex<Vec<u8>>>) -> Server {
    Server::start(move |_, _| {
        let body = current.lock().unwrap().clone();
        full("200 OK", &[("Content-Type", "text/xml")], body)
    })
}

struct Step<'a> {
    name: &'a str,
    document: &'a Document,
    expect: i32,
}

/// Replays `steps` against `copy`, through the server when `server` is
/// given, else through `--from`. Returns the report of each step (None
/// when none was written).
fn replay(
    copy: &Workspace,
    server: Option<(&Server, &Arc<Mutex<Vec<u8>>>)>,
    steps: &[Step],
) -> Vec<(String, Option<String>, String)> {
    let reports = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let report = reports.path().join(format!("{index}.md"));
        let report_arg = report.display().to_string();
        let before = copy.files();
        let (code, out, err) = match server {
            Some((server, current)) => {
                *current.lock().unwrap() = step.document.bytes();
                copy.fetch(&server.url("/websocket.xml"), &["--report", &report_arg])
            }
            None => {
                let path = reports.path().join(format!("{index}.xml"));
                fs::write(&path, step.document.bytes()).unwrap();
                copy.xtask(&[
                    "regen",
                    "--from",
                    &path.display().to_string(),
                    "--report",
                    &report_arg,
                ])
            }
        };
        assert_eq!(
            code, step.expect,
            "step {}: stdout: {out}\nstderr: {err}",
            step.name
        );
        if code == EXIT_FAILURE {
            assert_unchanged(&before, &copy.files(), step.name);
        }
        let text = report
            .exists()
            .then(|| fs::read_to_string(&report).unwrap());
        results.push((step.name.to_owned(), text, out + &err));
    }
    results
}

fn assert_contains(text: &str, parts: &[&str], step: &str) {
    for part in parts {
        assert!(text.contains(part), "step {step}: {part:?} not in:\n{text}");
    }
}

/// Builds the copied crate with a test that uses every variant.
fn assert_crate_has(copy: &Workspace, codes: &BTreeMap<u16, String>) {
    let mut body = String::from("use ws_close_codes::CloseCode;\n#[test]\nfn every_code() {\n");
    for (code, ident) in codes {
        body.push_str(&format!(
            "    assert_eq!(CloseCode::from({code}), CloseCode::{ident});\n    assert_eq!(CloseCode::{ident}.as_u16(), {code});\n"
        ));
    }
    body.push_str(&format!(
        "    assert_eq!(CloseCode::NAMED.len(), {});\n}}\n",
        codes.len()
    ));
    copy.crate_alone(&[("synced.rs", &body)]);
    copy.assert_crate_test_passes("synced", "sync-copy");
}

#[test]
fn replaying_registry_versions_through_fetch() {
    let (v1, v2, v3) = versions();
    let stale_same_date = v3.clone().without(3018);
    let current = Arc::new(Mutex::new(Vec::new()));
    let server = registry_server(current.clone());
    let copy = Workspace::new();
    let original = copy.pins();
    let steps = [
        Step {
            name: "v1",
            document: &v1,
            expect: EXIT_CHANGED,
        },
        Step {
            name: "v2",
            document: &v2,
            expect: EXIT_CHANGED,
        },
        Step {
            name: "stale v1",
            document: &v1,
            expect: EXIT_FAILURE,
        },
        Step {
            name: "v2 again",
            document: &v2,
            expect: EXIT_OK,
        },
        Step {
            name: "v3",
            document: &v3,
            expect: EXIT_CHANGED,
        },
        Step {
            name: "stale v3 without 3018",
            document: &stale_same_date,
            expect: EXIT_FAILURE,
        },
        Step {
            name: "v3 again",
            document: &v3,
            expect: EXIT_OK,
        },
    ];
    let results = replay(&copy, Some((&server, &current)), &steps);

    // v1: one addition, a minor release.
    let (name, report, _) = &results[0];
    let report = report.as_deref().expect("v1 report");
    assert_contains(
        report,
        &[
            "# IANA WebSocket close-code registry: sync to the version updated 2026-01-15",
            "| before (snapshot) | 2025-07-30 |",
            "| after (new document) | 2026-01-15 |",
            "- Registered codes: 1 added, 0 changed, 0 removed.",
            "| 3017 | `QuotaExceeded` | Quota Exceeded | Morgan Jones | — | 2026-01-15 |",
            "| 3017 | `CloseCode::QuotaExceeded` | from the description |",
            "Semantic versioning for `ws-close-codes`: **minor**",
            "`CloseCode::QuotaExceeded` (3017)",
        ],
        name,
    );
    assert!(report.contains("## Warnings\n\nNone."), "{report}");

    // v2: a fallback identifier (warning) and a reference change.
    let (name, report, _) = &results[1];
    let report = report.as_deref().expect("v2 report");
    assert_contains(
        report,
        &[
            "| before (snapshot) | 2026-01-15 |",
            "| after (new document) | 2026-03-01 |",
            "- Registered codes: 1 added, 1 changed, 0 removed.",
            "| 3018 | `Code3018` | The endpoint is closing because",
            "fallback (`Code` and the value)",
            "| 3008 | `Timeout` | Timeout | references | — | RFC 9999 |",
            "- 3018: its description is too long",
            "**minor**",
        ],
        name,
    );
    assert!(!report.contains("## Warnings\n\nNone."), "{report}");

    // The stale copy is refused (older date); nothing written, no report.
    let (name, report, messages) = &results[2];
    assert!(report.is_none(), "step {name} wrote a report");
    assert_contains(
        messages,
        &["updated 2026-01-15, before the snapshot (2026-03-01)"],
        name,
    );

    // The newer copy again: current, nothing written.
    let (name, report, messages) = &results[3];
    assert!(report.is_none(), "step {name} wrote a report");
    assert_contains(messages, &["identical to the snapshot"], name);

    // v3: a code in the protocol range and a description that gives a
    // reserved identifier.
    let (name, report, _) = &results[4];
    let report = report.as_deref().expect("v3 report");
    assert_contains(
        report,
        &[
            "- Registered codes: 2 added, 0 changed, 0 removed.",
            "| 1016 | `SessionExpired` |",
            "| 3100 | `Code3100` |",
        ],
        name,
    );

    // Same date, one code missing: refused as a removal.
    let (name, report, messages) = &results[5];
    assert!(report.is_none(), "step {name} wrote a report");
    assert_contains(
        messages,
        &["drops registered codes", "3018", "--allow-removals"],
        name,
    );

    let (name, _, messages) = &results[6];
    assert_contains(messages, &["identical to the snapshot"], name);

    // Every code, with the identifier of the step that introduced it.
    let pins = copy.pins();
    let mut expected = original.clone();
    expected.insert(3017, "QuotaExceeded".into());
    expected.insert(3018, "Code3018".into());
    expected.insert(1016, "SessionExpired".into());
    expected.insert(3100, "Code3100".into());
    assert_eq!(pins, expected);
    assert_eq!(copy.read(regen::SNAPSHOT), v3.0);
    let generated = copy.read(regen::GENERATED);
    for (code, ident) in &expected {
        assert!(
            generated.contains(&format!(" {ident} = {code} {{\n")),
            "{ident} missing"
        );
    }
    let (code, _, err) = copy.xtask(&["regen", "--check"]);
    assert_eq!(code, 0, "{err}");
    assert_crate_has(&copy, &expected);
}

#[test]
fn from_and_fetch_agree() {
    let (v1, v2, v3) = versions();
    let stale = v2.clone().without(3017);
    let steps = [
        Step {
            name: "v1",
            document: &v1,
            expect: EXIT_OK,
        },
        Step {
            name: "v2",
            document: &v2,
            expect: EXIT_OK,
        },
        Step {
            name: "stale v2 without 3017",
            document: &stale,
            expect: EXIT_FAILURE,
        },
        Step {
            name: "v3",
            document: &v3,
            expect: EXIT_OK,
        },
        Step {
            name: "v3 again",
            document: &v3,
            expect: EXIT_OK,
        },
    ];
    let by_file = Workspace::new();
    let results = replay(&by_file, None, &steps);
    assert_contains(
        results[0].1.as_deref().unwrap(),
        &["| 3017 | `QuotaExceeded` |"],
        "v1",
    );
    assert!(results[2].1.is_none(), "a refused run wrote a report");
    assert_contains(&results[2].2, &["3017 (\"Quota Exceeded\")"], "stale");
    let again = results[4].1.as_deref().expect("unchanged runs report too");
    assert_contains(
        again,
        &[
            "- Registered codes: 0 added, 0 changed, 0 removed.",
            "Semantic versioning for `ws-close-codes`: **none**",
            "## New identifiers\n\nNone",
        ],
        "v3 again",
    );

    let current = Arc::new(Mutex::new(Vec::new()));
    let server = registry_server(current.clone());
    let by_url = Workspace::new();
    let fetch_steps = [
        Step {
            name: "v1",
            document: &v1,
            expect: EXIT_CHANGED,
        },
        Step {
            name: "v3",
            document: &v3,
            expect: EXIT_CHANGED,
        },
    ];
    replay(&by_url, Some((&server, &current)), &fetch_steps);

    // Skipping v2 assigns the same identifiers: derivation is deterministic.
    for file in [
        regen::SNAPSHOT,
        regen::NAMES,
        regen::GENERATED,
        regen::README,
    ] {
        assert!(
            by_file.read(file) == by_url.read(file),
            "{file} differs between --from and --fetch"
        );
    }
}

#[test]
fn a_major_change_is_reported_as_major() {
    let copy = Workspace::new();
    let reports = tempfile::tempdir().unwrap();
    let document = Document::baseline().without(3003).updated("2026-02-02");
    let path = reports.path().join("removal.xml");
    fs::write(&path, document.bytes()).unwrap();
    let report = reports.path().join("removal.md");
    let (code, out, err) = copy.xtask(&[
        "regen",
        "--from",
        &path.display().to_string(),
        "--allow-removals",
        "--report",
        &report.display().to_string(),
    ]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    let text = fs::read_to_string(&report).unwrap();
    assert_contains(
        &text,
        &[
            "- Registered codes: 0 added, 0 changed, 1 removed.",
            "## Removed codes",
            "| 3003 | `Forbidden` | Forbidden | Ada Young | — | 2023-02-22 |",
            "Semantic versioning for `ws-close-codes`: **major**",
            "`CloseCode::Forbidden` disappears",
        ],
        "removal",
    );
}

#[test]
fn registry_text_cannot_break_the_report() {
    let copy = Workspace::new();
    let reports = tempfile::tempdir().unwrap();
    let hostile = "Evil | cell ](http://x) <script>alert(1)</script> `code` \u{202E}rtl\n# heading";
    let document = Document::baseline()
        .register_text(3050, hostile, "2026-04-04")
        .updated("2026-04-04");
    let path = reports.path().join("hostile.xml");
    fs::write(&path, document.bytes()).unwrap();
    let report = reports.path().join("hostile.md");
    let (code, out, err) = copy.xtask(&[
        "regen",
        "--from",
        &path.display().to_string(),
        "--report",
        &report.display().to_string(),
    ]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    let text = fs::read_to_string(&report).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("| 3050 |"))
        .expect("row for 3050");
    // Six columns: seven unescaped pipes.
    let pipes = row
        .match_indices('|')
        .filter(|(i, _)| !row[..*i].ends_with('\\'))
        .count();
    assert_eq!(pipes, 7, "{row}");
    assert!(
        row.contains(&ws_close_codes_codegen::escape_markdown(hostile)),
        "{row}"
    );
    assert!(
        row.contains(r"Evil \| cell \]") && row.contains(r"\<script\>"),
        "{row}"
    );
    assert!(
        !row.contains("<script>") && !row.contains(" `code` "),
        "{row}"
    );
    assert!(!text.contains('\u{202E}'), "bidi control kept");
    assert!(!text.contains("\n# heading"), "{text}");
}
