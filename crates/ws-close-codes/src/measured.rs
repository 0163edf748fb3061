//! What was measured of each peer, one self-contained block per peer: the
//! versions the data is for, as macros that expand to string literals (so
//! that a doc attribute can `concat!` them), and the facts of its
//! behaviour that [`peers`](crate::peers) turns into
//! [`Delivery`](crate::Delivery)s. The tests of the repository compare
//! these facts with the peers themselves (for the Rust stacks,
//! `tests/peers_<stack>.rs`; for browsers, `crates/browser-check`, which
//! drives each engine over loopback).
//!
//! A new release that behaves the same changes only its block here (a new
//! tungstenite line, not even that: its range comes from the list of the
//! lines).

use crate::peers::{Cause, Replacement};
use crate::CloseCode;

// tungstenite: every line this crate has a feature for, read from the one
// list of the lines (`tungstenite_lines.rs`), measured by
// `tests/peers_tungstenite.rs` over every code on each line. They all
// behave the same.

/// From the list of the lines, oldest first: `tungstenite_versions!()`,
/// the range of lines (the oldest, `-`, the newest);
/// `tungstenite_features!()`, their features, in backticks and separated
/// by commas; and `tungstenite_newest_crate!()`, the name of the newest
/// line's dependency, which the doc examples rename to `tungstenite`.
macro_rules! tungstenite_lines {
    (
        ($krate:ident, $feature:literal, $line:literal, $reason:ident)
        $(($krates:ident, $features:literal, $lines:literal, $reasons:ident))*
    ) => {
        macro_rules! tungstenite_features {
            () => {
                concat!("`", $feature, "`" $(, ", `", $features, "`")*)
            };
        }
        tungstenite_lines!(@newest $line, ($krate, $line) $(($krates, $lines))*);
    };
    (@newest $oldest:literal, ($krate:ident, $line:literal)) => {
        macro_rules! tungstenite_versions {
            () => {
                concat!($oldest, "-", $line)
            };
        }
        macro_rules! tungstenite_newest_crate {
            () => {
                stringify!($krate)
            };
        }
    };
    (@newest $oldest:literal, $older:tt $($newer:tt)+) => {
        tungstenite_lines!(@newest $oldest, $($newer)+);
    };
}
include!("tungstenite_lines.rs");
// Named by path (`measured::tungstenite_versions!()`), so that the other
// modules and the crate's own doc attributes, which come before any
// `macro_rules!`, can call them; clippy takes the paths for redundant.
#[allow(clippy::single_component_path_imports)]
pub(crate) use {tungstenite_features, tungstenite_newest_crate, tungstenite_versions};

/// The last protocol code tungstenite accepts: 1013 (Try Again Later). Its
/// `CloseCode::is_allowed` refuses 1014 (Bad Gateway), registered in 2016.
/// fastwebsockets and yawc copied tungstenite's `CloseCode`, soketto and
/// ratchet_rs list the same codes.
pub(crate) const TUNGSTENITE_LAST: u16 = 1013;

/// What tungstenite puts in place of a code it refuses: its
/// `CloseCode::Protocol` with this reason, in the frame handed to the
/// application and in the Close frame it answers with.
pub(crate) const TUNGSTENITE_REPLACEMENT: Replacement = Replacement {
    code: CloseCode::ProtocolError,
    reason: Some("Protocol violation"),
    clean: true,
};

/// The error tungstenite's `WebSocket::read` returns for a Close frame it
/// fails on.
pub(crate) const fn tungstenite_error(cause: Cause) -> &'static str {
    match cause {
        Cause::OneByte => "Error::Protocol(ProtocolError::InvalidCloseSequence)",
        Cause::TooLong => "Error::Protocol(ProtocolError::ControlFrameTooBig)",
        // tungstenite replaces the codes it refuses: no failure.
        Cause::Code | Cause::Utf8 => "Error::Utf8",
    }
}

/// What a browser page is told of a Close frame body of 1 byte, which is
/// too short for a code.
#[derive(Clone, Copy)]
pub(crate) enum OneByteBody {
    /// The browser fails the connection.
    Fails,
    /// The browser reads it as a body without a code: 1005, clean.
    NoCode,
}

// Chromium (Blink), headless, from Debian's `chromium` package.

/// The Chromium release measured (its major version).
macro_rules! chromium_version {
    () => {
        "156"
    };
}
pub(crate) use chromium_version;

/// Chromium's measured behaviour.
pub(crate) mod chromium {
    use super::OneByteBody;

    /// Whether the page is told a code received in a Close frame (with a
    /// UTF-8 reason, in a body of at most 125 bytes): every code but
    /// 1005, 1006 and 1015, on which Chromium fails the connection.
    pub(crate) const fn reports(value: u16) -> bool {
        !matches!(value, 1005 | 1006 | 1015)
    }

    /// A 1-byte body fails the connection.
    pub(crate) const ONE_BYTE_BODY: OneByteBody = OneByteBody::Fails;
}

// Firefox (Gecko), headless, from Debian's `firefox-esr` package.

/// The Firefox ESR release measured (its major version).
macro_rules! firefox_version {
    () => {
        "153"
    };
}
pub(crate) use firefox_version;

/// Firefox's measured behaviour.
pub(crate) mod firefox {
    use super::OneByteBody;

    /// Whether the page is told a code received in a Close frame (with a
    /// UTF-8 reason, in a body of at most 125 bytes): every code, 1005,
    /// 1006 and 1015 included.
    pub(crate) const fn reports(value: u16) -> bool {
        let _ = value;
        true
    }

    /// A 1-byte body is read as a body without a code: 1005, clean.
    pub(crate) const ONE_BYTE_BODY: OneByteBody = OneByteBody::NoCode;
}

// WebKit: WebKitGTK (its WebKit2 API 4.1, networking by libsoup), from
// Debian's `gir1.2-webkit2-4.1` package, in a web view under Xvfb.

/// The WebKitGTK release measured (major and minor version).
macro_rules! webkit_version {
    () => {
        "2.50"
    };
}
pub(crate) use webkit_version;

/// WebKitGTK's measured behaviour.
pub(crate) mod webkit {
    use super::OneByteBody;

    /// Whether the page is told a code received in a Close frame (with a
    /// UTF-8 reason, in a body of at most 125 bytes): 1000-1003,
    /// 1007-1011 and 3000-4999; WebKitGTK fails the connection on every
    /// other code, 1012-1014 included.
    pub(crate) const fn reports(value: u16) -> bool {
        matches!(value, 1000..=1003 | 1007..=1011 | 3000..=4999)
    }

    /// A 1-byte body fails the connection.
    pub(crate) const ONE_BYTE_BODY: OneByteBody = OneByteBody::Fails;
}
