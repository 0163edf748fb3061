//! An independent reading of the registry files.
//!
//! This is deliberately a second implementation: it reads IANA's document
//! with `roxmltree` (the registry crate uses `quick-xml`), resolves
//! contacts, collapses whitespace and derives what the crate is expected to
//! show for each reference with its own code, written from the description
//! of IANA's format and the project's documented promises, not from the
//! registry or codegen crates. It panics on anything it does not
//! understand: it is for tests, which should fail loudly.
//!
//! ```
//! let reading = ws_close_codes_test_support::reading::Reading::of_repository();
//! let normal = reading.code(1000).expect("1000 is registered");
//! println!("1000: {}", normal.iana_description);
//! assert!(reading.is_registered(1000));
//! assert!(!reading.is_registered(4000));
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root (this crate is `crates/test-support`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/test-support has two parents")
        .to_path_buf()
}

/// One reference of a registered code, with what the crate is expected to
/// show for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The `type` attribute (`rfc`, `rfc-errata`, `uri`, `draft`, `text`, ...).
    pub kind: String,
    /// The `data` attribute, or the element's text for `type="text"`.
    pub data: String,
    /// The label the crate promises: `RFC 6455`, `RFC Errata 3227`, else
    /// the data itself.
    pub label: String,
    /// The link the crate promises, where one can be made safely.
    pub url: Option<String>,
}

/// A code the registry registers on its own (a single value that is not
/// "Unassigned").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// The code.
    pub value: u16,
    /// IANA's description, whitespace collapsed.
    pub iana_description: String,
    /// The contact's display name: the person's `name`, else the person id,
    /// or the contact's text when it is not a person reference.
    pub contact: Option<String>,
    /// The references after the contact, in document order.
    pub references: Vec<Reference>,
    /// The record's `date` attribute.
    pub registered_on: Option<String>,
    /// The record's `updated` attribute.
    pub updated_on: Option<String>,
}

/// The registry files, read independently.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The document's own `updated` date.
    pub document_updated: String,
    /// The registered single codes, by value.
    pub codes: BTreeMap<u16, Code>,
    /// The identifier pinned for each code (`names.toml`).
    pub idents: BTreeMap<u16, String>,
    /// The name pinned for each code (`names.toml`).
    pub titles: BTreeMap<u16, String>,
    /// The project's own descriptions (`descriptions.toml`).
    pub curated: BTreeMap<u16, String>,
}

impl Reading {
    /// Reads `registry/websocket.xml`, `registry/names.toml` and
    /// `registry/descriptions.toml` of this repository.
    pub fn of_repository() -> Reading {
        Reading::of_directory(&repository_root().join("registry"))
    }

    /// Reads `websocket.xml`, `names.toml` and `descriptions.toml` in `dir`.
    pub fn of_directory(dir: &Path) -> Reading {
        let read = |name: &str| {
            let path = dir.join(name);
            fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        };
        let (document_updated, codes) = read_document(&read("websocket.xml"));
        let names = read_table(&read("names.toml"));
        let mut idents = BTreeMap::new();
        let mut titles = BTreeMap::new();
        for (value, entry) in names {
            let entry = entry.as_table().expect("a names.toml entry is a table");
            let ident = entry.get("ident").and_then(toml::Value::as_str);
            idents.insert(value, ident.expect("every pin has an ident").to_owned());
            if let Some(title) = entry.get("name").and_then(toml::Value::as_str) {
                titles.insert(value, title.to_owned());
            }
        }
        let curated = read_table(&read("descriptions.toml"))
            .into_iter()
            .map(|(value, text)| {
                let text = text.as_str().expect("a curated description is a string");
                (value, text.to_owned())
            })
            .collect();
        Reading {
            document_updated,
            codes,
            idents,
            titles,
            curated,
        }
    }

    /// Whether `value` is registered as a single code.
    pub fn is_registered(&self, value: u16) -> bool {
        self.codes.contains_key(&value)
    }

    /// The registered code `value`, if it is one.
    pub fn code(&self, value: u16) -> Option<&Code> {
        self.codes.get(&value)
    }

    /// The registered values, ascending.
    pub fn values(&self) -> Vec<u16> {
        self.codes.keys().copied().collect()
    }

    /// The name the crate promises for a registered code: its pinned name,
    /// else (a pin written before names were pinned) IANA's description.
    pub fn name(&self, value: u16) -> Option<&str> {
        let code = self.code(value)?;
        Some(
            self.titles
                .get(&value)
                .map_or(code.iana_description.as_str(), String::as_str),
        )
    }

    /// The description the crate promises: the project's own where it has
    /// one, else IANA's.
    pub fn description(&self, value: u16) -> Option<&str> {
        let code = self.code(value)?;
        Some(
            self.curated
                .get(&value)
                .map_or(code.iana_description.as_str(), String::as_str),
        )
    }
}

/// The `[codes]` table of a TOML file, by code.
fn read_table(text: &str) -> BTreeMap<u16, toml::Value> {
    let document: toml::Table = text.parse().expect("valid TOML");
    let codes = document
        .get("codes")
        .and_then(toml::Value::as_table)
        .expect("a [codes] table");
    codes
        .iter()
        .map(|(key, value)| (key.parse().expect("a code as the key"), value.clone()))
        .collect()
}

/// Runs of whitespace as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// All text inside `node`, whitespace collapsed.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    let raw: Vec<&str> = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    collapse(&raw.join(" "))
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// An attribute, surrounding whitespace trimmed (IANA has published ids
/// with a trailing space).
fn attribute(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.attribute(name).map(|v| v.trim().to_owned())
}

