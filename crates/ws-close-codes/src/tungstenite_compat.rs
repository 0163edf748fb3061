//! Conversions to and from `tungstenite`'s close codes and Close frames.
//!
//! The disagreements between the two crates are listed in the crate
//! documentation ("Interoperating with tungstenite").

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use tungstenite::protocol::frame::Utf8Bytes;
use tungstenite::protocol::CloseFrame as TungsteniteFrame;

use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

/// The same number: lossless for every `u16`.
///
/// ```
/// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(TungsteniteCode::from(CloseCode::GoingAway), TungsteniteCode::Away);
/// // tungstenite has no variant for 1014; the number is kept.
/// assert_eq!(u16::from(TungsteniteCode::from(CloseCode::BadGateway)), 1014);
/// ```
impl From<CloseCode> for TungsteniteCode {
    fn from(code: CloseCode) -> Self {
        TungsteniteCode::from(code.as_u16())
    }
}

/// The same number: lossless for every `u16`.
///
/// ```
/// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(TungsteniteCode::Normal), CloseCode::NormalClosure);
/// assert_eq!(CloseCode::from(TungsteniteCode::from(1014)), CloseCode::BadGateway);
/// ```
impl From<TungsteniteCode> for CloseCode {
    fn from(code: TungsteniteCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// The same code and reason; the reason is copied.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseFrame};
///
/// let frame = CloseFrame::new(CloseCode::TryAgainLater, "busy")?;
/// let theirs = tungstenite::protocol::CloseFrame::from(frame);
/// assert_eq!(u16::from(theirs.code), 1013);
/// assert_eq!(theirs.reason.as_str(), "busy");
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
impl From<CloseFrame<'_>> for TungsteniteFrame {
    fn from(frame: CloseFrame<'_>) -> Self {
        TungsteniteFrame {
            code: frame.code().into(),
            reason: Utf8Bytes::from(frame.reason()),
        }
    }
}

/// Borrows the reason. Refuses what [`CloseFrame::new`] refuses: a code
/// that is not valid in a Close frame, which tungstenite lets a caller
/// build ([`CloseFrameError::InvalidCode`]), and a reason over 123 bytes
/// ([`CloseFrameError::ReasonTooLong`]).
///
/// ```
/// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
/// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
///
/// let theirs = tungstenite::protocol::CloseFrame {
///     code: TungsteniteCode::Policy,
///     reason: "no spam".into(),
/// };
/// let frame = CloseFrame::try_from(&theirs)?;
/// assert_eq!((frame.code(), frame.reason()), (CloseCode::PolicyViolation, "no spam"));
///
/// let abnormal = tungstenite::protocol::CloseFrame {
///     code: TungsteniteCode::Abnormal,
///     reason: "".into(),
/// };
/// assert_eq!(
///     CloseFrame::try_from(&abnormal),
///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
/// );
/// # Ok::<(), CloseFrameError>(())
/// ```
impl<'a> TryFrom<&'a TungsteniteFrame> for CloseFrame<'a> {
    type Error = CloseFrameError;

    fn try_from(frame: &'a TungsteniteFrame) -> Result<Self, Self::Error> {
        CloseFrame::new(frame.code.into(), frame.reason.as_str())
    }
}

/// The event for a Close frame that tungstenite handed over in
/// `Message::Close(Some(frame))`: its code and reason, clean. Nothing is
/// checked, as with [`CloseEvent::new`]. For `Message::Close(None)` (the
/// peer's Close frame had no code) use [`CloseEvent::no_status`].
///
/// (There is deliberately no conversion from `Option<&CloseFrame>`: it would
/// make `CloseEvent::from(None)` ambiguous once this feature is on.)
///
/// ```
/// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
/// use tungstenite::Message;
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let message = Message::Close(Some(tungstenite::protocol::CloseFrame {
///     code: TungsteniteCode::Away,
///     reason: "bye".into(),
/// }));
/// if let Message::Close(frame) = &message {
///     let event = frame.as_ref().map_or(CloseEvent::no_status(), CloseEvent::from);
///     assert_eq!(event.code(), CloseCode::GoingAway);
///     assert_eq!((event.reason(), event.was_clean()), ("bye", true));
/// }
/// ```
impl<'a> From<&'a TungsteniteFrame> for CloseEvent<'a> {
    fn from(frame: &'a TungsteniteFrame) -> Self {
        CloseEvent::new(frame.code.into(), frame.reason.as_str(), true)
    }
}
