//! Helpers shared by the tests of several workspace crates.
//!
//! The convention: a helper that one crate's tests share lives in that
//! crate's `tests/common/mod.rs`; a helper that tests of several crates
//! need lives here. Nothing here is published.
//!
//! [`reading`] reads the registry files of the repository (the snapshot of
//! IANA's document, the identifier pins and the curated descriptions)
//! independently of the production code: another XML parser, its own
//! rules, no code shared with `ws-close-codes-registry`. Tests that say
//! "the checked-in crate matches the snapshot" compare the crate with this
//! reading, so they hold for whatever IANA registers next and still fail
//! when the generator drops, adds, renames or misdates a code. [`rfc`]
//! holds the rules of RFC 6455 and the WHATWG standard computed from that
//! reading, and [`ranges`] prints sets of codes as ranges.

#![forbid(unsafe_code)]

pub mod ranges;
pub mod reading;
pub mod rfc;
