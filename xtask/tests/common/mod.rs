//! Helpers shared by the xtask integration tests, each of which includes
//! them with `mod common;` (a directory with `mod.rs`, so Cargo does not
//! build it as a test of its own). The fixture data they read stays under
//! `tests/data/`.
//!
//! - [`workspace`]: a temporary copy of the workspace files that starts
//!   from a dated fixture of the registry, and `cargo xtask` run against it;
//! - [`documents`]: registry documents built from that fixture;
//! - [`server`]: a small HTTP/1.1 server on 127.0.0.1 that the test owns
//!   and that can misbehave on purpose;
//! - [`hostile`]: the hostile texts and the document builders of the
//!   hostile-input tests;
//! - [`refused`]: the documents that regen must refuse, and the check of a
//!   refusal.
//!
//! The tests never read the live snapshot (`registry/websocket.xml`): they
//! are about how regen treats documents, and a fixed document keeps their
//! expectations (codes, dates, positions) true when IANA registers a code
//! and the snapshot moves on.

// Each test file uses a part of these.
#![allow(dead_code)]

pub mod documents;
pub mod hostile;
pub mod refused;
pub mod server;
pub mod workspace;

#[allow(unused_imports)]
pub use documents::Document;
#[allow(unused_imports)]
pub use server::{full, xml, Reply, Request, Server};
#[allow(unused_imports)]
pub use workspace::{
    assert_unchanged, baseline, describe, files_in, xtask_in, Workspace, FIXTURE_UPDATED,
};
