//! Differences between two registry models: which registered codes were
//! added, removed or changed.

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

/// The difference between an old and a new registry, over registered
/// single codes (the ones that become `CloseCode` variants).
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

    /// The removed codes' values.
    pub fn removed_codes(&self) -> Vec<u16> {
        self.removed.iter().map(|r| r.span.start).collect()
    }
}

/// Compares the registered codes of two registries.
///
/// ```
/// let old = ws_close_codes_registry::parse(ws_close_codes_registry::SNAPSHOT_XML.as_bytes())?;
/// let mut new = old.clone();
/// new.records.retain(|r| r.span.start != 3008);
/// let diff = ws_close_codes_registry::diff(&old, &new);
/// assert_eq!(diff.removed_codes(), [3008]);
/// assert!(diff.added.is_empty() && diff.changed.is_empty());
/// # Ok::<(), ws_close_codes_registry::Error>(())
/// ```
pub fn diff(old: &Registry, new: &Registry) -> Diff {
    let old_codes: Vec<&Record> = old.registered_codes().collect();
    let new_codes: Vec<&Record> = new.registered_codes().collect();
    fn find<'a>(codes: &[&'a Record], value: u16) -> Option<&'a Record> {
        codes
            .binary_search_by_key(&value, |r| r.span.start)
            .ok()
            .map(|i| codes[i])
    }
    let mut result = Diff {
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        updated: (old.document_updated, new.document_updated),
    };
    for &record in &new_codes {
        match find(&old_codes, record.span.start) {
            None => result.added.push(record.clone()),
            Some(before) => {
                let changes = changes(before, record);
                if !changes.is_empty() {
                    result.changed.push((record.span.start, changes));
                }
            }
        }
    }
    for &record in &old_codes {
        if find(&new_codes, record.span.start).is_none() {
            result.removed.push(record.clone());
        }
    }
    result
}

fn changes(old: &Record, new: &Record) -> Vec<Change> {
    let name = |p: &Option<Person>| p.as_ref().map(|p| p.display_name().to_owned());
    let mut changes = Vec::new();
    if old.description != new.description {
        changes.push(Change::Description(
            old.description.clone(),
            new.description.clone(),
        ));
    }
    if name(&old.contact) != name(&new.contact) {
        changes.push(Change::Contact(name(&old.contact), name(&new.contact)));
    }
    if old.references != new.references {
        changes.push(Change::References(
            old.references.clone(),
            new.references.clone(),
        ));
    }
    if old.date != new.date {
        changes.push(Change::Date(old.date, new.date));
    }
    if old.updated != new.updated {
        changes.push(Change::Updated(old.updated, new.updated));
    }
    changes
}
