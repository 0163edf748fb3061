//! `Peer::Yawc` against yawc 0.5 itself: its `WebSocket` (client role,
//! `from_stream` on a connection whose handshake is done, default
//! `Options`) reads a server's Close frame from an in-memory connection
//! with `next_frame`, for every code with a UTF-8 reason and with one that
//! is not, and for the odd bodies; what `next_frame` returns must be what
//! `Peer::receives` says, and the Close frame yawc answers with is checked
//! for every code.

#![cfg(feature = "yawc")]

mod common;

use common::peers::{
    assert_delivers_exactly, body, check, check_every_body, runtime, Seen, REASON,
};
use common::wire::{client_close_body, server_close_frame};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use ws_close_codes::Peer;
use yawc::{OpCode, Options, Role, WebSocket, WebSocketError};

/// The error as `Failure::error` names it.
fn error_name(error: &WebSocketError) -> String {
    format!("WebSocketError::{error:?}")
}

/// What the application sees: what `next_frame` returns for the server's
/// Close frame (a code and reason from its payload, `None` for no code);
/// and the payload of the Close frame yawc answered with, which it writes
/// on the next `next_frame`.
async fn receive(body: &[u8]) -> (Seen, Option<Vec<u8>>) {
    let (client, mut server) = tokio::io::duplex(1 << 16);
    server.write_all(&server_close_frame(body)).await.unwrap();
    server.shutdown().await.unwrap();
    let mut socket = WebSocket::from_stream(client, Role::Client, Options::default()).unwrap();
    let seen = match socket.next_frame().await {
        Ok(frame) => {
            assert_eq!(frame.opcode(), OpCode::Close, "{body:02x?}");
            match &frame.payload()[..] {
                [high, low, reason @ ..] => Seen::Close {
                    code: Some(u16::from_be_bytes([*high, *low])),
                    reason: reason.to_vec(),
                },
                payload => Seen::Close {
                    code: None,
                    reason: payload.to_vec(),
                },
            }
        }
        Err(error) => Seen::Error {
            error: error_name(&error),
            reported: None,
        },
    };
    // yawc queues its answering Close frame and writes it on the next
    // read, which then reports the closed connection.
    let next = socket.next_frame().await.err();
    assert!(
        matches!(next, Some(WebSocketError::ConnectionClosed)),
        "{body:02x?}: {next:?}"
    );
    drop(socket);
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await.unwrap();
    (seen, client_close_body(&answer))
}

#[test]
fn every_body_is_received_as_the_crate_says() {
    check_every_body(Peer::Yawc, |body| async move { receive(&body).await });
}

/// The codes yawc delivers, counted from `next_frame`: 1000-1003,
/// 1007-1013 and 3000-4999. It echoes a delivered Close frame as received,
/// and answers every other code with 1002 and its error's message.
#[test]
fn yawc_delivers_the_codes_of_its_list() {
    let refused = body(
        1002,
        WebSocketError::InvalidCloseCode.to_string().as_bytes(),
    );
    let delivered: Vec<u16> = runtime().block_on(async {
        let mut delivered = Vec::new();
        for code in 0..=u16::MAX {
            let sent = body(code, REASON);
            let (seen, answer) = receive(&sent).await;
            if let Seen::Close { .. } = seen {
                delivered.push(code);
                assert_eq!(answer, Some(sent), "{code}");
            } else {
                assert_eq!(answer.as_ref(), Some(&refused), "{code}");
            }
        }
        delivered
    });
    let expected: Vec<u16> = (1000..=1003)
        .chain(1007..=1013)
        .chain(3000..=4999)
        .collect();
    assert_eq!(delivered, expected);
    assert_delivers_exactly(Peer::Yawc, &expected);
}

/// yawc reads a Close frame of 126 bytes, which RFC 6455 forbids (section
/// 5.5), delivers it, and echoes all 126 bytes back.
#[test]
fn yawc_reads_and_echoes_a_close_frame_over_125_bytes() {
    let long = body(1000, &[b'r'; 124]);
    let (seen, answer) = runtime().block_on(receive(&long));
    check(Peer::Yawc, &long, &seen, None);
    assert_eq!(answer, Some(long));
}
