//! The catch-all payload and the conversions and formatting of [`CloseCode`].

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};

use crate::{CloseCode, CodeRange};

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
///     CloseCode::Other(other) => assert_eq!(other.get(), 4001),
///     _ => unreachable!("4001 is private use"),
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct OtherCode(Unregistered);

/// An unregistered value, tagged with the [`CodeRange`] it lies in: one
/// variant per range, declared in the order of [`CodeRange::ALL`].
///
/// The tag is why: a `u16` tag uses five of its 65,536 values, and rustc
/// gives the rest to `CloseCode`'s registered variants, in order from 5.
/// So a `CloseCode` stays four bytes (tag and value), and its tag alone
/// tells both which registered code it is and, for `Other`, which range:
/// `CloseCode::slot` is then the tag itself, and a predicate such as
/// `CloseCode::is_sendable` is one table load. (The layout is rustc's
/// choice and only speed depends on it; every answer is the same under
/// any layout.)
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
enum Unregistered {
    NotUsed(u16),
    Protocol(u16),
    Registered(u16),
    PrivateUse(u16),
    Undefined(u16),
}

impl OtherCode {
    /// How many table slots `Other` takes before the registered codes':
    /// one per [`CodeRange`], at the range's index in [`CodeRange::ALL`].
    pub(crate) const SLOTS: usize = CodeRange::ALL.len();

    /// `value` as an `OtherCode`. Only for a value the registry does not
    /// register (the generated `from_u16` decides which those are).
    #[inline]
    pub(crate) const fn new(value: u16) -> OtherCode {
        OtherCode(match CodeRange::of(value) {
            CodeRange::NotUsed => Unregistered::NotUsed(value),
            CodeRange::Protocol => Unregistered::Protocol(value),
            CodeRange::Registered => Unregistered::Registered(value),
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
            Unregistered::Registered(_) => CodeRange::Registered,
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
    ///     assert_eq!(other.get(), 3001);
    /// }
    /// ```
    #[inline]
    pub const fn get(self) -> u16 {
        match self.0 {
            Unregistered::NotUsed(value)
            | Unregistered::Protocol(value)
            | Unregistered::Registered(value)
            | Unregistered::PrivateUse(value)
            | Unregistered::Undefined(value) => value,
        }
    }
}

impl fmt::Debug for OtherCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl Hash for OtherCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.get().hash(state);
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
        self.get().cmp(&other.get())
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
        fmt::Display::fmt(&self.get(), f)
    }
}

impl From<OtherCode> for u16 {
    /// Same as [`OtherCode::get`].
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// if let CloseCode::Other(other) = CloseCode::from(4000) {
    ///     assert_eq!(u16::from(other), 4000);
    /// }
    /// ```
    fn from(code: OtherCode) -> Self {
        code.get()
    }
}

impl From<u16> for CloseCode {
    /// Same as [`CloseCode::from_u16`].
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert_eq!(CloseCode::from(1011), CloseCode::InternalError);
    /// ```
    fn from(value: u16) -> Self {
        CloseCode::from_u16(value)
    }
}

impl From<CloseCode> for u16 {
    /// Same as [`CloseCode::as_u16`].
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert_eq!(u16::from(CloseCode::InternalError), 1011);
    /// ```
    fn from(code: CloseCode) -> Self {
        code.as_u16()
    }
}

impl PartialOrd for CloseCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Close codes are ordered by their numeric value.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert!(CloseCode::NormalClosure < CloseCode::GoingAway);
/// assert!(CloseCode::from(999) < CloseCode::NormalClosure);
/// assert!(CloseCode::from(4000) > CloseCode::BadGateway);
/// ```
impl Ord for CloseCode {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_u16().cmp(&other.as_u16())
    }
}

impl Default for CloseCode {
    /// [`CloseCode::NormalClosure`], the code for a closure that fulfilled
    /// its purpose.
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// assert_eq!(CloseCode::default(), CloseCode::NormalClosure);
    /// ```
    fn default() -> Self {
        CloseCode::NormalClosure
    }
}

/// `1000 Normal Closure` for registered codes, the number alone otherwise.
///
/// ```
/// use ws_close_codes::CloseCode;
/// assert_eq!(CloseCode::GoingAway.to_string(), "1001 Going Away");
/// assert_eq!(CloseCode::from(4000).to_string(), "4000");
/// ```
impl fmt::Display for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One write: the generated text ("1000 Normal Closure") for a
        // registered code, the digits for any other, never `write!`, which
        // parses a format string and dispatches each argument at run time.
        match self.display_text() {
            Some(text) => f.write_str(text),
            None => {
                let mut digits = [0u8; 5];
                f.write_str(decimal(self.as_u16(), &mut digits))
            }
        }
    }
}

/// `value` in decimal, written at the end of `buffer`.
fn decimal(mut value: u16, buffer: &mut [u8; 5]) -> &str {
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
    core::str::from_utf8(&buffer[start..]).unwrap_or_default()
}
