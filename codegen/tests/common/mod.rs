//! Catalogs shared by the integration tests.

#![allow(dead_code)]

use ws_close_codes_registry::{Catalog, Date, Entry, Layout, Reference, ReferenceKind, Span};

/// Text that tries every trick: Rust string and comment syntax, attributes,
/// a Markdown code fence holding Rust, HTML, links, bidi overrides, NUL and
/// other control characters, headings, lists and indented code.
pub const HOSTILE: &str = "/ starts with a slash \" quote \\ backslash \\\" escaped quote \
    */ closes /* opens \"# raw end \"## r#\"raw\"# } brace { #[cfg(any())] #![no_std] \
    \n```rust\nstd::process::exit(1)\n```\n\
    ~~~\nstd::process::exit(2)\n~~~\n\
    <script>alert(1)</script> <img src=x onerror=alert(1)> <!-- comment --> \
    [x](javascript:alert(1)) ![i](https://example.com/i.png) <https://example.com/> \
    [link]: https://example.com/ref [`CloseCode`] [^note] \
    \u{202E}reversed\u{202C} \u{2066}isolate\u{2069} \u{200E}\u{200F}\u{061C} \
    nul \0 bell \u{7} escape \u{1b}[31m del \u{7f} nel \u{85} cr \r\r\n\
    # Heading\n\nSetext\n===\n    indented code\n\tindented by tab\n\
    * item\n- item\n+ item\n1. item\n> quote\n| a | b |\n| - | - |\n\
    &amp; &#x41; &lt; \\u{41} \\x41 \\n {} {{}} https://example.com/ www.example.com a@b.com \
    $x$ ~~struck~~ *em* _em_ **strong** ` code ` Zürich \u{200B}zero-width \u{FEFF}bom \u{AD}soft \u{2028}line separator trailing \\";

/// The layout of the real registry.
pub fn layout() -> Layout {
    Layout {
        protocol: Span {
            start: 1000,
            end: 2999,
        },
        registered: Span {
            start: 3000,
            end: 3999,
        },
        private: Span {
            start: 4000,
            end: 4999,
        },
    }
}

/// The date of the catalogs here.
pub fn updated() -> Date {
    Date {
        year: 2024,
        month: 5,
        day: Some(2),
    }
}

/// An entry whose texts are all `title`, with no contact, references or dates.
pub fn entry(value: u16, ident: &str, title: &str) -> Entry {
    Entry {
        value,
        ident: ident.into(),
        title: title.into(),
        iana_description: title.into(),
        description: title.into(),
        contact: None,
        references: Vec::new(),
        date: None,
        updated: None,
    }
}

pub fn rfc6455() -> Reference {
    Reference {
        kind: ReferenceKind::Rfc,
        data: "rfc6455".into(),
    }
}

/// The two entries of the example in the report.
pub fn two_entries() -> Catalog {
    let mut normal = entry(1000, "NormalClosure", "Normal Closure");
    normal.description =
        "The purpose for which the connection was established has been fulfilled.".into();
    normal.references = vec![rfc6455()];
    normal.date = Some(Date {
        year: 2011,
        month: 12,
        day: Some(1),
    });
    let mut going = entry(1001, "GoingAway", "Going Away");
    going.contact = Some("Jane Doe".into());
    going.references = vec![
        rfc6455(),
        Reference {
            kind: ReferenceKind::RfcErrata,
            data: "3227".into(),
        },
    ];
    going.updated = Some(Date {
        year: 2012,
        month: 3,
        day: None,
    });
    Catalog {
        document_updated: updated(),
        entries: vec![normal, going],
        layout: layout(),
    }
}

/// Every kind of reference, with `data` set to `text`.
pub fn references_of(text: &str) -> Vec<Reference> {
    [
        ReferenceKind::Rfc,
        ReferenceKind::RfcErrata,
        ReferenceKind::Uri,
        ReferenceKind::Draft,
        ReferenceKind::Person,
        ReferenceKind::Text,
    ]
    .into_iter()
    .map(|kind| Reference {
        kind,
        data: text.into(),
    })
    .collect()
}

/// The codes the generated doc examples use, a hostile entry, an entry
/// with a curated description, and one without references.
///
/// With `text` = [`HOSTILE`] every piece of registry text is hostile; with
/// plain text the catalog has the same shape.
pub fn small(text: &str) -> Catalog {
    let mut normal = entry(1000, "NormalClosure", "Normal Closure");
    normal.references = vec![rfc6455()];
    normal.date = Some(Date {
        year: 2011,
        month: 12,
        day: Some(1),
    });
    let mut going = entry(1001, "GoingAway", "Going Away");
    going.references = vec![
        rfc6455(),
        Reference {
            kind: ReferenceKind::Uri,
            data: "https://example.com/going-away".into(),
        },
    ];
    let mut bad_gateway = entry(1014, "BadGateway", "Bad Gateway");
    bad_gateway.description = "A gateway or proxy received an invalid response.".into();
    let hostile = Entry {
        value: 3000,
        ident: "Hostile".into(),
        title: text.into(),
        iana_description: format!("IANA: {text}"),
        description: text.into(),
        contact: Some(text.into()),
        references: references_of(text),
        date: Some(Date {
            year: 2020,
            month: 1,
            day: Some(31),
        }),
        updated: Some(Date {
            year: 2021,
            month: 2,
            day: None,
        }),
    };
    let mut empty = entry(3001, "Empty", "");
    empty.iana_description = "\n\u{202E}\0".into();
    Catalog {
        document_updated: updated(),
        entries: vec![normal, going, bad_gateway, hostile, empty],
        layout: layout(),
    }
}

/// One entry for every code from 3000 to 3999.
pub fn thousand() -> Catalog {
    Catalog {
        document_updated: updated(),
        entries: (3000..=3999)
            .map(|value| {
                let mut entry = entry(value, &format!("Code{value}"), &format!("Code {value}"));
                entry.references = vec![Reference {
                    kind: ReferenceKind::Text,
                    data: format!("Reference for {value}"),
                }];
                entry
            })
            .collect(),
        layout: layout(),
    }
}

/// The bundled registry's catalog with two more codes at the first free
/// values of 3000-3999: `Hostile`, whose every text is `text`, and
/// `Empty`, whose texts are empty or control characters. It generates a
/// `CloseCode` that the real crate's hand-written code compiles with.
pub fn bundled_with(text: &str) -> Catalog {
    let mut catalog = ws_close_codes_registry::bundled()
        .expect("the bundled registry builds")
        .catalog;
    let mut free = (3000..=3999).filter(|v| catalog.entries.iter().all(|e| e.value != *v));
    let (hostile_value, empty_value) = (free.next().unwrap(), free.next().unwrap());
    let mut extra = small(text);
    for entry in &mut extra.entries {
        match entry.ident.as_str() {
            "Hostile" => entry.value = hostile_value,
            "Empty" => entry.value = empty_value,
            _ => continue,
        }
        catalog.entries.push(entry.clone());
    }
    catalog.entries.sort_by_key(|entry| entry.value);
    catalog
}

/// The value `bundled_with` gives the `Hostile` code.
pub fn hostile_value(catalog: &Catalog) -> u16 {
    catalog
        .entries
        .iter()
        .find(|entry| entry.ident == "Hostile")
        .expect("a Hostile entry")
        .value
}
