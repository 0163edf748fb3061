//! How a connection ended, as the DOM's `CloseEvent` reports it.

use core::fmt::{self, Write as _};

use crate::measured::tungstenite_newest_crate;
use crate::rules::CODE_LEN;
use crate::{Browser, CloseCode, CloseFrame, Delivery};

/// How a connection ended, in the terms of the DOM's `CloseEvent`: the
/// `code`, the `reason` and whether the closing handshake completed
/// (`wasClean`). Use it to report a closure to users or to a page, the way
/// a browser would.
///
/// - The peer sent a Close frame with a code: that code and reason, clean
///   ([`CloseEvent::from_frame`]).
/// - The peer sent an empty Close frame: 1005 (No Status Rcvd), clean
///   ([`CloseEvent::no_status`]).
/// - The connection ended without a Close frame, or was failed because the
///   Close frame was invalid: 1006 (Abnormal Closure), not clean
///   ([`CloseEvent::abnormal`]).
///
/// From what a WebSocket stack hands the application, one call gives the
/// event: [`CloseEvent::from_next`] for what a read gave (the end of the
/// stream and an error are 1006), [`CloseEvent::from_message`] for a
/// message, and `From` the stack's own Close frame types (see
/// [`StackMessage`] and the crate's sections on each stack). `Display`
/// writes the line a log wants.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let event = CloseEvent::from_body(b"\x03\xe9server restarting");
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// assert_eq!(event.reason(), "server restarting");
/// assert!(event.was_clean());
/// assert_eq!(event.to_string(), "1001 Going Away: server restarting");
///
/// assert_eq!(CloseEvent::from_body(b""), CloseEvent::no_status());
/// assert_eq!(CloseEvent::from_body(b"\x03"), CloseEvent::abnormal());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CloseEvent<'a> {
    code: CloseCode,
    reason: &'a str,
    was_clean: bool,
}

impl<'a> CloseEvent<'a> {
    /// An event with exactly these values. Nothing is checked: an event
    /// reports what happened, and a lenient endpoint (a browser among them)
    /// reports codes that a strict one refuses.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// let event = CloseEvent::new(CloseCode::from(4001), "kicked", true);
    /// assert_eq!(event.code().as_u16(), 4001);
    /// ```
    pub const fn new(code: CloseCode, reason: &'a str, was_clean: bool) -> Self {
        CloseEvent {
            code,
            reason,
            was_clean,
        }
    }

    /// The connection ended without a Close frame (or was failed): 1006
    /// (Abnormal Closure), no reason, not clean.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// let event = CloseEvent::abnormal();
    /// assert_eq!(event.code(), CloseCode::AbnormalClosure);
    /// assert_eq!(event.reason(), "");
    /// assert!(!event.was_clean());
    /// ```
    pub const fn abnormal() -> Self {
        CloseEvent::new(CloseCode::AbnormalClosure, "", false)
    }

    /// The peer sent a Close frame without a code (an empty body): 1005 (No
    /// Status Rcvd), no reason, clean.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// let event = CloseEvent::no_status();
    /// assert_eq!(event.code(), CloseCode::NoStatusRcvd);
    /// assert!(event.was_clean());
    /// ```
    pub const fn no_status() -> Self {
        CloseEvent::new(CloseCode::NoStatusRcvd, "", true)
    }

