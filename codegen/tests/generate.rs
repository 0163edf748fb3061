//! Tests of `close_code_source` that read its output back with syn: the
//! constants, and the rows inside the macro `__iana_codes!`, one
//! documented row per code, read as an enum whose variants carry their
//! record.

mod common;

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::{Attribute, Expr, Item, ItemConst, ItemEnum, Lit};
use ws_close_codes_codegen::{close_code_source, escape_markdown};
use ws_close_codes_registry::{Catalog, Date, Entry, Reference, ReferenceKind};

use common::HOSTILE;

/// The output, read back: the constants, the macro, its runs, and its rows
/// as an enum (`Ident = Record { value: N, fields }` for `Ident = N {
/// fields }`).
struct Parsed {
    constants: BTreeMap<String, ItemConst>,
    macro_attrs: Vec<Attribute>,
    runs: Vec<(u16, u16, String)>,
    item: ItemEnum,
}

/// The group that follows the identifier `name` anywhere in `tokens`.
fn group_after(tokens: TokenStream, name: &str) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match (token, tokens.get(i + 1)) {
            (TokenTree::Ident(ident), Some(TokenTree::Group(group))) if ident == name => {
                return Some(group.stream())
            }
            (TokenTree::Group(group), _) => {
                if let Some(found) = group_after(group.stream(), name) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// The rows as enum variants with a `Record` discriminant.
fn rows_as_variants(rows: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = rows.into_iter().collect();
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < tokens.len() {
        match (
            &tokens[i],
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
        ) {
            (
                TokenTree::Ident(ident),
                Some(TokenTree::Punct(eq)),
                Some(TokenTree::Literal(value)),
                Some(TokenTree::Group(fields)),
            ) if eq.as_char() == '=' => {
                let fields = fields.stream();
                out.extend(quote!(#ident = Record { value: #value, #fields }));
                i += 4;
            }
            (token, ..) => {
                out.extend([token.clone()]);
                i += 1;
            }
        }
    }
    out
}

fn parse(source: &str) -> Parsed {
    let file = syn::parse_file(source).expect("the output parses");
    let mut constants = BTreeMap::new();
    let mut macros = Vec::new();
    for item in file.items {
        match item {
            Item::Const(c) => {
                constants.insert(c.ident.to_string(), c);
            }
            Item::Macro(m) => macros.push(m),
            other => panic!("unexpected item {}", text(&other)),
        }
    }
    assert_eq!(macros.len(), 1, "one macro");
    let mac = macros.pop().unwrap();
    assert_eq!(text(&mac.mac.path), "macro_rules");
    assert_eq!(
        mac.ident.as_ref().map(|i| i.to_string()).as_deref(),
        Some("__iana_codes")
    );
    let tokens = mac.mac.tokens.clone();
    let runs_tokens = group_after(tokens.clone(), "runs").expect("the runs");
    let runs_text = runs_tokens.to_string();
    let runs = runs_text
        .split(',')
        .map(str::trim)
        .filter(|run| !run.is_empty())
        .map(|run| {
            let (range, ident) = run.split_once("=>").expect("first..=last => Ident");
            let (first, last) = range.split_once("..=").expect("first..=last");
            (
                first.trim().parse().unwrap(),
                last.trim().parse().unwrap(),
                ident.trim().to_owned(),
            )
        })
        .collect();
    let rows = rows_as_variants(group_after(tokens, "codes").expect("the codes"));
    let mut body = TokenStream::new();
    body.extend([
        TokenTree::Ident(Ident::new("enum", Span::call_site())),
        TokenTree::Ident(Ident::new("Rows", Span::call_site())),
        TokenTree::Group(Group::new(Delimiter::Brace, rows)),
    ]);
    let item: ItemEnum = syn::parse2(body).expect("the rows read as an enum");
    Parsed {
        constants,
        macro_attrs: mac.attrs,
        runs,
        item,
    }
}

fn text(tokens: &impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

fn str_value(expr: &Expr) -> String {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => s.value(),
        other => panic!("not a string literal: {}", text(other)),
    }
}

/// `Some("...")` or `None`.
fn option_str(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(path) if path.path.is_ident("None") => None,
        Expr::Call(call) if text(&*call.func) == "Some" && call.args.len() == 1 => {
            Some(str_value(&call.args[0]))
        }
        other => panic!("not an Option<&str>: {}", text(other)),
    }
}

/// Every variant's record, field by field, in the order of the variants.
fn records(parsed: &Parsed) -> Vec<(String, BTreeMap<String, Expr>)> {
    parsed
        .item
        .variants
        .iter()
        .map(|variant| {
            let Some((_, Expr::Struct(record))) = &variant.discriminant else {
                panic!("{} has no record", variant.ident)
            };
            assert_eq!(text(&record.path), "Record");
            let fields = record
                .fields
                .iter()
                .map(|field| (text(&field.member), field.expr.clone()))
                .collect();
            (variant.ident.to_string(), fields)
        })
        .collect()
}

/// One field of every record, by variant, read with `read`.
fn field(
    parsed: &Parsed,
    name: &str,
    read: impl Fn(&Expr) -> Option<String>,
) -> BTreeMap<String, Option<String>> {
    records(parsed)
        .into_iter()
        .map(|(variant, fields)| (variant, read(&fields[name])))
        .collect()
}

fn expected(
    catalog: &Catalog,
    f: impl Fn(&Entry) -> Option<String>,
) -> BTreeMap<String, Option<String>> {
    catalog
        .entries
        .iter()
        .map(|e| (e.ident.clone(), f(e)))
        .collect()
}

fn doc_values(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc") && !matches!(a.meta, syn::Meta::List(_)))
        .map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => str_value(&nv.value),
            other => panic!("doc attribute is not name = value: {}", text(other)),
        })
        .collect()
}

/// Every doc attribute of the output, in order.
fn all_docs(parsed: &Parsed) -> Vec<String> {
    let mut docs = Vec::new();
    for constant in parsed.constants.values() {
        docs.extend(doc_values(&constant.attrs));
    }
    docs.extend(doc_values(&parsed.macro_attrs));
    for variant in &parsed.item.variants {
        docs.extend(doc_values(&variant.attrs));
    }
    docs
}

fn variant_docs(parsed: &Parsed, ident: &str) -> Vec<String> {
    parsed
        .item
        .variants
        .iter()
        .find(|v| v.ident == ident)
        .map(|v| doc_values(&v.attrs))
        .unwrap_or_else(|| panic!("no variant {ident}"))
}

/// The token structure with every string literal's text replaced by a
/// placeholder (doc comments are `#[doc = "..."]` attributes, so they are
/// literals too), and a trailing comma in a group dropped (prettyplease
/// adds one where it breaks a long call over lines).
fn shape(tokens: TokenStream) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in tokens {
        match token {
            TokenTree::Group(group) => {
                out.push(format!("{:?}(", group.delimiter()));
                let mut inner = shape(group.stream());
                if inner.last().is_some_and(|last| last == ",") {
                    inner.pop();
                }
                out.extend(inner);
                out.push(")".into());
            }
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Punct(punct) => out.push(punct.as_char().to_string()),
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                out.push(if text.starts_with('"') || text.starts_with('r') {
                    "\"…\"".into()
                } else {
                    text
                });
            }
        }
    }
    out
}

