//! The error of [`Builder`](crate::Builder): what is wrong, in which file
//! and where.

use std::fmt;

use ws_close_codes_registry::Position;

/// Why [`Builder::generate`](crate::Builder::generate) or
/// [`Builder::write_to`](crate::Builder::write_to) failed: a spec file that
/// cannot be read or is invalid, an unusable enum name, or a file that
/// cannot be written.
///
/// Its `Display` form is the one compilers use, so that editors and
/// terminals can jump to the place: `file:line:column: message` when the
/// problem has a place in a spec, `file: message` when it concerns a whole
/// file, and the message alone otherwise. The message says what is wrong
/// and what to change.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::Builder;
///
/// let spec = "[[code]]\nvalue = 4401\n";
/// let error = Builder::new()
///     .spec_str("close-codes.toml", spec)
///     .generate()
///     .unwrap_err();
/// assert_eq!(error.file(), Some("close-codes.toml"));
/// assert_eq!(error.position().map(|p| (p.line, p.column)), Some((1, 1)));
/// assert!(error.message().starts_with("[[code]] with value 4401 has no name"));
/// assert!(error.to_string().starts_with("close-codes.toml:1:1: [[code]] with value 4401"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    file: Option<String>,
    position: Option<Position>,
    message: String,
}

impl Error {
    /// An error at a place in a spec.
    pub(crate) fn at(file: &str, position: Position, message: impl Into<String>) -> Self {
        Error {
            file: Some(file.to_owned()),
            position: Some(position),
            message: message.into(),
        }
    }

    /// An error about a whole file.
    pub(crate) fn in_file(file: &str, message: impl Into<String>) -> Self {
        Error {
            file: Some(file.to_owned()),
            position: None,
            message: message.into(),
        }
    }

    /// An error that concerns no file.
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Error {
            file: None,
            position: None,
            message: message.into(),
        }
    }

    /// The spec file (as it was given to the builder) or output file the
    /// error is about, if it is about one.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new().spec_file("no/such/close-codes.toml").generate().unwrap_err();
    /// assert_eq!(error.file(), Some("no/such/close-codes.toml"));
    ///
    /// let error = Builder::new().enum_name("lowercase").generate().unwrap_err();
    /// assert_eq!(error.file(), None);
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The line and column (1-based, the column counted in characters) in
    /// [`Error::file`] where the problem is, when it has a place.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 5000\nname = \"Too high\"\n";
    /// let error = Builder::new().spec_str("close-codes.toml", spec).generate().unwrap_err();
    /// let position = error.position().unwrap();
    /// assert_eq!((position.line, position.column), (2, 9));
    /// ```
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// What is wrong and what to change, without the file and place.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 4401\nname = \"Unauthorized\"\ncolour = \"red\"\n";
    /// let error = Builder::new().spec_str("close-codes.toml", spec).generate().unwrap_err();
    /// assert_eq!(
    ///     error.message(),
    ///     "unknown key \"colour\" in [[code]]; the keys are value, name, description and ident",
    /// );
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some(position)) => {
                write!(f, "{file}:{}:{}: ", position.line, position.column)?;
            }
            (Some(file), None) => write!(f, "{file}: ")?,
            (None, _) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
