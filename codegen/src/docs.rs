//! Doc comments for the generated code: `///` lines, and the
//! documentation of each `CloseCode` variant.

use ws_close_codes_registry::Entry;

use crate::markdown::{escape_markdown, references};

/// `text` as `///` comment lines, each indented by `indent`: one per line
/// of `text`, an empty line as a bare `///`, trailing whitespace removed.
///
/// # Panics
///
/// If `text` holds a control character other than a newline (such as a
/// carriage return, which would end a `///` comment). Fixed text written in
/// this crate and the output of [`escape_markdown`] never do.
pub(crate) fn doc_comment(text: &str, indent: &str) -> String {
    let lines = text.lines().map(|line| {
        assert!(!line.contains(|c: char| c.is_control()), "{line:?}");
        let line = line.trim_end();
        let space = if line.is_empty() { "" } else { " " };
        format!("{indent}///{space}{line}\n")
    });
    lines.collect()
}

/// The Markdown documentation of an entry's variant: the code and title,
/// the description, IANA's description when it differs, and a list of the
/// contact, references and dates. Every piece of registry text in it is
/// escaped with [`escape_markdown`], so it is one line per paragraph.
pub(crate) fn entry_doc(entry: &Entry) -> String {
    let title = escape_markdown(&entry.title);
    let heading = if title.is_empty() {
        format!("`{}`", entry.value)
    } else {
        format!("`{}` **{title}**", entry.value)
    };
    let iana = escape_markdown(&entry.iana_description);
    let iana = (entry.iana_description != entry.description && !iana.is_empty())
        .then(|| format!("IANA's description: {iana}"));
    let facts = [
        ("Contact", entry.contact.as_deref().map(escape_markdown)),
        ("References", Some(references(&entry.references))),
        ("Registered", entry.date.map(|date| date.to_string())),
        ("Updated", entry.updated.map(|date| date.to_string())),
    ];
    let facts = facts.into_iter().filter_map(|(label, text)| {
        let text = text.filter(|text| !text.is_empty())?;
        Some(format!("- {label}: {text}"))
    });
    let paragraphs = [
        heading,
        escape_markdown(&entry.description),
        iana.unwrap_or_default(),
        facts.collect::<Vec<_>>().join("\n"),
    ];
    let paragraphs = paragraphs.into_iter().filter(|p| !p.is_empty());
    paragraphs.collect::<Vec<_>>().join("\n\n")
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
    fn doc_comments_are_one_line_each() {
        assert_eq!(
            doc_comment("First line\n\nThird `line`  ", "    "),
            "    /// First line\n    ///\n    /// Third `line`\n"
        );
        assert_eq!(doc_comment("", ""), "");
    }

    #[test]
    #[should_panic(expected = "\\r")]
    fn a_carriage_return_cannot_end_a_comment() {
        doc_comment("a\rb", "");
    }
}
