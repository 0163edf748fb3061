//! `Peer::Soketto` against soketto 0.8 itself (the WebSocket layer of
//! jsonrpsee): its `Receiver` (client mode, `connection::Builder` on a
//! connection whose handshake is done) reads a server's Close frame from
//! an in-memory connection with `receive`, for every code with a UTF-8
//! reason and with one that is not, and for the odd bodies; what
//! `receive` returns must be what `Peer::receives` says, and the Close
//! frame soketto answers with is checked for every code.

mod common;

use common::peers::{assert_delivers_exactly, body, check_every_body, runtime, Seen, REASON};
use common::wire::{client_close_body, server_close_frame};
use soketto::connection::{Builder, CloseReason, Error, Mode};
use soketto::Incoming;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::compat::TokioAsyncReadCompatExt;
use ws_close_codes::Peer;

/// The error as `Failure::error` names it: its variant, with the base
/// codec's error for `Error::Codec`, without the `Utf8Error` of
/// `Error::Utf8`.
fn error_name(error: &Error) -> String {
    match error {
        Error::Codec(error) => format!("Error::Codec({error:?})"),
        Error::Utf8(_) => "Error::Utf8".to_owned(),
        other => format!("Error::{other:?}"),
    }
}

/// What the application sees: what `receive` returns for the server's
/// Close frame (`Incoming::Closed` with its code and reason; for a body
/// without a code soketto returns no `Incoming::Closed` and the call ends
/// in `Err(Error::Closed)`, its "no code"); and the payload of the Close
/// frame soketto answered with.
async fn receive(body: &[u8]) -> (Seen, Option<Vec<u8>>) {
    let (client, mut server) = tokio::io::duplex(1 << 16);
    server.write_all(&server_close_frame(body)).await.unwrap();
    server.shutdown().await.unwrap();
    let (sender, mut receiver) = Builder::new(client.compat(), Mode::Client).finish();
    let mut message = Vec::new();
    let seen = match receiver.receive(&mut message).await {
        Ok(Incoming::Closed(CloseReason { code, descr })) => Seen::Close {
            code: Some(code),
            reason: descr.unwrap_or_default().into_bytes(),
        },
        Ok(_) => panic!("{body:02x?}: not a close"),
        Err(Error::Closed) => Seen::Close {
            code: None,
            reason: Vec::new(),
        },
        Err(error) => Seen::Error {
            error: error_name(&error),
            reported: None,
        },
    };
    drop((sender, receiver));
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await.unwrap();
    (seen, client_close_body(&answer))
}

#[test]
fn every_body_is_received_as_the_crate_says() {
    check_every_body(Peer::Soketto, |body| async move { receive(&body).await });
}

/// The codes soketto delivers, counted from `receive`: 1000-1003,
/// 1007-1013, 1015 and 3000-4999. It answers a delivered code with that
/// code and no reason, and replaces every other code, in what it returns
/// and in its answer, by 1002 without a reason.
#[test]
fn soketto_delivers_the_codes_of_its_list() {
    let delivered: Vec<u16> = runtime().block_on(async {
        let mut delivered = Vec::new();
        for code in 0..=u16::MAX {
            let (seen, answer) = receive(&body(code, REASON)).await;
            match seen {
                Seen::Close {
                    code: Some(got), ..
                } if got == code => {
                    delivered.push(code);
                    assert_eq!(answer, Some(body(code, b"")), "{code}");
                }
                other => {
                    let replaced = Seen::Close {
                        code: Some(1002),
                        reason: Vec::new(),
                    };
                    assert_eq!(other, replaced, "{code}");
                    assert_eq!(answer, Some(body(1002, b"")), "{code}");
                }
            }
        }
        delivered
    });
    let expected: Vec<u16> = (1000..=1003)
        .chain(1007..=1013)
        .chain(1015..=1015)
        .chain(3000..=4999)
        .collect();
    assert_eq!(delivered, expected);
    assert_delivers_exactly(Peer::Soketto, &expected);
}

/// soketto reads a 1-byte body as a body without a code: it answers with
/// an empty Close frame, and `receive` ends in `Err(Error::Closed)`, as for
/// an empty body.
#[test]
fn soketto_reads_a_one_byte_body_as_no_code() {
    let runtime = runtime();
    let empty = runtime.block_on(receive(b""));
    let one_byte = runtime.block_on(receive(b"\x03"));
    assert_eq!(one_byte, empty);
    assert_eq!(
        one_byte,
        (
            Seen::Close {
                code: None,
                reason: Vec::new()
            },
            Some(Vec::new())
        )
    );
}
