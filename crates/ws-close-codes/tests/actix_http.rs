//! Cross-check with actix-http over every `u16`: where actix-http disagrees
//! with the registry and RFC 6455, that the crate documentation lists
//! exactly those codes, that codes, close reasons and Close frames
//! convert both ways and mean the same bytes on the wire, and that what
//! actix-http hands over for a received Close frame becomes the event in
//! one call.
#![cfg(feature = "actix-http")]

mod common;

use actix_http::ws::{
    CloseCode as Theirs, CloseReason, Frame, Item, Message, Parser, ProtocolError,
};
use bytes::BytesMut;
use common::tables::{assert_documented_table, yes_no};
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

/// Whether actix-http has a named variant for the code (its catch-all is
/// `Other`).
fn named_by_actix(code: Theirs) -> bool {
    !matches!(code, Theirs::Other(_))
}

/// Whether actix-http accepts a Close frame carrying the code: its codec
/// decodes a Close frame's body with `Parser::try_parse_close_payload`.
fn accepted_by_actix(code: u16) -> bool {
    match Parser::try_parse_close_payload(&code.to_be_bytes()) {
        Ok(Some(reason)) => {
            assert_eq!(u16::from(reason.code), code);
            assert_eq!(reason.description, None);
            true
        }
        Ok(None) => panic!("a 2-byte body decoded as no code"),
        Err(_) => false,
    }
}

/// Every value where the variants or the validity differ, as the
/// documented table prints it: code, this crate's variant, valid here,
/// actix-http's variant, accepted by actix-http.
fn computed() -> Vec<Vec<String>> {
    (0..=u16::MAX)
        .filter_map(|v| {
            let ours = CloseCode::from(v);
            let theirs = Theirs::from(v);
            let accepted = accepted_by_actix(v);
            let variants_differ = ours.is_named() != named_by_actix(theirs);
            let validity_differs = ours.is_sendable() != accepted;
            (variants_differ || validity_differs).then(|| {
                vec![
                    v.to_string(),
                    ours.ident()
                        .map_or_else(|| format!("Other({v})"), str::to_string),
                    yes_no(ours.is_sendable()),
                    format!("{theirs:?}"),
                    yes_no(accepted),
                ]
            })
        })
        .collect()
}

#[test]
fn the_documented_disagreements_are_the_real_ones() {
    assert_documented_table("actix-http-disagreements", 5, &computed());
}

/// actix-http's decoder accepts a fixed set of codes; this crate's grows
/// with the registry. Where they differ, the table says so.
#[test]
fn actix_accepts_only_codes_valid_here() {
    for v in (0..=u16::MAX).filter(|&v| accepted_by_actix(v)) {
        assert!(CloseCode::from(v).is_sendable(), "{v}");
    }
}

#[test]
fn numbers_survive_both_ways_for_every_u16() {
    for v in 0..=u16::MAX {
        let theirs = Theirs::from(v);
        assert_eq!(u16::from(theirs), v, "actix-http alone");
        let ours = CloseCode::from(theirs);
        assert_eq!(ours.as_u16(), v);
        assert_eq!(Theirs::from(ours), theirs);
        assert_eq!(Theirs::from(CloseCode::from(v)), theirs);
        // `Other(n)` written by hand for a number actix-http names.
        assert_eq!(CloseCode::from(Theirs::Other(v)), ours);
    }
}

/// The bytes actix-http writes for a close reason: the payload of the
/// unmasked Close frame `Parser::write_close` produces.
fn written_by_actix(reason: CloseReason) -> Vec<u8> {
    let mut frame = BytesMut::new();
    Parser::write_close(&mut frame, Some(reason), false);
    assert_eq!(frame[0], 0x88, "FIN and the Close opcode");
    let len = usize::from(frame[1]);
    assert!(len <= 125, "a control frame's payload length");
    assert_eq!(frame.len(), 2 + len);
    frame[2..].to_vec()
}

