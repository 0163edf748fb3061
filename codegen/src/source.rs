//! The generated source of a close-code enum, one code path for the
//! crate's `CloseCode` (`crates/ws-close-codes/src/generated.rs`) and for
//! an application's enum ([`Builder`](crate::Builder)).
//!
//! The generated text is data: the enum, one variant per named code with
//! its documentation and, as the variant's discriminant, its record, inside
//! one invocation of `ws_close_codes::__close_code_enum!`, which the crate
//! writes by hand and which turns it into the enum, its tables and its API.
//! So each code is stated once, in one place, and a registration adds lines
//! without changing others: there are no positions, counts or per-code
//! lists anywhere else in the file.
//!
//! The text is printed here, in one fixed layout that does not depend on
//! the length of anything (one record field a line, one reference a line):
//! rustfmt leaves macro bodies alone, and a layout that re-wraps with the
//! length of a description would change lines a registration did not
//! touch. Registry text reaches it only through
//! [`str_literal_source`] (string literals in printable ASCII) and
//! [`doc_comment`] over [`escape_markdown`](crate::escape_markdown)d
//! Markdown.

use std::fmt::Write as _;

use ws_close_codes_registry::{is_valid_ident, Catalog, Date, Entry, Reference, ReferenceKind};

use crate::docs::{doc_comment, entry_doc};
use crate::literal::{option_literal_source, str_literal_source};

/// One named code as a generated enum states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// The code.
    pub(crate) value: u16,
    /// The variant's name (a valid identifier, see
    /// [`is_valid_ident`]).
    pub(crate) ident: String,
    /// The short name.
    pub(crate) name: String,
    /// The description shown first.
    pub(crate) description: String,
    /// IANA's description, for a code of the registry.
    pub(crate) iana_description: Option<String>,
    /// The registry's contact.
    pub(crate) contact: Option<String>,
    /// The registry's references.
    pub(crate) references: Vec<Reference>,
    /// When the code was registered.
    pub(crate) registered_on: Option<Date>,
    /// When its registration last changed.
    pub(crate) updated_on: Option<Date>,
    /// The variant's documentation, Markdown in which every piece of
    /// outside text is escaped with [`escape_markdown`](crate::escape_markdown).
    pub(crate) doc: String,
}

impl Row {
    /// The row of a code of the registry.
    pub(crate) fn from_entry(entry: &Entry) -> Row {
        Row {
            value: entry.value,
            ident: entry.ident.clone(),
            name: entry.title.clone(),
            description: entry.description.clone(),
            iana_description: Some(entry.iana_description.clone()),
            contact: entry.contact.clone(),
            references: entry.references.clone(),
            registered_on: entry.date,
            updated_on: entry.updated,
            doc: entry_doc(entry),
        }
    }

    /// The documented variant with its record, the discriminant in the
    /// macro's input, at the indentation of the enum's variants.
    fn write_variant(&self, out: &mut String) {
        const INDENT: &str = "        ";
        const FIELD: &str = "            ";
        out.push_str(&doc_comment(&self.doc, INDENT));
        let date =
            |date: Option<Date>| option_literal_source(date.map(|d| d.to_string()).as_deref());
        let _ = writeln!(out, "{INDENT}{} = Record {{", self.ident);
        let _ = writeln!(out, "{FIELD}value: {},", self.value);
        let _ = writeln!(out, "{FIELD}name: {},", str_literal_source(&self.name));
        let _ = writeln!(
            out,
            "{FIELD}description: {},",
            str_literal_source(&self.description)
        );
        let _ = writeln!(
            out,
            "{FIELD}iana_description: {},",
            option_literal_source(self.iana_description.as_deref())
        );
        let _ = writeln!(
            out,
            "{FIELD}contact: {},",
            option_literal_source(self.contact.as_deref())
        );
        if self.references.is_empty() {
            let _ = writeln!(out, "{FIELD}references: &[],");
        } else {
            let _ = writeln!(out, "{FIELD}references: &[");
            for reference in &self.references {
                let _ = writeln!(out, "{FIELD}    {},", reference_source(reference));
            }
            let _ = writeln!(out, "{FIELD}],");
        }
        let _ = writeln!(out, "{FIELD}registered_on: {},", date(self.registered_on));
        let _ = writeln!(out, "{FIELD}updated_on: {},", date(self.updated_on));
        let _ = writeln!(out, "{INDENT}}},");
    }
}

/// `Reference::new(ReferenceKind::..., "label", Some("url"))`.
fn reference_source(reference: &Reference) -> String {
    let kind = match reference.kind {
        ReferenceKind::Rfc => "Rfc",
        ReferenceKind::RfcErrata => "RfcErrata",
        ReferenceKind::Uri => "Uri",
        ReferenceKind::Draft => "Draft",
        ReferenceKind::Person => "Person",
        ReferenceKind::Text => "Text",
    };
    format!(
        "Reference::new(ReferenceKind::{kind}, {}, {})",
        str_literal_source(&reference.label()),
        option_literal_source(reference.url().as_deref())
    )
}

/// Which enum a generated file defines.
pub(crate) enum Kind<'a> {
    /// The crate's `CloseCode`, in `generated.rs`.
    Registry,
    /// An application's enum, in its own module `module`, with the payload
    /// `other`; when `registry` is given, the build fails with `message`
    /// unless the linked `ws-close-codes` has that registry.
    Application {
        module: &'a str,
        other: &'a str,
        registry: Option<(Date, String)>,
    },
}

