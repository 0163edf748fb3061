//! [`UnsendableCode`], the error of the conversions to a WebSocket
//! stack's close-code type that refuse the codes that may not be sent
//! (tokio-websockets' and ratchet_rs').

use core::fmt;

use crate::CloseCode;

/// A close code that may not be sent in a Close frame, refused by the
/// conversion to `tokio_websockets::CloseCode` (the feature
/// `tokio-websockets`) or to `ratchet_rs::CloseCode` (the feature
/// `ratchet_rs`).
///
#[cfg_attr(feature = "tokio-websockets", doc = "```")]
#[cfg_attr(not(feature = "tokio-websockets"), doc = "```ignore")]
/// use ws_close_codes::CloseCode;
///
/// let error = tokio_websockets::CloseCode::try_from(CloseCode::NoStatusRcvd).unwrap_err();
/// assert_eq!(error.code(), CloseCode::NoStatusRcvd);
/// assert_eq!(
///     error.to_string(),
///     "close code 1005 No Status Rcvd may not be sent in a Close frame",
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnsendableCode {
    code: CloseCode,
    /// The stack that cannot send a code RFC 6455 allows, if that is why.
    stack: Option<&'static str>,
}

impl UnsendableCode {
    /// The error for `code`, which the caller found unsendable.
    pub(crate) const fn new(code: CloseCode) -> Self {
        UnsendableCode { code, stack: None }
    }

    /// The error for `code`, which may be sent but which `stack` cannot
    /// hold.
    #[cfg_attr(not(feature = "ratchet_rs"), allow(dead_code))]
    pub(crate) const fn not_held_by(code: CloseCode, stack: &'static str) -> Self {
        UnsendableCode {
            code,
            stack: Some(stack),
        }
    }

    /// The code that was refused.
    ///
    #[cfg_attr(feature = "tokio-websockets", doc = "```")]
    #[cfg_attr(not(feature = "tokio-websockets"), doc = "```ignore")]
    /// use ws_close_codes::CloseCode;
    /// let error = tokio_websockets::CloseCode::try_from(CloseCode::from(999)).unwrap_err();
    /// assert_eq!(error.code().as_u16(), 999);
    /// ```
    pub const fn code(self) -> CloseCode {
        self.code
    }
}

/// A sentence naming the code, and the stack when the code may be sent
/// but the stack cannot hold it.
///
#[cfg_attr(feature = "tokio-websockets", doc = "```")]
#[cfg_attr(not(feature = "tokio-websockets"), doc = "```ignore")]
/// use ws_close_codes::CloseCode;
/// let error = tokio_websockets::CloseCode::try_from(CloseCode::from(5000)).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "close code 5000 may not be sent in a Close frame",
/// );
/// ```
impl fmt::Display for UnsendableCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.stack {
            None => write!(
                f,
                "close code {} may not be sent in a Close frame",
                self.code
            ),
            Some(stack) => write!(
                f,
                "close code {} may be sent, but {stack} cannot hold it",
                self.code
            ),
        }
    }
}

impl core::error::Error for UnsendableCode {}
