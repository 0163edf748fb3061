//! Cross-check with tokio-websockets over every `u16`: where it disagrees
//! with the registry and RFC 6455, that the crate documentation lists
//! exactly those codes, that the conversion to its `CloseCode` succeeds
//! exactly for the codes it can hold and send, and that its messages and
//! what its stream yields become the event in one call.
#![cfg(feature = "tokio-websockets")]

mod common;

use std::panic;

use common::tables::{assert_documented_table, yes_no};
use tokio_websockets::{CloseCode as Theirs, Error, Message};
use ws_close_codes::{CloseCode, CloseEvent};

/// tokio-websockets' named constants, with their names (from its
/// `proto/types.rs`; the values are read from the constants).
const NAMED: [(Theirs, &str); 13] = [
    (Theirs::NORMAL_CLOSURE, "NORMAL_CLOSURE"),
    (Theirs::GOING_AWAY, "GOING_AWAY"),
    (Theirs::PROTOCOL_ERROR, "PROTOCOL_ERROR"),
    (Theirs::UNSUPPORTED_DATA, "UNSUPPORTED_DATA"),
    (Theirs::NO_STATUS_RECEIVED, "NO_STATUS_RECEIVED"),
    (
        Theirs::INVALID_FRAME_PAYLOAD_DATA,
        "INVALID_FRAME_PAYLOAD_DATA",
    ),
    (Theirs::POLICY_VIOLATION, "POLICY_VIOLATION"),
    (Theirs::MESSAGE_TOO_BIG, "MESSAGE_TOO_BIG"),
    (Theirs::MANDATORY_EXTENSION, "MANDATORY_EXTENSION"),
    (Theirs::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR"),
    (Theirs::SERVICE_RESTART, "SERVICE_RESTART"),
    (Theirs::SERVICE_OVERLOAD, "SERVICE_OVERLOAD"),
    (Theirs::BAD_GATEWAY, "BAD_GATEWAY"),
];

/// How tokio-websockets can represent a value: a named constant, a
/// `CloseCode(n)` without a name, or not at all.
fn their_name(v: u16) -> String {
    match Theirs::try_from(v) {
        Ok(code) => NAMED
            .iter()
            .find(|(named, _)| *named == code)
            .map_or_else(|| format!("{code:?}"), |(_, name)| (*name).to_string()),
        Err(_) => "cannot hold".to_string(),
    }
}

/// Whether tokio-websockets accepts a Close frame carrying the value, by
/// the checks its decoder makes (`proto/codec.rs`): `CloseCode::try_from`
/// must succeed and the code must not be `is_reserved()`.
fn valid_there(v: u16) -> bool {
    Theirs::try_from(v).is_ok_and(|code| !code.is_reserved())
}

/// Every value where the names or the validity differ, as the documented
/// table prints it: code, this crate's variant, valid here,
/// tokio-websockets' constant, valid there.
fn computed() -> Vec<Vec<String>> {
    (0..=u16::MAX)
        .filter_map(|v| {
            let ours = CloseCode::from(v);
            let name = their_name(v);
            let named_there = NAMED.iter().any(|(named, _)| u16::from(*named) == v);
            let names_differ = ours.is_named() != named_there;
            let validity_differs = ours.is_sendable() != valid_there(v);
            (names_differ || validity_differs).then(|| {
                vec![
                    v.to_string(),
                    ours.ident()
                        .map_or_else(|| format!("Other({v})"), str::to_string),
                    yes_no(ours.is_sendable()),
                    name,
                    yes_no(valid_there(v)),
                ]
            })
        })
        .collect()
}

#[test]
fn the_documented_disagreements_are_the_real_ones() {
    assert_documented_table("tokio-websockets-disagreements", 5, &computed());
}

#[test]
fn the_named_constants_are_distinct_and_sendable_or_1005() {
    for (i, (code, name)) in NAMED.iter().enumerate() {
        assert!(NAMED[..i].iter().all(|(other, _)| other != code), "{name}");
        assert_eq!(code.is_reserved(), u16::from(*code) == 1005, "{name}");
    }
}

#[test]
fn every_code_tokio_websockets_holds_converts_to_the_same_number() {
    let mut held = 0;
    for v in 0..=u16::MAX {
        if let Ok(theirs) = Theirs::try_from(v) {
            held += 1;
            let ours = CloseCode::from(theirs);
            assert_eq!(ours.as_u16(), v);
            assert_eq!(ours, CloseCode::from(v));
        }
    }
    // 1000-1015 and 3000-4999.
    assert_eq!(held, 16 + 2000);
}

/// For every value: the conversion succeeds exactly when tokio-websockets
/// can hold the code and `Message::close` sends it. The accepted codes go
/// through the real `Message::close`, outside any `catch_unwind`; for the
/// refused ones, tokio-websockets either cannot hold the code or panics in
/// `Message::close`.
#[test]
fn try_from_succeeds_exactly_for_the_codes_tokio_websockets_sends() {
    let mut accepted = 0;
    for v in 0..=u16::MAX {
        let ours = CloseCode::from(v);
        match Theirs::try_from(ours) {
            Ok(theirs) => {
                accepted += 1;
                assert_eq!(u16::from(theirs), v);
                let message = Message::close(Some(theirs), "reason é");
                assert_eq!(message.as_close(), Some((theirs, "reason é")));
                assert!(ours.is_sendable(), "{v}");
            }
            Err(error) => {
                assert_eq!(error.code(), ours);
                // Either tokio-websockets cannot hold the code, or it holds
                // it, refuses to send it, and this crate agrees.
                if let Ok(theirs) = Theirs::try_from(v) {
                    let sent = panic::catch_unwind(|| Message::close(Some(theirs), ""));
                    assert!(sent.is_err(), "Message::close sent {v}");
                    assert!(!ours.is_sendable(), "{v}");
                }
            }
        }
    }
    // 1000-1003, 1007-1014 and 3000-4999.
    assert_eq!(accepted, 4 + 8 + 2000);
}

#[test]
fn converted_close_messages_carry_this_crates_encoding() {
    for v in 0..=u16::MAX {
        let Ok(theirs) = Theirs::try_from(CloseCode::from(v)) else {
            continue;
        };
        let frame = ws_close_codes::CloseFrame::new(CloseCode::from(v), "bye").unwrap();
        let mut body = [0u8; 125];
        let len = frame.encode_into(&mut body).unwrap();
        let message = Message::close(Some(theirs), frame.reason());
        assert_eq!(&message.as_payload()[..], &body[..len], "{v}");
    }
}

/// The code, reason and cleanness of an event.
fn fields(event: CloseEvent<'_>) -> (u16, &str, bool) {
    (event.code().as_u16(), event.reason(), event.was_clean())
}

/// The event of a message, which a read of it gives too, by reference, as
/// tokio-websockets' stream yields it.
fn event_of_every_shape(message: Message) -> Option<String> {
    let event = CloseEvent::from_message(&message).map(|event| event.to_string());
    let next: Option<Result<Message, Error>> = Some(Ok(message));
    let read = CloseEvent::from_next(&next).map(|event| event.to_string());
    assert_eq!(read, event);
    assert_eq!(
        CloseEvent::from_next(next.as_ref()).map(|event| event.to_string()),
        event
    );
    event
}

/// A close message with every code tokio-websockets sends: its code and
/// reason, clean, as `as_close()` reads them.
#[test]
fn a_close_message_is_its_event() {
    for v in 0..=u16::MAX {
        let Ok(theirs) = Theirs::try_from(v) else {
            continue;
        };
        if theirs.is_reserved() {
            continue; // `Message::close` panics on these.
        }
        let message = Message::close(Some(theirs), "server busy");
        let event = CloseEvent::from_message(&message).unwrap();
        assert_eq!(fields(event), (v, "server busy", true));
        assert_eq!(message.as_close(), Some((theirs, "server busy")));
        let line = event.to_string();
        assert_eq!(event_of_every_shape(message), Some(line));
    }
}

#[test]
fn an_empty_close_message_is_1005_clean() {
    let message = Message::close(None, "");
    assert_eq!(message.as_close(), Some((Theirs::NO_STATUS_RECEIVED, "")));
    let event = CloseEvent::from_message(&message).unwrap();
    assert_eq!(fields(event), (1005, "", true));
    assert_eq!(event, CloseEvent::no_status());
    assert_eq!(
        event_of_every_shape(message).as_deref(),
        Some("1005 No Status Rcvd")
    );
}

#[test]
fn a_reason_reaches_the_log_line() {
    for (code, reason, line) in [
        (
            Theirs::SERVICE_OVERLOAD,
            "server busy",
            "1013 Try Again Later: server busy",
        ),
        (Theirs::try_from(4001).unwrap(), "kicked", "4001: kicked"),
        (Theirs::NORMAL_CLOSURE, "", "1000 Normal Closure"),
    ] {
        assert_eq!(
            event_of_every_shape(Message::close(Some(code), reason)).as_deref(),
            Some(line)
        );
    }
}

/// The end of the stream and its errors are 1006, not clean.
#[test]
fn the_end_and_errors_are_1006_not_clean() {
    let end: Option<Result<Message, Error>> = None;
    let event = CloseEvent::from_next(&end).unwrap();
    assert_eq!(fields(event), (1006, "", false));
    assert_eq!(event.to_string(), "1006 Abnormal Closure (not clean)");
    assert_eq!(CloseEvent::from_next(end.as_ref()), Some(event));
    for error in [
        Error::AlreadyClosed,
        Error::Io(std::io::ErrorKind::UnexpectedEof.into()),
        Error::PayloadTooLong { len: 2, max_len: 1 },
    ] {
        let next: Option<Result<Message, Error>> = Some(Err(error));
        assert_eq!(CloseEvent::from_next(&next), Some(event));
    }
}

#[test]
fn other_messages_are_no_event() {
    for message in [
        Message::text("a"),
        Message::binary(&b"b"[..]),
        Message::ping(&b"p"[..]),
        Message::pong(&b"q"[..]),
    ] {
        assert_eq!(event_of_every_shape(message), None);
    }
}
