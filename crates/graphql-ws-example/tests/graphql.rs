//! `GraphqlCloseCode`, made with `close_codes!`, in use: conversions, names, the rules
//! of `ws_close_codes`, text, and Close frames.

use std::collections::BTreeSet;

use graphql_ws_example::GraphqlCloseCode;
use ws_close_codes::{CloseCode, CloseFrame, CodeRange};
use ws_close_codes::{ParseCloseCodeError, UnnamedCode};

/// The eight codes of `src/lib.rs`.
const GRAPHQL: [(u16, GraphqlCloseCode, &str, &str); 8] = [
    (
        4400,
        GraphqlCloseCode::BadRequest,
        "BadRequest",
        "Bad Request",
    ),
    (
        4401,
        GraphqlCloseCode::GraphqlUnauthorized,
        "GraphqlUnauthorized",
        "GraphQL Unauthorized",
    ),
    (
        4403,
        GraphqlCloseCode::GraphqlForbidden,
        "GraphqlForbidden",
        "GraphQL Forbidden",
    ),
    (
        4406,
        GraphqlCloseCode::SubprotocolNotAcceptable,
        "SubprotocolNotAcceptable",
        "Subprotocol not acceptable",
    ),
    (
        4408,
        GraphqlCloseCode::ConnectionInitialisationTimeout,
        "ConnectionInitialisationTimeout",
        "Connection initialisation timeout",
    ),
    (
        4409,
        GraphqlCloseCode::SubscriberAlreadyExists,
        "SubscriberAlreadyExists",
        "Subscriber already exists",
    ),
    (
        4429,
        GraphqlCloseCode::TooManyInitialisationRequests,
        "TooManyInitialisationRequests",
        "Too many initialisation requests",
    ),
    (
        4500,
        GraphqlCloseCode::InternalServerError,
        "InternalServerError",
        "Internal server error",
    ),
];

#[test]
fn the_spec_codes_convert_and_have_their_names() {
    for (value, code, ident, name) in GRAPHQL {
        assert_eq!(GraphqlCloseCode::from_u16(value), code);
        assert_eq!(GraphqlCloseCode::from(value), code);
        assert_eq!(code.as_u16(), value);
        assert_eq!(u16::from(code), value);
        assert_eq!(code.ident(), Some(ident));
        assert_eq!(code.name(), Some(name));
        assert!(code.description().is_some_and(|d| d.len() > name.len()));
        assert!(code.is_named());
        assert_eq!(code.range(), CodeRange::PrivateUse);
        assert!(code.is_private_use() && !code.to_close_code().is_named());
        assert!(code.is_sendable());
        assert!(code.is_accepted_by_websocket_close() && !code.is_normal());
        assert_eq!(code.to_string(), format!("{value} {name}"));
        // The library sees a private-use code without a name.
        let library = CloseCode::from(code);
        assert!(matches!(library, CloseCode::Other(_)));
        assert_eq!(library.as_u16(), value);
        assert_eq!(GraphqlCloseCode::from(library), code);
    }
    assert_eq!(
        GraphqlCloseCode::GraphqlUnauthorized.description(),
        Some("The client sent Subscribe before the server acknowledged the connection.")
    );
}

#[test]
fn the_iana_codes_are_merged() {
    let normal = GraphqlCloseCode::from(1000);
    assert_eq!(normal, GraphqlCloseCode::NormalClosure);
    assert_eq!(normal.name(), Some("Normal Closure"));
    assert_eq!(normal.to_close_code(), CloseCode::NormalClosure);
    assert_eq!(CloseCode::from(normal), CloseCode::NormalClosure);
    assert_eq!(
        GraphqlCloseCode::from(CloseCode::NormalClosure),
        GraphqlCloseCode::NormalClosure
    );
    assert!(normal.is_normal() && normal.is_sendable());
    assert_eq!(normal.to_string(), "1000 Normal Closure");
    assert_eq!(GraphqlCloseCode::default(), GraphqlCloseCode::NormalClosure);
    assert_eq!(
        GraphqlCloseCode::from(CloseCode::Unauthorized),
        GraphqlCloseCode::Unauthorized
    );
    assert_eq!(GraphqlCloseCode::Unauthorized.as_u16(), 3000);
    // Every IANA code has its variant, with the library's name and ident.
    for &library in CloseCode::NAMED {
        let code = GraphqlCloseCode::from(library);
        assert!(code.is_named(), "{library:?}");
        assert_eq!(code.name(), library.name());
        assert_eq!(code.ident(), library.ident());
        assert_eq!(code.description(), library.description());
    }
    assert_eq!(
        GraphqlCloseCode::NAMED.len(),
        CloseCode::NAMED.len() + GRAPHQL.len()
    );
}

