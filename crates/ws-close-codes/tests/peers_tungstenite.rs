//! `Peer::Tungstenite` against every tungstenite line itself (one module
//! per feature, `line_tests!`):
//!
//! - its `WebSocket` (client role) reads a server's Close frame from an
//!   in-memory connection, for every code with a UTF-8 reason and with one
//!   that is not, and for the odd bodies: what `read` returns, the Close
//!   frame tungstenite answers with, and that the next `read` reports the
//!   end of a clean closing handshake must be what `Peer::receives` says;
//! - over a real TCP connection on 127.0.0.1, for every code tungstenite
//!   does not deliver as sent (and a few it does): what the client
//!   application's `read` returns, and the Close frame the server gets
//!   back;
//! - when tungstenite closed first, the server's answer is handed over as
//!   received, whatever its code.
// The helpers below serve the lines' modules, of which there are none when
// no tungstenite feature is on.
#![cfg_attr(not(feature = "tungstenite"), allow(dead_code, unused_imports))]

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use common::wire::{client_close_body, server_close_frame, Wire};

/// RFC 6455 section 1.3's example key and the accept value it gives: the
/// hand-written handshake below needs no SHA-1 of its own.
const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";
const ACCEPT: &str = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
const TIMEOUT: Duration = Duration::from_secs(10);

/// A loopback server for the given Close frame bodies, in order: for each
/// connection it checks the client's opening handshake, answers it, sends
/// the next body raw, reads the client's answer and closes TCP; the
/// answer's payload (`None` when the client sent none) goes to the
/// returned channel.
fn serve(bodies: Vec<Vec<u8>>) -> (u16, mpsc::Receiver<Option<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (answers, received) = mpsc::channel();
    std::thread::spawn(move || {
        for body in bodies {
            let (mut stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(TIMEOUT)).unwrap();
            let mut request = Vec::new();
            let mut byte = [0u8];
            while !request.ends_with(b"\r\n\r\n") {
                stream.read_exact(&mut byte).unwrap();
                request.push(byte[0]);
            }
            let request = String::from_utf8(request).unwrap();
            assert!(request.starts_with("GET / HTTP/1.1\r\n"), "{request}");
            assert!(request.contains(&format!("\r\nSec-WebSocket-Key: {KEY}\r\n")));
            let mut reply = format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\
                 Connection: Upgrade\r\nSec-WebSocket-Accept: {ACCEPT}\r\n\r\n"
            )
            .into_bytes();
            reply.extend_from_slice(&server_close_frame(&body));
            stream.write_all(&reply).unwrap();
            let mut answer = Vec::new();
            let mut buf = [0u8; 256];
            loop {
                let complete =
                    answer.len() >= 2 && answer.len() >= 6 + usize::from(answer[1] & 0x7f);
                if complete {
                    break;
                }
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => answer.extend_from_slice(&buf[..n]),
                }
            }
            stream.shutdown(Shutdown::Both).unwrap();
            answers.send(client_close_body(&answer)).unwrap();
        }
    });
    (port, received)
}

