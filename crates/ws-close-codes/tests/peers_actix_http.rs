//! `Peer::ActixHttp` against actix-http 3 itself: its `ws::Codec` (what
//! actix-web and actix-ws read frames with) decodes a server's Close frame,
//! for every code with a UTF-8 reason and with one that is not, and for
//! the odd bodies; the decoded frame or error must be what
//! `Peer::receives` says.
#![cfg(feature = "actix-http")]

mod common;

use actix_http::ws::{Codec, Frame, ProtocolError};
use bytes::BytesMut;
use common::peers::{all_bodies, assert_delivers_exactly, body, check, Seen, REASON};
use common::wire::server_close_frame;
use tokio_util::codec::Decoder;
use ws_close_codes::Peer;

/// The error as `Failure::error` names it: its variant, without the length
/// `InvalidLength` carries.
fn error_name(error: &ProtocolError) -> String {
    match error {
        ProtocolError::InvalidLength(_) => "ProtocolError::InvalidLength".to_owned(),
        other => format!("ProtocolError::{other:?}"),
    }
}

/// What the application is handed: the decoded Close frame (actix-http
/// says "no code" with `None`), or the decoder's error.
fn receive(body: &[u8]) -> Seen {
    let mut codec = Codec::new().client_mode();
    let mut wire = BytesMut::from(&server_close_frame(body)[..]);
    match codec.decode(&mut wire) {
        Ok(Some(Frame::Close(reason))) => {
            assert!(wire.is_empty(), "the whole frame was read");
            Seen::Close {
                code: reason.as_ref().map(|reason| u16::from(reason.code)),
                reason: reason
                    .and_then(|reason| reason.description)
                    .unwrap_or_default()
                    .into_bytes(),
            }
        }
        Ok(other) => panic!("{body:02x?}: decoded {other:?}"),
        Err(error) => Seen::Error {
            error: error_name(&error),
            reported: None,
        },
    }
}

#[test]
fn every_body_is_decoded_as_the_crate_says() {
    for body in all_bodies() {
        check(Peer::ActixHttp, &body, &receive(&body), None);
    }
}

/// The codes actix-http delivers, counted from its codec: 1000-1003,
/// 1007-1014 and 3000-4999.
#[test]
fn actix_http_delivers_the_codes_of_its_list() {
    let delivered: Vec<u16> = (0..=u16::MAX)
        .filter(|&code| matches!(receive(&body(code, REASON)), Seen::Close { .. }))
        .collect();
    let expected: Vec<u16> = (1000..=1003)
        .chain(1007..=1014)
        .chain(3000..=4999)
        .collect();
    assert_eq!(delivered, expected);
    assert_delivers_exactly(Peer::ActixHttp, &expected);
}