#[test]
fn every_value_has_one_representation_and_the_library_rules() {
    let named: BTreeSet<u16> = GraphqlCloseCode::NAMED
        .iter()
        .map(|code| code.as_u16())
        .collect();
    assert_eq!(named.len(), GraphqlCloseCode::NAMED.len());
    assert!(GraphqlCloseCode::NAMED
        .windows(2)
        .all(|pair| pair[0].as_u16() < pair[1].as_u16()));
    for value in 0..=u16::MAX {
        let code = GraphqlCloseCode::from_u16(value);
        assert_eq!(code.as_u16(), value);
        let library = CloseCode::from_u16(value);
        assert_eq!(CloseCode::from(code), library);
        assert_eq!(GraphqlCloseCode::from(library), code);
        match code {
            GraphqlCloseCode::Other(other) => {
                assert!(!named.contains(&value), "{value} is named but Other");
                assert_eq!(other.as_u16(), value);
                assert_eq!(u16::from(other), value);
                assert_eq!(code.name(), None);
                assert_eq!(code.description(), None);
                assert_eq!(code.ident(), None);
                assert!(!code.is_named());
            }
            _ => {
                assert!(named.contains(&value));
                assert!(code.name().is_some() && code.ident().is_some());
                assert!(code.description().is_some());
            }
        }
        assert_eq!(code.range(), library.range());
        // Named here whenever the library names it; the spec's codes too.
        assert!(code.is_named() || !library.is_named());
        assert_eq!(code.is_unassigned(), library.is_unassigned());
        assert_eq!(code.is_private_use(), library.is_private_use());
        assert_eq!(code.is_reserved(), library.is_reserved());
        assert_eq!(code.is_sendable(), library.is_sendable());

        assert_eq!(
            code.is_reported_by_every_browser(),
            library.is_reported_by_every_browser()
        );
        assert_eq!(
            code.is_accepted_by_websocket_close(),
            library.is_accepted_by_websocket_close()
        );
        assert_eq!(code.is_normal(), library.is_normal());
    }
}

#[test]
fn display_and_from_str_round_trip_for_every_value() {
    for value in 0..=u16::MAX {
        let code = GraphqlCloseCode::from(value);
        let text = code.to_string();
        assert_eq!(text.parse::<GraphqlCloseCode>(), Ok(code), "{text:?}");
        assert_eq!(value.to_string().parse::<GraphqlCloseCode>(), Ok(code));
        if let (Some(name), Some(ident)) = (code.name(), code.ident()) {
            assert_eq!(text, format!("{value} {name}"));
            assert_eq!(name.parse(), Ok(code));
            assert_eq!(name.to_ascii_uppercase().parse(), Ok(code));
            assert_eq!(ident.parse(), Ok(code));
            assert_eq!(ident.to_ascii_lowercase().parse(), Ok(code));
        } else {
            assert_eq!(text, value.to_string());
        }
    }
}

