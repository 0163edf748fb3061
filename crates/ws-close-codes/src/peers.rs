//! What a peer's application sees when a Close frame reaches it.
//!
//! A sender picks a close code; whether the application at the other end
//! is told that code depends on the WebSocket implementation there, not
//! only on RFC 6455. [`CloseCode::received_by`] answers for one code and
//! one [`Peer`]; [`Peer::receives`] answers for a whole Close frame body,
//! malformed ones included.
//!
//! Every peer's data is written here as rules: ranges, short lists, the
//! constants of [`rules`](crate::rules) and, for RFC 6455 only, whether the
//! registry this crate was generated from names a code. The peers that
//! carry a fixed list of codes in their source (everyone but RFC 6455 and
//! the browsers) do not follow the registry, so a code IANA registers
//! later stays refused by them until they change. The tests of the
//! repository compute each table from the peers themselves: the Rust
//! stacks' own receiving code over all 65,536 codes (tungstenite,
//! tokio-websockets, actix-http, fastwebsockets, yawc, soketto and
//! ratchet_rs; a loopback connection too for tungstenite), three browser
//! engines driven headless over loopback (`crates/browser-check`), and the
//! checked-in measurements of Python's `websockets` and Node's `ws`
//! (`crates/peer-tables`). What was measured of the browsers, their
//! versions included, is written once, in the `measured` module.

use core::fmt;

use crate::measured::{
    self, tungstenite_error, tungstenite_versions, OneByteBody, TUNGSTENITE_LAST,
    TUNGSTENITE_REPLACEMENT,
};
use crate::rules::{holds, CODE_LEN, MAX_BODY_LEN, MUST_NOT_SEND};
use crate::{CloseCode, CodeRange};

/// A WebSocket implementation that receives Close frames, at the versions
/// this crate's data is for ([`Peer::version`]).
///
/// ```
/// use ws_close_codes::{CloseCode, Delivery, Peer};
///
/// // Does tungstenite deliver 1014 (Bad Gateway) to its application?
/// assert!(!CloseCode::BadGateway.received_by(Peer::Tungstenite).is_delivered());
/// // Also at compile time.
/// const TO_TUNGSTENITE: Delivery = CloseCode::BadGateway.received_by(Peer::Tungstenite);
/// assert!(matches!(TO_TUNGSTENITE, Delivery::Replaced(_)));
/// assert!(CloseCode::BadGateway.received_by(Peer::NodeWs).is_delivered());
///
/// for peer in Peer::ALL {
///     assert!(CloseCode::NormalClosure.received_by(peer).is_delivered(), "{peer}");
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Peer {
    /// An endpoint that reads RFC 6455 strictly: it accepts exactly the
    /// codes that may be sent ([`CloseCode::is_sendable`]), so it follows
    /// the registry this crate was generated from, and fails the connection
    /// (section 7.1.7) on anything else, reporting 1006 (Abnormal Closure).
    Rfc6455,
    #[doc = concat!(
        "A page's `WebSocket` in Chromium (Blink), measured in headless Chromium ",
        measured::chromium_version!(),
        " on Linux. ",
    )]
    /// More lenient than RFC 6455: it reports every code but 1005, 1006
    /// and 1015, on which it fails the connection, as it does on a body of
    /// 1 byte. The page's `CloseEvent` is
    /// [`CloseEvent::from_body_as`](crate::CloseEvent::from_body_as) with
    /// [`Browser::Chromium`].
    Chromium,
    #[doc = concat!(
        "A page's `WebSocket` in Firefox (Gecko), measured in headless Firefox ESR ",
        measured::firefox_version!(),
        " on Linux. ",
    )]
    /// It reports every code, 1005, 1006 and 1015 included, and reads a
    /// body of 1 byte as one without a code (1005, clean). The page's
    /// `CloseEvent` is
    /// [`CloseEvent::from_body_as`](crate::CloseEvent::from_body_as) with
    /// [`Browser::Firefox`].
    Firefox,
    #[doc = concat!(
        "A page's `WebSocket` in WebKit, measured in WebKitGTK ",
        measured::webkit_version!(),
        " (WebKit2 API 4.1) on Linux, whose networking is libsoup's. ",
    )]
    /// It reports 1000-1003, 1007-1011 and 3000-4999 and fails the
    /// connection on every other code, 1012-1014 (Service Restart, Try
    /// Again Later, Bad Gateway) included, and on a body of 1 byte. The
    /// page's `CloseEvent` is
    /// [`CloseEvent::from_body_as`](crate::CloseEvent::from_body_as) with
    /// [`Browser::WebKit`].
    ///
    /// Not measured: Safari. Safari shares WebKit's DOM side but reads
    /// WebSocket frames in Apple's own networking stack (CFNetwork), which
    /// does not run where the measurements are made, so Safari may treat
    /// Close frames differently; the same holds for the other WebKit ports
    /// and for every browser on iOS.
    WebKit,
    #[doc = concat!(
        "tungstenite ", tungstenite_versions!(), ", every line this crate has a feature for ",
        "(so also tokio-tungstenite, async-tungstenite, axum, warp, poem and salvo): ",
        "`WebSocket::read` on a Close frame that starts the closing handshake.",
    )]
    Tungstenite,
    /// tokio-websockets 0.13: its `WebSocketStream`'s next item.
    TokioWebsockets,
    /// actix-http 3.13.5 and later (actix-web, actix-ws): its
    /// `ws::Codec`'s decoded frame. Releases before 3.13.5 deliver every
    /// code.
    ActixHttp,
    /// fastwebsockets 0.10 (measured: 0.10.0), with its default
    /// `auto_close`: what `WebSocket::read_frame` returns for a Close
    /// frame. A code its `CloseCode::is_allowed` refuses (1014 included)
    /// fails with `WebSocketError::InvalidCloseCode`, after fastwebsockets
    /// answered with a Close frame of 1002 and the reason sent. It does
    /// not check a Close frame's length: a body over 125 bytes is read
    /// like any other.
    FastWebsockets,
    /// yawc 0.5 (measured: 0.5.0): what `WebSocket::next_frame` returns
    /// for a Close frame (its `Stream` ends where `next_frame` returns an
    /// error). A code its `CloseCode::is_allowed` refuses (1014 included)
    /// fails with `WebSocketError::InvalidCloseCode`, after yawc answered
    /// with a Close frame of 1002. Like fastwebsockets, it reads a Close
    /// body over 125 bytes like any other.
    Yawc,
    /// soketto 0.8 (measured: 0.8.1; so also jsonrpsee's WebSocket
    /// transport): what `Receiver::receive` returns for a Close frame,
    /// `Incoming::Closed(CloseReason)`. It replaces a code outside its
    /// list by 1002 without a reason, and a body without a code (empty or
    /// of 1 byte) ends in `Err(Error::Closed)`, soketto's "no code".
    Soketto,
    /// ratchet_rs 1.2 (measured: 1.2.1): what `WebSocket::read` returns
    /// for a Close frame, `Message::Close(Option<CloseReason>)`, or its
    /// `Error` (named here by its `ErrorKind` and its cause).
    Ratchet,
    /// Python's `websockets` 17: the exception `recv()` raises when the
    /// connection closes.
    PythonWebsockets,
    /// Node's `ws` 8: the `error` and `close` events of its `WebSocket`.
    NodeWs,
}

