//! Reading a close code from text, for [`CloseCode`](crate::CloseCode) and
//! for every enum generated like it: one implementation over the records
//! of the enum's named codes.

use core::fmt;

use crate::__private::Record;

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

/// The record of `value` in `records` (ascending by value), if any.
const fn record_of(value: u16, records: &[Record]) -> Option<&Record> {
    let (mut low, mut high) = (0, records.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let record = &records[middle];
        if record.value == value {
            return Some(record);
        }
        if record.value < value {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    None
}

/// The value of the named code whose identifier or name `text` is,
/// ignoring ASCII case.
const fn by_name(text: &[u8], records: &[Record]) -> Option<u16> {
    let mut i = 0;
    while i < records.len() {
        let record = &records[i];
        if matches_name(text, record.ident) || matches_name(text, record.name) {
            return Some(record.value);
        }
        i += 1;
    }
    None
}

/// The value `text` names among `records`, in the forms that
/// [`CloseCode::parse`](crate::CloseCode::parse) lists.
pub(crate) const fn parse(bytes: &[u8], records: &[Record]) -> Result<u16, ParseCloseCodeError> {
    if bytes.is_empty() {
        return Err(ParseCloseCodeError::Empty);
    }
    // A number, alone or followed by its code's name, means that code
    // whatever the names say: a name may itself be "1000", or the
    // `Display` text of another code ("1000 Normal Closure").
    let number = parse_number(bytes, records);
    if number.is_ok() {
        return number;
    }
    match by_name(bytes, records) {
        Some(value) => Ok(value),
        None => number,
    }
}

const fn parse_number(bytes: &[u8], records: &[Record]) -> Result<u16, ParseCloseCodeError> {
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
    let name = match record_of(value, records) {
        Some(record) => record.name,
        None => None,
    };
    if matches_name(bytes.split_at(end + 1).1, name) {
        Ok(value)
    } else {
        Err(ParseCloseCodeError::NameMismatch { value, name })
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
