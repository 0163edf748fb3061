//! Compiles the generated code in a stand-in for the `ws-close-codes` crate
//! with the toolchain's `rustc`, `rustdoc` and `rustfmt`: the code must
//! compile without warnings, its doc tests must be exactly the fixed
//! examples, its documentation must build without warnings and without
//! markup from the registry, and rustfmt must leave it as it is.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ws_close_codes_codegen::close_code_source;
use ws_close_codes_registry::Catalog;

use common::HOSTILE;

/// The hand-written part of the crate, reduced to what the generated code
/// uses, plus a test that reads the hostile strings back at run time.
const LIB_RS: &str = r#"//! Stand-in for the `ws-close-codes` crate.
#![no_std]
#![deny(missing_docs, warnings)]

mod generated;

pub use generated::{CloseCode, REGISTRY_UPDATED};

/// A value without a variant of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OtherCode(u16);

impl OtherCode {
    /// One table slot for every `Other`.
    pub(crate) const SLOTS: usize = 1;

    pub(crate) const fn new(value: u16) -> OtherCode {
        OtherCode(value)
    }

    /// The value.
    pub const fn get(self) -> u16 {
        self.0
    }

    pub(crate) const fn slot(self) -> usize {
        0
    }
}

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// An RFC.
    Rfc,
    /// An RFC erratum.
    RfcErrata,
    /// An address.
    Uri,
    /// An Internet-Draft.
    Draft,
    /// A person.
    Person,
    /// Free text.
    Text,
}

/// A document the registry cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    kind: ReferenceKind,
    label: &'static str,
    url: Option<&'static str>,
}

impl Reference {
    pub(crate) const fn new(kind: ReferenceKind, label: &'static str, url: Option<&'static str>) -> Reference {
        Reference { kind, label, url }
    }

    /// What the reference points at.
    pub const fn kind(&self) -> ReferenceKind {
        self.kind
    }

    /// The label.
    pub const fn label(&self) -> &'static str {
        self.label
    }

    /// The link.
    pub const fn url(&self) -> Option<&'static str> {
        self.url
    }
}

impl core::fmt::Display for CloseCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.display_text() {
            Some(text) => f.write_str(text),
            None => core::fmt::Display::fmt(&self.as_u16(), f),
        }
    }
}

/// The limits of the code ranges.
pub const LIMITS: [u16; 6] = [
    generated::PROTOCOL_FIRST,
    generated::PROTOCOL_LAST,
    generated::REGISTERED_FIRST,
    generated::REGISTERED_LAST,
    generated::PRIVATE_FIRST,
    generated::PRIVATE_LAST,
];

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = include_str!("hostile.txt");

    #[test]
    fn hostile_text_is_data() {
        let code = CloseCode::from_u16(3000);
        assert_eq!(code, CloseCode::Hostile);
        assert_eq!(code.as_u16(), 3000);
        assert_eq!(code.name(), Some(HOSTILE));
        assert_eq!(code.display_text().map(|t| t.strip_prefix("3000 ")), Some(Some(HOSTILE)));
        assert_eq!(code.description(), Some(HOSTILE));
        assert_eq!(code.contact(), Some(HOSTILE));
        assert_eq!(code.ident(), Some("Hostile"));
        assert_eq!(code.registered_on(), Some("2020-01-31"));
        assert_eq!(code.updated_on(), Some("2021-02"));
        let references = code.references();
        assert_eq!(references.len(), 6);
        assert_eq!(references[0].kind(), ReferenceKind::Rfc);
        assert_eq!(references[5].kind(), ReferenceKind::Text);
        assert_eq!(references[5].label(), HOSTILE);
        assert!(references.iter().all(|r| r.url().is_none()));
        let going_away = CloseCode::GoingAway.references();
        assert_eq!(going_away[0].url(), Some("https://www.rfc-editor.org/rfc/rfc6455"));
        assert_eq!(going_away[1].label(), "https://example.com/going-away");
        assert_eq!(CloseCode::BadGateway.references(), &[]);
        assert_eq!(CloseCode::from_u16(4000).references(), &[]);
        assert_eq!(CloseCode::REGISTERED.len(), 5);
        assert_eq!(LIMITS, [1000, 2999, 3000, 3999, 4000, 4999]);
        assert_eq!(REGISTRY_UPDATED, "2024-05-02");
    }
}
"#;

fn tool(name: &str) -> Command {
    let variable = name.to_ascii_uppercase();
    Command::new(std::env::var_os(&variable).unwrap_or_else(|| name.into()))
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A fresh directory holding the stand-in crate with the code generated
/// from `catalog`.
fn crate_dir(name: &str, catalog: &Catalog) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lib.rs"), LIB_RS).unwrap();
    std::fs::write(dir.join("hostile.txt"), HOSTILE).unwrap();
    std::fs::write(dir.join("generated.rs"), close_code_source(catalog)).unwrap();
    dir
}

