//! The IANA WebSocket Close Code Number Registry, as data.
//!
//! This crate owns the first half of the `ws-close-codes` data path:
//! registry bytes to a validated [`Registry`] model (with the [`Quirk`]s
//! the parser absorbed in the document), plus the pieces the
//! generator needs next to it: the identifier pins ([`Pins`],
//! `names.toml`), the curated descriptions ([`Curated`],
//! `descriptions.toml`), the assembled [`Catalog`] and the [`diff`](fn@diff) of two
//! models. It also bundles the checked-in snapshot, so a build script can
//! generate code offline without the repository.
//!
//! ```
//! let registry = ws_close_codes_registry::parse(ws_close_codes_registry::SNAPSHOT_XML.as_bytes())?;
//! let normal = registry.record_for(1000).unwrap();
//! assert!(normal.is_registered_code());
//! println!("1000: {}", normal.description);
//! # Ok::<(), ws_close_codes_registry::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod catalog;
mod codes_file;
pub mod curated;
pub mod diff;
pub mod error;
pub mod model;
pub mod names;
pub mod parse;
mod xml;

pub use catalog::{build, Assignment, Built, Catalog, Entry, Layout};
pub use curated::Curated;
pub use diff::{diff, Change, Diff};
pub use error::{Error, Quirk};
pub use model::{
    Date, Person, Position, RangeRule, Record, Reference, ReferenceKind, Registry, Span,
};
pub use names::{derive_ident, is_valid_ident, Derivation, Pin, Pins};
pub use parse::parse;

/// The checked-in snapshot of IANA's `websocket.xml`.
pub const SNAPSHOT_XML: &str = include_str!("../websocket.xml");
/// The checked-in identifier pins (`names.toml`).
pub const NAMES_TOML: &str = include_str!("../names.toml");
/// The checked-in curated descriptions (`descriptions.toml`).
pub const DESCRIPTIONS_TOML: &str = include_str!("../descriptions.toml");

/// Parses the bundled snapshot, pins and curated descriptions and builds
/// the catalog, as `cargo xtask regen` does for the checked-in files.
///
/// # Errors
///
/// Only if the bundled files are invalid, which the crate's tests rule out.
pub fn bundled() -> Result<Built, Error> {
    let registry = parse(SNAPSHOT_XML.as_bytes())?;
    build(
        &registry,
        &Pins::parse(NAMES_TOML)?,
        &Curated::parse(DESCRIPTIONS_TOML)?,
    )
}
