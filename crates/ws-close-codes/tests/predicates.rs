//! Every predicate over all 65,536 values, against tables written from the
//! text of RFC 6455 and the WHATWG WebSockets standard
//! (`ws_close_codes_test_support::rfc`), not from the generator or the
//! crate's rules. Which codes are registered comes from an
//! independent reading of the checked-in snapshot, so the tables hold for
//! whatever IANA registers next.

use ws_close_codes::{CloseCode, CodeRange};
use ws_close_codes_test_support::rfc::{
    browsers_accept, normal, private_use, registered, reserved,
    script_may_close_with as browser_sendable, sendable, unassigned,
};

/// Checks `predicate` against `expected` for every value and reports every
/// mismatch at once.
fn check(name: &str, predicate: fn(CloseCode) -> bool, expected: fn(u16) -> bool) {
    let wrong: Vec<u16> = (0..=u16::MAX)
        .filter(|&v| predicate(CloseCode::from(v)) != expected(v))
        .collect();
    assert!(
        wrong.is_empty(),
        "{name} is wrong for {} values, first {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}

#[test]
fn is_sendable() {
    check("is_sendable", CloseCode::is_sendable, sendable);
    // RFC 6455's own codes that may be sent are 1000-1003 and 1007-1011.
    for v in [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011] {
        assert!(sendable(v), "{v}");
    }
    assert_eq!(
        (0..=u16::MAX)
            .filter(|&v| (3000..=4999).contains(&v) && sendable(v))
            .count(),
        2000
    );
}

#[test]
fn is_valid_received_equals_is_sendable() {
    check("is_valid_received", CloseCode::is_valid_received, sendable);
}

#[test]
fn is_reserved() {
    check("is_reserved", CloseCode::is_reserved, reserved);
}

#[test]
fn is_browser_sendable() {
    check(
        "is_browser_sendable",
        CloseCode::is_browser_sendable,
        browser_sendable,
    );
    assert_eq!(
        (0..=u16::MAX).filter(|&v| browser_sendable(v)).count(),
        2001
    );
}

#[test]
fn is_accepted_by_browsers() {
    check(
        "is_accepted_by_browsers",
        CloseCode::is_accepted_by_browsers,
        browsers_accept,
    );
}

#[test]
fn is_normal_and_is_error() {
    check("is_normal", CloseCode::is_normal, normal);
    check("is_error", CloseCode::is_error, |v| !normal(v));
}

#[test]
fn is_registered_is_unassigned_is_private_use() {
    check("is_registered", CloseCode::is_registered, registered);
    check("is_unassigned", CloseCode::is_unassigned, unassigned);
    check("is_private_use", CloseCode::is_private_use, private_use);
}

#[test]
fn relations_between_the_predicates() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        // Whatever a script may send, an endpoint may send.
        if code.is_browser_sendable() {
            assert!(code.is_sendable(), "{v}");
        }
        // Browsers accept a superset of what the RFC accepts.
        if code.is_valid_received() {
            assert!(code.is_accepted_by_browsers(), "{v}");
        }
        // Reserved codes are never sent.
        if code.is_reserved() {
            assert!(!code.is_sendable() && code.is_registered(), "{v}");
        }
        assert_ne!(code.is_normal(), code.is_error(), "{v}");
    }
}

#[test]
fn range_against_explicit_bounds() {
    for v in 0..=u16::MAX {
        let expected = match v {
            0..=999 => CodeRange::NotUsed,
            1000..=2999 => CodeRange::Protocol,
            3000..=3999 => CodeRange::Registered,
            4000..=4999 => CodeRange::PrivateUse,
            5000..=u16::MAX => CodeRange::Undefined,
        };
        assert_eq!(CloseCode::from(v).range(), expected, "{v}");
        assert_eq!(CodeRange::of(v), expected, "{v}");
        let (first, last) = expected.bounds();
        assert!(first <= v && v <= last, "{v} outside {expected:?}");
    }
    assert_eq!(CodeRange::NotUsed.bounds(), (0, 999));
    assert_eq!(CodeRange::Protocol.bounds(), (1000, 2999));
    assert_eq!(CodeRange::Registered.bounds(), (3000, 3999));
    assert_eq!(CodeRange::PrivateUse.bounds(), (4000, 4999));
    assert_eq!(CodeRange::Undefined.bounds(), (5000, 65535));
}

// The predicates are `const fn`: usable in constants.
const NORMAL_IS_SENDABLE: bool = CloseCode::NormalClosure.is_sendable();
const ABNORMAL_IS_RESERVED: bool = CloseCode::AbnormalClosure.is_reserved();
const PRIVATE: CloseCode = CloseCode::from_u16(4000);
const _: () = assert!(NORMAL_IS_SENDABLE && ABNORMAL_IS_RESERVED);
const _: () = assert!(PRIVATE.is_browser_sendable() && PRIVATE.is_error());
const _: () = assert!(!CloseCode::TlsHandshake.is_accepted_by_browsers());
const _: () =
    assert!(CloseCode::NoStatusRcvd.is_normal() && !CloseCode::NoStatusRcvd.is_valid_received());