#[test]
fn output_parses_and_is_deterministic() {
    for catalog in [
        common::two_entries(),
        common::small(HOSTILE),
        common::small("plain text"),
    ] {
        let first = close_code_source(&catalog);
        let second = close_code_source(&catalog.clone());
        assert_eq!(first, second);
        let parsed = parse(&first);
        assert!(first.starts_with(
            "// @generated by `cargo xtask regen` from registry/websocket.xml\n\
             // (IANA registry updated 2024-05-02). Do not edit by hand: edit the\n\
             // registry files or the generator and run `cargo xtask regen`.\n\
             \n"
        ));
        assert!(first.contains("\n#[macro_export]\nmacro_rules! __iana_codes {\n"));
        assert!(first.ends_with("    };\n}\n"));
        // The runs cover exactly the codes, each run from its first code.
        let mut covered = Vec::new();
        for (first, last, ident) in &parsed.runs {
            let entry = catalog.entries.iter().find(|e| e.value == *first).unwrap();
            assert_eq!(&entry.ident, ident);
            covered.extend(*first..=*last);
        }
        let values: Vec<u16> = catalog.entries.iter().map(|e| e.value).collect();
        assert_eq!(covered, values);
    }
}

#[test]
fn string_literals_round_trip() {
    let catalog = common::small(HOSTILE);
    let parsed = parse(&close_code_source(&catalog));
    let string = |e: &Expr| Some(str_value(e));
    assert_eq!(
        field(&parsed, "name", string),
        expected(&catalog, |e| Some(e.title.clone()))
    );
    assert_eq!(
        field(&parsed, "description", string),
        expected(&catalog, |e| Some(e.description.clone()))
    );
    assert_eq!(
        field(&parsed, "iana_description", |e| Some(str_value(e))),
        expected(&catalog, |e| Some(e.iana_description.clone()))
    );
    assert_eq!(
        field(&parsed, "contact", option_str),
        expected(&catalog, |e| e.contact.clone())
    );
    assert_eq!(
        field(&parsed, "registered_on", option_str),
        expected(&catalog, |e| e.date.map(|d| d.to_string()))
    );
    assert_eq!(
        field(&parsed, "updated_on", option_str),
        expected(&catalog, |e| e.updated.map(|d| d.to_string()))
    );
    // The hostile text really is in there, unchanged.
    assert_eq!(
        field(&parsed, "contact", option_str)["Hostile"].as_deref(),
        Some(HOSTILE)
    );
    let updated = &parsed.constants["REGISTRY_UPDATED"];
    assert_eq!(str_value(&updated.expr), "2024-05-02");
}

