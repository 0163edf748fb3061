//! The catch-all payload of a close-code enum.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

#[cfg(doc)]
use crate::CloseCode;

/// A close code that the enum `E` has no variant for: the payload of
/// `E::Other`. For [`CloseCode`] ([`OtherCode`]) these are the unassigned
/// values, the private-use codes (4000-4999) and the values outside the
/// defined space (0-999, 5000 and up); an enum made with
/// [`close_codes!`](crate::close_codes) names some private-use codes too.
///
/// Only the enum's conversions make one, and only for such values, so a
/// named code is always its own variant.
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// match CloseCode::from(4001) {
///     CloseCode::Other(other) => assert_eq!(other.as_u16(), 4001),
///     _ => unreachable!("4001 is private use"),
/// }
/// ```
pub struct UnnamedCode<E> {
    value: u16,
    enum_type: PhantomData<fn() -> E>,
}

/// The payload of [`CloseCode::Other`].
pub type OtherCode = UnnamedCode<crate::CloseCode>;

impl<E> UnnamedCode<E> {
    /// `value` as the payload of `E::Other`. Not part of the API: only the
    /// enum's own `from_u16` calls it, for a value the enum does not name.
    #[doc(hidden)]
    #[inline(always)]
    pub const fn __new(value: u16) -> Self {
        UnnamedCode {
            value,
            enum_type: PhantomData,
        }
    }

    /// The code's value.
    ///
    /// ```
    /// # use ws_close_codes::CloseCode;
    /// if let CloseCode::Other(other) = CloseCode::from(3001) {
    ///     assert_eq!(other.as_u16(), 3001);
    /// }
    /// ```
    #[inline(always)]
    pub const fn as_u16(self) -> u16 {
        self.value
    }
}

impl<E> Clone for UnnamedCode<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for UnnamedCode<E> {}

impl<E> PartialEq for UnnamedCode<E> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<E> Eq for UnnamedCode<E> {}

impl<E> Hash for UnnamedCode<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<E> PartialOrd for UnnamedCode<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by value, like the enums.
///
/// ```
/// use ws_close_codes::CloseCode;
/// if let (CloseCode::Other(a), CloseCode::Other(b)) = (CloseCode::from(4000), CloseCode::from(4001)) {
///     assert!(a < b);
/// }
/// ```
impl<E> Ord for UnnamedCode<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

/// The number alone.
impl<E> fmt::Debug for UnnamedCode<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

/// The number alone, as for any code without a name.
///
/// ```
/// use ws_close_codes::CloseCode;
/// if let CloseCode::Other(other) = CloseCode::from(4000) {
///     assert_eq!(other.to_string(), "4000");
/// }
/// ```
impl<E> fmt::Display for UnnamedCode<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl<E> From<UnnamedCode<E>> for u16 {
    /// Same as [`UnnamedCode::as_u16`].
    ///
    /// ```
    /// use ws_close_codes::CloseCode;
    /// if let CloseCode::Other(other) = CloseCode::from(4000) {
    ///     assert_eq!(u16::from(other), 4000);
    /// }
    /// ```
    fn from(code: UnnamedCode<E>) -> Self {
        code.value
    }
}
