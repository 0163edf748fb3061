//! Cross-check with every tungstenite line over every `u16`: where
//! tungstenite disagrees with the registry and RFC 6455, that the crate
//! documentation lists exactly those codes, and that codes and Close
//! frames convert both ways. One set of tests, instantiated per line by
//! `line_tests!`, each against the tungstenite version of its feature.
#![cfg(any(
    feature = "tungstenite-0_24",
    feature = "tungstenite-0_25",
    feature = "tungstenite-0_26",
    feature = "tungstenite-0_27",
    feature = "tungstenite-0_28",
    feature = "tungstenite-0_29",
    feature = "tungstenite-0_30",
))]

mod common;

/// The tests for one line: `module` is the name of the test module,
/// `krate` the dependency, `feature` the feature that enables it.
macro_rules! line_tests {
    ($module:ident, $krate:ident, $feature:literal) => {
        #[cfg(feature = $feature)]
        mod $module {
            use super::common::{assert_documented_table, yes_no};
            use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};
            use $krate::protocol::frame::coding::CloseCode as Theirs;
            use $krate::protocol::CloseFrame as TheirFrame;

            /// Whether tungstenite has a named variant for the code (its
            /// catch-alls are `Reserved`, `Iana`, `Library` and `Bad`).
            fn named_by_tungstenite(code: Theirs) -> bool {
                !matches!(
                    code,
                    Theirs::Reserved(_) | Theirs::Iana(_) | Theirs::Library(_) | Theirs::Bad(_)
                )
            }

            /// Every value where the variants or the validity differ, as
            /// the documented table prints it: code, this crate's variant,
            /// valid here, tungstenite's variant, `is_allowed()`.
            fn computed() -> Vec<Vec<String>> {
                (0..=u16::MAX)
                    .filter_map(|v| {
                        let ours = CloseCode::from(v);
                        let theirs = Theirs::from(v);
                        let variants_differ = ours.is_named() != named_by_tungstenite(theirs);
                        let validity_differs = ours.is_sendable() != theirs.is_allowed();
                        (variants_differ || validity_differs).then(|| {
                            vec![
                                v.to_string(),
                                ours.ident()
                                    .map_or_else(|| format!("Other({v})"), str::to_string),
                                yes_no(ours.is_sendable()),
                                format!("{theirs:?}"),
                                yes_no(theirs.is_allowed()),
                            ]
                        })
                    })
                    .collect()
            }

            #[test]
            fn the_documented_disagreements_are_the_real_ones() {
                assert_documented_table("tungstenite-disagreements", 5, &computed());
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
                    let theirs = TheirFrame::from(ours);
                    assert_eq!(u16::from(theirs.code), v);
                    assert_eq!(&*theirs.reason, "reason é");
                    assert_eq!(CloseFrame::try_from(&theirs), Ok(ours));
                    assert_eq!(CloseEvent::from(&theirs), CloseEvent::from(ours));
                }
                let invalid = TheirFrame {
                    code: Theirs::from(999),
                    reason: "".into(),
                };
                assert_eq!(
                    CloseFrame::try_from(&invalid),
                    Err(CloseFrameError::InvalidCode {
                        code: CloseCode::from(999)
                    })
                );
                let longest = TheirFrame {
                    code: Theirs::Normal,
                    reason: "x".repeat(123).into(),
                };
                assert_eq!(
                    CloseFrame::try_from(&longest).map(|frame| frame.reason().len()),
                    Ok(123)
                );
                let long = TheirFrame {
                    code: Theirs::Normal,
                    reason: "x".repeat(124).into(),
                };
                assert_eq!(
                    CloseFrame::try_from(&long),
                    Err(CloseFrameError::ReasonTooLong { len: 124 })
                );
                // A lenient report of what tungstenite hands over, checked or not.
                let event = CloseEvent::from(&invalid);
                assert_eq!((event.code().as_u16(), event.was_clean()), (999, true));
            }

            /// What a frame converted from this crate's looks like on the
            /// wire, encoded by tungstenite itself: the same body bytes.
            #[test]
            fn tungstenite_encodes_converted_frames_as_this_crate_does() {
                for v in (0..=u16::MAX).filter(|&v| CloseCode::from(v).is_sendable()) {
                    let ours = CloseFrame::new(CloseCode::from(v), "bye").unwrap();
                    let mut body = [0u8; 125];
                    let len = ours.encode_into(&mut body).unwrap();
                    let frame = $krate::protocol::frame::Frame::close(Some(TheirFrame::from(ours)));
                    assert_eq!(&frame.payload()[..], &body[..len], "{v}");
                }
            }
        }
    };
}

line_tests!(v0_24, tungstenite_0_24, "tungstenite-0_24");
line_tests!(v0_25, tungstenite_0_25, "tungstenite-0_25");
line_tests!(v0_26, tungstenite_0_26, "tungstenite-0_26");
line_tests!(v0_27, tungstenite_0_27, "tungstenite-0_27");
line_tests!(v0_28, tungstenite_0_28, "tungstenite-0_28");
line_tests!(v0_29, tungstenite_0_29, "tungstenite-0_29");
line_tests!(v0_30, tungstenite_0_30, "tungstenite-0_30");