#[test]
fn generated_code_compiles_and_behaves() {
    let dir = crate_dir("compile-hostile", &common::small(HOSTILE));
    run(tool("rustc")
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "--crate-name",
            "ws_close_codes",
        ])
        .args(["--emit", "metadata", "-o", "out.rmeta", "lib.rs"]));
    run(tool("rustc")
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--test",
            "--crate-name",
            "ws_close_codes",
        ])
        .args(["-o", "tests", "lib.rs"]));
    let output = run(&mut Command::new(dir.join("tests")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
}

#[test]
fn doc_tests_are_the_fixed_examples() {
    let bundled = ws_close_codes_registry::bundled().expect("the bundled registry builds");
    for (name, catalog) in [
        ("hostile", common::small(HOSTILE)),
        ("bundled", bundled.catalog),
    ] {
        doc_tests_pass(&format!("doctest-{name}"), &catalog);
    }
}

fn doc_tests_pass(name: &str, catalog: &Catalog) {
    let dir = crate_dir(name, catalog);
    run(tool("rustc")
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "rlib",
            "--crate-name",
            "ws_close_codes",
        ])
        .args(["-o", "libws_close_codes.rlib", "lib.rs"]));
    let output = run(tool("rustdoc")
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--test",
            "--crate-name",
            "ws_close_codes",
        ])
        .args([
            "--extern",
            "ws_close_codes=libws_close_codes.rlib",
            "lib.rs",
        ]));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The enum, `REGISTERED` and the eleven methods have one example each.
    assert!(stdout.contains("running 12 tests"), "{stdout}");
    assert!(
        stdout.contains("test result: ok. 12 passed; 0 failed"),
        "{stdout}"
    );
}

/// Builds the documentation of the stand-in crate and returns the page of
/// `CloseCode`.
fn close_code_page(name: &str, catalog: &Catalog) -> String {
    let dir = crate_dir(name, catalog);
    run(tool("rustdoc")
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--crate-name",
            "ws_close_codes",
            "-D",
            "warnings",
        ])
        .args(["-o", "doc", "lib.rs"]));
    std::fs::read_to_string(dir.join("doc/ws_close_codes/enum.CloseCode.html")).unwrap()
}

#[test]
fn documentation_builds_without_warnings_or_registry_markup() {
    let hostile = close_code_page("doc-hostile", &common::small(HOSTILE));
    let plain = close_code_page("doc-plain", &common::small("plain text"));
    // The hostile text adds no element of any kind to the page.
    for tag in [
        "<a ",
        "<pre",
        "<code",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<em",
        "<strong",
        "<img",
        "<script",
        "<table",
        "<blockquote",
        "<ul",
        "<ol",
        "<li",
        "<hr",
        "<p>",
        "<sup",
        "<del",
        "<br",
    ] {
        assert_eq!(
            hostile.matches(tag).count(),
            plain.matches(tag).count(),
            "the hostile text changes the number of {tag} elements"
        );
    }
    // The only links out of the crate, besides rustdoc's own links to the
    // standard library, are the references with a checked address.
    let external: Vec<&str> = hostile
        .match_indices("href=\"http")
        .map(|(i, _)| {
            let rest = &hostile[i + 6..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(!external.is_empty());
    for link in external
        .iter()
        .filter(|link| !link.starts_with("https://doc.rust-lang.org/"))
    {
        assert!(
            *link == "https://www.rfc-editor.org/rfc/rfc6455"
                || *link == "https://example.com/going-away",
            "unexpected link {link}"
        );
    }
    assert!(!hostile.to_ascii_lowercase().contains("href=\"javascript"));
    // The hostile text is shown as text.
    assert!(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(hostile.contains("[x](javascript:alert(1))"));
    assert!(hostile.contains("```rust std::process::exit(1) ```"));
}

#[test]
fn rustfmt_leaves_the_output_unchanged() {
    let mut varied = common::small("plain text");
    // Texts of every length around the line widths that formatters use.
    for (i, length) in (0..=130).step_by(3).enumerate() {
        let value = 3100 + u16::try_from(i).unwrap();
        let text = "word ".repeat(length / 5 + 1)[..length].to_owned();
        let mut entry = common::entry(value, &format!("Code{value}"), &text);
        entry.contact = Some(text.clone());
        entry.references = common::references_of(&text);
        entry.references.push(ws_close_codes_registry::Reference {
            kind: ws_close_codes_registry::ReferenceKind::Uri,
            data: format!("https://example.com/{}", "a".repeat(length)),
        });
        varied.entries.push(entry);
    }
    let catalogs = [
        (
            "bundled",
            ws_close_codes_registry::bundled()
                .expect("the bundled registry builds")
                .catalog,
        ),
        ("two", common::two_entries()),
        ("hostile", common::small(HOSTILE)),
        ("varied", varied),
        ("thousand", common::thousand()),
    ];
    for (name, catalog) in catalogs {
        let dir = crate_dir(&format!("rustfmt-{name}"), &catalog);
        // Checking lib.rs checks generated.rs as its module; the stand-in
        // itself is formatted by hand, so check the module on its own.
        run(tool("rustfmt").current_dir(&dir).args([
            "--edition",
            "2021",
            "--check",
            "generated.rs",
        ]));
    }
}
