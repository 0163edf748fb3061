//! Generates the Rust source of the `ws-close-codes` crate from the IANA
//! WebSocket Close Code Number Registry.
//!
//! The input is a [`Catalog`], which `ws-close-codes-registry` assembles
//! from the registry document, the identifier pins and the curated
//! descriptions. The outputs are:
//!
//! - [`close_code_source`]: the text of `crates/ws-close-codes/src/generated.rs`:
//!   the `CloseCode` enum, one documented variant with its record per code,
//!   which the crate's `__close_code_enum!` macro turns into the enum and
//!   its API;
//! - [`readme_table`]: the Markdown table of registered codes in README.md;
//! - [`Builder`]: for an application's `build.rs`, its own close codes from
//!   a TOML spec as an enum like `CloseCode`, merged with the IANA codes (see
//!   [below](#your-own-codes-at-build-time)).
//!
//! The text in a catalog comes from a downloaded document and is untrusted.
//! It reaches the generated Rust only as string literals that are written
//! in printable ASCII (every other character as a `\u{...}` escape) and as
//! doc comments escaped with [`escape_markdown`], which also escapes the
//! README table. Whatever the registry says, it cannot add code, change a
//! doc test, or put a link, HTML or a heading into the documentation.
//!
//! # Examples
//!
//! ```
//! use ws_close_codes_codegen::{close_code_source, readme_table};
//! use ws_close_codes_registry::{Catalog, Date, Entry, Layout, Span};
//!
//! let entry = |value: u16, ident: &str, title: &str| Entry {
//!     value,
//!     ident: ident.into(),
//!     title: title.into(),
//!     iana_description: title.into(),
//!     description: title.into(),
//!     contact: None,
//!     references: Vec::new(),
//!     date: None,
//!     updated: None,
//! };
//! let catalog = Catalog {
//!     document_updated: Date { year: 2024, month: 5, day: Some(2) },
//!     entries: vec![
//!         entry(1000, "NormalClosure", "Normal Closure"),
//!         entry(1001, "GoingAway", "Going Away"),
//!     ],
//!     layout: Layout {
//!         protocol: Span { start: 1000, end: 2999 },
//!         registered: Span { start: 3000, end: 3999 },
//!         private: Span { start: 4000, end: 4999 },
//!     },
//! };
//!
//! let source = close_code_source(&catalog);
//! assert!(source.contains("        NormalClosure = Record {\n"));
//! assert!(source.contains("            name: \"Going Away\",\n"));
//!
//! let table = readme_table(&catalog);
//! assert_eq!(table.lines().count(), 4);
//! ```
//!
//! # Your own codes at build time
//!
//! Applications define close codes of their own in the private-use range
//! 4000-4999. Instead of writing constants by hand, list them in a TOML file
//! and let the build script generate an enum with the API of
//! `ws_close_codes::CloseCode`, merged with the codes of the IANA registry:
//!
//! ```toml
//! # close-codes.toml
//! [[code]]
//! value = 4400
//! name = "Bad Request"                                          # required: a short title
//!
//! [[code]]
//! value = 4408
//! name = "Connection initialisation timeout"
//! description = "The client did not send ConnectionInit in time."  # optional
//! ident = "InitTimeout"                                         # optional: the variant's name
//! ```
//!
//! ```no_run
//! // build.rs
//! use std::path::PathBuf;
//!
//! fn main() {
//!     let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("Cargo sets OUT_DIR"));
//!     let result = ws_close_codes_codegen::Builder::new()
//!         .spec_file("close-codes.toml")
//!         .enum_name("GraphqlCloseCode")
//!         .write_to(out_dir.join("graphql_close_code.rs"));
//!     if let Err(error) = result {
//!         eprintln!("error: {error}");
//!         std::process::exit(1);
//!     }
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: the crate depends on ws-close-codes and build-depends on
//! // ws-close-codes-codegen.
//! include!(concat!(env!("OUT_DIR"), "/graphql_close_code.rs"));
//! ```
//!
//! The generated enum has a variant per code of the spec and per IANA code,
//! and `Other` for every other `u16`, each value with exactly one
//! representation. The generator writes it as the crate writes `CloseCode`
//! (one code path, [`close_code_source`]'s), and the same macro of
//! `ws-close-codes` defines both, so it has the API of `CloseCode`: `NAMED`
//! (every named code), `from_u16`, `as_u16` and `parse` (`const`), `name`,
//! `description` and the other accessors, `is_named`, `range`, the rules of
//! `CloseCode` (`is_sendable`, `is_reserved`,
//! `is_accepted_by_websocket_close`, `is_normal` and the others, answered by
//! `CloseCode` itself); `From<u16>` and back, `PartialEq<u16>` both ways,
//! `From<CloseCode>` and back, `Display` (`4408 Connection initialisation
//! timeout`), `FromStr` (the number first, then the identifier or the name,
//! ignoring case; errors are `ws_close_codes::ParseCloseCodeError`), `Ord`
//! by value, `Default` (1000) and `Hash`.
//!
//! The IANA codes come from the registry bundled with this crate. The
//! generated code checks, while it compiles, that the linked
//! `ws-close-codes` was generated from the same registry, and otherwise
//! fails the build naming the versions to align: use the same version of
//! `ws-close-codes` and `ws-close-codes-codegen`.
//!
//! The same, with the spec as text, checked here:
//!
//! ```
//! use ws_close_codes_codegen::Builder;
//!
//! let spec = r#"
//! [[code]]
//! value = 4400
//! name = "Bad Request"
//!
//! [[code]]
//! value = 4408
//! name = "Connection initialisation timeout"
//! description = "The client did not send ConnectionInit in time."
//! ident = "InitTimeout"
//! "#;
//! let source = Builder::new()
//!     .spec_str("close-codes.toml", spec)
//!     .enum_name("GraphqlCloseCode")
//!     .generate()?;
//! assert!(source.starts_with("// @generated by ws-close-codes-codegen from \"close-codes.toml\"\n"));
//! assert!(source.contains("pub enum GraphqlCloseCode {"));
//! assert!(source.contains("BadRequest = Record {\n            value: 4400,"));
//! assert!(source.contains("InitTimeout = Record {\n            value: 4408,"));
//! assert!(source.contains("NormalClosure = Record {\n            value: 1000,"));
//!
//! // Mistakes are reported with the place and what to change.
//! let error = Builder::new()
//!     .spec_str("close-codes.toml", "[[code]]\nvalue = 4401\nname = \"Unauthorized\"\n")
//!     .generate()
//!     .unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "close-codes.toml:3:8: name \"Unauthorized\" is already the identifier of IANA's \
//!      code 3000 \"Unauthorized\"; choose another name, or leave out the IANA codes \
//!      with Builder::iana(false)",
//! );
//! # Ok::<(), ws_close_codes_codegen::Error>(())
//! ```
//!
//! Specs are untrusted text like the registry: their names and descriptions
//! reach the generated code only as escaped string literals and as doc
//! comments escaped with [`escape_markdown`].
//!
//! [`Catalog`]: ws_close_codes_registry::Catalog

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod app;
mod builder;
mod docs;
mod error;
mod literal;
mod markdown;
mod readme;
mod source;
mod spec;

pub use builder::{Builder, DEFAULT_ENUM_NAME};
pub use error::{Error, Problem};
pub use markdown::escape_markdown;
pub use readme::readme_table;
pub use source::close_code_source;
