//! Reading a close code from text, for [`CloseCode`](crate::CloseCode) and
//! for every enum made like it: one implementation over the tables of the
//! enum's named codes.

use core::fmt;

use crate::__private::Codes;

/// Whether `a` and `b` are equal, ignoring ASCII case; `const`.
pub(crate) const fn eq_ignore_ascii_case(a: &[u8], b: &[u8]) -> bool {
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

impl Codes<'_> {
    /// The index of `value` among the codes (ascending by value), if any.
    const fn index_of(&self, value: u16) -> Option<usize> {
        let (mut low, mut high) = (0, self.values.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.values[middle] == value {
                return Some(middle);
            }
            if self.values[middle] < value {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        None
    }

    /// The value of the named code whose identifier or name `text` is,
    /// ignoring ASCII case.
    const fn by_name(&self, text: &[u8]) -> Option<u16> {
        let mut i = 0;
        while i < self.values.len() {
            if eq_ignore_ascii_case(text, self.idents[i].as_bytes())
                || eq_ignore_ascii_case(text, self.names[i].as_bytes())
            {
                return Some(self.values[i]);
            }
            i += 1;
        }
        None
    }

    /// The value `text` names among the codes, in the forms that
    /// [`CloseCode::parse`](crate::CloseCode::parse) lists.
    pub const fn parse(&self, text: &str) -> Result<u16, ParseCloseCodeError> {
        let bytes = text.as_bytes();
        if bytes.is_empty() {
            return Err(ParseCloseCodeError::Empty);
        }
        // A number, alone or followed by its code's name, means that code
        // whatever the names say: a name may itself be "1000", or the
        // `Display` text of another code ("1000 Normal Closure").
        let number = self.parse_number(bytes);
        if number.is_ok() {
            return number;
        }
        match self.by_name(bytes) {
            Some(value) => Ok(value),
            None => number,
        }
    }

    const fn parse_number(&self, bytes: &[u8]) -> Result<u16, ParseCloseCodeError> {
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
        let value = value as u16;
        if end == bytes.len() {
            return Ok(value);
        }
        // Then, optionally, one space and the code's name.
        if bytes[end] != b' ' {
            return Err(ParseCloseCodeError::Unknown);
        }
        let name = match self.index_of(value) {
            Some(index) => Some(self.names[index]),
            None => None,
        };
        let rest = bytes.split_at(end + 1).1;
        match name {
            Some(name) if eq_ignore_ascii_case(rest, name.as_bytes()) => Ok(value),
            _ => Err(ParseCloseCodeError::NameMismatch { value, name }),
        }
    }
}

/// Why a text is not a close code: what
/// [`CloseCode::parse`](crate::CloseCode::parse) and `FromStr` return.
///
/// ```
/// use ws_close_codes::{CloseCode, ParseCloseCodeError};
///
/// assert_eq!("".parse::<CloseCode>(), Err(ParseCloseCodeError::Empty));
/// assert_eq!("70000".parse::<CloseCode>(), Err(ParseCloseCodeError::OutOfRange));
/// assert_eq!("Goodbye".parse::<CloseCode>(), Err(ParseCloseCodeError::Unknown));
/// let error = "4000 Private".parse::<CloseCode>().unwrap_err();
/// assert_eq!(error, ParseCloseCodeError::NameMismatch { value: 4000, name: None });
/// assert_eq!(error.to_string(), "close code 4000 has no name");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCloseCodeError {
    /// The text is empty.
    Empty,
    /// The number is greater than 65535.
    OutOfRange,
    /// The text is neither a number nor a name or identifier of a named
    /// code.
    Unknown,
    /// A number followed by text that is not that code's name.
    NameMismatch {
        /// The number.
        value: u16,
        /// That code's name, when it has one.
        name: Option<&'static str>,
    },
}

impl fmt::Display for ParseCloseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ParseCloseCodeError::Empty => f.write_str("empty text is not a close code"),
            ParseCloseCodeError::OutOfRange => {
                f.write_str("close code number is greater than 65535")
            }
            ParseCloseCodeError::Unknown => f.write_str(
                "not a close code: expected a number from 0 to 65535, \
                 a named code's name such as \"Normal Closure\", \
                 or its identifier such as \"NormalClosure\"",
            ),
            ParseCloseCodeError::NameMismatch {
                value,
                name: Some(name),
            } => write!(f, "the name after {value} is not its name, {name:?}"),
            ParseCloseCodeError::NameMismatch { value, name: None } => {
                write!(f, "close code {value} has no name")
            }
        }
    }
}

impl core::error::Error for ParseCloseCodeError {}
