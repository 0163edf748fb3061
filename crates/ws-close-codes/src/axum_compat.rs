//! Conversions to and from axum 0.8's own WebSocket types
//! (`axum::extract::ws`), and the close events of what it hands over.
//!
//! axum speaks WebSocket through tokio-tungstenite, but it wraps
//! tungstenite's types in its own: `ws::Message`, `ws::CloseFrame`, whose
//! `code` is `ws::CloseCode`, a plain `u16` (which [`CloseCode`] converts
//! both ways already), and `ws::Utf8Bytes`. So the tungstenite features do
//! not reach an axum handler; this module does. Only axum's `ws` feature is
//! needed.

use axum::extract::ws::{CloseFrame as AxumFrame, Message};

use crate::event::sealed::Sealed;
use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError, StackMessage};

/// `ws_close_codes::CloseFrame` to `axum::extract::ws::CloseFrame`: the
/// same code (as axum's `u16`) and reason (copied into axum's
/// `Utf8Bytes`).
///
/// Enabled by the feature `axum-0_8`. The result is always valid to send:
/// a [`CloseFrame`] holds only sendable codes and reasons of at most 123
/// bytes. So a handler closes with `Message::Close(Some(frame.into()))`.
///
/// ```
/// use axum::extract::ws::{self, Message};
/// use ws_close_codes::{close_frame, CloseCode, CloseFrame};
///
/// const BUSY: CloseFrame<'static> = close_frame!(CloseCode::TryAgainLater, "server busy");
///
/// let message = Message::Close(Some(BUSY.into()));
/// let Message::Close(Some(frame)) = &message else { unreachable!() };
/// assert_eq!(frame.code, 1013);
/// assert_eq!(frame.reason.as_str(), "server busy");
/// assert_eq!(ws::CloseFrame::from(BUSY), *frame);
/// ```
impl<'a> From<CloseFrame<'a>> for AxumFrame {
    fn from(frame: CloseFrame<'a>) -> Self {
        AxumFrame {
            code: frame.code().as_u16(),
            reason: frame.reason().into(),
        }
    }
}

/// `&axum::extract::ws::CloseFrame` to `ws_close_codes::CloseFrame`,
/// borrowing the reason.
///
/// Enabled by the feature `axum-0_8`. Refuses what [`CloseFrame::new`]
/// refuses: a code that may not be sent, which axum lets a caller build
/// ([`CloseFrameError::InvalidCode`]), and a reason over 123 bytes
/// ([`CloseFrameError::ReasonTooLong`]).
///
/// ```
/// use axum::extract::ws::{self, close_code};
/// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
///
/// let theirs = ws::CloseFrame { code: close_code::POLICY, reason: "no spam".into() };
/// let frame = CloseFrame::try_from(&theirs)?;
/// assert_eq!((frame.code(), frame.reason()), (CloseCode::PolicyViolation, "no spam"));
///
/// let abnormal = ws::CloseFrame { code: 1006, reason: "".into() };
/// assert_eq!(
///     CloseFrame::try_from(&abnormal),
///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
/// );
/// # Ok::<(), CloseFrameError>(())
/// ```
impl<'a> TryFrom<&'a AxumFrame> for CloseFrame<'a> {
    type Error = CloseFrameError;

    fn try_from(frame: &'a AxumFrame) -> Result<Self, Self::Error> {
        CloseFrame::new(CloseCode::from_u16(frame.code), frame.reason.as_str())
    }
}

/// `&axum::extract::ws::CloseFrame` to `ws_close_codes::CloseEvent`: the
/// frame's code and reason, clean.
///
/// Enabled by the feature `axum-0_8`. The event for the frame of
/// `Message::Close(Some(frame))`. Nothing is checked, as with
/// [`CloseEvent::new`]: a code that this crate's rules refuse is reported
/// as axum hands it over. For the `Option` that `Message::Close` carries,
/// convert it whole (`CloseEvent::from(&frame)` or
/// `CloseEvent::from(frame.as_ref())`), and for a message or a read, use
/// [`CloseEvent::from_message`] or [`CloseEvent::from_next`].
///
/// ```
/// use axum::extract::ws::{self, close_code};
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let frame = ws::CloseFrame { code: close_code::AWAY, reason: "bye".into() };
/// let event = CloseEvent::from(&frame);
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// assert_eq!((event.reason(), event.was_clean()), ("bye", true));
/// ```
impl<'a> From<&'a AxumFrame> for CloseEvent<'a> {
    fn from(frame: &'a AxumFrame) -> Self {
        CloseEvent::new(CloseCode::from_u16(frame.code), frame.reason.as_str(), true)
    }
}

