//! What the expansions of `close_codes!` and `close_frame!` need from this
//! crate and nobody else does: reading a code from text over an enum's
//! tables, the empty entries of an application's codes, the checks that
//! fail the build of a bad application enum, and the message that fails
//! the build of a bad `const` Close frame.
//!
//! The items are public because the macros expand in the application's
//! crate. They are not part of the API and change whenever the macros do.

use crate::parse::eq_ignore_ascii_case;
use crate::rules::{holds, MAX_BODY_LEN, MAX_REASON_LEN, REPORT_ONLY};
use crate::{CloseCode, CloseFrameError, CodeRange, Reference, ReferenceKind};

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
pub fn write_decimal(f: &mut core::fmt::Formatter<'_>, value: u16) -> core::fmt::Result {
    let (digits, start) = decimal(value as usize);
    // Only ASCII digits were written.
    f.write_str(core::str::from_utf8(&digits[start..]).unwrap_or_default())
}

/// The decimal digits of `value`, at the end of the buffer: the buffer and
/// where they start (a `usize` of 64 bits has at most 20 digits).
const fn decimal(mut value: usize) -> ([u8; 20], usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    (digits, start)
}

/// Text built at compile time, for a `const` `panic!`, which takes a
/// literal or `"{}"` with a `&str` and no numbers. Written by value
/// (`const fn`s cannot take `&mut` before Rust 1.83); what does not fit is
/// left out.
#[derive(Clone, Copy, Debug)]
pub struct ConstText {
    bytes: [u8; ConstText::CAPACITY],
    len: usize,
}

impl ConstText {
    /// The most bytes a text holds: room for every message of
    /// [`close_frame_refused`] (a test checks each).
    pub const CAPACITY: usize = 192;

    /// The empty text.
    pub const EMPTY: ConstText = ConstText {
        bytes: [0; ConstText::CAPACITY],
        len: 0,
    };

    /// The text with `text` appended, as much of it as fits.
    pub const fn str(mut self, text: &str) -> ConstText {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < ConstText::CAPACITY {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// The text with `value` appended in decimal.
    pub const fn number(self, value: usize) -> ConstText {
        let (digits, start) = decimal(value);
        match core::str::from_utf8(digits.split_at(start).1) {
            Ok(digits) => self.str(digits),
            Err(_) => self,
        }
    }

    /// The text; when the capacity cut a character in two, the text
    /// before it.
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(error) => match core::str::from_utf8(text.split_at(error.valid_up_to()).0) {
                Ok(text) => text,
                Err(_) => "",
            },
        }
    }
}

/// Why `close_frame!` refuses a frame, naming the rule and the numbers, for
/// the `panic!` that fails the build: `close code 1006 may not be sent in a
/// Close frame: ...`, `the reason is 160 bytes; ...`. Registry text is never
/// part of it; numbers and the limits of the ranges are.
pub const fn close_frame_refused(error: CloseFrameError) -> ConstText {
    let text = ConstText::EMPTY;
    match error {
        CloseFrameError::InvalidCode { code } => unsendable(text, code),
        CloseFrameError::ReasonTooLong { len } => text
            .str("the reason is ")
            .number(len)
            .str(" bytes; a Close frame has room for at most ")
            .number(MAX_REASON_LEN)
            .str(" (RFC 6455 section 5.5)"),
        // `CloseFrame::new` refuses only the two above; these mirror
        // `Display`.
        CloseFrameError::OneByteBody => {
            text.str("Close frame body of 1 byte: a body is empty or starts with a 2-byte code")
        }
        CloseFrameError::BodyTooLong { len } => text
            .str("Close frame body of ")
            .number(len)
            .str(" bytes is longer than the ")
            .number(MAX_BODY_LEN)
            .str(" bytes a control frame may carry"),
        CloseFrameError::InvalidUtf8 { valid_up_to } => text
            .str("close reason is not valid UTF-8 (invalid from byte ")
            .number(valid_up_to)
            .str(" of the reason)"),
    }
}

