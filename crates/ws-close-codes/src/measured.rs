//! What was measured of each peer: the versions the data is for and the
//! facts of their behaviour that [`peers`](crate::peers) turns into
//! [`Delivery`](crate::Delivery)s. Each measured peer is one
//! self-contained block, so that a new release with the same behaviour
//! changes its block and nothing else; the versions are macros that expand
//! to string literals, so that doc attributes can `concat!` them.

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
