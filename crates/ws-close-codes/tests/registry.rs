//! The checked-in crate matches the checked-in snapshot of IANA's registry.
//!
//! The expectations come from an independent reading of the registry files
//! (`ws_close_codes_test_support::reading`: another XML parser, no code
//! shared with the generator), not from a list of today's codes: these
//! tests hold for whatever IANA registers next, and fail when the generator
//! drops, adds, renames or misdates a code.

use std::collections::BTreeSet;

use ws_close_codes::{CloseCode, ReferenceKind, REGISTRY_UPDATED};
use ws_close_codes_test_support::reading::Reading;

fn reading() -> Reading {
    Reading::of_repository()
}

fn kind_name(kind: ReferenceKind) -> &'static str {
    match kind {
        ReferenceKind::Rfc => "rfc",
        ReferenceKind::RfcErrata => "rfc-errata",
        ReferenceKind::Uri => "uri",
        ReferenceKind::Draft => "draft",
        ReferenceKind::Text => "text",
        other => panic!("unexpected reference kind {other:?}"),
    }
}

#[test]
fn exactly_the_registered_codes_have_variants() {
    let reading = reading();
    let with_variant: BTreeSet<u16> = (0..=u16::MAX)
        .filter(|&v| !matches!(CloseCode::from(v), CloseCode::Other(_)))
        .collect();
    let registered: BTreeSet<u16> = reading.codes.keys().copied().collect();
    let missing: Vec<&u16> = registered.difference(&with_variant).collect();
    let extra: Vec<&u16> = with_variant.difference(&registered).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "registered but no variant: {missing:?}; a variant but not registered: {extra:?}"
    );
    let listed: Vec<u16> = CloseCode::NAMED.iter().map(|c| c.as_u16()).collect();
    assert_eq!(listed, reading.values(), "CloseCode::NAMED");
}

#[test]
fn every_registered_code_carries_the_registry_data() {
    let reading = reading();
    for (&value, expected) in &reading.codes {
        let code = CloseCode::from(value);
        let at = |what: &str| format!("{what} of {value}");
        assert_eq!(code.as_u16(), value);
        assert_eq!(
            code.iana_description(),
            Some(expected.iana_description.as_str()),
            "{}",
            at("iana_description")
        );
        assert_eq!(code.name(), reading.name(value), "{}", at("name"));
        assert_eq!(
            code.description(),
            reading.description(value),
            "{}",
            at("description")
        );
        assert_eq!(
            code.contact(),
            expected.contact.as_deref(),
            "{}",
            at("contact")
        );
        assert_eq!(
            code.registered_on(),
            expected.registered_on.as_deref(),
            "{}",
            at("registered_on")
        );
        assert_eq!(
            code.updated_on(),
            expected.updated_on.as_deref(),
            "{}",
            at("updated_on")
        );
        let ident = reading.idents.get(&value).map(String::as_str);
        assert_eq!(code.ident(), ident, "{}", at("ident"));
        assert_eq!(Some(format!("{code:?}")), ident.map(str::to_owned));
        let name = reading.name(value).unwrap();
        assert_eq!(
            code.to_string(),
            format!("{value} {name}"),
            "{}",
            at("Display")
        );

        let got: Vec<(&str, &str, Option<&str>)> = code
            .references()
            .iter()
            .map(|r| (kind_name(r.kind()), r.label(), r.url()))
            .collect();
        let want: Vec<(&str, &str, Option<&str>)> = expected
            .references
            .iter()
            .map(|r| (r.kind.as_str(), r.label.as_str(), r.url.as_deref()))
            .collect();
        assert_eq!(got, want, "{}", at("references"));
    }
}

#[test]
fn the_registry_date_is_the_document_date() {
    assert_eq!(REGISTRY_UPDATED, reading().document_updated);
}

#[test]
fn unregistered_values_carry_no_data() {
    let reading = reading();
    for value in (0..=u16::MAX).filter(|&v| !reading.is_registered(v)) {
        let code = CloseCode::from(value);
        assert!(
            code.name().is_none()
                && code.ident().is_none()
                && code.description().is_none()
                && code.iana_description().is_none()
                && code.contact().is_none()
                && code.references().is_empty()
                && code.registered_on().is_none()
                && code.updated_on().is_none(),
            "{value}"
        );
        assert_eq!(code.to_string(), value.to_string());
    }
}
