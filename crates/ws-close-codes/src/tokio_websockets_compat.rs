//! Conversions to and from tokio-websockets 0.13's `CloseCode`, and the
//! close events of its `Message`.
//!
//! tokio-websockets' `CloseCode` holds only 1000-1015 and 3000-4999, and
//! its `Message::close` panics on the four of those that may not be sent
//! (1004, 1005, 1006 and 1015, its `is_reserved()`). The conversion to it
//! therefore refuses every code that may not be sent or that it cannot
//! hold, with [`UnsendableCode`], and a converted code can always be passed
//! to `Message::close`. The disagreements between the crates are listed in
//! the crate documentation ("Interoperating with tokio-websockets").

use tokio_websockets::{CloseCode as TwsCode, Message};

use crate::event::sealed::Sealed;
use crate::{CloseCode, CloseEvent, StackMessage, UnsendableCode};

/// `tokio_websockets::CloseCode` to `ws_close_codes::CloseCode`: the same
/// number. Lossless: every code tokio-websockets can hold has its own
/// value here.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// let code = CloseCode::from(tokio_websockets::CloseCode::BAD_GATEWAY);
/// assert_eq!(code, CloseCode::BadGateway);
///
/// // What tokio-websockets reports for a Close frame without a code.
/// let message = tokio_websockets::Message::close(None, "");
/// let (theirs, _) = message.as_close().unwrap();
/// assert_eq!(CloseCode::from(theirs), CloseCode::NoStatusRcvd);
/// ```
impl From<TwsCode> for CloseCode {
    fn from(code: TwsCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseCode` to `tokio_websockets::CloseCode`, for the
/// codes that may be sent ([`CloseCode::is_sendable`]) and that
/// tokio-websockets can hold; [`UnsendableCode`] for the others.
///
/// Those are exactly the codes that tokio-websockets' `Message::close`
/// sends without panicking: it cannot hold 0-999, 1016-2999 and
/// 5000-65535, and it panics on 1004, 1005, 1006 and 1015. So 1005 (No
/// Status Rcvd), which tokio-websockets itself reports for a Close frame
/// without a code, does not convert: there is nothing to send for it but
/// `Message::close(None, "")`. With the registry this crate is generated
/// from, every code that may be sent is one tokio-websockets can hold; a
/// code registered later in 1016-2999 would be refused here too.
///
/// ```
/// use tokio_websockets::Message;
/// use ws_close_codes::{CloseCode, UnsendableCode};
///
/// let code = tokio_websockets::CloseCode::try_from(CloseCode::GoingAway)?;
/// assert_eq!(code, tokio_websockets::CloseCode::GOING_AWAY);
/// let message = Message::close(Some(code), "restarting");
/// assert!(message.is_close());
///
/// let refused = tokio_websockets::CloseCode::try_from(CloseCode::AbnormalClosure);
/// assert_eq!(refused.unwrap_err().code(), CloseCode::AbnormalClosure);
/// assert!(tokio_websockets::CloseCode::try_from(CloseCode::from(1016)).is_err());
/// # Ok::<(), UnsendableCode>(())
/// ```
impl TryFrom<CloseCode> for TwsCode {
    type Error = UnsendableCode;

    fn try_from(code: CloseCode) -> Result<Self, Self::Error> {
        // Both crates' rules must agree that the code can be sent: this
        // crate's, and tokio-websockets' own (`TryFrom<u16>` for what it
        // can hold, `is_reserved` for what `Message::close` refuses).
        match TwsCode::try_from(code.as_u16()) {
            Ok(theirs) if code.is_sendable() && !theirs.is_reserved() => Ok(theirs),
            _ => Err(UnsendableCode::new(code)),
        }
    }
}

/// `tokio_websockets::Message` for [`CloseEvent::from_message`] and
/// [`CloseEvent::from_next`]: a close message (its `as_close()` is
/// `Some((code, reason))`) is that code and reason, clean, every other
/// message none.
///
/// tokio-websockets reads a Close frame without a code as
/// `CloseCode::NO_STATUS_RECEIVED` and an empty reason, so its event is
/// [`CloseEvent::no_status`] (1005), as with the other stacks. Its
/// `WebSocketStream` yields `Result<Message, tokio_websockets::Error>`:
/// `CloseEvent::from_next(&stream.next().await)` reads it, and reports its
/// end and its errors as 1006.
///
/// ```
/// use tokio_websockets::{CloseCode as TwsCode, Error, Message};
/// use ws_close_codes::CloseEvent;
///
/// let close = Message::close(Some(TwsCode::SERVICE_OVERLOAD), "server busy");
/// let event = CloseEvent::from_message(&close).unwrap();
/// assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
/// assert_eq!(CloseEvent::from_message(&Message::close(None, "")), Some(CloseEvent::no_status()));
/// assert_eq!(CloseEvent::from_message(&Message::text("hi")), None);
///
/// let next: Option<Result<Message, Error>> = Some(Ok(close.clone()));
/// assert_eq!(CloseEvent::from_next(&next), Some(event));
/// let next: Option<Result<Message, Error>> = Some(Err(Error::AlreadyClosed));
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// let next: Option<Result<Message, Error>> = None;
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// ```
impl StackMessage for Message {}

impl Sealed for Message {
    fn close_event(&self) -> Option<CloseEvent<'_>> {
        let (code, reason) = self.as_close()?;
        Some(CloseEvent::new(code.into(), reason, true))
    }
}
