//! The generated source of `crates/ws-close-codes/src/generated.rs`.
//!
//! The generated text is data: the registry's date and ranges, and one
//! macro, `__iana_codes!`, whose body lists IANA's codes, one row each
//! (identifier, value, name, descriptions, contact, references, dates),
//! after the runs of consecutive values among them. The crate writes by
//! hand what turns the rows into an enum (`__close_code_enum!`): its own
//! `CloseCode` and every application's `close_codes!` enum. So each code is
//! stated once, in one place, and a registration adds lines without
//! changing others, save the run it extends.
//!
//! The text is printed here, in one fixed layout that does not depend on
//! the length of anything (one field a line, one reference a line):
//! rustfmt leaves macro bodies alone, and a layout that re-wraps with the
//! length of a description would change lines a registration did not
//! touch. Registry text reaches it only through
//! [`str_literal_source`] (string literals in printable ASCII) and
//! [`doc_comment`] over [`escape_markdown`](crate::escape_markdown)d
//! Markdown.

use std::fmt::Write as _;

use ws_close_codes_registry::{is_valid_ident, Catalog, Date, Entry, Reference};

use crate::docs::{doc_comment, entry_doc};
use crate::literal::{option_literal_source, str_literal_source};

/// The documented row of `entry`, at the indentation of the rows.
fn write_row(entry: &Entry, out: &mut String) {
    const INDENT: &str = "                ";
    const FIELD: &str = "                    ";
    out.push_str(&doc_comment(&entry_doc(entry), INDENT));
    let date = |date: Option<Date>| option_literal_source(date.map(|d| d.to_string()).as_deref());
    let _ = writeln!(out, "{INDENT}{} = {} {{", entry.ident, entry.value);
    let strings = [
        ("name", &entry.title),
        ("description", &entry.description),
        ("iana_description", &entry.iana_description),
    ];
    for (field, text) in strings {
        let _ = writeln!(out, "{FIELD}{field}: {},", str_literal_source(text));
    }
    let contact = option_literal_source(entry.contact.as_deref());
    let _ = writeln!(out, "{FIELD}contact: {contact},");
    if entry.references.is_empty() {
        let _ = writeln!(out, "{FIELD}references: [],");
    } else {
        let _ = writeln!(out, "{FIELD}references: [");
        for reference in &entry.references {
            let _ = writeln!(out, "{FIELD}    {},", reference_source(reference));
        }
        let _ = writeln!(out, "{FIELD}],");
    }
    let _ = writeln!(out, "{FIELD}registered_on: {},", date(entry.date));
    let _ = writeln!(out, "{FIELD}updated_on: {},", date(entry.updated));
    let _ = writeln!(out, "{INDENT}}},");
}

/// `(Kind, "label", Some("url"))`: a reference as a row states it.
fn reference_source(reference: &Reference) -> String {
    // The crate's `ReferenceKind` has the registry's variant names.
    format!(
        "({:?}, {}, {})",
        reference.kind,
        str_literal_source(&reference.label()),
        option_literal_source(reference.url().as_deref())
    )
}

/// Panics unless the rows can become variants: valid and distinct
/// identifiers, distinct values in ascending order.
fn check(rows: &[Entry]) {
    let mut idents = std::collections::BTreeSet::new();
    for pair in rows.windows(2) {
        let (prev, next) = (pair[0].value, pair[1].value);
        assert!(
            prev < next,
            "the codes are not in ascending order: {next} follows {prev}"
        );
    }
    for row in rows {
        assert!(
            is_valid_ident(&row.ident),
            "code {} has the identifier {:?}, which cannot name a variant",
            row.value,
            row.ident
        );
        assert!(
            idents.insert(row.ident.as_str()),
            "the identifier {} is used by more than one code",
            row.ident
        );
    }
}

/// The runs of consecutive values among `rows` (ascending by value): the
/// first value, the last, and the identifier of the first code.
fn runs(rows: &[Entry]) -> Vec<(u16, u16, &str)> {
    let mut runs: Vec<(u16, u16, &str)> = Vec::new();
    for row in rows {
        match runs.last_mut() {
            Some((_, last, _)) if u32::from(*last) + 1 == u32::from(row.value) => *last = row.value,
            _ => runs.push((row.value, row.value, &row.ident)),
        }
    }
    runs
}