#[test]
fn frames_convert_both_ways() {
    for v in (0..=u16::MAX).filter(|&v| CloseCode::from(v).is_sendable()) {
        for text in ["", "reason é"] {
            let ours = CloseFrame::new(CloseCode::from(v), text).unwrap();
            let theirs = CloseReason::from(ours);
            assert_eq!(u16::from(theirs.code), v);
            assert_eq!(theirs.description.as_deref().unwrap_or(""), text);
            assert_eq!(theirs.description.is_none(), text.is_empty());
            assert_eq!(CloseFrame::try_from(&theirs), Ok(ours));
            assert_eq!(CloseEvent::from(&theirs), CloseEvent::from(ours));

            // On the wire: actix-http writes what this crate encodes, and
            // decodes this crate's encoding into the converted reason (for
            // the codes its decoder accepts, see the documented table).
            let mut body = [0u8; 125];
            let len = ours.encode_into(&mut body).unwrap();
            assert_eq!(written_by_actix(theirs.clone()), &body[..len]);
            if accepted_by_actix(v) {
                assert_eq!(
                    Parser::try_parse_close_payload(&body[..len]).unwrap(),
                    Some(theirs)
                );
            }
        }
    }
}

#[test]
fn reasons_that_cannot_be_sent_are_refused() {
    for v in (0..=u16::MAX).filter(|&v| !CloseCode::from(v).is_sendable()) {
        let theirs = CloseReason::from(Theirs::from(v));
        assert_eq!(
            CloseFrame::try_from(&theirs),
            Err(CloseFrameError::InvalidCode {
                code: CloseCode::from(v)
            })
        );
        // A lenient report of what actix-http hands over, checked or not.
        let event = CloseEvent::from(&theirs);
        assert_eq!((event.code().as_u16(), event.reason()), (v, ""));
        assert!(event.was_clean());
    }
    let longest = CloseReason::from((Theirs::Normal, "x".repeat(123)));
    assert_eq!(
        CloseFrame::try_from(&longest).map(|frame| frame.reason().len()),
        Ok(123)
    );
    let long = CloseReason::from((Theirs::Normal, "x".repeat(124)));
    assert_eq!(
        CloseFrame::try_from(&long),
        Err(CloseFrameError::ReasonTooLong { len: 124 })
    );
}

/// The code, reason and cleanness of an event.
fn fields(event: CloseEvent<'_>) -> (u16, &str, bool) {
    (event.code().as_u16(), event.reason(), event.was_clean())
}

/// What actix-http's codec hands over for a received Close frame's body:
/// `Frame::Close` of what `Parser::try_parse_close_payload` decoded, and
/// the `Message::Close` that actix-ws and actix-web-actors pass on.
fn received(body: &[u8]) -> Option<(Frame, Message)> {
    let reason = Parser::try_parse_close_payload(body).ok()?;
    Some((Frame::Close(reason.clone()), Message::Close(reason)))
}

/// Every shape of receiving gives the same event: the frame, the message,
/// what `Close` carries (`Option<&CloseReason>`, `&Option<CloseReason>`,
/// and `&CloseReason` when there is one), and a read of the message, by
/// reference, as actix-ws's stream yields it.
fn event_of_every_shape(frame: &Frame, message: &Message) -> Option<String> {
    let event = CloseEvent::from_message(message);
    assert_eq!(CloseEvent::from_message(frame), event);
    match (frame, message) {
        (Frame::Close(from_frame), Message::Close(reason)) => {
            assert_eq!(Some(CloseEvent::from(from_frame)), event);
            assert_eq!(Some(CloseEvent::from(reason)), event);
            assert_eq!(Some(CloseEvent::from(reason.as_ref())), event);
            if let Some(reason) = reason {
                assert_eq!(Some(CloseEvent::from(reason)), event);
            }
        }
        _ => assert_eq!(event, None),
    }
    event.map(|event| event.to_string())
}

