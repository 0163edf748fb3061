//! The tests of a stack whose own WebSocket message takes a close code as
//! a bare `u16` and has no Close frame type (warp 0.4, salvo 1):
//! `close_message_tests!(Message, Error, failed)` writes them for its
//! `Message`, the error type its `WebSocket` yields, and a failed read
//! (`Option<Result<_, E>>` for an error `E` the test can build).
//!
//! A frame becomes the stack's Close message keeping its code and reason,
//! and its messages and what its `WebSocket` yields become the event in one
//! call. The way back is `close_frame()`'s `u16` and reason, checked by
//! `CloseFrame::new`.

// Only the warp and salvo tests use it (as `dead_code` in `common`).
#![allow(unused_macros)]

macro_rules! close_message_tests {
    ($message:ty, $error:ty, $failed:expr) => {
        use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

        #[test]
        fn every_code_converts_both_ways_as_the_rules_say() {
            for v in 0..=u16::MAX {
                let code = CloseCode::from(v);
                let theirs = <$message>::close_with(v, "why");
                let (their_code, their_reason) = theirs.close_frame().unwrap();
                match CloseFrame::new(CloseCode::from(their_code), their_reason) {
                    Ok(frame) => {
                        assert!(code.is_sendable(), "{v}");
                        assert_eq!((frame.code(), frame.reason()), (code, "why"));
                        assert_eq!(<$message>::from(frame), theirs);
                    }
                    Err(error) => {
                        assert!(!code.is_sendable(), "{v}");
                        assert_eq!(error, CloseFrameError::InvalidCode { code });
                    }
                }
                // The event reports what the stack hands over, unchecked.
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
            // The stack builds and hands over a message with any reason;
            // the event reports it, the frame refuses it.
            let theirs = <$message>::close_with(1000u16, reason.clone());
            let event = CloseEvent::from_message(&theirs).unwrap();
            assert_eq!(event.reason(), reason);
            let (code, long) = theirs.close_frame().unwrap();
            assert!(matches!(
                CloseFrame::new(CloseCode::from(code), long),
                Err(CloseFrameError::ReasonTooLong { .. })
            ));
            let fits = CloseFrame::new(CloseCode::NormalClosure, &reason[..123]).unwrap();
            let message = <$message>::from(fits);
            assert_eq!(message.close_frame(), Some((1000, &reason[..123])));
        }

        #[test]
        fn what_the_socket_yields_is_one_call() {
            let frame = CloseFrame::new(CloseCode::TryAgainLater, "server busy").unwrap();
            let next: Option<Result<$message, $error>> = Some(Ok(frame.into()));
            assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::from(frame)));
            assert_eq!(
                CloseEvent::from_next(next.as_ref()),
                Some(CloseEvent::from(frame))
            );
            for data in [
                <$message>::text("hello"),
                <$message>::binary(vec![1, 2]),
                <$message>::ping(vec![]),
                <$message>::pong(vec![]),
            ] {
                let next: Option<Result<$message, $error>> = Some(Ok(data));
                assert_eq!(CloseEvent::from_next(&next), None);
            }
            let empty: Option<Result<$message, $error>> = Some(Ok(<$message>::close()));
            assert_eq!(CloseEvent::from_next(&empty), Some(CloseEvent::no_status()));
            assert_eq!(
                CloseEvent::from_next(&$failed),
                Some(CloseEvent::abnormal())
            );
            let end: Option<Result<$message, $error>> = None;
            assert_eq!(CloseEvent::from_next(&end), Some(CloseEvent::abnormal()));
        }
    };
}
