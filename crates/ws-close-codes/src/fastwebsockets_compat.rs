//! Conversions with fastwebsockets 0.10's `CloseCode`.
//!
//! fastwebsockets' `CloseCode` is tungstenite's of 2017, copied: it holds
//! every `u16` (`From<u16>` is total), so the conversions are lossless both
//! ways. It files 1014 (Bad Gateway) under `Bad`, and its `is_allowed()`,
//! which decides what its `read_frame` accepts, refuses it:
//! [`Peer::FastWebsockets`](crate::Peer::FastWebsockets) has what its
//! application sees of each code. fastwebsockets sends a Close frame with
//! `Frame::close(u16, reason)`, which checks neither the code nor the
//! length; [`CloseFrame`](crate::CloseFrame) checks both.

use fastwebsockets::CloseCode as FwsCode;

use crate::CloseCode;

/// `fastwebsockets::CloseCode` to `ws_close_codes::CloseCode`: the same
/// number, for every code.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(fastwebsockets::CloseCode::Again), CloseCode::TryAgainLater);
/// // fastwebsockets has no variant for 1014 (Bad Gateway): `Bad(1014)`.
/// assert_eq!(CloseCode::from(fastwebsockets::CloseCode::Bad(1014)), CloseCode::BadGateway);
/// ```
impl From<FwsCode> for CloseCode {
    fn from(code: FwsCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseCode` to `fastwebsockets::CloseCode`: the same
/// number, for every code (fastwebsockets can hold any `u16`).
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
///
/// let theirs = fastwebsockets::CloseCode::from(CloseCode::TryAgainLater);
/// assert_eq!(theirs, fastwebsockets::CloseCode::Again);
/// assert!(theirs.is_allowed());
///
/// // 1014 may be sent, but fastwebsockets refuses it on receipt.
/// let theirs = fastwebsockets::CloseCode::from(CloseCode::BadGateway);
/// assert!(CloseCode::BadGateway.is_sendable() && !theirs.is_allowed());
/// assert!(!CloseCode::BadGateway.received_by(Peer::FastWebsockets).is_delivered());
/// ```
impl From<CloseCode> for FwsCode {
    fn from(code: CloseCode) -> Self {
        FwsCode::from(code.as_u16())
    }
}
