//! Helpers shared by the integration tests of `ws-close-codes`, each of
//! which includes them with `mod common;` (a directory with `mod.rs`, so
//! Cargo does not build it as a test of its own). Helpers that the tests
//! of several crates share are in `ws-close-codes-test-support`.
//!
//! - [`tables`]: the tables the crate documentation prints, read back and
//!   compared with what a test computes;
//! - [`peers`]: the Close frame bodies every peer is run on, the
//!   comparison of what a peer's application saw with `Peer::receives`,
//!   and of the codes it delivers with `CloseCode::received_by`;
//! - [`wire`]: an in-memory connection and the frames a server writes, to
//!   run a stack's client over bytes without a socket;
//! - [`u16_messages`]: `close_message_tests!`, the tests of a stack whose
//!   message takes a close code as a `u16` (warp, salvo).

// Each test file uses a part of these.
#![allow(dead_code)]

#[macro_use]
pub mod u16_messages;

pub mod peers;
pub mod tables;
pub mod wire;
