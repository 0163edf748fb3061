//! Cross-check with every tungstenite line over every `u16`: where
//! tungstenite disagrees with the registry and RFC 6455, that the crate
//! documentation lists exactly those codes, that codes and Close frames
//! convert both ways, and that what tungstenite hands over when it reads a
//! peer's bytes becomes the event in one call. One set of tests,
//! instantiated per line by `line_tests!`, each against the tungstenite
//! version of its feature; and that the list of the lines is the manifest's
//! tungstenite features and dependencies.
// The helpers below serve the lines' modules, of which there are none when
// no tungstenite feature is on.
#![cfg_attr(not(feature = "tungstenite"), allow(dead_code, unused_imports))]

mod common;

use common::wire::{server_close_frame, Wire};

/// A Close frame's body: the code, then the reason.
fn body(code: u16, reason: &str) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason.as_bytes());
    body
}

/// A text message as a server sends it.
fn text_frame(text: &str) -> Vec<u8> {
    assert!(text.len() <= 125);
    let mut frame = vec![0x81, text.len() as u8];
    frame.extend_from_slice(text.as_bytes());
    frame
}

/// The tests for one line, in a module named after `krate`, the
/// dependency (which the tests name `::krate`), `feature` the feature that
/// enables it.
macro_rules! line_tests {
    ($krate:ident, $feature:literal) => {
        #[cfg(feature = $feature)]
        mod $krate {
            use super::common::tables::{assert_documented_table, yes_no};
            use ::$krate::protocol::frame::coding::CloseCode as Theirs;
            use ::$krate::protocol::CloseFrame as TheirFrame;
            use ::$krate::protocol::{Role, WebSocket};
            use ::$krate::{Error, Message};
            use ws_close_codes::{CloseCode, CloseEvent, CloseFrame, CloseFrameError};

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

            /// A client reading what a server sent.
            fn client(server_sent: Vec<u8>) -> WebSocket<super::Wire> {
                WebSocket::from_raw_socket(super::Wire::new(server_sent), Role::Client, None)
            }

            /// The code, reason and cleanness of an event.
            fn fields(event: CloseEvent<'_>) -> (u16, &str, bool) {
                (event.code().as_u16(), event.reason(), event.was_clean())
            }

            /// Every shape of receiving gives the same event for one read:
            /// the message, its frame (`Option<&CloseFrame>`,
            /// `&Option<CloseFrame>` and, when there is one, `&CloseFrame`),
            /// and the read itself, by reference, as a blocking read and
            /// as a stream's item gives it.
            fn event_of_every_shape(read: &Result<Message, Error>) -> Option<CloseEvent<'_>> {
                let event = CloseEvent::from_next(read);
                assert_eq!(CloseEvent::from_next(Some(read)), event);
                match read {
                    Ok(message) => {
                        assert_eq!(CloseEvent::from_message(message), event);
                        if let Message::Close(frame) = message {
                            assert_eq!(Some(CloseEvent::from(frame)), event);
                            assert_eq!(Some(CloseEvent::from(frame.as_ref())), event);
                            if let Some(frame) = frame {
                                assert_eq!(Some(CloseEvent::from(frame)), event);
                            }
                        } else {
                            assert_eq!(event, None);
                        }
                    }
                    Err(_) => assert_eq!(event, Some(CloseEvent::abnormal())),
                }
                event
            }

            /// For every code a peer can put in a Close frame, the event is
            /// what tungstenite hands over: the code and reason as sent
            /// when tungstenite allows the code, and otherwise the 1002
            /// "Protocol violation" that tungstenite puts in its place
            /// (and answers with), 1014 among them.
            #[test]
            fn a_close_frame_from_the_peer_is_its_event() {
                for v in 0..=u16::MAX {
                    let mut socket =
                        client(super::server_close_frame(&super::body(v, "server busy")));
                    let read = socket.read();
                    let event = event_of_every_shape(&read).expect("a Close message");
                    if Theirs::from(v).is_allowed() {
                        assert_eq!(fields(event), (v, "server busy", true));
                    } else {
                        assert_eq!(fields(event), (1002, "Protocol violation", true), "{v}");
                    }
                }
            }

            /// When this side closed first, tungstenite hands the peer's
            /// answer over as it came, also with a code that neither crate
            /// allows: the event reports it as sent.
            #[test]
            fn an_answer_to_our_close_is_reported_as_sent() {
                for v in 0..=u16::MAX {
                    let mut socket = client(super::server_close_frame(&super::body(v, "bye")));
                    socket.close(None).unwrap();
                    let read = socket.read();
                    let event = event_of_every_shape(&read).expect("a Close message");
                    assert_eq!(fields(event), (v, "bye", true));
                }
            }

            #[test]
            fn an_empty_close_frame_is_1005_clean() {
                let mut socket = client(super::server_close_frame(b""));
                let read = socket.read();
                assert!(matches!(read, Ok(Message::Close(None))), "{read:?}");
                let event = event_of_every_shape(&read).expect("a Close message");
                assert_eq!(fields(event), (1005, "", true));
                assert_eq!(event.to_string(), "1005 No Status Rcvd");
            }

            #[test]
            fn a_reason_reaches_the_log_line() {
                let mut socket =
                    client(super::server_close_frame(&super::body(1013, "server busy")));
                let read = socket.read();
                let event = event_of_every_shape(&read).unwrap();
                assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
                let mut socket = client(super::server_close_frame(&super::body(4001, "kicked")));
                let read = socket.read();
                assert_eq!(
                    event_of_every_shape(&read).unwrap().to_string(),
                    "4001: kicked"
                );
            }

            /// Data messages are no event; a connection that ends without a
            /// Close frame ends in an error, which is 1006, not clean, as
            /// is the end of a stream.
            #[test]
            fn the_end_without_a_close_frame_is_1006_not_clean() {
                let mut socket = client(super::text_frame("hello"));
                let read = socket.read();
                assert_eq!(
                    read.as_ref().ok().and_then(|m| m.to_text().ok()),
                    Some("hello")
                );
                assert_eq!(event_of_every_shape(&read), None);
                let read = socket.read();
                assert!(read.is_err(), "{read:?}");
                let event = event_of_every_shape(&read).unwrap();
                assert_eq!(fields(event), (1006, "", false));
                assert_eq!(event.to_string(), "1006 Abnormal Closure (not clean)");

                let end: Option<Result<Message, Error>> = None;
                assert_eq!(CloseEvent::from_next(&end), Some(CloseEvent::abnormal()));
                assert_eq!(
                    CloseEvent::from_next(end.as_ref()),
                    Some(CloseEvent::abnormal())
                );
                let error: Option<Result<Message, Error>> = Some(Err(Error::AlreadyClosed));
                assert_eq!(CloseEvent::from_next(&error), Some(CloseEvent::abnormal()));
            }

            /// Every kind of message that is not a Close has no event.
            #[test]
            fn other_messages_are_no_event() {
                for message in [
                    Message::text("a"),
                    Message::binary(vec![1]),
                    Message::Ping(vec![2].into()),
                    Message::Pong(vec![3].into()),
                    Message::Frame(::$krate::protocol::frame::Frame::close(None)),
                ] {
                    assert_eq!(CloseEvent::from_message(&message), None, "{message:?}");
                    let next = Some(Ok::<_, Error>(message));
                    assert_eq!(CloseEvent::from_next(&next), None);
                }
            }

            /// A frame the stack holds but this crate's rules refuse, built
            /// by hand, is reported as it is by every shape.
            #[test]
            fn refused_codes_are_reported_as_they_are() {
                for v in (0..=u16::MAX).filter(|&v| !CloseCode::from(v).is_sendable()) {
                    let message = Message::Close(Some(TheirFrame {
                        code: Theirs::from(v),
                        reason: "odd".into(),
                    }));
                    let read = Ok(message);
                    let event = event_of_every_shape(&read).unwrap();
                    assert_eq!(fields(event), (v, "odd", true));
                }
            }

            /// What a frame converted from this crate's looks like on the
            /// wire, encoded by tungstenite itself: the same body bytes.
            #[test]
            fn tungstenite_encodes_converted_frames_as_this_crate_does() {
                for v in (0..=u16::MAX).filter(|&v| CloseCode::from(v).is_sendable()) {
                    let ours = CloseFrame::new(CloseCode::from(v), "bye").unwrap();
                    let mut body = [0u8; 125];
                    let len = ours.encode_into(&mut body).unwrap();
                    let frame =
                        ::$krate::protocol::frame::Frame::close(Some(TheirFrame::from(ours)));
                    assert_eq!(&frame.payload()[..], &body[..len], "{v}");
                }
            }
        }
    };
}

