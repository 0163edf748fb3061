//! Compiles `tests/expected/app_close_code.rs` (see `tests/app_expected.rs`)
//! against the real `ws-close-codes` and checks what it does: the spec's
//! text comes back exactly, every value has one representation, text and
//! the library's codes convert both ways.

mod generated {
    include!("expected/app_close_code.rs");
}

use generated::{TestCloseCode, TestCloseCodeOther};
use ws_close_codes::ParseCloseCodeError;
use ws_close_codes::{CloseCode, CodeRange};

const HOSTILE_NAME: &str = "Hostile \" quote \\ backslash \\\" */ /* #[cfg(any())] } { \
    <b>[x](javascript:alert(1))</b> ``` fence \u{202E} bidi \u{2066} isolate \
    https://example.com/ www.example.com";

#[test]
fn spec_text_comes_back_exactly() {
    let hostile = TestCloseCode::from(4999);
    assert_eq!(hostile, TestCloseCode::Hostile);
    assert_eq!(hostile.name(), Some(HOSTILE_NAME));
    assert_eq!(hostile.ident(), Some("Hostile"));
    // The description is collapsed to one line; control characters stay data.
    assert_eq!(
        hostile.description(),
        Some(
            "First line, ```rust std::process::exit(1) ``` # Heading indented code \
             <script>alert(1)</script> [`CloseCode`] nul \0 escape \u{1b}[31m del \u{7f} \
             r\"#raw\"# \\u{41} trailing backslash \\"
        )
    );
    assert_eq!(hostile.to_string(), format!("4999 {HOSTILE_NAME}"));
    assert_eq!(hostile.to_string().parse(), Ok(hostile));
    assert_eq!(HOSTILE_NAME.to_ascii_lowercase().parse(), Ok(hostile));
}

#[test]
fn names_idents_and_descriptions() {
    let cases = [
        (1000, "NormalClosure", "Normal Closure"),
        (1001, "GoingAway", "Going Away"),
        (3333, "RegisteredByUs", "Registered by us"),
        (
            4001,
            "Code4001",
            "A name of more than six words becomes Code4001",
        ),
        (4400, "BadRequest", "Bad Request"),
        (4408, "InitTimeout", "Connection initialisation timeout"),
        (4999, "Hostile", HOSTILE_NAME),
    ];
    assert_eq!(TestCloseCode::NAMED.len(), cases.len());
    for (&code, (value, ident, name)) in TestCloseCode::NAMED.iter().zip(cases) {
        assert_eq!(code.as_u16(), value);
        assert_eq!(code.ident(), Some(ident));
        assert_eq!(code.name(), Some(name));
        assert_eq!(ident.parse(), Ok(code));
        assert_eq!(name.parse(), Ok(code));
    }
    // Without a description, the name is the description.
    assert_eq!(
        TestCloseCode::InitTimeout.description(),
        Some("Connection initialisation timeout")
    );
    assert_eq!(
        TestCloseCode::BadRequest.description(),
        Some("A message could not be parsed or broke the protocol.")
    );
    assert_eq!(
        TestCloseCode::RegisteredByUs.range(),
        CodeRange::Application
    );
    // Named here, not by IANA.
    assert!(TestCloseCode::RegisteredByUs.is_named());
    assert!(!TestCloseCode::RegisteredByUs.to_close_code().is_named());
    assert!(TestCloseCode::RegisteredByUs.is_sendable());
}

#[test]
fn every_value_has_one_representation() {
    for value in 0..=u16::MAX {
        let code = TestCloseCode::from_u16(value);
        assert_eq!(code.as_u16(), value);
        assert_eq!(u16::from(code), value);
        let named = TestCloseCode::NAMED.iter().any(|c| c.as_u16() == value);
        match code {
            TestCloseCode::Other(other) => {
                assert!(!named, "{value}");
                assert_eq!(other.as_u16(), value);
                assert_eq!(code.name(), None);
                assert_eq!(code.ident(), None);
                assert_eq!(code.description(), None);
                assert_eq!(code.to_string(), value.to_string());
            }
            _ => assert!(named && code.is_named(), "{value}"),
        }
        let library = CloseCode::from_u16(value);
        assert_eq!(code.to_close_code(), library);
        assert_eq!(TestCloseCode::from(library), code);
        assert_eq!(CloseCode::from(code), library);
        assert_eq!(code.range(), library.range());
        assert_eq!(code.is_sendable(), library.is_sendable());
        assert_eq!(code.is_reserved(), library.is_reserved());
        assert_eq!(code.to_string().parse(), Ok(code));
        assert_eq!(value.to_string().parse(), Ok(code));
    }
}

#[test]
fn parse_errors() {
    assert_eq!(TestCloseCode::parse(""), Err(ParseCloseCodeError::Empty));
    assert_eq!(
        TestCloseCode::parse("99999"),
        Err(ParseCloseCodeError::OutOfRange)
    );
    assert_eq!(
        TestCloseCode::parse("-1"),
        Err(ParseCloseCodeError::Unknown)
    );
    assert_eq!(
        TestCloseCode::parse("4400 bad request"),
        Ok(TestCloseCode::BadRequest)
    );
    assert_eq!(
        TestCloseCode::parse("4400 Going Away"),
        Err(ParseCloseCodeError::NameMismatch {
            value: 4400,
            name: Some("Bad Request")
        })
    );
    assert_eq!(
        TestCloseCode::parse("4400x").unwrap_err().to_string(),
        "not a close code: expected a number from 0 to 65535, a named code's name such as \"Normal Closure\", or its identifier such as \"NormalClosure\""
    );
    const PARSED: Result<TestCloseCode, ParseCloseCodeError> = TestCloseCode::parse("InitTimeout");
    assert_eq!(PARSED, Ok(TestCloseCode::InitTimeout));
}

#[test]
fn const_use_and_traits() {
    const CODE: TestCloseCode = TestCloseCode::from_u16(4400);
    const VALUE: u16 = CODE.as_u16();
    const LIBRARY: CloseCode = TestCloseCode::InitTimeout.to_close_code();
    const _: () = assert!(TestCloseCode::NormalClosure.is_sendable());
    const _: () = assert!(!TestCloseCode::from_u16(1006).is_sendable());
    assert_eq!(VALUE, 4400);
    assert_eq!(LIBRARY.as_u16(), 4408);
    assert_eq!(TestCloseCode::default(), TestCloseCode::NormalClosure);
    let other: TestCloseCodeOther = match TestCloseCode::from(4002) {
        TestCloseCode::Other(other) => other,
        code => panic!("{code:?}"),
    };
    assert_eq!(format!("{other:?} {other}"), "4002 4002");
    assert_eq!(format!("{:?}", TestCloseCode::from(4002)), "Other(4002)");
    let mut codes: Vec<TestCloseCode> = [4999, 3333, 1000, 4002].map(TestCloseCode::from).to_vec();
    codes.sort();
    assert_eq!(
        codes.iter().map(|c| c.as_u16()).collect::<Vec<_>>(),
        [1000, 3333, 4002, 4999]
    );
    let mut set = std::collections::HashSet::new();
    assert!(set.insert(TestCloseCode::BadRequest));
    assert!(!set.insert(TestCloseCode::from(4400)));
}
