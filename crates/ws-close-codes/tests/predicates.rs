//! Every predicate over all 65,536 values, against tables written from the
//! text of RFC 6455 and the WHATWG WebSockets standard
//! (`ws_close_codes_test_support::rfc`), not from the generator or the
//! crate's rules. Which codes are registered comes from an
//! independent reading of the checked-in snapshot, so the tables hold for
//! whatever IANA registers next.

use ws_close_codes::{CloseCode, CodeRange};
use ws_close_codes_test_support::rfc::{
    every_browser_reports, normal, private_use, registered, reserved,
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
fn is_reserved() {
    check("is_reserved", CloseCode::is_reserved, reserved);
}

#[test]
fn is_accepted_by_websocket_close() {
    check(
        "is_accepted_by_websocket_close",
        CloseCode::is_accepted_by_websocket_close,
        browser_sendable,
    );
    assert_eq!(
        (0..=u16::MAX).filter(|&v| browser_sendable(v)).count(),
        2001
    );
}

#[test]
fn is_reported_by_every_browser() {
    check(
        "is_reported_by_every_browser",
        CloseCode::is_reported_by_every_browser,
        every_browser_reports,
    );
}

#[test]
fn is_normal() {
    check("is_normal", CloseCode::is_normal, normal);
}

#[test]
fn is_named_is_unassigned_is_private_use() {
    check("is_named", CloseCode::is_named, registered);
    check("is_unassigned", CloseCode::is_unassigned, unassigned);
    check("is_private_use", CloseCode::is_private_use, private_use);
}

#[test]
fn relations_between_the_predicates() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        // Whatever a script may send, an endpoint may send.
        if code.is_accepted_by_websocket_close() {
            assert!(code.is_sendable(), "{v}");
        }
        // What every browser reports, an endpoint may send; what a script
        // may send, every browser reports.
        if code.is_reported_by_every_browser() {
            assert!(code.is_sendable(), "{v}");
        }
        if code.is_accepted_by_websocket_close() {
            assert!(code.is_reported_by_every_browser(), "{v}");
        }
        // Reserved codes are never sent.
        if code.is_reserved() {
            assert!(!code.is_sendable() && code.is_named(), "{v}");
        }
    }
}

#[test]
fn range_against_explicit_bounds() {
    for v in 0..=u16::MAX {
        let expected = match v {
            0..=999 => CodeRange::NotUsed,
            1000..=2999 => CodeRange::Protocol,
            3000..=3999 => CodeRange::Application,
            4000..=4999 => CodeRange::PrivateUse,
            5000..=u16::MAX => CodeRange::Undefined,
        };
        assert_eq!(CloseCode::from(v).range(), expected, "{v}");
        assert_eq!(CodeRange::of(v), expected, "{v}");
        assert!(expected.values().contains(&v), "{v} outside {expected:?}");
    }
    assert_eq!(CodeRange::NotUsed.values(), 0..=999);
    assert_eq!(CodeRange::Protocol.values(), 1000..=2999);
    assert_eq!(CodeRange::Application.values(), 3000..=3999);
    assert_eq!(CodeRange::PrivateUse.values(), 4000..=4999);
    assert_eq!(CodeRange::Undefined.values(), 5000..=65535);
}

// The predicates are `const fn`: usable in constants.
const NORMAL_IS_SENDABLE: bool = CloseCode::NormalClosure.is_sendable();
const ABNORMAL_IS_RESERVED: bool = CloseCode::AbnormalClosure.is_reserved();
const PRIVATE: CloseCode = CloseCode::from_u16(4000);
const _: () = assert!(NORMAL_IS_SENDABLE && ABNORMAL_IS_RESERVED);
const _: () = assert!(PRIVATE.is_accepted_by_websocket_close() && !PRIVATE.is_normal());
const _: () = assert!(!CloseCode::TlsHandshake.is_reported_by_every_browser());
const _: () =
    assert!(CloseCode::NoStatusRcvd.is_normal() && !CloseCode::NoStatusRcvd.is_sendable());

/// One row of the code-space table in the crate documentation.
struct SpaceRow {
    values: String,
    answers: [bool; 5],
}

/// The rows between the `code-space` markers of `src/lib.rs`.
fn code_space_rows() -> Vec<SpaceRow> {
    let lib = include_str!("../src/lib.rs");
    let start = lib.find("<!-- code-space:start -->").expect("start marker");
    let end = lib.find("<!-- code-space:end -->").expect("end marker");
    lib[start..end]
        .lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .filter(|line| {
            line.starts_with('|') && !line.starts_with("| values") && !line.starts_with("|---")
        })
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 6, "{line}");
            let yes = |cell: &str| match cell {
                "yes" => true,
                "no" => false,
                other => panic!("expected yes or no, got {other:?} in {line}"),
            };
            SpaceRow {
                values: cells[0].to_owned(),
                answers: [
                    yes(cells[1]),
                    yes(cells[2]),
                    yes(cells[3]),
                    yes(cells[4]),
                    yes(cells[5]),
                ],
            }
        })
        .collect()
}

/// `"1006, 1015"` or `"3000-4999"`: whether `v` is listed.
fn listed(values: &str, v: u16) -> bool {
    values.split(", ").any(|part| match part.split_once('-') {
        Some((a, b)) => (a.parse().unwrap()..=b.parse().unwrap()).contains(&v),
        None => part.parse() == Ok(v),
    })
}

/// Which row of the table `v` falls in: a row that lists it, else the
/// named or unassigned row of its range.
fn row_of(rows: &[SpaceRow], v: u16) -> Vec<usize> {
    let explicit: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            row.values.starts_with(|c: char| c.is_ascii_digit()) && listed(&row.values, v)
        })
        .map(|(i, _)| i)
        .collect();
    if !explicit.is_empty() {
        return explicit;
    }
    rows.iter()
        .enumerate()
        .filter(|(_, row)| {
            let (kind, range) = match row.values.rsplit_once(" in ") {
                Some(split) => split,
                None => return false,
            };
            listed(range, v)
                && match kind {
                    "other named codes" => registered(v),
                    "unassigned codes" => !registered(v),
                    other => panic!("unknown row {other:?}"),
                }
        })
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_code_space_table_in_the_docs_holds_for_every_value() {
    let rows = code_space_rows();
    assert_eq!(rows.len(), 11);
    let mut used = vec![false; rows.len()];
    for v in 0..=u16::MAX {
        let matching = row_of(&rows, v);
        assert_eq!(matching.len(), 1, "{v} is in rows {matching:?}");
        let row = &rows[matching[0]];
        used[matching[0]] = true;
        let code = CloseCode::from(v);
        let answers = [
            code.is_sendable(),
            code.is_reported_by_every_browser(),
            code.is_accepted_by_websocket_close(),
            code.is_reserved(),
            code.is_normal(),
        ];
        assert_eq!(answers, row.answers, "{v}, row {:?}", row.values);
        // The table is written from the standards, like the tables above.
        let expected = [
            sendable(v),
            every_browser_reports(v),
            browser_sendable(v),
            reserved(v),
            normal(v),
        ];
        assert_eq!(expected, row.answers, "{v}, row {:?}", row.values);
    }
    // Every row but the named protocol codes above 1015 holds values today;
    // that row holds a registration IANA may make tomorrow.
    for (row, used) in rows.iter().zip(used) {
        assert!(
            used || row.values == "other named codes in 1000-2999",
            "{}",
            row.values
        );
    }
}