/// `(Kind, "label", url)` as (kind, label, url).
fn reference_call(expr: &Expr) -> (String, String, Option<String>) {
    let Expr::Tuple(tuple) = expr else {
        panic!("not a tuple: {}", text(expr))
    };
    (
        text(&tuple.elems[0]),
        str_value(&tuple.elems[1]),
        option_str(&tuple.elems[2]),
    )
}

fn kind_name(reference: &Reference) -> &'static str {
    match reference.kind {
        ReferenceKind::Rfc => "Rfc",
        ReferenceKind::RfcErrata => "RfcErrata",
        ReferenceKind::Uri => "Uri",
        ReferenceKind::Draft => "Draft",
        ReferenceKind::Person => "Person",
        ReferenceKind::Text => "Text",
    }
}

#[test]
fn references_round_trip() {
    let catalog = common::small(HOSTILE);
    let parsed = parse(&close_code_source(&catalog));
    let records = records(&parsed);
    assert_eq!(records.len(), catalog.entries.len());
    for ((variant, fields), entry) in records.iter().zip(&catalog.entries) {
        assert_eq!(variant, &entry.ident);
        let Expr::Array(array) = &fields["references"] else {
            panic!("references of {variant}")
        };
        let got: Vec<_> = array.elems.iter().map(reference_call).collect();
        let want: Vec<_> = entry
            .references
            .iter()
            .map(|r| (kind_name(r).to_owned(), r.label(), r.url()))
            .collect();
        assert_eq!(got, want, "{variant}");
    }
}