#[test]
fn parsing_explains_what_is_wrong() {
    assert_eq!(
        "connection INITIALISATION timeout".parse(),
        Ok(GraphqlCloseCode::ConnectionInitialisationTimeout)
    );
    assert_eq!(
        "4401 graphql unauthorized".parse(),
        Ok(GraphqlCloseCode::GraphqlUnauthorized)
    );
    assert_eq!(
        "".parse::<GraphqlCloseCode>(),
        Err(ParseCloseCodeError::Empty)
    );
    assert_eq!(
        "65536".parse::<GraphqlCloseCode>(),
        Err(ParseCloseCodeError::OutOfRange)
    );
    assert_eq!(
        " 4400".parse::<GraphqlCloseCode>(),
        Err(ParseCloseCodeError::Unknown)
    );
    let mismatch = "4400 Internal server error"
        .parse::<GraphqlCloseCode>()
        .unwrap_err();
    assert_eq!(
        mismatch,
        ParseCloseCodeError::NameMismatch {
            value: 4400,
            name: Some("Bad Request")
        }
    );
    assert_eq!(
        mismatch.to_string(),
        "the name after 4400 is not its name, \"Bad Request\""
    );
    assert_eq!(
        "4404 Not Found"
            .parse::<GraphqlCloseCode>()
            .unwrap_err()
            .to_string(),
        "close code 4404 has no name"
    );
    let error: &dyn std::error::Error = &ParseCloseCodeError::Unknown;
    assert!(error.to_string().starts_with("not a close code"));
}

#[test]
fn formatting_ordering_and_the_catch_all() {
    let other = GraphqlCloseCode::from(4404);
    assert_eq!(format!("{other:?}"), "Other(4404)");
    assert_eq!(other.to_string(), "4404");
    if let GraphqlCloseCode::Other(payload) = other {
        let payload: UnnamedCode<GraphqlCloseCode> = payload;
        assert_eq!(payload.to_string(), "4404");
        assert_eq!(format!("{payload:?}"), "4404");
    }
    assert_eq!(format!("{:?}", GraphqlCloseCode::BadRequest), "BadRequest");
    assert!(GraphqlCloseCode::NormalClosure < GraphqlCloseCode::BadRequest);
    assert!(GraphqlCloseCode::BadRequest < other);
    assert!(other < GraphqlCloseCode::InternalServerError);
    let mut sorted = vec![
        GraphqlCloseCode::InternalServerError,
        other,
        GraphqlCloseCode::GoingAway,
    ];
    sorted.sort();
    assert_eq!(
        sorted,
        [
            GraphqlCloseCode::GoingAway,
            other,
            GraphqlCloseCode::InternalServerError
        ]
    );
}

#[test]
fn close_frames_carry_the_codes() {
    let sent = GraphqlCloseCode::ConnectionInitialisationTimeout;
    let frame = CloseFrame::new(sent.into(), "Connection initialisation timeout")
        .expect("a private-use code may be sent");
    let mut body = [0u8; 125];
    let len = frame
        .encode_into(&mut body)
        .expect("the buffer is large enough");
    assert_eq!(&body[..2], &4408u16.to_be_bytes());
    let received = CloseFrame::decode(&body[..len])
        .expect("a valid body")
        .expect("a body with a code");
    assert_eq!(GraphqlCloseCode::from(received.code()), sent);
    assert_eq!(received.reason(), "Connection initialisation timeout");
    // The codes a Close frame must not carry are refused through the app enum too.
    assert!(CloseFrame::new(GraphqlCloseCode::AbnormalClosure.into(), "").is_err());
}

#[test]
fn the_readme_shows_this_crate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(dir.join("../../README.md")).unwrap();
    let source = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    // The invocation of `close_codes!` in src/lib.rs, to its closing brace.
    let start = source
        .find("ws_close_codes::close_codes! {")
        .expect("src/lib.rs invokes the macro");
    let end = source[start..].find("\n}\n").expect("the invocation ends") + start + 3;
    let invocation = &source[start..end];
    let section = readme
        .split("## Your own codes")
        .nth(1)
        .expect("README has the section")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        section.contains(invocation),
        "README.md's section \"Your own codes\" must show the invocation of src/lib.rs as it is:\n{invocation}"
    );
}