impl Peer {
    /// Every peer, in the order of the enum.
    ///
    /// ```
    /// use ws_close_codes::Peer;
    /// assert_eq!(Peer::ALL.len(), 13);
    /// assert_eq!(Peer::ALL[0], Peer::Rfc6455);
    /// ```
    pub const ALL: [Peer; 13] = [
        Peer::Rfc6455,
        Peer::Chromium,
        Peer::Firefox,
        Peer::WebKit,
        Peer::Tungstenite,
        Peer::TokioWebsockets,
        Peer::ActixHttp,
        Peer::FastWebsockets,
        Peer::Yawc,
        Peer::Soketto,
        Peer::Ratchet,
        Peer::PythonWebsockets,
        Peer::NodeWs,
    ];

    /// The implementation's name.
    ///
    /// ```
    /// use ws_close_codes::Peer;
    /// assert_eq!(Peer::PythonWebsockets.name(), "Python websockets");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Peer::Rfc6455 => "RFC 6455",
            Peer::Chromium => "Chromium",
            Peer::Firefox => "Firefox",
            Peer::WebKit => "WebKitGTK",
            Peer::Tungstenite => "tungstenite",
            Peer::TokioWebsockets => "tokio-websockets",
            Peer::ActixHttp => "actix-http",
            Peer::FastWebsockets => "fastwebsockets",
            Peer::Yawc => "yawc",
            Peer::Soketto => "soketto",
            Peer::Ratchet => "ratchet_rs",
            Peer::PythonWebsockets => "Python websockets",
            Peer::NodeWs => "Node ws",
        }
    }

    /// The versions the data is for: the releases checked, or the ones
    /// measured (empty for RFC 6455, which is read with the registry this
    /// crate was generated from, [`REGISTRY_UPDATED`](crate::REGISTRY_UPDATED)).
    ///
    /// ```
    /// use ws_close_codes::Peer;
    /// assert_eq!(Peer::TokioWebsockets.version(), "0.13");
    /// assert_eq!(Peer::TokioWebsockets.to_string(), "tokio-websockets 0.13");
    /// // tungstenite's is the range of the lines this crate has a feature for.
    /// assert!(Peer::Tungstenite.version().starts_with("0.24-"));
    /// ```
    pub const fn version(self) -> &'static str {
        match self {
            Peer::Rfc6455 => "",
            Peer::Chromium => measured::chromium_version!(),
            Peer::Firefox => measured::firefox_version!(),
            Peer::WebKit => measured::webkit_version!(),
            Peer::Tungstenite => tungstenite_versions!(),
            Peer::TokioWebsockets => "0.13",
            Peer::ActixHttp => "3.20",
            Peer::FastWebsockets => "0.10",
            Peer::Yawc => "0.5",
            Peer::Soketto => "0.8",
            Peer::Ratchet => "1.2",
            Peer::PythonWebsockets => "17",
            Peer::NodeWs => "8",
        }
    }

    /// The browser engine this peer is, if it is one.
    ///
    /// ```
    /// use ws_close_codes::{Browser, Peer};
    /// assert_eq!(Peer::Firefox.browser(), Some(Browser::Firefox));
    /// assert_eq!(Peer::NodeWs.browser(), None);
    /// let browsers = Peer::ALL.iter().filter(|peer| peer.browser().is_some()).count();
    /// assert_eq!(browsers, Browser::ALL.len());
    /// ```
    pub const fn browser(self) -> Option<Browser> {
        match self {
            Peer::Chromium => Some(Browser::Chromium),
            Peer::Firefox => Some(Browser::Firefox),
            Peer::WebKit => Some(Browser::WebKit),
            _ => None,
        }
    }

    /// What this peer's application sees when a Close frame with `body`
    /// reaches it and starts the closing handshake.
    ///
    /// - An empty body (no code): [`Delivery::Delivered`]; each API reports
    ///   "no code" its own way (1005 for browsers, Python, Node and
    ///   tokio-websockets; `None` for tungstenite, actix-http,
    ///   fastwebsockets, yawc and ratchet_rs; `Err(Error::Closed)` for
    ///   soketto).
    /// - A 1-byte body: the connection fails, except in soketto and
    ///   Firefox, which read it as a body without a code (delivered as "no
    ///   code").
    /// - A body over 125 bytes (which no valid frame carries): the
    ///   connection fails, except in fastwebsockets and yawc, which read it
    ///   as a code and a reason.
    /// - A code and a reason: as [`CloseCode::received_by`] when the reason
    ///   is UTF-8; the connection fails when it is not (tungstenite,
    ///   fastwebsockets, yawc, soketto, ratchet_rs and Python check the
    ///   reason before the code, the others after it).
    ///
    /// ```
    /// use ws_close_codes::{Delivery, Peer};
    ///
    /// assert_eq!(Peer::NodeWs.receives(b""), Delivery::Delivered);
    /// assert_eq!(Peer::NodeWs.receives(b"\x03\xe8bye"), Delivery::Delivered);
    /// let failure = Peer::NodeWs.receives(b"\x03\xe8\xff").failure().unwrap();
    /// assert_eq!(failure.error(), "WS_ERR_INVALID_UTF8");
    /// let failure = Peer::Tungstenite.receives(b"\x03").failure().unwrap();
    /// assert_eq!(failure.error(), "Error::Protocol(ProtocolError::InvalidCloseSequence)");
    ///
    /// // fastwebsockets reads a Close frame of 126 bytes; soketto reads
    /// // a 1-byte body as one without a code.
    /// let long = [&[0x03, 0xe8][..], &[b'r'; 124][..]].concat();
    /// assert_eq!(Peer::FastWebsockets.receives(&long), Delivery::Delivered);
    /// assert_eq!(Peer::Soketto.receives(b"\x03"), Delivery::Delivered);
    /// ```
    pub const fn receives(self, body: &[u8]) -> Delivery {
        if body.is_empty() {
            return Delivery::Delivered;
        }
        let reads_long_close = matches!(self, Peer::FastWebsockets | Peer::Yawc);
        if body.len() > MAX_BODY_LEN && !reads_long_close {
            return Delivery::Failed(self.failure(Cause::TooLong));
        }
        if body.len() < CODE_LEN {
            let no_code = match self.browser() {
                Some(browser) => matches!(browser.one_byte_body(), OneByteBody::NoCode),
                None => matches!(self, Peer::Soketto),
            };
            if no_code {
                return Delivery::Delivered;
            }
            return Delivery::Failed(self.failure(Cause::OneByte));
        }
        let code = CloseCode::from_u16(u16::from_be_bytes([body[0], body[1]]));
        let utf8 = core::str::from_utf8(body.split_at(CODE_LEN).1).is_ok();
        let reason_first = matches!(
            self,
            Peer::Tungstenite
                | Peer::FastWebsockets
                | Peer::Yawc
                | Peer::Soketto
                | Peer::Ratchet
                | Peer::PythonWebsockets
        );
        if !utf8 && reason_first {
            return Delivery::Failed(self.failure(Cause::Utf8));
        }
        match code.received_by(self) {
            Delivery::Delivered if !utf8 => Delivery::Failed(self.failure(Cause::Utf8)),
            delivery => delivery,
        }
    }

    /// How this peer fails the connection for `cause`.
    const fn failure(self, cause: Cause) -> Failure {
        let error = match (self, cause) {
            (Peer::Rfc6455, _) => "Fail the WebSocket Connection",
            (Peer::Chromium | Peer::Firefox | Peer::WebKit, _) => "error",
            (Peer::Tungstenite, cause) => tungstenite_error(cause),
            (Peer::TokioWebsockets, Cause::OneByte) | (Peer::TokioWebsockets, Cause::TooLong) => {
                "Error::Protocol(ProtocolError::InvalidPayloadLength)"
            }
            (Peer::TokioWebsockets, Cause::Code) => {
                "Error::Protocol(ProtocolError::InvalidCloseCode)"
            }
            (Peer::TokioWebsockets, Cause::Utf8) => "Error::Protocol(ProtocolError::InvalidUtf8)",
            (Peer::ActixHttp, Cause::OneByte) | (Peer::ActixHttp, Cause::TooLong) => {
                "ProtocolError::InvalidLength"
            }
            (Peer::ActixHttp, Cause::Code) | (Peer::ActixHttp, Cause::Utf8) => {
                "ProtocolError::BadOpCode"
            }
            (Peer::FastWebsockets, Cause::OneByte) | (Peer::Yawc, Cause::OneByte) => {
                "WebSocketError::InvalidCloseFrame"
            }
            (Peer::FastWebsockets, Cause::Code) | (Peer::Yawc, Cause::Code) => {
                "WebSocketError::InvalidCloseCode"
            }
            // Neither checks the length of a Close frame.
            (Peer::FastWebsockets, Cause::Utf8 | Cause::TooLong)
            | (Peer::Yawc, Cause::Utf8 | Cause::TooLong) => "WebSocketError::InvalidUTF8",
            // soketto replaces the codes it refuses and reads a 1-byte
            // body as one without a code.
            (Peer::Soketto, Cause::TooLong) => "Error::Codec(InvalidControlFrameLen)",
            (Peer::Soketto, _) => "Error::Utf8",
            (Peer::Ratchet, Cause::OneByte) => {
                "Error(Protocol, ProtocolError::InvalidControlFrame)"
            }
            (Peer::Ratchet, Cause::TooLong) => "Error(Protocol, ProtocolError::FrameOverflow)",
            (Peer::Ratchet, Cause::Code) => "Error(Protocol, CloseCodeParseErr)",
            (Peer::Ratchet, Cause::Utf8) => "Error(Encoding, Utf8Error)",
            (Peer::PythonWebsockets, _) => "ConnectionClosedError",
            (Peer::NodeWs, Cause::OneByte) | (Peer::NodeWs, Cause::TooLong) => {
                "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH"
            }
            (Peer::NodeWs, Cause::Code) => "WS_ERR_INVALID_CLOSE_CODE",
            (Peer::NodeWs, Cause::Utf8) => "WS_ERR_INVALID_UTF8",
        };
        let code = match self {
            Peer::Rfc6455 | Peer::Chromium | Peer::Firefox | Peer::WebKit | Peer::NodeWs => {
                Some(CloseCode::AbnormalClosure)
            }
            _ => None,
        };
        Failure { error, code }
    }
}

