//! Rust in the browser: the DOM's own `CloseEvent` and `WebSocket` through
//! web-sys 0.3 (its `CloseEvent` and `WebSocket` features only).
//!
//! A script may pass `WebSocket.close()` only 1000 or 3000-4999, and a
//! reason of at most 123 bytes of UTF-8; anything else makes the browser
//! throw (WHATWG WebSockets standard). [`CloseWebSocket`] checks both
//! before calling the browser, and [`WebSocketCloseError`] says which rule
//! a refused close broke, with the numbers. web-sys re-exports
//! `wasm_bindgen`, so `JsValue` needs no dependency of its own.

use alloc::string::String;
use core::fmt;

use web_sys::wasm_bindgen::JsValue;

use crate::rules::{MAX_REASON_LEN, SCRIPT_CLOSE_CODE, SCRIPT_CLOSE_RANGE};
use crate::{CloseCode, CloseEvent, CloseFrame};

impl<'a> CloseEvent<'a> {
    /// The event a browser reported, from web-sys' `CloseEvent`: its
    /// `code`, its `reason` and its `wasClean`, as the page was told, with
    /// nothing checked (as [`CloseEvent::new`]).
    ///
    /// web-sys hands the reason over as a new `String` on each call, and
    /// a [`CloseEvent`] borrows its reason, so the reason is written into
    /// `reason`, a `String` the caller keeps (its old content is replaced;
    /// one `String` can serve every event), and the event borrows it.
    ///
    /// Enabled by the feature `web-sys`. The example runs in a browser
    /// only (web-sys' functions panic elsewhere); the repository's
    /// `crates/web-sys-check` runs the same steps in headless Chromium.
    ///
    /// ```no_run
    /// use web_sys::wasm_bindgen::closure::Closure;
    /// use web_sys::wasm_bindgen::JsCast;
    /// use web_sys::WebSocket;
    /// use ws_close_codes::CloseEvent;
    ///
    /// let socket = WebSocket::new("ws://127.0.0.1:8080/").unwrap();
    /// let mut reason = String::new();
    /// let onclose = Closure::<dyn FnMut(web_sys::CloseEvent)>::new(move |dom: web_sys::CloseEvent| {
    ///     let event = CloseEvent::from_web_sys(&dom, &mut reason);
    ///     // The log line, such as `4001: kicked`.
    ///     let line = event.to_string();
    ///     # let _ = line;
    /// });
    /// socket.set_onclose(Some(onclose.as_ref().unchecked_ref()));
    /// onclose.forget();
    /// ```
    pub fn from_web_sys(event: &web_sys::CloseEvent, reason: &'a mut String) -> Self {
        *reason = event.reason();
        CloseEvent::new(
            CloseCode::from_u16(event.code()),
            reason.as_str(),
            event.was_clean(),
        )
    }
}

/// `WebSocket.close()` with a code and a reason, checked first: a code the
/// browser does not accept from a script, or a reason over 123 bytes, is
/// refused with a [`WebSocketCloseError`] that names the rule, and the
/// browser is not called; otherwise the browser closes, and an exception
/// it throws all the same is passed through
/// ([`WebSocketCloseError::Thrown`]).
///
/// Implemented for `web_sys::WebSocket` (the feature `web-sys`); import the
/// trait to call its methods. The trait is sealed.
///
/// `WebSocket.close(code, reason)` accepts only 1000 and 3000-4999
/// ([`CloseCode::is_accepted_by_websocket_close`]): the sendable codes
/// 1001-1003 and 1007-1014 are for the browser itself to send, and a script
/// that passes one gets an `InvalidAccessError`, as it does for 1005
/// ([`CloseCode::NoStatusRcvd`]), which gloo-net 0.7's `close(None,
/// Some(reason))` passes (see the crate documentation on gloo-net and
/// ws_stream_wasm).
///
/// ```no_run
/// use web_sys::WebSocket;
/// use ws_close_codes::{close_frame, CloseCode, CloseFrame, CloseWebSocket, WebSocketCloseError};
///
/// const BYE: CloseFrame<'static> = close_frame!(CloseCode::NormalClosure, "leaving the room");
///
/// let socket = WebSocket::new("ws://127.0.0.1:8080/chat").unwrap();
/// socket.close_with_frame(BYE).unwrap();
///
/// // Refused before the browser is called, with the rule.
/// let error = socket.close_checked(CloseCode::GoingAway, "").unwrap_err();
/// assert!(matches!(error, WebSocketCloseError::CodeNotAccepted { .. }));
/// ```
pub trait CloseWebSocket: sealed::Sealed {
    /// Closes with `code` and `reason` (empty for none), after checking
    /// both as [`WebSocketCloseError::check`] does. `code` is a
    /// [`CloseCode`], a code of an enum made by
    /// [`close_codes!`](crate::close_codes), or a `u16`.
    ///
    /// ```no_run
    /// use web_sys::WebSocket;
    /// use ws_close_codes::{CloseCode, CloseWebSocket, WebSocketCloseError};
    ///
    /// let socket = WebSocket::new("ws://127.0.0.1:8080/").unwrap();
    /// socket.close_checked(4001_u16, "kicked").unwrap();
    /// assert!(matches!(
    ///     socket.close_checked(CloseCode::NoStatusRcvd, "bye"),
    ///     Err(WebSocketCloseError::CodeNotAccepted { .. }),
    /// ));
    /// ```
    fn close_checked(
        &self,
        code: impl Into<CloseCode>,
        reason: &str,
    ) -> Result<(), WebSocketCloseError>;

