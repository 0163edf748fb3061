//! The validated model of the close-code registry. Its text is whitespace
//! collapsed but untrusted: whoever prints it escapes it.

use std::fmt;

use crate::error::Quirk;

/// A place in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column number, counted in characters.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// An inclusive span of close-code values: `1008` or `3009-3999`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First value of the span.
    pub start: u16,
    /// Last value of the span (inclusive).
    pub end: u16,
}

impl Span {
    /// The span holding one value.
    pub const fn single(v: u16) -> Self {
        Span { start: v, end: v }
    }

    /// Whether the span holds exactly one value.
    pub const fn is_single(self) -> bool {
        self.start == self.end
    }

    /// Whether `value` lies inside the span.
    pub const fn contains(self, value: u16) -> bool {
        self.start <= value && value <= self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A date: `YYYY-MM-DD`, or `YYYY-MM` for some people's `updated`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, when given.
    pub day: Option<u8>,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = self.day.map(|day| format!("-{day:02}")).unwrap_or_default();
        write!(f, "{:04}-{:02}{day}", self.year, self.month)
    }
}

/// A person from the document's `people` element.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Person {
    /// The `id` contacts refer to.
    pub id: String,
    /// The `name` child, if given.
    pub name: Option<String>,
    /// The `uri` child, if given.
    pub uri: Option<String>,
    /// The `updated` child, if given.
    pub updated: Option<Date>,
}

impl Person {
    /// The name to show: the `name` child, or the id when there is none.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// What a reference (`xref` element) points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReferenceKind {
    /// `type="rfc"`, `data` like `rfc6455`.
    Rfc,
    /// `type="rfc-errata"`, `data` the errata id like `3227`.
    RfcErrata,
    /// `type="uri"`, `data` an address.
    Uri,
    /// `type="draft"`, `data` an Internet-Draft name.
    Draft,
    /// `type="person"`, `data` a person id.
    Person,
    /// `type="text"`, the reference is the element's text.
    Text,
}

impl ReferenceKind {
    /// The `type` attribute value IANA uses for this kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::Rfc => "rfc",
            ReferenceKind::RfcErrata => "rfc-errata",
            ReferenceKind::Uri => "uri",
            ReferenceKind::Draft => "draft",
            ReferenceKind::Person => "person",
            ReferenceKind::Text => "text",
        }
    }

    /// The kind for a `type` attribute value, if it is one IANA uses.
    pub fn from_type(value: &str) -> Option<Self> {
        use ReferenceKind::*;
        let kinds = [Rfc, RfcErrata, Uri, Draft, Person, Text];
        kinds.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// A typed reference of a record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// What kind of reference this is.
    pub kind: ReferenceKind,
    /// The `data` attribute, or for [`ReferenceKind::Text`] the element's text.
    pub data: String,
}

impl Reference {
    /// A short label for people: `RFC 6455`, `RFC Errata 3227`, else the data.
    pub fn label(&self) -> String {
        match (self.kind, self.rfc_number()) {
            (ReferenceKind::Rfc, Some(number)) => format!("RFC {number}"),
            (ReferenceKind::RfcErrata, _) => format!("RFC Errata {}", self.data),
            _ => self.data.clone(),
        }
    }

    /// A link for an RFC, erratum, draft or `http(s)` URI whose data holds
    /// only characters that belong in the address; else `None`.
    pub fn url(&self) -> Option<String> {
        let data = &self.data;
        let all = |s: &str, ok: fn(u8) -> bool| !s.is_empty() && s.bytes().all(ok);
        match self.kind {
            ReferenceKind::Rfc => self
                .rfc_number()
                .map(|number| format!("https://www.rfc-editor.org/rfc/rfc{number}")),
            ReferenceKind::RfcErrata => all(data, |b| b.is_ascii_digit())
                .then(|| format!("https://www.rfc-editor.org/errata/eid{data}")),
            ReferenceKind::Draft => all(data, |b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
                .then(|| format!("https://datatracker.ietf.org/doc/{data}/")),
            ReferenceKind::Uri => {
                (data.len() > "https://".len() && is_safe_link(data)).then(|| data.clone())
            }
            ReferenceKind::Person | ReferenceKind::Text => None,
        }
    }

    /// The digits of `rfcN`.
    fn rfc_number(&self) -> Option<&str> {
        let number = self.data.strip_prefix("rfc")?;
        (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
    }
}

/// Whether `url` can be written verbatim between `(` and `)` as a Markdown
/// link destination and only leads to a web page: `http` or `https`, no
/// whitespace or control characters, nothing that could end the destination
/// or start HTML (`(`, `)`, `<`, `>`, quotes, backslash, backtick, brackets,
/// braces, `|`, `^`). Emphasis and other inline syntax is not parsed inside
/// a link destination, so other punctuation is harmless there.
pub fn is_safe_link(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(rest) if !rest.is_empty())
        && url
            .bytes()
            .all(|b| b.is_ascii_graphic() && !br#""'<>\`()[]{}|^"#.contains(&b))
}

/// A `range` element: a span and its registration rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RangeRule {
    /// The span the rule covers.
    pub span: Span,
    /// The `registration_rule` text.
    pub registration_rule: String,
    /// Where the element starts in the document.
    pub position: Position,
}

/// A `record` element.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Record {
    /// The value: one code or an inclusive range.
    pub span: Span,
    /// IANA's description, whitespace collapsed.
    pub description: String,
    /// The contact, resolved through the document's `people`.
    pub contact: Option<Person>,
    /// References after the contact, in document order.
    pub references: Vec<Reference>,
    /// The `date` attribute: when the value was registered.
    pub date: Option<Date>,
    /// The `updated` attribute: when the record last changed.
    pub updated: Option<Date>,
    /// Where the element starts in the document.
    pub position: Position,
}

impl Record {
    /// Whether the record assigns its values (is not `Unassigned`).
    pub fn is_assigned(&self) -> bool {
        !self.description.eq_ignore_ascii_case("unassigned")
    }

    /// Whether the record registers one code (a `CloseCode` variant).
    pub fn is_registered_code(&self) -> bool {
        self.span.is_single() && self.is_assigned()
    }
}

/// The WebSocket Close Code Number Registry as one IANA document states it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Registry {
    /// The document's `updated` date.
    pub document_updated: Date,
    /// The close-code registry's `title`.
    pub title: String,
    /// The designated expert (`expert` element text), if any.
    pub expert: Option<String>,
    /// The `range` elements, sorted by span.
    pub ranges: Vec<RangeRule>,
    /// The `record` elements, sorted by span; no two overlap.
    pub records: Vec<Record>,
    /// Where the close-code `<registry>` element starts.
    pub position: Position,
    /// The irregularities the parser absorbed, in document order.
    pub quirks: Vec<Quirk>,
}

impl Registry {
    /// The records that register one code each, in ascending order.
    pub fn registered_codes(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.is_registered_code())
    }

    /// The record whose span holds `value`, if any.
    pub fn record_for(&self, value: u16) -> Option<&Record> {
        let index = self.records.partition_point(|r| r.span.end < value);
        self.records.get(index).filter(|r| r.span.contains(value))
    }

    /// The range rule whose span holds `value`, if any.
    pub fn range_for(&self, value: u16) -> Option<&RangeRule> {
        self.ranges.iter().find(|r| r.span.contains(value))
    }
}
