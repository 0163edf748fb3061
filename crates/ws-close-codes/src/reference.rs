//! References of registered codes.

/// What a [`Reference`] points at, as the registry types it.
///
/// ```
/// use ws_close_codes::{CloseCode, ReferenceKind};
///
/// let kinds: Vec<ReferenceKind> = CloseCode::InternalError
///     .references()
///     .iter()
///     .map(|reference| reference.kind())
///     .collect();
/// assert_eq!(kinds, [ReferenceKind::Rfc, ReferenceKind::RfcErrata]);
/// assert_eq!(CloseCode::ServiceRestart.references()[0].kind(), ReferenceKind::Uri);
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
/// let reference = CloseCode::NormalClosure.references()[0];
/// assert_eq!(reference.kind(), ReferenceKind::Rfc);
/// assert_eq!(reference.label(), "RFC 6455");
/// assert_eq!(reference.url(), Some("https://www.rfc-editor.org/rfc/rfc6455"));
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
    /// assert_eq!(CloseCode::InternalError.references()[1].kind(), ReferenceKind::RfcErrata);
    /// ```
    pub const fn kind(self) -> ReferenceKind {
        self.kind
    }

    /// A short label: `RFC 6455`, `RFC Errata 3227`, an address.
    ///
    /// ```
    /// # use ws_close_codes::CloseCode;
    /// assert_eq!(CloseCode::InternalError.references()[1].label(), "RFC Errata 3227");
    /// ```
    pub const fn label(self) -> &'static str {
        self.label
    }

    /// A link, when the reference has one.
    ///
    /// ```
    /// # use ws_close_codes::CloseCode;
    /// assert_eq!(
    ///     CloseCode::InternalError.references()[1].url(),
    ///     Some("https://www.rfc-editor.org/errata/eid3227"),
    /// );
    /// ```
    pub const fn url(self) -> Option<&'static str> {
        self.url
    }
}
