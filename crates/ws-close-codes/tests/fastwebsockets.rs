//! The conversions with fastwebsockets 0.10's `CloseCode` over every
//! `u16`: the number is kept both ways, and its `is_allowed()` (what its
//! `read_frame` accepts) is `Peer::FastWebsockets`' delivery.
#![cfg(feature = "fastwebsockets")]

use fastwebsockets::CloseCode as Theirs;
use ws_close_codes::{CloseCode, Peer};

#[test]
fn every_code_converts_both_ways_with_its_number() {
    for v in 0..=u16::MAX {
        let ours = CloseCode::from(v);
        let theirs = Theirs::from(ours);
        assert_eq!(u16::from(theirs), v);
        assert_eq!(CloseCode::from(Theirs::from(v)), ours);
        assert_eq!(
            theirs.is_allowed(),
            ours.received_by(Peer::FastWebsockets).is_delivered(),
            "{v}"
        );
    }
}
