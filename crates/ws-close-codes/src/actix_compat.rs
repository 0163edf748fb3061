//! Conversions to and from actix-http 3's `ws::CloseCode` and
//! `ws::CloseReason`.
//!
//! The disagreements between the crates are listed in the crate
//! documentation ("Interoperating with actix-http").

use alloc::string::String;

use actix_http::ws::{CloseCode as ActixCode, CloseReason};

use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

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
/// event for a Close frame that actix-http handed over in
/// `Frame::Close(Some(reason))` or `Message::Close(Some(reason))`.
///
/// The event has the reason's code and description (`None` is an empty
/// reason) and is clean. Nothing is checked, as with [`CloseEvent::new`].
/// For `Close(None)` (the peer's Close frame had no code) use
/// [`CloseEvent::no_status`].
///
/// ```
/// use actix_http::ws::{CloseCode as ActixCode, CloseReason, Message};
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let message = Message::Close(Some(CloseReason::from((ActixCode::Away, "bye"))));
/// if let Message::Close(reason) = &message {
///     let event = reason.as_ref().map_or(CloseEvent::no_status(), CloseEvent::from);
///     assert_eq!(event.code(), CloseCode::GoingAway);
///     assert_eq!((event.reason(), event.was_clean()), ("bye", true));
/// }
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
