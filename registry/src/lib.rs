//! The IANA WebSocket Close Code Number Registry as data: registry bytes
//! to a validated [`Registry`], the identifier [`Pins`], the [`Curated`]
//! descriptions, the generator's [`Catalog`], the [`diff`](fn@diff) of two
//! models, and the checked-in files, bundled.

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

/// The catalog built from the bundled files, as `cargo xtask regen` builds
/// it; an error only if they are invalid, which the crate's tests rule out.
pub fn bundled() -> Result<Built, Error> {
    let registry = parse(SNAPSHOT_XML.as_bytes())?;
    let (pins, curated) = (Pins::parse(NAMES_TOML)?, Curated::parse(DESCRIPTIONS_TOML)?);
    build(&registry, &pins, &curated)
}
