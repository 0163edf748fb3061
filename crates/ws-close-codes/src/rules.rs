//! The rules of RFC 6455 and the WHATWG WebSockets standard, in one place.
//!
//! Every predicate of [`CloseCode`] is written here, from two sources only:
//!
//! - the registry, as generated: which codes have a variant of their own
//!   (a registered code is never [`CloseCode::Other`]) and where the ranges
//!   of the code space begin and end ([`CodeRange`]);
//! - the named constants of this module, each citing the section of the
//!   standard it comes from.
//!
//! Nothing else lists code numbers. When IANA registers a new code, say
//! 1016, regeneration gives it a variant, and every predicate gives the
//! right answer for it with no edit here: it becomes sendable (and so
//! valid to receive) because it is a registered protocol code that none of
//! these constants names.
//!
//! ```
//! use ws_close_codes::rules::{MUST_NOT_SEND, NORMAL};
//! use ws_close_codes::CloseCode;
//!
//! assert!(MUST_NOT_SEND.iter().all(|&value| !CloseCode::from(value).is_sendable()));
//! assert!(NORMAL.iter().all(|&value| CloseCode::from(value).is_normal()));
//! ```

use core::ops::RangeInclusive;

use crate::{CloseCode, CodeRange};

/// Codes that an endpoint must never put in a Close frame (RFC 6455
/// section 7.4.1). 1005, 1006 and 1015 are "reserved values" that "MUST NOT
/// be set as a status code in a Close control frame by an endpoint"; they
/// exist only for APIs to report a closure ([`REPORT_ONLY`]). 1004 is
/// "Reserved", its meaning left for a future specification: until one gives
/// it a meaning, sending it would claim one it does not have, and strict
/// receivers fail the connection on it.
///
/// These are also the codes [`CloseCode::is_reserved`] answers `true` for.
///
/// ```
/// use ws_close_codes::rules::MUST_NOT_SEND;
/// use ws_close_codes::CloseCode;
///
/// for value in MUST_NOT_SEND {
///     let code = CloseCode::from(value);
///     assert!(code.is_named() && code.is_reserved() && !code.is_sendable());
/// }
/// ```
pub const MUST_NOT_SEND: [u16; 4] = [1004, 1005, 1006, 1015];

/// Codes that exist only so that an API can report how a connection ended
/// (RFC 6455 section 7.4.1): 1005 "no status code was present", 1006 "closed
/// abnormally, without a Close frame", 1015 "the TLS handshake failed". A
/// subset of [`MUST_NOT_SEND`].
///
/// Browsers differ on them: Chromium fails the connection when a Close
/// frame carries one of these, Firefox reports them as sent (see
/// [`Peer`](crate::Peer)).
///
/// ```
/// use ws_close_codes::rules::{MUST_NOT_SEND, REPORT_ONLY};
/// use ws_close_codes::CloseCode;
///
/// for value in REPORT_ONLY {
///     assert!(MUST_NOT_SEND.contains(&value));
///     assert!(!CloseCode::from(value).is_reported_by_every_browser());
/// }
/// ```
pub const REPORT_ONLY: [u16; 3] = [1005, 1006, 1015];

/// Codes that report a closure without a problem: 1000 "the purpose for
/// which the connection was established has been fulfilled", 1001 "going
/// away" (a server shutting down, a page navigating away), both RFC 6455
/// section 7.4.1; and 1005, which an API reports when the peer's Close frame
/// had no code, that is when the peer closed cleanly without saying why (the
/// WHATWG `CloseEvent` reports it with `wasClean` true).
///
/// ```
/// use ws_close_codes::rules::NORMAL;
/// use ws_close_codes::CloseCode;
///
/// assert!(NORMAL.iter().all(|&value| CloseCode::from(value).is_normal()));
/// assert!(NORMAL.contains(&CloseCode::NoStatusRcvd.as_u16()));
/// ```
pub const NORMAL: [u16; 3] = [1000, 1001, 1005];

