//! The error of [`Builder`](crate::Builder): every problem it found, each
//! with what is wrong, in which file and where.

use std::fmt;

use ws_close_codes_registry::Position;

/// One thing wrong with the specs, the enum name or the output file.
///
/// Its `Display` form is the one compilers use, so that editors and
/// terminals can jump to the place: `file:line:column: message` when the
/// problem has a place in a spec, `file: message` when it concerns a whole
/// file, and the message alone otherwise. The message says what is wrong
/// and what to change.
///
/// ```
/// use ws_close_codes_codegen::Builder;
///
/// let error = Builder::new()
///     .spec_str("close-codes.toml", "[[code]]\nvalue = 4401\n")
///     .generate()
///     .unwrap_err();
/// let problem = &error.problems()[0];
/// assert_eq!(problem.file(), Some("close-codes.toml"));
/// assert_eq!(problem.position().map(|p| (p.line, p.column)), Some((1, 1)));
/// assert!(problem.message().starts_with("[[code]] with value 4401 has no name"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Problem {
    file: Option<String>,
    position: Option<Position>,
    message: String,
}

impl Problem {
    /// The spec file (as it was given to the builder) or output file the
    /// problem is about, if it is about one.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new().spec_file("no/such/close-codes.toml").generate().unwrap_err();
    /// assert_eq!(error.problems()[0].file(), Some("no/such/close-codes.toml"));
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// Where in the spec, when the problem has a place: 1-based line and
    /// column (in characters).
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new()
    ///     .spec_str("s.toml", "[[code]]\nvalue = 4401\nname = 7\n")
    ///     .generate()
    ///     .unwrap_err();
    /// assert_eq!(error.problems()[0].position().map(|p| (p.line, p.column)), Some((3, 8)));
    /// ```
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// What is wrong and what to change, without the place.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new().enum_name("lowercase").generate().unwrap_err();
    /// assert!(error.problems()[0].message().starts_with("the enum name \"lowercase\""));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
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

/// The same as `Display`, so that `unwrap()` and `?` in a build script
/// print the readable message.
impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why [`Builder::generate`](crate::Builder::generate) or
/// [`Builder::write_to`](crate::Builder::write_to) failed: every
/// [`Problem`] found in one run (all the specs are checked, so one build
/// shows everything to fix), in the order of the specs and of their text.
///
/// `Display` writes one problem a line, in the form compilers use
/// (`file:line:column: message`). `Debug` writes the same, so that
/// `unwrap()` and `?` in a build script print it readably.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::Builder;
///
/// let spec = "[[code]]\nvalue = 4401\n\n[[code]]\nvalue = 5000\nname = \"Far\"\n";
/// let error = Builder::new()
///     .spec_str("close-codes.toml", spec)
///     .generate()
///     .unwrap_err();
/// assert_eq!(error.problems().len(), 2);
/// let text = error.to_string();
/// let lines: Vec<&str> = text.lines().collect();
/// assert!(lines[0].starts_with("close-codes.toml:1:1: [[code]] with value 4401 has no name"));
/// assert!(lines[1].starts_with("close-codes.toml:5:9: value 5000 is outside 4000-4999"));
/// assert_eq!(format!("{error:?}"), text);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    /// At least one.
    problems: Vec<Problem>,
}

impl Error {
    /// A problem at a place in a spec.
    pub(crate) fn at(file: &str, position: Position, message: impl Into<String>) -> Self {
        Error::one(Problem {
            file: Some(file.to_owned()),
            position: Some(position),
            message: message.into(),
        })
    }

    /// A problem about a whole file.
    pub(crate) fn in_file(file: &str, message: impl Into<String>) -> Self {
        Error::one(Problem {
            file: Some(file.to_owned()),
            position: None,
            message: message.into(),
        })
    }

    /// A problem that concerns no file.
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Error::one(Problem {
            file: None,
            position: None,
            message: message.into(),
        })
    }

    fn one(problem: Problem) -> Self {
        Error {
            problems: vec![problem],
        }
    }

    /// The problems of `errors`, in order, as one error; `None` when there
    /// are none.
    pub(crate) fn all(errors: impl IntoIterator<Item = Error>) -> Option<Error> {
        let problems: Vec<Problem> = errors.into_iter().flat_map(|e| e.problems).collect();
        (!problems.is_empty()).then_some(Error { problems })
    }

    /// Every problem found, in the order of the specs and of their text.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new()
    ///     .spec_str("a.toml", "[[code]]\nvalue = 4401\nname = \"\"\n")
    ///     .spec_str("b.toml", "[[code]]\nname = \"B\"\n")
    ///     .generate()
    ///     .unwrap_err();
    /// let files: Vec<Option<&str>> = error.problems().iter().map(|p| p.file()).collect();
    /// assert_eq!(files, [Some("a.toml"), Some("b.toml")]);
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The file of the first problem (see [`Problem::file`]).
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new().spec_file("no/such/close-codes.toml").generate().unwrap_err();
    /// assert_eq!(error.file(), Some("no/such/close-codes.toml"));
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.problems[0].file()
    }

    /// The place of the first problem (see [`Problem::position`]).
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new()
    ///     .spec_str("s.toml", "[[code]]\nvalue = 4401\nname = 7\n")
    ///     .generate()
    ///     .unwrap_err();
    /// assert_eq!(error.position().map(|p| (p.line, p.column)), Some((3, 8)));
    /// ```
    pub fn position(&self) -> Option<Position> {
        self.problems[0].position()
    }

    /// The message of the first problem (see [`Problem::message`]).
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let error = Builder::new().enum_name("lowercase").generate().unwrap_err();
    /// assert!(error.message().starts_with("the enum name \"lowercase\""));
    /// ```
    pub fn message(&self) -> &str {
        self.problems[0].message()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(problem, f)?;
        }
        Ok(())
    }
}

/// The same as `Display`, so that `unwrap()` and `?` in a build script
/// print every problem readably, not a structure.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_debug_list_every_problem() {
        let error = Error::all([
            Error::at("a.toml", Position { line: 2, column: 3 }, "first"),
            Error::in_file("b.toml", "second"),
            Error::other("third"),
        ])
        .unwrap();
        let expected = "a.toml:2:3: first\nb.toml: second\nthird";
        assert_eq!(error.to_string(), expected);
        assert_eq!(format!("{error:?}"), expected);
        assert_eq!(error.file(), Some("a.toml"));
        assert!(Error::all([]).is_none());
    }
}