/// `Option<&axum::extract::ws::CloseFrame>` to
/// `ws_close_codes::CloseEvent`: what `Message::Close` carries,
/// `as_ref()`; `None` is 1005, clean.
///
/// Enabled by the feature `axum-0_8`. `Some(frame)` is the event of the
/// frame, as `From<&CloseFrame>`; `None` (the peer's Close frame had no
/// code) is [`CloseEvent::no_status`].
///
/// ```
/// use axum::extract::ws::{self, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some(ws::CloseFrame { code: 1013, reason: "server busy".into() }));
/// if let Message::Close(frame) = &message {
///     let event = CloseEvent::from(frame.as_ref());
///     assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
/// }
/// let empty: Option<&ws::CloseFrame> = None;
/// assert_eq!(CloseEvent::from(empty), CloseEvent::no_status());
/// ```
impl<'a> From<Option<&'a AxumFrame>> for CloseEvent<'a> {
    fn from(frame: Option<&'a AxumFrame>) -> Self {
        match frame {
            Some(frame) => CloseEvent::from(frame),
            None => CloseEvent::no_status(),
        }
    }
}

/// `&Option<axum::extract::ws::CloseFrame>` to
/// `ws_close_codes::CloseEvent`: what `Message::Close` carries, by
/// reference; `None` is 1005, clean.
///
/// Enabled by the feature `axum-0_8`. The same as the conversion from
/// `Option<&CloseFrame>`.
///
/// ```
/// use axum::extract::ws::{self, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some(ws::CloseFrame { code: 4001, reason: "kicked".into() }));
/// if let Message::Close(frame) = &message {
///     assert_eq!(CloseEvent::from(frame).to_string(), "4001: kicked");
/// }
/// if let Message::Close(frame) = &Message::Close(None) {
///     assert_eq!(CloseEvent::from(frame), CloseEvent::no_status());
/// }
/// ```
impl<'a> From<&'a Option<AxumFrame>> for CloseEvent<'a> {
    fn from(frame: &'a Option<AxumFrame>) -> Self {
        CloseEvent::from(frame.as_ref())
    }
}

/// `axum::extract::ws::Message` for [`CloseEvent::from_message`] and
/// [`CloseEvent::from_next`]: `Message::Close(frame)` is the event of
/// `frame` (1005 for `None`), every other message none.
///
/// Enabled by the feature `axum-0_8`. axum's `WebSocket` yields
/// `Result<Message, axum::Error>`, from `socket.recv().await` and from
/// `socket.next().await` alike: `CloseEvent::from_next(&socket.recv().await)`
/// reads it, and reports its end and its errors as 1006.
///
/// ```
/// use axum::extract::ws::{self, Message};
/// use ws_close_codes::CloseEvent;
///
/// let close = Message::Close(Some(ws::CloseFrame { code: 1000, reason: "done".into() }));
/// let event = CloseEvent::from_message(&close).unwrap();
/// assert_eq!(event.to_string(), "1000 Normal Closure: done");
/// assert_eq!(CloseEvent::from_message(&Message::Close(None)), Some(CloseEvent::no_status()));
/// assert_eq!(CloseEvent::from_message(&Message::Text("hi".into())), None);
///
/// // What `socket.recv().await` gives.
/// let next: Option<Result<Message, axum::Error>> = Some(Ok(close.clone()));
/// assert_eq!(CloseEvent::from_next(&next), Some(event));
/// let next: Option<Result<Message, axum::Error>> = Some(Err(axum::Error::new("reset")));
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// let next: Option<Result<Message, axum::Error>> = None;
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// ```
impl StackMessage for Message {}

impl Sealed for Message {
    fn close_event(&self) -> Option<CloseEvent<'_>> {
        match self {
            Message::Close(frame) => Some(CloseEvent::from(frame)),
            _ => None,
        }
    }
}
