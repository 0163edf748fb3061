//! Hostile input that must be generated: one registry document, built
//! from the dated fixture, carries every hostile text (Rust string,
//! comment and attribute syntax, control and bidirectional characters,
//! Markdown, HTML, links, code fences, text at the length limit) in every
//! field that reaches the generated code, and descriptions that exercise
//! identifier derivation (keywords, collisions, digits, no words).
//! `cargo xtask regen --from DOC` on a temporary copy of the workspace
//! must succeed, and the regenerated crate must compile, pass its
//! generated doc tests and `cargo doc` with warnings denied, return the
//! hostile text byte for byte from its accessors, and convert numbers the
//! same whatever the text says. All these cases are in ONE document
//! ([`common::hostile::combined`]), so the crate is compiled once.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use common::describe;
use common::hostile::{
    combined, http_url, is_bidi, unused_doctype, Copy, Documents, Expected, IDENTIFIERS,
    UNASSIGNED_SINGLE,
};
use ws_close_codes_registry::Derivation;
use xtask::regen;

// ---------------------------------------------------------------------------
// Rust text

/// A Rust string literal for `text`, in printable ASCII.
fn rust_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

fn rust_option(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_owned(), |t| format!("Some({})", rust_str(t)))
}

// ---------------------------------------------------------------------------
// Checks of generated text

/// Splits a Markdown table row into its cells at unescaped `|`.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = cells.last_mut().unwrap();
                last.push(c);
                if let Some(next) = chars.next() {
                    last.push(next);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

/// Panics unless `text` is escaped Markdown that renders as plain text: no
/// unescaped character that starts inline Markdown, no block construct at
/// its start (when it starts a line), no bare address, one line, no control
/// or bidi character.
fn assert_plain_markdown(text: &str, context: &str) {
    assert_plain_inline(text, context);
    if let Some(first) = text.chars().next() {
        assert!(
            !first.is_ascii_punctuation() || first == '\\',
            "{context}: unescaped {first:?} at the start of {text:?}"
        );
    }
}

/// [`assert_plain_markdown`] for text that does not start a line.
fn assert_plain_inline(text: &str, context: &str) {
    assert!(
        !text.contains(|c: char| c.is_control() || is_bidi(c)),
        "{context}: control or bidi character in {text:?}"
    );
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '\\' {
            let next = chars.next().map(|(_, c)| c);
            assert!(
                next.is_some_and(|c| c.is_ascii_punctuation()),
                "{context}: a backslash that escapes nothing in {text:?}"
            );
            continue;
        }
        assert!(
            !"`*_[]<>&|~@".contains(c),
            "{context}: unescaped {c:?} in {text:?}"
        );
    }
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.match_indices("://") {
        assert!(
            at > 0 && &text[at - 1..at] == "\\",
            "{context}: bare address in {text:?}"
        );
    }
    assert!(
        !lower.contains("www."),
        "{context}: bare www address in {text:?}"
    );
}

/// Panics unless the references cell holds only `[label](http...)` links
/// with safe destinations and escaped text.
fn assert_references_cell(cell: &str, context: &str) {
    let mut rest = cell;
    let mut plain = String::new();
    while let Some(start) = unescaped(rest, '[') {
        plain.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = unescaped(after, ']').unwrap_or_else(|| panic!("{context}: open [ in {cell}"));
        let label = &after[..end];
        let link = after[end + 1..]
            .strip_prefix('(')
            .unwrap_or_else(|| panic!("{context}: [ without a link in {cell}"));
        let close = link
            .find(')')
            .unwrap_or_else(|| panic!("{context}: unclosed link in {cell}"));
        let url = &link[..close];
        assert!(
            http_url(url).as_deref() == Some(url),
            "{context}: unsafe link destination {url:?} in {cell}"
        );
        assert_plain_inline(label, context);
        plain.push_str("link");
        rest = &link[close + 1..];
    }
    plain.push_str(rest);
    assert_plain_markdown(&plain, context);
}

fn unescaped(text: &str, wanted: char) -> Option<usize> {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == wanted {
            return Some(index);
        }
    }
    None
}

