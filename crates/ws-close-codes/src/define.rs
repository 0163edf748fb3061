//! The one definition of a close-code enum, used by [`CloseCode`] and by
//! every enum an application makes with [`close_codes!`].
//!
//! The generated file holds data only: `__iana_codes!`, whose body lists
//! IANA's codes, one row each (identifier, value, name, descriptions,
//! contact, references, dates), and the runs of consecutive values among
//! them. [`CloseCode`] is `__iana_codes!` with no codes of its own;
//! [`close_codes!`] adds an application's rows after IANA's.
//! `__close_code_enum!` turns the rows into the enum and everything around
//! it, so a fix here reaches the crate's enum and every application's
//! alike.
//!
//! # The plain layout
//!
//! The enum is `#[repr(u16)]`. A named code's variant has its value as its
//! discriminant (`NormalClosure = 1000`); `Other` has 0, which no named
//! code has (IANA's are 1000-4999, an application's 4000-4999). The number
//! is stored as a `u16` before `Other`'s value, a layout the language
//! defines. `as_u16` is a `match` with one arm per variant, which compiles
//! to the stored number, or `Other`'s value when the number is 0. Every
//! fact about the named codes is a table with one entry per named code, in
//! ascending order of value: `VALUES`, `NAMES`, `DESCRIPTIONS` and so on. A code's *index*, its position in those
//! tables, comes from its value by the `match` of `from_u16` below; an
//! accessor is a `match` that answers `None` for `Other` and reads its
//! table at the index otherwise. Each accessor has a table of its own, so
//! a program that asks only for names carries only the names.
//!
//! `from_u16` finds a value's index with one comparison against the span
//! of the named codes (most values lie outside it), then one `match` whose
//! arms are the runs of consecutive codes (`1000..=1015` is one arm): a
//! range check and a subtraction for most codes, where an arm per code
//! would compile to a jump table. It then picks the variant by comparing
//! the index with each variant's position, which the compiler follows
//! through to the variant's number, so `CloseCode::from(v).as_u16()`
//! folds to `v` and `CloseCode::from(v).name()` reads one table entry.
//! `is_sendable` reads its answer by value where a table of 5,000 answers
//! is cheap, and by the rule elsewhere (`rules.rs` says where and why).
//! `BENCHMARKS.md` measures all of it.
//!
//! [`CloseCode`]: crate::CloseCode
//! [`close_codes!`]: crate::close_codes