#[test]
fn a_close_frame_from_the_peer_is_its_event() {
    let mut accepted = 0;
    for v in 0..=u16::MAX {
        let mut body = v.to_be_bytes().to_vec();
        body.extend_from_slice("server busy".as_bytes());
        // actix-http refuses the frames whose code its decoder does not
        // accept (see the documented table): they never reach the
        // application.
        let Some((frame, message)) = received(&body) else {
            assert!(!accepted_by_actix(v), "{v}");
            continue;
        };
        accepted += 1;
        let event = CloseEvent::from_message(&message).unwrap();
        assert_eq!(fields(event), (v, "server busy", true));
        assert_eq!(
            event_of_every_shape(&frame, &message),
            Some(event.to_string())
        );
        let line = event.to_string();
        let next: Option<Result<Message, ProtocolError>> = Some(Ok(message));
        let read = CloseEvent::from_next(&next).unwrap();
        assert_eq!(
            (fields(read), read.to_string()),
            ((v, "server busy", true), line)
        );
        assert_eq!(CloseEvent::from_next(next.as_ref()), Some(read));
    }
    assert!(accepted > 0);
}

#[test]
fn an_empty_close_frame_is_1005_clean() {
    let (frame, message) = received(b"").unwrap();
    assert!(matches!(message, Message::Close(None)));
    let event = CloseEvent::from_message(&message).unwrap();
    assert_eq!(fields(event), (1005, "", true));
    assert_eq!(
        event_of_every_shape(&frame, &message).as_deref(),
        Some("1005 No Status Rcvd")
    );
}

#[test]
fn a_reason_reaches_the_log_line() {
    for (body, line) in [
        (
            &b"\x03\xf5server busy"[..],
            "1013 Try Again Later: server busy",
        ),
        (b"\x0f\xa1kicked", "4001: kicked"),
        (b"\x03\xe8", "1000 Normal Closure"),
    ] {
        let (frame, message) = received(body).unwrap();
        assert_eq!(
            event_of_every_shape(&frame, &message).as_deref(),
            Some(line)
        );
    }
}

/// The end of actix-ws's stream and its errors are 1006, not clean.
#[test]
fn the_end_and_errors_are_1006_not_clean() {
    let end: Option<Result<Message, ProtocolError>> = None;
    let event = CloseEvent::from_next(&end).unwrap();
    assert_eq!(fields(event), (1006, "", false));
    assert_eq!(event.to_string(), "1006 Abnormal Closure (not clean)");
    assert_eq!(CloseEvent::from_next(end.as_ref()), Some(event));
    // What the decoder gives for a 1-byte body.
    let error = Parser::try_parse_close_payload(b"\x03").unwrap_err();
    let next: Option<Result<Message, ProtocolError>> = Some(Err(error));
    assert_eq!(CloseEvent::from_next(&next), Some(event));
    let decoded: Result<Frame, ProtocolError> = Err(ProtocolError::UnmaskedFrame);
    assert_eq!(CloseEvent::from_next(&decoded), Some(event));
}

#[test]
fn other_messages_are_no_event() {
    let pairs = [
        (Frame::Text("a".into()), Message::Text("a".into())),
        (Frame::Binary("b".into()), Message::Binary("b".into())),
        (Frame::Ping("p".into()), Message::Ping("p".into())),
        (Frame::Pong("q".into()), Message::Pong("q".into())),
        (
            Frame::Continuation(Item::Continue("c".into())),
            Message::Continuation(Item::Continue("c".into())),
        ),
    ];
    for (frame, message) in pairs {
        assert_eq!(event_of_every_shape(&frame, &message), None);
        let next: Option<Result<Message, ProtocolError>> = Some(Ok(message));
        assert_eq!(CloseEvent::from_next(&next), None);
        let decoded: Result<Frame, ProtocolError> = Ok(frame);
        assert_eq!(CloseEvent::from_next(&decoded), None);
    }
    assert_eq!(CloseEvent::from_message(&Message::Nop), None);
}

/// A reason actix-http holds but this crate's rules refuse, built by hand,
/// is reported as it is by every shape.
#[test]
fn refused_codes_are_reported_as_they_are() {
    for v in (0..=u16::MAX).filter(|&v| !CloseCode::from(v).is_sendable()) {
        let reason = CloseReason::from((Theirs::from(v), "odd"));
        let frame = Frame::Close(Some(reason.clone()));
        let message = Message::Close(Some(reason));
        let event = CloseEvent::from_message(&message).unwrap();
        assert_eq!(fields(event), (v, "odd", true));
        assert_eq!(
            event_of_every_shape(&frame, &message),
            Some(event.to_string())
        );
    }
}