/// A browser engine whose page's `WebSocket` was measured: the browsers
/// among the [`Peer`]s. [`CloseEvent::from_body_as`](crate::CloseEvent::from_body_as)
/// gives the `CloseEvent` its page sees for a Close frame body, and
/// [`CloseCode::is_reported_by_every_browser`] says whether every one of
/// them reports a code.
///
/// ```
/// use ws_close_codes::{Browser, CloseCode, CloseEvent};
///
/// // 1013 (Try Again Later), as each engine's page sees it.
/// for browser in Browser::ALL {
///     let event = CloseEvent::from_body_as(browser, b"\x03\xf5busy");
///     let seen = if browser == Browser::WebKit { 1006 } else { 1013 };
///     assert_eq!(event.code().as_u16(), seen, "{}", browser.peer());
/// }
/// const PEER: ws_close_codes::Peer = Browser::WebKit.peer();
/// assert!(!CloseCode::TryAgainLater.received_by(PEER).is_delivered());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Browser {
    /// Chromium's engine, Blink (so also Chrome, Edge, Opera and the other
    /// browsers built on Chromium, which share its WebSocket code):
    /// [`Peer::Chromium`].
    Chromium,
    /// Firefox's engine, Gecko: [`Peer::Firefox`].
    Firefox,
    /// WebKit, as WebKitGTK runs it (not Safari's networking):
    /// [`Peer::WebKit`].
    WebKit,
}