/// One module of tests per line, from the list of the lines that the crate
/// reads too, named after the line's dependency; and `LINES`, each line's
/// dependency, feature and version, oldest first.
macro_rules! tungstenite_lines {
    ($(($krate:ident, $feature:literal, $line:literal, $reason:ident))+) => {
        $(line_tests!($krate, $feature);)+

        const LINES: &[(&str, &str, &str)] = &[$((stringify!($krate), $feature, $line)),+];
    };
}

include!("../src/tungstenite_lines.rs");

/// The lines of the list are exactly the tungstenite features and
/// dependencies of Cargo.toml, in the same order, each dependency on its
/// own line of tungstenite, and `tungstenite` turns on the newest; with or
/// without the features.
#[test]
fn the_list_of_lines_is_the_manifest() {
    let manifest = include_str!("../Cargo.toml");
    let section = |name: &str| -> Vec<&str> {
        let start = manifest.find(&format!("\n[{name}]\n")).expect(name) + name.len() + 4;
        let end = manifest[start..]
            .find("\n[")
            .map_or(manifest.len(), |end| start + end);
        manifest[start..end]
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .collect()
    };
    let features: Vec<&str> = section("features")
        .into_iter()
        .filter(|line| line.starts_with("tungstenite"))
        .collect();
    let (_, newest_feature, _) = LINES.last().unwrap();
    let mut expected = vec![format!("tungstenite = [\"{newest_feature}\"]")];
    for (dependency, feature, line) in LINES {
        // The names follow the line: `tungstenite_0_30`, `tungstenite-0_30`.
        let suffix = line.replace('.', "_");
        assert_eq!(*dependency, format!("tungstenite_{suffix}"));
        assert_eq!(*feature, format!("tungstenite-{suffix}"));
        expected.push(format!("{feature} = [\"dep:{dependency}\", \"alloc\"]"));
    }
    assert_eq!(features, expected);

    let dependencies: Vec<&str> = section("dependencies")
        .into_iter()
        .filter(|line| line.contains("package = \"tungstenite\""))
        .collect();
    let expected: Vec<String> = LINES
        .iter()
        .map(|(dependency, _, line)| {
            format!(
                "{dependency} = {{ package = \"tungstenite\", version = \"{line}\", \
                 optional = true, default-features = false }}"
            )
        })
        .collect();
    assert_eq!(dependencies, expected);
}
