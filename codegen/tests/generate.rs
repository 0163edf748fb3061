//! Tests of `close_code_source` that read its output back with syn.

mod common;

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use syn::{Attribute, Expr, ImplItem, ImplItemFn, Item, ItemConst, Lit, Pat};
use ws_close_codes_codegen::{close_code_source, escape_markdown};
use ws_close_codes_registry::{Catalog, Date, Entry, ReferenceKind};

use common::HOSTILE;

fn text(tokens: &impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

fn parse(source: &str) -> syn::File {
    syn::parse_file(source).unwrap_or_else(|e| panic!("generated code does not parse: {e}"))
}

fn close_code_impl(file: &syn::File) -> &syn::ItemImpl {
    let impls: Vec<_> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(item) if item.trait_.is_none() => Some(item),
            _ => None,
        })
        .collect();
    assert_eq!(impls.len(), 1, "one inherent impl block");
    impls[0]
}

fn method<'a>(file: &'a syn::File, name: &str) -> &'a ImplItemFn {
    close_code_impl(file)
        .items
        .iter()
        .find_map(|item| match item {
            ImplItem::Fn(f) if f.sig.ident == name => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no method {name}"))
}

/// The arms of the `match` that is a method's whole body.
fn arms<'a>(file: &'a syn::File, name: &str) -> &'a [syn::Arm] {
    let body = &method(file, name).block.stmts;
    assert_eq!(body.len(), 1, "{name} is one match");
    match &body[0] {
        syn::Stmt::Expr(Expr::Match(m), None) => &m.arms,
        other => panic!("{name} is not a match: {}", text(other)),
    }
}

/// The elements of an expression `&[...]`.
fn slice_elements<'a>(
    expr: &'a Expr,
    what: &str,
) -> &'a syn::punctuated::Punctuated<Expr, syn::Token![,]> {
    let Expr::Reference(slice) = expr else {
        panic!("{what} is not a reference: {}", text(expr))
    };
    let Expr::Array(array) = &*slice.expr else {
        panic!("{what} is not a slice of an array: {}", text(expr))
    };
    &array.elems
}

/// The struct literals of `RECORDS`, each as its fields by name.
fn records(file: &syn::File) -> Vec<BTreeMap<String, &Expr>> {
    slice_elements(&constants(file)["RECORDS"].expr, "RECORDS")
        .iter()
        .map(|record| {
            let Expr::Struct(record) = record else {
                panic!("not a struct literal: {}", text(record))
            };
            assert!(record.path.is_ident("Record"));
            record
                .fields
                .iter()
                .map(|field| {
                    let syn::Member::Named(name) = &field.member else {
                        panic!("unnamed field")
                    };
                    (name.to_string(), &field.expr)
                })
                .collect()
        })
        .collect()
}

/// The variants `REGISTERED` lists, in order.
fn registered(file: &syn::File) -> Vec<String> {
    let registered = close_code_impl(file)
        .items
        .iter()
        .find_map(|item| match item {
            ImplItem::Const(c) if c.ident == "REGISTERED" => Some(c),
            _ => None,
        })
        .expect("REGISTERED");
    slice_elements(&registered.expr, "REGISTERED")
        .iter()
        .map(|e| match e {
            Expr::Path(p) => close_code_variant(&p.path),
            other => panic!("{}", text(other)),
        })
        .collect()
}

/// The variant a path `CloseCode::Variant` names.
fn close_code_variant(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    assert_eq!(segments.len(), 2, "{}", text(path));
    assert_eq!(segments[0], "CloseCode");
    segments[1].clone()
}

/// The records by the variant at the same position in `REGISTERED`.
fn records_by_variant(file: &syn::File) -> Vec<(String, BTreeMap<String, &Expr>)> {
    let variants = registered(file);
    let records = records(file);
    assert_eq!(
        variants.len(),
        records.len(),
        "a record per registered code"
    );
    variants.into_iter().zip(records).collect()
}

/// The variant an arm's pattern names, or `None` for `CloseCode::Other(..)`.
fn arm_variant(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Path(path) => Some(close_code_variant(&path.path)),
        Pat::TupleStruct(tuple) => {
            assert!(
                tuple.path.is_ident("Other")
                    || tuple.path.segments.last().unwrap().ident == "Other"
            );
            None
        }
        other => panic!("unexpected pattern {}", text(other)),
    }
}

fn str_value(expr: &Expr) -> String {
    match unblock(expr) {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => s.value(),
        other => panic!("not a string literal: {}", text(other)),
    }
}

/// The expression, or for a block holding only an expression (prettyplease
/// puts long match arms in one), that expression.
fn unblock(expr: &Expr) -> &Expr {
    match expr {
        Expr::Block(block) => match &block.block.stmts[..] {
            [syn::Stmt::Expr(inner, None)] => unblock(inner),
            _ => expr,
        },
        _ => expr,
    }
}

