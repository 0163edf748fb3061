//! The pins (`names.toml`), identifier derivation, curated descriptions
//! (`descriptions.toml`) and how errors and quirks are displayed.

use std::collections::BTreeSet;

use ws_close_codes_registry::{
    derive_ident, is_valid_ident, Curated, Derivation, Error, Pin, Pins, Position, Quirk,
};

#[test]
fn derived_identifiers() {
    let derive = |value, description| derive_ident(value, description, &BTreeSet::new());
    let word = |ident: &str| (ident.to_owned(), Derivation::Words);
    assert_eq!(derive(3001, "Mandatory Ext."), word("MandatoryExt"));
    assert_eq!(derive(3001, "TLS handshake"), word("TlsHandshake"));
    assert_eq!(derive(3001, "3D frames"), word("Code3dFrames"));
    assert_eq!(derive(3001, "Timeout — ünïcode"), word("TimeoutNCode"));
    assert_eq!(
        derive(3001, "one two three four five six").1,
        Derivation::Words
    );
    // Too long, no words, a keyword, the catch-all, core traits' types.
    let x41 = "x".repeat(41);
    for description in [
        "one two three four five six seven",
        &x41,
        "!!! ...",
        "self",
        "Other",
        "Err",
        "error",
    ] {
        let fallback = ("Code3001".to_owned(), Derivation::Fallback);
        assert_eq!(derive(3001, description), fallback, "{description}");
    }
    let taken = [
        "Timeout".to_owned(),
        "Timeout3017".to_owned(),
        "Code3017".to_owned(),
    ]
    .into();
    let derived = derive_ident(3017, "Timeout", &taken);
    assert_eq!(derived, ("Timeout3017_".into(), Derivation::Collision));
    let derived = derive_ident(3017, "", &taken);
    assert_eq!(derived, ("Code30173017".into(), Derivation::Fallback));
    for description in "|a|Self|self|fn|_|9|9 lives|A b C d|\u{202E}evil".split('|') {
        for value in [1000, 3999, 65535] {
            let (ident, _) = derive(value, description);
            assert!(is_valid_ident(&ident), "{description:?} -> {ident:?}");
        }
    }
}

#[test]
fn pins_round_trip_any_name() {
    let mut pins = Pins::default();
    let name = Some("Bad \"Gate\" \\ \u{202E}\u{1}\n".to_owned());
    pins.insert(
        1014,
        Pin {
            ident: "BadGateway".to_owned(),
            name,
        },
    );
    pins.insert(
        1000,
        Pin {
            ident: "NormalClosure".to_owned(),
            name: None,
        },
    );
    assert_eq!(Pins::parse(&pins.render()).unwrap(), pins);
}

#[test]
fn bad_pins_are_refused_at_their_key() {
    let second = |pin: &str| format!("[codes]\n1000 = {{ ident = \"A\" }}\n{pin}\n");
    for (pin, key, says) in [
        ("01000 = { ident = \"B\" }", "codes.01000", "close code"),
        ("70000 = { ident = \"B\" }", "codes.70000", "close code"),
        ("1001 = { ident = \"fn\" }", "codes.1001.ident", "usable"),
        (
            "1001 = { ident = \"A\" }",
            "codes.1001.ident",
            "A is already the identifier of 1000",
        ),
    ] {
        let error = Pins::parse(&second(pin)).unwrap_err();
        let at = Some(Position { line: 3, column: 1 });
        assert_eq!((error.position, error.element.as_deref()), (at, Some(key)));
        assert!(error.message.contains(says), "{error}");
    }
    for (pin, says) in [
        ("1001 = { ident = \"B\", colour = \"red\" }", "colour"),
        ("1001 = { name = \"B\" }", "ident"),
        ("1001 = \"B\"", "string"),
        ("[other]", "other"),
        ("1001 = { ident = ", ""),
    ] {
        let error = Pins::parse(&second(pin)).unwrap_err();
        assert_eq!(error.position.map(|p| p.line), Some(3), "{pin}: {error}");
        assert!(error.message.contains(says), "{pin}: {error}");
    }
}

#[test]
fn curated_descriptions_are_collapsed() {
    let curated = Curated::parse("[codes]\n1000 = \"\"\"\nA  normal\n   closure.\"\"\"\n").unwrap();
    assert_eq!(curated.get(1000), Some("A normal closure."));
    assert_eq!(curated.get(1001), None);
}

#[test]
fn bad_curated_files_are_refused_at_their_place() {
    let error = Curated::parse("[codes]\n1000 = \"ok\"\n1001 = \"  \"\n").unwrap_err();
    let expected = "line 3, column 1: codes.1001: must be a non-empty string";
    assert_eq!(error.to_string(), expected);
    for (text, line) in [
        ("[codes]\n1000 = \"ok\"\nabc = \"x\"\n", 3),
        ("[codes]\n1000 = \"ok\"\n0 = \"x\"\n", 3),
        ("[codes]\n\n1000 = 5\n", 3),
        ("[nope]\n", 1),
        ("[codes\n", 1),
    ] {
        let error = Curated::parse(text).unwrap_err();
        assert_eq!(
            error.position.map(|p| p.line),
            Some(line),
            "{text}: {error}"
        );
    }
}

#[test]
fn display_escapes_control_and_bidi_characters() {
    let at = Position { line: 2, column: 3 };
    let error = Error::at(at, "<a\u{1b}[2J>", "found `</b\u{202e}\u{0}>`\n");
    let expected = "line 2, column 3: <a\\u{1b}[2J>: found `</b\\u{202e}\\u{0}>`\\u{a}";
    assert_eq!(error.to_string(), expected);
    let (element, message) = (error.element.unwrap(), error.message);
    assert_eq!(
        Quirk {
            position: at,
            element,
            message
        }
        .to_string(),
        expected
    );
    let message = "a\u{7}".into();
    let whole = Error {
        position: None,
        element: None,
        message,
    };
    assert_eq!(whole.to_string(), "a\\u{7}");
}
