//! The rules of RFC 6455 and the WHATWG WebSockets standard, written here
//! from their text, independently of the crate's `rules` module, for tests
//! to compare the crate with. Which codes are registered comes from the
//! independent reading of the snapshot ([`crate::reading`]), never from a
//! list of today's codes, so the rules hold for whatever IANA registers
//! next.
//!
//! ```
//! use ws_close_codes_test_support::rfc;
//!
//! assert!(rfc::sendable(1000) && rfc::sendable(4999));
//! assert!(!rfc::sendable(1005) && !rfc::sendable(999) && !rfc::sendable(5000));
//! assert!(rfc::script_may_close_with(3000) && !rfc::script_may_close_with(1001));
//! ```

use std::sync::OnceLock;

use crate::reading::Reading;

/// Registered as single codes, by the independent reading of the
/// repository's snapshot.
pub fn registered(v: u16) -> bool {
    static REGISTERED: OnceLock<Vec<u16>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| Reading::of_repository().values())
        .binary_search(&v)
        .is_ok()
}

/// RFC 6455 section 7.4.1: 1004 is reserved; 1005, 1006 and 1015 are
/// "reserved values" that must not be set in a Close frame.
pub fn reserved(v: u16) -> bool {
    matches!(v, 1004 | 1005 | 1006 | 1015)
}

/// Sections 7.4.1 and 7.4.2: the registered protocol codes (1000-2999)
/// except the reserved ones, and the whole of 3000-4999 (registered or
/// not, and private use).
pub fn sendable(v: u16) -> bool {
    ((1000..=2999).contains(&v) && registered(v) && !reserved(v)) || (3000..=4999).contains(&v)
}

/// The WHATWG standard's `WebSocket.close(code)`: 1000, or 3000-4999.
pub fn script_may_close_with(v: u16) -> bool {
    v == 1000 || (3000..=4999).contains(&v)
}

/// What every browser engine measured reports on receipt (by
/// `crates/browser-check`): what RFC 6455 lets an endpoint send
/// ([`sendable`]) but the protocol codes after 1011, on which WebKitGTK
/// fails the connection (Chromium fails on 1005, 1006 and 1015 only, which
/// are not sendable; Firefox reports every code).
pub fn every_browser_reports(v: u16) -> bool {
    sendable(v) && !(1012..=2999).contains(&v)
}

/// An orderly end: 1000 (Normal Closure), 1001 (Going Away) and 1005 (No
/// Status Rcvd: the peer closed without saying why).
pub fn normal(v: u16) -> bool {
    matches!(v, 1000 | 1001 | 1005)
}

/// In the ranges IANA registers codes in (1000-3999) but not registered.
pub fn unassigned(v: u16) -> bool {
    (1000..=3999).contains(&v) && !registered(v)
}

/// RFC 6455 section 7.4.2: 4000-4999, never registered.
pub fn private_use(v: u16) -> bool {
    (4000..=4999).contains(&v)
}