/// Makes an enum of close codes: IANA's registered codes (the variants of
/// [`CloseCode`](crate::CloseCode)) and an application's own codes for
/// private use (4000-4999), with everything `CloseCode` has: names,
/// descriptions, identifiers, `Display` and `FromStr`, conversions both
/// ways with `u16` and with `CloseCode`, comparisons with `u16`, and the
/// rules (`is_sendable` and the other predicates of `CloseCode`).
///
/// Each code is a variant, its value, its short name and its description.
/// Doc comments on a code document its variant.
///
/// ```
/// ws_close_codes::close_codes! {
///     /// The close codes of our chat protocol.
///     pub enum ChatCloseCode {
///         /// Sent when the room is closed by its owner.
///         RoomClosed = 4000 {
///             name: "Room Closed",
///             description: "The room was closed by its owner.",
///         },
///         Kicked = 4001 {
///             name: "Kicked",
///             description: "A moderator removed the user from the room.",
///         },
///     }
/// }
///
/// use ws_close_codes::CloseCode;
///
/// let code = ChatCloseCode::from(4001);
/// assert_eq!(code, ChatCloseCode::Kicked);
/// assert_eq!(code.to_string(), "4001 Kicked");
/// assert!(code.is_sendable());
/// assert_eq!(CloseCode::from(code), CloseCode::from(4001));
/// // IANA's codes are there too.
/// assert_eq!(ChatCloseCode::from(1000), ChatCloseCode::NormalClosure);
/// assert_eq!("room closed".parse(), Ok(ChatCloseCode::RoomClosed));
/// ```
///
/// The codes go into a constant Close frame as they are, with
/// [`close_frame!`](crate::close_frame), and
/// [`CloseEvent::display_as`](crate::CloseEvent::display_as) logs a close
/// with their names, which [`CloseCode`](crate::CloseCode) does not know:
///
/// ```
/// # ws_close_codes::close_codes! {
/// #     pub enum ChatCloseCode {
/// #         RoomClosed = 4000 { name: "Room Closed", description: "The room was closed by its owner." },
/// #     }
/// # }
/// use ws_close_codes::{close_frame, CloseEvent, CloseFrame};
///
/// const ROOM_CLOSED: CloseFrame<'static> = close_frame!(ChatCloseCode::RoomClosed, "bye");
/// let event = CloseEvent::from(ROOM_CLOSED);
/// assert_eq!(event.to_string(), "4000: bye");
/// assert_eq!(event.display_as::<ChatCloseCode>().to_string(), "4000 Room Closed: bye");
/// ```
///
/// The build fails, naming the code, when a value is outside 4000-4999,
/// when two codes have the same value, when the codes are not in ascending
/// order, or when a name or identifier is already another code's (ignoring
/// ASCII case, as parsing does), IANA's included. Every such problem is
/// reported, not only the first:
///
/// ```compile_fail
/// ws_close_codes::close_codes! {
///     pub enum Codes {
///         Teapot = 418 { name: "Teapot", description: "Not a WebSocket code." },
///     }
/// }
/// ```
///
/// ```compile_fail
/// ws_close_codes::close_codes! {
///     pub enum Codes {
///         First = 4000 { name: "First", description: "One." },
///         Second = 4000 { name: "Second", description: "The same value." },
///     }
/// }
/// ```
///
/// ```compile_fail
/// ws_close_codes::close_codes! {
///     pub enum Codes {
///         // IANA's 1000 has this name.
///         Finished = 4000 { name: "normal closure", description: "Done." },
///     }
/// }
/// ```
///
/// ```compile_fail
/// ws_close_codes::close_codes! {
///     pub enum Codes {
///         // IANA's 1001 has this identifier, ignoring case.
///         Goingaway = 4000 { name: "Leaving", description: "Bye." },
///     }
/// }
/// ```
///
/// ```compile_fail
/// ws_close_codes::close_codes! {
///     pub enum Codes {
///         Later = 4001 { name: "Later", description: "Listed first." },
///         Earlier = 4000 { name: "Earlier", description: "Listed second." },
///     }
/// }
/// ```
#[macro_export]
macro_rules! close_codes {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $value:literal {
                    name: $code_name:literal,
                    description: $description:literal $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $crate::__iana_codes! {
            mode: application,
            $(#[$attr])*
            $vis enum $name {
                $(
                    $(#[doc = $doc])*
                    $variant = $value {
                        name: $code_name,
                        description: $description,
                    }
                ),*
            }
        }
    };
}

/// The documentation of an item of a close-code enum: for the crate's
/// [`CloseCode`](crate::CloseCode) the text and an example that runs as a
/// doc test; for an application's enum the text alone (its examples would
/// name `CloseCode`'s variants).
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

/// Fails the build, with `concat!($message)`, when `$failed` holds. One
/// constant per check, so that every failing check is reported.
#[doc(hidden)]
#[macro_export]
macro_rules! __close_code_check {
    ($failed:expr, $($message:expr),+ $(,)?) => {
        const _: () = if $failed {
            ::core::panic!("{}", concat!($($message),+));
        };
    };
}

/// Defines a close-code enum from its rows; see the
/// [module documentation](self). `__iana_codes!` calls it with the runs
/// and rows of IANA's codes and the application's rows (none for
/// `CloseCode`).
#[doc(hidden)]
#[macro_export]
macro_rules! __close_code_enum {
    (
        mode: $mode:ident,
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[doc = $adoc:literal])*
                $avariant:ident = $avalue:literal {
                    name: $aname:literal,
                    description: $adescription:literal $(,)?
                }
            ),* $(,)?
        }
        runs {
            $($first:literal ..= $last:literal => $run:ident),* $(,)?
        }
        codes {
            // Rows are separated by commas (`),*`), not each ended by one
            // (`,)*`): with the doc repetition first in a row, the second
            // form makes rustc's matcher quadratic in the number of rows.
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $value:literal {
                    name: $code_name:literal,
                    description: $description:literal,
                    iana_description: $iana:literal,
                    contact: $contact:expr,
                    references: [$(($kind:ident, $label:literal, $url:expr)),* $(,)?],
                    registered_on: $registered_on:expr,
                    updated_on: $updated_on:expr $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        $vis enum $name {
            $(
                $(#[doc = $doc])*
                $variant = $value,
            )*
            $(
                #[doc = concat!("`", $avalue, "` **", $aname, "**\n\n", $adescription)]
                #[doc = ""]
                $(#[doc = $adoc])*
                $avariant = $avalue,
            )*
            /// Every value without a variant of its own. It never holds the
            /// value of a named code: `from_u16` returns that code's variant,
            /// and only the enum's conversions make the payload.
            Other($crate::UnnamedCode<$name>) = 0,
        }

        const _: () = {
            /// The named codes in the enum's order: a variant's
            /// discriminant here is its index.
            #[allow(dead_code, non_camel_case_types)]
            enum Index {
                $($variant,)*
                $($avariant,)*
            }

            /// How many named codes there are.
            const COUNT: usize = $name::NAMED.len();

            // One table per fact, one entry per named code, by index: a
            // program keeps only the tables of the accessors it calls.
            const VALUES: [u16; COUNT] = [$($value,)* $($avalue,)*];
            const IDENTS: [&'static str; COUNT] =
                [$(stringify!($variant),)* $(stringify!($avariant),)*];
            const NAMES: [&'static str; COUNT] = [$($code_name,)* $($aname,)*];
            const DESCRIPTIONS: [&'static str; COUNT] =
                [$($description,)* $($adescription,)*];
            const IANA_DESCRIPTIONS: [::core::option::Option<&'static str>; COUNT] =
                [$(Some($iana),)* $($crate::__private::none($avalue),)*];
            const CONTACTS: [::core::option::Option<&'static str>; COUNT] =
                [$($contact,)* $($crate::__private::none($avalue),)*];
            const REFERENCES: [&'static [$crate::Reference]; COUNT] = [
                $(&[$($crate::__private::reference($crate::ReferenceKind::$kind, $label, $url)),*],)*
                $($crate::__private::no_references($avalue),)*
            ];
            const REGISTERED_ON: [::core::option::Option<&'static str>; COUNT] =
                [$($registered_on,)* $($crate::__private::none($avalue),)*];
            const UPDATED_ON: [::core::option::Option<&'static str>; COUNT] =
                [$($updated_on,)* $($crate::__private::none($avalue),)*];
            const DISPLAY: [&'static str; COUNT] =
                [$(concat!($value, " ", $code_name),)* $(concat!($avalue, " ", $aname),)*];

            /// The lowest and the highest named value.
            const FIRST: u16 = if COUNT == 0 { 1 } else { VALUES[0] };
            const LAST: u16 = if COUNT == 0 { 0 } else { VALUES[COUNT - 1] };

            /// The index of the named code `value`, `COUNT` when no
            /// code has that value.
            #[inline(always)]
            const fn index_of(value: u16) -> usize {
                if value.wrapping_sub(FIRST) > LAST.wrapping_sub(FIRST) {
                    return COUNT;
                }
                match value {
                    $($first..=$last => Index::$run as usize + (value - $first) as usize,)*
                    $($avalue => Index::$avariant as usize,)*
                    _ => COUNT,
                }
            }

            /// The code's index: its position among the named codes,
            /// `COUNT` for `Other`. From the value, as `from_u16` finds
            /// it, not a `match` with an arm per variant: that one compiles
            /// to a jump table, slower on a mix of codes and larger on wasm.
            #[inline(always)]
            const fn index(code: $name) -> usize {
                match code {
                    $name::Other(_) => COUNT,
                    named => index_of(named.as_u16()),
                }
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
                pub const NAMED: &'static [$name] = &[$($name::$variant,)* $($name::$avariant,)*];

                #[doc = $crate::__close_code_doc!(
                    $mode,
                    "The close code for `value`: the code's own variant when it is named, \
                     `Other` otherwise.",
                    "use ws_close_codes::CloseCode;\n\n\
                     assert_eq!(CloseCode::from_u16(1001), CloseCode::GoingAway);\n\
                     assert!(matches!(CloseCode::from_u16(4000), CloseCode::Other(_)));\n"
                )]
                #[inline(always)]
                pub const fn from_u16(value: u16) -> $name {
                    // One comparison of the index per variant, not a read
                    // of `NAMED` nor a `match` with an arm per value (which
                    // the compiler turns into a switch it does not see
                    // through): here it follows each variant's number back
                    // to `value`, so `as_u16` after it folds to `value`,
                    // and `is_sendable` and `name` read their tables
                    // directly.
                    let index = index_of(value);
                    $(if index == Index::$variant as usize {
                        return $name::$variant;
                    })*
                    $(if index == Index::$avariant as usize {
                        return $name::$avariant;
                    })*
                    $name::Other($crate::UnnamedCode::__new(value))
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
                        $($name::$variant => $value,)*
                        $($name::$avariant => $avalue,)*
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
                pub const fn name(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => Some(NAMES[index(named)]),
                    }
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
                pub const fn description(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => Some(DESCRIPTIONS[index(named)]),
                    }
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
                pub const fn iana_description(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => IANA_DESCRIPTIONS[index(named)],
                    }
                }

                #[doc = $crate::__close_code_doc!(
                    $mode,
                    "The name of the person or body the registry lists as the contact for \
                     the code, if it lists one; `None` for `Other`.",
                    "use ws_close_codes::CloseCode;\n\n\
                     assert_eq!(CloseCode::from_u16(4000).contact(), None);\n"
                )]
                #[inline]
                pub const fn contact(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => CONTACTS[index(named)],
                    }
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
                    match self {
                        $name::Other(_) => &[],
                        named => REFERENCES[index(named)],
                    }
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
                pub const fn registered_on(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => REGISTERED_ON[index(named)],
                    }
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
                pub const fn updated_on(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => UPDATED_ON[index(named)],
                    }
                }

                #[doc = $crate::__close_code_doc!(
                    $mode,
                    "The name of the code's variant, as written in Rust; `None` for `Other`.",
                    "use ws_close_codes::CloseCode;\n\n\
                     assert_eq!(CloseCode::NormalClosure.ident(), Some(\"NormalClosure\"));\n\
                     assert_eq!(CloseCode::from_u16(4000).ident(), None);\n"
                )]
                #[inline]
                pub const fn ident(self) -> ::core::option::Option<&'static str> {
                    match self {
                        $name::Other(_) => None,
                        named => Some(IDENTS[index(named)]),
                    }
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
                    let codes = $crate::__private::Codes {
                        values: &VALUES,
                        idents: &IDENTS,
                        names: &NAMES,
                    };
                    match codes.parse(text) {
                        Ok(value) => Ok($name::from_u16(value)),
                        Err(error) => Err(error),
                    }
                }
            }

            /// Written as `derive(Debug)` would (`NormalClosure`, `Other(4000)`).
            impl ::core::fmt::Debug for $name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        $name::Other(other) => f.debug_tuple("Other").field(other).finish(),
                        named => f.write_str(IDENTS[index(*named)]),
                    }
                }
            }

            /// `1000 Normal Closure` for a named code, the number alone otherwise.
            impl ::core::fmt::Display for $name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    // One write, never `write!`, which parses a format string
                    // and dispatches each argument at run time.
                    match self {
                        $name::Other(other) => $crate::__private::write_decimal(f, other.as_u16()),
                        named => f.write_str(DISPLAY[index(*named)]),
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
                #[inline(always)]
                fn from(value: u16) -> $name {
                    $name::from_u16(value)
                }
            }

            impl ::core::convert::From<$name> for u16 {
                /// Same as `as_u16`.
                #[inline]
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

            $crate::__close_code_enum! { @$mode $name $($avariant = $avalue $aname,)* }
        };
    };
    (@registry $name:ident) => {
        impl $name {
            /// The value of each named code, by index.
            pub(crate) const VALUES: [u16; COUNT] = VALUES;

            /// The code's index: its position among the named codes,
            /// `COUNT` for `Other`.
            #[inline(always)]
            pub(crate) const fn index(self) -> usize {
                index(self)
            }
        }
    };
    (@application $name:ident $($variant:ident = $value:literal $code_name:literal,)*) => {
        $(
            $crate::__close_code_check!(
                !$crate::__private::is_private_use($value),
                "close code ", stringify!($value), " (", stringify!($variant),
                ") is outside 4000-4999: an application's own codes are for private use",
            );
            $crate::__close_code_check!(
                $crate::__private::value_taken(&VALUES, Index::$variant as usize),
                "close code ", stringify!($value), " (", stringify!($variant),
                ") is listed more than once",
            );
            $crate::__close_code_check!(
                $crate::__private::is_private_use($value)
                    && $crate::__private::out_of_order(&VALUES, Index::$variant as usize),
                "close code ", stringify!($value), " (", stringify!($variant),
                ") is listed after a greater code: list the codes in ascending order",
            );
            $crate::__close_code_check!(
                $crate::__private::text_taken(
                    &NAMES, &IDENTS, Index::$variant as usize, $code_name
                ),
                "the name ", stringify!($code_name), " of close code ", stringify!($value),
                " is already the name or identifier of another code (ignoring ASCII case)",
            );
            $crate::__close_code_check!(
                $crate::__private::text_taken(
                    &NAMES, &IDENTS, Index::$variant as usize, stringify!($variant)
                ),
                "the identifier ", stringify!($variant), " of close code ", stringify!($value),
                " is already the name or identifier of another code (ignoring ASCII case)",
            );
        )*

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

            /// `CloseCode::is_reported_by_every_browser`: whether the page of
            /// every browser engine measured is told the code when a Close
            /// frame carries it.
            pub const fn is_reported_by_every_browser(self) -> bool {
                self.to_close_code().is_reported_by_every_browser()
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
