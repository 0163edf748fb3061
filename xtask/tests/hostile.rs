//! Hostile input suite: malicious and broken registry documents through the
//! whole pipeline, `cargo xtask regen --from DOC` on a temporary copy of the
//! workspace files.
//!
//! Every case has one of two outcomes:
//!
//! - **refused**: exit status 1, an error that names `DOC`, `line N, column
//!   M` and the element, and quotes no raw control or bidirectional
//!   character; every file of the copy is byte-identical afterwards
//!   ([`malformed_and_malicious_documents_are_refused_at_their_place`] and
//!   the tests after it);
//! - **generated**: the run succeeds, and the regenerated crate compiles,
//!   passes its generated doc tests and `cargo doc` with warnings denied,
//!   returns the hostile text byte for byte from its accessors, and converts
//!   numbers the same whatever the text says
//!   ([`one_hostile_registry_generates_a_crate_that_compiles_and_returns_the_text`]).
//!   All "generated" cases are in ONE document, so the crate is compiled
//!   once.
//!
//! The documents are built from the dated fixture
//! `tests/data/registry-2025-07-30` (so their expectations hold whatever the
//! live snapshot says), except a few in `tests/data/hostile/` that do not
//! depend on it. `HOSTILE_CORPUS_DIR=DIR cargo test -p xtask --test hostile
//! -- dump_hostile_corpus` writes them all to `DIR`, for the fuzz seeds.
//!
//! The end of the file runs `regen` twice at once (two processes, and a
//! plan that another run overtook) and kills a run at different moments.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use ws_close_codes_registry::Derivation;
use xtask::cli;
use xtask::regen::{self, Options};

// ---------------------------------------------------------------------------
// The workspace copy

mod common;

/// A temporary copy of the registry files, the README and the generated
/// crate (the shared [`common::Workspace`]), with runs reported as [`Run`].
struct Copy(common::Workspace);

/// What one `cargo xtask` run did.
#[derive(Debug)]
struct Run {
    code: i32,
    out: String,
    err: String,
}

impl Copy {
    fn new() -> Copy {
        Copy(common::Workspace::new())
    }

    fn root(&self) -> &Path {
        self.0.root()
    }

    fn read(&self, file: &str) -> String {
        self.0.read(file)
    }

    /// Every file of the copy (but build output), by relative path.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.0.files()
    }

    /// `cargo xtask ARGS` against the copy, in this process.
    fn xtask(&self, args: &[&str]) -> Run {
        let (code, out, err) = self.0.xtask(args);
        Run { code, out, err }
    }
}

/// Files that only an interrupted or concurrent run leaves: temporaries,
/// the journal, the lock.
fn debris(files: &BTreeMap<String, Vec<u8>>) -> Vec<&String> {
    files.keys().filter(|name| debris_name(name)).collect()
}

fn debris_name(name: &str) -> bool {
    name.contains(".regen-") || name.ends_with(".regen.lock")
}

/// A document written outside the copy, so that the copy's files are only
/// what regen owns.
struct Documents {
    dir: tempfile::TempDir,
}

