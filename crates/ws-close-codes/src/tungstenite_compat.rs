//! Conversions to and from tungstenite's close codes and Close frames, and
//! the close events of what it hands over when reading, for every release
//! line this crate has a feature for.
//!
//! Each line is a separate crate to the compiler (0.x versions are
//! semver-incompatible), so each needs its own `impl` blocks; they all come
//! from the one macro below, instantiated once per entry of the list of the
//! lines, `tungstenite_lines.rs`, which the tests of each line read too. tungstenite's
//! `CloseCode` is the same enum with the same numbering on every line. Its
//! `CloseFrame` changed in 0.26: before, it is `CloseFrame<'t>` with a
//! `Cow<'t, str>` reason; from 0.26 on, it owns its reason as `Utf8Bytes`.
//! The same code serves both: `&*frame.reason` reads either reason as a
//! `&str`, and `reason.into()` builds either from a `&str` (borrowing into
//! the `Cow`, copying into the `Utf8Bytes`). The only difference, the
//! lifetime parameter, is an argument of the macro. `Message::Close` holds
//! an `Option<CloseFrame>` on every line (`CloseFrame<'static>` up to
//! 0.25).
//!
//! The disagreements between the crates are listed in the crate
//! documentation ("Interoperating with tungstenite").

/// The conversions for one tungstenite line.
///
/// - `krate`: the name of the dependency (`tungstenite_0_24`, ...);
/// - `line`: the line, for the docs (`"0.24"`);
/// - `feature`: the feature that enables it, and `also`, what else does
///   (`" or `tungstenite`"` for the newest line), for the docs;
/// - `frame`: `CloseFrame<'a>` where tungstenite's `CloseFrame` borrows
///   its reason, plain `CloseFrame` where it owns it;
/// - `reason`: what the conversion to tungstenite's frame does with the
///   reason, for the docs.
///
/// Every doc example renames the dependency to `tungstenite`, as a user's
/// `Cargo.toml` names it, so the examples read as a user writes them.
// Unused when no line's feature is on.
#[allow(unused_macros)]
macro_rules! tungstenite_line {
    (
        krate: $krate:ident,
        line: $line:literal,
        feature: $feature:literal,
        also: $also:literal,
        frame: CloseFrame $(<$lt:lifetime>)?,
        reason: $reason:literal $(,)?
    ) => {
        #[doc = concat!(
            "`ws_close_codes::CloseCode` to ",
            "`tungstenite::protocol::frame::coding::CloseCode` (", $line, "): ",
            "the same number, for every `u16`.",
        )]
        ///
        #[doc = concat!("Enabled by the feature `", $feature, "`", $also, ".")]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use ws_close_codes::CloseCode;
        ///
        /// assert_eq!(TungsteniteCode::from(CloseCode::GoingAway), TungsteniteCode::Away);
        /// // tungstenite has no variant for 1014; the number is kept.
        /// assert_eq!(u16::from(TungsteniteCode::from(CloseCode::BadGateway)), 1014);
        /// ```
        impl From<CloseCode> for $krate::protocol::frame::coding::CloseCode {
            fn from(code: CloseCode) -> Self {
                Self::from(code.as_u16())
            }
        }

        #[doc = concat!(
            "`tungstenite::protocol::frame::coding::CloseCode` (", $line, ") to ",
            "`ws_close_codes::CloseCode`: the same number, for every `u16`.",
        )]
        ///
        #[doc = concat!("Enabled by the feature `", $feature, "`", $also, ".")]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use ws_close_codes::CloseCode;
        ///
        /// assert_eq!(CloseCode::from(TungsteniteCode::Normal), CloseCode::NormalClosure);
        /// assert_eq!(CloseCode::from(TungsteniteCode::from(1014)), CloseCode::BadGateway);
        /// ```
        impl From<$krate::protocol::frame::coding::CloseCode> for CloseCode {
            fn from(code: $krate::protocol::frame::coding::CloseCode) -> Self {
                CloseCode::from_u16(u16::from(code))
            }
        }

        #[doc = concat!(
            "`ws_close_codes::CloseFrame` to `tungstenite::protocol::CloseFrame` (",
            $line, "): the same code and reason.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". ", $reason, " The result is always valid to send: ",
            "a [`CloseFrame`] holds only sendable codes and reasons of at most 123 bytes.",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use ws_close_codes::{CloseCode, CloseFrame};
        ///
        /// let frame = CloseFrame::new(CloseCode::TryAgainLater, "busy")?;
        /// let theirs = tungstenite::protocol::CloseFrame::from(frame);
        /// assert_eq!(u16::from(theirs.code), 1013);
        /// assert_eq!(&*theirs.reason, "busy");
        /// # Ok::<(), ws_close_codes::CloseFrameError>(())
        /// ```
        impl<'a> From<CloseFrame<'a>> for $krate::protocol::CloseFrame $(<$lt>)? {
            fn from(frame: CloseFrame<'a>) -> Self {
                Self {
                    code: frame.code().into(),
                    reason: frame.reason().into(),
                }
            }
        }

        #[doc = concat!(
            "`&tungstenite::protocol::CloseFrame` (", $line, ") to ",
            "`ws_close_codes::CloseFrame`, borrowing the reason.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". Refuses what [`CloseFrame::new`] refuses: ",
            "a code that may not be sent, which tungstenite lets a caller build ",
            "([`CloseFrameError::InvalidCode`]), and a reason over 123 bytes ",
            "([`CloseFrameError::ReasonTooLong`]).",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use ws_close_codes::{CloseCode, CloseFrame, CloseFrameError};
        ///
        /// let theirs = tungstenite::protocol::CloseFrame {
        ///     code: TungsteniteCode::Policy,
        ///     reason: "no spam".into(),
        /// };
        /// let frame = CloseFrame::try_from(&theirs)?;
        /// assert_eq!((frame.code(), frame.reason()), (CloseCode::PolicyViolation, "no spam"));
        ///
        /// let abnormal = tungstenite::protocol::CloseFrame {
        ///     code: TungsteniteCode::Abnormal,
        ///     reason: "".into(),
        /// };
        /// assert_eq!(
        ///     CloseFrame::try_from(&abnormal),
        ///     Err(CloseFrameError::InvalidCode { code: CloseCode::AbnormalClosure }),
        /// );
        /// # Ok::<(), CloseFrameError>(())
        /// ```
        impl<'a> TryFrom<&'a $krate::protocol::CloseFrame $(<$lt>)?> for CloseFrame<'a> {
            type Error = CloseFrameError;

            fn try_from(
                frame: &'a $krate::protocol::CloseFrame $(<$lt>)?,
            ) -> Result<Self, Self::Error> {
                CloseFrame::new(frame.code.into(), &*frame.reason)
            }
        }

        #[doc = concat!(
            "`&tungstenite::protocol::CloseFrame` (", $line, ") to ",
            "`ws_close_codes::CloseEvent`: the frame's code and reason, clean.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". The event for the frame of ",
            "`Message::Close(Some(frame))`. Nothing is checked, as with ",
            "[`CloseEvent::new`]: a code that this crate's rules refuse is reported ",
            "as tungstenite hands it over. For the `Option` that `Message::Close` ",
            "carries, convert it whole (`CloseEvent::from(&frame)` or ",
            "`CloseEvent::from(frame.as_ref())`), and for a message or a read, use ",
            "[`CloseEvent::from_message`] or [`CloseEvent::from_next`].",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use ws_close_codes::{CloseCode, CloseEvent};
        ///
        /// let frame = tungstenite::protocol::CloseFrame {
        ///     code: TungsteniteCode::Away,
        ///     reason: "bye".into(),
        /// };
        /// let event = CloseEvent::from(&frame);
        /// assert_eq!(event.code(), CloseCode::GoingAway);
        /// assert_eq!((event.reason(), event.was_clean()), ("bye", true));
        /// ```
        impl<'a> From<&'a $krate::protocol::CloseFrame $(<$lt>)?> for CloseEvent<'a> {
            fn from(frame: &'a $krate::protocol::CloseFrame $(<$lt>)?) -> Self {
                CloseEvent::new(frame.code.into(), &*frame.reason, true)
            }
        }

        #[doc = concat!(
            "`Option<&tungstenite::protocol::CloseFrame>` (", $line, ") to ",
            "`ws_close_codes::CloseEvent`: what `Message::Close` carries, ",
            "`as_ref()`; `None` is 1005, clean.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". `Some(frame)` is the event of the frame, ",
            "as `From<&CloseFrame>`; `None` (the peer's Close frame had no code) is ",
            "[`CloseEvent::no_status`].",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use tungstenite::protocol::CloseFrame;
        /// use tungstenite::Message;
        /// use ws_close_codes::CloseEvent;
        ///
        /// let message = Message::Close(Some(CloseFrame {
        ///     code: TungsteniteCode::Again,
        ///     reason: "server busy".into(),
        /// }));
        /// if let Message::Close(frame) = &message {
        ///     let event = CloseEvent::from(frame.as_ref());
        ///     assert_eq!(event.to_string(), "1013 Try Again Later: server busy");
        /// }
        /// let empty: Option<&CloseFrame> = None;
        /// assert_eq!(CloseEvent::from(empty), CloseEvent::no_status());
        /// ```
        impl<'a> From<Option<&'a $krate::protocol::CloseFrame $(<$lt>)?>> for CloseEvent<'a> {
            fn from(frame: Option<&'a $krate::protocol::CloseFrame $(<$lt>)?>) -> Self {
                match frame {
                    Some(frame) => CloseEvent::from(frame),
                    None => CloseEvent::no_status(),
                }
            }
        }

        #[doc = concat!(
            "`&Option<tungstenite::protocol::CloseFrame>` (", $line, ") to ",
            "`ws_close_codes::CloseEvent`: what `Message::Close` carries, by ",
            "reference; `None` is 1005, clean.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". The same as the conversion from ",
            "`Option<&CloseFrame>`.",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use tungstenite::protocol::CloseFrame;
        /// use tungstenite::Message;
        /// use ws_close_codes::CloseEvent;
        ///
        /// let message = Message::Close(Some(CloseFrame {
        ///     code: TungsteniteCode::Library(4001),
        ///     reason: "kicked".into(),
        /// }));
        /// if let Message::Close(frame) = &message {
        ///     assert_eq!(CloseEvent::from(frame).to_string(), "4001: kicked");
        /// }
        /// if let Message::Close(frame) = &Message::Close(None) {
        ///     assert_eq!(CloseEvent::from(frame), CloseEvent::no_status());
        /// }
        /// ```
        impl<'a> From<&'a Option<$krate::protocol::CloseFrame $(<$lt>)?>> for CloseEvent<'a> {
            fn from(frame: &'a Option<$krate::protocol::CloseFrame $(<$lt>)?>) -> Self {
                CloseEvent::from(frame.as_ref())
            }
        }

        #[doc = concat!(
            "`tungstenite::Message` (", $line, ") for [`CloseEvent::from_message`] ",
            "and [`CloseEvent::from_next`]: `Message::Close(frame)` is the event of ",
            "`frame` (1005 for `None`), every other message none.",
        )]
        ///
        #[doc = concat!(
            "Enabled by the feature `", $feature, "`", $also, ". `Message::Frame`, a raw frame that ",
            "tungstenite never hands over when reading, has no event either.",
        )]
        ///
        /// ```
        #[doc = concat!("# use ", stringify!($krate), " as tungstenite;")]
        /// use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
        /// use tungstenite::protocol::CloseFrame;
        /// use tungstenite::{Error, Message};
        /// use ws_close_codes::CloseEvent;
        ///
        /// let close = Message::Close(Some(CloseFrame {
        ///     code: TungsteniteCode::Normal,
        ///     reason: "done".into(),
        /// }));
        /// let event = CloseEvent::from_message(&close).unwrap();
        /// assert_eq!(event.to_string(), "1000 Normal Closure: done");
        /// assert_eq!(CloseEvent::from_message(&Message::Close(None)), Some(CloseEvent::no_status()));
        /// assert_eq!(CloseEvent::from_message(&Message::text("hi")), None);
        ///
        /// // What tungstenite's blocking `WebSocket::read` gives.
        /// let read: Result<Message, Error> = Ok(close.clone());
        /// assert_eq!(CloseEvent::from_next(&read), Some(event));
        /// let read: Result<Message, Error> = Err(Error::ConnectionClosed);
        /// assert_eq!(CloseEvent::from_next(&read), Some(CloseEvent::abnormal()));
        /// ```
        impl StackMessage for $krate::Message {}

        impl Sealed for $krate::Message {
            fn close_event(&self) -> Option<CloseEvent<'_>> {
                match self {
                    $krate::Message::Close(frame) => Some(CloseEvent::from(frame)),
                    _ => None,
                }
            }
        }
    };
}