/// `Some("text")` or `None`.
fn option_str(expr: &Expr) -> Option<String> {
    match unblock(expr) {
        Expr::Call(call) => {
            assert!(matches!(&*call.func, Expr::Path(p) if p.path.is_ident("Some")));
            assert_eq!(call.args.len(), 1);
            Some(str_value(&call.args[0]))
        }
        Expr::Path(path) if path.path.is_ident("None") => None,
        other => panic!("not an Option<&str>: {}", text(other)),
    }
}

/// What the records hold for a text accessor, by variant: a plain string
/// for the fields every code has, `Some`/`None` for the others.
fn text_table(file: &syn::File, name: &str) -> BTreeMap<String, Option<String>> {
    let mut table = BTreeMap::new();
    for (variant, record) in records_by_variant(file) {
        let value = match unblock(record[name]) {
            Expr::Lit(_) => Some(str_value(record[name])),
            other => option_str(other),
        };
        assert!(table.insert(variant, value).is_none());
    }
    table
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
        .filter(|a| a.path().is_ident("doc"))
        .map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => str_value(&nv.value),
            other => panic!("doc attribute is not name = value: {}", text(other)),
        })
        .collect()
}

/// Every doc attribute of the file, in order.
fn all_docs(file: &syn::File) -> Vec<String> {
    let mut docs = doc_values(&file.attrs);
    for item in &file.items {
        match item {
            Item::Const(c) => docs.extend(doc_values(&c.attrs)),
            Item::Enum(e) => {
                docs.extend(doc_values(&e.attrs));
                for variant in &e.variants {
                    docs.extend(doc_values(&variant.attrs));
                }
            }
            Item::Impl(i) => {
                docs.extend(doc_values(&i.attrs));
                for item in &i.items {
                    match item {
                        ImplItem::Fn(f) => docs.extend(doc_values(&f.attrs)),
                        ImplItem::Const(c) => docs.extend(doc_values(&c.attrs)),
                        other => panic!("unexpected impl item {}", text(other)),
                    }
                }
            }
            Item::Use(u) => docs.extend(doc_values(&u.attrs)),
            Item::Struct(s) => {
                docs.extend(doc_values(&s.attrs));
                for field in &s.fields {
                    docs.extend(doc_values(&field.attrs));
                }
            }
            other => panic!("unexpected item {}", text(other)),
        }
    }
    docs
}

fn variant_docs(file: &syn::File, ident: &str) -> Vec<String> {
    file.items
        .iter()
        .find_map(|item| match item {
            Item::Enum(e) if e.ident == "CloseCode" => Some(e),
            _ => None,
        })
        .expect("enum CloseCode")
        .variants
        .iter()
        .find(|v| v.ident == ident)
        .map(|v| doc_values(&v.attrs))
        .unwrap_or_else(|| panic!("no variant {ident}"))
}

fn constants(file: &syn::File) -> BTreeMap<String, &ItemConst> {
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Const(c) => Some((c.ident.to_string(), c)),
            _ => None,
        })
        .collect()
}

/// The token structure with every literal's text replaced by a placeholder
/// (doc comments are `#[doc = "..."]` attributes, so they are literals too).
///
/// Differences that only come from where prettyplease breaks lines, which
/// depends on the length of the text, are evened out: a match arm
/// `=> { expr }` is shaped like `=> expr,` and a trailing comma in a group
/// is dropped.
fn shape(tokens: TokenStream) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Group(group)
                if group.delimiter() == proc_macro2::Delimiter::Brace
                    && out.len() >= 2
                    && out[out.len() - 2..] == ["=", ">"] =>
            {
                out.extend(shape(group.stream()));
                if !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
                    out.push(",".into());
                }
            }
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
                out.push(if text.starts_with('"') {
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
        parse(&first);
        assert!(first.starts_with(
            "// @generated by `cargo xtask regen` from registry/websocket.xml\n\
             // (IANA registry updated 2024-05-02). Do not edit by hand: edit the\n\
             // registry files or the generator and run `cargo xtask regen`.\n\
             \n\
             use crate::{OtherCode, Reference, ReferenceKind};\n"
        ));
        assert!(first.ends_with(";\n") || first.ends_with("}\n"));
        assert!(!first.ends_with("\n\n"));
    }
}

