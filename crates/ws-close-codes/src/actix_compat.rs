//! Conversions to and from actix-http 3's `ws::CloseCode` and
//! `ws::CloseReason`, and the close events of its `ws::Message` and
//! `ws::Frame`.
//!
//! The disagreements between the crates are listed in the crate
//! documentation ("Interoperating with actix-http").

use alloc::string::String;

use actix_http::ws::{CloseCode as ActixCode, CloseReason, Frame, Message};

use crate::event::sealed::Sealed;
use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError, StackMessage};

/// `ws_close_codes::CloseCode` to `actix_http::ws::CloseCode`: the same
/// number, for every `u16`.
///
/// actix-http has no variant for 1004, 1005, 1014 and the codes from 3000
/// on; they become its `Other(n)` with the same number.
///
/// ```
/// use actix_http::ws::CloseCode as ActixCode;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(ActixCode::from(CloseCode::GoingAway), ActixCode::Away);
/// assert_eq!(ActixCode::from(CloseCode::BadGateway), ActixCode::Other(1014));
/// assert_eq!(ActixCode::from(CloseCode::from(4000)), ActixCode::Other(4000));
/// ```
impl From<CloseCode> for ActixCode {
    fn from(code: CloseCode) -> Self {
        ActixCode::from(code.as_u16())
    }
}

/// `actix_http::ws::CloseCode` to `ws_close_codes::CloseCode`: the same
/// number, for every `u16`.
///
/// actix-http also lets a caller write `Other(n)` for a number it has a
/// variant for; that is the same code here (`Other(1000)` is
/// [`CloseCode::NormalClosure`]).
///
/// ```
/// use actix_http::ws::CloseCode as ActixCode;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(ActixCode::Normal), CloseCode::NormalClosure);
/// assert_eq!(CloseCode::from(ActixCode::Other(1014)), CloseCode::BadGateway);
/// assert_eq!(CloseCode::from(ActixCode::Other(1000)), CloseCode::NormalClosure);
/// ```
impl From<ActixCode> for CloseCode {
    fn from(code: ActixCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseFrame` to `actix_http::ws::CloseReason`: the same
/// code, and the reason as the `description`, copied; an empty reason
/// becomes `None`, as actix-http decodes a body of only a code.
///
/// Infallible, and the result is always valid to send: a [`CloseFrame`]
/// holds only sendable codes and reasons of at most 123 bytes.
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason};
/// use ws_close_codes::{CloseCode, CloseFrame};
///
/// let reason = CloseReason::from(CloseFrame::new(CloseCode::TryAgainLater, "busy")?);
/// assert_eq!((reason.code, reason.description.as_deref()), (ActixCode::Again, Some("busy")));
///
/// let reason = CloseReason::from(CloseFrame::new(CloseCode::NormalClosure, "")?);
/// assert_eq!((reason.code, reason.description), (ActixCode::Normal, None));
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
impl From<CloseFrame<'_>> for CloseReason {
    fn from(frame: CloseFrame<'_>) -> Self {
        let reason = frame.reason();
        CloseReason {
            code: frame.code().into(),
            description: (!reason.is_empty()).then(|| String::from(reason)),
        }
    }
}

/// `&actix_http::ws::CloseReason` to `ws_close_codes::CloseFrame`,
/// borrowing the description as the reason (`None` is an empty reason).
///
/// Refuses what [`CloseFrame::new`] refuses: a code that may not be sent,
/// which actix-http lets a caller build and writes as it is
/// ([`CloseFrameError::InvalidCode`]), and a description over 123 bytes
/// ([`CloseFrameError::ReasonTooLong`]), which would not fit in a Close
/// frame.
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason};
/// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
///
/// let reason = CloseReason::from((ActixCode::Policy, "no spam"));
/// let frame = CloseFrame::try_from(&reason)?;
/// assert_eq!((frame.code(), frame.reason()), (CloseCode::PolicyViolation, "no spam"));
///
/// let abnormal = CloseReason::from(ActixCode::Abnormal);
/// assert_eq!(
///     CloseFrame::try_from(&abnormal),
///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
/// );
/// # Ok::<(), CloseFrameError>(())
/// ```
impl<'a> TryFrom<&'a CloseReason> for CloseFrame<'a> {
    type Error = CloseFrameError;

    fn try_from(reason: &'a CloseReason) -> Result<Self, Self::Error> {
        CloseFrame::new(
            reason.code.into(),
            reason.description.as_deref().unwrap_or(""),
        )
    }
}

/// `&actix_http::ws::CloseReason` to `ws_close_codes::CloseEvent`: the
/// reason's code and description, clean.
///
/// The event for the reason of `Message::Close(Some(reason))` or
/// `Frame::Close(Some(reason))`; a description of `None` is an empty
/// reason. Nothing is checked, as with [`CloseEvent::new`]: a code that
/// this crate's rules refuse is reported as actix-http hands it over. For
/// the `Option` that `Close` carries, convert it whole
/// (`CloseEvent::from(&reason)` or `CloseEvent::from(reason.as_ref())`),
/// and for a message or a read, use [`CloseEvent::from_message`] or
/// [`CloseEvent::from_next`].
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason};
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let reason = CloseReason::from((ActixCode::Away, "bye"));
/// let event = CloseEvent::from(&reason);
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// assert_eq!((event.reason(), event.was_clean()), ("bye", true));
///
/// let normal = CloseReason::from(ActixCode::Normal);
/// assert_eq!(CloseEvent::from(&normal).to_string(), "1000 Normal Closure");
/// ```
impl<'a> From<&'a CloseReason> for CloseEvent<'a> {
    fn from(reason: &'a CloseReason) -> Self {
        CloseEvent::new(
            reason.code.into(),
            reason.description.as_deref().unwrap_or(""),
            true,
        )
    }
}