    /// The event for a Close frame received and answered: its code and
    /// reason, clean; for `None` (an empty body),
    /// [`no_status`](CloseEvent::no_status).
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};
    /// let frame = CloseFrame::new(CloseCode::Forbidden, "no")?;
    /// let event = CloseEvent::from_frame(Some(frame));
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (CloseCode::Forbidden, "no", true));
    /// assert_eq!(CloseEvent::from_frame(None), CloseEvent::no_status());
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    pub const fn from_frame(frame: Option<CloseFrame<'a>>) -> Self {
        match frame {
            Some(frame) => CloseEvent::new(frame.code(), frame.reason(), true),
            None => CloseEvent::no_status(),
        }
    }

    /// The event for a received Close frame body, decoded strictly with
    /// [`CloseFrame::decode`]: as [`from_frame`](CloseEvent::from_frame)
    /// when it is valid, [`abnormal`](CloseEvent::abnormal) when it is not
    /// (the endpoint fails the connection, and that is what a page is told
    /// when a browser does so).
    ///
    /// Stricter than Chromium and Firefox on codes: they report 0-999,
    /// 1004, 1016-2999 and 5000 and up as sent
    /// ([`from_body_as`](CloseEvent::from_body_as)), while this reports
    /// them as abnormal, like the strict libraries do. Use
    /// [`CloseEvent::new`] to report something else.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// assert_eq!(CloseEvent::from_body(b"\x0b\xb8").code(), CloseCode::Unauthorized);
    /// assert_eq!(CloseEvent::from_body(b"\x03\xed"), CloseEvent::abnormal()); // 1005
    /// ```
    pub const fn from_body(body: &'a [u8]) -> Self {
        match CloseFrame::decode(body) {
            Ok(frame) => CloseEvent::from_frame(frame),
            Err(_) => CloseEvent::abnormal(),
        }
    }

    /// The event the page of `browser` sees for a received Close frame
    /// body: the DOM `CloseEvent` that engine reports, as measured
    /// ([`Peer`](crate::Peer) names the versions; the repository's
    /// `crates/browser-check` test compares this function with each real
    /// engine). It follows [`Peer::receives`](crate::Peer::receives) for
    /// the engine's [`Peer`](crate::Peer):
    ///
    /// - An empty body (and, in Firefox, a 1-byte body):
    ///   [`no_status`](CloseEvent::no_status) (1005, clean).
    /// - A body the engine fails the connection on:
    ///   [`abnormal`](CloseEvent::abnormal) (1006, no reason, not clean).
    ///   In every engine that is a body over 125 bytes or a reason that is
    ///   not UTF-8; in Chromium and WebKitGTK a 1-byte body too; and the
    ///   codes each engine refuses (see
    ///   [`CloseCode::received_by`](CloseCode::received_by)): 1005, 1006
    ///   and 1015 in Chromium, none in Firefox, all but 1000-1003,
    ///   1007-1011 and 3000-4999 in WebKitGTK.
    /// - Any other body: its code and reason, clean. This includes codes
    ///   RFC 6455 does not allow in a Close frame, which
    ///   [`from_body`](CloseEvent::from_body) reports as abnormal.
    ///
    /// ```
    /// use ws_close_codes::{Browser, CloseCode, CloseEvent};
    ///
    /// // 4999: sent and reported as is, by every engine.
    /// for browser in Browser::ALL {
    ///     let event = CloseEvent::from_body_as(browser, b"\x13\x87bye");
    ///     assert_eq!((event.code().as_u16(), event.reason(), event.was_clean()), (4999, "bye", true));
    /// }
    ///
    /// // 1014 (Bad Gateway): Chromium and Firefox report it, WebKitGTK fails.
    /// let bad_gateway = b"\x03\xf6";
    /// assert_eq!(CloseEvent::from_body_as(Browser::Chromium, bad_gateway).code(), CloseCode::BadGateway);
    /// assert_eq!(CloseEvent::from_body_as(Browser::WebKit, bad_gateway), CloseEvent::abnormal());
    ///
    /// // 1004 breaks RFC 6455, but Chromium and Firefox report it.
    /// assert_eq!(CloseEvent::from_body_as(Browser::Firefox, b"\x03\xec").code(), CloseCode::Reserved);
    /// assert_eq!(CloseEvent::from_body(b"\x03\xec"), CloseEvent::abnormal());
    ///
    /// // A 1-byte body: Firefox reads no code, the others fail.
    /// assert_eq!(CloseEvent::from_body_as(Browser::Firefox, b"\x03"), CloseEvent::no_status());
    /// assert_eq!(CloseEvent::from_body_as(Browser::Chromium, b"\x03"), CloseEvent::abnormal());
    ///
    /// // A reason that is not UTF-8, a body of 126 bytes: every engine fails.
    /// for browser in Browser::ALL {
    ///     assert_eq!(CloseEvent::from_body_as(browser, b"\x03\xe8\xff"), CloseEvent::abnormal());
    ///     assert_eq!(CloseEvent::from_body_as(browser, &[b'a'; 126]), CloseEvent::abnormal());
    ///     assert_eq!(CloseEvent::from_body_as(browser, b""), CloseEvent::no_status());
    /// }
    /// ```
    pub const fn from_body_as(browser: Browser, body: &'a [u8]) -> Self {
        // A body the engine delivers is empty, a code with a UTF-8 reason,
        // or (in Firefox) a single byte, read as no code.
        let (code, reason) = match body.split_first_chunk::<CODE_LEN>() {
            Some((code, reason)) => (CloseCode::from_u16(u16::from_be_bytes(*code)), reason),
            None => (CloseCode::NoStatusRcvd, b"".as_slice()),
        };
        let reason = match core::str::from_utf8(reason) {
            Ok(reason) => reason,
            Err(_) => return CloseEvent::abnormal(),
        };
        match browser.peer().receives(body) {
            Delivery::Delivered => CloseEvent::new(code, reason, true),
            Delivery::Replaced(replacement) => match replacement.reason() {
                Some(reason) => {
                    CloseEvent::new(replacement.code(), reason, replacement.was_clean())
                }
                None => CloseEvent::new(replacement.code(), reason, replacement.was_clean()),
            },
            Delivery::Failed(failure) => match failure.reported_code() {
                Some(code) => CloseEvent::new(code, "", false),
                None => CloseEvent::abnormal(),
            },
        }
    }

    /// The event a message from a WebSocket stack carries: for a Close
    /// message, its code and reason, clean, or
    /// [`no_status`](CloseEvent::no_status) (1005, clean) when the peer's
    /// Close frame had no code; `None` for any other message (text,
    /// binary, ping, pong), which does not end the connection.
    ///
    /// `message` is a message of a stack whose feature is on: see
    /// [`StackMessage`] for the types. Nothing is checked, as with
    /// [`CloseEvent::new`]: the event reports the code and reason the stack
    /// hands over, also a code this crate's rules refuse (a stack may pass
    /// on a Close frame it did not check). To also report a connection that
    /// ended without a Close frame, read with
    /// [`from_next`](CloseEvent::from_next).
    ///
    #[cfg_attr(feature = "tungstenite", doc = "```")]
    #[cfg_attr(not(feature = "tungstenite"), doc = "```ignore")]
    #[doc = concat!("# use ", tungstenite_newest_crate!(), " as tungstenite;")]
    /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
    /// use tungstenite::protocol::CloseFrame;
    /// use tungstenite::Message;
    /// use ws_close_codes::{CloseCode, CloseEvent};
    ///
    /// let busy = Message::Close(Some(CloseFrame {
    ///     code: TungsteniteCode::Again,
    ///     reason: "server busy".into(),
    /// }));
    /// let event = CloseEvent::from_message(&busy).unwrap();
    /// assert_eq!((event.code(), event.reason()), (CloseCode::TryAgainLater, "server busy"));
    /// assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
    ///
    /// assert_eq!(CloseEvent::from_message(&Message::Close(None)), Some(CloseEvent::no_status()));
    /// assert_eq!(CloseEvent::from_message(&Message::text("hello")), None);
    /// ```
    pub fn from_message<M: StackMessage>(message: &'a M) -> Option<Self> {
        message.close_event()
    }

    /// The event for what a read from a WebSocket stack gave: for a Close
    /// message, as [`from_message`](CloseEvent::from_message); for an
    /// error or the end of the stream, [`abnormal`](CloseEvent::abnormal)
    /// (1006, not clean), since the connection failed or ended without a
    /// Close frame; `None` for any other message: the connection goes on.
    ///
    /// `next` is what the read gave, by reference, with the message type
    /// of a stack whose feature is on ([`StackMessage`]) and any error
    /// type:
    ///
    /// - `&Option<Result<Message, Error>>` or `Option<&Result<Message,
    ///   Error>>` (`.as_ref()`): what a stream's `next().await` gives, in
    ///   tokio-tungstenite, async-tungstenite, tokio-websockets, warp and
    ///   poem, and in actix-ws, axum and salvo (also their `recv().await`);
    /// - `&Result<Message, Error>`: what tungstenite's blocking
    ///   `WebSocket::read` gives.
    ///
    /// The first event is how the connection ended: report that one. A
    /// stack's stream ends after the Close message, and that end alone
    /// would read as 1006. But read on until the stream ends, with a
    /// timeout on a real socket, before dropping it: when the peer closed
    /// first, tungstenite (and tokio-tungstenite, axum and the other
    /// stacks on it) only queues its answering Close frame and sends it on
    /// the next read or flush, so a reader that stops at the event leaves
    /// the peer without an answer (tungstenite there fails with
    /// "Connection reset without closing handshake", and a browser
    /// reports 1006). When this side closed first, the event is the peer's
    /// answer and the stream ends right after it.
    ///
    #[cfg_attr(feature = "tungstenite", doc = "```")]
    #[cfg_attr(not(feature = "tungstenite"), doc = "```ignore")]
    #[doc = concat!("# use ", tungstenite_newest_crate!(), " as tungstenite;")]
    /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
    /// use tungstenite::protocol::CloseFrame;
    /// use tungstenite::{Error, Message};
    /// use ws_close_codes::CloseEvent;
    ///
    /// /// Reads until the connection ends; the log line says how.
    /// fn read_all(mut next: impl FnMut() -> Option<Result<Message, Error>>) -> String {
    ///     loop {
    ///         let item = next(); // `socket.next().await` on a stream
    ///         if let Some(event) = CloseEvent::from_next(&item) {
    ///             // Read on to the end (on a socket, within a timeout):
    ///             // this read sends the answer to the peer's Close frame.
    ///             while let Some(Ok(_)) = next() {}
    ///             return event.to_string();
    ///         }
    ///         // A data message: handle it.
    ///     }
    /// }
    ///
    /// // Here a list of what a socket yields stands in for the socket.
    /// let mut socket = vec![
    ///     Ok(Message::text("hello")),
    ///     Ok(Message::Close(Some(CloseFrame {
    ///         code: TungsteniteCode::Library(4001),
    ///         reason: "kicked".into(),
    ///     }))),
    /// ]
    /// .into_iter();
    /// assert_eq!(read_all(|| socket.next()), "4001: kicked");
    ///
    /// // The stream ends without a Close frame.
    /// let mut socket = vec![Ok(Message::text("hello"))].into_iter();
    /// assert_eq!(read_all(|| socket.next()), "1006 Abnormal Closure (not clean)");
    ///
    /// // An error.
    /// let mut socket = vec![Err(Error::AlreadyClosed)].into_iter();
    /// assert_eq!(read_all(|| socket.next()), "1006 Abnormal Closure (not clean)");
    /// ```
    pub fn from_next<M, E>(next: impl Into<Option<&'a Result<M, E>>>) -> Option<Self>
    where
        M: StackMessage + 'a,
        E: 'a,
    {
        match next.into() {
            Some(Ok(message)) => message.close_event(),
            Some(Err(_)) | None => Some(CloseEvent::abnormal()),
        }
    }

    /// The code (`CloseEvent.code`).
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    /// assert_eq!(CloseEvent::abnormal().code(), CloseCode::AbnormalClosure);
    /// ```
    pub const fn code(self) -> CloseCode {
        self.code
    }

    /// The reason (`CloseEvent.reason`); empty when there was none.
    ///
    /// ```
    /// use ws_close_codes::CloseEvent;
    /// assert_eq!(CloseEvent::from_body(b"\x03\xe8done").reason(), "done");
    /// ```
    pub const fn reason(self) -> &'a str {
        self.reason
    }

    /// Whether the closing handshake completed (`CloseEvent.wasClean`).
    ///
    /// ```
    /// use ws_close_codes::CloseEvent;
    /// assert!(CloseEvent::no_status().was_clean());
    /// assert!(!CloseEvent::abnormal().was_clean());
    /// ```
    pub const fn was_clean(self) -> bool {
        self.was_clean
    }

    /// The event's log line with its code written as a code of `C`, an enum
    /// made by [`close_codes!`](crate::close_codes): `4000 Room Closed:
    /// reason` where `Display` writes `4000: reason`, since [`CloseCode`]
    /// knows only IANA's names. Everything else is as `Display` writes it
    /// (the reason escaped, ` (not clean)`); codes `C` has no name for are
    /// written as numbers, as `Display` does.
    ///
    /// ```
    /// use ws_close_codes::{CloseEvent, CloseFrame};
    ///
    /// ws_close_codes::close_codes! {
    ///     pub enum ChatCloseCode {
    ///         RoomClosed = 4000 { name: "Room Closed", description: "The owner closed the room." },
    ///     }
    /// }
    ///
    /// let event = CloseEvent::from_body(b"\x0f\xa0bye all");
    /// assert_eq!(event.to_string(), "4000: bye all");
    /// let line = event.display_as::<ChatCloseCode>().to_string();
    /// assert_eq!(line, format!("{}: bye all", ChatCloseCode::RoomClosed));
    /// assert_eq!(line, "4000 Room Closed: bye all");
    ///
    /// // IANA's codes read as they always do.
    /// let event = CloseEvent::abnormal();
    /// assert_eq!(event.display_as::<ChatCloseCode>().to_string(), event.to_string());
    /// ```
    pub fn display_as<C>(self) -> impl fmt::Display + 'a
    where
        C: From<CloseCode> + fmt::Display + 'a,
    {
        DisplayAs {
            event: self,
            code: C::from(self.code),
        }
    }
}

