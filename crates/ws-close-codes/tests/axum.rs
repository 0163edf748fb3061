//! axum 0.8's own WebSocket types over every `u16`: a frame converts to
//! axum's and back exactly when `CloseFrame::new` accepts it, keeping the
//! code and the reason, and axum's messages and what its `WebSocket`
//! yields become the event in one call.
#![cfg(feature = "axum-0_8")]

use axum::extract::ws::{self, Message};
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

#[test]
fn every_code_converts_both_ways_as_the_rules_say() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let theirs = ws::CloseFrame {
            code: v,
            reason: "why".into(),
        };
        match CloseFrame::try_from(&theirs) {
            Ok(frame) => {
                assert!(code.is_sendable(), "{v}");
                assert_eq!((frame.code(), frame.reason()), (code, "why"));
                assert_eq!(ws::CloseFrame::from(frame), theirs);
            }
            Err(error) => {
                assert!(!code.is_sendable(), "{v}");
                assert_eq!(error, CloseFrameError::InvalidCode { code });
            }
        }
        // The event reports what axum hands over, unchecked.
        let event = CloseEvent::from(&theirs);
        assert_eq!(
            (event.code(), event.reason(), event.was_clean()),
            (code, "why", true)
        );
    }
}

#[test]
fn a_reason_over_123_bytes_is_refused() {
    let reason = "a".repeat(124);
    let theirs = ws::CloseFrame {
        code: 1000,
        reason: reason.as_str().into(),
    };
    assert!(matches!(
        CloseFrame::try_from(&theirs),
        Err(CloseFrameError::ReasonTooLong { .. })
    ));
    let fits = ws::CloseFrame {
        code: 1000,
        reason: reason[..123].into(),
    };
    assert_eq!(
        CloseFrame::try_from(&fits).unwrap().reason(),
        &reason[..123]
    );
}

#[test]
fn what_the_socket_yields_is_one_call() {
    let frame = CloseFrame::new(CloseCode::TryAgainLater, "server busy").unwrap();
    let next: Option<Result<Message, axum::Error>> = Some(Ok(Message::Close(Some(frame.into()))));
    assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::from(frame)));
    assert_eq!(
        CloseEvent::from_next(next.as_ref()),
        Some(CloseEvent::from(frame))
    );
    for data in [
        Message::Text("hello".into()),
        Message::Binary(vec![1, 2].into()),
        Message::Ping(vec![].into()),
        Message::Pong(vec![].into()),
    ] {
        let next: Option<Result<Message, axum::Error>> = Some(Ok(data));
        assert_eq!(CloseEvent::from_next(&next), None);
    }
    let empty: Option<Result<Message, axum::Error>> = Some(Ok(Message::Close(None)));
    assert_eq!(CloseEvent::from_next(&empty), Some(CloseEvent::no_status()));
    let failed: Option<Result<Message, axum::Error>> = Some(Err(axum::Error::new("reset")));
    assert_eq!(CloseEvent::from_next(&failed), Some(CloseEvent::abnormal()));
    let end: Option<Result<Message, axum::Error>> = None;
    assert_eq!(CloseEvent::from_next(&end), Some(CloseEvent::abnormal()));
}