impl Documents {
    fn new() -> Documents {
        Documents {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
}

// ---------------------------------------------------------------------------
// Documents built from the fixture

/// The fixture document every copy starts from (the registry as of
/// 2025-07-30), never the live snapshot.
fn snapshot() -> String {
    common::baseline()
}

/// The fixture with `from` replaced by `to` (once; `from` must be there).
fn replaced(from: &str, to: &str) -> String {
    let text = snapshot();
    assert!(text.contains(from), "the fixture has no {from:?}");
    text.replacen(from, to, 1)
}

/// The unassigned 3009-3999 record of the fixture.
const UNASSIGNED_3009: &str = "<record>\n      <value>3009-3999</value>\n      \
                               <description>Unassigned</description>\n      <contact/>\n    </record>";

/// The fixture with `records` in place of its unassigned 3009-3999 record,
/// `people` at the end of `<people>`, and the document dated 2026-09-01.
fn registry_with(records: &str, people: &str) -> String {
    replaced(UNASSIGNED_3009, records)
        .replacen("</people>", &format!("{people}  </people>"), 1)
        .replacen(
            "<updated>2025-07-30</updated>",
            "<updated>2026-09-01</updated>",
            1,
        )
}

fn unassigned(first: u16, last: u16) -> String {
    format!(
        "<record>\n      <value>{first}-{last}</value>\n      \
         <description>Unassigned</description>\n      <contact/>\n    </record>\n    "
    )
}

/// A registered record: `value`, description, contact and references as XML.
fn record(value: &str, description: &str, contact: &str, references: &str) -> String {
    format!(
        "<record date=\"2026-09-01\">\n      <value>{value}</value>\n      \
         <description>{description}</description>\n      {contact}\n      {references}\n    \
         </record>\n    "
    )
}

const MORGAN: &str = "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>";

/// `text` as XML character data or attribute value: markup characters as
/// entity references; with `refs`, every character outside printable ASCII
/// as a character reference (but NUL, which XML cannot reference), else as
/// it is.
fn xml(text: &str, refs: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\0' => out.push(c),
            c if refs && !(' '..='~').contains(&c) => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Whitespace collapsed as the parser does for element text.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The link a `uri` reference may have: the address, when it is `http(s)`
/// and made of characters that are safe in a Markdown link destination.
/// Written independently of `Reference::url`.
fn http_url(data: &str) -> Option<String> {
    let rest = data
        .strip_prefix("https://")
        .or_else(|| data.strip_prefix("http://"))?;
    let safe = !rest.is_empty()
        && data
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'<>\\`()[]{}|^".contains(&b));
    safe.then(|| data.to_owned())
}

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

/// Whether `c` reorders the display of text (what rustc's
/// `text_direction_codepoint_in_literal` and the generator look for).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// ---------------------------------------------------------------------------
// The hostile texts

/// One piece of hostile text; `markup` is the XML for it in element
/// content when it cannot be written with [`xml`] (CDATA).
struct Hostile {
    label: &'static str,
    text: String,
    refs: bool,
    markup: Option<String>,
}

/// A text of exactly [`MAX_TEXT`] bytes, whitespace already collapsed, full
/// of characters that mean something in Rust, Markdown and HTML.
fn long_text() -> String {
    let unit = "\"#*/{}<b>[x](javascript:y)`@\\ \u{202E}é ";
    let mut text = unit.repeat(MAX_TEXT / unit.len() + 1);
    let mut cut = MAX_TEXT - 1;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    while text.len() < MAX_TEXT {
        text.push('Z');
    }
    assert_eq!(collapse(&text), text);
    text
}

/// The longest text the parser accepts.
const MAX_TEXT: usize = ws_close_codes_registry::parse::MAX_TEXT_LEN;

fn hostile_texts() -> Vec<Hostile> {
    let h = |label, text: &str, refs| Hostile {
        label,
        text: text.to_owned(),
        refs,
        markup: None,
    };
    let newlines = "first line\nsecond line\r\nthird\n\n    indented code\n\tlast";
    let controls = "bell\u{7} esc\u{1b}[31mred\u{1b}[0m bs\u{8} del\u{7f} csi\u{9b}31m \
                    soh\u{1} us\u{1f} ff\u{c}vt\u{b}end";
    let bidi = "invoice\u{202E}fdp.exe\u{202C} \u{2066}iso\u{2069} \u{2067}rli\u{2069} \
                \u{2068}fsi\u{2069} \u{200E}lrm \u{200F}rlm \u{61C}alm \u{202A}lre\u{202C} \
                \u{202B}rle\u{202C} \u{202D}lro\u{202C}";
    vec![
        h("quotes", "He said \"hi\", 'bye' and \"\"# r#\"x\"#", false),
        h(
            "backslashes",
            r#"C:\dir\ \\ \" \u{41} \x41 \n \0 ends with \"#,
            false,
        ),
        h(
            "comment-close",
            "*/ pub fn injected() {} /* // <!-- -->",
            false,
        ),
        h(
            "raw-string-close",
            "\"# ); std::process::exit(1); (r#\"",
            false,
        ),
        h("braces", "{} {{}} {0} {:?} ${HOME} }{ \\u{41}", false),
        h(
            "attributes",
            "#[cfg(any())] #![allow(warnings)] #[doc = \"x\"] #[path = \"/etc/passwd\"] mod evil;",
            false,
        ),
        h(
            "rust-code",
            "std::process::exit(1); unsafe { core::hint::unreachable_unchecked() }",
            false,
        ),
        h("newlines-raw", newlines, false),
        h("newlines-refs", &format!("{newlines} [refs]"), true),
        h("controls-refs", &format!("{controls} [refs]"), true),
        h("controls-raw", controls, false),
        h("nul-raw", "before\u{0}after \u{0}", false),
        h("bidi-raw", bidi, false),
        h("bidi-refs", &format!("{bidi} [refs]"), true),
        h(
            "invisible",
            "zero\u{200B}width bom\u{FEFF} wj\u{2060} \u{301}combining nbsp\u{A0}x nel\u{85}x \
             ls\u{2028}x ps\u{2029}x em\u{2003}x \u{FFFD} \u{FFFE}\u{FFFF}",
            false,
        ),
        h(
            "unicode",
            "Zürich — 日本語 🦀 \u{10FFFF} e\u{301} \u{FDFD}",
            false,
        ),
        h(
            "code-fence",
            "```rust\npanic!(\"INJECTED DOCTEST RAN\");\n```",
            false,
        ),
        h(
            "tilde-fence",
            "~~~\npanic!(\"INJECTED DOCTEST RAN\");\n~~~",
            false,
        ),
        h(
            "indented-code",
            "\n\n    panic!(\"INJECTED DOCTEST RAN\");\n\n",
            false,
        ),
        h(
            "links",
            "[click here](https://evil.example/x) [ref][1] <https://evil.example/auto>\n\n\
             [1]: javascript:alert(1)",
            false,
        ),
        h(
            "images",
            "![pixel](https://evil.example/track.png) ![x][y]\n\n[y]: https://evil.example/y.png",
            false,
        ),
        h("javascript", "javascript:alert(document.cookie)//", false),
        h(
            "html",
            "<script>alert(1)</script><img src=x onerror=alert(1)><!-- c --></details>\
             <a href=\"javascript:x\">y</a><style>*{}</style>",
            false,
        ),
        h(
            "autolinks",
            "https://evil.example/bare www.evil.example evil@example.com @octocat \
             mailto:evil@example.com xmpp:evil@example.com",
            false,
        ),
        h(
            "intra-doc-links",
            "[`crate::nope`] [CloseCode::Nope] [Self] [`Vec`] [^note]",
            false,
        ),
        h(
            "block-markdown",
            "# Heading\n===\n- item\n1. item\n> quote\n| a | b |\n|---|---|\n---\n<details>",
            false,
        ),
        h(
            "literal-entities",
            "&amp; &lt;b&gt; &#x3C;script&#x3E; &copy; &nbsp;",
            false,
        ),
        Hostile {
            label: "cdata",
            text: "<script>alert(\"cdata\")</script> ]]> & end".to_owned(),
            refs: false,
            markup: Some(
                "<![CDATA[<script>alert(\"cdata\")</script> ]]]]><![CDATA[> & end]]>".to_owned(),
            ),
        },
        h("http-url", "https://evil.example/phish?a=b&c=d#frag", false),
        h("long", &long_text(), false),
    ]
}

/// Where a record carries its hostile text.
#[derive(Clone, Copy, Debug)]
enum Field {
    Description,
    PersonName,
    PersonId,
    ContactText,
    Uri,
    TextReference,
}

const FIELDS: [Field; 6] = [
    Field::Description,
    Field::PersonName,
    Field::PersonId,
    Field::ContactText,
    Field::Uri,
    Field::TextReference,
];

/// What the generated accessors must return for one registered code.
struct Expected {
    code: u16,
    what: String,
    name: String,
    contact: Option<String>,
    references: Vec<(String, Option<String>)>,
}

/// Identifier derivation: (code, description, identifier, how).
const IDENTIFIERS: &[(u16, &str, &str, Derivation)] = &[
    (
        3017,
        "Try again later",
        "TryAgainLater3017",
        Derivation::Collision,
    ),
    (3018, "Self", "Code3018", Derivation::Fallback),
    (3019, "fn", "Fn", Derivation::Words),
    (3020, "type", "Type", Derivation::Words),
    (3021, "3D frames", "Code3dFrames", Derivation::Words),
    (3022, "42", "Code42", Derivation::Words),
    (3023, "!!! ... ???", "Code3023", Derivation::Fallback),
    (3024, "Same Name", "SameName", Derivation::Words),
    (3025, "Same Name", "SameName3025", Derivation::Collision),
    (3026, "self", "Code3026", Derivation::Fallback),
    (3027, "Other", "Code3027", Derivation::Fallback),
    (3028, "Code 3029", "Code3029", Derivation::Words),
    (3029, "***", "Code30293029", Derivation::Fallback),
    (3030, "None", "None", Derivation::Words),
    (3031, "Some", "Some", Derivation::Words),
    (3032, "Ok", "Ok", Derivation::Words),
    // A variant `Err` made `Self::Err` in `impl FromStr` ambiguous.
    (3033, "Err", "Code3033", Derivation::Fallback),
    (3034, "Option", "Option", Derivation::Words),
    (3035, "Reference", "Reference", Derivation::Words),
    (3036, "Other Code", "OtherCode", Derivation::Words),
    (3037, "1000", "Code1000", Derivation::Words),
    (
        3038,
        "1000 Normal Closure",
        "Code1000NormalClosure",
        Derivation::Words,
    ),
    (
        3039,
        "Normal Closure",
        "NormalClosure3039",
        Derivation::Collision,
    ),
    (3040, "日本語", "Code3040", Derivation::Fallback),
    (
        3041,
        "one two three four five six seven",
        "Code3041",
        Derivation::Fallback,
    ),
    (
        3042,
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Code3042",
        Derivation::Fallback,
    ),
    (3043, "REGISTERED", "Registered", Derivation::Words),
    (3044, "Timeout", "Timeout3044", Derivation::Collision),
    (
        3045,
        "Timeout 3044",
        "Timeout30443045",
        Derivation::Collision,
    ),
    (3046, "Crate", "Crate", Derivation::Words),
    (3047, "r#fn", "RFn", Derivation::Words),
    (3049, "Close Code", "CloseCode", Derivation::Words),
    (3050, "\u{202E}Evil", "Evil", Derivation::Words),
    (3051, "_", "Code3051", Derivation::Fallback),
    (3052, "Self Type", "SelfType", Derivation::Words),
    (3053, "Error", "Code3053", Derivation::Fallback),
];

/// A single record whose description is "Unassigned": not registered.
const UNASSIGNED_SINGLE: u16 = 3048;

/// The first code that carries a hostile text.
const FIRST_HOSTILE: u16 = 3100;

/// The one document with every "generated" case, and what its accessors
/// must return.
struct Combined {
    document: Vec<u8>,
    expected: Vec<Expected>,
}

fn combined(doctype: &str) -> Combined {
    let mut records = unassigned(3009, 3016);
    let mut people = String::new();
    let mut expected = Vec::new();
    for &(code, description, _, _) in IDENTIFIERS {
        // 3017's value is surrounded by whitespace, which is trimmed.
        let value = if code == 3017 {
            "\n        3017\n      ".to_owned()
        } else {
            code.to_string()
        };
        if code == 3049 {
            records.push_str(&record(
                &UNASSIGNED_SINGLE.to_string(),
                "UNASSIGNED",
                "<contact/>",
                "",
            ));
        }
        records.push_str(&record(&value, &xml(description, false), MORGAN, ""));
        expected.push(Expected {
            code,
            what: format!("identifier case {description:?}"),
            name: collapse(description),
            contact: Some("Morgan Jones".into()),
            references: Vec::new(),
        });
    }
    records.push_str(&unassigned(3054, FIRST_HOSTILE - 1));
    let mut code = FIRST_HOSTILE;
    for hostile in hostile_texts() {
        let content = hostile
            .markup
            .clone()
            .unwrap_or_else(|| xml(&hostile.text, hostile.refs));
        let attribute = xml(&hostile.text, true);
        let carrier = format!("Carrier {code}");
        for field in FIELDS {
            let mut what = Expected {
                code,
                what: format!("{} in {field:?}", hostile.label),
                name: carrier.clone(),
                contact: Some("Morgan Jones".into()),
                references: Vec::new(),
            };
            let text = collapse(&hostile.text);
            let (description, contact, references) = match field {
                Field::Description => {
                    what.name = text;
                    (content.clone(), MORGAN.to_owned(), String::new())
                }
                Field::PersonName => {
                    let id = format!("hostile_name_{code}");
                    let _ = write!(
                        people,
                        "  <person id=\"{id}\">\n      <name>{content}</name>\n      \
                         <uri>{content}</uri>\n      <updated>2026-09</updated>\n    </person>\n  "
                    );
                    what.contact = Some(text);
                    (
                        carrier.clone(),
                        format!("<contact><xref type=\"person\" data=\"{id}\"/></contact>"),
                        String::new(),
                    )
                }
                Field::PersonId => {
                    let _ = write!(people, "  <person id=\"{attribute}\"/>\n  ");
                    // Attribute values are not collapsed: the id is the text,
                    // without surrounding whitespace (trimmed with a warning).
                    what.contact = Some(hostile.text.trim().to_owned());
                    (
                        carrier.clone(),
                        format!("<contact><xref type=\"person\" data=\"{attribute}\"/></contact>"),
                        String::new(),
                    )
                }
                Field::ContactText => {
                    what.contact = Some(text);
                    (
                        carrier.clone(),
                        format!("<contact>{content}</contact>"),
                        String::new(),
                    )
                }
                Field::Uri => {
                    what.references = vec![
                        (text.clone(), http_url(&text)),
                        (
                            "https://example.org/ok".into(),
                            Some("https://example.org/ok".into()),
                        ),
                    ];
                    (
                        carrier.clone(),
                        MORGAN.to_owned(),
                        format!(
                            "<xref type=\"uri\" data=\"{attribute}\"/>\n      \
                             <xref type=\"uri\" data=\"https://example.org/ok\"/>"
                        ),
                    )
                }
                Field::TextReference => {
                    what.references = vec![(text, None)];
                    (
                        carrier.clone(),
                        MORGAN.to_owned(),
                        format!("<xref type=\"text\">{content}</xref>"),
                    )
                }
            };
            records.push_str(&record(
                &code.to_string(),
                &description,
                &contact,
                &references,
            ));
            expected.push(what);
            code += 1;
        }
    }
    records.push_str(&unassigned(code, 3999));
    let records = records.trim_end().to_owned();
    let text = registry_with(&records, &people);
    // A byte-order mark, a document type with entity definitions that are
    // never used (so never expanded or fetched), and processing
    // instructions that must be skipped.
    let text = text.replacen(
        "<registry xmlns",
        &format!(
            "{doctype}<?php system('id'); ?>\n\
             <?xml-stylesheet href=\"javascript:alert(1)\"?>\n<registry xmlns"
        ),
        1,
    );
    let mut document = b"\xEF\xBB\xBF".to_vec();
    document.extend_from_slice(text.as_bytes());
    Combined { document, expected }
}

/// A document type that defines a billion laughs and external entities,
/// none of them used.
fn unused_doctype(http: &str, file: &str) -> String {
    let mut doctype = String::from("<!DOCTYPE registry [\n  <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let previous = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        let _ = writeln!(
            doctype,
            "  <!ENTITY lol{level} \"{}\">",
            format!("&{previous};").repeat(10)
        );
    }
    let _ = write!(
        doctype,
        "  <!ENTITY remote SYSTEM \"{http}/entity\">\n  \
         <!ENTITY local SYSTEM \"{file}\">\n  \
         <!ENTITY % parameter SYSTEM \"{http}/parameter\">\n  %parameter;\n]>\n"
    );
    doctype
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

/// The number of doc tests in a generated file: its ``` fences, halved.
fn doctests_in(source: &str) -> usize {
    let fences = source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .filter(|doc| doc.trim_start().starts_with("```"))
        .count();
    assert_eq!(fences % 2, 0, "unbalanced code fences in generated.rs");
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
        "//! Written by xtask/tests/hostile.rs: the crate generated from a hostile\n\
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
             let registered: Vec<u16> = CloseCode::REGISTERED.iter().map(|c| c.as_u16()).collect();\n    \
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
             for code in CloseCode::REGISTERED {{\n        \
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

fn describe(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
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
    let options = Options {
        root: copy.root().to_path_buf(),
        new_document: Some(combined.document.clone()),
        new_document_source: Some(path.clone()),
        ..Options::default()
    };
    let plan = regen::plan(&options).unwrap_or_else(|e| panic!("{e}"));
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
    let doctests = copy
        .0
        .cargo(&["test", "--doc", "--", "src/generated.rs"], target);
    let doctest_out = String::from_utf8_lossy(&doctests.stdout).into_owned();
    let wanted = format!("running {} tests", doctests_in(&generated));
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

// ---------------------------------------------------------------------------
// Outcome: refused

/// Where an error must point.
enum At {
    /// The first character of the `n`-th (0-based) occurrence of the text.
    Nth(Vec<u8>, usize),
    /// A line and column.
    LineColumn(u32, u32),
}

fn at(marker: &str) -> At {
    At::Nth(marker.as_bytes().to_vec(), 0)
}

/// A document that must be refused.
struct Refused {
    name: String,
    document: Vec<u8>,
    at: At,
    element: String,
    says: String,
}

fn refused(name: &str, document: impl Into<Vec<u8>>, at: At, element: &str, says: &str) -> Refused {
    Refused {
        name: name.to_owned(),
        document: document.into(),
        at,
        element: element.to_owned(),
        says: says.to_owned(),
    }
}

/// Line and column (1-based, column in characters) of byte `offset`, as
/// the error messages count them.
fn line_column(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before[start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line as u32, column as u32)
}

fn find_nth(haystack: &[u8], needle: &[u8], n: usize) -> Option<usize> {
    (0..=haystack.len().saturating_sub(needle.len()))
        .filter(|&i| haystack[i..].starts_with(needle))
        .nth(n)
}

/// Runs `regen --from` with a refused document and checks the outcome;
/// `Err` says what is wrong.
fn check_refused(copy: &Copy, documents: &Documents, case: &Refused) -> Result<(), String> {
    let name = &case.name;
    let (line, column) = match &case.at {
        At::Nth(marker, n) => {
            let offset = find_nth(&case.document, marker, *n).ok_or_else(|| {
                format!(
                    "{name}: the marker {:?} is not in the document",
                    String::from_utf8_lossy(marker)
                )
            })?;
            line_column(&case.document, offset)
        }
        At::LineColumn(line, column) => (*line, *column),
    };
    let path = documents.write(&format!("{name}.xml"), &case.document);
    let before = copy.files();
    let run = copy.xtask(&["regen", "--from", &path]);
    let place = format!(
        "error: {path}: line {line}, column {column}: {}: ",
        case.element
    );
    let mut wrong = Vec::new();
    if run.code != 1 {
        wrong.push(format!("exit status {}", run.code));
    }
    if !run.out.is_empty() {
        wrong.push(format!("output {:?}", run.out));
    }
    if !run.err.starts_with(&place) {
        wrong.push(format!("expected the place {place:?}"));
    }
    if !run.err.contains(&case.says) {
        wrong.push(format!("expected {:?} in the message", case.says));
    }
    if run
        .err
        .trim_end()
        .contains(|c: char| c.is_control() || is_bidi(c))
    {
        wrong.push("a raw control or bidi character in the message".into());
    }
    if copy.files() != before {
        wrong.push("files changed".into());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}: {}\n    got {:?}",
            wrong.join("; "),
            run.err
        ))
    }
}

fn assert_refused(copy: &Copy, documents: &Documents, case: &Refused) {
    if let Err(wrong) = check_refused(copy, documents, case) {
        panic!("{wrong}");
    }
}

/// The fixture with the description of 3008 ("Timeout") replaced.
fn timeout_described(xml: &str) -> String {
    replaced(
        "<description>Timeout</description>",
        &format!("<description>{xml}</description>"),
    )
}

/// The fixture with the value of 3008 replaced.
fn timeout_valued(value: &str) -> String {
    replaced("<value>3008</value>", &format!("<value>{value}</value>"))
}

/// The fixture with one more record at 3009 (and 3010-3999 unassigned) and
/// `people` added.
fn with_record_3009(record_xml: &str, people: &str) -> String {
    registry_with(
        &format!("{record_xml}{}", unassigned(3010, 3999).trim_end()),
        people,
    )
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// Every refused case built from the fixture or read from
/// `tests/data/hostile/`.
fn refused_cases() -> Vec<Refused> {
    let mut cases = Vec::new();
    let long = |n: usize| "d".repeat(n);

    // Values.
    for (name, value, says) in [
        ("value-overflow", "70000", "within 0..=65535"),
        ("value-65536", "65536", "within 0..=65535"),
        (
            "value-huge",
            "99999999999999999999999999999",
            "within 0..=65535",
        ),
        ("value-negative", "-1", "expected decimal digits"),
        ("value-empty", "", "expected decimal digits"),
        ("value-hex", "0xBC0", "expected decimal digits"),
        ("value-inner-space", "30 08", "expected decimal digits"),
        ("value-plus", "+3008", "expected decimal digits"),
        ("value-fullwidth", "３００８", "expected decimal digits"),
        ("value-leading-zero", "03008", "leading zeros"),
        ("value-decimal", "3008.0", "expected decimal digits"),
        ("value-exponent", "3.008e3", "expected decimal digits"),
        (
            "value-above-single-codes",
            "5000",
            "single code outside 1000..=4999",
        ),
        (
            "value-below-single-codes",
            "999",
            "single code outside 1000..=4999",
        ),
        ("value-zero", "0", "single code outside 1000..=4999"),
    ] {
        let document = timeout_valued(&xml(value, false));
        let marker = format!(
            "<value>{}</value>\n      <description>Timeout",
            xml(value, false)
        );
        cases.push(refused(name, document, at(&marker), "<value>", says));
    }
    for (name, value, says) in [
        ("range-reversed", "3999-3009", "reversed"),
        ("range-open", "3009-", "expected decimal digits"),
        ("range-double-dash", "3009--3999", "expected decimal digits"),
        ("range-overflow", "3009-65536", "within 0..=65535"),
    ] {
        let document = replaced(
            "<value>3009-3999</value>",
            &format!("<value>{value}</value>"),
        );
        cases.push(refused(
            name,
            document,
            at(&format!("<value>{value}</value>")),
            "<value>",
            says,
        ));
    }
    cases.push(refused(
        "record-overlaps-a-range",
        replaced(
            UNASSIGNED_3009,
            &format!(
                "{}{UNASSIGNED_3009}",
                record("3500", "Overlapping", MORGAN, "")
            ),
        ),
        at("<value>3009-3999</value>"),
        "<value>",
        "overlaps",
    ));
    cases.push(refused(
        "record-duplicate",
        replaced(
            "<record>\n      <value>3009-3999</value>",
            "<record>\n      <value>3008</value>\n      <description>Timeout again</description>\n    \
             </record>\n    <record>\n      <value>3009-3999</value>",
        ),
        At::Nth(b"<value>3008</value>".to_vec(), 1),
        "<value>",
        "duplicates",
    ));
    cases.push(refused(
        "range-overlaps-a-range",
        replaced(
            "<record>\n      <value>1000</value>",
            "<range>\n      <value>2500-3500</value>\n      <registration_rule>Mine</registration_rule>\n    \
             </range>\n    <record>\n      <value>1000</value>",
        ),
        at("<value>2500-3500</value>"),
        "<value>",
        "overlaps",
    ));
    cases.push(refused(
        "person-duplicate",
        replaced(
            "</people>",
            "  <person id=\"Morgan_Jones\">\n      <name>Mallory</name>\n    </person>\n  </people>",
        ),
        At::Nth(b"<person id=\"Morgan_Jones\">".to_vec(), 1),
        "<person>",
        "appears twice",
    ));

    // Structure and dates.
    cases.push(refused(
        "date-impossible",
        replaced(
            "<record date=\"2024-02-01\">",
            "<record date=\"2025-02-30\">",
        ),
        at("<record date=\"2025-02-30\">"),
        "<record>",
        "is not a date",
    ));
    cases.push(refused(
        "document-date-impossible",
        replaced(
            "<updated>2025-07-30</updated>",
            "<updated>2025-13-01</updated>",
        ),
        at("<updated>2025-13-01</updated>"),
        "<updated>",
        "is not a date",
    ));
    cases.push(refused(
        "no-document-date",
        replaced("<updated>2025-07-30</updated>", ""),
        at("<registry xmlns"),
        "<registry>",
        "no <updated> date",
    ));
    cases.push(refused(
        "no-close-code-registry",
        replaced("id=\"close-code-number\"", "id=\"close-codes\""),
        at("<registry xmlns"),
        "<registry>",
        "no close-code registry",
    ));
    cases.push(refused(
        "contact-unknown-person",
        replaced("data=\"Morgan_Jones\"", "data=\"Mallory\""),
        at("<xref type=\"person\" data=\"Mallory\""),
        "<xref>",
        "\"Mallory\", who is not in <people>",
    ));
    cases.push(refused(
        "contact-not-a-person",
        replaced(
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>",
            "<contact><xref type=\"uri\" data=\"javascript:alert(1)\"/></contact>",
        ),
        at("<xref type=\"uri\" data=\"javascript"),
        "<xref>",
        "a contact must be",
    ));
    cases.push(refused(
        "reference-unknown-type",
        replaced(
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>",
            "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>\n      \
             <xref type=\"javascript\" data=\"alert(1)\"/>",
        ),
        at("<xref type=\"javascript\""),
        "<xref>",
        "unknown reference type \"javascript\"",
    ));
    cases.push(refused(
        "record-without-value",
        replaced(
            "<record date=\"2024-02-01\">\n      <value>3008</value>",
            "<record date=\"2024-02-01\">",
        ),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "has no <value>",
    ));
    cases.push(refused(
        "record-without-description",
        timeout_described("").replacen("<description></description>", "", 1),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "has no <description>",
    ));
    cases.push(refused(
        "description-only-whitespace",
        timeout_described(" \n\t &#x20;&#xA; "),
        at("<record date=\"2024-02-01\">"),
        "<record>",
        "empty <description>",
    ));
    cases.push(refused(
        "no-protocol-range",
        replaced(
            "<range>\n      <value>1000-2999</value>\n      <registration_rule>Standards Action, \
             Specification Required or IESG Review</registration_rule>\n    </range>",
            "",
        ),
        at("<registry id=\"close-code-number\">"),
        "<registry>",
        "no <range> holding 1000",
    ));
    cases.push(refused(
        "no-private-use-record",
        replaced(
            "<record>\n      <value>4000-4999</value>\n      <description>Reserved for Private Use</description>",
            "<record>\n      <value>4000-4999</value>\n      <description>Unassigned</description>",
        ),
        at("<registry id=\"close-code-number\">"),
        "<registry>",
        "holding 4000",
    ));

    // Text lengths: one byte over the limit in every field, and megabytes.
    let over = MAX_TEXT + 1;
    cases.push(refused(
        "description-over-limit",
        timeout_described(&long(over)),
        at("<description>dddd"),
        "<description>",
        &format!("{over} bytes long; at most {MAX_TEXT}"),
    ));
    cases.push(refused(
        "description-megabytes",
        timeout_described(&"<b>&lt;script&gt;</b> ".repeat(100_000)),
        at("<description><b>"),
        "<description>",
        "at most 4096 are accepted",
    ));
    let person = |inner: &str, id: &str| {
        with_record_3009(
            &record(
                "3009",
                "Long Person",
                &format!("<contact><xref type=\"person\" data=\"{id}\"/></contact>"),
                "",
            ),
            &format!("  <person id=\"{id}\">{inner}</person>\n  "),
        )
    };
    cases.push(refused(
        "person-name-over-limit",
        person(&format!("<name>{}</name>", long(over)), "Long_Name"),
        at("<name>dddd"),
        "<name>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "person-uri-over-limit",
        person(&format!("<uri>{}</uri>", long(over)), "Long_Uri"),
        at("<uri>dddd"),
        "<uri>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "person-id-over-limit",
        person("", &long(over)),
        at("<person id=\"dddd"),
        "<person>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "contact-text-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Contact",
                &format!("<contact>{}</contact>", long(over)),
                "",
            ),
            "",
        ),
        at("<contact>dddd"),
        "<contact>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "uri-reference-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Uri",
                MORGAN,
                &format!(
                    "<xref type=\"uri\" data=\"https://e.example/{}\"/>",
                    long(over)
                ),
            ),
            "",
        ),
        at("<xref type=\"uri\" data=\"https://e.example/dddd"),
        "<xref>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "text-reference-over-limit",
        with_record_3009(
            &record(
                "3009",
                "Long Text",
                MORGAN,
                &format!("<xref type=\"text\">{}</xref>", long(over)),
            ),
            "",
        ),
        at("<xref type=\"text\">dddd"),
        "<xref>",
        "at most 4096 are accepted",
    ));
    cases.push(refused(
        "registration-rule-over-limit",
        replaced(
            "<registration_rule>First Come First Served</registration_rule>\n    </range>",
            &format!(
                "<registration_rule>{}</registration_rule>\n    </range>",
                long(over)
            ),
        ),
        at("<registration_rule>dddd"),
        "<registration_rule>",
        "at most 4096 are accepted",
    ));

    // Character references that are no character, and entities.
    for (name, reference) in [
        ("reference-nul", "&#0;"),
        ("reference-nul-hex", "&#x0;"),
        ("reference-surrogate", "&#xD800;"),
        ("reference-low-surrogate", "&#xDFFF;"),
        ("reference-above-unicode", "&#x110000;"),
        ("reference-overflow", "&#99999999999999999999;"),
        ("reference-empty", "&#;"),
        ("reference-empty-hex", "&#x;"),
        ("reference-not-decimal", "&#12a;"),
        ("reference-not-hex", "&#xG;"),
    ] {
        cases.push(refused(
            name,
            timeout_described(&format!("Time{reference}out")),
            at(reference),
            "<description>",
            "invalid character reference",
        ));
    }
    let lol = unused_doctype("http://127.0.0.1:9", "file:///etc/passwd");
    let with_doctype =
        |text: String| text.replacen("<registry xmlns", &format!("{lol}<registry xmlns"), 1);
    for entity in ["lol9", "remote", "local"] {
        cases.push(refused(
            &format!("entity-{entity}-used"),
            with_doctype(timeout_described(&format!("Time &{entity}; out"))),
            at(&format!("&{entity};")),
            "<description>",
            "not one of XML's predefined entities",
        ));
    }
    cases.push(refused(
        "entity-undeclared",
        timeout_described("Time&nbsp;out"),
        at("&nbsp;"),
        "<description>",
        "not one of XML's predefined entities",
    ));
    cases.push(refused(
        "entity-in-attribute",
        with_doctype(replaced("data=\"Morgan_Jones\"", "data=\"&remote;\"")),
        at("<xref type=\"person\" data=\"&remote;\""),
        "<xref>",
        "only XML's predefined entities are expanded",
    ));

    // Encodings.
    cases.push(refused(
        "declared-iso-8859-1",
        replaced("encoding='UTF-8'", "encoding='ISO-8859-1'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    cases.push(refused(
        "declared-utf-16",
        replaced("encoding='UTF-8'", "encoding='UTF-16'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    cases.push(refused(
        "declared-escape-sequence",
        replaced("encoding='UTF-8'", "encoding='\u{1b}[2J\u{202E}'"),
        At::LineColumn(1, 1),
        "<?xml?>",
        "only UTF-8 is accepted",
    ));
    for (name, bytes) in [
        ("latin1-byte", &b"Timeo\xE9t"[..]),
        ("cp1252-quotes", &b"\x93Timeout\x94"[..]),
        ("overlong-utf8", &b"Time\xC0\xAFout"[..]),
        ("surrogate-utf8", &b"Time\xED\xA0\x80out"[..]),
        ("truncated-utf8", &b"Time\xE2\x82"[..]),
    ] {
        let mut document = snapshot().into_bytes();
        let at = find_nth(&document, b"Timeout</description>", 0).unwrap();
        document.splice(at..at + b"Timeout".len(), bytes.iter().copied());
        let bad = at + bytes.iter().position(|&b| b >= 0x80).unwrap();
        let (line, column) = line_column(&document, bad);
        cases.push(refused(
            name,
            document,
            At::LineColumn(line, column),
            "document",
            "not valid UTF-8",
        ));
    }
    for (name, big_endian) in [("utf16le-bom", false), ("utf16be-bom", true)] {
        cases.push(refused(
            name,
            utf16(&snapshot(), big_endian, true),
            At::LineColumn(1, 1),
            "document",
            "UTF-16",
        ));
    }
    cases.push(refused(
        "utf16le-without-bom",
        utf16(&snapshot(), false, false),
        At::LineColumn(1, 1),
        "<\\u{0}?\\u{0}x\\u{0}m\\u{0}l\\u{0}>",
        "malformed",
    ));

    // Not a registry at all.
    cases.push(refused(
        "empty",
        Vec::new(),
        At::LineColumn(1, 1),
        "document",
        "empty",
    ));
    cases.push(refused(
        "whitespace-only",
        &b" \n\t\n"[..],
        At::LineColumn(1, 1),
        "document",
        "no root element",
    ));
    cases.push(refused(
        "json",
        &b"{\"registry\": {\"records\": []}}"[..],
        At::LineColumn(1, 1),
        "document",
        "text outside the root element",
    ));
    cases.push(refused(
        "two-roots",
        format!("{}<registry id=\"second\"/>\n", snapshot()),
        at("<registry id=\"second\"/>"),
        "document",
        "more than one root element",
    ));
    let mut cut = snapshot();
    cut.truncate(cut.find("Timeout</description>").unwrap());
    let (line, column) = line_column(cut.as_bytes(), cut.len() - "<description>".len());
    cases.push(refused(
        "truncated",
        cut,
        At::LineColumn(line, column),
        "<description>",
        "never closed",
    ));
    cases.push(refused(
        "mismatched-end-tag",
        replaced("Timeout</description>", "Timeout</descriptio>"),
        at("</descriptio>"),
        "<description>",
        "expected `</description>`, but `</descriptio>` was found",
    ));
    cases.push(refused(
        "terminal-escape-in-end-tag",
        replaced(
            "Timeout</description>",
            "Timeout</description\u{1b}]0;pwned\u{7}\u{1b}[2J>",
        ),
        at("</description\u{1b}"),
        "<description>",
        "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J",
    ));
    cases.push(refused(
        "bidi-in-end-tag",
        replaced("Timeout</description>", "Timeout</descr\u{202E}iption>"),
        at("</descr\u{202E}"),
        "<description>",
        "\\u{202e}",
    ));
    cases.push(refused(
        "duplicate-attribute",
        replaced(
            "<record date=\"2024-02-01\">",
            "<record date=\"2024-02-01\" date=\"2030-01-01\">",
        ),
        at("<record date=\"2024-02-01\" date"),
        "<record>",
        "malformed attribute",
    ));
    cases.push(refused(
        "unquoted-attribute",
        replaced("<record date=\"2024-02-01\">", "<record date=2024-02-01>"),
        at("<record date=2024"),
        "<record>",
        "malformed attribute",
    ));
    // 4 levels to the description, then 28 <b>: the 29th is level 33.
    cases.push(refused(
        "nesting-33-levels",
        timeout_described(&format!("{}x{}", "<b>".repeat(29), "</b>".repeat(29))),
        At::Nth(b"<b>".to_vec(), 28),
        "<b>",
        "nested deeper than 32 levels",
    ));
    cases.push(refused(
        "nesting-a-million-levels",
        timeout_described(&"<b>".repeat(1_000_000)),
        At::Nth(b"<b>".to_vec(), 28),
        "<b>",
        "nested deeper than 32 levels",
    ));

    // The files that do not depend on the fixture.
    let data = xtask::workspace_root().join("xtask/tests/data/hostile");
    let file = |name: &str| fs::read(data.join(name)).unwrap();
    cases.push(refused(
        "file-billion-laughs",
        file("billion-laughs.xml"),
        at("&lol9;"),
        "<description>",
        "entity &lol9; is not one of XML's predefined entities",
    ));
    cases.push(refused(
        "file-external-entity-file",
        file("external-entity-file.xml"),
        at("&passwd;"),
        "<description>",
        "entity &passwd; is not",
    ));
    cases.push(refused(
        "file-external-entity-http",
        file("external-entity-http.xml"),
        at("&remote;"),
        "<description>",
        "entity &remote; is not",
    ));
    cases.push(refused(
        "file-parameter-entity",
        file("parameter-entity.xml"),
        at("&wrapped;"),
        "<description>",
        "entity &wrapped; is not",
    ));
    let latin1 = file("latin1.xml");
    let bad = latin1.iter().position(|&b| b >= 0x80).unwrap();
    let (line, column) = line_column(&latin1, bad);
    cases.push(refused(
        "file-latin1",
        latin1,
        At::LineColumn(line, column),
        "document",
        "not valid UTF-8",
    ));
    // Its Latin-1 bytes are refused before the declaration is read.
    let declared = file("declared-iso-8859-1.xml");
    let bad = declared.iter().position(|&b| b >= 0x80).unwrap();
    let (line, column) = line_column(&declared, bad);
    cases.push(refused(
        "file-declared-iso-8859-1",
        declared,
        At::LineColumn(line, column),
        "document",
        "not valid UTF-8",
    ));
    cases.push(refused(
        "file-empty",
        file("empty.xml"),
        At::LineColumn(1, 1),
        "document",
        "the document is empty",
    ));
    cases.push(refused(
        "file-json",
        file("not-xml.json"),
        At::LineColumn(1, 1),
        "document",
        "text outside the root element",
    ));
    cases.push(refused(
        "file-png",
        file("png-header.png"),
        At::LineColumn(1, 1),
        "document",
        "not valid UTF-8 (invalid byte at offset 0)",
    ));
    // HTML as it is served is seldom well-formed XML ...
    cases.push(refused(
        "file-html",
        file("page.html"),
        at("</p>"),
        "<br>",
        "malformed XML",
    ));
    // ... and when it is, it is not a registry.
    cases.push(refused(
        "xhtml",
        &b"<?xml version='1.0'?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<body><p>Moved</p></body></html>\n"[..],
        at("<html"),
        "<html>",
        "the root element must be <registry>",
    ));
    cases
}

#[test]
fn malformed_and_malicious_documents_are_refused_at_their_place() {
    let copy = Copy::new();
    let documents = Documents::new();
    let cases = refused_cases();
    let mut names = BTreeSet::new();
    let mut wrong = Vec::new();
    for case in &cases {
        assert!(
            names.insert(case.name.clone()),
            "two cases named {}",
            case.name
        );
        let started = Instant::now();
        if let Err(message) = check_refused(&copy, &documents, case) {
            wrong.push(message);
        }
        if started.elapsed() > Duration::from_secs(20) {
            wrong.push(format!("{} took {:?}", case.name, started.elapsed()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    eprintln!("{} documents refused", cases.len());
}

/// A padding comment that brings `text` to exactly `len` bytes.
fn padded(text: &str, len: usize) -> Vec<u8> {
    let marker = "<registry xmlns";
    let overhead = "<!--".len() + "-->\n".len();
    let fill = len - text.len() - overhead;
    let mut document = String::with_capacity(len);
    let at = text.find(marker).unwrap();
    document.push_str(&text[..at]);
    document.push_str("<!--");
    document.push_str(&"pad ".repeat(fill / 4));
    document.push_str(&"p".repeat(fill % 4));
    document.push_str("-->\n");
    document.push_str(&text[at..]);
    assert_eq!(document.len(), len);
    document.into_bytes()
}

#[test]
fn documents_at_the_size_limit_are_accepted_and_one_byte_more_is_refused() {
    const MAX_DOCUMENT: usize = 16 * 1024 * 1024;
    let copy = Copy::new();
    let documents = Documents::new();
    let text = registry_with(
        &format!(
            "{}{}",
            record("3009", &"d".repeat(MAX_TEXT), MORGAN, ""),
            unassigned(3010, 3999).trim_end()
        ),
        "",
    );
    let at_limit = padded(&text, MAX_DOCUMENT);
    let started = Instant::now();
    let options = Options {
        root: copy.root().to_path_buf(),
        new_document: Some(at_limit.clone()),
        new_document_source: Some("at-limit.xml".into()),
        ..Options::default()
    };
    let plan = regen::plan(&options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.new.record_for(3009).unwrap().description.len(),
        MAX_TEXT
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );

    let over = padded(&text, MAX_DOCUMENT + 1);
    let (line, column) = line_column(&over, MAX_DOCUMENT);
    assert_refused(
        &copy,
        &documents,
        &refused(
            "over-the-size-limit",
            over,
            At::LineColumn(line, column),
            "document",
            &format!(
                "{} bytes long; at most {MAX_DOCUMENT} are accepted",
                MAX_DOCUMENT + 1
            ),
        ),
    );
}

#[test]
fn many_elements_parse_in_linear_time() {
    // 400,000 empty elements (1.6 MB): with one position computed from the
    // start of the document per element this took minutes.
    let copy = Copy::new();
    let padding = format!("<padding>{}</padding>\n  ", "<a/>".repeat(400_000));
    let document = replaced(
        "<title>WebSocket Protocol Registries</title>",
        &format!("{padding}<title>WebSocket Protocol Registries</title>"),
    );
    let started = Instant::now();
    let options = Options {
        root: copy.root().to_path_buf(),
        new_document: Some(document.into_bytes()),
        ..Options::default()
    };
    regen::plan(&options).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "400,000 elements took {:?}",
        started.elapsed()
    );
}

#[test]
fn ten_thousand_records_are_generated_in_bounded_time() {
    // Every free single code of 1016-2999 and 3009-3999 registered, and
    // pairs of unassigned values above private use, 10,000 records in all.
    let mut records = String::new();
    let mut count = 0;
    for code in (3009..=3999).chain(1016..=2999) {
        records.push_str(&record(
            &code.to_string(),
            &format!("Generated {code}"),
            MORGAN,
            "",
        ));
        count += 1;
    }
    let mut value: u32 = 5000;
    while count < 10_000 {
        let _ = write!(
            records,
            "<record>\n      <value>{value}-{}</value>\n      <description>Unassigned</description>\n    </record>\n    ",
            value + 1
        );
        value += 2;
        count += 1;
    }
    let text = registry_with(records.trim_end(), "").replacen(
        "<record>\n      <value>1016-2999</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>",
        "",
        1,
    );
    let copy = Copy::new();
    let started = Instant::now();
    let options = Options {
        root: copy.root().to_path_buf(),
        new_document: Some(text.into_bytes()),
        ..Options::default()
    };
    let plan = regen::plan(&options).unwrap_or_else(|e| panic!("{e}"));
    let elapsed = started.elapsed();
    // With the fixture's 22 other records (1000-1015, 3000-3008, 4000-4999).
    assert_eq!(plan.new.records.len(), 10_000 + 22);
    assert_eq!(plan.assigned.len(), 991 + 1984);
    let idents: BTreeSet<&str> = plan.assigned.iter().map(|a| a.ident.as_str()).collect();
    assert_eq!(idents.len(), plan.assigned.len());
    eprintln!("10,000 records planned (parsed, built, generated) in {elapsed:.1?}");
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

#[test]
fn external_entities_are_never_fetched_or_read() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let http = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let secrets = tempfile::tempdir().unwrap();
    let secret = secrets.path().join("secret.txt");
    const SECRET: &str = "SECRET-7f3a9c-MUST-NOT-APPEAR";
    fs::write(&secret, SECRET).unwrap();
    let file = format!("file://{}", secret.display());
    let doctype = unused_doctype(&http, &file);
    let with_doctype =
        |text: String| text.replacen("<registry xmlns", &format!("{doctype}<registry xmlns"), 1);

    let copy = Copy::new();
    let documents = Documents::new();
    for entity in ["remote", "local", "lol9"] {
        assert_refused(
            &copy,
            &documents,
            &refused(
                &format!("used-{entity}"),
                with_doctype(timeout_described(&format!("&{entity};"))),
                at(&format!("&{entity};")),
                "<description>",
                "other entities are not expanded",
            ),
        );
    }
    // Declared and never used: the document is accepted and stored as it is.
    let document = with_doctype(with_record_3009(
        &record("3009", "Entity Free", MORGAN, ""),
        "",
    ));
    let path = documents.write("declared-only.xml", document.as_bytes());
    let run = copy.xtask(&["regen", "--from", &path]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(copy.read(regen::SNAPSHOT), document);

    match listener.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!("something connected to the entity's address: {other:?}"),
    }
    for (name, content) in copy.files() {
        assert!(
            !String::from_utf8_lossy(&content).contains(SECRET),
            "{name} holds the content of the external file"
        );
    }
}

// ---------------------------------------------------------------------------
// Two runs at once, and runs that are killed

/// The runner for the tests that start `cargo xtask regen` as processes of
/// their own: they start this test binary with `regen_worker_process` and
/// `HOSTILE_REGEN_ROOT` set. Without that variable this test does nothing.
///
/// (The `xtask` binary cannot be used: it finds the workspace through the
/// `CARGO_MANIFEST_DIR` it was compiled with, so it would write the real
/// files, not the copy.)
#[test]
fn regen_worker_process() {
    let Some(root) = std::env::var_os("HOSTILE_REGEN_ROOT") else {
        return;
    };
    let args: Vec<String> = std::env::var("HOSTILE_REGEN_ARGS")
        .unwrap()
        .split('\n')
        .map(str::to_owned)
        .collect();
    if let Some(go) = std::env::var_os("HOSTILE_REGEN_GO") {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !Path::new(&go).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
    let code = cli::run(
        &args,
        Path::new(&root),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}

fn spawn_regen(root: &Path, args: &[&str], go: Option<&Path>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["regen_worker_process", "--exact", "--nocapture", "--quiet"])
        .env("HOSTILE_REGEN_ROOT", root)
        .env("HOSTILE_REGEN_ARGS", args.join("\n"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(go) = go {
        command.env("HOSTILE_REGEN_GO", go);
    }
    command.spawn().unwrap()
}

/// A document that registers `code` as `description`, on top of the
/// snapshot.
fn registering(code: u16, description: &str) -> String {
    let mut records = String::new();
    if code > 3009 {
        records.push_str(&unassigned(3009, code - 1));
    }
    records.push_str(&record(&code.to_string(), description, MORGAN, ""));
    records.push_str(unassigned(code + 1, 3999).trim_end());
    registry_with(&records, "")
}

#[test]
fn a_plan_overtaken_by_another_run_writes_nothing() {
    let copy = Copy::new();
    let documents = Documents::new();
    // Make a plain regen have work to do: generated.rs is out of date.
    let generated = copy.root().join(regen::GENERATED);
    let stale = copy
        .read(regen::GENERATED)
        .replace("Normal Closure", "Normal closure");
    fs::write(&generated, stale).unwrap();

    // Run A plans from these files ...
    let a = Options {
        root: copy.root().to_path_buf(),
        ..Options::default()
    };
    let plan_a = regen::plan(&a).unwrap();
    assert!(!regen::stale(&plan_a).is_empty());
    // ... run B registers 3017 and finishes first ...
    let path = documents.write("b.xml", registering(3017, "Quota Exceeded").as_bytes());
    let run = copy.xtask(&["regen", "--from", &path]);
    assert_eq!(run.code, 0, "{}", run.err);
    let after_b = copy.files();
    // ... then A writes what it planned: generated.rs, names.toml and the
    // README from the old snapshot, next to B's new snapshot. It must not.
    let error = regen::apply(&plan_a, &a).unwrap_err().to_string();
    assert!(error.contains("changed after this run read it"), "{error}");
    assert!(error.contains("no file was changed"), "{error}");
    assert!(copy.files() == after_b, "a refused run changed files");
    assert!(copy
        .read(regen::NAMES)
        .contains("3017 = { ident = \"QuotaExceeded\" }"));
    let check = copy.xtask(&["regen", "--check"]);
    assert_eq!(check.code, 0, "{}", check.err);
    assert!(debris(&copy.files()).is_empty());
}

#[test]
fn two_regen_processes_at_once_leave_one_complete_set() {
    let documents = Documents::new();
    let mut outcomes = BTreeMap::<String, usize>::new();
    for round in 0..6 {
        let copy = Copy::new();
        let go = documents.dir.path().join(format!("go-{round}"));
        let runs = [(3017, "Alpha Signal"), (3018, "Bravo Signal")];
        let mut children = Vec::new();
        let mut texts = Vec::new();
        for (code, description) in runs {
            let text = registering(code, description);
            let path = documents.write(&format!("{round}-{code}.xml"), text.as_bytes());
            children.push(spawn_regen(
                copy.root(),
                &["regen", "--from", &path, "--allow-removals"],
                Some(&go),
            ));
            texts.push(text);
        }
        fs::write(&go, "").unwrap();
        let results: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let mut succeeded = Vec::new();
        for (index, output) in results.iter().enumerate() {
            let err = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => {
                    succeeded.push(index);
                    *outcomes.entry("wrote".into()).or_default() += 1;
                }
                Some(1) if err.contains("another `cargo xtask regen`") => {
                    *outcomes.entry("refused: lock held".into()).or_default() += 1;
                }
                Some(1) if err.contains("changed after this run read it") => {
                    *outcomes
                        .entry("refused: inputs changed".into())
                        .or_default() += 1;
                }
                _ => panic!("round {round}, run {index}: {}", describe(output)),
            }
        }
        assert!(!succeeded.is_empty(), "round {round}: neither run wrote");
        // One complete, consistent set: the snapshot is one of the two
        // documents, the generated files are what it gives, no pin of a
        // successful run was lost, nothing is left behind.
        let files = copy.files();
        assert!(
            debris(&files).is_empty(),
            "round {round}: {:?}",
            debris(&files)
        );
        let snapshot = copy.read(regen::SNAPSHOT);
        assert!(
            texts.contains(&snapshot),
            "round {round}: the snapshot is neither document"
        );
        let check = copy.xtask(&["regen", "--check"]);
        assert_eq!(
            check.code, 0,
            "round {round}: not a consistent set: {}",
            check.out
        );
        let names = copy.read(regen::NAMES);
        for index in succeeded {
            let ident = ["AlphaSignal", "BravoSignal"][index];
            assert!(
                names.contains(ident),
                "round {round}: the pin {ident} was lost"
            );
        }
    }
    eprintln!("two regen processes at once, 6 rounds: {outcomes:?}");
}

/// When to kill a regen process.
#[derive(Clone, Copy, Debug)]
enum Moment {
    /// As soon as one of its temporary files exists: before the commit point.
    Staging,
    /// As soon as its journal exists: after the commit point, while the
    /// files are renamed into place.
    Committed,
    /// After this long.
    After(Duration),
}

/// Whether a run has temporary files in the copy now.
fn staging(root: &Path) -> bool {
    ["registry", "crates/ws-close-codes/src", ""]
        .iter()
        .any(|dir| {
            fs::read_dir(root.join(dir)).is_ok_and(|entries| {
                entries.flatten().any(|entry| {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    name.contains(".regen-") && name.ends_with(".tmp")
                })
            })
        })
}

/// Starts regen, kills it at `moment` (or sees it finish first) and says
/// which happened.
fn kill_regen(root: &Path, args: &[&str], moment: Moment) -> &'static str {
    let mut child = spawn_regen(root, args, None);
    let started = Instant::now();
    let seen = loop {
        if child.try_wait().unwrap().is_some() {
            break "finished first";
        }
        let now = match moment {
            Moment::Staging => staging(root),
            Moment::Committed => root.join(xtask::files::JOURNAL).exists(),
            Moment::After(delay) => started.elapsed() >= delay,
        };
        if now {
            break match moment {
                Moment::Staging => "killed while staging",
                Moment::Committed => "killed after the commit point",
                Moment::After(_) => "killed after a delay",
            };
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    seen
}

#[test]
fn a_regen_process_killed_at_any_moment_leaves_the_old_or_the_new_set() {
    let documents = Documents::new();
    // Enough new codes that writing takes a while.
    let mut records = String::new();
    for code in 3009..3400 {
        records.push_str(&record(
            &code.to_string(),
            &format!("Killed {code}"),
            MORGAN,
            "",
        ));
    }
    records.push_str(unassigned(3400, 3999).trim_end());
    let path = documents.write("new.xml", registry_with(&records, "").as_bytes());
    let args = ["regen", "--from", path.as_str()];

    // The new set, and how long a whole run takes.
    let reference = Copy::new();
    let started = Instant::now();
    let output = spawn_regen(reference.root(), &args, None)
        .wait_with_output()
        .unwrap();
    let duration = started.elapsed();
    assert!(output.status.success(), "{}", describe(&output));
    let new_set = reference.files();

    let mut moments = vec![Moment::Staging; 3];
    moments.extend([Moment::Committed; 6]);
    moments.extend((0..6).map(|step| Moment::After(duration * step / 4)));
    let mut outcomes = BTreeMap::<String, usize>::new();
    for (index, moment) in moments.into_iter().enumerate() {
        let copy = Copy::new();
        let old_set = copy.files();
        let seen = kill_regen(copy.root(), &args, moment);
        // The next run completes an interrupted one before anything else.
        let check = copy.xtask(&["regen", "--check"]);
        assert_eq!(check.code, 0, "{index} {moment:?}: {}", check.err);
        let mut files = copy.files();
        files.retain(|name, _| !debris_name(name));
        let set = if files == old_set {
            "old set"
        } else if files == new_set {
            "new set"
        } else {
            panic!("{index} {moment:?} ({seen}): neither the old nor the new set")
        };
        *outcomes.entry(format!("{seen}: {set}")).or_default() += 1;
        // The next run that writes leaves nothing behind.
        let run = copy.xtask(&args);
        assert_eq!(run.code, 0, "{index} {moment:?}: {}", run.err);
        let files = copy.files();
        assert!(
            debris(&files).is_empty(),
            "{index} {moment:?}: {:?}",
            debris(&files)
        );
        assert!(files == new_set, "{index} {moment:?}: not the new set");
    }
    eprintln!("regen ({duration:.0?} a run) killed: {outcomes:#?}");
}

// ---------------------------------------------------------------------------
// The corpus, for the fuzz targets

/// With `HOSTILE_CORPUS_DIR` set, writes every document of this suite there
/// (the fuzz targets' seeds, see crates/fuzz/README.md); else does nothing.
#[test]
fn dump_hostile_corpus() {
    let Some(dir) = std::env::var_os("HOSTILE_CORPUS_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    fs::create_dir_all(&dir).unwrap();
    let mut written = 0;
    let doctype = unused_doctype("http://127.0.0.1:9", "file:///etc/passwd");
    let mut all = vec![("combined".to_owned(), combined(&doctype).document)];
    all.extend(refused_cases().into_iter().map(|c| (c.name, c.document)));
    for (name, document) in all {
        // libFuzzer's inputs stay small; the big cases are in the tests.
        if document.len() <= 256 * 1024 {
            fs::write(dir.join(format!("hostile-{name}.xml")), document).unwrap();
            written += 1;
        }
    }
    eprintln!("wrote {written} documents to {}", dir.display());
}
