//! The conversions with ratchet_rs 1.2's `CloseCode` over every `u16`:
//! from it, the number is kept; to it, exactly the codes that may be sent
//! and that `Peer::Ratchet` delivers (what ratchet_rs' own `read` accepts,
//! measured by `peers_ratchet.rs`) convert, and the refusal says why.
#![cfg(feature = "ratchet_rs")]

use ratchet_rs::CloseCode as Theirs;
use ws_close_codes::{CloseCode, Peer};

#[test]
fn the_codes_that_may_be_sent_and_that_ratchet_reads_convert() {
    for v in 0..=u16::MAX {
        let ours = CloseCode::from(v);
        let held = Theirs::try_from(v.to_be_bytes()).ok();
        if let Some(theirs) = held {
            assert_eq!(CloseCode::from(theirs), ours);
        }
        let expected = ours.is_sendable() && ours.received_by(Peer::Ratchet).is_delivered();
        match Theirs::try_from(ours) {
            Ok(theirs) => {
                assert!(expected, "{v}");
                assert_eq!(u16::from(theirs), v);
            }
            Err(error) => {
                assert!(!expected, "{v}");
                assert_eq!(error.code(), ours);
                let why = if ours.is_sendable() {
                    assert!(held.is_none(), "{v}");
                    "may be sent, but ratchet_rs cannot hold it"
                } else {
                    "may not be sent in a Close frame"
                };
                assert_eq!(error.to_string(), format!("close code {ours} {why}"));
            }
        }
    }
}
