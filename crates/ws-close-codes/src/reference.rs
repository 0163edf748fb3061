//! References of registered codes.

/// What a [`Reference`] points at, as the registry types it.
///
/// ```
/// use ws_close_codes::{CloseCode, ReferenceKind};
///
/// // How many references of each kind the registry gives, over every code.
/// let references = CloseCode::NAMED.iter().flat_map(|code| code.references());
/// let rfcs = references
///     .clone()
///     .filter(|reference| reference.kind() == ReferenceKind::Rfc)
///     .count();
/// let addresses = references
///     .filter(|reference| reference.kind() == ReferenceKind::Uri)
///     .count();
/// println!("{rfcs} references to RFCs, {addresses} to web addresses");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ReferenceKind {
    /// An RFC.
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::Rfc;
    /// assert_eq!(kind, ReferenceKind::Rfc);
    /// ```
    Rfc,
    /// An RFC erratum.
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::RfcErrata;
    /// assert_eq!(kind, ReferenceKind::RfcErrata);
    /// ```
    RfcErrata,
    /// A web address (for example a mailing-list message).
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::Uri;
    /// assert_eq!(kind, ReferenceKind::Uri);
    /// ```
    Uri,
    /// An Internet-Draft.
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::Draft;
    /// assert_eq!(kind, ReferenceKind::Draft);
    /// ```
    Draft,
    /// A person of the registry.
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::Person;
    /// assert_eq!(kind, ReferenceKind::Person);
    /// ```
    Person,
    /// Free text.
    ///
    /// ```
    /// use ws_close_codes::ReferenceKind;
    /// let kind = ReferenceKind::Text;
    /// assert_eq!(kind, ReferenceKind::Text);
    /// ```
    Text,
}

/// A reference of a registered code: its kind, a label and, where one can
/// be made, a link.
///
/// ```
/// use ws_close_codes::{CloseCode, ReferenceKind};
///
/// for reference in CloseCode::InternalError.references() {
///     // An RFC is labelled "RFC N" and links to the RFC Editor's page.
///     if reference.kind() == ReferenceKind::Rfc {
///         let number = reference.label().strip_prefix("RFC ").unwrap();
///         let url = format!("https://www.rfc-editor.org/rfc/rfc{number}");
///         assert_eq!(reference.url(), Some(url.as_str()));
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    kind: ReferenceKind,
    label: &'static str,
    url: Option<&'static str>,
}

impl Reference {
    pub(crate) const fn new(
        kind: ReferenceKind,
        label: &'static str,
        url: Option<&'static str>,
    ) -> Self {
        Reference { kind, label, url }
    }

    /// What the reference points at.
    ///
    /// ```
    /// # use ws_close_codes::{CloseCode, ReferenceKind};
    /// let cites_an_rfc = CloseCode::InternalError
    ///     .references()
    ///     .iter()
    ///     .any(|reference| reference.kind() == ReferenceKind::Rfc);
    /// println!("1011 cites an RFC: {cites_an_rfc}");
    /// ```
    pub const fn kind(self) -> ReferenceKind {
        self.kind
    }

    /// A short label: `RFC 6455`, `RFC Errata 3227`, an address.
    ///
    /// ```
    /// # use ws_close_codes::{CloseCode, ReferenceKind};
    /// for reference in CloseCode::InternalError.references() {
    ///     if reference.kind() == ReferenceKind::RfcErrata {
    ///         assert!(reference.label().starts_with("RFC Errata "));
    ///     }
    /// }
    /// ```
    pub const fn label(self) -> &'static str {
        self.label
    }

    /// A link, when the reference has one: the RFC Editor's page for an RFC
    /// or an erratum, the address itself for a web address.
    ///
    /// ```
    /// # use ws_close_codes::{CloseCode, ReferenceKind};
    /// for reference in CloseCode::InternalError.references() {
    ///     if let Some(number) = reference.label().strip_prefix("RFC Errata ") {
    ///         let url = format!("https://www.rfc-editor.org/errata/eid{number}");
    ///         assert_eq!(reference.url(), Some(url.as_str()));
    ///     }
    /// }
    /// ```
    pub const fn url(self) -> Option<&'static str> {
        self.url
    }
}
