//! Doc comments for the generated code: `#[doc]` attributes that print as
//! `///` lines, and the documentation of each `CloseCode` variant.

use proc_macro2::TokenStream;
use quote::quote;
use ws_close_codes_registry::Entry;

use crate::ast;
use crate::markdown::{escape_markdown, references};

/// [`ast::doc_attributes`] as tokens, for the items written with `quote!`.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let attributes = ast::doc_attributes(text);
    quote! { #(#attributes)* }
}

/// The Markdown documentation of an entry's variant: the code and title,
/// the description, IANA's description when it differs, and a list of the
/// contact, references and dates. Every piece of registry text in it is
/// escaped with [`escape_markdown`], so it is one line per paragraph.
pub(crate) fn entry_doc(entry: &Entry) -> String {
    let mut paragraphs = Vec::new();
    let title = escape_markdown(&entry.title);
    paragraphs.push(if title.is_empty() {
        format!("`{}`", entry.value)
    } else {
        format!("`{}` **{title}**", entry.value)
    });
    let description = escape_markdown(&entry.description);
    if !description.is_empty() {
        paragraphs.push(description);
    }
    if entry.iana_description != entry.description {
        let iana = escape_markdown(&entry.iana_description);
        if !iana.is_empty() {
            paragraphs.push(format!("IANA's description: {iana}"));
        }
    }
    let mut facts = Vec::new();
    let contact = entry.contact.as_deref().map(escape_markdown);
    if let Some(contact) = contact.filter(|c| !c.is_empty()) {
        facts.push(format!("- Contact: {contact}"));
    }
    let references = references(&entry.references);
    if !references.is_empty() {
        facts.push(format!("- References: {references}"));
    }
    if let Some(date) = entry.date {
        facts.push(format!("- Registered: {date}"));
    }
    if let Some(date) = entry.updated {
        facts.push(format!("- Updated: {date}"));
    }
    if !facts.is_empty() {
        paragraphs.push(facts.join("\n"));
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ws_close_codes_registry::{Date, Reference, ReferenceKind};

    fn entry() -> Entry {
        Entry {
            value: 1000,
            ident: "NormalClosure".into(),
            title: "Normal Closure".into(),
            iana_description: "Normal Closure".into(),
            description: "The purpose of the connection has been fulfilled.".into(),
            contact: Some("Jane Doe".into()),
            references: vec![
                Reference {
                    kind: ReferenceKind::Rfc,
                    data: "rfc6455".into(),
                },
                Reference {
                    kind: ReferenceKind::Person,
                    data: "Jane_Doe".into(),
                },
            ],
            date: Some(Date {
                year: 2011,
                month: 12,
                day: Some(1),
            }),
            updated: Some(Date {
                year: 2012,
                month: 3,
                day: None,
            }),
        }
    }

    #[test]
    fn documents_every_field() {
        assert_eq!(
            entry_doc(&entry()),
            "`1000` **Normal Closure**\n\
             \n\
             The purpose of the connection has been fulfilled.\n\
             \n\
             IANA's description: Normal Closure\n\
             \n\
             - Contact: Jane Doe\n\
             - References: [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), Jane\\_Doe\n\
             - Registered: 2011-12-01\n\
             - Updated: 2012-03"
        );
    }

    #[test]
    fn leaves_out_what_is_missing() {
        let entry = Entry {
            title: String::new(),
            description: "\n".into(),
            iana_description: "\0".into(),
            contact: Some(" \u{7} ".into()),
            references: vec![Reference {
                kind: ReferenceKind::Text,
                data: "\n".into(),
            }],
            date: None,
            updated: None,
            ..entry()
        };
        assert_eq!(entry_doc(&entry), "`1000`");
    }

    #[test]
    fn doc_attrs_are_one_per_line() {
        let tokens = doc_attrs("First line\n\nThird `line`");
        let expected = quote! {
            #[doc = " First line"]
            #[doc = ""]
            #[doc = " Third `line`"]
        };
        assert_eq!(tokens.to_string(), expected.to_string());
    }
}