/// A client's opening handshake on a new TCP connection to `port`: the
/// stream and the bytes read past the server's response.
fn connect(port: u16) -> (TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Key: {KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let mut buf = [0u8; 512];
    let end = loop {
        if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the server closed during the handshake");
        response.extend_from_slice(&buf[..n]);
    };
    let head = std::str::from_utf8(&response[..end]).unwrap();
    assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
    assert!(head.contains(&format!("\r\nSec-WebSocket-Accept: {ACCEPT}\r\n")));
    let rest = response[end..].to_vec();
    (stream, rest)
}

/// The tests for one line, in a module named after `krate`, the
/// dependency (which the tests name `::krate`), `feature` the feature that
/// enables it.
macro_rules! line_tests {
    ($krate:ident, $feature:literal) => {
        #[cfg(feature = $feature)]
        mod $krate {
            use std::io::{Read, Write};

            use super::common::peers::{all_bodies, body, check, Seen, REASON};
            use super::{client_close_body, connect, serve, Wire};
            use ::$krate::error::Error;
            use ::$krate::protocol::frame::coding::CloseCode as Theirs;
            use ::$krate::protocol::{Message, Role, WebSocket};
            use ws_close_codes::{CloseCode, Delivery, Peer};

            /// The error as `Failure::error` names it (`Utf8` carries a
            /// message from 0.28 on).
            fn error_name(error: &Error) -> String {
                match error {
                    Error::Protocol(error) => format!("Error::Protocol(ProtocolError::{error:?})"),
                    Error::Utf8 { .. } => "Error::Utf8".to_owned(),
                    other => format!("{other:?}"),
                }
            }

            /// What the application's `read` returns after the server's
            /// Close frame (tungstenite says "no code" with `None`).
            fn read_close<S: Read + Write>(socket: &mut WebSocket<S>) -> Seen {
                match socket.read() {
                    Ok(Message::Close(frame)) => Seen::Close {
                        code: frame.as_ref().map(|frame| u16::from(frame.code)),
                        reason: frame
                            .map(|frame| frame.reason.as_bytes().to_vec())
                            .unwrap_or_default(),
                    },
                    Ok(other) => panic!("read {other:?}"),
                    Err(error) => Seen::Error {
                        error: error_name(&error),
                        reported: None,
                    },
                }
            }

            /// The Close frame body that says what `seen` says.
            fn body_of(seen: &Seen) -> Vec<u8> {
                match seen {
                    Seen::Close {
                        code: Some(code),
                        reason,
                    } => body(*code, reason),
                    Seen::Close { code: None, .. } => Vec::new(),
                    Seen::Error { .. } => panic!("no close"),
                }
            }

            #[test]
            fn every_body_read_from_memory_is_what_the_crate_says() {
                for body in all_bodies() {
                    let input = super::server_close_frame(&body);
                    let mut socket =
                        WebSocket::from_raw_socket(Wire::new(input), Role::Client, None);
                    let seen = read_close(&mut socket);
                    check(Peer::Tungstenite, &body, &seen, None);
                    match seen {
                        Seen::Close { .. } => {
                            // The next `read` writes the answer, which says what
                            // the application was handed, and reports the end
                            // of a clean closing handshake: no error.
                            let answered = socket.read();
                            assert!(
                                matches!(answered, Err(Error::ConnectionClosed)),
                                "{answered:?}"
                            );
                            let answer = client_close_body(&socket.get_ref().output);
                            assert_eq!(answer, Some(body_of(&seen)), "{body:02x?}");
                        }
                        Seen::Error { .. } => {
                            assert!(socket.get_ref().output.is_empty(), "no answer on an error");
                        }
                    }
                }
            }

            /// Over loopback, for every code tungstenite does not deliver
            /// as sent, by its own `is_allowed()` or by the crate, and for a
            /// few it delivers.
            #[test]
            fn a_loopback_client_is_handed_what_the_crate_says() {
                let codes: Vec<u16> = (0..=u16::MAX)
                    .filter(|&code| {
                        !Theirs::from(code).is_allowed()
                            || !CloseCode::from(code)
                                .received_by(Peer::Tungstenite)
                                .is_delivered()
                            || [1000, 1013, 3000, 4999].contains(&code)
                    })
                    .collect();
                assert!(codes.len() > 60_000, "{}", codes.len());
                let bodies: Vec<Vec<u8>> = codes.iter().map(|&code| body(code, REASON)).collect();
                let (port, answers) = serve(bodies.clone());
                for body in &bodies {
                    let (stream, rest) = connect(port);
                    let mut socket =
                        WebSocket::from_partially_read(stream, rest, Role::Client, None);
                    let seen = read_close(&mut socket);
                    check(Peer::Tungstenite, body, &seen, None);
                    // The next `read` sends tungstenite's answer, which says
                    // what the application was handed, and ends with the
                    // end of a clean closing handshake: no error.
                    let answered = socket.read();
                    assert!(
                        matches!(answered, Err(Error::ConnectionClosed)),
                        "{answered:?}"
                    );
                    assert_eq!(answers.recv().unwrap(), Some(body_of(&seen)), "{body:02x?}");
                }
            }

            /// The replacement only happens when the server closes first:
            /// a Close frame that answers tungstenite's own is handed over
            /// as received, for every code.
            #[test]
            fn an_answer_to_tungstenites_close_is_handed_over_as_received() {
                for code in 0..=u16::MAX {
                    let body = body(code, REASON);
                    let input = super::server_close_frame(&body);
                    let mut socket =
                        WebSocket::from_raw_socket(Wire::new(input), Role::Client, None);
                    socket.close(None).unwrap();
                    let seen = read_close(&mut socket);
                    assert_eq!(
                        seen,
                        Seen::Close {
                            code: Some(code),
                            reason: REASON.to_vec()
                        },
                        "{code}"
                    );
                    assert_eq!(
                        client_close_body(&socket.get_ref().output),
                        Some(Vec::new())
                    );
                }
                // Over loopback too, for 1014.
                let (port, answers) = serve(vec![body(1014, REASON)]);
                let (stream, rest) = connect(port);
                let mut socket = WebSocket::from_partially_read(stream, rest, Role::Client, None);
                socket.close(None).unwrap();
                let seen = read_close(&mut socket);
                assert_eq!(
                    seen,
                    Seen::Close {
                        code: Some(1014),
                        reason: REASON.to_vec()
                    }
                );
                assert_eq!(answers.recv().unwrap(), Some(Vec::new()));
                let delivery = CloseCode::BadGateway.received_by(Peer::Tungstenite);
                assert!(matches!(delivery, Delivery::Replaced(_)));
            }
        }
    };
}

/// One module of tests per line, from the list of the lines that the crate
/// reads too, named after the line's dependency.
macro_rules! tungstenite_lines {
    ($(($krate:ident, $feature:literal, $line:literal, $reason:ident))+) => {
        $(line_tests!($krate, $feature);)+
    };
}

include!("../src/tungstenite_lines.rs");
