//! What the `peers` tests share: the Close frame bodies every peer is run
//! on, the comparison of what a peer's application saw with
//! `Peer::receives`, and of the codes it delivers with
//! `CloseCode::received_by`.

use ws_close_codes::{CloseCode, Delivery, Peer};

/// The reason sent with every code.
pub const REASON: &[u8] = b"bye";

/// A reason that is not UTF-8 (`0xff` never occurs in UTF-8).
pub const NOT_UTF8: &[u8] = b"ok\xff";

/// `code`, big-endian, then `reason`.
pub fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason);
    body
}

/// The bodies besides one per code: no code, 1 byte, reasons that are not
/// UTF-8 after a code every peer accepts (1000) and one the strict peers
/// refuse (1004), and bodies of 125 and 126 bytes.
pub fn odd_bodies() -> Vec<Vec<u8>> {
    vec![
        Vec::new(),
        vec![0x03],
        body(1000, NOT_UTF8),
        body(1004, NOT_UTF8),
        body(1000, &[b'r'; 123]),
        body(1000, &[b'r'; 124]),
    ]
}

/// Every body a Rust peer is run on: each code with [`REASON`], each code
/// with a reason that is not UTF-8, and [`odd_bodies`].
pub fn all_bodies() -> impl Iterator<Item = Vec<u8>> {
    (0..=u16::MAX)
        .map(|code| body(code, REASON))
        .chain((0..=u16::MAX).map(|code| body(code, NOT_UTF8)))
        .chain(odd_bodies())
}

/// What a peer's application saw of a Close frame, in the terms of
/// `Delivery`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// A close with a code (`None`: the API's "no code") and a reason.
    Close { code: Option<u16>, reason: Vec<u8> },
    /// An error, named as `Failure::error` names it, and the code the API
    /// reported with it, if any.
    Error {
        error: String,
        reported: Option<u16>,
    },
}

/// Checks what `peer`'s application saw of `body` against
/// `peer.receives(body)`: delivered, the code and reason sent (for a body
/// without a code: `no_code`, how the API says "no code"); replaced, the replacement
/// and its reason; failed, the same error and reported code.
pub fn check(peer: Peer, body: &[u8], seen: &Seen, no_code: Option<u16>) {
    let sent: Option<(u16, &[u8])> =
        (body.len() >= 2).then(|| (u16::from_be_bytes([body[0], body[1]]), &body[2..]));
    let delivery = peer.receives(body);
    let context = format!("{peer}, body {body:02x?}: saw {seen:?}, the crate says {delivery}");
    match (delivery, seen) {
        (Delivery::Delivered, Seen::Close { code, reason }) => match sent {
            Some((sent_code, sent_reason)) => {
                assert_eq!(*code, Some(sent_code), "{context}");
                assert_eq!(reason, sent_reason, "{context}");
            }
            // No code: the empty body, and the 1-byte body of a peer that
            // reads it as one without a code (soketto, Firefox).
            None => {
                assert_eq!((*code, reason.as_slice()), (no_code, &b""[..]), "{context}");
            }
        },
        (Delivery::Replaced(replacement), Seen::Close { code, reason }) => {
            assert_eq!(*code, Some(replacement.code().as_u16()), "{context}");
            let expected = replacement
                .reason()
                .map_or_else(|| sent.map_or(&b""[..], |s| s.1), str::as_bytes);
            assert_eq!(reason, expected, "{context}");
            assert!(
                replacement.code() != CloseCode::from(sent.unwrap().0),
                "{context}"
            );
        }
        (Delivery::Failed(failure), Seen::Error { error, reported }) => {
            assert_eq!(failure.error(), error, "{context}");
            assert_eq!(
                failure.reported_code().map(CloseCode::as_u16),
                *reported,
                "{context}"
            );
        }
        _ => panic!("{context}"),
    }
}

/// Checks that `CloseCode::received_by(peer)` is `Delivered` for exactly
/// the codes of `delivered`, over every `u16`.
pub fn assert_delivers_exactly(peer: Peer, delivered: &[u16]) {
    for code in 0..=u16::MAX {
        let delivery = CloseCode::from(code).received_by(peer);
        assert_eq!(
            delivery == Delivery::Delivered,
            delivered.contains(&code),
            "{peer}, {code}"
        );
    }
}

/// The runtime the async stacks' receiving code runs on: one thread, no
/// timers or sockets (their connections are in memory).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

/// Runs a stack's receiving code, `receive`, on every body of
/// [`all_bodies`] and compares what its application saw with what the
/// crate says of `peer`.
pub fn check_every_body<F>(peer: Peer, receive: impl Fn(Vec<u8>) -> F)
where
    F: core::future::Future<Output = (Seen, Option<Vec<u8>>)>,
{
    runtime().block_on(async {
        for body in all_bodies() {
            let (seen, _) = receive(body.clone()).await;
            check(peer, &body, &seen, None);
        }
    });
}
