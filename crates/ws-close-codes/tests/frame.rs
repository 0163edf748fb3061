//! Close frame bodies (RFC 6455 section 5.5.1) and close events.

use proptest::prelude::*;
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

/// Sendable codes, written from RFC 6455 sections 7.4.1 and 7.4.2 with the
/// registered codes of an independent reading of the snapshot.
use ws_close_codes_test_support::rfc::sendable;

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason);
    body
}

#[test]
fn empty_body_is_no_status() {
    assert_eq!(CloseFrame::decode(&[]), Ok(None));
    assert_eq!(CloseEvent::from_body(&[]), CloseEvent::no_status());
}

#[test]
fn one_byte_bodies_are_refused() {
    for byte in 0..=u8::MAX {
        let error = CloseFrame::decode(&[byte]).unwrap_err();
        assert_eq!(error, CloseFrameError::OneByteBody);
        assert_eq!(error.close_code(), CloseCode::ProtocolError);
    }
}

#[test]
fn bodies_over_125_bytes_are_refused() {
    let ok = body(1000, &[b'a'; 123]);
    assert_eq!(ok.len(), 125);
    let frame = CloseFrame::decode(&ok).unwrap().unwrap();
    assert_eq!(frame.reason().len(), 123);

    for len in [126, 127, 1000, 65_536] {
        let long = body(1000, &vec![b'a'; len - 2]);
        let error = CloseFrame::decode(&long).unwrap_err();
        assert_eq!(error, CloseFrameError::BodyTooLong { len });
        assert_eq!(error.close_code(), CloseCode::ProtocolError);
    }
    // Length is checked before the code and the reason.
    let mut long = body(1005, &[0xff; 124]);
    long.truncate(126);
    assert_eq!(
        CloseFrame::decode(&long),
        Err(CloseFrameError::BodyTooLong { len: 126 })
    );
}

#[test]
fn every_code_is_decoded_by_the_receiving_rule() {
    for v in 0..=u16::MAX {
        let bytes = body(v, b"why");
        match CloseFrame::decode(&bytes) {
            Ok(Some(frame)) => {
                assert!(sendable(v), "{v} accepted");
                assert_eq!(frame.code().as_u16(), v);
                assert_eq!(frame.reason(), "why");
            }
            Err(error) => {
                assert!(!sendable(v), "{v} refused");
                assert_eq!(
                    error,
                    CloseFrameError::InvalidCode {
                        code: CloseCode::from(v)
                    }
                );
                assert_eq!(error.close_code(), CloseCode::ProtocolError);
                assert_eq!(CloseEvent::from_body(&bytes), CloseEvent::abnormal());
            }
            Ok(None) => unreachable!(),
        }
    }
}

#[test]
fn reasons_that_are_not_utf8_are_refused_with_1007() {
    let cases: &[(&[u8], usize)] = &[
        (b"\xff", 0),
        (b"ab\xff", 2),
        (b"caf\xc3", 3),            // cut in the middle of 'é'
        (b"\xed\xa0\x80", 0),       // a surrogate
        (b"\xc0\x80", 0),           // overlong NUL
        (b"ok\xf4\x90\x80\x80", 2), // above U+10FFFF
    ];
    for &(reason, valid_up_to) in cases {
        let error = CloseFrame::decode(&body(1000, reason)).unwrap_err();
        assert_eq!(
            error,
            CloseFrameError::InvalidUtf8 { valid_up_to },
            "{reason:?}"
        );
        assert_eq!(error.close_code(), CloseCode::InvalidFramePayloadData);
    }
    // The code is checked before the reason.
    assert_eq!(
        CloseFrame::decode(&body(1006, b"\xff")),
        Err(CloseFrameError::InvalidCode {
            code: CloseCode::AbnormalClosure
        })
    );
}