impl Browser {
    /// Every browser engine measured, in the order of the enum.
    ///
    /// ```
    /// use ws_close_codes::Browser;
    /// assert_eq!(Browser::ALL[0], Browser::Chromium);
    /// assert_eq!(Browser::ALL.len(), 3);
    /// ```
    pub const ALL: [Browser; 3] = [Browser::Chromium, Browser::Firefox, Browser::WebKit];

    /// The [`Peer`] that is this engine's page, for
    /// [`CloseCode::received_by`] and [`Peer::receives`], and for its
    /// name and the version measured.
    ///
    /// ```
    /// use ws_close_codes::{Browser, Peer};
    /// assert_eq!(Browser::Firefox.peer(), Peer::Firefox);
    /// assert_eq!(Browser::WebKit.peer().name(), "WebKitGTK");
    /// ```
    pub const fn peer(self) -> Peer {
        match self {
            Browser::Chromium => Peer::Chromium,
            Browser::Firefox => Peer::Firefox,
            Browser::WebKit => Peer::WebKit,
        }
    }

    /// What the engine's page is told of a Close frame body of 1 byte.
    const fn one_byte_body(self) -> OneByteBody {
        match self {
            Browser::Chromium => measured::chromium::ONE_BYTE_BODY,
            Browser::Firefox => measured::firefox::ONE_BYTE_BODY,
            Browser::WebKit => measured::webkit::ONE_BYTE_BODY,
        }
    }
}