/// The lines, from the one list of them (`tungstenite_lines.rs`): each
/// line's conversions where its feature is on, and the imports they share
/// where any line's is. The newest line is also enabled by the feature
/// `tungstenite`, which its docs say.
macro_rules! tungstenite_lines {
    ($(($krate:ident, $feature:literal, $line:literal, $reason:ident))+) => {
        #[cfg(any($(feature = $feature),+))]
        use crate::event::sealed::Sealed;
        #[cfg(any($(feature = $feature),+))]
        use crate::{CloseCode, CloseEvent, CloseFrame, CloseFrameError, StackMessage};

        tungstenite_lines!(@each $(($krate, $feature, $line, $reason))+);
    };
    (@each ($krate:ident, $feature:literal, $line:literal, $reason:ident)) => {
        tungstenite_lines!(@line ($krate, $feature, $line, $reason), " or `tungstenite`");
    };
    (@each ($krate:ident, $feature:literal, $line:literal, $reason:ident) $($newer:tt)+) => {
        tungstenite_lines!(@line ($krate, $feature, $line, $reason), "");
        tungstenite_lines!(@each $($newer)+);
    };
    (@line ($krate:ident, $feature:literal, $line:literal, borrowed), $also:literal) => {
        #[cfg(feature = $feature)]
        tungstenite_line! {
            krate: $krate,
            line: $line,
            feature: $feature,
            also: $also,
            frame: CloseFrame<'a>,
            reason: "The reason is borrowed (`Cow::Borrowed`).",
        }
    };
    (@line ($krate:ident, $feature:literal, $line:literal, owned), $also:literal) => {
        #[cfg(feature = $feature)]
        tungstenite_line! {
            krate: $krate,
            line: $line,
            feature: $feature,
            also: $also,
            frame: CloseFrame,
            reason: "The reason is copied into a `Utf8Bytes`.",
        }
    };
}

include!("tungstenite_lines.rs");