#[test]
fn values_and_variants_match() {
    let catalog = common::small(HOSTILE);
    let parsed = parse(&close_code_source(&catalog));
    let variants: Vec<String> = parsed
        .item
        .variants
        .iter()
        .map(|v| v.ident.to_string())
        .collect();
    let expected: Vec<String> = catalog.entries.iter().map(|e| e.ident.clone()).collect();
    // `Other` is the macro's, not the generated file's.
    assert_eq!(variants, expected);
    let values: Vec<String> = records(&parsed)
        .iter()
        .map(|(_, fields)| text(&fields["value"]))
        .collect();
    let expected_values: Vec<String> = catalog
        .entries
        .iter()
        .map(|e| e.value.to_string())
        .collect();
    assert_eq!(values, expected_values);
    // Every record has the same fields, in the same order.
    for (variant, fields) in records(&parsed) {
        assert_eq!(
            fields.keys().cloned().collect::<Vec<_>>(),
            [
                "contact",
                "description",
                "iana_description",
                "name",
                "references",
                "registered_on",
                "updated_on",
                "value"
            ],
            "{variant}"
        );
    }
    for (name, value) in [
        ("PROTOCOL_FIRST", "1000"),
        ("PROTOCOL_LAST", "2999"),
        ("APPLICATION_FIRST", "3000"),
        ("APPLICATION_LAST", "3999"),
        ("PRIVATE_FIRST", "4000"),
        ("PRIVATE_LAST", "4999"),
    ] {
        let constant = &parsed.constants[name];
        assert_eq!(text(&*constant.expr), value, "{name}");
        assert!(
            matches!(constant.vis, syn::Visibility::Restricted(_)),
            "{name} is pub(crate)"
        );
    }
}

#[test]
fn structure_does_not_depend_on_registry_text() {
    let hostile = close_code_source(&common::small(HOSTILE));
    let plain = close_code_source(&common::small("plain text"));
    let tokens = |source: &str| -> TokenStream { source.parse().expect("the output lexes") };
    assert_eq!(shape(tokens(&hostile)), shape(tokens(&plain)));
    assert_ne!(hostile, plain);
}

#[test]
fn every_doc_attribute_is_one_line_of_plain_text() {
    for catalog in [common::small(HOSTILE), common::two_entries()] {
        let source = close_code_source(&catalog);
        let docs = all_docs(&parse(&source));
        for doc in &docs {
            assert!(
                !doc.chars()
                    .any(|c| c.is_control() || ws_close_codes_registry::names::is_bidi_control(c)),
                "{doc:?}"
            );
            assert!(doc.is_empty() || doc.starts_with(' '), "{doc:?}");
            assert_eq!(doc.trim_end(), doc);
        }
        // prettyplease printed every one of them as a `///` line.
        let doc_lines = source
            .lines()
            .filter(|l| l.trim_start().starts_with("///"))
            .count();
        assert_eq!(doc_lines, docs.len());
        assert!(!source.replace("#[doc(hidden)]", "").contains("#[doc"));
        assert!(!source.contains("/**"));
        assert!(!source.contains("//!"));
        for line in source.lines() {
            if let Some(doc) = line.trim_start().strip_prefix("///") {
                assert!(!doc.starts_with('/'), "{line}");
            }
        }
    }
}

#[test]
fn variant_docs_are_escaped_registry_text() {
    let catalog = common::small(HOSTILE);
    let parsed = parse(&close_code_source(&catalog));
    let e = |text: &str| escape_markdown(text);
    let labels: Vec<String> = catalog.entries[3]
        .references
        .iter()
        .map(|r| {
            assert_eq!(r.url(), None, "hostile references have no link");
            e(&r.label())
        })
        .collect();
    assert_eq!(
        variant_docs(&parsed, "Hostile"),
        [
            format!(" `3000` **{}**", e(HOSTILE)),
            String::new(),
            format!(" {}", e(HOSTILE)),
            String::new(),
            format!(" IANA's description: {}", e(&format!("IANA: {HOSTILE}"))),
            String::new(),
            format!(" - Contact: {}", e(HOSTILE)),
            format!(" - References: {}", labels.join(", ")),
            " - Registered: 2020-01-31".into(),
            " - Updated: 2021-02".into(),
        ]
    );
    assert_eq!(
        variant_docs(&parsed, "NormalClosure"),
        [
            " `1000` **Normal Closure**",
            "",
            " Normal Closure",
            "",
            " - References: [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455)",
            " - Registered: 2011-12-01",
        ]
    );
    assert_eq!(
        variant_docs(&parsed, "GoingAway")[4],
        " - References: [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), \
         [https\\://example.com/going-away](https://example.com/going-away)"
    );
    assert_eq!(
        variant_docs(&parsed, "Empty"),
        [" `3001`", "", " IANA's description: \u{FFFD}"]
    );
}