/// `close code N may not be sent in a Close frame: ` and the rule that
/// forbids it, by where the code lies.
const fn unsendable(text: ConstText, code: CloseCode) -> ConstText {
    let value = code.as_u16();
    let text = text
        .str("close code ")
        .number(value as usize)
        .str(" may not be sent in a Close frame: ");
    if code.is_reserved() {
        return if holds(&REPORT_ONLY, value) {
            text.str("RFC 6455 reserves it for reporting how a connection ended (section 7.4.1)")
        } else {
            text.str("RFC 6455 reserves it (section 7.4.1)")
        };
    }
    let range = code.range();
    let why = match range {
        CodeRange::NotUsed => " are not used (RFC 6455 section 7.4.2)",
        CodeRange::Protocol => {
            " may be sent only once IANA registers them, and this one is not registered (RFC 6455 section 7.4.2)"
        }
        CodeRange::Undefined => " are outside the codes RFC 6455 defines (section 7.4.2)",
        // Every code of these ranges may be sent: never refused.
        CodeRange::Application | CodeRange::PrivateUse => return text.str("not a valid code"),
    };
    let values = range.values();
    text.number(*values.start() as usize)
        .str("-")
        .number(*values.end() as usize)
        .str(why)
}

#[cfg(test)]
mod tests {
    use std::format;
    use std::string::ToString;

    use super::{close_frame_refused, ConstText};
    use crate::rules::MAX_REASON_LEN;
    use crate::{CloseCode, CloseFrameError, CodeRange};

    #[test]
    fn numbers_are_written_in_decimal() {
        for value in [0, 1, 9, 10, 123, 160, 65_535, usize::MAX] {
            let text = ConstText::EMPTY.str("n=").number(value);
            assert_eq!(text.as_str(), format!("n={value}"));
        }
    }

    #[test]
    fn what_does_not_fit_is_left_out_whole_characters_only() {
        let full = "a".repeat(ConstText::CAPACITY - 1);
        let text = ConstText::EMPTY.str(&full).str("é");
        assert_eq!(text.as_str(), full, "the cut half of é is dropped");
        let text = ConstText::EMPTY.str(&full).str("bc");
        assert_eq!(text.as_str().len(), ConstText::CAPACITY);
        assert!(text.as_str().ends_with("ab"));
    }

    /// Every code `CloseFrame::new` refuses gets a message that names its
    /// number and fits whole.
    #[test]
    fn every_unsendable_code_is_named_with_its_rule() {
        for value in 0..=u16::MAX {
            let code = CloseCode::from_u16(value);
            if code.is_sendable() {
                continue;
            }
            let text = close_frame_refused(CloseFrameError::InvalidCode { code });
            let text = text.as_str();
            let start = format!("close code {value} may not be sent in a Close frame: ");
            assert!(text.starts_with(&start), "{text}");
            assert!(text.len() < ConstText::CAPACITY, "{text}");
            let range = code.range().values();
            let limits = format!("{}-{}", range.start(), range.end());
            if code.is_reserved() {
                assert!(text.contains("RFC 6455 reserves it"), "{text}");
            } else {
                assert!(text.contains(&limits), "{text}");
                assert_ne!(code.range(), CodeRange::Application);
                assert_ne!(code.range(), CodeRange::PrivateUse);
            }
        }
    }

    #[test]
    fn a_long_reason_is_named_with_its_length_and_the_limit() {
        let text = close_frame_refused(CloseFrameError::ReasonTooLong { len: 160 });
        assert_eq!(
            text.as_str(),
            format!(
                "the reason is 160 bytes; a Close frame has room for at most {MAX_REASON_LEN} (RFC 6455 section 5.5)"
            ),
        );
        let text = close_frame_refused(CloseFrameError::ReasonTooLong { len: usize::MAX });
        assert!(text.as_str().ends_with("(RFC 6455 section 5.5)"));
    }

    /// The errors `CloseFrame::new` never gives read as `Display` writes them.
    #[test]
    fn other_errors_read_as_display() {
        for error in [
            CloseFrameError::OneByteBody,
            CloseFrameError::BodyTooLong { len: usize::MAX },
            CloseFrameError::InvalidUtf8 { valid_up_to: 7 },
        ] {
            assert_eq!(close_frame_refused(error).as_str(), error.to_string());
        }
    }
}
