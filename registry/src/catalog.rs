//! The catalog for the generator: the model, the pins and curated text.

use std::collections::BTreeSet;

use crate::curated::Curated;
use crate::error::Error;
use crate::model::{Date, Reference, Registry, Span};
use crate::names::{derive_ident, Derivation, Pin, Pins};

/// One registered close code, ready for code generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub value: u16,
    /// The Rust identifier of its `CloseCode` variant (from the pins).
    pub ident: String,
    /// The code's pinned name.
    pub title: String,
    /// IANA's description, whitespace collapsed.
    pub iana_description: String,
    /// The curated description, else IANA's.
    pub description: String,
    /// The contact's display name.
    pub contact: Option<String>,
    /// The record's references.
    pub references: Vec<Reference>,
    /// When the code was registered (`date` attribute).
    pub date: Option<Date>,
    /// When the record last changed (`updated` attribute).
    pub updated: Option<Date>,
}

/// The ranges of the code space, as the registry states them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Codes for the protocol and its extensions (the `range` holding 1000).
    pub protocol: Span,
    /// Codes registered by libraries and applications (the `range` holding 3000).
    pub registered: Span,
    /// Codes for private use (the record holding 4000, which is not registered).
    pub private: Span,
}

/// Everything the generator needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// The registry document's `updated` date.
    pub document_updated: Date,
    /// The registered codes, in ascending order.
    pub entries: Vec<Entry>,
    /// The code-space layout.
    pub layout: Layout,
}

/// A code that received an identifier in this build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The code.
    pub value: u16,
    /// The identifier written to the pins.
    pub ident: String,
    /// How the identifier was derived.
    pub derivation: Derivation,
}

/// The result of [`build`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The catalog for the generator.
    pub catalog: Catalog,
    /// The pins, grown by the new assignments; never smaller than the input.
    pub pins: Pins,
    /// Codes that were not pinned before, in ascending order.
    pub assigned: Vec<Assignment>,
}

/// Assembles the catalog, pinning a [`derive_ident`] identifier and the
/// description as name for new codes (and the name for nameless pins);
/// an error when the ranges holding 1000, 3000 and 4000 are missing or gapped.
pub fn build(registry: &Registry, pins: &Pins, curated: &Curated) -> Result<Built, Error> {
    let layout = layout(registry)?;
    let mut pins = pins.clone();
    let mut taken: BTreeSet<String> = pins.iter().map(|(_, pin)| pin.ident.clone()).collect();
    let mut assigned = Vec::new();
    let mut entries = Vec::new();
    for record in registry.registered_codes() {
        let value = record.span.start;
        let mut pin = pins.get(value).cloned().unwrap_or_else(|| {
            let (ident, derivation) = derive_ident(value, &record.description, &taken);
            assigned.push(Assignment {
                value,
                ident: ident.clone(),
                derivation,
            });
            Pin { ident, name: None }
        });
        // The name is pinned when first seen: a reworded description
        // changes `iana_description` only.
        let title = pin
            .name
            .get_or_insert_with(|| record.description.clone())
            .clone();
        let ident = pin.ident.clone();
        pins.insert(value, pin);
        taken.insert(ident.clone());
        entries.push(Entry {
            value,
            title,
            ident,
            iana_description: record.description.clone(),
            description: curated.get(value).unwrap_or(&record.description).to_owned(),
            contact: record.contact.as_ref().map(|p| p.display_name().to_owned()),
            references: record.references.clone(),
            date: record.date,
            updated: record.updated,
        });
    }
    Ok(Built {
        catalog: Catalog {
            document_updated: registry.document_updated,
            entries,
            layout,
        },
        pins,
        assigned,
    })
}

fn layout(registry: &Registry) -> Result<Layout, Error> {
    // These are errors about the close-code registry as a whole: they name
    // its `<registry>` element.
    let at = |message: &str| Error::at(registry.position, "<registry>", message);
    let needs = "the generator needs it to place the code ranges";
    let range = |value: u16, what: &str| {
        let missing = format!("the close-code registry has no <range> holding {value} ({what})");
        let span = registry.range_for(value).map(|r| r.span);
        span.ok_or_else(|| at(&format!("{missing}; {needs}")))
    };
    let protocol = range(1000, "codes for the protocol")?;
    let registered = range(3000, "codes registered by libraries and applications")?;
    let private = registry
        .record_for(4000)
        .filter(|r| !r.span.is_single() && r.is_assigned())
        .map(|r| r.span)
        .ok_or_else(|| {
            let missing = "the close-code registry has no multi-value <record> holding 4000";
            at(&format!("{missing} (codes for private use); {needs}"))
        })?;
    let follows = |a: Span, b: Span| a.end.checked_add(1) == Some(b.start);
    if !(follows(protocol, registered) && follows(registered, private))
        || protocol.start == 0
        || private.end == u16::MAX
    {
        return Err(at(&format!(
            "the code ranges must follow each other without gaps, with values left above \
             private use: protocol {protocol}, registered {registered}, private use {private}"
        )));
    }
    Ok(Layout {
        protocol,
        registered,
        private,
    })
}
