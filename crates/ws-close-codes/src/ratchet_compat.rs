//! Conversions with ratchet_rs 1.2's `CloseCode`.
//!
//! ratchet_rs' `CloseCode` holds 1000-1003, 1005-1013, 1015 and 2000-4999
//! (it parses a code with `TryFrom<[u8; 2]>`); its `read` refuses 1005,
//! 1006, 1015 and 2000-2999 among those, and every code it cannot hold, 1014
//! (Bad Gateway) included: [`Peer::Ratchet`](crate::Peer::Ratchet) has
//! what its application sees of each code. The conversion to it refuses,
//! with [`UnsendableCode`], the codes that may not be sent and the ones it
//! cannot hold, so a converted code is one ratchet_rs' own `read` accepts.

use ratchet_rs::CloseCode as RatchetCode;

use crate::{CloseCode, UnsendableCode};

/// `ratchet_rs::CloseCode` to `ws_close_codes::CloseCode`: the same number,
/// for every code it holds.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(ratchet_rs::CloseCode::TryAgain), CloseCode::TryAgainLater);
/// assert_eq!(CloseCode::from(ratchet_rs::CloseCode::Application(4001)).as_u16(), 4001);
/// ```
impl From<RatchetCode> for CloseCode {
    fn from(code: RatchetCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// `ws_close_codes::CloseCode` to `ratchet_rs::CloseCode`, for the codes
/// that may be sent ([`CloseCode::is_sendable`]) and that ratchet_rs can
/// hold; [`UnsendableCode`] for the others: 1014 (Bad Gateway), which may
/// be sent but which ratchet_rs cannot hold, and every code that may not
/// be sent.
///
/// ```
/// use ratchet_rs::CloseReason;
/// use ws_close_codes::{CloseCode, UnsendableCode};
///
/// let code = ratchet_rs::CloseCode::try_from(CloseCode::GoingAway)?;
/// assert_eq!(code, ratchet_rs::CloseCode::GoingAway);
/// let _reason = CloseReason::new(code, Some("restarting".to_owned()));
///
/// let refused = ratchet_rs::CloseCode::try_from(CloseCode::NoStatusRcvd).unwrap_err();
/// assert_eq!(refused.code(), CloseCode::NoStatusRcvd);
/// let refused = ratchet_rs::CloseCode::try_from(CloseCode::BadGateway).unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "close code 1014 Bad Gateway may be sent, but ratchet_rs cannot hold it",
/// );
/// # Ok::<(), UnsendableCode>(())
/// ```
impl TryFrom<CloseCode> for RatchetCode {
    type Error = UnsendableCode;

    fn try_from(code: CloseCode) -> Result<Self, Self::Error> {
        match RatchetCode::try_from(code.as_u16().to_be_bytes()) {
            Ok(theirs) if code.is_sendable() => Ok(theirs),
            Ok(_) => Err(UnsendableCode::new(code)),
            Err(_) if code.is_sendable() => Err(UnsendableCode::not_held_by(code, "ratchet_rs")),
            Err(_) => Err(UnsendableCode::new(code)),
        }
    }
}