/// The fenced code blocks of the output are the fixed examples and nothing
/// else: as many as for a plain catalog, each opened by a bare fence.
#[test]
fn only_the_fixed_examples_are_code_blocks() {
    let fences = |source: &str| -> Vec<String> {
        source
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("///"))
            .filter(|doc| {
                let doc = doc.trim_start();
                doc.starts_with("```") || doc.starts_with("~~~")
            })
            .map(str::to_owned)
            .collect()
    };
    let hostile = close_code_source(&common::small(HOSTILE));
    let plain = close_code_source(&common::small("plain text"));
    let fences_hostile = fences(&hostile);
    assert_eq!(fences_hostile, fences(&plain));
    // `REGISTRY_UPDATED`'s example.
    assert_eq!(fences_hostile.len(), 2);
    assert!(fences_hostile.iter().all(|f| f == " ```"));

    // No variant documentation can start a block of any kind.
    for variant in &parse(&hostile).item.variants {
        for doc in doc_values(&variant.attrs) {
            let Some(text) = doc.strip_prefix(' ') else {
                assert!(doc.is_empty());
                continue;
            };
            assert!(!text.starts_with(' '), "indented code: {doc:?}");
            for marker in ["```", "~~~", "#", ">", "<", "* ", "+ ", "=", "|", "["] {
                assert!(!text.starts_with(marker), "{doc:?}");
            }
        }
    }
}

