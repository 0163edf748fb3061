//! The table of registered codes in README.md.

use ws_close_codes_registry::Catalog;

use crate::markdown::{escape_markdown, references};

/// A Markdown table of the registered codes, for README.md.
///
/// The columns are `Code`, `Name`, `Variant`, `Description` and
/// `References`, with one row per entry in the catalog's order. Every cell
/// made from registry text is escaped with [`escape_markdown`], so a cell
/// is one line and holds no Markdown of its own; the variant is written as
/// `` `CloseCode::Ident` ``, and a reference becomes a link only when
/// [`Reference::url`] gives one. The table ends with a newline.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::readme_table;
/// use ws_close_codes_registry::{Catalog, Date, Entry, Layout, Reference, ReferenceKind, Span};
///
/// let catalog = Catalog {
///     document_updated: Date { year: 2024, month: 5, day: Some(2) },
///     entries: vec![Entry {
///         value: 1001,
///         ident: "GoingAway".into(),
///         title: "Going Away".into(),
///         iana_description: "Going Away".into(),
///         description: "The endpoint is going away | leaving.".into(),
///         contact: None,
///         references: vec![Reference { kind: ReferenceKind::Rfc, data: "rfc6455".into() }],
///         date: None,
///         updated: None,
///     }],
///     layout: Layout {
///         protocol: Span { start: 1000, end: 2999 },
///         registered: Span { start: 3000, end: 3999 },
///         private: Span { start: 4000, end: 4999 },
///     },
/// };
/// assert_eq!(
///     readme_table(&catalog),
///     "| Code | Name | Variant | Description | References |\n\
///      | ---: | --- | --- | --- | --- |\n\
///      | 1001 | Going Away | `CloseCode::GoingAway` | The endpoint is going away \\| leaving. \
///      | [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455) |\n",
/// );
/// ```
///
/// [`Reference::url`]: ws_close_codes_registry::Reference::url
/// [`escape_markdown`]: crate::escape_markdown
pub fn readme_table(catalog: &Catalog) -> String {
    let mut table = String::from(
        "| Code | Name | Variant | Description | References |\n\
         | ---: | --- | --- | --- | --- |\n",
    );
    for entry in &catalog.entries {
        let variant = if ws_close_codes_registry::is_valid_ident(&entry.ident) {
            format!("`CloseCode::{}`", entry.ident)
        } else {
            escape_markdown(&entry.ident)
        };
        let cells = [
            entry.value.to_string(),
            escape_markdown(&entry.title),
            variant,
            escape_markdown(&entry.description),
            references(&entry.references),
        ];
        table.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    table
}
