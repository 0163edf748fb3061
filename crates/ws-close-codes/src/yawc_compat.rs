//! Conversions with yawc 0.5's `CloseCode`.
//!
//! yawc's `CloseCode` is fastwebsockets' (tungstenite's of 2017): it holds
//! every `u16` (`From<u16>` is total), so the conversions are lossless both
//! ways. It files 1014 (Bad Gateway) under `Bad`, and its `is_allowed()`,
//! which decides what its `next_frame` accepts, refuses it:
//! [`Peer::Yawc`](crate::Peer::Yawc) has what its application sees of each
//! code. yawc sends a Close frame with `Frame::close(CloseCode, reason)`,
//! which checks neither the code nor the length;
//! [`CloseFrame`](crate::CloseFrame) checks both.

use yawc::close::CloseCode as YawcCode;

use crate::CloseCode;

/// `yawc::close::CloseCode` to `ws_close_codes::CloseCode`: the same
/// number, for every code.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(yawc::close::CloseCode::Again), CloseCode::TryAgainLater);
/// // yawc has no variant for 1014 (Bad Gateway): `Bad(1014)`.
/// assert_eq!(CloseCode::from(yawc::close::CloseCode::Bad(1014)), CloseCode::BadGateway);
/// ```
impl From<YawcCode> for CloseCode {
    fn from(code: YawcCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseCode` to `yawc::close::CloseCode`: the same
/// number, for every code (yawc can hold any `u16`).
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
///
/// let theirs = yawc::close::CloseCode::from(CloseCode::TryAgainLater);
/// assert_eq!(theirs, yawc::close::CloseCode::Again);
/// assert!(theirs.is_allowed());
///
/// // 1014 may be sent, but yawc refuses it on receipt.
/// let theirs = yawc::close::CloseCode::from(CloseCode::BadGateway);
/// assert!(CloseCode::BadGateway.is_sendable() && !theirs.is_allowed());
/// assert!(!CloseCode::BadGateway.received_by(Peer::Yawc).is_delivered());
/// ```
impl From<CloseCode> for YawcCode {
    fn from(code: CloseCode) -> Self {
        YawcCode::from(code.as_u16())
    }
}