    /// Closes with the code and the reason of `frame`, checked as
    /// [`close_checked`](CloseWebSocket::close_checked) does: a
    /// [`CloseFrame`] holds a code that may be sent and a reason of at most
    /// 123 bytes, but among the codes that may be sent `WebSocket.close()`
    /// accepts only 1000 and 3000-4999.
    ///
    /// ```no_run
    /// use web_sys::WebSocket;
    /// use ws_close_codes::{close_frame, CloseCode, CloseWebSocket};
    ///
    /// let socket = WebSocket::new("ws://127.0.0.1:8080/").unwrap();
    /// socket.close_with_frame(close_frame!(CloseCode::from_u16(4000), "done")).unwrap();
    /// ```
    fn close_with_frame(&self, frame: CloseFrame<'_>) -> Result<(), WebSocketCloseError>;
}

impl CloseWebSocket for web_sys::WebSocket {
    fn close_checked(
        &self,
        code: impl Into<CloseCode>,
        reason: &str,
    ) -> Result<(), WebSocketCloseError> {
        let code = code.into();
        WebSocketCloseError::check(code, reason)?;
        self.close_with_code_and_reason(code.as_u16(), reason)
            .map_err(WebSocketCloseError::Thrown)
    }

    fn close_with_frame(&self, frame: CloseFrame<'_>) -> Result<(), WebSocketCloseError> {
        self.close_checked(frame.code(), frame.reason())
    }
}

mod sealed {
    /// Only `web_sys::WebSocket` implements [`CloseWebSocket`](super::CloseWebSocket).
    pub trait Sealed {}

