//! Conversions, text forms and the registry data, over every value.

use std::collections::HashSet;

use ws_close_codes::{CloseCode, ParseCloseCodeError};
use ws_close_codes_test_support::reading::Reading;

/// The registered single codes, from an independent reading of the
/// checked-in snapshot.
fn registered_values() -> Vec<u16> {
    Reading::of_repository().values()
}

#[test]
fn u16_round_trip_for_every_value() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from_u16(v);
        assert_eq!(code.as_u16(), v);
        assert_eq!(u16::from(CloseCode::from(v)), v);
        if let CloseCode::Other(other) = code {
            assert_eq!(other.as_u16(), v);
            assert_eq!(u16::from(other), v);
        }
    }
}

#[test]
fn a_code_equals_its_number_both_ways() {
    assert!(CloseCode::from(1000) == 1000u16);
    assert!(1000u16 == CloseCode::from(1000));
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        assert_eq!(code, v);
        assert_eq!(v, code);
        assert_ne!(code, v.wrapping_add(1));
        assert_ne!(v.wrapping_add(1), code);
    }
}

#[test]
fn codes_are_equal_exactly_when_their_values_are() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        assert_eq!(code, CloseCode::from(v));
        assert_ne!(code, CloseCode::from(v.wrapping_add(1)), "{v}");
        assert_ne!(code, CloseCode::from(v.wrapping_add(1000)), "{v}");
    }
}

#[test]
fn other_exactly_for_unregistered_values() {
    let registered = registered_values();
    for v in 0..=u16::MAX {
        let is_other = matches!(CloseCode::from(v), CloseCode::Other(_));
        assert_eq!(is_other, registered.binary_search(&v).is_err(), "{v}");
    }
}

#[test]
fn registered_is_sorted_and_complete() {
    let values: Vec<u16> = CloseCode::NAMED.iter().map(|c| c.as_u16()).collect();
    assert_eq!(values, registered_values());
    assert!(values.windows(2).all(|w| w[0] < w[1]));
    let from_all: Vec<u16> = (0..=u16::MAX)
        .filter(|&v| !matches!(CloseCode::from(v), CloseCode::Other(_)))
        .collect();
    assert_eq!(from_all, values);
}

#[test]
fn every_registered_code_has_its_data() {
    let mut idents = HashSet::new();
    for &code in CloseCode::NAMED {
        let name = code
            .name()
            .unwrap_or_else(|| panic!("{code:?} has no name"));
        assert!(!name.is_empty());
        assert!(
            code.description().is_some_and(|d| !d.is_empty()),
            "{code:?}"
        );
        assert!(
            code.iana_description().is_some_and(|d| !d.is_empty()),
            "{code:?}"
        );
        let ident = code.ident().unwrap();
        assert_eq!(format!("{code:?}"), ident);
        assert!(
            idents.insert(ident.to_ascii_lowercase()),
            "duplicate {ident}"
        );
    }
    // Unregistered values carry no data: tests/registry.rs checks every one.
}

#[test]
fn display_from_str_round_trip_for_every_value() {
    for v in 0..=u16::MAX {
        let code = CloseCode::from(v);
        let text = code.to_string();
        assert_eq!(text.parse::<CloseCode>(), Ok(code), "{text}");
        match code.name() {
            Some(name) => assert_eq!(text, format!("{v} {name}")),
            None => assert_eq!(text, v.to_string()),
        }
        // The bare number reads back too.
        assert_eq!(v.to_string().parse::<CloseCode>(), Ok(code));
    }
}

#[test]
fn names_and_identifiers_ignore_case() {
    for &code in CloseCode::NAMED {
        let name = code.name().unwrap();
        let ident = code.ident().unwrap();
        for text in [
            name.to_string(),
            name.to_ascii_lowercase(),
            name.to_ascii_uppercase(),
            ident.to_string(),
            ident.to_ascii_lowercase(),
            ident.to_ascii_uppercase(),
            format!("{} {}", code.as_u16(), name.to_ascii_lowercase()),
            format!("{} {}", code.as_u16(), name.to_ascii_uppercase()),
        ] {
            assert_eq!(CloseCode::parse(&text), Ok(code), "{text}");
        }
    }
}