#[test]
fn constructors_refuse_codes_that_may_not_be_sent() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let expected = if sendable(v) {
            Ok(())
        } else {
            Err(CloseFrameError::InvalidCode { code })
        };
        assert_eq!(CloseFrame::new(code, "").map(|_| ()), expected, "{v}");
        assert_eq!(
            CloseFrame::new_truncated(code, "").map(|_| ()),
            expected,
            "{v}"
        );
    }
    // The code is checked before the reason.
    assert_eq!(
        CloseFrame::new(CloseCode::NoStatusRcvd, &"x".repeat(200)),
        Err(CloseFrameError::InvalidCode {
            code: CloseCode::NoStatusRcvd
        })
    );
}

#[test]
fn new_refuses_long_reasons() {
    let exact = "x".repeat(123);
    assert_eq!(
        CloseFrame::new(CloseCode::NormalClosure, &exact)
            .unwrap()
            .reason(),
        exact
    );
    for reason in ["x".repeat(124), "é".repeat(62), "😀".repeat(31)] {
        let error = CloseFrame::new(CloseCode::NormalClosure, &reason).unwrap_err();
        assert_eq!(error, CloseFrameError::ReasonTooLong { len: reason.len() });
        assert_eq!(error.close_code(), CloseCode::ProtocolError);
    }
}

#[test]
fn truncation_keeps_whole_characters() {
    // (reason, expected length after truncation)
    let cases = [
        ("x".repeat(123), 123),
        ("x".repeat(124), 123),
        ("é".repeat(100), 122),                 // 2 bytes each: 61 fit
        (format!("x{}", "é".repeat(100)), 123), // 1 + 61 * 2
        ("€".repeat(50), 123),                  // 3 bytes each: exactly 41
        (format!("x{}", "€".repeat(50)), 121),  // 1 + 40 * 3
        (format!("xx{}", "€".repeat(50)), 122), // 2 + 40 * 3
        ("😀".repeat(40), 120),                 // 4 bytes each: 30 fit
        (format!("x{}", "😀".repeat(40)), 121),
        (format!("xx{}", "😀".repeat(40)), 122),
        (format!("xxx{}", "😀".repeat(40)), 123),
        (format!("{}😀", "x".repeat(122)), 122),
        (format!("{}é", "x".repeat(122)), 122),
        (format!("{}é", "x".repeat(121)), 123),
    ];
    for (reason, len) in &cases {
        let cut = CloseFrame::truncate_reason(reason);
        assert_eq!(cut.len(), *len, "{reason}");
        assert!(reason.starts_with(cut));
        let frame = CloseFrame::new_truncated(CloseCode::GoingAway, reason).unwrap();
        assert_eq!(frame.reason(), cut);
        assert_eq!(CloseFrame::decode(&frame_bytes(&frame)), Ok(Some(frame)));
    }
}

fn frame_bytes(frame: &CloseFrame<'_>) -> Vec<u8> {
    let mut buf = [0u8; 125];
    let len = frame.encode_into(&mut buf).unwrap();
    buf[..len].to_vec()
}

#[test]
fn encode_into_checks_the_buffer() {
    let frame = CloseFrame::new(CloseCode::from(4000), "hello").unwrap();
    assert_eq!(frame.encoded_len(), 7);
    let mut exact = [0u8; 7];
    assert_eq!(frame.encode_into(&mut exact), Ok(7));
    assert_eq!(&exact, b"\x0f\xa0hello");

    let mut short = [0xAAu8; 6];
    let error = frame.encode_into(&mut short).unwrap_err();
    assert_eq!((error.needed(), error.available()), (7, 6));
    assert_eq!(short, [0xAA; 6], "a refused buffer is left untouched");

    let mut larger = [0xAAu8; 10];
    assert_eq!(frame.encode_into(&mut larger), Ok(7));
    assert_eq!(&larger[7..], &[0xAA; 3]);
}