/// `Option<&actix_http::ws::CloseReason>` to `ws_close_codes::CloseEvent`:
/// what `Close` carries, `as_ref()`; `None` is 1005, clean.
///
/// `Some(reason)` is the event of the reason, as `From<&CloseReason>`;
/// `None` (the peer's Close frame had no code) is
/// [`CloseEvent::no_status`].
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some(CloseReason::from((ActixCode::Again, "server busy"))));
/// if let Message::Close(reason) = &message {
///     let event = CloseEvent::from(reason.as_ref());
///     assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
/// }
/// let empty: Option<&CloseReason> = None;
/// assert_eq!(CloseEvent::from(empty), CloseEvent::no_status());
/// ```
impl<'a> From<Option<&'a CloseReason>> for CloseEvent<'a> {
    fn from(reason: Option<&'a CloseReason>) -> Self {
        match reason {
            Some(reason) => CloseEvent::from(reason),
            None => CloseEvent::no_status(),
        }
    }
}

/// `&Option<actix_http::ws::CloseReason>` to `ws_close_codes::CloseEvent`:
/// what `Close` carries, by reference; `None` is 1005, clean.
///
/// The same as the conversion from `Option<&CloseReason>`. It also reads
/// the `Close` of the messages that actix-ws aggregates.
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some(CloseReason::from((ActixCode::Other(4001), "kicked"))));
/// if let Message::Close(reason) = &message {
///     assert_eq!(CloseEvent::from(reason).to_string(), "4001: kicked");
/// }
/// if let Message::Close(reason) = &Message::Close(None) {
///     assert_eq!(CloseEvent::from(reason), CloseEvent::no_status());
/// }
/// ```
impl<'a> From<&'a Option<CloseReason>> for CloseEvent<'a> {
    fn from(reason: &'a Option<CloseReason>) -> Self {
        CloseEvent::from(reason.as_ref())
    }
}

/// `actix_http::ws::Message` for [`CloseEvent::from_message`] and
/// [`CloseEvent::from_next`]: `Message::Close(reason)` is the event of
/// `reason` (1005 for `None`), every other message none.
///
/// actix-ws's `MessageStream` yields `Result<Message, ProtocolError>`, so
/// `CloseEvent::from_next(&stream.recv().await)` reads it, and
/// actix-web-actors hands the same `Result` to a `StreamHandler`.
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason, Message, ProtocolError};
/// use ws_close_codes::CloseEvent;
///
/// let close = Message::Close(Some(CloseReason::from((ActixCode::Policy, "no spam"))));
/// let event = CloseEvent::from_message(&close).unwrap();
/// assert_eq!(event.to_string(), "1008 Policy Violation: no spam");
/// assert_eq!(CloseEvent::from_message(&Message::Close(None)), Some(CloseEvent::no_status()));
/// assert_eq!(CloseEvent::from_message(&Message::Text("hi".into())), None);
///
/// // What actix-ws's `recv().await` gives.
/// let next: Option<Result<Message, ProtocolError>> = Some(Ok(close));
/// let event = CloseEvent::from_next(&next).unwrap();
/// assert_eq!(event.to_string(), "1008 Policy Violation: no spam");
/// let next: Option<Result<Message, ProtocolError>> = None;
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// ```
impl StackMessage for Message {}

impl Sealed for Message {
    fn close_event(&self) -> Option<CloseEvent<'_>> {
        match self {
            Message::Close(reason) => Some(CloseEvent::from(reason)),
            _ => None,
        }
    }
}

/// `actix_http::ws::Frame` for [`CloseEvent::from_message`] and
/// [`CloseEvent::from_next`]: `Frame::Close(reason)` is the event of
/// `reason` (1005 for `None`), every other frame none.
///
/// The frame is what actix-http's `ws::Codec` decodes.
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason, Frame, ProtocolError};
/// use ws_close_codes::CloseEvent;
///
/// let close = Frame::Close(Some(CloseReason::from((ActixCode::Restart, "deploying"))));
/// let event = CloseEvent::from_message(&close).unwrap();
/// assert_eq!(event.to_string(), "1012 Service Restart: deploying");
/// assert_eq!(CloseEvent::from_message(&Frame::Close(None)), Some(CloseEvent::no_status()));
/// assert_eq!(CloseEvent::from_message(&Frame::Ping("hi".into())), None);
///
/// let decoded: Result<Frame, ProtocolError> = Err(ProtocolError::InvalidLength(1));
/// assert_eq!(CloseEvent::from_next(&decoded), Some(CloseEvent::abnormal()));
/// ```
impl StackMessage for Frame {}

impl Sealed for Frame {
    fn close_event(&self) -> Option<CloseEvent<'_>> {
        match self {
            Frame::Close(reason) => Some(CloseEvent::from(reason)),
            _ => None,
        }
    }
}