/// The document's date and its registered single codes.
fn read_document(xml: &str) -> (String, BTreeMap<u16, Code>) {
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "registry", "root element");
    let updated = text_of(child(root, "updated").expect("the document's <updated>"));

    // People by id, for contacts.
    let mut people = BTreeMap::new();
    for person in children(root, "people").flat_map(|p| children(p, "person")) {
        let id = attribute(person, "id").expect("a person's id");
        let name = child(person, "name").map(text_of).filter(|n| !n.is_empty());
        people.insert(id.clone(), name.unwrap_or(id));
    }

    let registry = children(root, "registry")
        .find(|r| attribute(*r, "id").as_deref() == Some("close-code-number"))
        .expect("the close-code registry");
    let mut codes = BTreeMap::new();
    for record in children(registry, "record") {
        let value = text_of(child(record, "value").expect("a record's value"));
        let description = text_of(child(record, "description").expect("a description"));
        // Ranges ("3009-3999") and unassigned values get no variant.
        let Ok(value) = value.parse::<u16>() else {
            continue;
        };
        if description.eq_ignore_ascii_case("unassigned") {
            continue;
        }
        let contact = child(record, "contact").and_then(|contact| match child(contact, "xref") {
            Some(xref) => {
                let id = attribute(xref, "data").expect("a contact's person id");
                Some(
                    people
                        .get(&id)
                        .unwrap_or_else(|| panic!("{value}: contact {id:?} is not in <people>"))
                        .clone(),
                )
            }
            None => Some(text_of(contact)).filter(|t| !t.is_empty()),
        });
        let references = children(record, "xref").map(reference).collect();
        let code = Code {
            value,
            iana_description: description,
            contact,
            references,
            registered_on: attribute(record, "date"),
            updated_on: attribute(record, "updated"),
        };
        assert!(codes.insert(value, code).is_none(), "{value} twice");
    }
    (updated, codes)
}

/// A reference, with the label and link the crate promises for it.
fn reference(xref: roxmltree::Node<'_, '_>) -> Reference {
    let kind = attribute(xref, "type").expect("a reference's type");
    let data = match attribute(xref, "data") {
        Some(data) => collapse(&data),
        None => text_of(xref),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (label, url) = match kind.as_str() {
        "rfc" => match data.strip_prefix("rfc").filter(|n| digits(n)) {
            Some(n) => (
                format!("RFC {n}"),
                Some(format!("https://www.rfc-editor.org/rfc/rfc{n}")),
            ),
            None => (data.clone(), None),
        },
        "rfc-errata" => (
            format!("RFC Errata {data}"),
            digits(&data).then(|| format!("https://www.rfc-editor.org/errata/eid{data}")),
        ),
        "draft" => {
            let token = !data.is_empty()
                && data
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
            (
                data.clone(),
                token.then(|| format!("https://datatracker.ietf.org/doc/{data}/")),
            )
        }
        "uri" => {
            // Only http(s) addresses made of characters that cannot end a
            // Markdown link or break out of an attribute get a link.
            let rest = data
                .strip_prefix("https://")
                .or_else(|| data.strip_prefix("http://"));
            let safe = rest.is_some_and(|r| !r.is_empty())
                && data
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && !b"\"'<>\\`()[]{}|^".contains(&b));
            (data.clone(), safe.then(|| data.clone()))
        }
        _ => (data.clone(), None),
    };
    Reference {
        kind,
        data,
        label,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="websocket">
  <updated>2030-01-02</updated>
  <registry id="opcode">
    <record><value>1</value><description>Text Frame</description></record>
  </registry>
  <registry id="close-code-number">
    <record>
      <value>1000</value>
      <description>Normal
        Closure</description>
      <contact><xref type="person" data="P "/></contact>
      <xref type="rfc" data="rfc6455"/>
      <xref type="rfc-errata" data="3227"/>
    </record>
    <record><value>1001-2999</value><description>Unassigned</description><contact/></record>
    <record date="2030-01-02" updated="2030-01-03">
      <value>3000</value>
      <description>Ours</description>
      <contact>Someone Else</contact>
      <xref type="uri" data="https://example.org/a(b)"/>
      <xref type="uri" data="https://example.org/ok"/>
      <xref type="text">Plain words</xref>
    </record>
    <record><value>3001</value><description>Unassigned</description><contact/></record>
  </registry>
  <people>
    <person id="P"><name>A Person</name></person>
  </people>
</registry>"#;

    #[test]
    fn reads_codes_contacts_references_and_dates() {
        let (updated, codes) = read_document(SMALL);
        assert_eq!(updated, "2030-01-02");
        assert_eq!(codes.keys().copied().collect::<Vec<_>>(), [1000, 3000]);
        let normal = &codes[&1000];
        assert_eq!(normal.iana_description, "Normal Closure");
        assert_eq!(normal.contact.as_deref(), Some("A Person"));
        assert_eq!(normal.references[0].label, "RFC 6455");
        assert_eq!(
            normal.references[1].url.as_deref(),
            Some("https://www.rfc-editor.org/errata/eid3227")
        );
        let ours = &codes[&3000];
        assert_eq!(ours.contact.as_deref(), Some("Someone Else"));
        assert_eq!(ours.registered_on.as_deref(), Some("2030-01-02"));
        assert_eq!(ours.updated_on.as_deref(), Some("2030-01-03"));
        let urls: Vec<Option<&str>> = ours.references.iter().map(|r| r.url.as_deref()).collect();
        assert_eq!(urls, [None, Some("https://example.org/ok"), None]);
        assert_eq!(ours.references[2].label, "Plain words");
    }

    #[test]
    fn the_repository_files_read() {
        let reading = Reading::of_repository();
        assert!(!reading.codes.is_empty());
        for value in reading.values() {
            assert!(reading.idents.contains_key(&value), "{value} has no pin");
        }
    }
}
