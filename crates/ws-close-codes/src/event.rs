//! How a connection ended, as the DOM's `CloseEvent` reports it.

use core::fmt;

use crate::rules::{CODE_LEN, MAX_BODY_LEN};
use crate::{CloseCode, CloseFrame};

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
/// ```
/// use ws_close_codes::{CloseCode, CloseEvent};
///
/// let event = CloseEvent::from_body(b"\x03\xe9server restarting");
/// assert_eq!(event.code(), CloseCode::GoingAway);
/// assert_eq!(event.reason(), "server restarting");
/// assert!(event.was_clean());
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
    /// Stricter than a browser on codes: a browser reports 0-999, 1004,
    /// 1016-2999 and 5000 and up as sent
    /// ([`CloseCode::is_reported_by_browsers`]), while this reports them as
    /// abnormal, like the strict libraries do. Use [`CloseEvent::new`] to
    /// report something else.
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

    /// The event a browser page sees for a received Close frame body: the
    /// DOM `CloseEvent` that Chromium reports (measured in headless
    /// Chromium 156; the repository's `crates/browser-check` test compares
    /// this function with a real browser).
    ///
    /// - An empty body: [`no_status`](CloseEvent::no_status) (1005, clean).
    /// - A body the browser fails the connection on:
    ///   [`abnormal`](CloseEvent::abnormal) (1006, no reason, not clean).
    ///   That is a 1-byte body, a body over 125 bytes, a code of 1005, 1006
    ///   or 1015 ([`rules::REPORT_ONLY`]), or a reason that is not UTF-8.
    /// - Any other body: its code and reason, clean. This includes codes RFC
    ///   6455 does not allow in a Close frame (0-999, 1004, the unassigned
    ///   1016-2999, 5000 and up), which [`from_body`](CloseEvent::from_body)
    ///   reports as abnormal; see [`CloseCode::is_reported_by_browsers`].
    ///
    /// [`rules::REPORT_ONLY`]: crate::rules::REPORT_ONLY
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent};
    ///
    /// // 4999: sent and reported as is.
    /// let event = CloseEvent::from_body_as_browser(b"\x13\x87bye");
    /// assert_eq!((event.code().as_u16(), event.reason(), event.was_clean()), (4999, "bye", true));
    ///
    /// // 999 and 1004 break RFC 6455, but a browser reports them.
    /// assert_eq!(CloseEvent::from_body_as_browser(b"\x03\xe7").code().as_u16(), 999);
    /// assert_eq!(CloseEvent::from_body_as_browser(b"\x03\xec").code(), CloseCode::Reserved);
    /// assert_eq!(CloseEvent::from_body(b"\x03\xec"), CloseEvent::abnormal());
    ///
    /// // The connection is failed on 1005, 1006 and 1015 and on malformed bodies.
    /// assert_eq!(CloseEvent::from_body_as_browser(b"\x03\xee"), CloseEvent::abnormal());
    /// assert_eq!(CloseEvent::from_body_as_browser(b"\x03"), CloseEvent::abnormal());
    /// assert_eq!(CloseEvent::from_body_as_browser(b"\x03\xe8\xff"), CloseEvent::abnormal());
    /// assert_eq!(CloseEvent::from_body_as_browser(&[b'a'; 126]), CloseEvent::abnormal());
    ///
    /// assert_eq!(CloseEvent::from_body_as_browser(b""), CloseEvent::no_status());
    /// ```
    pub const fn from_body_as_browser(body: &'a [u8]) -> Self {
        if body.is_empty() {
            return CloseEvent::no_status();
        }
        if body.len() < CODE_LEN || body.len() > MAX_BODY_LEN {
            return CloseEvent::abnormal();
        }
        let code = CloseCode::from_u16(u16::from_be_bytes([body[0], body[1]]));
        if !code.is_reported_by_browsers() {
            return CloseEvent::abnormal();
        }
        match core::str::from_utf8(body.split_at(CODE_LEN).1) {
            Ok(reason) => CloseEvent::new(code, reason, true),
            Err(_) => CloseEvent::abnormal(),
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
}

impl<'a> From<CloseFrame<'a>> for CloseEvent<'a> {
    /// Same as [`CloseEvent::from_frame`] with `Some(frame)`.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CloseEvent, CloseFrame};
    /// let event = CloseEvent::from(CloseFrame::new(CloseCode::GoingAway, "")?);
    /// assert_eq!(event.code(), CloseCode::GoingAway);
    /// # Ok::<(), ws_close_codes::CloseFrameError>(())
    /// ```
    fn from(frame: CloseFrame<'a>) -> Self {
        CloseEvent::from_frame(Some(frame))
    }
}

impl<'a> From<Option<CloseFrame<'a>>> for CloseEvent<'a> {
    /// Same as [`CloseEvent::from_frame`].
    ///
    /// ```
    /// use ws_close_codes::CloseEvent;
    /// assert_eq!(CloseEvent::from(None), CloseEvent::no_status());
    /// ```
    fn from(frame: Option<CloseFrame<'a>>) -> Self {
        CloseEvent::from_frame(frame)
    }
}

/// The code, then `clean` or `not clean`, then the reason when there is
/// one, quoted.
///
/// ```
/// use ws_close_codes::CloseEvent;
/// assert_eq!(CloseEvent::abnormal().to_string(), "1006 Abnormal Closure, not clean");
/// assert_eq!(
///     CloseEvent::from_body(b"\x03\xe8bye").to_string(),
///     "1000 Normal Closure, clean: \"bye\"",
/// );
/// ```
impl fmt::Display for CloseEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clean = if self.was_clean { "clean" } else { "not clean" };
        write!(f, "{}, {clean}", self.code)?;
        if !self.reason.is_empty() {
            write!(f, ": {:?}", self.reason)?;
        }
        Ok(())
    }
}