/// The macro `__iana_codes!`: the runs, then one documented row per code.
///
/// # Panics
///
/// As [`check`].
fn iana_codes_macro(rows: &[Entry]) -> String {
    check(rows);
    let mut out = String::with_capacity(1024 + 1024 * rows.len());
    out.push_str(
        "/// IANA's codes, as the rows of a close-code enum: `__close_code_enum!`\n\
         /// with the tokens given, then the runs of consecutive values, then the\n\
         /// codes. The crate's `CloseCode` and every `close_codes!` enum expand it.\n\
         #[doc(hidden)]\n\
         #[macro_export]\n\
         macro_rules! __iana_codes {\n    \
             ($($input:tt)*) => {\n        \
                 $crate::__close_code_enum! {\n            \
                     $($input)*\n            \
                     runs {\n",
    );
    for (first, last, ident) in runs(rows) {
        let _ = writeln!(out, "                {first}..={last} => {ident},");
    }
    out.push_str("            }\n            codes {\n");
    for row in rows {
        write_row(row, &mut out);
    }
    out.push_str("            }\n        }\n    };\n}\n");
    out
}

/// The complete text of `crates/ws-close-codes/src/generated.rs` for
/// `catalog`: a header comment, the registry's date and ranges, and the
/// macro `__iana_codes!` with one documented row per code.
///
/// The same catalog always gives the same bytes. Registry text reaches the
/// output only as string literals (escaped so they hold printable ASCII
/// only) and as doc comments escaped with
/// [`escape_markdown`](crate::escape_markdown). The crate's hand-written
/// examples use the codes 1000, 1001 and 1014 and the variants
/// `NormalClosure`, `GoingAway` and `BadGateway`, so the catalog of a real
/// build must register those.
///
/// # Panics
///
/// If an entry's identifier is not one that [`is_valid_ident`] accepts, if
/// two entries share a value or an identifier, or if the entries are not in
/// ascending order of value. [`ws_close_codes_registry::build`] never
/// produces such a catalog.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::close_code_source;
/// use ws_close_codes_registry::{Catalog, Date, Entry, Layout, Reference, ReferenceKind, Span};
///
/// let catalog = Catalog {
///     document_updated: Date { year: 2024, month: 5, day: Some(2) },
///     entries: vec![Entry {
///         value: 1000,
///         ident: "NormalClosure".into(),
///         title: "Normal Closure".into(),
///         iana_description: "Normal Closure".into(),
///         description: "The connection did what it was opened for.".into(),
///         contact: None,
///         references: vec![Reference { kind: ReferenceKind::Rfc, data: "rfc6455".into() }],
///         date: None,
///         updated: None,
///     }],
///     layout: Layout {
///         protocol: Span { start: 1000, end: 2999 },
///         registered: Span { start: 3000, end: 3999 },
///         private: Span { start: 4000, end: 4999 },
///     },
/// };
/// let source = close_code_source(&catalog);
/// assert!(source.starts_with("// @generated by `cargo xtask regen`"));
/// assert!(source.contains("(IANA registry updated 2024-05-02)"));
/// assert!(source.contains("macro_rules! __iana_codes {"));
/// assert!(source.contains("                1000..=1000 => NormalClosure,\n"));
/// assert!(source.contains("                NormalClosure = 1000 {\n"));
/// assert_eq!(source, close_code_source(&catalog));
/// ```
pub fn close_code_source(catalog: &Catalog) -> String {
    let mut source = format!(
        "// @generated by `cargo xtask regen` from registry/websocket.xml\n\
         // (IANA registry updated {}). Do not edit by hand: edit the\n\
         // registry files or the generator and run `cargo xtask regen`.\n\n",
        catalog.document_updated
    );
    write_constants(catalog, &mut source);
    source.push('\n');
    source.push_str(&iana_codes_macro(&catalog.entries));
    source
}

/// `REGISTRY_UPDATED` and the limits of the ranges.
fn write_constants(catalog: &Catalog, out: &mut String) {
    out.push_str(&doc_comment(
        "The date of the IANA registry document this crate was generated from\n\
         (`YYYY-MM-DD`): the last time IANA changed it.\n\
         \n\
         ```\n\
         let date = ws_close_codes::REGISTRY_UPDATED;\n\
         assert_eq!(date.len(), 10);\n\
         assert!(date.bytes().all(|b| b.is_ascii_digit() || b == b'-'));\n\
         ```",
        "",
    ));
    let _ = writeln!(
        out,
        "pub const REGISTRY_UPDATED: &str = {};",
        str_literal_source(&catalog.document_updated.to_string())
    );
    let layout = &catalog.layout;
    let ranges = [
        (
            "PROTOCOL",
            layout.protocol,
            "for the WebSocket protocol and its extensions.",
        ),
        (
            "APPLICATION",
            layout.registered,
            "that libraries, frameworks and applications register.",
        ),
        (
            "PRIVATE",
            layout.private,
            "for private use, which IANA never registers.",
        ),
    ];
    for (name, span, what) in ranges {
        for (word, value) in [("First", span.start), ("Last", span.end)] {
            let end = word.to_uppercase();
            let _ = writeln!(out, "/// {word} code of the range {what}");
            let _ = writeln!(out, "pub(crate) const {name}_{end}: u16 = {value};");
        }
    }
}
