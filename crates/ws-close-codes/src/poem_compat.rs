//! Conversions to and from poem 3's own WebSocket types
//! (`poem::web::websocket`), and the close events of what it hands over.
//!
//! poem speaks WebSocket through tokio-tungstenite, but wraps tungstenite's
//! types in its own: `websocket::CloseCode`, an enum with a variant per
//! code up to 1013 and `Reserved(u16)` for every other number, and
//! `websocket::Message`, whose `Close` holds an `Option<(CloseCode,
//! String)>`. So the tungstenite features do not reach a poem handler;
//! this module does. Only poem's `websocket` feature is needed.

use alloc::string::String;

use poem::web::websocket::{CloseCode as PoemCode, Message};

use crate::event::sealed::Sealed;
use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError, StackMessage};

/// `poem::web::websocket::CloseCode` to `ws_close_codes::CloseCode`,
/// keeping the number.
///
/// Enabled by the feature `poem-3`. Every poem code converts, and
/// `Reserved(v)` is [`CloseCode::from(v)`](CloseCode::from_u16), named
/// when the registry names `v`.
///
/// ```
/// use poem::web::websocket::CloseCode as PoemCode;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(PoemCode::Again), CloseCode::TryAgainLater);
/// assert_eq!(CloseCode::from(PoemCode::Reserved(1014)), CloseCode::BadGateway);
/// assert_eq!(CloseCode::from(PoemCode::Reserved(4001)).as_u16(), 4001);
/// ```
impl From<PoemCode> for CloseCode {
    fn from(code: PoemCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseCode` to `poem::web::websocket::CloseCode`,
/// keeping the number.
///
/// Enabled by the feature `poem-3`. poem's own variant where it has one
/// for the number, `Reserved(v)` for every other: the value poem's
/// `From<u16>` gives, so the two compare equal. Any code converts; poem
/// sends whatever it is given, so check what may be sent first
/// ([`CloseCode::is_sendable`]), or convert a [`CloseFrame`].
///
/// ```
/// use poem::web::websocket::{CloseCode as PoemCode, Message};
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(PoemCode::from(CloseCode::PolicyViolation), PoemCode::Policy);
/// assert_eq!(PoemCode::from(CloseCode::BadGateway), PoemCode::Reserved(1014));
/// let message = Message::close_with(CloseCode::GoingAway, "bye");
/// assert_eq!(message, Message::Close(Some((PoemCode::Away, "bye".into()))));
/// ```
impl From<CloseCode> for PoemCode {
    fn from(code: CloseCode) -> Self {
        PoemCode::from(code.as_u16())
    }
}

/// `ws_close_codes::CloseFrame` to `(poem::web::websocket::CloseCode,
/// String)`, what poem's `Message::Close` holds: the same code and reason
/// (copied into a `String`).
///
/// Enabled by the feature `poem-3`. The result is always valid to send:
/// a [`CloseFrame`] holds only sendable codes and reasons of at most 123
/// bytes. So a handler closes with `Message::Close(Some(frame.into()))`.
///
/// ```
/// use poem::web::websocket::{CloseCode as PoemCode, Message};
/// use ws_close_codes::{close_frame, CloseCode, CloseFrame};
///
/// const BUSY: CloseFrame<'static> = close_frame!(CloseCode::TryAgainLater, "server busy");
///
/// let message = Message::Close(Some(BUSY.into()));
/// assert_eq!(message, Message::Close(Some((PoemCode::Again, "server busy".into()))));
/// ```
impl<'a> From<CloseFrame<'a>> for (PoemCode, String) {
    fn from(frame: CloseFrame<'a>) -> Self {
        (frame.code().into(), String::from(frame.reason()))
    }
}

/// `&(poem::web::websocket::CloseCode, String)` to
/// `ws_close_codes::CloseFrame`, borrowing the reason.
///
/// Enabled by the feature `poem-3`. Refuses what [`CloseFrame::new`]
/// refuses: a code that may not be sent, which poem lets a caller build
/// ([`CloseFrameError::InvalidCode`]), and a reason over 123 bytes
/// ([`CloseFrameError::ReasonTooLong`]).
///
/// ```
/// use poem::web::websocket::CloseCode as PoemCode;
/// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
///
/// let theirs = (PoemCode::Policy, String::from("no spam"));
/// let frame = CloseFrame::try_from(&theirs)?;
/// assert_eq!((frame.code(), frame.reason()), (CloseCode::PolicyViolation, "no spam"));
///
/// let abnormal = (PoemCode::Abnormal, String::new());
/// assert_eq!(
///     CloseFrame::try_from(&abnormal),
///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
/// );
/// # Ok::<(), CloseFrameError>(())
/// ```
impl<'a> TryFrom<&'a (PoemCode, String)> for CloseFrame<'a> {
    type Error = CloseFrameError;

    fn try_from((code, reason): &'a (PoemCode, String)) -> Result<Self, Self::Error> {
        CloseFrame::new(CloseCode::from(*code), reason)
    }
}

/// `&(poem::web::websocket::CloseCode, String)` to
/// `ws_close_codes::CloseEvent`: the code and reason, clean.
///
/// Enabled by the feature `poem-3`. The event for the pair of
/// `Message::Close(Some(pair))`. Nothing is checked, as with
/// [`CloseEvent::new`]: a code that this crate's rules refuse is reported
/// as poem hands it over. For the `Option` that `Message::Close` carries,
/// convert it whole (`CloseEvent::from(&close)` or
/// `CloseEvent::from(close.as_ref())`), and for a message or a read, use
/// [`CloseEvent::from_message`] or [`CloseEvent::from_next`].
///
/// ```
/// use poem::web::websocket::CloseCode as PoemCode;
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let close = (PoemCode::Away, String::from("bye"));
/// let event = CloseEvent::from(&close);
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// assert_eq!((event.reason(), event.was_clean()), ("bye", true));
/// ```
impl<'a> From<&'a (PoemCode, String)> for CloseEvent<'a> {
    fn from((code, reason): &'a (PoemCode, String)) -> Self {
        CloseEvent::new(CloseCode::from(*code), reason, true)
    }
}