/// The same as [`Browser::peer`].
///
/// ```
/// use ws_close_codes::{Browser, Peer};
/// assert_eq!(Peer::from(Browser::Chromium), Peer::Chromium);
/// ```
impl From<Browser> for Peer {
    fn from(browser: Browser) -> Peer {
        browser.peer()
    }
}

/// Why a peer fails a connection on a Close frame.
#[derive(Clone, Copy)]
pub(crate) enum Cause {
    /// A 1-byte body: a code needs two.
    OneByte,
    /// A body over [`MAX_BODY_LEN`] bytes.
    TooLong,
    /// A code the peer refuses.
    Code,
    /// A reason that is not UTF-8.
    Utf8,
}

/// The rule of every peer that keeps a fixed list in its source: the
/// protocol codes from 1000 up to `last` that RFC 6455 does not forbid to
/// send ([`MUST_NOT_SEND`]), and every code in 3000-4999
/// ([`CodeRange::Application`] and [`CodeRange::PrivateUse`]), registered
/// or not. tokio-websockets, actix-http, Python's `websockets` and Node's
/// `ws` stop at 1014 (Bad Gateway); tungstenite, fastwebsockets, yawc,
/// soketto and ratchet_rs at 1013 (and soketto accepts 1015 besides,
/// [`SOKETTO_ALSO`]).
const fn in_fixed_list(value: u16, last: u16) -> bool {
    match CodeRange::of(value) {
        CodeRange::Protocol => value <= last && !holds(&MUST_NOT_SEND, value),
        CodeRange::Application | CodeRange::PrivateUse => true,
        CodeRange::NotUsed | CodeRange::Undefined => false,
    }
}

/// The code soketto accepts beyond its list, although RFC 6455 forbids
/// sending it ([`MUST_NOT_SEND`]): 1015 (TLS handshake).
const SOKETTO_ALSO: u16 = 1015;

/// What soketto puts in place of a code it refuses: 1002 with no reason
/// (its `CloseReason { code: 1002, descr: None }`), which it also answers
/// with.
const SOKETTO_REPLACEMENT: Replacement = Replacement {
    code: CloseCode::ProtocolError,
    reason: Some(""),
    clean: true,
};

/// The codes ratchet_rs parses into its `CloseCode` and then refuses as
/// illegal (`ProtocolError::CloseCode`): those RFC 6455 forbids to send
/// but 1004, and 2000-2999 (its `ReservedExtension`). It refuses the other
/// codes outside its list when parsing them (`CloseCodeParseErr`).
const fn ratchet_parses(value: u16) -> bool {
    (holds(&MUST_NOT_SEND, value) && value != 1004) || (value >= 2000 && value <= 2999)
}

