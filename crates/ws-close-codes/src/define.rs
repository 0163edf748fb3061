//! The one definition of a close-code enum, used by [`CloseCode`] and by
//! every application enum that `ws-close-codes-codegen` generates.
//!
//! A generated file holds data only: the enum, with one variant per named
//! code, each carrying its documentation and, written as the variant's
//! discriminant, its record (value, name, descriptions, contact,
//! references, dates). [`__close_code_enum!`] turns that into the enum and
//! everything around it: the lookup tables, the conversions, the
//! accessors, `Debug`, `Display`, `FromStr` and the comparisons. So each
//! code's facts are written once, in one place, and a fix here reaches the
//! crate's enum and every application's alike.
//!
//! # The slot layout
//!
//! Every table the enum reads is indexed by a code's *slot*: `Other` has
//! the first [`OTHER_SLOTS`](crate::__private::OTHER_SLOTS), one per
//! [`CodeRange`](crate::CodeRange), and each named code the one after them
//! at its position among the variants. A code's slot comes from a `match`
//! on the variants, whose arms read the position of a variant as the
//! discriminant of a fieldless enum declared in the same order (a value the
//! language defines: 0, 1, 2, ...).
//!
//! That is all correctness needs. Speed comes from how rustc lays out
//! [`CloseCode`] today, which the language does not promise: `OtherCode`
//! holds its value next to a `u16` tag naming its range (5 of the tag's
//! 65,536 values), and rustc stores the variants without fields in the
//! tag's unused values, in declaration order, right after those 5. The
//! tag then *is* the slot, the `match` compiles to reading it, and every
//! accessor is one load. Under any other layout every answer is the same,
//! only slower; `a_close_code_takes_four_bytes_like_its_value_and_a_tag`
//! (in `tests/conversions.rs`) and the benchmarks notice a change.
//!
//! [`CloseCode`]: crate::CloseCode

/// The documentation of an item of a close-code enum: for the crate's
/// [`CloseCode`](crate::CloseCode) the text and an example that runs as a
/// doc test; for an application's enum the text alone (its doc tests would
/// run in the application's crate, which the example cannot name).
#[doc(hidden)]
#[macro_export]
macro_rules! __close_code_doc {
    (registry, $text:literal, $example:literal) => {
        concat!($text, "\n\n# Examples\n\n```\n", $example, "```")
    };
    (application, $text:literal, $example:literal) => {
        $text
    };
}

