//! Generates the source of `ws-close-codes` from the IANA WebSocket Close
//! Code Number Registry. An internal tool of the workspace (not published):
//! `cargo xtask regen` calls it.
//!
//! The input is a [`Catalog`], which `ws-close-codes-registry` assembles
//! from the registry document, the identifier pins and the curated
//! descriptions. The outputs are:
//!
//! - [`close_code_source`]: the text of `crates/ws-close-codes/src/generated.rs`:
//!   the macro `__iana_codes!`, one documented row per code, which the
//!   crate's hand-written `__close_code_enum!` turns into `CloseCode` and
//!   into every application enum made with `close_codes!`;
//! - [`readme_table`]: the Markdown table of registered codes in README.md.
//!
//! The text in a catalog comes from a downloaded document and is untrusted.
//! It reaches the generated Rust only as string literals that are written
//! in printable ASCII (every other character as a `\u{...}` escape) and as
//! doc comments escaped with [`escape_markdown`], which also escapes the
//! README table. Whatever the registry says, it cannot add code, change a
//! doc test, or put a link, HTML or a heading into the documentation.
//!
//! [`Catalog`]: ws_close_codes_registry::Catalog

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod docs;
mod literal;
mod markdown;
mod readme;
mod source;

pub use markdown::escape_markdown;
pub use readme::readme_table;
pub use source::close_code_source;