/// The last protocol code the other peers with a fixed list accept: 1014
/// (Bad Gateway).
const FIXED_LIST_LAST: u16 = 1014;

impl CloseCode {
    /// What `peer`'s application sees when a Close frame with this code
    /// (and a UTF-8 reason of at most 123 bytes) reaches it and starts the
    /// closing handshake; see [`Peer::receives`] for any body.
    ///
    /// | peer | delivers | otherwise |
    /// | --- | --- | --- |
    /// | [`Peer::Rfc6455`] | [`is_sendable`](CloseCode::is_sendable) codes | fails, 1006 |
    /// | [`Peer::Chromium`] | all but 1005, 1006 and 1015 | fails, 1006 |
    /// | [`Peer::Firefox`] | all | |
    /// | [`Peer::WebKit`] | 1000-1003, 1007-1011, 3000-4999 | fails, 1006 |
    /// | [`Peer::Tungstenite`] | 1000-1003, 1007-1013, 3000-4999 | replaced by 1002 "Protocol violation" |
    /// | [`Peer::Soketto`] | 1000-1003, 1007-1013, 1015, 3000-4999 | replaced by 1002 without a reason |
    /// | [`Peer::FastWebsockets`], [`Peer::Yawc`], [`Peer::Ratchet`] | 1000-1003, 1007-1013, 3000-4999 | fails |
    /// | the others | 1000-1003, 1007-1014, 3000-4999 | fails |
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    ///
    /// let seen = CloseCode::BadGateway.received_by(Peer::Tungstenite);
    /// let replacement = seen.replacement().unwrap();
    /// assert_eq!(replacement.code(), CloseCode::ProtocolError);
    /// assert_eq!(replacement.reason(), Some("Protocol violation"));
    /// assert!(replacement.was_clean());
    ///
    /// assert!(CloseCode::BadGateway.received_by(Peer::PythonWebsockets).is_delivered());
    /// let failure = CloseCode::from(1016).received_by(Peer::NodeWs).failure().unwrap();
    /// assert_eq!(failure.error(), "WS_ERR_INVALID_CLOSE_CODE");
    /// assert_eq!(failure.reported_code(), Some(CloseCode::AbnormalClosure));
    /// ```
    pub const fn received_by(self, peer: Peer) -> Delivery {
        let value = self.as_u16();
        let accepted = match peer {
            Peer::Rfc6455 => self.is_sendable(),
            Peer::Chromium => measured::chromium::reports(value),
            Peer::Firefox => measured::firefox::reports(value),
            Peer::WebKit => measured::webkit::reports(value),
            Peer::Tungstenite | Peer::FastWebsockets | Peer::Yawc | Peer::Ratchet => {
                in_fixed_list(value, TUNGSTENITE_LAST)
            }
            Peer::Soketto => in_fixed_list(value, TUNGSTENITE_LAST) || value == SOKETTO_ALSO,
            Peer::TokioWebsockets | Peer::ActixHttp | Peer::PythonWebsockets | Peer::NodeWs => {
                in_fixed_list(value, FIXED_LIST_LAST)
            }
        };
        if accepted {
            Delivery::Delivered
        } else if let Peer::Tungstenite = peer {
            Delivery::Replaced(TUNGSTENITE_REPLACEMENT)
        } else if let Peer::Soketto = peer {
            Delivery::Replaced(SOKETTO_REPLACEMENT)
        } else if let (Peer::Ratchet, true) = (peer, ratchet_parses(value)) {
            Delivery::Failed(Failure {
                error: "Error(Protocol, ProtocolError::CloseCode)",
                code: None,
            })
        } else {
            Delivery::Failed(peer.failure(Cause::Code))
        }
    }
}