/// What [`CloseEvent::display_as`] returns.
struct DisplayAs<'a, C> {
    event: CloseEvent<'a>,
    code: C,
}

impl<C: fmt::Display> fmt::Display for DisplayAs<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.event.write(f, &self.code)
    }
}

/// `ws_close_codes::CloseFrame` to `ws_close_codes::CloseEvent`: the same
/// as [`CloseEvent::from_frame`] with `Some(frame)`.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};
/// let event = CloseEvent::from(CloseFrame::new(CloseCode::GoingAway, "")?);
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
impl<'a> From<CloseFrame<'a>> for CloseEvent<'a> {
    fn from(frame: CloseFrame<'a>) -> Self {
        CloseEvent::from_frame(Some(frame))
    }
}

/// `Option<ws_close_codes::CloseFrame>` to `ws_close_codes::CloseEvent`:
/// the same as [`CloseEvent::from_frame`] (`None`, an empty body, is 1005).
///
/// With a WebSocket stack's feature on, a bare `None` fits the stack's
/// conversions too: write [`CloseEvent::no_status`] for it.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};
/// let frame = CloseFrame::decode(b"")?;
/// assert_eq!(CloseEvent::from(frame), CloseEvent::no_status());
/// let frame = CloseFrame::decode(b"\x03\xe8")?;
/// assert_eq!(CloseEvent::from(frame).code(), CloseCode::NormalClosure);
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
impl<'a> From<Option<CloseFrame<'a>>> for CloseEvent<'a> {
    fn from(frame: Option<CloseFrame<'a>>) -> Self {
        CloseEvent::from_frame(frame)
    }
}