#[cfg(feature = "alloc")]
#[test]
fn encode_into_a_vec() {
    let frame = CloseFrame::new(CloseCode::TryAgainLater, "later").unwrap();
    assert_eq!(frame.to_vec(), frame_bytes(&frame));
    let mut out = vec![1, 2];
    frame.append_to(&mut out);
    assert_eq!(out[..2], [1, 2]);
    assert_eq!(out[2..], frame_bytes(&frame)[..]);
}

#[cfg(feature = "std")]
#[test]
fn frame_errors_become_io_errors() {
    let error = std::io::Error::from(CloseFrameError::InvalidUtf8 { valid_up_to: 3 });
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    assert!(error.to_string().contains("UTF-8"));
}

#[test]
fn display() {
    let frame = CloseFrame::new(CloseCode::GoingAway, "say \"bye\"").unwrap();
    // The reason as a log line shows it, like `CloseEvent`'s: as it is,
    // but for what could break or disguise the line.
    assert_eq!(frame.to_string(), r#"1001 Going Away: say "bye""#);
    let frame = CloseFrame::new(CloseCode::GoingAway, "a\nb\u{1b}[2J").unwrap();
    assert_eq!(frame.to_string(), r"1001 Going Away: a\nb\u{1b}[2J");
    let frame = CloseFrame::new(CloseCode::from(4000), "").unwrap();
    assert_eq!(frame.to_string(), "4000");
    assert_eq!(CloseEvent::no_status().to_string(), "1005 No Status Rcvd");
    for error in [
        CloseFrameError::OneByteBody,
        CloseFrameError::BodyTooLong { len: 126 },
        CloseFrameError::ReasonTooLong { len: 124 },
        CloseFrameError::InvalidCode {
            code: CloseCode::from(5000),
        },
        CloseFrameError::InvalidUtf8 { valid_up_to: 0 },
    ] {
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn close_events() {
    let abnormal = CloseEvent::abnormal();
    assert_eq!(
        (
            abnormal.code().as_u16(),
            abnormal.reason(),
            abnormal.was_clean()
        ),
        (1006, "", false)
    );
    let no_status = CloseEvent::no_status();
    assert_eq!(
        (
            no_status.code().as_u16(),
            no_status.reason(),
            no_status.was_clean()
        ),
        (1005, "", true)
    );
    let frame = CloseFrame::new(CloseCode::Unauthorized, "token").unwrap();
    let event = CloseEvent::from(frame);
    assert_eq!(
        (event.code(), event.reason(), event.was_clean()),
        (CloseCode::Unauthorized, "token", true)
    );
    assert_eq!(
        CloseEvent::from(None::<CloseFrame>),
        CloseEvent::no_status()
    );
    assert_eq!(CloseEvent::from(Some(frame)), event);
    // A lenient endpoint may report what a strict one refuses.
    let lenient = CloseEvent::new(CloseCode::from(5000), "odd", true);
    assert_eq!(lenient.code().as_u16(), 5000);
    assert_eq!(
        CloseEvent::from_body(&body(5000, b"odd")),
        CloseEvent::abnormal()
    );
}

const DECODED: Result<Option<CloseFrame<'static>>, CloseFrameError> =
    CloseFrame::decode(b"\x03\xe8ok");
const _: () = assert!(matches!(DECODED, Ok(Some(_))));
const EVENT: CloseEvent<'static> = CloseEvent::from_body(b"\x03");
const _: () = assert!(!EVENT.was_clean());
const TRUNCATED: &str = CloseFrame::truncate_reason("short");
const _: () = assert!(TRUNCATED.len() == 5);

#[test]
fn decoding_is_const() {
    assert_eq!(DECODED.unwrap().unwrap().reason(), "ok");
    assert_eq!(EVENT, CloseEvent::abnormal());
}

/// Any sendable code.
fn sendable_code() -> impl Strategy<Value = CloseCode> {
    prop_oneof![
        prop::sample::select(vec![
            1000u16, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014
        ]),
        3000u16..=4999,
    ]
    .prop_map(CloseCode::from)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn encode_decode_round_trip(code in sendable_code(), reason in "\\PC{0,130}") {
        let frame = CloseFrame::new_truncated(code, &reason).unwrap();
        let bytes = frame_bytes(&frame);
        prop_assert_eq!(bytes.len(), frame.encoded_len());
        prop_assert_eq!(&bytes[..2], &code.as_u16().to_be_bytes()[..]);
        prop_assert_eq!(CloseFrame::decode(&bytes), Ok(Some(frame)));
    }

    #[test]
    fn truncation_is_the_longest_prefix_that_fits(reason in "\\PC{0,200}") {
        let cut = CloseFrame::truncate_reason(&reason);
        prop_assert!(reason.starts_with(cut));
        prop_assert!(cut.len() <= 123);
        if cut.len() < reason.len() {
            // The next character would not have fit.
            let next = reason[cut.len()..].chars().next().unwrap();
            prop_assert!(cut.len() + next.len_utf8() > 123);
        }
    }

    #[test]
    fn random_bodies_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match CloseFrame::decode(&bytes) {
            Ok(None) => prop_assert!(bytes.is_empty()),
            Ok(Some(frame)) => {
                // What decodes encodes back to the same bytes.
                prop_assert_eq!(frame_bytes(&frame), bytes);
            }
            Err(error) => {
                let code = error.close_code();
                prop_assert!(code == CloseCode::ProtocolError || code == CloseCode::InvalidFramePayloadData);
                prop_assert_eq!(CloseEvent::from_body(&bytes), CloseEvent::abnormal());
            }
        }
    }

    #[test]
    fn random_reasons_after_a_valid_code(code in sendable_code(), reason in prop::collection::vec(any::<u8>(), 0..124)) {
        let bytes = body(code.as_u16(), &reason);
        match (CloseFrame::decode(&bytes), std::str::from_utf8(&reason)) {
            (Ok(Some(frame)), Ok(text)) => {
                prop_assert_eq!(frame.code(), code);
                prop_assert_eq!(frame.reason(), text);
            }
            (Err(CloseFrameError::InvalidUtf8 { valid_up_to }), Err(error)) => {
                prop_assert_eq!(valid_up_to, error.valid_up_to());
            }
            (decoded, utf8) => prop_assert!(false, "{:?} for {:?}", decoded, utf8),
        }
    }
}

ws_close_codes::close_codes! {
    /// An application's own code.
    enum AppCode {
        RoomClosed = 4000 { name: "Room Closed", description: "The owner closed the room." },
    }
}

/// `close_frame!` builds the frame `CloseFrame::new` builds, from a
/// `CloseCode` or an application's code as it is, in a constant or in an
/// expression, up to the longest reason.
#[test]
fn close_frame_builds_what_new_builds() {
    use ws_close_codes::close_frame;

    const BUSY: CloseFrame<'static> = close_frame!(CloseCode::TryAgainLater, "server busy");
    assert_eq!(
        Ok(BUSY),
        CloseFrame::new(CloseCode::TryAgainLater, "server busy")
    );

    const ROOM: CloseFrame<'static> = close_frame!(AppCode::RoomClosed, "room closed");
    assert_eq!(ROOM.code(), CloseCode::from(AppCode::RoomClosed));
    assert_eq!(ROOM.code().as_u16(), 4000);
    assert_eq!(ROOM.reason(), "room closed");

    const LONGEST: &str = concat!(
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789a",
    );
    assert_eq!(LONGEST.len(), ws_close_codes::rules::MAX_REASON_LEN);
    let longest = close_frame!(CloseCode::from_u16(4999), LONGEST,);
    assert_eq!(Ok(longest), CloseFrame::new(CloseCode::from(4999), LONGEST));
    assert_eq!(longest.encoded_len(), ws_close_codes::rules::MAX_BODY_LEN);

    let empty = close_frame!(CloseCode::NormalClosure, "");
    assert_eq!(CloseFrame::decode(b"\x03\xe8"), Ok(Some(empty)));
}
