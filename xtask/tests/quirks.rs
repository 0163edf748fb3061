//! A newer registry document with the slips IANA's documents have had
//! (`tests/data/quirks/websocket-2026-01-15.xml`: the snapshot with a later
//! `updated` date, `data="Alexey_Melnikov "` in 1012's contact, `type="RFC"`,
//! a record date with a leading space and a range written `3009 - 3999`)
//! goes through `regen --from`: it is accepted, each slip is a warning with
//! its place in the summary and in the report, the document is stored as
//! it is, and the generated crate says what it said before. A later plain
//! `regen` reports the same warnings against the stored snapshot.

mod common;

use std::fs;

use common::Workspace;

/// The fixture, relative to the workspace root.
const FIXTURE: &str = "xtask/tests/data/quirks/websocket-2026-01-15.xml";

/// The snapshot, as the regenerated files name it.
const SNAPSHOT: &str = "registry/websocket.xml";
const GENERATED: &str = "crates/ws-close-codes/src/generated.rs";
const README: &str = "README.md";

/// Each slip of the fixture: its place and what the warning says, as the
/// summary prints it (after `warning: PATH: `) and as the report writes it
/// (Markdown-escaped, after `- PATH: `).
const WARNINGS: [(&str, &str); 4] = [
    (
        "line 124, column 7: <xref>: type \"RFC\" is not in lower case; read as \"rfc\"",
        "line 124, column 7: \\<xref\\>: type \"RFC\" is not in lower case; read as \"rfc\"",
    ),
    (
        "line 196, column 16: <xref>: person id \"Alexey_Melnikov \" has surrounding whitespace; \
         read as \"Alexey_Melnikov\"",
        "line 196, column 16: \\<xref\\>: person id \"Alexey\\_Melnikov \" has surrounding \
         whitespace; read as \"Alexey\\_Melnikov\"",
    ),
    (
        "line 244, column 5: <record>: attribute date \" 2024-02-01\" has surrounding whitespace; \
         read as \"2024-02-01\"",
        "line 244, column 5: \\<record\\>: attribute date \" 2024-02-01\" has surrounding \
         whitespace; read as \"2024-02-01\"",
    ),
    (
        "line 250, column 7: <value>: the value \"3009 - 3999\" has whitespace around its \"-\"; \
         read as \"3009-3999\"",
        "line 250, column 7: \\<value\\>: the value \"3009 - 3999\" has whitespace around its \
         \"-\"; read as \"3009-3999\"",
    ),
];