/// The one protocol code a script may pass to `WebSocket.close()` (WHATWG
/// WebSockets standard, the `close(code, reason)` method): 1000.
///
/// ```
/// use ws_close_codes::rules::SCRIPT_CLOSE_CODE;
/// use ws_close_codes::CloseCode;
///
/// assert_eq!(CloseCode::from(SCRIPT_CLOSE_CODE), CloseCode::NormalClosure);
/// assert!(CloseCode::NormalClosure.is_accepted_by_websocket_close());
/// ```
pub const SCRIPT_CLOSE_CODE: u16 = 1000;

/// The codes, besides [`SCRIPT_CLOSE_CODE`], that a script may pass to
/// `WebSocket.close()` (WHATWG WebSockets standard): 3000-4999, the ranges
/// RFC 6455 gives to libraries, frameworks and applications and to private
/// use. Any other code makes `close()` throw an `InvalidAccessError`.
///
/// ```
/// use ws_close_codes::rules::SCRIPT_CLOSE_RANGE;
/// use ws_close_codes::{CloseCode, CodeRange};
///
/// assert_eq!(SCRIPT_CLOSE_RANGE.start(), CodeRange::Application.values().start());
/// assert_eq!(SCRIPT_CLOSE_RANGE.end(), CodeRange::PrivateUse.values().end());
/// assert!(SCRIPT_CLOSE_RANGE.clone().all(|v| CloseCode::from(v).is_accepted_by_websocket_close()));
/// ```
pub const SCRIPT_CLOSE_RANGE: RangeInclusive<u16> = 3000..=4999;

/// The largest payload of a control frame, and so of a Close frame body, in
/// bytes (RFC 6455 section 5.5).
///
/// ```
/// use ws_close_codes::rules::MAX_BODY_LEN;
/// use ws_close_codes::{CloseFrame, CloseFrameError};
///
/// let mut body = vec![0x03, 0xe8]; // 1000
/// body.resize(MAX_BODY_LEN, b'a');
/// assert!(CloseFrame::decode(&body).is_ok());
/// body.push(b'a');
/// assert_eq!(
///     CloseFrame::decode(&body),
///     Err(CloseFrameError::BodyTooLong { len: MAX_BODY_LEN + 1 }),
/// );
/// ```
pub const MAX_BODY_LEN: usize = 125;

/// The length of the status code at the start of a non-empty Close frame
/// body: two bytes, big-endian (RFC 6455 section 5.5.1).
///
/// ```
/// use ws_close_codes::rules::CODE_LEN;
/// use ws_close_codes::{CloseCode, CloseFrame};
///
/// let frame = CloseFrame::new(CloseCode::GoingAway, "bye")?;
/// assert_eq!(frame.encoded_len(), CODE_LEN + "bye".len());
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
pub const CODE_LEN: usize = 2;

/// The longest reason a Close frame can carry, in bytes of UTF-8: the body
/// limit less the code (RFC 6455 sections 5.5 and 5.5.1). The WHATWG
/// standard puts the same limit on the reason passed to `WebSocket.close()`
/// (longer ones throw a `SyntaxError`).
///
/// ```
/// use ws_close_codes::rules::MAX_REASON_LEN;
/// use ws_close_codes::{CloseCode, CloseFrame};
///
/// let long = "a".repeat(MAX_REASON_LEN + 10);
/// let frame = CloseFrame::new_truncated(CloseCode::GoingAway, &long)?;
/// assert_eq!(frame.reason().len(), MAX_REASON_LEN);
/// # Ok::<(), ws_close_codes::CloseFrameError>(())
/// ```
pub const MAX_REASON_LEN: usize = MAX_BODY_LEN - CODE_LEN;