/// Checks the README after a hostile run: only the table changed, every
/// registry cell is plain escaped text, links are `http(s)` only.
fn check_readme(readme: &str, original: &str, registered: usize) {
    let parts = |text: &str| {
        let start = text.find(regen::TABLE_START).unwrap();
        let end = text.find(regen::TABLE_END).unwrap();
        (text[..start].to_owned(), text[end..].to_owned())
    };
    assert!(
        parts(readme) == parts(original),
        "the README changed outside the code table"
    );
    let start = readme.find(regen::TABLE_START).unwrap();
    let end = readme.find(regen::TABLE_END).unwrap();
    let rows: Vec<&str> = readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Code") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(rows.len(), registered, "one README row per registered code");
    for row in rows {
        let cells = cells(row);
        assert_eq!(cells.len(), 7, "a row with other than 5 cells: {row}");
        let context = format!("README row {}", &cells[1]);
        assert!(cells[1].bytes().all(|b| b.is_ascii_digit()), "{context}");
        assert_plain_markdown(&cells[2], &context);
        let ident = cells[3]
            .strip_prefix("`CloseCode::")
            .and_then(|c| c.strip_suffix('`'))
            .unwrap_or_else(|| panic!("{context}: variant cell {}", cells[3]));
        assert!(ident
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        assert_plain_markdown(&cells[4], &context);
        assert_references_cell(&cells[5], &context);
    }
}

/// The number of doc tests of the generated file and of `CloseCode`, which
/// `close_code.rs` makes from the generated rows: each file's own (its ```
/// fences, halved) and one for each documented item the crate's macro
/// defines (`define.rs`), whatever the registry says.
fn doctests_of(source: &str, close_code_rs: &str, define_rs: &str) -> usize {
    doctests_in(source)
        + doctests_in(close_code_rs)
        + define_rs.matches("$crate::__close_code_doc!(").count()
}

/// The number of doc tests in a generated file: its ``` fences, halved.
fn doctests_in(source: &str) -> usize {
    let fences = source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .filter(|doc| doc.trim_start().starts_with("```"))
        .count();
    assert_eq!(fences % 2, 0, "unbalanced code fences");
    fences / 2
}

/// Checks rustdoc's page for `CloseCode`: no injected HTML, every link
/// relative or `http(s)`.
fn check_html(html: &str) {
    for forbidden in [
        "<script>alert",
        "<img src=x",
        "<img src=x onerror",
        "<details>",
        "href=\"https://evil.example/x\"",
        "src=\"https://evil.example/track.png\"",
        "href=\"https://evil.example/bare\"",
        "INJECTED DOCTEST RAN\");\n",
    ] {
        assert!(
            !html.contains(forbidden),
            "the CloseCode page holds {forbidden:?}"
        );
    }
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let value = &html[at + attribute.len()..];
            let value = &value[..value.find('"').unwrap()];
            let scheme = value.split(['/', '?', '#']).next().unwrap_or_default();
            assert!(
                !scheme.contains(':')
                    || value.starts_with("https://")
                    || value.starts_with("http://"),
                "the CloseCode page links to {value:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Compiling the regenerated crate

/// The test written into the regenerated crate: accessors against the
/// expected text, conversions for every value.
fn accessor_test(
    expected: &[Expected],
    idents: &BTreeMap<u16, String>,
    registered: &[u16],
) -> String {
    let mut out = String::from(
        "//! Written by xtask/tests/hostile_generated.rs: the crate generated from a hostile\n\
         //! registry returns the registry text byte for byte and converts numbers\n\
         //! whatever the text says.\n\n\
         use ws_close_codes::CloseCode;\n\n\
         struct Case {\n    code: u16,\n    what: &'static str,\n    ident: &'static str,\n    \
         name: &'static str,\n    contact: Option<&'static str>,\n    \
         references: &'static [(&'static str, Option<&'static str>)],\n}\n\n\
         const CASES: &[Case] = &[\n",
    );
    for case in expected {
        let references: Vec<String> = case
            .references
            .iter()
            .map(|(label, url)| format!("({}, {})", rust_str(label), rust_option(url.as_deref())))
            .collect();
        let _ = writeln!(
            out,
            "    Case {{ code: {}, what: {}, ident: {}, name: {}, contact: {}, references: &[{}] }},",
            case.code,
            rust_str(&case.what),
            rust_str(&idents[&case.code]),
            rust_str(&case.name),
            rust_option(case.contact.as_deref()),
            references.join(", ")
        );
    }
    let _ = writeln!(out, "];\n\nconst REGISTERED: &[u16] = &{registered:?};\n");
    let named: Vec<String> = IDENTIFIERS
        .iter()
        .map(|(code, _, ident, _)| format!("(CloseCode::{ident}, {code})"))
        .collect();
    let _ = write!(
        out,
        "#[test]\n\
         fn accessors_return_the_registry_text_byte_for_byte() {{\n    \
             for case in CASES {{\n        \
                 let code = CloseCode::from_u16(case.code);\n        \
                 let what = (case.code, case.what);\n        \
                 assert!(!matches!(code, CloseCode::Other(_)), \"{{what:?}}\");\n        \
                 assert_eq!(code.as_u16(), case.code, \"{{what:?}}\");\n        \
                 assert_eq!(code.ident(), Some(case.ident), \"{{what:?}}\");\n        \
                 assert_eq!(code.name(), Some(case.name), \"{{what:?}}\");\n        \
                 assert_eq!(code.description(), Some(case.name), \"{{what:?}}\");\n        \
                 assert_eq!(code.iana_description(), Some(case.name), \"{{what:?}}\");\n        \
                 assert_eq!(code.contact(), case.contact, \"{{what:?}}\");\n        \
                 assert_eq!(code.registered_on(), Some(\"2026-09-01\"), \"{{what:?}}\");\n        \
                 let references: Vec<(&str, Option<&str>)> =\n            \
                     code.references().iter().map(|r| (r.label(), r.url())).collect();\n        \
                 assert_eq!(references, case.references, \"{{what:?}}\");\n    \
             }}\n\
         }}\n\n\
         #[test]\n\
         fn every_u16_has_one_representation() {{\n    \
             for value in 0..=u16::MAX {{\n        \
                 let code = CloseCode::from_u16(value);\n        \
                 assert_eq!(code.as_u16(), value);\n        \
                 assert_eq!(u16::from(code), value);\n        \
                 assert_eq!(CloseCode::from(value), code);\n        \
                 assert_eq!(!matches!(code, CloseCode::Other(_)), REGISTERED.contains(&value), \"{{value}}\");\n    \
             }}\n    \
             let registered: Vec<u16> = CloseCode::NAMED.iter().map(|c| c.as_u16()).collect();\n    \
             assert_eq!(registered, REGISTERED);\n    \
             assert!(matches!(CloseCode::from_u16({UNASSIGNED_SINGLE}), CloseCode::Other(_)));\n\
         }}\n\n\
         #[test]\n\
         fn numbers_parse_as_their_code_whatever_the_names_say() {{\n    \
             let mut wrong = Vec::new();\n    \
             for value in 0..=u16::MAX {{\n        \
                 let code = CloseCode::from_u16(value);\n        \
                 let number = value.to_string();\n        \
                 if number.parse::<CloseCode>() != Ok(code) {{\n            \
                     wrong.push(format!(\"{{number:?}} parses as {{:?}}\", number.parse::<CloseCode>()));\n        \
                 }}\n        \
                 let display = code.to_string();\n        \
                 if display.parse::<CloseCode>() != Ok(code) {{\n            \
                     wrong.push(format!(\"{{display:?}} parses as {{:?}}\", display.parse::<CloseCode>()));\n        \
                 }}\n    \
             }}\n    \
             assert!(wrong.is_empty(), \"{{wrong:#?}}\");\n\
         }}\n\n\
         #[test]\n\
         fn variants_have_the_derived_identifiers() {{\n    \
             for (code, value) in [{}] {{\n        \
                 assert_eq!(code.as_u16(), value);\n    \
             }}\n\
         }}\n\n\
         #[test]\n\
         fn links_are_http_only() {{\n    \
             for code in CloseCode::NAMED {{\n        \
                 for reference in code.references() {{\n            \
                     if let Some(url) = reference.url() {{\n                \
                         assert!(url.starts_with(\"https://\") || url.starts_with(\"http://\"), \"{{url}}\");\n                \
                         assert!(!url.contains(|c: char| !c.is_ascii_graphic() || \"\\\"'<>\\\\`()[]{{}}|^\".contains(c)), \"{{url}}\");\n            \
                     }}\n        \
                 }}\n    \
             }}\n\
         }}\n",
        named.join(", ")
    );
    out
}

// ---------------------------------------------------------------------------
// Outcome: generated

#[test]
fn one_hostile_registry_generates_a_crate_that_compiles_and_returns_the_text() {
    let started = Instant::now();
    let copy = Copy::new();
    let documents = Documents::new();
    let original_readme = copy.read(regen::README);
    let doctype = unused_doctype("http://127.0.0.1:9", "file:///etc/passwd");
    let combined = combined(&doctype);
    let path = documents.write("hostile.xml", &combined.document);

    // What the run will do, without writing: identifiers and warnings.
    let new = Some((path.as_str(), &combined.document[..]));
    let plan = regen::plan(copy.root(), new, false).unwrap_or_else(|e| panic!("{e}"));
    let assigned: BTreeMap<u16, (String, Derivation)> = plan
        .assigned
        .iter()
        .map(|a| (a.value, (a.ident.clone(), a.derivation)))
        .collect();
    for &(code, description, ident, derivation) in IDENTIFIERS {
        assert_eq!(
            assigned.get(&code),
            Some(&(ident.to_owned(), derivation)),
            "{code} {description:?}"
        );
    }
    let registered: Vec<u16> = plan.new.registered_codes().map(|r| r.span.start).collect();
    assert!(!registered.contains(&UNASSIGNED_SINGLE));
    // The fixture's 19 codes and every new one.
    assert_eq!(registered.len(), 19 + combined.expected.len());
    assert_eq!(plan.assigned.len(), combined.expected.len());
    for assignment in &plan.assigned {
        let warned = plan
            .warnings
            .iter()
            .any(|w| w.starts_with(&format!("{}: ", assignment.value)));
        assert_eq!(
            warned,
            assignment.derivation != Derivation::Words,
            "{}",
            assignment.value
        );
    }

    // The run.
    let run = copy.xtask(&["regen", "--from", &path]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        !run.out
            .contains(|c: char| (c.is_control() && c != '\n') || is_bidi(c)),
        "the summary prints raw registry text: {:?}",
        run.out
    );
    assert!(
        run.out
            .contains("new identifier: 3017 -> CloseCode::TryAgainLater3017"),
        "{}",
        run.out
    );
    assert!(
        fs::read(copy.root().join(regen::SNAPSHOT)).unwrap() == combined.document,
        "the document was not stored verbatim"
    );
    // Regenerating from the stored document changes nothing.
    let again = copy.xtask(&["regen", "--check"]);
    assert_eq!(again.code, 0, "{}", again.err);

    // The generated source: no raw control or bidi character anywhere,
    // formatted as `cargo fmt --check` wants it.
    let generated = copy.read(regen::GENERATED);
    for (number, line) in generated.lines().enumerate() {
        assert!(
            !line.contains(|c: char| c.is_control() || is_bidi(c)),
            "generated.rs line {}: {line:?}",
            number + 1
        );
    }
    let rustfmt = Command::new("rustfmt")
        .args(["--edition", "2021", "--check"])
        .arg(copy.root().join(regen::GENERATED))
        .output()
        .expect("rustfmt (the CI runs `cargo fmt --check` on generated.rs)");
    assert!(
        rustfmt.status.success(),
        "generated.rs is not rustfmt-clean: {}",
        describe(&rustfmt)
    );
    check_readme(
        &copy.read(regen::README),
        &original_readme,
        registered.len(),
    );

    // Compile: the accessor test, the generated doc tests, rustdoc.
    let idents: BTreeMap<u16, String> = assigned
        .iter()
        .map(|(code, (ident, _))| (*code, ident.clone()))
        .collect();
    copy.0.crate_alone(&[(
        "hostile_accessors.rs",
        &accessor_test(&combined.expected, &idents, &registered),
    )]);
    let target = "hostile-copy";
    let compiled = Instant::now();
    let mut failures = Vec::new();
    let doc = copy.0.cargo(&["doc", "--no-deps", "--quiet"], target);
    if !doc.status.success() {
        failures.push(format!("cargo doc -D warnings failed: {}", describe(&doc)));
    } else {
        let page = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| xtask::workspace_root().join("target"))
            .join(target)
            .join("doc/ws_close_codes/enum.CloseCode.html");
        check_html(&fs::read_to_string(page).unwrap());
    }
    let doctests = copy.0.cargo(
        &[
            "test",
            "--doc",
            "--",
            "src/generated.rs",
            "src/close_code.rs",
        ],
        target,
    );
    let doctest_out = String::from_utf8_lossy(&doctests.stdout).into_owned();
    let define_rs = copy.read("crates/ws-close-codes/src/define.rs");
    let close_code_rs = copy.read("crates/ws-close-codes/src/close_code.rs");
    let wanted = format!(
        "running {} tests",
        doctests_of(&generated, &close_code_rs, &define_rs)
    );
    if !doctests.status.success() || !doctest_out.contains(&wanted) {
        failures.push(format!(
            "the generated doc tests failed or were not the {wanted}: {}",
            describe(&doctests)
        ));
    }
    if doctest_out.contains("INJECTED") {
        failures.push("a doc test made of registry text ran".into());
    }
    let accessors = copy
        .0
        .cargo(&["test", "--test", "hostile_accessors"], target);
    if !accessors.status.success() {
        failures.push(format!(
            "the accessor test failed: {}",
            describe(&accessors)
        ));
    }
    eprintln!(
        "hostile registry: {} new codes, compiled and tested in {:.1?} (whole test {:.1?})",
        combined.expected.len(),
        compiled.elapsed(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
