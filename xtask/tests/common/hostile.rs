//! What the hostile-input tests (`hostile_generated.rs`,
//! `hostile_refused.rs`, `hostile_corpus.rs`)
//! share: a workspace copy whose runs are reported as [`Run`], documents
//! written outside it, builders that edit the dated fixture
//! `tests/data/registry-2025-07-30` (so the tests' expectations hold
//! whatever the live snapshot says), the hostile texts, and the one
//! document that carries every case that must be generated
//! ([`combined`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use ws_close_codes_registry::Derivation;

// ---------------------------------------------------------------------------
// The workspace copy

/// A temporary copy of the registry files, the README and the generated
/// crate (the shared [`super::Workspace`]), with runs reported as [`Run`].
pub struct Copy(pub super::Workspace);

/// What one `cargo xtask` run did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl Copy {
    pub fn new() -> Copy {
        Copy(super::Workspace::new())
    }

    pub fn root(&self) -> &Path {
        self.0.root()
    }

    pub fn read(&self, file: &str) -> String {
        self.0.read(file)
    }

    /// Every file of the copy (but build output), by relative path.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.0.files()
    }

    /// `cargo xtask ARGS` against the copy, in this process.
    pub fn xtask(&self, args: &[&str]) -> Run {
        let (code, out, err) = self.0.xtask(args);
        Run { code, out, err }
    }
}

/// A document written outside the copy, so that the copy's files are only
/// what regen owns.
pub struct Documents {
    pub dir: tempfile::TempDir,
}

impl Documents {
    pub fn new() -> Documents {
        Documents {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
}

// ---------------------------------------------------------------------------
// Documents built from the fixture

/// The fixture document every copy starts from (the registry as of
/// 2025-07-30), never the live snapshot.
pub fn snapshot() -> String {
    super::baseline()
}

/// The fixture with `from` replaced by `to` (once; `from` must be there).
pub fn replaced(from: &str, to: &str) -> String {
    let text = snapshot();
    assert!(text.contains(from), "the fixture has no {from:?}");
    text.replacen(from, to, 1)
}

/// The unassigned 3009-3999 record of the fixture.
pub const UNASSIGNED_3009: &str = "<record>\n      <value>3009-3999</value>\n      \
                               <description>Unassigned</description>\n      <contact/>\n    </record>";

/// The fixture with `records` in place of its unassigned 3009-3999 record,
/// `people` at the end of `<people>`, and the document dated 2026-09-01.
pub fn registry_with(records: &str, people: &str) -> String {
    replaced(UNASSIGNED_3009, records)
        .replacen("</people>", &format!("{people}  </people>"), 1)
        .replacen(
            "<updated>2025-07-30</updated>",
            "<updated>2026-09-01</updated>",
            1,
        )
}

pub fn unassigned(first: u16, last: u16) -> String {
    format!(
        "<record>\n      <value>{first}-{last}</value>\n      \
         <description>Unassigned</description>\n      <contact/>\n    </record>\n    "
    )
}

/// A registered record: `value`, description, contact and references as XML.
pub fn record(value: &str, description: &str, contact: &str, references: &str) -> String {
    format!(
        "<record date=\"2026-09-01\">\n      <value>{value}</value>\n      \
         <description>{description}</description>\n      {contact}\n      {references}\n    \
         </record>\n    "
    )
}

pub const MORGAN: &str = "<contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>";

/// `text` as XML character data or attribute value: markup characters as
/// entity references (`xtask::document::escape`); with `refs`, every
/// character outside printable ASCII as a character reference (but NUL,
/// which XML cannot reference), else as it is.
pub fn xml(text: &str, refs: bool) -> String {
    let escaped = xtask::document::escape(text);
    if !refs {
        return escaped;
    }
    let mut out = String::new();
    for c in escaped.chars() {
        if c == '\0' || (' '..='~').contains(&c) {
            out.push(c);
        } else {
            let _ = write!(out, "&#x{:X};", u32::from(c));
        }
    }
    out
}

/// Whitespace collapsed as the parser does for element text.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The link a `uri` reference may have: the address, when it is `http(s)`
/// and made of characters that are safe in a Markdown link destination.
/// Written independently of `Reference::url`.
pub fn http_url(data: &str) -> Option<String> {
    let rest = data
        .strip_prefix("https://")
        .or_else(|| data.strip_prefix("http://"))?;
    let safe = !rest.is_empty()
        && data
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'<>\\`()[]{}|^".contains(&b));
    safe.then(|| data.to_owned())
}

/// Whether `c` reorders the display of text (what rustc's
/// `text_direction_codepoint_in_literal` and the generator look for).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

// ---------------------------------------------------------------------------
// The hostile texts

/// One piece of hostile text; `markup` is the XML for it in element
/// content when it cannot be written with [`xml`] (CDATA).
pub struct Hostile {
    pub label: &'static str,
    pub text: String,
    pub refs: bool,
    pub markup: Option<String>,
}

/// A text of exactly [`MAX_TEXT`] bytes, whitespace already collapsed, full
/// of characters that mean something in Rust, Markdown and HTML.
pub fn long_text() -> String {
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
pub const MAX_TEXT: usize = ws_close_codes_registry::parse::MAX_TEXT_LEN;

pub fn hostile_texts() -> Vec<Hostile> {
    let h = |label, text: &str, refs| Hostile {
        label,
        text: text.to_owned(),
        refs,
        markup: None,
    };
    let newlines = "first line\nsecond line\r\nthird\n\n    indented code\n\tlast";
    // The controls XML 1.0 allows (DEL and the C1 controls); C0 controls
    // other than tab, line feed and carriage return are refused by the
    // parser (`refused_cases`), so they never reach the generator.
    let controls = "del\u{7f} csi\u{9b}31m nel\u{85}x apc\u{9f} pad\u{80} \
                    st\u{9c}end";
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
        h("bidi-raw", bidi, false),
        h("bidi-refs", &format!("{bidi} [refs]"), true),
        h(
            "invisible",
            "zero\u{200B}width bom\u{FEFF} wj\u{2060} \u{301}combining nbsp\u{A0}x nel\u{85}x \
             ls\u{2028}x ps\u{2029}x em\u{2003}x \u{FFFD}",
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
pub enum Field {
    Description,
    PersonName,
    PersonId,
    ContactText,
    Uri,
    TextReference,
}

pub const FIELDS: [Field; 6] = [
    Field::Description,
    Field::PersonName,
    Field::PersonId,
    Field::ContactText,
    Field::Uri,
    Field::TextReference,
];

/// What the generated accessors must return for one registered code.
pub struct Expected {
    pub code: u16,
    pub what: String,
    pub name: String,
    pub contact: Option<String>,
    pub references: Vec<(String, Option<String>)>,
}

/// Identifier derivation: (code, description, identifier, how).
pub const IDENTIFIERS: &[(u16, &str, &str, Derivation)] = &[
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
pub const UNASSIGNED_SINGLE: u16 = 3048;

/// The first code that carries a hostile text.
pub const FIRST_HOSTILE: u16 = 3100;

/// The one document with every "generated" case, and what its accessors
/// must return.
pub struct Combined {
    pub document: Vec<u8>,
    pub expected: Vec<Expected>,
}

pub fn combined(doctype: &str) -> Combined {
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
pub fn unused_doctype(http: &str, file: &str) -> String {
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