/// Whether `list` holds `value`; `const`, unlike `<[u16]>::contains`.
pub(crate) const fn holds(list: &[u16], value: u16) -> bool {
    let mut i = 0;
    while i < list.len() {
        if list[i] == value {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether a range is one of those RFC 6455 section 7.4.2 gives to
/// libraries, frameworks and applications: the codes registered first come,
/// first served, and the private-use codes. Any value in them may be sent,
/// registered or not.
const fn is_application_range(range: CodeRange) -> bool {
    matches!(range, CodeRange::Application | CodeRange::PrivateUse)
}

/// The rule behind [`CloseCode::is_sendable`], for a value that the
/// registry does or does not register.
const fn sendable(registered: bool, value: u16) -> bool {
    if registered {
        !holds(&MUST_NOT_SEND, value)
    } else {
        is_application_range(CodeRange::of(value))
    }
}

/// [`CloseCode::is_sendable`] of every named code, by index, computed at
/// compile time from the rule in `sendable`.
const SENDABLE: [bool; CloseCode::NAMED.len()] = {
    let mut table = [false; CloseCode::NAMED.len()];
    let mut index = 0;
    while index < table.len() {
        table[index] = sendable(true, CloseCode::VALUES[index]);
        index += 1;
    }
    table
};

/// [`CloseCode::is_sendable`] by the rule: a named code's entry in
/// `SENDABLE`, or for `Other` whether its value is in 3000-4999. Where
/// the table below answers, only the test of the two uses it.
#[cfg_attr(
    all(target_pointer_width = "64", not(target_family = "wasm")),
    allow(dead_code)
)]
const fn sendable_by_rule(code: CloseCode) -> bool {
    match code {
        CloseCode::Other(other) => sendable(false, other.as_u16()),
        named => SENDABLE[named.index()],
    }
}

// How `is_sendable` answers is chosen here, and only here, by target:
//
// - On 64-bit targets other than wasm: `SENDABLE_BY_VALUE`, the rule's
//   answer for every value below 5000 (5,000 bytes; 5000 and up are never
//   sendable), read at the code's value. `CloseCode::from(v).as_u16()`
//   folds to `v` (`define.rs`), so `CloseCode::from(v).is_sendable()`
//   compiles to a bounds check and one load, as fast as a table of all
//   65,536 answers; on a code already made, a named code's value is its
//   stored number, so the answer is a test of that number and one load
//   (`BENCHMARKS.md`).
// - Elsewhere (wasm, 32-bit and smaller targets), where a program ships
//   every byte to every visitor or to a small device: the rule, with one
//   `bool` per named code.
//
// The two agree on every value (a test below checks all 65,536).

#[cfg(all(target_pointer_width = "64", not(target_family = "wasm")))]
const SENDABLE_BY_VALUE: [bool; 5000] = {
    // Every value as unnamed, then each named code's own answer: a step
    // per value and one per code, where `from_u16` for each value would
    // cost the build a step per value and code.
    let mut table = [false; 5000];
    let mut value = 0;
    while value < table.len() {
        table[value] = sendable(false, value as u16);
        value += 1;
    }
    let mut index = 0;
    while index < SENDABLE.len() {
        let value = CloseCode::VALUES[index] as usize;
        if value < table.len() {
            table[value] = SENDABLE[index];
        }
        index += 1;
    }
    table
};

#[cfg(all(target_pointer_width = "64", not(target_family = "wasm")))]
#[inline(always)]
const fn sendable_code(code: CloseCode) -> bool {
    let value = code.as_u16() as usize;
    value < SENDABLE_BY_VALUE.len() && SENDABLE_BY_VALUE[value]
}

#[cfg(not(all(target_pointer_width = "64", not(target_family = "wasm"))))]
#[inline(always)]
const fn sendable_code(code: CloseCode) -> bool {
    sendable_by_rule(code)
}

impl CloseCode {
    /// Whether the code lies in a range that IANA registers codes in
    /// (1000-2999 or 3000-3999) but is not registered in the registry this
    /// crate was generated from. These are not
    /// [reserved](CloseCode::is_reserved): they are free for a future
    /// registration. Private-use codes (4000-4999) and values outside the
    /// code space are not unassigned either.
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// // 3001 is unassigned for as long as it has no variant of its own.
    /// let code = CloseCode::from(3001);
    /// assert_eq!(code.is_unassigned(), !code.is_named());
    /// assert!(!CloseCode::from(4000).is_unassigned());
    /// assert!(!CloseCode::Reserved.is_unassigned());
    /// ```
    pub const fn is_unassigned(self) -> bool {
        !self.is_named() && matches!(self.range(), CodeRange::Protocol | CodeRange::Application)
    }

    /// Whether the code is for private use (4000-4999): agreed between the
    /// endpoints, never registered (RFC 6455 section 7.4.2).
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert!(CloseCode::from(4404).is_private_use());
    /// assert!(!CloseCode::Timeout.is_private_use());
    /// ```
    pub const fn is_private_use(self) -> bool {
        matches!(self.range(), CodeRange::PrivateUse)
    }

    /// Whether RFC 6455 reserves this code against use in a Close frame:
    /// 1004, 1005, 1006 and 1015 ([`rules::MUST_NOT_SEND`]).
    ///
    /// Unassigned codes do not count: they are free for future
    /// registration, not reserved; ask
    /// [`is_unassigned`](CloseCode::is_unassigned) for them. Neither do
    /// 0-999, which RFC 6455 section 7.4.2 says are "not used".
    ///
    /// [`rules::MUST_NOT_SEND`]: crate::rules::MUST_NOT_SEND
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert!(CloseCode::Reserved.is_reserved());
    /// assert!(CloseCode::NoStatusRcvd.is_reserved());
    /// assert!(!CloseCode::from(1016).is_reserved());
    /// assert!(!CloseCode::NormalClosure.is_reserved());
    /// ```
    pub const fn is_reserved(self) -> bool {
        holds(&MUST_NOT_SEND, self.as_u16())
    }

    /// Whether an endpoint may put this code in a Close frame, and so
    /// whether a receiving endpoint should accept it rather than fail the
    /// connection with 1002 (Protocol error) (RFC 6455 sections 7.4.1 and
    /// 7.4.2, and the registry):
    ///
    /// - a registered code, unless it is one of 1004, 1005, 1006 and 1015
    ///   ([`rules::MUST_NOT_SEND`]);
    /// - any code in 3000-4999, registered or not: 3000-3999 belong to
    ///   libraries, frameworks and applications and 4000-4999 to private
    ///   use, and a peer cannot tell whether a 3000s code is registered.
    ///
    /// Everything else is refused: 0-999 ("not used"), the unassigned
    /// protocol codes in 1000-2999 (only a registration, or an extension
    /// both endpoints agreed on, can give them a meaning) and 5000 and up.
    ///
    /// RFC 6455 defines one set of valid codes and no endpoint may send
    /// another, so the same set is what a strict receiver accepts (the
    /// reading the Autobahn test suite, Python's `websockets` and Node's
    /// `ws` follow). The answer for a protocol code depends on the registry
    /// this crate was generated from: a code IANA registers after that is
    /// refused until you update the crate. Browsers differ from it, and
    /// from each other; see [`received_by`](CloseCode::received_by) and
    /// [`is_reported_by_every_browser`](CloseCode::is_reported_by_every_browser).
    ///
    /// [`rules::MUST_NOT_SEND`]: crate::rules::MUST_NOT_SEND
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert!(CloseCode::NormalClosure.is_sendable());
    /// assert!(CloseCode::BadGateway.is_sendable());
    /// assert!(CloseCode::from(3001).is_sendable());
    /// assert!(CloseCode::from(4999).is_sendable());
    /// assert!(!CloseCode::AbnormalClosure.is_sendable());
    /// assert!(!CloseCode::from(999).is_sendable());
    /// assert!(!CloseCode::from(5000).is_sendable());
    ///
    /// // A receiver checks the code of a Close frame.
    /// let wire: u16 = 1014;
    /// assert!(CloseCode::from(wire).is_sendable());
    /// ```
    #[inline]
    pub const fn is_sendable(self) -> bool {
        sendable_code(self)
    }

    /// Whether a script may pass this code to `WebSocket.close()` without
    /// it throwing: 1000 or 3000-4999 (WHATWG WebSockets standard;
    /// [`rules::SCRIPT_CLOSE_CODE`] and [`rules::SCRIPT_CLOSE_RANGE`]). Any
    /// other code makes `close()` throw an `InvalidAccessError`, even the
    /// sendable 1001-1003 and 1007-1014, which only the browser itself
    /// sends.
    ///
    /// [`rules::SCRIPT_CLOSE_CODE`]: crate::rules::SCRIPT_CLOSE_CODE
    /// [`rules::SCRIPT_CLOSE_RANGE`]: crate::rules::SCRIPT_CLOSE_RANGE
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert!(CloseCode::NormalClosure.is_accepted_by_websocket_close());
    /// assert!(CloseCode::from(4000).is_accepted_by_websocket_close());
    /// assert!(!CloseCode::GoingAway.is_accepted_by_websocket_close());
    /// ```
    pub const fn is_accepted_by_websocket_close(self) -> bool {
        let value = self.as_u16();
        value == SCRIPT_CLOSE_CODE
            || (*SCRIPT_CLOSE_RANGE.start() <= value && value <= *SCRIPT_CLOSE_RANGE.end())
    }

    /// Whether the closure went as it should: 1000 (Normal Closure), 1001
    /// (Going Away) and 1005 (No Status Rcvd: the peer closed cleanly
    /// without giving a code). See [`rules::NORMAL`]. Every other code
    /// signals a problem, on purpose also:
    ///
    /// - 1012 (Service Restart) and 1013 (Try Again Later): the work was
    ///   cut short, even if reconnecting later may well succeed;
    /// - every code in 3000-4999, registered or not: the crate cannot know
    ///   what an application meant by it, and a code an application picks
    ///   is nearly always a reason other than "done". An application that
    ///   uses its own code for a normal end should check for it first;
    /// - 0-999, unassigned codes and 5000 and up: a peer sending them is
    ///   broken.
    ///
    /// [`rules::NORMAL`]: crate::rules::NORMAL
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert!(CloseCode::NormalClosure.is_normal());
    /// assert!(CloseCode::GoingAway.is_normal());
    /// assert!(CloseCode::NoStatusRcvd.is_normal());
    /// assert!(!CloseCode::ServiceRestart.is_normal());
    /// assert!(!CloseCode::from(4000).is_normal());
    /// ```
    pub const fn is_normal(self) -> bool {
        holds(&NORMAL, self.as_u16())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_the_rule_agree_on_every_value() {
        for value in 0..=u16::MAX {
            let code = CloseCode::from_u16(value);
            assert_eq!(sendable_code(code), sendable_by_rule(code), "{value}");
            assert_eq!(sendable_by_rule(code), sendable(code.is_named(), value));
        }
    }

    #[test]
    fn every_listed_code_is_named() {
        for value in MUST_NOT_SEND.iter().chain(&REPORT_ONLY).chain(&NORMAL) {
            assert!(CloseCode::from_u16(*value).is_named(), "{value}");
        }
        assert!(CloseCode::from_u16(SCRIPT_CLOSE_CODE).is_named());
    }

    #[test]
    fn report_only_codes_must_not_be_sent() {
        for value in REPORT_ONLY {
            assert!(MUST_NOT_SEND.contains(&value), "{value}");
        }
    }

    #[test]
    fn script_range_is_the_application_ranges() {
        assert_eq!(
            SCRIPT_CLOSE_RANGE.start(),
            CodeRange::Application.values().start()
        );
        assert_eq!(
            SCRIPT_CLOSE_RANGE.end(),
            CodeRange::PrivateUse.values().end()
        );
    }

    /// What a regeneration that adds a code changes: only whether the value
    /// is registered. The rule gives a new registration the right answer.
    #[test]
    fn a_future_registration_becomes_sendable() {
        for value in [1016, 1100, 2999, 3001, 3999] {
            assert!(!sendable(false, value) || value >= 3000, "{value}");
            assert!(sendable(true, value), "{value}");
        }
        // Unregistered values in 3000-4999 are sendable either way.
        assert!(sendable(false, 3001) && sendable(false, 4000));
        // The reserved codes stay refused even though they are registered.
        for value in MUST_NOT_SEND {
            assert!(!sendable(true, value), "{value}");
        }
        // A deregistration of a protocol code makes it unsendable.
        assert!(!sendable(false, 1014));
    }

    #[test]
    fn holds_finds_exactly_the_members() {
        assert!(holds(&[1, 2, 3], 3));
        assert!(!holds(&[1, 2, 3], 4));
        assert!(!holds(&[], 0));
    }
}
