//! `serde`: a close code is its number.
#![cfg(feature = "serde")]

use ws_close_codes::CloseCode;

#[test]
fn serializes_as_the_number() {
    assert_eq!(
        serde_json::to_string(&CloseCode::NormalClosure).unwrap(),
        "1000"
    );
    assert_eq!(
        serde_json::to_value(CloseCode::from(4404)).unwrap(),
        serde_json::json!(4404)
    );
    assert_eq!(
        serde_json::to_string(&[CloseCode::GoingAway, CloseCode::from(0)]).unwrap(),
        "[1001,0]"
    );
}

#[test]
fn every_u16_round_trips() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let text = serde_json::to_string(&code).unwrap();
        assert_eq!(text, v.to_string());
        assert_eq!(serde_json::from_str::<CloseCode>(&text).unwrap(), code);
    }
}

#[test]
fn refuses_what_is_not_a_u16() {
    for text in [
        "65536",
        "-1",
        "1000.5",
        "1e3",
        "\"1000\"",
        "\"Normal Closure\"",
        "null",
        "true",
        "[]",
        "{}",
    ] {
        assert!(
            serde_json::from_str::<CloseCode>(text).is_err(),
            "{text} accepted"
        );
    }
}

#[test]
fn works_inside_structures() {
    let value: Vec<CloseCode> = serde_json::from_str("[1000, 3008, 4999]").unwrap();
    assert_eq!(
        value,
        [
            CloseCode::NormalClosure,
            CloseCode::Timeout,
            CloseCode::from(4999)
        ]
    );
}