/// A generated enum: everything its file states.
pub(crate) struct EnumSource<'a> {
    /// The macro to invoke: `crate::__close_code_enum` in the crate,
    /// `::ws_close_codes::__close_code_enum` elsewhere.
    pub(crate) macro_path: &'a str,
    /// Which enum.
    pub(crate) kind: Kind<'a>,
    /// The enum's name (a valid identifier).
    pub(crate) name: &'a str,
    /// The enum's documentation, Markdown, escaped like [`Row::doc`].
    pub(crate) doc: &'a str,
    /// The named codes, in ascending order of value.
    pub(crate) rows: &'a [Row],
}

/// The attribute that tells the macro which enum it defines.
fn kind_attribute(kind: &Kind<'_>) -> String {
    match kind {
        Kind::Registry => "#[close_code_enum(registry)]".to_owned(),
        Kind::Application {
            module,
            other,
            registry,
        } => {
            let check = registry
                .as_ref()
                .map(|(date, message)| {
                    format!(
                        ", registry = {}, message = {}",
                        str_literal_source(&date.to_string()),
                        str_literal_source(message)
                    )
                })
                .unwrap_or_default();
            format!("#[close_code_enum(application, module = {module}, other = {other}{check})]")
        }
    }
}

/// Panics unless the rows can become variants: valid and distinct
/// identifiers, distinct values in ascending order.
fn check(rows: &[Row]) {
    let mut idents = std::collections::BTreeSet::new();
    for pair in rows.windows(2) {
        assert!(
            pair[0].value < pair[1].value,
            "the codes are not in ascending order: {} follows {}",
            pair[1].value,
            pair[0].value
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

/// The invocation of the macro that defines the enum: its kind attribute
/// and documentation, then one documented variant with its record per
/// code.
///
/// # Panics
///
/// As [`check`].
pub(crate) fn enum_invocation(source: &EnumSource<'_>) -> String {
    check(source.rows);
    let mut out = String::with_capacity(1024 + 1024 * source.rows.len());
    let _ = writeln!(out, "{}! {{", source.macro_path);
    let _ = writeln!(out, "    {}", kind_attribute(&source.kind));
    out.push_str(&doc_comment(source.doc, "    "));
    let _ = writeln!(out, "    pub enum {} {{", source.name);
    for row in source.rows {
        row.write_variant(&mut out);
    }
    out.push_str("    }\n}\n");
    out
}

/// The documentation of the crate's `CloseCode`.
const CLOSE_CODE_DOC: &str = "\
A WebSocket close code: the status code of a Close frame (RFC 6455,
section 7.4).

There is one variant for every code that the IANA WebSocket Close Code
Number Registry registers as a single code; the variants, their names and
their documentation are generated from that registry. Every other value is
held by the catch-all variant [`CloseCode::Other`].

The enum is `#[non_exhaustive]` because IANA keeps registering new codes. A
value that is `Other` today gets a variant of its own in the release that
follows its registration, so match on the variants you handle and keep a
wildcard arm, or compare numbers: a `CloseCode` equals its `u16`.

# Examples

```
use ws_close_codes::CloseCode;

assert_eq!(CloseCode::from_u16(1000), CloseCode::NormalClosure);
assert_eq!(CloseCode::NormalClosure, 1000);

let private = CloseCode::from_u16(4000);
assert!(matches!(private, CloseCode::Other(_)));
assert_eq!(private.as_u16(), 4000);
```";

/// The complete text of `crates/ws-close-codes/src/generated.rs` for
/// `catalog`: a header comment, the registry's date and ranges, and the
/// `CloseCode` enum with one documented variant and one record per code.
///
/// The same catalog always gives the same bytes. Registry text reaches the
/// output only as string literals (escaped so they hold printable ASCII
/// only) and as doc comments escaped with
/// [`escape_markdown`](crate::escape_markdown). The doc examples in the
/// output use the codes 1000, 1001 and 1014 and the variants
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
/// assert!(source.contains("    pub enum CloseCode {"));
/// assert!(source.contains("        NormalClosure = Record {\n            value: 1000,\n"));
/// assert_eq!(source, close_code_source(&catalog));
/// ```
pub fn close_code_source(catalog: &Catalog) -> String {
    let rows: Vec<Row> = catalog.entries.iter().map(Row::from_entry).collect();
    let mut source = format!(
        "// @generated by `cargo xtask regen` from registry/websocket.xml\n\
         // (IANA registry updated {}). Do not edit by hand: edit the\n\
         // registry files or the generator and run `cargo xtask regen`.\n\n",
        catalog.document_updated
    );
    write_constants(catalog, &mut source);
    source.push('\n');
    source.push_str(&enum_invocation(&EnumSource {
        macro_path: "crate::__close_code_enum",
        kind: Kind::Registry,
        name: "CloseCode",
        doc: CLOSE_CODE_DOC,
        rows: &rows,
    }));
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
    let limits = [
        (
            "PROTOCOL_FIRST",
            layout.protocol.start,
            "First code of the range for the WebSocket protocol and its extensions.",
        ),
        (
            "PROTOCOL_LAST",
            layout.protocol.end,
            "Last code of the range for the WebSocket protocol and its extensions.",
        ),
        (
            "APPLICATION_FIRST",
            layout.registered.start,
            "First code of the range that libraries, frameworks and applications register.",
        ),
        (
            "APPLICATION_LAST",
            layout.registered.end,
            "Last code of the range that libraries, frameworks and applications register.",
        ),
        (
            "PRIVATE_FIRST",
            layout.private.start,
            "First code of the range for private use, which IANA never registers.",
        ),
        (
            "PRIVATE_LAST",
            layout.private.end,
            "Last code of the range for private use, which IANA never registers.",
        ),
    ];
    for (name, value, doc) in limits {
        out.push_str(&doc_comment(doc, ""));
        let _ = writeln!(out, "pub(crate) const {name}: u16 = {value};");
    }
}
