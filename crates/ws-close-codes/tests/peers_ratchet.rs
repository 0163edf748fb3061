//! `Peer::Ratchet` against ratchet_rs 1.2 itself: its `WebSocket` (client
//! role, `from_upgraded` on a connection whose handshake is done, no
//! extension) reads a server's Close frame from an in-memory connection
//! with `read`, for every code with a UTF-8 reason and with one that is
//! not, and for the odd bodies; what `read` returns must be what
//! `Peer::receives` says, and the Close frame ratchet_rs answers with is
//! checked for every code.

#![cfg(feature = "ratchet_rs")]

mod common;

use bytes::BytesMut;
use common::peers::{assert_delivers_exactly, body, check_every_body, runtime, Seen, REASON};
use common::wire::{client_close_body, server_close_frame};
use ratchet_rs::{Error, Message, NoExt, ProtocolError, Role, WebSocket, WebSocketConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use ws_close_codes::Peer;

/// The error as `Failure::error` names it: `Error(` its kind, its cause
/// `)`, the cause being a `ProtocolError` variant or the cause's type
/// (without the values they carry).
fn error_name(error: &Error) -> String {
    let kind = if error.is_protocol() {
        "Protocol"
    } else if error.is_encoding() {
        "Encoding"
    } else {
        panic!("{error}")
    };
    let cause = match error.downcast_ref::<ProtocolError>() {
        Some(protocol) => format!("ProtocolError::{protocol:?}"),
        None => match std::error::Error::source(error) {
            Some(source) => format!("{source:?}"),
            None => panic!("{error}"),
        },
    };
    let cause = cause.split(['(', ' ', '{']).next().unwrap();
    format!("Error({kind}, {cause})")
}

/// What the application sees: what `read` returns for the server's Close
/// frame (`Message::Close` with its code and reason, `None` for no code);
/// and the payload of the Close frame ratchet_rs answered with.
async fn receive(body: &[u8]) -> (Seen, Option<Vec<u8>>) {
    let (client, mut server) = tokio::io::duplex(1 << 16);
    server.write_all(&server_close_frame(body)).await.unwrap();
    server.shutdown().await.unwrap();
    let mut socket = WebSocket::from_upgraded(
        WebSocketConfig::default(),
        client,
        None::<NoExt>,
        BytesMut::new(),
        Role::Client,
    );
    let mut buffer = BytesMut::new();
    let seen = match socket.read(&mut buffer).await {
        Ok(Message::Close(reason)) => Seen::Close {
            code: reason.as_ref().map(|reason| u16::from(reason.code)),
            reason: reason
                .and_then(|reason| reason.description)
                .unwrap_or_default()
                .into_bytes(),
        },
        Ok(other) => panic!("{body:02x?}: read {other:?}"),
        Err(error) => Seen::Error {
            error: error_name(&error),
            reported: None,
        },
    };
    drop(socket);
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await.unwrap();
    (seen, client_close_body(&answer))
}

#[test]
fn every_body_is_received_as_the_crate_says() {
    check_every_body(Peer::Ratchet, |body| async move { receive(&body).await });
}

/// The codes ratchet_rs delivers, counted from `read`: 1000-1003,
/// 1007-1013 and 3000-4999. It answers a delivered code with that code and
/// no reason, and every other code with 1002 and no reason.
#[test]
fn ratchet_delivers_the_codes_of_its_list() {
    let delivered: Vec<u16> = runtime().block_on(async {
        let mut delivered = Vec::new();
        for code in 0..=u16::MAX {
            let (seen, answer) = receive(&body(code, REASON)).await;
            if let Seen::Close { .. } = seen {
                delivered.push(code);
                assert_eq!(answer, Some(body(code, b"")), "{code}");
            } else {
                assert_eq!(answer, Some(body(1002, b"")), "{code}");
            }
        }
        delivered
    });
    let expected: Vec<u16> = (1000..=1003)
        .chain(1007..=1013)
        .chain(3000..=4999)
        .collect();
    assert_eq!(delivered, expected);
    assert_delivers_exactly(Peer::Ratchet, &expected);
}
