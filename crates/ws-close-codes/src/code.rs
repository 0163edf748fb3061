//! The catch-all payload of [`CloseCode`].

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};

#[cfg(doc)]
use crate::CloseCode;
use crate::CodeRange;

/// A close code that the registry does not register as a single code:
/// unassigned values, private-use codes (4000-4999), and values outside the
/// defined space (0-999, 5000 and up).
///
/// Only this crate can make one, and only for such values, so a registered
/// code is always its own [`CloseCode`] variant.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// match CloseCode::from(4001) {
///     CloseCode::Other(other) => assert_eq!(other.as_u16(), 4001),
///     _ => unreachable!("4001 is private use"),
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct OtherCode(Unregistered);

/// An unregistered value, tagged with the [`CodeRange`] it lies in: one
/// variant per range, declared in the order of [`CodeRange::ALL`], so the
/// tag is the value's slot in `CloseCode`'s tables. The module
/// documentation of `define` explains why that makes a `CloseCode` four
/// bytes and its slot one read.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
enum Unregistered {
    NotUsed(u16),
    Protocol(u16),
    Application(u16),
    PrivateUse(u16),
    Undefined(u16),
}

impl OtherCode {
    /// `value` as an `OtherCode`. Only for a value the registry does not
    /// register (the generated `from_u16` decides which those are).
    #[inline]
    pub(crate) const fn new(value: u16) -> OtherCode {
        OtherCode(match CodeRange::of(value) {
            CodeRange::NotUsed => Unregistered::NotUsed(value),
            CodeRange::Protocol => Unregistered::Protocol(value),
            CodeRange::Application => Unregistered::Application(value),
            CodeRange::PrivateUse => Unregistered::PrivateUse(value),
            CodeRange::Undefined => Unregistered::Undefined(value),
        })
    }

    /// The range the code lies in, read from the tag.
    #[inline]
    pub(crate) const fn range(self) -> CodeRange {
        match self.0 {
            Unregistered::NotUsed(_) => CodeRange::NotUsed,
            Unregistered::Protocol(_) => CodeRange::Protocol,
            Unregistered::Application(_) => CodeRange::Application,
            Unregistered::PrivateUse(_) => CodeRange::PrivateUse,
            Unregistered::Undefined(_) => CodeRange::Undefined,
        }
    }

    /// The code's slot in the lookup tables: its range's index in
    /// [`CodeRange::ALL`].
    #[inline(always)]
    pub(crate) const fn slot(self) -> usize {
        self.range() as usize
    }

    /// The code's value.
    ///
    /// ```
    /// # use ws_close_codes::CloseCode;
    /// if let CloseCode::Other(other) = CloseCode::from(3001) {
    ///     assert_eq!(other.as_u16(), 3001);
    /// }
    /// ```
    #[inline]
    pub const fn as_u16(self) -> u16 {
        match self.0 {
            Unregistered::NotUsed(value)
            | Unregistered::Protocol(value)
            | Unregistered::Application(value)
            | Unregistered::PrivateUse(value)
            | Unregistered::Undefined(value) => value,
        }
    }
}

impl fmt::Debug for OtherCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_u16(), f)
    }
}

impl Hash for OtherCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_u16().hash(state);
    }
}

impl PartialOrd for OtherCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by value, like [`CloseCode`].
///
/// ```
/// use ws_close_codes::CloseCode;
/// if let (CloseCode::Other(a), CloseCode::Other(b)) = (CloseCode::from(4000), CloseCode::from(4001)) {
///     assert!(a < b);
/// }
/// ```
impl Ord for OtherCode {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_u16().cmp(&other.as_u16())
    }
}

/// The number alone, as for any unregistered [`CloseCode`].
///
/// ```
/// use ws_close_codes::CloseCode;
/// if let CloseCode::Other(other) = CloseCode::from(4000) {
///     assert_eq!(other.to_string(), "4000");
/// }
/// ```
impl fmt::Display for OtherCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_u16(), f)
    }
}

impl From<OtherCode> for u16 {
    /// Same as [`OtherCode::as_u16`].
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// if let CloseCode::Other(other) = CloseCode::from(4000) {
    ///     assert_eq!(u16::from(other), 4000);
    /// }
    /// ```
    fn from(code: OtherCode) -> Self {
        code.as_u16()
    }
}
