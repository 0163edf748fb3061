//! Cross-check with tungstenite over every `u16`: where the two crates
//! disagree, and that the crate documentation lists exactly those codes.
#![cfg(feature = "tungstenite")]

use tungstenite::protocol::frame::coding::CloseCode as Theirs;
use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

/// Whether tungstenite has a named variant for the code (its catch-alls
/// are `Reserved`, `Iana`, `Library` and `Bad`).
fn named_by_tungstenite(code: Theirs) -> bool {
    !matches!(
        code,
        Theirs::Reserved(_) | Theirs::Iana(_) | Theirs::Library(_) | Theirs::Bad(_)
    )
}

/// One row of the documented table.
#[derive(Debug, PartialEq)]
struct Row {
    code: u16,
    ours: String,
    valid_here: bool,
    theirs: String,
    allowed: bool,
}

fn yes_no(text: &str) -> bool {
    match text {
        "yes" => true,
        "no" => false,
        other => panic!("expected yes or no, got {other:?}"),
    }
}

/// The rows between the markers in the crate documentation.
fn documented() -> Vec<Row> {
    let lib = include_str!("../src/lib.rs");
    let start = lib
        .find("<!-- tungstenite-disagreements:start -->")
        .expect("start marker");
    let end = lib
        .find("<!-- tungstenite-disagreements:end -->")
        .expect("end marker");
    lib[start..end]
        .lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .filter(|line| {
            line.starts_with('|') && line.chars().nth(2).is_some_and(|c| c.is_ascii_digit())
        })
        .map(|line| {
            let cells: Vec<&str> = line
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().trim_matches('`'))
                .collect();
            assert_eq!(cells.len(), 5, "{line}");
            Row {
                code: cells[0].parse().unwrap(),
                ours: cells[1].to_string(),
                valid_here: yes_no(cells[2]),
                theirs: cells[3].to_string(),
                allowed: yes_no(cells[4]),
            }
        })
        .collect()
}

/// Every value where the variants or the validity differ, computed.
fn computed() -> Vec<Row> {
    (0..=u16::MAX)
        .filter_map(|v| {
            let ours = CloseCode::from(v);
            let theirs = Theirs::from(v);
            let variants_differ = ours.is_registered() != named_by_tungstenite(theirs);
            let validity_differs = ours.is_valid_received() != theirs.is_allowed();
            (variants_differ || validity_differs).then(|| Row {
                code: v,
                ours: ours
                    .ident()
                    .map_or_else(|| format!("Other({v})"), str::to_string),
                valid_here: ours.is_valid_received(),
                theirs: format!("{theirs:?}"),
                allowed: theirs.is_allowed(),
            })
        })
        .collect()
}

#[test]
fn the_documented_disagreements_are_the_real_ones() {
    let computed = computed();
    for row in &computed {
        eprintln!("{row:?}");
    }
    assert_eq!(documented(), computed);
}

#[test]
fn validity_differs_only_for_1014() {
    let differ: Vec<u16> = (0..=u16::MAX)
        .filter(|&v| CloseCode::from(v).is_valid_received() != Theirs::from(v).is_allowed())
        .collect();
    assert_eq!(differ, [1014]);
}

#[test]
fn numbers_survive_both_ways_for_every_u16() {
    for v in 0..=u16::MAX {
        let theirs = Theirs::from(v);
        assert_eq!(u16::from(theirs), v, "tungstenite alone");
        let ours = CloseCode::from(theirs);
        assert_eq!(ours.as_u16(), v);
        assert_eq!(Theirs::from(ours), theirs);
        assert_eq!(Theirs::from(CloseCode::from(v)), theirs);
    }
}

#[test]
fn frames_convert_both_ways() {
    for v in (0..=u16::MAX).filter(|&v| CloseCode::from(v).is_sendable()) {
        let ours = CloseFrame::new(CloseCode::from(v), "reason é").unwrap();
        let theirs = tungstenite::protocol::CloseFrame::from(ours);
        assert_eq!(u16::from(theirs.code), v);
        assert_eq!(theirs.reason.as_str(), "reason é");
        assert_eq!(CloseFrame::try_from(&theirs), Ok(ours));
        assert_eq!(CloseEvent::from(&theirs), CloseEvent::from(ours));
    }
    let invalid = tungstenite::protocol::CloseFrame {
        code: Theirs::from(1016),
        reason: "".into(),
    };
    assert_eq!(
        CloseFrame::try_from(&invalid),
        Err(CloseFrameError::InvalidCode {
            code: CloseCode::from(1016)
        })
    );
    let long = tungstenite::protocol::CloseFrame {
        code: Theirs::Normal,
        reason: "x".repeat(124).into(),
    };
    assert_eq!(
        CloseFrame::try_from(&long),
        Err(CloseFrameError::ReasonTooLong { len: 124 })
    );
    // A lenient report of what tungstenite hands over, checked or not.
    let event = CloseEvent::from(&invalid);
    assert_eq!((event.code().as_u16(), event.was_clean()), (1016, true));
}