#[test]
fn string_literals_round_trip() {
    let catalog = common::small(HOSTILE);
    let source = close_code_source(&catalog);
    let file = parse(&source);

    assert_eq!(
        text_table(&file, "name"),
        expected(&catalog, |e| Some(e.title.clone()))
    );
    assert_eq!(
        text_table(&file, "description"),
        expected(&catalog, |e| Some(e.description.clone()))
    );
    assert_eq!(
        text_table(&file, "iana_description"),
        expected(&catalog, |e| Some(e.iana_description.clone()))
    );
    assert_eq!(
        text_table(&file, "contact"),
        expected(&catalog, |e| e.contact.clone())
    );
    assert_eq!(
        text_table(&file, "ident"),
        expected(&catalog, |e| Some(e.ident.clone()))
    );
    assert_eq!(
        text_table(&file, "registered_on"),
        expected(&catalog, |e| e.date.map(|d| d.to_string()))
    );
    assert_eq!(
        text_table(&file, "updated_on"),
        expected(&catalog, |e| e.updated.map(|d| d.to_string()))
    );
    // The hostile text really is in there, unchanged.
    assert_eq!(
        text_table(&file, "contact")["Hostile"].as_deref(),
        Some(HOSTILE)
    );

    let updated = &constants(&file)["REGISTRY_UPDATED"];
    assert_eq!(str_value(&updated.expr), "2024-05-02");
}

#[test]
fn references_round_trip() {
    let catalog = common::small(HOSTILE);
    let file = parse(&close_code_source(&catalog));
    let listed: BTreeMap<String, &Expr> = records_by_variant(&file)
        .into_iter()
        .map(|(variant, record)| (variant, record["references"]))
        .collect();
    assert_eq!(listed.len(), catalog.entries.len());
    for entry in &catalog.entries {
        let elements = slice_elements(listed[&entry.ident], &entry.ident);
        assert_eq!(elements.len(), entry.references.len());
        for (expr, expected) in elements.iter().zip(&entry.references) {
            let Expr::Call(call) = expr else {
                panic!("not a call")
            };
            let Expr::Path(func) = &*call.func else {
                panic!("not a path")
            };
            let func: Vec<_> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            assert_eq!(func, ["Reference", "new"]);
            let Expr::Path(kind) = &call.args[0] else {
                panic!("kind is not a path")
            };
            let kind: Vec<_> = kind
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let expected_kind = match expected.kind {
                ReferenceKind::Rfc => "Rfc",
                ReferenceKind::RfcErrata => "RfcErrata",
                ReferenceKind::Uri => "Uri",
                ReferenceKind::Draft => "Draft",
                ReferenceKind::Person => "Person",
                ReferenceKind::Text => "Text",
            };
            assert_eq!(kind, ["ReferenceKind", expected_kind]);
            assert_eq!(str_value(&call.args[1]), expected.label());
            assert_eq!(option_str(&call.args[2]), expected.url());
        }
    }
}

#[test]
fn values_and_variants_match() {
    let catalog = common::small(HOSTILE);
    let file = parse(&close_code_source(&catalog));

    let enum_variants: Vec<String> = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Enum(e) => Some(e.variants.iter().map(|v| v.ident.to_string()).collect()),
            _ => None,
        })
        .unwrap();
    let mut expected_variants: Vec<String> =
        catalog.entries.iter().map(|e| e.ident.clone()).collect();
    expected_variants.push("Other".into());
    assert_eq!(enum_variants, expected_variants);

    // The variants keep their implicit discriminants, which `position`
    // states: 0, 1, 2, ... in the order of the entries, `Other` last.
    let enum_item = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Enum(e) => Some(e),
            _ => None,
        })
        .unwrap();
    assert!(enum_item.variants.iter().all(|v| v.discriminant.is_none()));
    // No `repr`: it would give the enum a tag of its own instead of the
    // spare values of `OtherCode`'s, and double its size.
    assert!(!enum_item.attrs.iter().any(|a| a.path().is_ident("repr")));
    let positions: Vec<(Option<String>, String)> = arms(&file, "position")
        .iter()
        .map(|arm| (arm_variant(&arm.pat), text(&*arm.body)))
        .collect();
    let mut expected_positions: Vec<(Option<String>, String)> = catalog
        .entries
        .iter()
        .enumerate()
        .map(|(position, e)| (Some(e.ident.clone()), position.to_string()))
        .collect();
    expected_positions.push((None, catalog.entries.len().to_string()));
    assert_eq!(positions, expected_positions);

    // `REGISTERED` lists the variants in that order, and the record at each
    // position holds the value of the entry there.
    assert_eq!(
        registered(&file),
        expected_variants[..expected_variants.len() - 1]
    );
    let values: Vec<String> = records(&file).iter().map(|r| text(r["value"])).collect();
    let expected_values: Vec<String> = catalog
        .entries
        .iter()
        .map(|e| e.value.to_string())
        .collect();
    assert_eq!(values, expected_values);
    let displayed: BTreeMap<String, Option<String>> = catalog
        .entries
        .iter()
        .map(|e| (e.ident.clone(), Some(format!("{} {}", e.value, e.title))))
        .collect();
    assert_eq!(text_table(&file, "display"), displayed);

    let constants = constants(&file);
    for (name, value) in [
        ("PROTOCOL_FIRST", "1000"),
        ("PROTOCOL_LAST", "2999"),
        ("REGISTERED_FIRST", "3000"),
        ("REGISTERED_LAST", "3999"),
        ("PRIVATE_FIRST", "4000"),
        ("PRIVATE_LAST", "4999"),
    ] {
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) = &*constants[name].expr
        else {
            panic!("{name}")
        };
        assert_eq!(int.base10_digits(), value, "{name}");
        assert!(
            matches!(constants[name].vis, syn::Visibility::Restricted(_)),
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
        let file = parse(&source);
        let docs = all_docs(&file);
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
        assert!(!source.contains("#[doc"));
        assert!(!source.contains("/**"));
        assert!(!source.contains("//!"));
        for line in source.lines() {
            let trimmed = line.trim_start();
            if let Some(doc) = trimmed.strip_prefix("///") {
                assert!(!doc.starts_with('/'), "{line}");
            }
        }
    }
}