/// The message types of the WebSocket stacks, which
/// [`CloseEvent::from_message`] and [`CloseEvent::from_next`] read.
///
/// Implemented, each with its stack's feature, for:
///
/// - `tungstenite::Message` of every tungstenite line (each line's feature,
///   and `tungstenite` for the newest): a close is
///   `Message::Close(Option<CloseFrame>)`;
/// - `actix_http::ws::Message` and `actix_http::ws::Frame` (`actix-http`):
///   a close is `Close(Option<CloseReason>)`;
/// - `tokio_websockets::Message` (`tokio-websockets`): a close is a
///   message whose `as_close()` is `Some`;
/// - `axum::extract::ws::Message` (`axum-0_8`): a close is
///   `Message::Close(Option<CloseFrame>)`;
/// - `warp::ws::Message` (`warp-0_4`): a close is a message whose
///   `is_close()` is true, its code and reason in `close_frame()`;
/// - `poem::web::websocket::Message` (`poem-3`): a close is
///   `Message::Close(Option<(CloseCode, String)>)`;
/// - `salvo::websocket::Message` (`salvo-1`): a close is a message whose
///   `is_close()` is true, its code and reason in `close_frame()`.
///
/// The trait is sealed: this crate implements it for these types only, and
/// it has no methods of its own to call; use the two functions.
///
#[cfg_attr(feature = "tungstenite", doc = "```")]
#[cfg_attr(not(feature = "tungstenite"), doc = "```ignore")]
#[doc = concat!("# use ", tungstenite_newest_crate!(), " as tungstenite;")]
/// use tungstenite::Message;
/// use ws_close_codes::{CloseEvent, StackMessage};
///
/// fn is_close(message: &impl StackMessage) -> bool {
///     CloseEvent::from_message(message).is_some()
/// }
/// assert!(is_close(&Message::Close(None)));
/// assert!(!is_close(&Message::binary(vec![1, 2])));
/// ```
pub trait StackMessage: sealed::Sealed {}

