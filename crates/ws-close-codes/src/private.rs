//! What the expansion of `close_codes!` needs from this crate and nobody
//! else does: reading a code from text over an enum's tables, the empty
//! entries of an application's codes, and the checks that fail the build
//! of a bad application enum.
//!
//! The items are public because `close_codes!` expands in the
//! application's crate. They are not part of the API and change whenever
//! the macro does.

use crate::parse::eq_ignore_ascii_case;
use crate::{CodeRange, Reference, ReferenceKind};

/// The tables of an enum that reading a code from text looks at, in the
/// order of the enum's named codes (ascending by value).
#[derive(Clone, Copy, Debug)]
pub struct Codes<'a> {
    /// Each code's value.
    pub values: &'a [u16],
    /// Each code's identifier.
    pub idents: &'a [&'static str],
    /// Each code's short name.
    pub names: &'a [&'static str],
}

/// A reference of one of IANA's codes.
pub const fn reference(
    kind: ReferenceKind,
    label: &'static str,
    url: Option<&'static str>,
) -> Reference {
    Reference::new(kind, label, url)
}

/// `None`, in an application code's entry of a table of IANA's facts.
pub const fn none<T>(_value: u16) -> Option<T> {
    None
}

/// No references, in an application code's entry.
pub const fn no_references(_value: u16) -> &'static [Reference] {
    &[]
}

/// Whether `value` lies in the private-use range, the only one an
/// application's own codes may use.
pub const fn is_private_use(value: u16) -> bool {
    matches!(CodeRange::of(value), CodeRange::PrivateUse)
}

/// Whether another code than the one at `index` has its value.
pub const fn value_taken(values: &[u16], index: usize) -> bool {
    let mut i = 0;
    while i < values.len() {
        if i != index && values[i] == values[index] {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the code at `index` comes after a code with a greater value.
pub const fn out_of_order(values: &[u16], index: usize) -> bool {
    let mut i = 0;
    while i < index {
        if values[i] > values[index] {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `text` is, ignoring ASCII case, the name or the identifier of
/// another code than the one at `index`.
pub const fn text_taken(names: &[&str], idents: &[&str], index: usize, text: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if i != index
            && (eq_ignore_ascii_case(names[i].as_bytes(), text.as_bytes())
                || eq_ignore_ascii_case(idents[i].as_bytes(), text.as_bytes()))
        {
            return true;
        }
        i += 1;
    }
    false
}

/// Writes `value` in decimal, in one write (no format string).
///
/// # Errors
///
/// When the formatter does.
pub fn write_decimal(f: &mut core::fmt::Formatter<'_>, mut value: u16) -> core::fmt::Result {
    let mut buffer = [0u8; 5];
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    f.write_str(core::str::from_utf8(&buffer[start..]).unwrap_or_default())
}