impl CloseCode {
    /// Whether the page of every browser engine measured ([`Browser::ALL`])
    /// is told this code when a Close frame carries it (with a UTF-8
    /// reason), rather than the connection failing: 1000-1003, 1007-1011
    /// and 3000-4999 (WebKitGTK fails the connection on 1012-1014, Chromium
    /// on 1005, 1006 and 1015).
    ///
    /// To ask about one engine, use [`received_by`](CloseCode::received_by)
    /// with its [`Peer`]; the codes that reach every peer, browsers and
    /// libraries alike, are listed in the crate documentation.
    ///
    /// ```
    /// use ws_close_codes::{Browser, CloseCode, Peer};
    ///
    /// assert!(CloseCode::NormalClosure.is_reported_by_every_browser());
    /// assert!(CloseCode::from(4000).is_reported_by_every_browser());
    /// assert!(!CloseCode::TryAgainLater.is_reported_by_every_browser());
    /// assert!(CloseCode::TryAgainLater.received_by(Peer::Chromium).is_delivered());
    /// const REPORTED: bool = CloseCode::InternalError.is_reported_by_every_browser();
    /// assert!(REPORTED);
    /// ```
    pub const fn is_reported_by_every_browser(self) -> bool {
        let mut i = 0;
        while i < Browser::ALL.len() {
            if !self.received_by(Browser::ALL[i].peer()).is_delivered() {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// What a peer's application sees of a Close frame: the code and reason
/// sent, another code in their place, or a failed connection.
///
/// ```
/// use ws_close_codes::{CloseCode, Delivery, Peer};
///
/// match CloseCode::from(4001).received_by(Peer::ActixHttp) {
///     Delivery::Delivered => {}
///     Delivery::Replaced(replacement) => panic!("replaced by {}", replacement.code()),
///     Delivery::Failed(failure) => panic!("failed: {}", failure.error()),
///     _ => unreachable!("a later version may say more"),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// The application is told the code and the reason that were sent (for
    /// a body without a code, empty or, in soketto and Firefox, of 1 byte:
    /// that there was no code), and the closing handshake completes.
    Delivered,
    /// The application is told another code in place of the one sent,
    /// with no error: the code sent is lost.
    Replaced(Replacement),
    /// The peer fails the connection: the application gets no code from
    /// the frame, only what [`Failure`] says.
    Failed(Failure),
}

impl Delivery {
    /// Whether the application is told the code and reason sent.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// assert!(CloseCode::from(4000).received_by(Peer::Tungstenite).is_delivered());
    /// assert!(!CloseCode::from(999).received_by(Peer::Tungstenite).is_delivered());
    /// ```
    pub const fn is_delivered(self) -> bool {
        matches!(self, Delivery::Delivered)
    }

    /// What replaced the code, when something did.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let replacement = CloseCode::from(5000).received_by(Peer::Tungstenite).replacement();
    /// assert_eq!(replacement.map(|r| r.code()), Some(CloseCode::ProtocolError));
    /// assert_eq!(CloseCode::from(5000).received_by(Peer::NodeWs).replacement(), None);
    /// ```
    pub const fn replacement(self) -> Option<Replacement> {
        match self {
            Delivery::Replaced(replacement) => Some(replacement),
            _ => None,
        }
    }

    /// How the connection failed, when it did.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let failure = CloseCode::TlsHandshake.received_by(Peer::Chromium).failure().unwrap();
    /// assert_eq!(failure.error(), "error");
    /// assert_eq!(failure.reported_code(), Some(CloseCode::AbnormalClosure));
    /// ```
    pub const fn failure(self) -> Option<Failure> {
        match self {
            Delivery::Failed(failure) => Some(failure),
            _ => None,
        }
    }
}

/// `delivered as sent`, `replaced by` the code, or `connection failed:`
/// the error.
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
/// assert_eq!(CloseCode::NormalClosure.received_by(Peer::Tungstenite).to_string(), "delivered as sent");
/// assert_eq!(
///     CloseCode::BadGateway.received_by(Peer::Tungstenite).to_string(),
///     "replaced by 1002 Protocol error with reason \"Protocol violation\", clean, no error",
/// );
/// assert_eq!(
///     CloseCode::from(999).received_by(Peer::NodeWs).to_string(),
///     "connection failed: WS_ERR_INVALID_CLOSE_CODE, then 1006 Abnormal Closure",
/// );
/// ```
impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Delivery::Delivered => f.write_str("delivered as sent"),
            Delivery::Replaced(replacement) => write!(f, "replaced by {replacement}"),
            Delivery::Failed(failure) => write!(f, "connection failed: {failure}"),
        }
    }
}

/// What a peer tells its application in place of the code that was sent.
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
/// let replacement = CloseCode::from(1016).received_by(Peer::Tungstenite).replacement().unwrap();
/// assert_eq!(replacement.code().as_u16(), 1002);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Replacement {
    pub(crate) code: CloseCode,
    pub(crate) reason: Option<&'static str>,
    pub(crate) clean: bool,
}

impl Replacement {
    /// The code the application is told.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let replacement = CloseCode::from(0).received_by(Peer::Tungstenite).replacement().unwrap();
    /// assert_eq!(replacement.code(), CloseCode::ProtocolError);
    /// ```
    pub const fn code(self) -> CloseCode {
        self.code
    }

