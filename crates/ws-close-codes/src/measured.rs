//! What was measured of each peer, one block per peer: the version
//! measured, as a macro that expands to a string literal (so that a doc
//! attribute can `concat!` it), and what its application was seen to do
//! with a Close frame. [`Peer`](crate::Peer) reads its answers from here;
//! the tests of the repository (for browsers, `crates/browser-check`, which
//! drives each engine over loopback) compare these facts with the peers.
//!
//! A new release that behaves the same changes only its version here.

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