/// The sealed part of [`StackMessage`]: what the stack modules implement.
pub(crate) mod sealed {
    use super::CloseEvent;

    /// A message type of a WebSocket stack.
    pub trait Sealed {
        /// The event of a Close message, clean: its code and reason, or
        /// 1005 without a code; `None` for every other message.
        fn close_event(&self) -> Option<CloseEvent<'_>>;
    }
}

/// The conversion from [`CloseFrame`] and the close event of a stack's
/// message that has no close code type: a close is built with
/// `Message::close_with(u16, reason)` and read with `message.is_close()`
/// and `message.close_frame()`, an `Option<(u16, &str)>`. warp 0.4's
/// `ws::Message` and salvo 1's `websocket::Message` (which copies warp's)
/// are such messages; each module passes the message type and the docs of
/// the two impls, which name its stack.
#[cfg(any(feature = "warp-0_4", feature = "salvo-1"))]
macro_rules! u16_close_message {
    (
        $message:ty;
        $(#[$from_doc:meta])*
        from;
        $(#[$event_doc:meta])*
        event;
    ) => {
        $(#[$from_doc])*
        impl<'a> From<$crate::CloseFrame<'a>> for $message {
            fn from(frame: $crate::CloseFrame<'a>) -> Self {
                let reason = alloc::string::String::from(frame.reason());
                <$message>::close_with(frame.code().as_u16(), reason)
            }
        }

        $(#[$event_doc])*
        impl $crate::StackMessage for $message {}

        impl $crate::event::sealed::Sealed for $message {
            fn close_event(&self) -> Option<$crate::CloseEvent<'_>> {
                if !self.is_close() {
                    return None;
                }
                Some(match self.close_frame() {
                    Some((code, reason)) => {
                        $crate::CloseEvent::new($crate::CloseCode::from_u16(code), reason, true)
                    }
                    None => $crate::CloseEvent::no_status(),
                })
            }
        }
    };
}
#[cfg(any(feature = "warp-0_4", feature = "salvo-1"))]
pub(crate) use u16_close_message;

/// Whether the reason's character `c` is written escaped by `Display`: the
/// backslash (so that every escape reads back one way), the control
/// characters (C0, DEL, C1), the line and paragraph separators, and the
/// characters of Unicode's `Bidi_Control` property.
const fn is_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Writes `reason` with the characters of [`is_escaped`] escaped, and the
/// runs between them in one write each.
pub(crate) fn write_reason(f: &mut fmt::Formatter<'_>, reason: &str) -> fmt::Result {
    let mut run = 0;
    for (at, c) in reason.char_indices() {
        if !is_escaped(c) {
            continue;
        }
        f.write_str(&reason[run..at])?;
        match c {
            '\\' => f.write_str("\\\\")?,
            '\t' => f.write_str("\\t")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            _ => {
                for escaped in c.escape_unicode() {
                    f.write_char(escaped)?;
                }
            }
        }
        run = at + c.len_utf8();
    }
    f.write_str(&reason[run..])
}

/// The line a log wants: the code (and its name when it has one), then
/// ` (not clean)` when the closing handshake did not complete, then `: `
/// and the reason when there is one. The names are IANA's; for the names
/// of an application's own codes, see
/// [`display_as`](CloseEvent::display_as).
///
/// The reason is the peer's text, so it is written in a way that cannot
/// break or disguise the line: a backslash as `\\`; tab, line feed and
/// carriage return as `\t`, `\n` and `\r`; every other control character
/// (U+0000-U+001F, U+007F-U+009F, among them the escape that starts ANSI
/// sequences), the line and paragraph separators U+2028 and U+2029, and
/// the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
/// U+2066-U+2069) as `\u{...}` with the hexadecimal value, as `{:?}`
/// writes them. Every other character, quotes and text in any script
/// included, is written as it is. The reason comes last, so what precedes
/// it is always this crate's text, and a line reads back as exactly one
/// event. `Debug` shows the fields instead.
///
/// ```
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let busy = CloseEvent::new(CloseCode::TryAgainLater, "server busy", true);
/// assert_eq!(busy.to_string(), "1013 Try Again Later: server busy");
/// let kicked = CloseEvent::new(CloseCode::from(4001), "kicked", true);
/// assert_eq!(kicked.to_string(), "4001: kicked");
/// assert_eq!(CloseEvent::from_body(b"\x03\xe8").to_string(), "1000 Normal Closure");
/// assert_eq!(CloseEvent::no_status().to_string(), "1005 No Status Rcvd");
/// assert_eq!(CloseEvent::abnormal().to_string(), "1006 Abnormal Closure (not clean)");
///
/// // The peer's text cannot start a new line or recolour a terminal.
/// let forged = CloseEvent::new(CloseCode::NormalClosure, "bye\nERROR admin \x1b[2J", true);
/// assert_eq!(forged.to_string(), r"1000 Normal Closure: bye\nERROR admin \u{1b}[2J");
/// ```
impl fmt::Display for CloseEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &self.code)
    }
}

impl CloseEvent<'_> {
    /// Writes the event's line with `code` standing for its code.
    fn write(&self, f: &mut fmt::Formatter<'_>, code: &dyn fmt::Display) -> fmt::Result {
        write!(f, "{code}")?;
        if !self.was_clean {
            f.write_str(" (not clean)")?;
        }
        if !self.reason.is_empty() {
            f.write_str(": ")?;
            write_reason(f, self.reason)?;
        }
        Ok(())
    }
}
