//! `CloseEvent::from_body_as_browser` against a table of what headless
//! Chromium 156 reports, written here from the measurements (not from the
//! crate): the connection is failed (1006, not clean, no reason) on a Close
//! frame carrying 1005, 1006 or 1015, on a 1-byte body, on a reason that is
//! not UTF-8 and on a body over 125 bytes; an empty body is 1005, clean;
//! every other code is reported as sent, clean, with its reason.

use ws_close_codes::{CloseCode, CloseEvent};

/// What the page sees: code, reason, wasClean.
type Seen = (u16, String, bool);

/// The codes on which Chromium fails the connection.
const FAILS: [u16; 3] = [1005, 1006, 1015];

fn failed() -> Seen {
    (1006, String::new(), false)
}

/// What Chromium reports for `body`, from the measurements above.
fn chromium(body: &[u8]) -> Seen {
    if body.is_empty() {
        return (1005, String::new(), true);
    }
    if body.len() == 1 || body.len() > 125 {
        return failed();
    }
    let code = u16::from_be_bytes([body[0], body[1]]);
    if FAILS.contains(&code) {
        return failed();
    }
    match String::from_utf8(body[2..].to_vec()) {
        Ok(reason) => (code, reason, true),
        Err(_) => failed(),
    }
}

fn seen(event: CloseEvent<'_>) -> Seen {
    (
        event.code().as_u16(),
        event.reason().to_owned(),
        event.was_clean(),
    )
}

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason);
    body
}

fn check(body: &[u8]) {
    assert_eq!(
        seen(CloseEvent::from_body_as_browser(body)),
        chromium(body),
        "body {body:02x?}"
    );
}

#[test]
fn every_code_without_a_reason() {
    let mut reported = 0;
    for code in 0..=u16::MAX {
        let body = body(code, b"");
        check(&body);
        let event = CloseEvent::from_body_as_browser(&body);
        if event.was_clean() {
            assert_eq!(event.code().as_u16(), code);
            reported += 1;
        }
    }
    assert_eq!(reported, 65_536 - FAILS.len());
}

#[test]
fn every_code_with_a_reason() {
    for code in 0..=u16::MAX {
        check(&body(code, b"why"));
        check(&body(code, "d\u{e9}j\u{e0} vu \u{1f600}".as_bytes()));
    }
}

#[test]
fn every_code_with_the_longest_reason_and_one_byte_more() {
    for code in 0..=u16::MAX {
        let longest = body(code, &[b'r'; 123]);
        assert_eq!(longest.len(), 125);
        check(&longest);
        let over = body(code, &[b'r'; 124]);
        assert_eq!(seen(CloseEvent::from_body_as_browser(&over)), failed());
        check(&over);
    }
}

#[test]
fn every_code_with_a_reason_that_is_not_utf8() {
    for code in 0..=u16::MAX {
        for reason in [&b"\xff"[..], b"ok\xc3", b"\xed\xa0\x80", b"a\x80b"] {
            let body = body(code, reason);
            assert_eq!(seen(CloseEvent::from_body_as_browser(&body)), failed());
            check(&body);
        }
    }
}

#[test]
fn empty_and_one_byte_bodies() {
    assert_eq!(
        CloseEvent::from_body_as_browser(b""),
        CloseEvent::no_status()
    );
    check(b"");
    for byte in 0..=u8::MAX {
        assert_eq!(
            CloseEvent::from_body_as_browser(&[byte]),
            CloseEvent::abnormal()
        );
        check(&[byte]);
    }
}

#[test]
fn bodies_of_every_length_up_to_a_frame_of_64_kib() {
    for len in 2..=65_537 {
        let body = body(1000, &vec![b'x'; len - 2]);
        let event = CloseEvent::from_body_as_browser(&body);
        assert_eq!(event.was_clean(), len <= 125, "length {len}");
        check(&body);
    }
}

#[test]
fn the_reason_is_borrowed_from_the_body() {
    let body = body(4000, b"session expired");
    let event = CloseEvent::from_body_as_browser(&body);
    assert_eq!(event.reason().as_ptr(), body[2..].as_ptr());
}

#[test]
fn where_it_differs_from_the_strict_decoder() {
    // RFC 6455 refuses these codes in a Close frame; a browser reports them.
    let mut lenient = Vec::new();
    for code in 0..=u16::MAX {
        let body = body(code, b"");
        if CloseEvent::from_body(&body) != CloseEvent::from_body_as_browser(&body) {
            lenient.push(code);
        }
    }
    // 0-999, 1004, the protocol codes nobody registered (by an independent
    // reading of the snapshot) and 5000 and up.
    let reading = ws_close_codes_test_support::reading::Reading::of_repository();
    let expected: Vec<u16> = (0..=999)
        .chain([1004])
        .chain((1000..=2999).filter(|&v| !reading.is_registered(v)))
        .chain(5000..=u16::MAX)
        .collect();
    assert_eq!(lenient, expected);
}

#[test]
fn it_is_a_const_fn() {
    const EVENT: CloseEvent<'static> = CloseEvent::from_body_as_browser(b"\x03\xe8done");
    assert_eq!(EVENT.code(), CloseCode::NormalClosure);
    assert_eq!(EVENT.reason(), "done");
    assert!(EVENT.was_clean());
}