    impl Sealed for web_sys::WebSocket {}
}

/// Why [`CloseWebSocket`] did not close: a code or a reason that
/// `WebSocket.close()` refuses (the browser was not called), or what the
/// browser threw.
///
/// Enabled by the feature `web-sys`.
///
/// ```
/// use ws_close_codes::{CloseCode, WebSocketCloseError};
///
/// let error = WebSocketCloseError::check(CloseCode::NoStatusRcvd, "bye").unwrap_err();
/// assert_eq!(error, WebSocketCloseError::CodeNotAccepted { code: CloseCode::NoStatusRcvd });
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum WebSocketCloseError {
    /// `WebSocket.close()` does not accept this code from a script: only
    /// 1000 and 3000-4999 ([`CloseCode::is_accepted_by_websocket_close`]).
    /// The browser would throw an `InvalidAccessError`.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, WebSocketCloseError};
    /// assert_eq!(
    ///     WebSocketCloseError::check(1001_u16, ""),
    ///     Err(WebSocketCloseError::CodeNotAccepted { code: CloseCode::GoingAway }),
    /// );
    /// ```
    CodeNotAccepted {
        /// The code that was refused.
        code: CloseCode,
    },
    /// The reason is longer than the 123 bytes of UTF-8 that
    /// `WebSocket.close()` accepts. The browser would throw a
    /// `SyntaxError`. The bytes are counted as the browser counts them: in
    /// UTF-8, so 62 `é` (124 bytes) are too long.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, WebSocketCloseError};
    /// assert_eq!(
    ///     WebSocketCloseError::check(CloseCode::NormalClosure, &"é".repeat(62)),
    ///     Err(WebSocketCloseError::ReasonTooLong { len: 124 }),
    /// );
    /// ```
    ReasonTooLong {
        /// The reason's length in bytes of UTF-8.
        len: usize,
    },
    /// The code and the reason passed the checks, and the browser threw
    /// this all the same: its exception, as it came.
    ///
    /// `Display` writes it as `WebSocket.close() threw ` and the
    /// exception's `Debug` (which asks the browser for its text).
    ///
    /// ```
    /// use web_sys::wasm_bindgen::JsValue;
    /// use ws_close_codes::WebSocketCloseError;
    ///
    /// fn thrown(error: &WebSocketCloseError) -> Option<&JsValue> {
    ///     match error {
    ///         WebSocketCloseError::Thrown(exception) => Some(exception),
    ///         _ => None,
    ///     }
    /// }
    /// assert!(thrown(&WebSocketCloseError::Thrown(JsValue::NULL)).is_some());
    /// assert!(thrown(&WebSocketCloseError::ReasonTooLong { len: 124 }).is_none());
    /// ```
    Thrown(JsValue),
}

impl WebSocketCloseError {
    /// Whether `WebSocket.close()` accepts `code` and `reason` from a
    /// script: the code is checked first, as the browser does
    /// ([`CodeNotAccepted`](WebSocketCloseError::CodeNotAccepted)), then
    /// the reason's length ([`ReasonTooLong`](WebSocketCloseError::ReasonTooLong)).
    /// Runs anywhere (it calls no browser): use it before a close through a
    /// library that takes a `u16` and a reason, such as gloo-net or
    /// ws_stream_wasm.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, WebSocketCloseError};
    ///
    /// assert_eq!(WebSocketCloseError::check(CloseCode::NormalClosure, "done"), Ok(()));
    /// assert_eq!(WebSocketCloseError::check(4999_u16, &"a".repeat(123)), Ok(()));
    /// assert!(WebSocketCloseError::check(5000_u16, "").is_err());
    /// assert!(WebSocketCloseError::check(4000_u16, &"a".repeat(124)).is_err());
    /// ```
    pub fn check(code: impl Into<CloseCode>, reason: &str) -> Result<(), WebSocketCloseError> {
        let code = code.into();
        if !code.is_accepted_by_websocket_close() {
            return Err(WebSocketCloseError::CodeNotAccepted { code });
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(WebSocketCloseError::ReasonTooLong { len: reason.len() });
        }
        Ok(())
    }
}

/// A sentence naming the rule and the numbers, or what the browser threw.
///
/// ```
/// use ws_close_codes::{CloseCode, WebSocketCloseError};
///
/// assert_eq!(
///     WebSocketCloseError::CodeNotAccepted { code: CloseCode::from(5000) }.to_string(),
///     "close code 5000 is not accepted by WebSocket.close(), which takes 1000 and 3000-4999 \
///      (the browser throws InvalidAccessError)",
/// );
/// assert_eq!(
///     WebSocketCloseError::ReasonTooLong { len: 130 }.to_string(),
///     "close reason of 130 bytes of UTF-8 is longer than the 123 bytes WebSocket.close() takes \
///      (the browser throws SyntaxError)",
/// );
/// ```
impl fmt::Display for WebSocketCloseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebSocketCloseError::CodeNotAccepted { code } => write!(
                f,
                "close code {code} is not accepted by WebSocket.close(), which takes \
                 {SCRIPT_CLOSE_CODE} and {}-{} (the browser throws InvalidAccessError)",
                SCRIPT_CLOSE_RANGE.start(),
                SCRIPT_CLOSE_RANGE.end(),
            ),
            WebSocketCloseError::ReasonTooLong { len } => write!(
                f,
                "close reason of {len} bytes of UTF-8 is longer than the {MAX_REASON_LEN} bytes \
                 WebSocket.close() takes (the browser throws SyntaxError)",
            ),
            WebSocketCloseError::Thrown(exception) => {
                write!(f, "WebSocket.close() threw {exception:?}")
            }
        }
    }
}

impl core::error::Error for WebSocketCloseError {}
