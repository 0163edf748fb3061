//! `CloseEvent::from_body_as` for every browser engine, over every code and
//! every kind of body: what each engine's page sees must be what its
//! `Peer::receives` says (the code and reason sent, clean; 1005 for a body
//! without a code; 1006, no reason, not clean, when the engine fails the
//! connection), and what every engine does alike (an empty body, a reason
//! that is not UTF-8, a body over 125 bytes) holds for each. Where an
//! engine differs from the strict decoder is checked against the standards'
//! rules (`ws_close_codes_test_support::rfc`). `crates/browser-check`
//! compares the same function with the real engines.

use ws_close_codes::{Browser, CloseCode, CloseEvent, Delivery};
use ws_close_codes_test_support::rfc::sendable;

/// What the page sees: code, reason, wasClean.
type Seen = (u16, String, bool);

fn failed() -> Seen {
    (1006, String::new(), false)
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

/// What `browser`'s page sees of `body` by its `Peer::receives`.
fn by_delivery(browser: Browser, body: &[u8]) -> Seen {
    match browser.peer().receives(body) {
        Delivery::Delivered => match body.split_at_checked(2) {
            Some((code, reason)) => (
                u16::from_be_bytes([code[0], code[1]]),
                String::from_utf8(reason.to_vec()).expect("a delivered reason is UTF-8"),
                true,
            ),
            None => (1005, String::new(), true),
        },
        Delivery::Failed(failure) => {
            assert_eq!(failure.error(), "error", "{body:02x?}");
            let code = failure.reported_code().expect("a browser reports a code");
            (code.as_u16(), String::new(), false)
        }
        other => panic!("{:?} {body:02x?}: a browser does not {other}", browser),
    }
}

fn check(body: &[u8]) {
    for browser in Browser::ALL {
        assert_eq!(
            seen(CloseEvent::from_body_as(browser, body)),
            by_delivery(browser, body),
            "{browser:?}, body {body:02x?}"
        );
    }
}

#[test]
fn every_code_without_a_reason() {
    for browser in Browser::ALL {
        let mut reported = 0;
        for code in 0..=u16::MAX {
            let body = body(code, b"");
            let event = CloseEvent::from_body_as(browser, &body);
            let delivered = CloseCode::from(code)
                .received_by(browser.peer())
                .is_delivered();
            if delivered {
                assert_eq!(seen(event), (code, String::new(), true));
                reported += 1;
            } else {
                assert_eq!(event, CloseEvent::abnormal(), "{browser:?} {code}");
            }
        }
        assert!(reported >= 2001, "{browser:?}: {reported}");
    }
    for code in 0..=u16::MAX {
        check(&body(code, b""));
    }
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
        for browser in Browser::ALL {
            assert_eq!(seen(CloseEvent::from_body_as(browser, &over)), failed());
        }
        check(&over);
    }
}

#[test]
fn every_code_with_a_reason_that_is_not_utf8() {
    for code in 0..=u16::MAX {
        for reason in [&b"\xff"[..], b"ok\xc3", b"\xed\xa0\x80", b"a\x80b"] {
            let body = body(code, reason);
            for browser in Browser::ALL {
                assert_eq!(seen(CloseEvent::from_body_as(browser, &body)), failed());
            }
            check(&body);
        }
    }
}

#[test]
fn empty_and_one_byte_bodies() {
    for browser in Browser::ALL {
        assert_eq!(
            CloseEvent::from_body_as(browser, b""),
            CloseEvent::no_status()
        );
        // A 1-byte body: the same event for every byte, either no code or
        // a failed connection.
        let first = CloseEvent::from_body_as(browser, &[0]);
        assert!(first == CloseEvent::no_status() || first == CloseEvent::abnormal());
        for byte in 0..=u8::MAX {
            assert_eq!(CloseEvent::from_body_as(browser, &[byte]), first);
        }
    }
    check(b"");
    for byte in 0..=u8::MAX {
        check(&[byte]);
    }
}

#[test]
fn bodies_of_every_length_up_to_a_frame_of_64_kib() {
    for len in 2..=65_537 {
        let body = body(1000, &vec![b'x'; len - 2]);
        for browser in Browser::ALL {
            let event = CloseEvent::from_body_as(browser, &body);
            assert_eq!(event.was_clean(), len <= 125, "{browser:?}, length {len}");
        }
        check(&body);
    }
}

#[test]
fn the_reason_is_borrowed_from_the_body() {
    let body = body(4000, b"session expired");
    for browser in Browser::ALL {
        let event = CloseEvent::from_body_as(browser, &body);
        assert_eq!(event.reason().as_ptr(), body[2..].as_ptr());
    }
}

/// Where each engine's page differs from the strict decoder
/// (`CloseEvent::from_body`), over every code: an engine that reports a
/// code RFC 6455 does not allow in a Close frame is more lenient there, one
/// that fails on a code RFC 6455 allows is stricter. Every engine reports
/// what a script may send (1000 and 3000-4999).
#[test]
fn where_each_engine_differs_from_the_strict_decoder() {
    for browser in Browser::ALL {
        for code in 0..=u16::MAX {
            let body = body(code, b"");
            let strict = CloseEvent::from_body(&body);
            let page = CloseEvent::from_body_as(browser, &body);
            assert_eq!(strict.was_clean(), sendable(code), "{code}");
            if page == strict {
                continue;
            }
            if sendable(code) {
                // Stricter: the engine fails where the RFC delivers.
                assert_eq!(page, CloseEvent::abnormal(), "{browser:?} {code}");
                assert!(
                    !(3000..=4999).contains(&code) && code != 1000,
                    "{browser:?} {code}"
                );
            } else {
                // More lenient: reported as sent, reserved codes included.
                assert_eq!(
                    seen(page),
                    (code, String::new(), true),
                    "{browser:?} {code}"
                );
            }
        }
    }
}

#[test]
fn it_is_a_const_fn() {
    const EVENT: CloseEvent<'static> = CloseEvent::from_body_as(Browser::WebKit, b"\x03\xe8done");
    assert_eq!(EVENT.code(), CloseCode::NormalClosure);
    assert_eq!(EVENT.reason(), "done");
    assert!(EVENT.was_clean());
    const FAILED: CloseEvent<'static> = CloseEvent::from_body_as(Browser::Chromium, b"\x03");
    assert_eq!(FAILED, CloseEvent::abnormal());
}