/// The Markdown text with every backslash escape (a backslash and the
/// character after it) replaced by U+0001, so that only the characters
/// Markdown would interpret are left to search.
fn unescaped_view(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            out.push('\u{1}');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn hostile_text_never_appears_unescaped() {
    let source = close_code_source(&common::small(HOSTILE));
    for line in source.lines() {
        let code = line.trim_start();
        if let Some(doc) = code.strip_prefix("///") {
            let doc = &unescaped_view(doc);
            for raw in [
                "<script",
                "<img",
                "<!--",
                "](javascript",
                "```rust",
                "~~~",
                "[x]",
                "**strong",
                "&amp;",
            ] {
                assert!(!doc.contains(raw), "{raw:?} in {line}");
            }
            assert!(!doc.contains(|c: char| c.is_control() && c != '\u{1}'));
        } else {
            // Code lines hold registry text only inside string literals,
            // which are written in printable ASCII.
            assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{line}");
        }
        assert!(!line.contains(|c: char| ws_close_codes_registry::names::is_bidi_control(c)));
    }
    assert!(!source.contains('\0'));
    assert!(!source.contains('\r'));
}

#[test]
fn a_thousand_entries() {
    let catalog = common::thousand();
    let source = close_code_source(&catalog);
    let parsed = parse(&source);
    assert_eq!(parsed.item.variants.len(), 1000);
    assert_eq!(
        field(&parsed, "name", |e| Some(str_value(e)))["Code3999"].as_deref(),
        Some("Code 3999")
    );
    // REGISTRY_UPDATED and six range limits: the number of items does not
    // grow with the number of codes.
    assert_eq!(parsed.constants.len(), 1 + 6);
    assert_eq!(source, close_code_source(&catalog));
}

#[test]
fn megabytes_of_text() {
    let mut catalog = common::small("plain text");
    let huge = HOSTILE.repeat(2_000_000 / HOSTILE.len() + 1);
    catalog.entries[3].description = huge.clone();
    let parsed = parse(&close_code_source(&catalog));
    assert_eq!(
        field(&parsed, "description", |e| Some(str_value(e)))["Hostile"].as_deref(),
        Some(huge.as_str())
    );
    assert_eq!(
        variant_docs(&parsed, "Hostile")[2],
        format!(" {}", escape_markdown(&huge))
    );
}

#[test]
fn an_empty_catalog_still_generates() {
    let mut catalog = common::two_entries();
    catalog.entries.clear();
    let parsed = parse(&close_code_source(&catalog));
    assert!(parsed.item.variants.is_empty());
}

#[test]
#[should_panic(expected = "cannot name a variant")]
fn rejects_an_invalid_identifier() {
    let mut catalog = common::two_entries();
    catalog.entries[0].ident = "Other".into();
    close_code_source(&catalog);
}

#[test]
#[should_panic(expected = "used by more than one code")]
fn rejects_a_repeated_identifier() {
    let mut catalog = common::two_entries();
    catalog.entries[1].ident = "NormalClosure".into();
    close_code_source(&catalog);
}

#[test]
#[should_panic(expected = "not in ascending order")]
fn rejects_entries_out_of_order() {
    let mut catalog = common::two_entries();
    catalog.entries.swap(0, 1);
    close_code_source(&catalog);
}

#[test]
#[should_panic(expected = "not in ascending order")]
fn rejects_a_repeated_value() {
    let mut catalog = common::two_entries();
    catalog.entries[1].value = 1000;
    close_code_source(&catalog);
}

#[test]
fn dates_without_a_day_are_kept() {
    let mut catalog = common::two_entries();
    catalog.document_updated = Date {
        year: 2024,
        month: 7,
        day: None,
    };
    let source = close_code_source(&catalog);
    assert!(source.contains("(IANA registry updated 2024-07)."));
    assert!(source.contains("pub const REGISTRY_UPDATED: &str = \"2024-07\";"));
}

/// The fixed doc examples (the enum's here, the methods' in the crate's
/// macro) use 1000 (`NormalClosure`), 1001 (`GoingAway`), 1014
/// (`BadGateway`) and 4000 (private use); the bundled registry must agree.
#[test]
fn the_bundled_registry_has_the_codes_the_examples_use() {
    let catalog = ws_close_codes_registry::bundled()
        .expect("the bundled registry builds")
        .catalog;
    let ident = |value: u16| {
        catalog
            .entries
            .iter()
            .find(|e| e.value == value)
            .map(|e| e.ident.as_str())
    };
    assert_eq!(ident(1000), Some("NormalClosure"));
    assert_eq!(ident(1001), Some("GoingAway"));
    assert_eq!(ident(1014), Some("BadGateway"));
    assert_eq!(ident(4000), None);
    assert!(catalog.layout.private.contains(4000));
    let source = close_code_source(&catalog);
    parse(&source);
    assert_eq!(source, close_code_source(&catalog));
}

// ---------------------------------------------------------------------------
// What a registry change does to the file

/// The lines of each code's block in `source` (its documentation and its
/// record, from the line after the previous record to the end of its own),
/// by value, and the lines outside every block.
fn blocks(source: &str) -> (BTreeMap<u16, Vec<&str>>, Vec<&str>) {
    let mut blocks = BTreeMap::new();
    let mut outside = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut inside = false;
    for line in source.lines() {
        if line.starts_with("                /// `") && !inside {
            inside = true;
        }
        if inside {
            current.push(line);
            if line == "                }," {
                let value: u16 = current
                    .iter()
                    .find_map(|l| {
                        let (_, rest) = l.split_once(" = ")?;
                        rest.strip_suffix(" {")?.parse().ok()
                    })
                    .expect("a row with a value");
                blocks.insert(value, std::mem::take(&mut current));
                inside = false;
            }
        } else if !line.contains("..=") {
            // The runs are checked against the values where the output is
            // read back; a registration may extend one.
            outside.push(line);
        }
    }
    assert!(current.is_empty(), "an unfinished block");
    (blocks, outside)
}

/// Checks that going from `old` (dated `old_date`) to `new` (dated
/// `date`) changes no line but those of the codes in `changed` and those
/// that name the registry's date.
fn assert_only_changed(old: &str, new: &str, changed: &[u16], old_date: &str, date: &str) {
    let (old_blocks, old_outside) = blocks(old);
    let (new_blocks, new_outside) = blocks(new);
    // Outside the blocks, only the lines naming the date differ.
    let differing: Vec<(&&str, &&str)> = old_outside
        .iter()
        .zip(&new_outside)
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(old_outside.len(), new_outside.len());
    for (old_line, new_line) in &differing {
        assert!(
            new_line.contains(date),
            "a line not about a changed code or the date changed:\n- {old_line}\n+ {new_line}"
        );
    }
    // Every code not named keeps its block, line for line.
    for (value, block) in &old_blocks {
        if !changed.contains(value) {
            assert_eq!(
                Some(block),
                new_blocks.get(value),
                "the block of {value} changed"
            );
        }
    }
    // And the diff of the whole file says the same: every removed line is
    // in a changed block or names the old date.
    let diff = similar::TextDiff::from_lines(old, new);
    for change in diff.iter_all_changes() {
        if change.tag() == similar::ChangeTag::Delete {
            let line = change.value().trim_end_matches('\n');
            let in_changed = changed
                .iter()
                .any(|v| old_blocks.get(v).is_some_and(|b| b.contains(&line)));
            assert!(
                in_changed || line.contains(old_date) || line.contains("..="),
                "removed a line not about a changed code, a run or the date: {line:?}"
            );
        }
    }
}

fn bundled() -> Catalog {
    ws_close_codes_registry::bundled()
        .expect("the bundled registry builds")
        .catalog
}

fn new_entry(value: u16, ident: &str, title: &str) -> Entry {
    let mut entry = common::entry(value, ident, title);
    entry.contact = Some("Pat Doe".into());
    entry.date = Some(Date {
        year: 2099,
        month: 1,
        day: Some(15),
    });
    entry
}

#[test]
fn a_registration_changes_only_the_lines_about_it() {
    // Whatever the bundled registry holds: its date, its last code, the
    // first free protocol code.
    let old_catalog = bundled();
    let old_date = old_catalog.document_updated.to_string();
    let old = close_code_source(&old_catalog);
    let date = Date {
        year: 2099,
        month: 1,
        day: Some(15),
    };
    let taken = |catalog: &Catalog, v: u16| catalog.entries.iter().any(|e| e.value == v);
    // Identifiers no registered code has: IANA may register a code with
    // any name, these included.
    let fresh = |catalog: &Catalog, base: &str| {
        (0..)
            .map(|n| format!("{base}{n}"))
            .find(|ident| catalog.entries.iter().all(|e| e.ident != *ident))
            .unwrap()
    };

    // A code at the end of the registered codes (after the last one), then
    // one inserted in the middle (the first free protocol code, below the
    // 3000s).
    let mut at_end = old_catalog.clone();
    at_end.document_updated = date;
    let last = at_end.entries.last().unwrap().value;
    assert!(last < 3999, "room after the last code");
    let at_end_ident = fresh(&at_end, "SessionExpired");
    at_end
        .entries
        .push(new_entry(last + 1, &at_end_ident, "Session Expired"));
    let at_end_source = close_code_source(&at_end);
    assert_only_changed(&old, &at_end_source, &[last + 1], &old_date, "2099-01-15");

    let inserted = (1000..=2999)
        .find(|&v| !taken(&at_end, v))
        .expect("a free protocol code");
    let mut middle = at_end.clone();
    let middle_ident = fresh(&middle, "PolicyChanged");
    middle
        .entries
        .push(new_entry(inserted, &middle_ident, "Policy Changed"));
    // And an existing code reworded, another's reference moved.
    for entry in &mut middle.entries {
        if entry.value == 1010 {
            entry.iana_description = "Mandatory Extension".into();
            entry.title = "Mandatory Extension".into();
        }
        if entry.value == 1012 {
            entry.references[0].data = "https://example.org/moved".into();
        }
    }
    middle.entries.sort_by_key(|e| e.value);
    let middle_source = close_code_source(&middle);
    assert_only_changed(
        &at_end_source,
        &middle_source,
        &[inserted, 1010, 1012],
        "2099-01-15",
        "2099-01-15",
    );
    // The new codes are there, each as one block, and the reworded and the
    // moved ones changed.
    let (blocks, _) = blocks(&middle_source);
    assert!(blocks[&inserted]
        .iter()
        .any(|l| l.contains(&format!("{middle_ident} = {inserted} {{"))));
    assert!(blocks[&(last + 1)]
        .iter()
        .any(|l| l.contains(&format!("{at_end_ident} = {} {{", last + 1))));
    assert!(blocks[&1010]
        .iter()
        .any(|l| l.contains("\"Mandatory Extension\"")));
    assert!(blocks[&1012]
        .iter()
        .any(|l| l.contains("https://example.org/moved")));
}
