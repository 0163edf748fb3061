//! Compiles the generated code as the real `ws-close-codes` crate (its
//! hand-written sources, copied, with `generated.rs` made from the catalog
//! under test) with the toolchain's `rustc`, `rustdoc` and `rustfmt`: the
//! crate must compile without warnings and return the registry text byte
//! for byte, registry text must add no doc test and no markup to the
//! documentation, and rustfmt must leave the generated file as it is.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ws_close_codes_codegen::close_code_source;
use ws_close_codes_registry::Catalog;

use common::HOSTILE;

/// An integration test of the generated crate: the hostile code's
/// accessors return the hostile text byte for byte.
const ACCESSORS_RS: &str = r#"
use ws_close_codes::{CloseCode, ReferenceKind};

const HOSTILE: &str = include_str!("hostile.txt");
const VALUE: u16 = include!("hostile-value.txt");

#[test]
fn hostile_text_is_data() {
    let code = CloseCode::from_u16(VALUE);
    assert_eq!(code.ident(), Some("Hostile"));
    assert_eq!(code.as_u16(), VALUE);
    assert_eq!(code, VALUE);
    assert_eq!(code.name(), Some(HOSTILE));
    assert_eq!(code.to_string(), format!("{VALUE} {HOSTILE}"));
    assert_eq!(code.description(), Some(HOSTILE));
    assert_eq!(code.iana_description(), Some(format!("IANA: {HOSTILE}").as_str()));
    assert_eq!(code.contact(), Some(HOSTILE));
    assert_eq!(code.registered_on(), Some("2020-01-31"));
    assert_eq!(code.updated_on(), Some("2021-02"));
    let references = code.references();
    assert_eq!(references.len(), 6);
    assert_eq!(references[0].kind(), ReferenceKind::Rfc);
    assert_eq!(references[5].kind(), ReferenceKind::Text);
    assert_eq!(references[5].label(), HOSTILE);
    assert!(references.iter().all(|r| r.url().is_none()));
    // The number still means the number, whatever the name says.
    assert_eq!(VALUE.to_string().parse::<CloseCode>(), Ok(code));
    for value in 0..=u16::MAX {
        assert_eq!(CloseCode::from_u16(value).as_u16(), value);
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

/// The real crate's `src` directory.
fn crate_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ws-close-codes/src")
}

/// A fresh copy of the crate, laid out as in the repository (so that the
/// README its doc tests include is found), with `generated.rs` made from
/// `catalog`. Returns the copy's `src` directory.
fn crate_dir(name: &str, catalog: &Catalog) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    let src = root.join("crates/ws-close-codes/src");
    std::fs::create_dir_all(&src).unwrap();
    for entry in std::fs::read_dir(crate_src()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::copy(&path, src.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
        root.join("README.md"),
    )
    .unwrap();
    std::fs::write(src.join("generated.rs"), close_code_source(catalog)).unwrap();
    src
}

/// `rustc` building the copy as the `ws_close_codes` library, warnings
/// denied.
fn build_library(src: &Path) {
    run(tool("rustc").current_dir(src).args([
        "--edition",
        "2021",
        "--crate-type",
        "rlib",
        "--crate-name",
        "ws_close_codes",
        "-D",
        "warnings",
        "-o",
        "libws_close_codes.rlib",
        "lib.rs",
    ]));
}

#[test]
fn generated_code_compiles_and_behaves() {
    let catalog = common::bundled_with(HOSTILE);
    let src = crate_dir("compile-hostile", &catalog);
    build_library(&src);
    std::fs::write(src.join("hostile.txt"), HOSTILE).unwrap();
    std::fs::write(
        src.join("hostile-value.txt"),
        common::hostile_value(&catalog).to_string(),
    )
    .unwrap();
    std::fs::write(src.join("accessors.rs"), ACCESSORS_RS).unwrap();
    run(tool("rustc").current_dir(&src).args([
        "--edition",
        "2021",
        "--test",
        "-D",
        "warnings",
        "--extern",
        "ws_close_codes=libws_close_codes.rlib",
        "-o",
        "accessors",
        "accessors.rs",
    ]));
    let output = run(&mut Command::new(src.join("accessors")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
}

/// The doc tests of the copy's `CloseCode` (the enum, its variants, whose
/// documentation `generated.rs` holds, and its methods) and of
/// `generated.rs`: how many ran (all must pass).
fn generated_doc_tests(name: &str, catalog: &Catalog) -> usize {
    let src = crate_dir(name, catalog);
    build_library(&src);
    let output = run(tool("rustdoc").current_dir(&src).args([
        "--edition",
        "2021",
        "--test",
        "--crate-name",
        "ws_close_codes",
        "--extern",
        "ws_close_codes=libws_close_codes.rlib",
        "lib.rs",
        "--test-args",
        "CloseCode",
        "--test-args",
        "generated.rs",
    ]));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|line| line.starts_with("test result: ok."))
        .unwrap_or_else(|| panic!("no test result:\n{stdout}"));
    assert!(line.contains(" 0 failed"), "{stdout}");
    stdout
        .lines()
        .filter(|line| line.starts_with("test ") && line.ends_with(" ... ok"))
        .count()
}

#[test]
fn registry_text_adds_no_doc_test() {
    let plain = generated_doc_tests("doctest-plain", &common::bundled_with("plain text"));
    let hostile = generated_doc_tests("doctest-hostile", &common::bundled_with(HOSTILE));
    // The enum's example, its methods' and `REGISTRY_UPDATED`'s, whatever
    // the registry.
    assert!(plain >= 2, "{plain}");
    assert_eq!(hostile, plain);
}

/// Builds the documentation of the copy and returns the page of
/// `CloseCode`.
fn close_code_page(name: &str, catalog: &Catalog) -> String {
    let src = crate_dir(name, catalog);
    run(tool("rustdoc").current_dir(&src).args([
        "--edition",
        "2021",
        "--crate-name",
        "ws_close_codes",
        "-D",
        "warnings",
        "-o",
        "doc",
        "lib.rs",
    ]));
    std::fs::read_to_string(src.join("doc/ws_close_codes/enum.CloseCode.html")).unwrap()
}

#[test]
fn documentation_builds_without_warnings_or_registry_markup() {
    let hostile = close_code_page("doc-hostile", &common::bundled_with(HOSTILE));
    let plain = close_code_page("doc-plain", &common::bundled_with("plain text"));
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
    // The links out of the crate, besides rustdoc's own to the standard
    // library, are exactly those of the plain page: the hostile code's
    // references have none.
    let external = |page: &str| -> Vec<String> {
        page.match_indices("href=\"http")
            .map(|(i, _)| {
                let rest = &page[i + 6..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .filter(|link| !link.starts_with("https://doc.rust-lang.org/"))
            .collect()
    };
    assert!(!external(&hostile).is_empty());
    assert_eq!(external(&hostile), external(&plain));
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
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rustfmt-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("generated.rs"), close_code_source(&catalog)).unwrap();
        run(tool("rustfmt").current_dir(&dir).args([
            "--edition",
            "2021",
            "--check",
            "generated.rs",
        ]));
    }
}
