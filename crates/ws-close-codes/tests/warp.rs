//! warp 0.4's own WebSocket message over every `u16`: a frame becomes
//! warp's Close message keeping its code and reason, and warp's messages
//! and what its `WebSocket` yields become the event in one call. warp has
//! no Close frame type, so the way back is `close_frame()`'s `u16` and
//! reason, checked by `CloseFrame::new`.
#![cfg(feature = "warp-0_4")]

use warp::ws::Message;
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

#[test]
fn every_code_converts_both_ways_as_the_rules_say() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let theirs = Message::close_with(v, "why");
        let (their_code, their_reason) = theirs.close_frame().unwrap();
        match CloseFrame::new(CloseCode::from(their_code), their_reason) {
            Ok(frame) => {
                assert!(code.is_sendable(), "{v}");
                assert_eq!((frame.code(), frame.reason()), (code, "why"));
                assert_eq!(Message::from(frame), theirs);
            }
            Err(error) => {
                assert!(!code.is_sendable(), "{v}");
                assert_eq!(error, CloseFrameError::InvalidCode { code });
            }
        }
        // The event reports what warp hands over, unchecked.
        let event = CloseEvent::from_message(&theirs).unwrap();
        assert_eq!(
            (event.code(), event.reason(), event.was_clean()),
            (code, "why", true)
        );
    }
}

#[test]
fn a_reason_over_123_bytes_is_refused() {
    let reason = "a".repeat(124);
    // warp builds and hands over a message with any reason; the event
    // reports it, the frame refuses it.
    let theirs = Message::close_with(1000u16, reason.clone());
    let event = CloseEvent::from_message(&theirs).unwrap();
    assert_eq!(event.reason(), reason);
    let (code, long) = theirs.close_frame().unwrap();
    assert!(matches!(
        CloseFrame::new(CloseCode::from(code), long),
        Err(CloseFrameError::ReasonTooLong { .. })
    ));
    let fits = CloseFrame::new(CloseCode::NormalClosure, &reason[..123]).unwrap();
    let message = Message::from(fits);
    assert_eq!(message.close_frame(), Some((1000, &reason[..123])));
}

#[test]
fn what_the_socket_yields_is_one_call() {
    let frame = CloseFrame::new(CloseCode::TryAgainLater, "server busy").unwrap();
    let next: Option<Result<Message, warp::Error>> = Some(Ok(frame.into()));
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
        let next: Option<Result<Message, warp::Error>> = Some(Ok(data));
        assert_eq!(CloseEvent::from_next(&next), None);
    }
    let empty: Option<Result<Message, warp::Error>> = Some(Ok(Message::close()));
    assert_eq!(CloseEvent::from_next(&empty), Some(CloseEvent::no_status()));
    // warp gives no way to build a `warp::Error`; `from_next` takes any
    // error type, and every error is the same event.
    let failed: Option<Result<Message, std::io::Error>> =
        Some(Err(std::io::ErrorKind::ConnectionReset.into()));
    assert_eq!(CloseEvent::from_next(&failed), Some(CloseEvent::abnormal()));
    let end: Option<Result<Message, warp::Error>> = None;
    assert_eq!(CloseEvent::from_next(&end), Some(CloseEvent::abnormal()));
}
