//! Where a code lies in the code space.

use core::ops::RangeInclusive;

use crate::generated::{
    APPLICATION_FIRST, APPLICATION_LAST, PRIVATE_FIRST, PRIVATE_LAST, PROTOCOL_FIRST, PROTOCOL_LAST,
};
use crate::CloseCode;

/// The part of the code space a close code lies in (RFC 6455 section
/// 7.4.2). The boundaries come from the registry: its `range` elements
/// for [`Protocol`](CodeRange::Protocol) and
/// [`Application`](CodeRange::Application), its private-use record for
/// [`PrivateUse`](CodeRange::PrivateUse).
///
/// ```
/// use ws_close_codes::{CloseCode, CodeRange};
///
/// assert_eq!(CloseCode::from(999).range(), CodeRange::NotUsed);
/// assert_eq!(CloseCode::from(1000).range(), CodeRange::Protocol);
/// assert_eq!(CloseCode::from(3000).range(), CodeRange::Application);
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
    /// assert_eq!(CodeRange::of(3001), CodeRange::Application);
    /// ```
    Application,
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
    /// assert_eq!(*CodeRange::ALL[0].values().start(), 0);
    /// assert_eq!(*CodeRange::ALL[4].values().end(), u16::MAX);
    /// for pair in CodeRange::ALL.windows(2) {
    ///     assert_eq!(pair[0].values().end() + 1, *pair[1].values().start());
    /// }
    /// for (index, range) in CodeRange::ALL.into_iter().enumerate() {
    ///     assert_eq!(range as usize, index);
    /// }
    /// ```
    pub const ALL: [CodeRange; 5] = [
        CodeRange::NotUsed,
        CodeRange::Protocol,
        CodeRange::Application,
        CodeRange::PrivateUse,
        CodeRange::Undefined,
    ];

    /// The values of the range.
    ///
    /// ```
    /// use ws_close_codes::CodeRange;
    /// assert_eq!(CodeRange::Application.values(), 3000..=3999);
    /// assert_eq!(CodeRange::Undefined.values(), 5000..=u16::MAX);
    /// assert!(CodeRange::Protocol.values().contains(&1014));
    /// ```
    pub const fn values(self) -> RangeInclusive<u16> {
        match self {
            CodeRange::NotUsed => 0..=PROTOCOL_FIRST - 1,
            CodeRange::Protocol => PROTOCOL_FIRST..=PROTOCOL_LAST,
            CodeRange::Application => APPLICATION_FIRST..=APPLICATION_LAST,
            CodeRange::PrivateUse => PRIVATE_FIRST..=PRIVATE_LAST,
            CodeRange::Undefined => PRIVATE_LAST + 1..=u16::MAX,
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
        } else if value <= APPLICATION_LAST {
            CodeRange::Application
        } else if value <= PRIVATE_LAST {
            CodeRange::PrivateUse
        } else {
            CodeRange::Undefined
        }
    }
}

impl CloseCode {
    /// The part of the code space this code lies in.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, CodeRange};
    /// assert_eq!(CloseCode::GoingAway.range(), CodeRange::Protocol);
    /// ```
    #[inline]
    pub const fn range(self) -> CodeRange {
        CodeRange::of(self.as_u16())
    }
}
