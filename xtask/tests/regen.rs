//! `cargo xtask regen` end to end, on the real workspace (read-only) and on
//! temporary copies of it.

use std::fs;
use std::path::PathBuf;

use xtask::regen;

fn workspace() -> PathBuf {
    xtask::workspace_root()
}

mod common;

use common::Workspace as Copy;

/// Writes a document into the copy and returns its path, for `--from`.
fn write_document(copy: &Copy, name: &str, text: &str) -> String {
    let path = copy.root().join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The fixture document every copy starts from.
fn snapshot_text() -> String {
    common::baseline()
}

const LONG_3017: &str = "The endpoint is closing because a downstream service it depends on \
    reported that its quota for the current billing period is exhausted.";

/// The snapshot with 3017 registered (splitting the unassigned 3009-3999)
/// and the document date moved on.
fn with_3017(description: &str) -> String {
    let text = snapshot_text();
    let old = "<record>\n      <value>3009-3999</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>";
    assert!(
        text.contains(old),
        "the snapshot's 3009-3999 record changed shape; update this test"
    );
    let new = format!(
        "<record>\n      <value>3009-3016</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>\n    \
         <record date=\"2026-09-01\">\n      <value>3017</value>\n      <description>{description}</description>\n      \
         <contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>\n      \
         <xref type=\"uri\" data=\"https://example.org/spec#quota\"/>\n    </record>\n    \
         <record>\n      <value>3018-3999</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>"
    );
    text.replacen(old, &new, 1).replacen(
        "<updated>2025-07-30</updated>",
        "<updated>2026-09-01</updated>",
        1,
    )
}

/// The snapshot without the record of `code` (as a stale mirror would serve it).
fn without(code: u16) -> String {
    let text = snapshot_text();
    let value = format!("<value>{code}</value>");
    let at = text.find(&value).expect("code in snapshot");
    let start = text[..at].rfind("<record").unwrap();
    let end = at + text[at..].find("</record>").unwrap() + "</record>".len();
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn checked_in_files_are_current() {
    let (code, out) = xtask::cli::run_captured(&["regen".into(), "--check".into()], &workspace());
    let fix = "run `cargo xtask regen` and commit the result";
    assert_eq!(code, 0, "{fix}\n{out}");
}

#[test]
fn second_run_changes_nothing() {
    let copy = Copy::new();
    let before = copy.files();
    let (code, out, err) = copy.xtask(&["regen"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("all generated files are current"), "{out}");
    assert!(copy.files() == before, "a second run changed files");
    let (code, _, err) = copy.xtask(&["regen", "--check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn check_reports_stale_files_with_a_diff_and_the_fix() {
    let copy = Copy::new();
    let generated = copy.root().join(regen::GENERATED);
    let original = copy.read(regen::GENERATED);
    let text = original.replace("Normal Closure", "Normal closure (edited)");
    fs::write(&generated, &text).unwrap();
    let readme = copy.read(regen::README).replace("| 1000 |", "| 1000x |");
    fs::write(copy.root().join(regen::README), &readme).unwrap();
    let before = copy.files();

    let (code, out, err) = copy.xtask(&["regen", "--check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("--- a/crates/ws-close-codes/src/generated.rs"),
        "{out}"
    );
    assert!(out.contains("-") && out.contains("+"), "{out}");
    assert!(out.contains("--- a/README.md"), "{out}");
    assert!(err.contains("run `cargo xtask regen`"), "{err}");
    assert!(copy.files() == before, "--check wrote something");

    let (code, _, _) = copy.xtask(&["regen"]);
    assert_eq!(code, 0);
    assert!(
        copy.read(regen::GENERATED) == original,
        "regen did not restore generated.rs"
    );
}

#[test]
fn new_registration_with_a_long_description_flows_through_and_compiles() {
    let copy = Copy::new();
    let old_names = copy.read(regen::NAMES);
    let document = write_document(&copy, "new.xml", &with_3017(LONG_3017));
    let (code, out, err) = copy.xtask(&["regen", "--from", &document]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("registry updated: 2025-07-30 -> 2026-09-01"),
        "{out}"
    );
    assert!(out.contains("added:   3017"), "{out}");
    assert!(
        out.contains("new identifier: 3017 -> CloseCode::Code3017"),
        "{out}"
    );
    assert!(out.contains("warning: 3017"), "{out}");

    // Stored verbatim; pin added, old pins untouched.
    assert!(
        copy.read(regen::SNAPSHOT) == with_3017(LONG_3017),
        "snapshot not stored verbatim"
    );
    let names = copy.read(regen::NAMES);
    assert!(
        names.contains("3017 = { ident = \"Code3017\", name = \""),
        "{names}"
    );
    for line in old_names.lines().filter(|l| l.contains("ident")) {
        assert!(names.contains(line), "pin {line} changed");
    }
    let generated = copy.read(regen::GENERATED);
    assert!(generated.contains("Code3017"), "no variant for 3017");
    assert!(generated.contains("2026-09-01"));
    let readme = copy.read(regen::README);
    assert!(readme.contains("| 3017 |"), "no README row for 3017");

    // Idempotent afterwards.
    let (code, _, err) = copy.xtask(&["regen", "--check"]);
    assert_eq!(code, 0, "{err}");

    // The result compiles and behaves: a small workspace around the copied crate.
    copy.crate_alone(&[(
        "new_code.rs",
        "use ws_close_codes::CloseCode;\n\
         #[test]\nfn code_3017() {\n\
         let code = CloseCode::from(3017);\n\
         assert_eq!(code, CloseCode::Code3017);\n\
         assert_eq!(code.as_u16(), 3017);\n\
         assert!(code.name().unwrap().starts_with(\"The endpoint is closing\"));\n\
         assert_eq!(code.registered_on(), Some(\"2026-09-01\"));\n\
         assert_eq!(code.contact(), Some(\"Morgan Jones\"));\n\
         assert_eq!(code.references()[0].url(), Some(\"https://example.org/spec#quota\"));\n\
         assert!(CloseCode::NAMED.contains(&code));\n\
         assert_eq!(CloseCode::from(3016).as_u16(), 3016);\n\
         assert!(matches!(CloseCode::from(3016), CloseCode::Other(_)));\n}\n",
    )]);
    copy.assert_crate_test_passes("new_code", "regen-copy");
}

#[test]
fn a_document_that_drops_a_code_is_refused_unless_allowed() {
    let copy = Copy::new();
    let before = copy.files();
    let original = copy.read(regen::GENERATED);
    let document = write_document(&copy, "stale.xml", &without(3008));
    let before_with_doc = copy.files();
    let (code, _, err) = copy.xtask(&["regen", "--from", &document]);
    assert_eq!(code, 1);
    assert!(err.contains("3008 (\"Timeout\")"), "{err}");
    assert!(err.contains("--allow-removals"), "{err}");
    assert!(
        copy.files() == before_with_doc,
        "a refused document changed files"
    );
    drop(before);

    let (code, out, err) = copy.xtask(&["regen", "--from", &document, "--allow-removals"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("removed: 3008"), "{out}");
    assert!(
        !copy.read(regen::GENERATED).contains("Timeout,"),
        "variant for 3008 still generated"
    );
    assert!(
        copy.read(regen::NAMES)
            .contains("3008 = { ident = \"Timeout\", name = \"Timeout\" }"),
        "pin removed"
    );

    // The code comes back: same identifier.
    let document = write_document(&copy, "fresh.xml", &snapshot_text());
    let (code, out, err) = copy.xtask(&["regen", "--from", &document]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added:   3008"), "{out}");
    assert!(!out.contains("new identifier"), "{out}");
    assert!(
        copy.read(regen::GENERATED) == original,
        "generated.rs differs from the one before the code was removed"
    );
}

#[test]
fn invalid_documents_leave_every_file_identical_and_name_the_place() {
    let copy = Copy::new();
    let cases = [
        (
            snapshot_text().replacen("<value>3008</value>", "<value>30o8</value>", 1),
            "<value>",
            "\"30o8\"",
        ),
        (
            snapshot_text().replacen("<value>3008</value>", "<value>1002</value>", 1),
            "<value>",
            "duplicates",
        ),
        (
            snapshot_text().replacen("data=\"Morgan_Jones\"", "data=\"Nobody\"", 1),
            "<xref>",
            "Nobody",
        ),
        (
            snapshot_text().replacen("</people>", "", 1),
            "",
            "malformed XML",
        ),
        (
            snapshot_text().replacen("close-code-number", "close-codes", 1),
            "<registry>",
            "no close-code registry",
        ),
    ];
    for (index, (text, element, what)) in cases.iter().enumerate() {
        let document = write_document(&copy, &format!("bad{index}.xml"), text);
        let before = copy.files();
        let (code, _, err) = copy.xtask(&["regen", "--from", &document]);
        assert_eq!(code, 1, "case {index}");
        assert!(
            err.contains(&format!("{document}: line ")),
            "case {index}: {err}"
        );
        assert!(
            err.contains(element) && err.contains(what),
            "case {index}: {err}"
        );
        assert!(copy.files() == before, "case {index} changed files");
    }
}

#[test]
fn a_failed_write_leaves_every_file_identical() {
    let copy = Copy::new();
    let document = write_document(&copy, "new.xml", &with_3017("Quota Exceeded"));
    let before = copy.files();
    // Every file of the run is staged before the first one is replaced: a
    // report that cannot be staged stops the run with every file as it was.
    let missing = copy.root().join("no-such-directory/report.md");
    let (code, out, err) = copy.xtask(&[
        "regen",
        "--from",
        &document,
        "--report",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("no-such-directory") && err.contains("writing failed"),
        "{err}"
    );
    assert!(!out.contains("wrote"), "{out}");
    assert!(copy.files() == before, "a failed write changed files");

    let (code, out, err) = copy.xtask(&["regen", "--from", &document]);
    assert_eq!(code, 0, "{err}");
    let plan_files = [
        regen::SNAPSHOT,
        regen::NAMES,
        regen::GENERATED,
        regen::README,
        xtask::changelog::CHANGELOG,
    ];
    for file in plan_files {
        assert!(out.contains(&format!("wrote {file}\n")), "{file}: {out}");
    }
    assert!(copy.read(regen::GENERATED).contains("QuotaExceeded"));
    let names = copy.read(regen::NAMES);
    assert!(names.contains("3017 = { ident = \"QuotaExceeded\", name = \"Quota Exceeded\" }"));
}

#[test]
fn usage_errors_exit_2() {
    let copy = Copy::new();
    assert_eq!(copy.xtask(&["regen", "--frm"]).0, 2);
    assert_eq!(copy.xtask(&["regen", "--from"]).0, 2);
    assert_eq!(copy.xtask(&["nope"]).0, 2);
    assert_eq!(copy.xtask(&[]).0, 2);
    let (code, out, _) = copy.xtask(&["help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Exit status"), "{out}");
}
