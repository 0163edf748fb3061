//! The conversions with yawc 0.5's `CloseCode` over every
//! `u16`: the number is kept both ways, and its `is_allowed()` (what its
//! `next_frame` accepts) is `Peer::Yawc`'s delivery; and what it sends for
//! a Close frame, checked by nothing.
#![cfg(feature = "yawc")]

mod common;

use common::wire::server_close_frame;
use ws_close_codes::{CloseCode, Peer};
use yawc::close::CloseCode as Theirs;

#[test]
fn every_code_converts_both_ways_with_its_number() {
    for v in 0..=u16::MAX {
        let ours = CloseCode::from(v);
        let theirs = Theirs::from(ours);
        assert_eq!(u16::from(theirs), v);
        assert_eq!(CloseCode::from(Theirs::from(v)), ours);
        assert_eq!(
            theirs.is_allowed(),
            ours.received_by(Peer::Yawc).is_delivered(),
            "{v}"
        );
    }
}

/// yawc sends the Close frame it is given: `Frame::close` checks neither
/// the code (1005, which may not be sent) nor the length (a body of 202
/// bytes, over the 125 a control frame may carry).
#[test]
fn yawc_sends_any_code_and_any_length() {
    use futures_util::SinkExt;
    use tokio::io::AsyncReadExt;
    use yawc::{Frame, Options, Role, WebSocket};

    let reason = [b'r'; 200];
    let written = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(async {
            let (server, mut client) = tokio::io::duplex(1 << 16);
            let mut socket =
                WebSocket::from_stream(server, Role::Server, Options::default()).unwrap();
            socket
                .send(Frame::close(Theirs::from(1005), reason))
                .await
                .unwrap();
            drop(socket);
            let mut written = Vec::new();
            client.read_to_end(&mut written).await.unwrap();
            written
        });
    let mut body = 1005u16.to_be_bytes().to_vec();
    body.extend_from_slice(&reason);
    assert_eq!(written, server_close_frame(&body));
}