#[test]
fn variant_docs_are_escaped_registry_text() {
    let catalog = common::small(HOSTILE);
    let file = parse(&close_code_source(&catalog));
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
        variant_docs(&file, "Hostile"),
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
        variant_docs(&file, "NormalClosure"),
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
        variant_docs(&file, "GoingAway")[4],
        " - References: [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), \
         [https\\://example.com/going-away](https://example.com/going-away)"
    );
    assert_eq!(
        variant_docs(&file, "Empty"),
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
    assert_eq!(fences_hostile.len(), 2 * 12, "12 examples");
    assert!(fences_hostile.iter().all(|f| f == " ```"));

    // No variant documentation can start a block of any kind.
    let file = parse(&hostile);
    let Some(Item::Enum(close_code)) = file.items.iter().find(|i| matches!(i, Item::Enum(_)))
    else {
        panic!()
    };
    for variant in &close_code.variants {
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
    let file = parse(&source);
    assert_eq!(arms(&file, "position").len(), 1001);
    assert_eq!(
        text_table(&file, "name")["Code3999"].as_deref(),
        Some("Code 3999")
    );
    assert_eq!(records(&file).len(), 1000);
    // REGISTRY_UPDATED, six range limits, RECORDS, and the tables built from
    // it: TABLE_LEN, FROM_U16_TABLE, SLOTS, VALUE_TABLE and nine accessors;
    // the number of items does not grow with the number of codes.
    assert_eq!(constants(&file).len(), 1 + 6 + 1 + 4 + 9);
    assert_eq!(source, close_code_source(&catalog));
}

#[test]
fn megabytes_of_text() {
    let mut catalog = common::small("plain text");
    let huge = HOSTILE.repeat(2_000_000 / HOSTILE.len() + 1);
    catalog.entries[3].description = huge.clone();
    let file = parse(&close_code_source(&catalog));
    assert_eq!(
        text_table(&file, "description")["Hostile"].as_deref(),
        Some(huge.as_str())
    );
    assert_eq!(
        variant_docs(&file, "Hostile")[2],
        format!(" {}", escape_markdown(&huge))
    );
}

#[test]
fn an_empty_catalog_still_generates() {
    let mut catalog = common::two_entries();
    catalog.entries.clear();
    let file = parse(&close_code_source(&catalog));
    assert_eq!(arms(&file, "position").len(), 1);
    assert!(records(&file).is_empty());
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

/// The fixed doc examples use 1000 (`NormalClosure`), 1001 (`GoingAway`),
/// 1014 and 4000 (private use); the bundled registry must agree.
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
    assert!(ident(1014).is_some());
    assert_eq!(ident(4000), None);
    assert!(catalog.layout.private.contains(4000));
    assert!(!catalog
        .entries
        .iter()
        .find(|e| e.value == 1000)
        .unwrap()
        .references
        .is_empty());
    let source = close_code_source(&catalog);
    parse(&source);
    assert_eq!(source, close_code_source(&catalog));
}

/// `close_code_source` prints the file in parts, on two threads for
/// large catalogs; printed whole by prettyplease, the same file must come
/// out byte for byte.
#[test]
fn the_parts_printed_apart_are_the_file_printed_whole() {
    let mut large = common::small(HOSTILE);
    large.entries.extend((5000..=7999).map(|value| {
        let mut entry = common::entry(value, &format!("Code{value}"), &format!("Code {value}"));
        entry.description = format!("{HOSTILE} {value}");
        entry
    }));
    for catalog in [common::small(HOSTILE), common::thousand(), large] {
        let source = close_code_source(&catalog);
        let (header, body) = source.split_at(source.find("\nuse ").unwrap() + 1);
        assert!(header.starts_with("// @generated"));
        let reprinted = prettyplease::unparse(&parse(body));
        assert!(
            reprinted == body,
            "prettyplease prints the whole file differently"
        );
    }
}