/// The lines of a Markdown section `## title`, up to the next heading.
fn section<'a>(report: &'a str, title: &str) -> Vec<&'a str> {
    let heading = format!("## {title}");
    let mut lines = report.lines().skip_while(|l| *l != heading);
    assert_eq!(
        lines.next(),
        Some(heading.as_str()),
        "no {heading} in:\n{report}"
    );
    lines
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn a_document_with_quirks_is_accepted_with_warnings_at_their_places() {
    let ws = Workspace::new();
    let fixture_path = xtask::workspace_root().join(FIXTURE);
    let fixture = fs::read(&fixture_path).unwrap();
    let fixture_text = String::from_utf8(fixture.clone()).unwrap();
    // The places named below hold what the warnings say.
    let line = |n: usize| fixture_text.lines().nth(n - 1).unwrap();
    assert!(line(124).starts_with("      <xref type=\"RFC\""));
    assert!(line(196).starts_with("      <contact><xref type=\"person\" data=\"Alexey_Melnikov \""));
    assert!(line(244).starts_with("    <record date=\" 2024-02-01\">"));
    assert!(line(250).starts_with("      <value>3009 - 3999</value>"));
    // Nothing else differs from the snapshot but the document date.
    let snapshot = ws.read(SNAPSHOT);
    let differing: Vec<usize> = snapshot
        .lines()
        .zip(fixture_text.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(differing, [7, 124, 196, 244, 250]);
    assert_eq!(snapshot.lines().count(), fixture_text.lines().count());

    let generated_before = ws.read(GENERATED);
    let readme_before = ws.read(README);
    let source = fixture_path.to_str().unwrap();
    let report_path = ws.root().join("sync-report.md");
    let (code, out, err) = ws.xtask(&[
        "regen",
        "--from",
        source,
        "--report",
        report_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");

    // The summary: the same codes, and one warning per slip, in document
    // order, prefixed by the document's path.
    assert!(
        out.contains("registry updated: 2025-07-30 -> 2026-01-15\nregistered codes: unchanged\n"),
        "{out}"
    );
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning:")).collect();
    let expected: Vec<String> = WARNINGS
        .iter()
        .map(|(plain, _)| format!("warning: {source}: {plain}"))
        .collect();
    assert_eq!(warnings, expected, "{out}");

    // The report: the count, and the same warnings, escaped for Markdown.
    let report = ws.read("sync-report.md");
    assert!(
        section(&report, "Summary").contains(&"- Warnings: 4."),
        "{report}"
    );
    let listed = section(&report, "Warnings");
    assert_eq!(listed.len(), WARNINGS.len(), "{report}");
    for (item, (_, markdown)) in listed.iter().zip(WARNINGS) {
        assert!(item.starts_with("- "), "{item}");
        assert!(
            item.ends_with(&format!(": {markdown}")),
            "{item:?} does not end with {markdown:?}"
        );
    }
    assert_eq!(section(&report, "Changed codes"), ["None."], "{report}");

    // The document is stored as it came.
    assert!(
        fs::read(ws.root().join(SNAPSHOT)).unwrap() == fixture,
        "the stored snapshot is not the fixture byte for byte"
    );

    // The generated crate says what it said: only the document date moves.
    let generated_after = ws.read(GENERATED);
    let before: Vec<&str> = generated_before.lines().collect();
    let after: Vec<&str> = generated_after.lines().collect();
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        if b != a {
            assert!(
                b.contains("2025-07-30") && *a == b.replace("2025-07-30", "2026-01-15"),
                "a generated line changed:\n- {b}\n+ {a}"
            );
            assert!(
                a.contains("REGISTRY_UPDATED") || a.contains("IANA registry updated"),
                "{a}"
            );
        }
    }
    let contacts = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("contact: Some(") || l.contains("/// - Contact: "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(contacts(&generated_after), contacts(&generated_before));
    assert_eq!(
        generated_after
            .matches("contact: Some(\"Alexey Melnikov\")")
            .count(),
        3
    );
    assert!(generated_after.contains("pub const REGISTRY_UPDATED: &str = \"2026-01-15\";"));
    assert_eq!(ws.read(README), readme_before);

    // From now on the snapshot has the quirks: a plain run reports them,
    // prefixed by the snapshot's path, and has nothing to write.
    let (code, out, err) = ws.xtask(&["regen"]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning:")).collect();
    let expected: Vec<String> = WARNINGS
        .iter()
        .map(|(plain, _)| format!("warning: {SNAPSHOT}: {plain}"))
        .collect();
    assert_eq!(warnings, expected, "{out}");
    assert!(fs::read(ws.root().join(SNAPSHOT)).unwrap() == fixture);
    assert_eq!(ws.read(GENERATED), generated_after);
}

#[test]
fn a_report_lists_the_first_warnings_and_counts_the_rest() {
    // The snapshot with every reference type in upper case and a space
    // after every reference's data: two slips per `<xref>`, more than the
    // report lists.
    let ws = Workspace::new();
    let snapshot = ws.read(SNAPSHOT).replace(" data=\"", " data=\" ");
    let mut slipped = String::new();
    let mut rest = snapshot.as_str();
    while let Some(at) = rest.find("<xref type=\"") {
        let start = at + "<xref type=\"".len();
        let end = start + rest[start..].find('"').unwrap();
        slipped.push_str(&rest[..start]);
        slipped.push_str(&rest[start..end].to_uppercase());
        rest = &rest[end..];
    }
    slipped.push_str(rest);
    let document = ws.root().join("slipped.xml");
    fs::write(&document, &slipped).unwrap();

    let report_path = ws.root().join("sync-report.md");
    let (code, out, err) = ws.xtask(&[
        "regen",
        "--from",
        document.to_str().unwrap(),
        "--report",
        report_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    // The summary prints every one (the close-code registry's share of
    // the document's slips) ...
    let printed: Vec<&str> = out.lines().filter(|l| l.starts_with("warning:")).collect();
    let slips = printed.len();
    assert!(
        slips > xtask::report::LISTED_WARNINGS,
        "{slips} slips:\n{out}"
    );
    assert_eq!(
        printed
            .iter()
            .filter(|l| l.contains("is not in lower case"))
            .count(),
        slips / 2,
        "{out}"
    );

    // ... the report counts every one and lists the first, in order.
    let report = ws.read("sync-report.md");
    assert!(
        section(&report, "Summary").contains(&format!("- Warnings: {slips}.").as_str()),
        "{report}"
    );
    let listed = section(&report, "Warnings");
    let limit = xtask::report::LISTED_WARNINGS;
    assert_eq!(listed.len(), limit + 1, "{report}");
    for (item, line) in listed[..limit].iter().zip(&printed) {
        let place = line.split(": ").nth(1).unwrap();
        assert!(item.contains(place), "{item:?} is not {line:?}");
    }
    assert_eq!(
        listed[limit],
        format!(
            "- … and {} more, not listed here: `cargo xtask regen` prints every one.",
            slips - limit
        )
    );
}
