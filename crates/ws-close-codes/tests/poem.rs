//! poem 3's own WebSocket types over every `u16`: codes convert both ways
//! keeping their number, a frame converts to poem's pair and back exactly
//! when `CloseFrame::new` accepts it, keeping the code and the reason, and
//! poem's messages and what its stream yields become the event in one call.
#![cfg(feature = "poem-3")]

use poem::web::websocket::{CloseCode as PoemCode, Message};
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

#[test]
fn every_code_keeps_its_number_both_ways() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let theirs = PoemCode::from(v);
        assert_eq!(PoemCode::from(code), theirs, "{v}");
        assert_eq!(CloseCode::from(theirs), code, "{v}");
        assert_eq!(u16::from(PoemCode::from(code)), v);
    }
    // poem's `Reserved` holds any number, its own variants' too.
    assert_eq!(
        CloseCode::from(PoemCode::Reserved(1000)),
        CloseCode::NormalClosure
    );
}

#[test]
fn every_code_converts_both_ways_as_the_rules_say() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let theirs = (PoemCode::from(v), String::from("why"));
        match CloseFrame::try_from(&theirs) {
            Ok(frame) => {
                assert!(code.is_sendable(), "{v}");
                assert_eq!((frame.code(), frame.reason()), (code, "why"));
                assert_eq!(<(PoemCode, String)>::from(frame), theirs);
            }
            Err(error) => {
                assert!(!code.is_sendable(), "{v}");
                assert_eq!(error, CloseFrameError::InvalidCode { code });
            }
        }
        // The event reports what poem hands over, unchecked.
        let event = CloseEvent::from(&theirs);
        assert_eq!(
            (event.code(), event.reason(), event.was_clean()),
            (code, "why", true)
        );
        let message = Message::Close(Some(theirs.clone()));
        assert_eq!(CloseEvent::from_message(&message), Some(event));
    }
}

#[test]
fn a_reason_over_123_bytes_is_refused() {
    let reason = "a".repeat(124);
    let theirs = (PoemCode::Normal, reason.clone());
    assert!(matches!(
        CloseFrame::try_from(&theirs),
        Err(CloseFrameError::ReasonTooLong { .. })
    ));
    let fits = (PoemCode::Normal, reason[..123].to_owned());
    assert_eq!(
        CloseFrame::try_from(&fits).unwrap().reason(),
        &reason[..123]
    );
}

#[test]
fn what_the_socket_yields_is_one_call() {
    let frame = CloseFrame::new(CloseCode::TryAgainLater, "server busy").unwrap();
    let next: Option<std::io::Result<Message>> = Some(Ok(Message::Close(Some(frame.into()))));
    assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::from(frame)));
    assert_eq!(
        CloseEvent::from_next(next.as_ref()),
        Some(CloseEvent::from(frame))
    );
    for data in [
        Message::text("hello"),
        Message::binary(vec![1, 2]),
        Message::ping(vec![]),
        Message::pong(vec![]),
    ] {
        let next: Option<std::io::Result<Message>> = Some(Ok(data));
        assert_eq!(CloseEvent::from_next(&next), None);
    }
    let empty: Option<std::io::Result<Message>> = Some(Ok(Message::Close(None)));
    assert_eq!(CloseEvent::from_next(&empty), Some(CloseEvent::no_status()));
    let failed: Option<std::io::Result<Message>> =
        Some(Err(std::io::ErrorKind::ConnectionReset.into()));
    assert_eq!(CloseEvent::from_next(&failed), Some(CloseEvent::abnormal()));
    let end: Option<std::io::Result<Message>> = None;
    assert_eq!(CloseEvent::from_next(&end), Some(CloseEvent::abnormal()));
}