/// `Option<&(poem::web::websocket::CloseCode, String)>` to
/// `ws_close_codes::CloseEvent`: what `Message::Close` carries,
/// `as_ref()`; `None` is 1005, clean.
///
/// Enabled by the feature `poem-3`. `Some(pair)` is the event of the
/// pair, as `From<&(CloseCode, String)>`; `None` (the peer's Close frame
/// had no code) is [`CloseEvent::no_status`].
///
/// ```
/// use poem::web::websocket::{CloseCode as PoemCode, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some((PoemCode::Again, "server busy".into())));
/// if let Message::Close(close) = &message {
///     let event = CloseEvent::from(close.as_ref());
///     assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
/// }
/// let empty: Option<&(PoemCode, String)> = None;
/// assert_eq!(CloseEvent::from(empty), CloseEvent::no_status());
/// ```
impl<'a> From<Option<&'a (PoemCode, String)>> for CloseEvent<'a> {
    fn from(close: Option<&'a (PoemCode, String)>) -> Self {
        match close {
            Some(close) => CloseEvent::from(close),
            None => CloseEvent::no_status(),
        }
    }
}

/// `&Option<(poem::web::websocket::CloseCode, String)>` to
/// `ws_close_codes::CloseEvent`: what `Message::Close` carries, by
/// reference; `None` is 1005, clean.
///
/// Enabled by the feature `poem-3`. The same as the conversion from
/// `Option<&(CloseCode, String)>`.
///
/// ```
/// use poem::web::websocket::{CloseCode as PoemCode, Message};
/// use ws_close_codes::CloseEvent;
///
/// let message = Message::Close(Some((PoemCode::Reserved(4001), "kicked".into())));
/// if let Message::Close(close) = &message {
///     assert_eq!(CloseEvent::from(close).to_string(), "4001: kicked");
/// }
/// if let Message::Close(close) = &Message::Close(None) {
///     assert_eq!(CloseEvent::from(close), CloseEvent::no_status());
/// }
/// ```
impl<'a> From<&'a Option<(PoemCode, String)>> for CloseEvent<'a> {
    fn from(close: &'a Option<(PoemCode, String)>) -> Self {
        CloseEvent::from(close.as_ref())
    }
}

/// `poem::web::websocket::Message` for [`CloseEvent::from_message`] and
/// [`CloseEvent::from_next`]: `Message::Close(close)` is the event of
/// `close` (1005 for `None`), every other message none.
///
/// Enabled by the feature `poem-3`. poem's `WebSocketStream` is a stream
/// of `std::io::Result<Message>`: `CloseEvent::from_next(&socket.next().await)`
/// reads it, and reports its end and its errors as 1006.
///
/// ```
/// use poem::web::websocket::Message;
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let close = Message::close_with(CloseCode::NormalClosure, "done");
/// let event = CloseEvent::from_message(&close).unwrap();
/// assert_eq!(event.to_string(), "1000 Normal Closure: done");
/// assert_eq!(CloseEvent::from_message(&Message::Close(None)), Some(CloseEvent::no_status()));
/// assert_eq!(CloseEvent::from_message(&Message::text("hi")), None);
///
/// // What `socket.next().await` gives.
/// let next: Option<std::io::Result<Message>> = Some(Ok(close.clone()));
/// assert_eq!(CloseEvent::from_next(&next), Some(event));
/// let next: Option<std::io::Result<Message>> = Some(Err(std::io::ErrorKind::ConnectionReset.into()));
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// let next: Option<std::io::Result<Message>> = None;
/// assert_eq!(CloseEvent::from_next(&next), Some(CloseEvent::abnormal()));
/// ```
impl StackMessage for Message {}

impl Sealed for Message {
    fn close_event(&self) -> Option<CloseEvent<'_>> {
        match self {
            Message::Close(close) => Some(CloseEvent::from(close)),
            _ => None,
        }
    }
}