/// Defines a close-code enum from its named codes; see the
/// [module documentation](self). The input is the enum as the generator
/// writes it, with an attribute saying which enum it is:
///
/// - `#[close_code_enum(registry)]`: the crate's [`CloseCode`], with
///   [`OtherCode`](crate::OtherCode) as `Other`'s payload;
/// - `#[close_code_enum(application, module = name_generated, other =
///   NameOther, registry = "YYYY-MM-DD", message = "...")]`: an
///   application's enum, in a private module `name_generated` whose enum
///   and `Other` payload `NameOther` (defined here) are re-exported, with
///   conversions to and from [`CloseCode`] and the rules of [`CloseCode`];
///   with `registry`, the build fails with `message` unless this crate was
///   generated from the registry of that date.
///
/// [`CloseCode`]: crate::CloseCode
#[doc(hidden)]
#[macro_export]
macro_rules! __close_code_enum {
    (
        #[close_code_enum(registry)]
        $(#[$attr:meta])*
        $vis:vis enum $name:ident { $($rows:tt)* }
    ) => {
        $crate::__close_code_enum! {
            @define registry, $crate::OtherCode,
            $(#[$attr])* $vis enum $name { $($rows)* }
        }
    };
    (
        #[close_code_enum(
            application,
            module = $module:ident,
            other = $other:ident
            $(, registry = $registry:literal, message = $message:literal)? $(,)?
        )]
        $(#[$attr:meta])*
        $vis:vis enum $name:ident { $($rows:tt)* }
    ) => {
        $vis use self::$module::{$name, $other};

        #[doc = concat!(
            "The items generated for [`", stringify!($name), "`]; only they leave the \
             module, so the payload of `", stringify!($name), "::Other` can be made \
             nowhere else."
        )]
        mod $module {
            $(
                // The enum's IANA codes came from this registry: the build
                // fails, saying what to align, unless the linked
                // `ws-close-codes` has the same.
                const _: () = $crate::__private::expect_registry($registry, $message);
            )?

            $crate::__close_code_enum! {
                @define application, $other,
                $(#[$attr])* pub enum $name { $($rows)* }
            }
            $crate::__close_code_enum! { @application $name, $other }
        }
    };
    (
        @define $mode:ident, $other:ty,
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            // Rows are separated by commas (`),*`), not each ended by one
            // (`,)*`): with the doc repetition first in a row, the second
            // form makes rustc's matcher quadratic in the number of rows
            // (seconds at 3,000 codes); the first stays linear.
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = Record {
                    value: $value:literal,
                    name: $code_name:literal,
                    description: $description:literal,
                    iana_description: $iana:expr,
                    contact: $contact:expr,
                    references: &[$(
                        Reference::new(ReferenceKind::$kind:ident, $label:literal, $url:expr $(,)?)
                    ),* $(,)?],
                    registered_on: $registered_on:expr,
                    updated_on: $updated_on:expr $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(
                $(#[doc = $doc])*
                $variant,
            )*
            /// Every value without a variant of its own. It never holds the
            /// value of a named code: `from_u16` returns that code's variant,
            /// and only this enum's conversions make the payload.
            Other($other),
        }

        impl $name {
            #[doc = $crate::__close_code_doc!(
                $mode,
                "Every named code (a code with a variant of its own), in ascending \
                 order of value. `Other` is not one of them.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(CloseCode::NAMED.contains(&CloseCode::NormalClosure));\n\
                 assert!(CloseCode::NAMED.windows(2).all(|pair| pair[0] < pair[1]));\n\
                 assert!(CloseCode::NAMED.iter().all(|code| code.is_named()));\n"
            )]
            pub const NAMED: &'static [$name] = &[$($name::$variant),*];

            /// The record of each named code, in the order of the variants.
            const RECORDS: &'static [$crate::__private::Record] = &[$(
                $crate::__private::Record {
                    value: $value,
                    ident: Some(stringify!($variant)),
                    name: Some($code_name),
                    description: Some($description),
                    iana_description: $iana,
                    contact: $contact,
                    references: &[$(
                        $crate::__private::reference($crate::ReferenceKind::$kind, $label, $url)
                    ),*],
                    registered_on: $registered_on,
                    updated_on: $updated_on,
                    display: Some(concat!($value, " ", $code_name)),
                }
            ),*];

            /// How many slots each slot table has.
            #[doc(hidden)]
            pub(crate) const SLOTS: usize = $crate::__private::OTHER_SLOTS + $name::RECORDS.len();

            /// Every slot's record (`Record::OTHER` in `Other`'s).
            #[doc(hidden)]
            pub(crate) const BY_SLOT: [$crate::__private::Record; $name::SLOTS] =
                $crate::__private::by_slot::<{ $name::SLOTS }>($name::RECORDS);

            /// How many values `FROM_U16` answers for.
            const FROM_U16_LEN: usize = $crate::__private::table_len($name::RECORDS);

            /// The code of every value below `FROM_U16_LEN`, computed at
            /// compile time. A `const`, not a `static`: `from_u16` is a
            /// `const fn`, and reading a `static` there needs a newer
            /// compiler than the crate's minimum. Every use takes a
            /// reference, so one copy exists. The array that the block
            /// builds is a constant's value, made while compiling, never on
            /// a stack at run time, which is what the two lints allowed
            /// here would warn about.
            #[allow(clippy::large_const_arrays, clippy::large_stack_arrays)]
            const FROM_U16: [$name; $name::FROM_U16_LEN] = {
                let mut table = [$name::Other(<$other>::new(0)); $name::FROM_U16_LEN];
                let mut value = 0;
                while value < table.len() {
                    table[value] = $name::Other(<$other>::new(value as u16));
                    value += 1;
                }
                let mut position = 0;
                while position < $name::NAMED.len() {
                    table[$name::RECORDS[position].value as usize] = $name::NAMED[position];
                    position += 1;
                }
                table
            };

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The close code for `value`: the code's own variant when it is named, \
                 `Other` otherwise.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert_eq!(CloseCode::from_u16(1001), CloseCode::GoingAway);\n\
                 assert!(matches!(CloseCode::from_u16(4000), CloseCode::Other(_)));\n"
            )]
            #[inline]
            pub const fn from_u16(value: u16) -> $name {
                let table: &[$name; $name::FROM_U16_LEN] = &$name::FROM_U16;
                if (value as usize) < table.len() {
                    table[value as usize]
                } else {
                    $name::Other(<$other>::new(value))
                }
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The code's value, as sent in a Close frame.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert_eq!(CloseCode::GoingAway.as_u16(), 1001);\n\
                 for value in 0..=u16::MAX {\n    \
                     assert_eq!(CloseCode::from_u16(value).as_u16(), value);\n\
                 }\n"
            )]
            #[inline]
            pub const fn as_u16(self) -> u16 {
                match self {
                    $name::Other(other) => other.as_u16(),
                    _ => $name::BY_SLOT[self.slot()].value,
                }
            }

            /// The code's position among the named codes, and their number
            /// for `Other`.
            #[inline(always)]
            const fn position(self) -> usize {
                /// The variants in order: a variant's discriminant here is
                /// its position.
                #[allow(dead_code)]
                enum Position { $($variant),* }
                match self {
                    $($name::$variant => Position::$variant as usize,)*
                    $name::Other(_) => $name::RECORDS.len(),
                }
            }

            /// The code's slot in the slot tables (see the module
            /// documentation of `ws_close_codes::define`).
            #[doc(hidden)]
            #[inline(always)]
            pub(crate) const fn slot(self) -> usize {
                match self {
                    $name::Other(other) => other.slot(),
                    named => $crate::__private::OTHER_SLOTS + named.position(),
                }
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "Whether the code has a variant of its own: `false` exactly for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(CloseCode::BadGateway.is_named());\n\
                 assert!(!CloseCode::from(4000).is_named());\n"
            )]
            #[inline]
            pub const fn is_named(self) -> bool {
                !matches!(self, $name::Other(_))
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The code's short name, such as \"Normal Closure\"; `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(CloseCode::NormalClosure.name().is_some());\n\
                 assert_eq!(CloseCode::from_u16(4000).name(), None);\n"
            )]
            #[inline]
            pub const fn name(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].name
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "What the code means: a description written for the code where the \
                 registry's is terse, the registry's otherwise; `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(CloseCode::GoingAway.description().is_some());\n\
                 assert_eq!(CloseCode::from_u16(4000).description(), None);\n"
            )]
            #[inline]
            pub const fn description(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].description
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The description as the IANA registry states it; `None` for `Other` and \
                 for codes that are not IANA's.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(CloseCode::GoingAway.iana_description().is_some());\n\
                 assert_eq!(CloseCode::from_u16(4000).iana_description(), None);\n"
            )]
            #[inline]
            pub const fn iana_description(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].iana_description
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The name of the person or body the registry lists as the contact for \
                 the code, if it lists one; `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert_eq!(CloseCode::from_u16(4000).contact(), None);\n"
            )]
            #[inline]
            pub const fn contact(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].contact
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The documents the registry cites for the code, in the registry's order; \
                 empty for `Other` and for codes without references.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert!(!CloseCode::NormalClosure.references().is_empty());\n\
                 assert!(CloseCode::from_u16(4000).references().is_empty());\n"
            )]
            #[inline]
            pub const fn references(self) -> &'static [$crate::Reference] {
                $name::BY_SLOT[self.slot()].references
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "When the code was registered (`YYYY-MM-DD`), if the registry says; \
                 `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 if let Some(date) = CloseCode::GoingAway.registered_on() {\n    \
                     assert!(date.bytes().all(|b| b.is_ascii_digit() || b == b'-'));\n\
                 }\n\
                 assert_eq!(CloseCode::from_u16(4000).registered_on(), None);\n"
            )]
            #[inline]
            pub const fn registered_on(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].registered_on
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "When the code's registration last changed (`YYYY-MM-DD`), if the \
                 registry says; `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 if let Some(date) = CloseCode::NormalClosure.updated_on() {\n    \
                     assert!(date.bytes().all(|b| b.is_ascii_digit() || b == b'-'));\n\
                 }\n\
                 assert_eq!(CloseCode::from_u16(4000).updated_on(), None);\n"
            )]
            #[inline]
            pub const fn updated_on(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].updated_on
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "The name of the code's variant, as written in Rust; `None` for `Other`.",
                "use ws_close_codes::CloseCode;\n\n\
                 assert_eq!(CloseCode::NormalClosure.ident(), Some(\"NormalClosure\"));\n\
                 assert_eq!(CloseCode::from_u16(4000).ident(), None);\n"
            )]
            #[inline]
            pub const fn ident(self) -> Option<&'static str> {
                $name::BY_SLOT[self.slot()].ident
            }

            #[doc = $crate::__close_code_doc!(
                $mode,
                "Reads a close code, in any of these forms:\n\n\
                 - the number in decimal: `1000`, `4404`; any value from 0 to 65535;\n\
                 - the number, one space and the code's name, as `Display` writes a \
                 named code: `1000 Normal Closure`; the name must be that code's;\n\
                 - a named code's identifier: `NormalClosure`;\n\
                 - a named code's name: `Normal Closure`.\n\n\
                 The number forms are tried first, so a name that looks like a number \
                 cannot change what a number means. Names and identifiers are compared \
                 ignoring ASCII case. Nothing else is accepted: no signs, no surrounding \
                 spaces. `FromStr` does the same, and every code's `Display` text reads \
                 back as that code.",
                "use ws_close_codes::{CloseCode, ParseCloseCodeError};\n\n\
                 assert_eq!(CloseCode::parse(\"1001\"), Ok(CloseCode::GoingAway));\n\
                 assert_eq!(CloseCode::parse(\"GOINGAWAY\"), Ok(CloseCode::GoingAway));\n\
                 let name = CloseCode::GoingAway.name().unwrap();\n\
                 assert_eq!(CloseCode::parse(name), Ok(CloseCode::GoingAway));\n\
                 assert_eq!(CloseCode::parse(\"4404\").map(CloseCode::as_u16), Ok(4404));\n\
                 assert_eq!(CloseCode::parse(\"70000\"), Err(ParseCloseCodeError::OutOfRange));\n\
                 assert_eq!(CloseCode::parse(\"Goodbye\"), Err(ParseCloseCodeError::Unknown));\n"
            )]
            pub const fn parse(text: &str) -> Result<$name, $crate::ParseCloseCodeError> {
                match $crate::__private::parse(text, $name::RECORDS) {
                    Ok(value) => Ok($name::from_u16(value)),
                    Err(error) => Err(error),
                }
            }
        }

        /// Written as `derive(Debug)` would (`NormalClosure`, `Other(4000)`).
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match (self, self.ident()) {
                    ($name::Other(other), _) => f.debug_tuple("Other").field(other).finish(),
                    (_, Some(ident)) => f.write_str(ident),
                    (_, None) => Ok(()),
                }
            }
        }

        /// `1000 Normal Closure` for a named code, the number alone otherwise.
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                // One write: the generated text for a named code, the digits
                // for any other; never `write!`, which parses a format string
                // and dispatches each argument at run time.
                match $name::BY_SLOT[self.slot()].display {
                    Some(text) => f.write_str(text),
                    None => $crate::__private::write_decimal(f, self.as_u16()),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::ParseCloseCodeError;

            /// Same as `parse`.
            fn from_str(text: &str) -> Result<$name, $crate::ParseCloseCodeError> {
                $name::parse(text)
            }
        }

        impl ::core::convert::From<u16> for $name {
            /// Same as `from_u16`.
            fn from(value: u16) -> $name {
                $name::from_u16(value)
            }
        }

        impl ::core::convert::From<$name> for u16 {
            /// Same as `as_u16`.
            fn from(code: $name) -> u16 {
                code.as_u16()
            }
        }

        /// A code equals the number it stands for.
        impl ::core::cmp::PartialEq<u16> for $name {
            fn eq(&self, other: &u16) -> bool {
                self.as_u16() == *other
            }
        }

        /// A number equals the code it stands for.
        impl ::core::cmp::PartialEq<$name> for u16 {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_u16()
            }
        }

        impl ::core::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &$name) -> Option<::core::cmp::Ordering> {
                Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        /// Ordered by value.
        impl ::core::cmp::Ord for $name {
            fn cmp(&self, other: &$name) -> ::core::cmp::Ordering {
                self.as_u16().cmp(&other.as_u16())
            }
        }

        /// 1000, the code for a closure that fulfilled its purpose.
        impl ::core::default::Default for $name {
            fn default() -> $name {
                $name::from_u16(1000)
            }
        }
    };
    (@application $name:ident, $other:ident) => {
        /// The value of an `Other` code: a close code without a name in the
        /// enum. Only the enum's conversions make one, and never for a named
        /// code's value.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $other(u16);

        impl $other {
            const fn new(value: u16) -> $other {
                $other(value)
            }

            /// The code's value.
            pub const fn as_u16(self) -> u16 {
                self.0
            }

            const fn slot(self) -> usize {
                $crate::CodeRange::of(self.0) as usize
            }
        }

        /// The number alone.
        impl ::core::fmt::Debug for $other {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }

        /// The number alone.
        impl ::core::fmt::Display for $other {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::core::convert::From<$other> for u16 {
            /// Same as `as_u16`.
            fn from(code: $other) -> u16 {
                code.0
            }
        }

        impl $name {
            /// The same code as a [`CloseCode`](::ws_close_codes::CloseCode).
            pub const fn to_close_code(self) -> $crate::CloseCode {
                $crate::CloseCode::from_u16(self.as_u16())
            }

            /// The same code from a [`CloseCode`](::ws_close_codes::CloseCode).
            pub const fn from_close_code(code: $crate::CloseCode) -> $name {
                $name::from_u16(code.as_u16())
            }

            /// Where the code lies in the code space: `CloseCode::range`.
            pub const fn range(self) -> $crate::CodeRange {
                $crate::CodeRange::of(self.as_u16())
            }

            /// `CloseCode::is_sendable`: whether an endpoint may put the code
            /// in a Close frame (RFC 6455).
            pub const fn is_sendable(self) -> bool {
                self.to_close_code().is_sendable()
            }

            /// `CloseCode::is_reserved`: whether RFC 6455 reserves the code
            /// against use in a Close frame.
            pub const fn is_reserved(self) -> bool {
                self.to_close_code().is_reserved()
            }

            /// `CloseCode::is_unassigned`: whether the code lies in a range
            /// IANA registers codes in but IANA has not registered it.
            pub const fn is_unassigned(self) -> bool {
                self.to_close_code().is_unassigned()
            }

            /// `CloseCode::is_private_use`: whether the code is for private
            /// use (4000-4999).
            pub const fn is_private_use(self) -> bool {
                self.to_close_code().is_private_use()
            }

            /// `CloseCode::is_accepted_by_websocket_close`: whether a browser
            /// script may pass the code to `WebSocket.close()`.
            pub const fn is_accepted_by_websocket_close(self) -> bool {
                self.to_close_code().is_accepted_by_websocket_close()
            }

            /// `CloseCode::is_reported_by_browsers`: whether a browser reports
            /// the code to the page when a Close frame carries it.
            pub const fn is_reported_by_browsers(self) -> bool {
                self.to_close_code().is_reported_by_browsers()
            }

            /// `CloseCode::is_normal`: whether the code reports an orderly
            /// end.
            pub const fn is_normal(self) -> bool {
                self.to_close_code().is_normal()
            }
        }

        impl ::core::convert::From<$crate::CloseCode> for $name {
            /// Same as `from_close_code`.
            fn from(code: $crate::CloseCode) -> $name {
                $name::from_close_code(code)
            }
        }

        impl ::core::convert::From<$name> for $crate::CloseCode {
            /// Same as `to_close_code`.
            fn from(code: $name) -> $crate::CloseCode {
                code.to_close_code()
            }
        }
    };
}
