//! Reading a [`CloseCode`] from text.

use core::fmt;
use core::str::FromStr;

use crate::CloseCode;

/// Whether `a` and `b` are equal, ignoring ASCII case; `const`.
const fn eq_ignore_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `text` is `name`, ignoring ASCII case.
const fn matches_name(text: &[u8], name: Option<&str>) -> bool {
    match name {
        Some(name) => eq_ignore_ascii_case(text, name.as_bytes()),
        None => false,
    }
}

/// The registered code whose identifier or name `text` is, ignoring ASCII
/// case.
const fn by_name(text: &[u8]) -> Option<CloseCode> {
    let mut i = 0;
    while i < CloseCode::REGISTERED.len() {
        let code = CloseCode::REGISTERED[i];
        if matches_name(text, code.ident()) || matches_name(text, code.name()) {
            return Some(code);
        }
        i += 1;
    }
    None
}

impl CloseCode {
    /// Reads a close code, in any of these forms:
    ///
    /// - the number in decimal: `1000`, `4404`; any value from 0 to 65535;
    /// - the number, one space and the code's name, as
    ///   [`Display`](core::fmt::Display) writes a registered code:
    ///   `1000 Normal Closure`; the name must be that code's;
    /// - a registered code's identifier: `NormalClosure`;
    /// - a registered code's name: `Normal Closure`.
    ///
    /// Names and identifiers are compared ignoring ASCII case. Nothing else
    /// is accepted: no signs, no surrounding spaces. [`FromStr`] does the
    /// same, and every code's [`Display`](core::fmt::Display) text reads back
    /// as that code.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, ParseCloseCodeError};
    ///
    /// assert_eq!(CloseCode::parse("1001"), Ok(CloseCode::GoingAway));
    /// assert_eq!(CloseCode::parse("going away"), Ok(CloseCode::GoingAway));
    /// assert_eq!(CloseCode::parse("GOINGAWAY"), Ok(CloseCode::GoingAway));
    /// assert_eq!(CloseCode::parse("1001 Going Away"), Ok(CloseCode::GoingAway));
    /// assert_eq!(CloseCode::parse("4404").map(CloseCode::as_u16), Ok(4404));
    ///
    /// assert_eq!(CloseCode::parse("70000"), Err(ParseCloseCodeError::OutOfRange));
    /// assert_eq!(
    ///     CloseCode::parse("1001 Normal Closure"),
    ///     Err(ParseCloseCodeError::NameMismatch { code: CloseCode::GoingAway }),
    /// );
    /// assert_eq!(CloseCode::parse("Goodbye"), Err(ParseCloseCodeError::Unknown));
    /// ```
    pub const fn parse(text: &str) -> Result<CloseCode, ParseCloseCodeError> {
        let bytes = text.as_bytes();
        if bytes.is_empty() {
            return Err(ParseCloseCodeError::Empty);
        }
        // A number, alone or followed by its code's name, means that code
        // whatever the registry names: a name may itself be "1000", or the
        // `Display` text of another code ("1000 Normal Closure").
        let number = parse_number(bytes);
        if number.is_ok() {
            return number;
        }
        match by_name(bytes) {
            Some(code) => Ok(code),
            None => number,
        }
    }
}

/// The number forms of [`CloseCode::parse`]: `1000` or `1000 Normal Closure`.
const fn parse_number(bytes: &[u8]) -> Result<CloseCode, ParseCloseCodeError> {
    // The number: at least one digit.
    let mut end = 0;
    let mut value: u32 = 0;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        value = value * 10 + (bytes[end] - b'0') as u32;
        if value > u16::MAX as u32 {
            return Err(ParseCloseCodeError::OutOfRange);
        }
        end += 1;
    }
    if end == 0 {
        return Err(ParseCloseCodeError::Unknown);
    }
    let code = CloseCode::from_u16(value as u16);
    if end == bytes.len() {
        return Ok(code);
    }
    // Then, optionally, one space and the code's name.
    if bytes[end] != b' ' {
        return Err(ParseCloseCodeError::Unknown);
    }
    if matches_name(bytes.split_at(end + 1).1, code.name()) {
        Ok(code)
    } else {
        Err(ParseCloseCodeError::NameMismatch { code })
    }
}

/// Same as [`CloseCode::parse`].
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// let code: CloseCode = "Policy Violation".parse()?;
/// assert_eq!(code.as_u16(), 1008);
/// for value in [0, 1000, 1014, 3008, 4000, 65535] {
///     let code = CloseCode::from(value);
///     assert_eq!(code.to_string().parse(), Ok(code));
/// }
/// # Ok::<(), ws_close_codes::ParseCloseCodeError>(())
/// ```
impl FromStr for CloseCode {
    type Err = ParseCloseCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CloseCode::parse(text)
    }
}

/// Why text is not a close code ([`CloseCode::parse`]).
///
/// ```
/// use ws_close_codes::{CloseCode, ParseCloseCodeError};
///
/// let error = "".parse::<CloseCode>().unwrap_err();
/// assert_eq!(error, ParseCloseCodeError::Empty);
/// assert_eq!(error.to_string(), "empty text is not a close code");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCloseCodeError {
    /// The text is empty.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, ParseCloseCodeError};
    /// assert_eq!(CloseCode::parse(""), Err(ParseCloseCodeError::Empty));
    /// ```
    Empty,
    /// The text starts with a number greater than 65535.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, ParseCloseCodeError};
    /// assert_eq!(CloseCode::parse("65536"), Err(ParseCloseCodeError::OutOfRange));
    /// ```
    OutOfRange,
    /// The text is neither a number nor a registered code's name or
    /// identifier.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, ParseCloseCodeError};
    /// assert_eq!(CloseCode::parse("Normal"), Err(ParseCloseCodeError::Unknown));
    /// assert_eq!(CloseCode::parse(" 1000"), Err(ParseCloseCodeError::Unknown));
    /// ```
    Unknown,
    /// The text is a number and a name, but the name is not the number's:
    /// `1001 Normal Closure`, or any name after an unregistered number.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, ParseCloseCodeError};
    /// assert_eq!(
    ///     CloseCode::parse("4000 Logged Out"),
    ///     Err(ParseCloseCodeError::NameMismatch { code: CloseCode::from(4000) }),
    /// );
    /// ```
    NameMismatch {
        /// The code of the number.
        code: CloseCode,
    },
}

/// A sentence that says what was expected.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(
///     "1000 Going Away".parse::<CloseCode>().unwrap_err().to_string(),
///     "the name after 1000 is not its name, \"Normal Closure\"",
/// );
/// ```
impl fmt::Display for ParseCloseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ParseCloseCodeError::Empty => f.write_str("empty text is not a close code"),
            ParseCloseCodeError::OutOfRange => {
                f.write_str("close code number is greater than 65535")
            }
            ParseCloseCodeError::Unknown => f.write_str(
                "not a close code: expected a number from 0 to 65535, \
                 a registered code's name such as \"Normal Closure\", \
                 or its identifier such as \"NormalClosure\"",
            ),
            ParseCloseCodeError::NameMismatch { code } => match code.name() {
                Some(name) => write!(
                    f,
                    "the name after {} is not its name, {name:?}",
                    code.as_u16()
                ),
                None => write!(
                    f,
                    "close code {} is not registered and has no name",
                    code.as_u16()
                ),
            },
        }
    }
}

impl core::error::Error for ParseCloseCodeError {}
