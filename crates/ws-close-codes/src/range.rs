//! Where a code lies in the code space.

use crate::generated::{
    PRIVATE_FIRST, PRIVATE_LAST, PROTOCOL_FIRST, PROTOCOL_LAST, REGISTERED_FIRST, REGISTERED_LAST,
    VALUE_TABLE,
};
use crate::{CloseCode, OtherCode};

/// The part of the code space a close code lies in (RFC 6455 section
/// 7.4.2). The boundaries come from the registry: its `range` elements
/// for [`Protocol`](CodeRange::Protocol) and
/// [`Registered`](CodeRange::Registered), its private-use record for
/// [`PrivateUse`](CodeRange::PrivateUse).
///
/// ```
/// use ws_close_codes::{CloseCode, CodeRange};
///
/// assert_eq!(CloseCode::from(999).range(), CodeRange::NotUsed);
/// assert_eq!(CloseCode::from(1000).range(), CodeRange::Protocol);
/// assert_eq!(CloseCode::from(3000).range(), CodeRange::Registered);
/// assert_eq!(CloseCode::from(4999).range(), CodeRange::PrivateUse);
/// assert_eq!(CloseCode::from(5000).range(), CodeRange::Undefined);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeRange {
    /// 0-999: not used (RFC 6455 section 7.4.2).
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(0), CodeRange::NotUsed);
    /// ```
    NotUsed,
    /// 1000-2999: the protocol and its extensions; registered by standards
    /// action, specification required or IESG review.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(1016), CodeRange::Protocol);
    /// ```
    Protocol,
    /// 3000-3999: libraries, frameworks and applications, registered with
    /// IANA first come, first served.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(3001), CodeRange::Registered);
    /// ```
    Registered,
    /// 4000-4999: private use by agreement between the endpoints; never
    /// registered.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(4404), CodeRange::PrivateUse);
    /// ```
    PrivateUse,
    /// 5000-65535: outside the space RFC 6455 defines.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(65535), CodeRange::Undefined);
    /// ```
    Undefined,
}

impl CodeRange {
    /// Every range, in ascending order of value; each one's index here is
    /// its discriminant (`range as usize`).
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::ALL.len(), 5);
    /// assert_eq!(CodeRange::ALL[0].bounds().0, 0);
    /// assert_eq!(CodeRange::ALL[4].bounds().1, u16::MAX);
    /// for pair in CodeRange::ALL.windows(2) {
    ///     assert_eq!(pair[0].bounds().1 + 1, pair[1].bounds().0);
    /// }
    /// for (index, range) in CodeRange::ALL.into_iter().enumerate() {
    ///     assert_eq!(range as usize, index);
    /// }
    /// ```
    pub const ALL: [CodeRange; 5] = [
        CodeRange::NotUsed,
        CodeRange::Protocol,
        CodeRange::Registered,
        CodeRange::PrivateUse,
        CodeRange::Undefined,
    ];

    /// The first and last value of the range.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::Registered.bounds(), (3000, 3999));
    /// assert_eq!(CodeRange::Undefined.bounds(), (5000, u16::MAX));
    /// ```
    pub const fn bounds(self) -> (u16, u16) {
        match self {
            CodeRange::NotUsed => (0, PROTOCOL_FIRST - 1),
            CodeRange::Protocol => (PROTOCOL_FIRST, PROTOCOL_LAST),
            CodeRange::Registered => (REGISTERED_FIRST, REGISTERED_LAST),
            CodeRange::PrivateUse => (PRIVATE_FIRST, PRIVATE_LAST),
            CodeRange::Undefined => (PRIVATE_LAST + 1, u16::MAX),
        }
    }

    /// The range holding `value`.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::of(1016), CodeRange::Protocol);
    /// ```
    pub const fn of(value: u16) -> CodeRange {
        if value < PROTOCOL_FIRST {
            CodeRange::NotUsed
        } else if value <= PROTOCOL_LAST {
            CodeRange::Protocol
        } else if value <= REGISTERED_LAST {
            CodeRange::Registered
        } else if value <= PRIVATE_LAST {
            CodeRange::PrivateUse
        } else {
            CodeRange::Undefined
        }
    }
}

/// [`CloseCode::range`] of every slot of the lookup tables, computed at
/// compile time: first the slots of `Other`, one per range at its index
/// in [`CodeRange::ALL`], then the range of each registered code's value.
/// Indexed like `VALUE_TABLE`, whose entries it reads.
const RANGE_TABLE: [CodeRange; VALUE_TABLE.len()] = {
    let mut table = [CodeRange::NotUsed; VALUE_TABLE.len()];
    let mut slot = 0;
    while slot < OtherCode::SLOTS {
        table[slot] = CodeRange::ALL[slot];
        slot += 1;
    }
    while slot < VALUE_TABLE.len() {
        table[slot] = CodeRange::of(VALUE_TABLE[slot]);
        slot += 1;
    }
    table
};

impl CloseCode {
    /// The part of the code space this code lies in.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CodeRange};
    /// assert_eq!(CloseCode::GoingAway.range(), CodeRange::Protocol);
    /// ```
    #[inline]
    pub const fn range(self) -> CodeRange {
        RANGE_TABLE[self.slot()]
    }
}
