//! Which registered codes two registry models add, remove or change.

use std::collections::BTreeMap;

use crate::model::{Date, Person, Record, Reference, Registry};

/// What changed in one registered code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The description changed (old, new).
    Description(String, String),
    /// The contact changed (old, new display names).
    Contact(Option<String>, Option<String>),
    /// The references changed (old, new).
    References(Vec<Reference>, Vec<Reference>),
    /// The registration date changed (old, new).
    Date(Option<Date>, Option<Date>),
    /// The last-updated date changed (old, new).
    Updated(Option<Date>, Option<Date>),
}

/// The difference between an old and a new registry's registered codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// Codes registered in the new registry but not the old, with their records.
    pub added: Vec<Record>,
    /// Codes registered in the old registry but not the new, with their old records.
    pub removed: Vec<Record>,
    /// Codes in both whose records differ: the code and what changed.
    pub changed: Vec<(u16, Vec<Change>)>,
    /// The documents' `updated` dates (old, new).
    pub updated: (Date, Date),
}

impl Diff {
    /// Whether the registered codes are the same in both registries.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares the registered codes of two registries.
pub fn diff(old: &Registry, new: &Registry) -> Diff {
    let codes = |registry: &Registry| -> BTreeMap<u16, Record> {
        let codes = registry.registered_codes();
        codes.map(|r| (r.span.start, r.clone())).collect()
    };
    let (mut removed, mut added, mut changed) = (codes(old), Vec::new(), Vec::new());
    for (value, record) in codes(new) {
        let before = removed.remove(&value);
        match before.map(|before| changes(&before, &record)) {
            None => added.push(record),
            Some(changes) if changes.is_empty() => {}
            Some(changes) => changed.push((value, changes)),
        }
    }
    Diff {
        added,
        removed: removed.into_values().collect(),
        changed,
        updated: (old.document_updated, new.document_updated),
    }
}

fn changes(old: &Record, new: &Record) -> Vec<Change> {
    let name = |p: &Option<Person>| p.as_ref().map(|p| p.display_name().to_owned());
    let (old_contact, new_contact) = (name(&old.contact), name(&new.contact));
    let changes = [
        (old.description != new.description)
            .then(|| Change::Description(old.description.clone(), new.description.clone())),
        (old_contact != new_contact).then_some(Change::Contact(old_contact, new_contact)),
        (old.references != new.references)
            .then(|| Change::References(old.references.clone(), new.references.clone())),
        (old.date != new.date).then_some(Change::Date(old.date, new.date)),
        (old.updated != new.updated).then_some(Change::Updated(old.updated, new.updated)),
    ];
    changes.into_iter().flatten().collect()
}