    /// The reason the application is told in place of the one sent
    /// (`Some("")` when it is told no reason), or `None` when the reason
    /// sent is kept.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let replacement = CloseCode::from(0).received_by(Peer::Tungstenite).replacement().unwrap();
    /// assert_eq!(replacement.reason(), Some("Protocol violation"));
    /// ```
    pub const fn reason(self) -> Option<&'static str> {
        self.reason
    }

    /// Whether the close still looks clean to the application: the closing
    /// handshake completes and no error is raised.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let replacement = CloseCode::from(0).received_by(Peer::Tungstenite).replacement().unwrap();
    /// assert!(replacement.was_clean());
    /// ```
    pub const fn was_clean(self) -> bool {
        self.clean
    }
}

/// The code, the reason (`with no reason`, or `reason kept`), and `clean,
/// no error` or `not clean`.
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
/// let replacement = CloseCode::from(0).received_by(Peer::Tungstenite).replacement().unwrap();
/// assert_eq!(
///     replacement.to_string(),
///     "1002 Protocol error with reason \"Protocol violation\", clean, no error",
/// );
/// let replacement = CloseCode::BadGateway.received_by(Peer::Soketto).replacement().unwrap();
/// assert_eq!(replacement.to_string(), "1002 Protocol error with no reason, clean, no error");
/// ```
impl fmt::Display for Replacement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            Some("") => write!(f, "{} with no reason", self.code)?,
            Some(reason) => write!(f, "{} with reason {reason:?}", self.code)?,
            None => write!(f, "{}, reason kept", self.code)?,
        }
        f.write_str(if self.clean {
            ", clean, no error"
        } else {
            ", not clean"
        })
    }
}

/// What a peer's application sees when the peer fails the connection over
/// a Close frame.
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
/// let failure = CloseCode::from(1004).received_by(Peer::TokioWebsockets).failure().unwrap();
/// assert_eq!(failure.error(), "Error::Protocol(ProtocolError::InvalidCloseCode)");
/// assert_eq!(failure.reported_code(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Failure {
    error: &'static str,
    code: Option<CloseCode>,
}

impl Failure {
    /// What the application is handed, in the peer's own terms: the Rust
    /// stacks' error value (tungstenite's `Error::Utf8` carries a message
    /// from 0.28 on; actix-http's `InvalidLength` the length; ratchet_rs'
    /// `Error` is written `Error(` its `ErrorKind`, its cause `)`), the
    /// exception Python's `recv()` raises, the `code` of the error Node's
    /// `ws` emits, the DOM event a browser fires (`error`), or RFC 6455's
    /// name for the step.
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let failure = CloseCode::from(1005).received_by(Peer::PythonWebsockets).failure().unwrap();
    /// assert_eq!(failure.error(), "ConnectionClosedError");
    /// ```
    pub const fn error(self) -> &'static str {
        self.error
    }

    /// The close code the application's API reports for the failed
    /// connection, where it reports one: 1006 (Abnormal Closure) in a
    /// browser's `CloseEvent`, in Node's `close` event and by RFC 6455's
    /// reading; `None` where the application gets only the error (the Rust
    /// stacks) or is told that no Close frame was received (Python's
    /// `ConnectionClosedError.rcvd` is `None`).
    ///
    /// ```
    /// use ws_close_codes::{CloseCode, Peer};
    /// let failure = CloseCode::from(1005).received_by(Peer::Chromium).failure().unwrap();
    /// assert_eq!(failure.reported_code(), Some(CloseCode::AbnormalClosure));
    /// ```
    pub const fn reported_code(self) -> Option<CloseCode> {
        self.code
    }
}

/// The error, then the reported code when there is one.
///
/// ```
/// use ws_close_codes::{CloseCode, Peer};
/// let failure = CloseCode::from(1005).received_by(Peer::ActixHttp).failure().unwrap();
/// assert_eq!(failure.to_string(), "ProtocolError::BadOpCode");
/// let failure = CloseCode::from(1005).received_by(Peer::Chromium).failure().unwrap();
/// assert_eq!(failure.to_string(), "error, then 1006 Abnormal Closure");
/// ```
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.error)?;
        if let Some(code) = self.code {
            write!(f, ", then {code}")?;
        }
        Ok(())
    }
}

/// The name, then the version when there is one.
///
/// ```
/// use ws_close_codes::Peer;
/// assert_eq!(Peer::NodeWs.to_string(), "Node ws 8");
/// assert_eq!(Peer::Rfc6455.to_string(), "RFC 6455");
/// ```
impl fmt::Display for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        if !self.version().is_empty() {
            write!(f, " {}", self.version())?;
        }
        Ok(())
    }
}
