//! The drill's document edits (`xtask::document`): each changes what it
//! says in its own record and leaves the rest of the registry as it was.

use ws_close_codes_registry::{self as registry, Record, Registry};
use xtask::document::Document;

fn base() -> Document {
    Document::new(registry::SNAPSHOT_XML)
}

#[test]
fn registering_splits_the_unassigned_record_and_keeps_the_rest() -> Result<(), String> {
    let registry = base().parse()?;
    let unassigned = |v: &u16| registry.record_for(*v).is_some_and(|r| !r.is_assigned());
    let value = (3000..=3999).find(unassigned).unwrap();
    let gap = registry.record_for(value).unwrap().span;
    let (uri, date) = ("mailto:new&example.org", "2099-01-02");
    let doc = base().add_person("New_Person", "New Person", uri, "2099-01")?;
    let references = [("rfc", "rfc9999")];
    let doc = doc.register(value, "A & B", date, Some("New_Person"), &references)?;
    let new = doc.updated(date).parse()?;
    assert_eq!(new.document_updated.to_string(), date);
    let record = new.record_for(value).unwrap();
    assert_eq!(record.description, "A & B");
    let contact = record.contact.as_ref().unwrap();
    assert_eq!(contact.display_name(), "New Person");
    assert_eq!(contact.uri.as_deref(), Some(uri));
    assert_eq!(record.references[0].data, "rfc9999");
    assert_eq!(record.date.unwrap().to_string(), date);
    if gap.start < value {
        assert_eq!(new.record_for(value - 1).unwrap().span.end, value - 1);
    }
    if value < gap.end {
        assert_eq!(new.record_for(value + 1).unwrap().span.start, value + 1);
    }
    let count = |registry: &Registry| registry.registered_codes().count();
    assert_eq!(count(&new), count(&registry) + 1);
    let error = base().register(1000, "x", date, None, &[]).unwrap_err();
    let expected = "1000 is not inside an unassigned record";
    assert!(error.contains(expected), "{error}");
    Ok(())
}

#[test]
fn every_edit_changes_its_record_alone() -> Result<(), String> {
    let registry = base().parse()?;
    let mut codes = registry.registered_codes();
    let code = codes.find(|r| !r.references.is_empty() && r.contact.is_some());
    let code = code.unwrap();
    let (value, first) = (code.span.start, code.references[0].clone());
    let doc = (base().reword(value, "Reworded <text>")?)
        .remove_reference(value, &first.data)?
        .add_reference(value, "uri", "https://example.org/a&b")?
        .contact(value, "Someone Else", false)?
        .redate(value, Some("2031-02-03"), "2032-04-05")?;
    let parsed = doc.parse()?;
    let record = parsed.record_for(value).unwrap();
    assert_eq!(record.description, "Reworded <text>");
    assert!(!record.references.contains(&first));
    let last = record.references.last().unwrap();
    assert_eq!(last.data, "https://example.org/a&b");
    let contact = record.contact.as_ref().unwrap();
    assert_eq!(contact.display_name(), "Someone Else");
    assert_eq!(record.date.unwrap().to_string(), "2031-02-03");
    assert_eq!(record.updated.unwrap().to_string(), "2032-04-05");
    let unchanged = |r: &&Record| r.span.start != value;
    for other in registry.registered_codes().filter(unchanged) {
        assert_eq!(parsed.record_for(other.span.start), Some(other));
    }
    let person = code.contact.as_ref().unwrap().id.clone();
    let back = doc.contact(value, &person, true)?.parse()?;
    assert_eq!(back.record_for(value).unwrap().contact, code.contact);
    assert!(base().remove_reference(value, "rfc0").is_err());

    let without = base().without(value)?.parse()?;
    assert!(without.record_for(value).is_none());
    let count = |registry: &Registry| registry.registered_codes().count();
    assert_eq!(count(&without), count(&registry) - 1);
    Ok(())
}

#[test]
fn a_record_is_found_after_other_characters_on_its_line() -> Result<(), String> {
    // The parser counts columns in characters: `é` takes two bytes.
    let text = registry::SNAPSHOT_XML.replace("<record", "<!-- é --><record");
    let registry = Document::new(text.clone()).parse()?;
    let value = registry.registered_codes().last().unwrap().span.start;
    let doc = Document::new(text).reword(value, "Reworded")?.parse()?;
    assert_eq!(doc.record_for(value).unwrap().description, "Reworded");
    Ok(())
}