#[test]
fn parse_errors() {
    use ParseCloseCodeError::*;
    let normal = CloseCode::NormalClosure.name();
    let going = CloseCode::GoingAway.name();
    let normal_name = normal.unwrap();
    let cases: Vec<(String, ParseCloseCodeError)> = vec![
        ("".into(), Empty),
        ("65536".into(), OutOfRange),
        ("99999999999999999999999".into(), OutOfRange),
        ("70000 Foo".into(), OutOfRange),
        ("+1000".into(), Unknown),
        ("-1".into(), Unknown),
        (" 1000".into(), Unknown),
        ("1000x".into(), Unknown),
        (format!("1000\t{normal_name}"), Unknown),
        (format!(" {normal_name}"), Unknown),
        ("Other".into(), Unknown),
        (
            "1000 ".into(),
            NameMismatch {
                value: 1000,
                name: normal,
            },
        ),
        (
            format!("1000  {normal_name}"),
            NameMismatch {
                value: 1000,
                name: normal,
            },
        ),
        (
            format!("1001 {normal_name}"),
            NameMismatch {
                value: 1001,
                name: going,
            },
        ),
        (
            "4000 Private".into(),
            NameMismatch {
                value: 4000,
                name: None,
            },
        ),
    ];
    for (text, error) in &cases {
        assert_eq!(CloseCode::parse(text), Err(*error), "{text:?}");
        assert!(!error.to_string().is_empty());
    }
    // Leading zeros are still the number.
    assert_eq!("01000".parse(), Ok(CloseCode::NormalClosure));
    assert_eq!("00000".parse::<CloseCode>().map(CloseCode::as_u16), Ok(0));
    assert_eq!(
        NameMismatch {
            value: 4000,
            name: None
        }
        .to_string(),
        "close code 4000 has no name"
    );
    assert_eq!(
        NameMismatch {
            value: 1001,
            name: Some("Going Away")
        }
        .to_string(),
        "the name after 1001 is not its name, \"Going Away\""
    );
}

#[test]
fn ordering_and_hashing_follow_the_value() {
    let mut codes: Vec<CloseCode> = [4000, 1000, 3008, 999, 1014, 65535, 0]
        .into_iter()
        .map(CloseCode::from)
        .collect();
    codes.sort();
    let values: Vec<u16> = codes.iter().map(|c| c.as_u16()).collect();
    assert_eq!(values, [0, 999, 1000, 1014, 3008, 4000, 65535]);
    let set: HashSet<CloseCode> = (0..=u16::MAX).map(CloseCode::from).collect();
    assert_eq!(set.len(), 65536);
    for v in 0..u16::MAX {
        assert!(CloseCode::from(v) < CloseCode::from(v + 1));
    }
}

#[test]
fn errors_implement_the_error_trait() {
    fn is_error<E: std::error::Error + Send + Sync + 'static>() {}
    is_error::<ParseCloseCodeError>();
    is_error::<ws_close_codes::CloseFrameError>();
    is_error::<ws_close_codes::BufferTooSmall>();
}

const PARSED: Result<CloseCode, ParseCloseCodeError> = CloseCode::parse("1014 bad gateway");
const _: () = assert!(matches!(PARSED, Ok(CloseCode::BadGateway)));

#[test]
fn parse_is_const() {
    assert_eq!(PARSED, Ok(CloseCode::BadGateway));
}

/// `Debug` is written by hand (from the identifier table) rather than
/// derived; it must print what `derive(Debug)` would, plain and `{:#?}`.
#[test]
fn debug_is_what_derive_would_print_for_every_value() {
    // `OtherCode` prints as its number.
    #[derive(Debug)]
    enum Derived {
        Other(#[allow(dead_code)] u16),
    }
    for value in 0..=u16::MAX {
        let code = CloseCode::from_u16(value);
        match code.ident() {
            Some(ident) => {
                assert_eq!(format!("{code:?}"), ident);
                assert_eq!(format!("{code:#?}"), ident);
            }
            None => {
                let derived = Derived::Other(value);
                assert_eq!(format!("{code:?}"), format!("{derived:?}"));
                assert_eq!(format!("{code:#?}"), format!("{derived:#?}"));
            }
        }
    }
    assert_eq!(format!("{:?}", CloseCode::NormalClosure), "NormalClosure");
    assert_eq!(format!("{:?}", CloseCode::from_u16(4000)), "Other(4000)");
}
