//! [`CloseCode`]: IANA's codes (the rows of `generated.rs`) as an enum.

crate::__iana_codes! {
    mode: registry,
    /// A WebSocket close code: the status code of a Close frame (RFC 6455,
    /// section 7.4).
    ///
    /// There is one variant for every code that the IANA WebSocket Close
    /// Code Number Registry registers as a single code; the variants, their
    /// names and their documentation are generated from that registry.
    /// Every other value is held by the catch-all variant
    /// [`CloseCode::Other`].
    ///
    /// The enum is `#[non_exhaustive]` because IANA keeps registering new
    /// codes. A value that is `Other` today gets a variant of its own in the
    /// release that follows its registration, so match on the variants you
    /// handle and keep a wildcard arm, or compare numbers: a `CloseCode`
    /// equals its `u16`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    ///
    /// assert_eq!(CloseCode::from_u16(1000), CloseCode::NormalClosure);
    /// assert_eq!(CloseCode::NormalClosure, 1000);
    ///
    /// let private = CloseCode::from_u16(4000);
    /// assert!(matches!(private, CloseCode::Other(_)));
    /// assert_eq!(private.as_u16(), 4000);
    /// ```
    pub enum CloseCode {}
}
