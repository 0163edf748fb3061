//! `Peer::TokioWebsockets` against tokio-websockets 0.13 itself: its client
//! stream (`ClientBuilder::take_over`, the stream `connect` returns after
//! the handshake) reads a server's Close frame from an in-memory
//! connection, for every code with a UTF-8 reason and with one that is not,
//! and for the odd bodies; what the application gets from the stream must
//! be what `Peer::receives` says.
#![cfg(feature = "tokio-websockets")]

mod common;

use common::peers::{all_bodies, assert_delivers_exactly, body, check, runtime, Seen, REASON};
use common::wire::server_close_frame;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;
use tokio_websockets::{ClientBuilder, Error};
use ws_close_codes::Peer;

/// The error as `Failure::error` names it.
fn error_name(error: &Error) -> String {
    match error {
        Error::Protocol(error) => format!("Error::Protocol(ProtocolError::{error:?})"),
        other => format!("{other:?}"),
    }
}

/// What the application sees: the first item of the stream after the
/// server's Close frame and, when that is the Close message, that the
/// stream then ends (the closing handshake completed).
async fn receive(body: &[u8]) -> Seen {
    let (client, mut server) = tokio::io::duplex(4096);
    server.write_all(&server_close_frame(body)).await.unwrap();
    let mut socket = ClientBuilder::new().take_over(client);
    let seen = match socket.next().await {
        Some(Ok(message)) => {
            let (code, reason) = message.as_close().expect("a Close message");
            Seen::Close {
                code: Some(u16::from(code)),
                reason: reason.as_bytes().to_vec(),
            }
        }
        Some(Err(error)) => Seen::Error {
            error: error_name(&error),
            reported: None,
        },
        None => panic!("the stream ended without an item"),
    };
    if matches!(seen, Seen::Close { .. }) {
        assert!(socket.next().await.is_none(), "{body:02x?}");
    }
    seen
}

#[test]
fn every_body_is_received_as_the_crate_says() {
    runtime().block_on(async {
        for body in all_bodies() {
            // tokio-websockets reports "no code" as 1005 (No Status Rcvd).
            check(
                Peer::TokioWebsockets,
                &body,
                &receive(&body).await,
                Some(1005),
            );
        }
    });
}

/// The codes tokio-websockets delivers, counted from its stream: 1000-1003,
/// 1007-1014 and 3000-4999.
#[test]
fn tokio_websockets_delivers_the_codes_of_its_list() {
    let delivered: Vec<u16> = runtime().block_on(async {
        let mut delivered = Vec::new();
        for code in 0..=u16::MAX {
            if let Seen::Close { .. } = receive(&body(code, REASON)).await {
                delivered.push(code);
            }
        }
        delivered
    });
    let expected: Vec<u16> = (1000..=1003)
        .chain(1007..=1014)
        .chain(3000..=4999)
        .collect();
    assert_eq!(delivered, expected);
    assert_delivers_exactly(Peer::TokioWebsockets, &expected);
}
