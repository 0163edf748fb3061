//! What a real browser reports, for the workspace's `browser-check` test:
//! the Close frame bodies the test server sends ([`cases`]), the page that
//! reports what the browser saw ([`page`]), how each engine is started
//! headless ([`Engine`]), and the few bytes of WebSocket framing the server
//! writes by hand ([`close_frame`], [`frame_len`]), because the cases
//! include bodies no WebSocket library will send.
//!
//! The test itself (`tests/browsers.rs`) starts a loopback server, opens
//! the page in each engine (Chromium, Firefox, WebKitGTK) and checks every
//! reported `CloseEvent` against [`CloseEvent::from_body_as`] and
//! [`Peer::receives`](ws_close_codes::Peer::receives) for that engine, and
//! the codes `WebSocket.close(code)` accepts against
//! [`CloseCode::is_accepted_by_websocket_close`]. An engine runs only when
//! its variable ([`Engine::variable`]) names its executable:
//!
//! ```sh
//! WS_CLOSE_CODES_CHROMIUM=/usr/bin/chromium \
//! WS_CLOSE_CODES_FIREFOX=/usr/bin/firefox-esr \
//! WS_CLOSE_CODES_WEBKIT=/usr/bin/python3 \
//!   cargo test -p browser-check
//! ```
//!
//! ```
//! use browser_check::cases;
//! use ws_close_codes::{Browser, CloseCode};
//!
//! let cases = cases();
//! let one_byte = cases.iter().find(|case| case.body.len() == 1).unwrap();
//! assert_eq!(one_byte.expected(Browser::Chromium).code(), CloseCode::AbnormalClosure);
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use ws_close_codes::{Browser, CloseCode, CloseEvent};

/// The first and last codes of each range of the code space: 0-999
/// (unused), 1000-2999 (the protocol's), 3000-3999 (registered first come,
/// first served), 4000-4999 (private use) and 5000-65535 (undefined).
///
/// ```
/// assert_eq!(browser_check::BOUNDARIES.len(), 10);
/// ```
pub const BOUNDARIES: [u16; 10] = [0, 999, 1000, 2999, 3000, 3999, 4000, 4999, 5000, 65535];

/// Every code from 990 to 1020 and around the other boundaries between
/// ranges, sent with a reason: the codes where engines differ.
///
/// ```
/// assert!(browser_check::SPREAD.contains(&1014));
/// ```
pub const SPREAD: [u16; 49] = [
    990, 991, 992, 993, 994, 995, 996, 997, 998, 999, 1000, 1001, 1002, 1003, 1004, 1005, 1006,
    1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1999, 2000,
    2001, 2998, 2999, 3000, 3001, 3999, 4000, 4001, 4998, 4999, 5000, 5001, 32767, 32768, 65534,
    65535,
];

/// Then one code in every `SPREAD_STEP` over the whole `u16` range (0, 137,
/// 274, ...), each with a reason: 479 codes.
///
/// ```
/// assert_eq!((0..=u16::MAX).step_by(browser_check::SPREAD_STEP).count(), 479);
/// ```
pub const SPREAD_STEP: usize = 137;

/// One Close frame body the server sends, with a label for the report.
///
/// ```
/// let case = &browser_check::cases()[0];
/// assert_eq!(case.body, [0, 0]); // code 0, no reason
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// What the body is, for people reading the report.
    pub label: String,
    /// The Close frame body, sent as is, valid or not.
    pub body: Vec<u8>,
}

impl Case {
    fn new(label: impl Into<String>, body: Vec<u8>) -> Self {
        Case {
            label: label.into(),
            body,
        }
    }

    fn code(code: u16, label: impl Into<String>, reason: &[u8]) -> Self {
        let mut body = code.to_be_bytes().to_vec();
        body.extend_from_slice(reason);
        Case::new(label, body)
    }

    /// What the page of `browser` should see for this body:
    /// [`CloseEvent::from_body_as`].
    ///
    /// ```
    /// use ws_close_codes::{Browser, CloseEvent};
    /// let empty = browser_check::cases().into_iter().find(|case| case.body.is_empty()).unwrap();
    /// assert_eq!(empty.expected(Browser::Firefox), CloseEvent::no_status());
    /// ```
    pub fn expected(&self, browser: Browser) -> CloseEvent<'_> {
        CloseEvent::from_body_as(browser, &self.body)
    }

    /// The code of the body and whether the rest is a reason a page can
    /// be told (UTF-8, in a body of at most 125 bytes): `None` for a body
    /// without a code (empty, 1 byte), a reason that is not UTF-8 or a
    /// body that is too long.
    ///
    /// ```
    /// let cases = browser_check::cases();
    /// assert_eq!(cases[0].code_with_reason(), Some(0));
    /// assert!(cases.iter().any(|case| case.code_with_reason().is_none()));
    /// ```
    pub fn code_with_reason(&self) -> Option<u16> {
        let (code, reason) = self.body.split_first_chunk::<2>()?;
        let valid = self.body.len() <= 125 && std::str::from_utf8(reason).is_ok();
        valid.then(|| u16::from_be_bytes(*code))
    }
}

/// A browser engine as the test starts it: its executable (named by
/// [`Engine::variable`]) and its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Engine {
    /// The engine.
    pub browser: Browser,
}

impl Engine {
    /// Every engine, in the order of [`Browser::ALL`].
    ///
    /// ```
    /// assert_eq!(browser_check::Engine::all().len(), ws_close_codes::Browser::ALL.len());
    /// ```
    pub fn all() -> Vec<Engine> {
        Browser::ALL
            .into_iter()
            .map(|browser| Engine { browser })
            .collect()
    }

    /// The environment variable that names the executable: Chromium's or
    /// Firefox's, or for WebKitGTK a Python 3 with the `gi` module and
    /// WebKit2 4.1's typelib (Debian's `/usr/bin/python3` with
    /// `python3-gi` and `gir1.2-webkit2-4.1`), run under `xvfb-run`.
    ///
    /// ```
    /// use browser_check::Engine;
    /// use ws_close_codes::Browser;
    /// let firefox = Engine { browser: Browser::Firefox };
    /// assert_eq!(firefox.variable(), "WS_CLOSE_CODES_FIREFOX");
    /// ```
    pub fn variable(self) -> &'static str {
        match self.browser {
            Browser::Chromium => "WS_CLOSE_CODES_CHROMIUM",
            Browser::Firefox => "WS_CLOSE_CODES_FIREFOX",
            Browser::WebKit => "WS_CLOSE_CODES_WEBKIT",
            _ => "WS_CLOSE_CODES_UNKNOWN_ENGINE",
        }
    }

    /// Debian's packages that provide the engine.
    ///
    /// ```
    /// use browser_check::Engine;
    /// use ws_close_codes::Browser;
    /// assert_eq!(Engine { browser: Browser::Chromium }.packages(), "chromium");
    /// ```
    pub fn packages(self) -> &'static str {
        match self.browser {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox-esr",
            Browser::WebKit => "xvfb python3-gi gir1.2-webkit2-4.1",
            _ => "",
        }
    }

    /// The executable the engine's variable usually names on Debian.
    ///
    /// ```
    /// use browser_check::Engine;
    /// use ws_close_codes::Browser;
    /// assert_eq!(Engine { browser: Browser::WebKit }.usual_path(), "/usr/bin/python3");
    /// ```
    pub fn usual_path(self) -> &'static str {
        match self.browser {
            Browser::Chromium => "/usr/bin/chromium",
            Browser::Firefox => "/usr/bin/firefox-esr",
            Browser::WebKit => "/usr/bin/python3",
            _ => "",
        }
    }

    /// The program to start and its arguments, to open `url` headless with
    /// a new profile in `dir` (an empty directory) using `executable`.
    /// WebKitGTK has no headless mode: `xvfb-run` gives it a virtual X
    /// display, and [`WEBKIT_VIEW`] (written to `dir`) a window with a web
    /// view.
    ///
    /// ```
    /// use browser_check::Engine;
    /// use std::path::Path;
    /// use ws_close_codes::Browser;
    ///
    /// let firefox = Engine { browser: Browser::Firefox };
    /// let (program, args) = firefox.command(Path::new("/usr/bin/firefox-esr"), Path::new("/tmp/p"), "http://127.0.0.1:1/");
    /// assert_eq!(program, Path::new("/usr/bin/firefox-esr"));
    /// assert!(args.contains(&"--headless".to_owned()));
    /// ```
    pub fn command(
        self,
        executable: &std::path::Path,
        dir: &std::path::Path,
        url: &str,
    ) -> (std::path::PathBuf, Vec<String>) {
        let dir_arg = dir.display().to_string();
        let args: Vec<String> = match self.browser {
            Browser::Chromium => vec![
                "--headless".into(),
                "--no-sandbox".into(),
                "--disable-gpu".into(),
                "--disable-quic".into(),
                "--no-first-run".into(),
                "--disable-background-networking".into(),
                "--disable-component-update".into(),
                "--disable-sync".into(),
                format!("--user-data-dir={dir_arg}"),
                url.into(),
            ],
            Browser::Firefox => vec![
                "--headless".into(),
                "--no-remote".into(),
                "--profile".into(),
                dir_arg,
                url.into(),
            ],
            Browser::WebKit => {
                let script = dir.join("webkit_view.py").display().to_string();
                let args = vec![
                    "-a".to_owned(),
                    executable.display().to_string(),
                    script,
                    url.into(),
                ];
                return ("xvfb-run".into(), args);
            }
            other => panic!("browser-check does not know how to start {other:?}"),
        };
        (executable.to_path_buf(), args)
    }
}

/// Firefox's preferences for the test's new profile (its `user.js`): no
/// first-run pages, and nothing that reaches beyond the loopback
/// connections of the test (updates, telemetry, safe browsing, captive
/// portal and connectivity checks, remote settings); no delay before a
/// new WebSocket to a host whose previous one failed.
///
/// ```
/// assert!(browser_check::FIREFOX_PREFS.contains("network.websocket.delay-failed-reconnects"));
/// ```
pub const FIREFOX_PREFS: &str = include_str!("firefox-user.js");

/// The Python program that shows WebKitGTK's web view: a GTK window with a
/// `WebKit2.WebView` (API 4.1) that loads the URL given as its argument,
/// after printing WebKitGTK's version (`WebKitGTK major.minor.micro`).
///
/// ```
/// assert!(browser_check::WEBKIT_VIEW.contains("WebKit2"));
/// ```
pub const WEBKIT_VIEW: &str = include_str!("webkit_view.py");

/// Every body the server sends: each of the [`BOUNDARIES`] without a
/// reason; each registered code ([`CloseCode::NAMED`], so a code IANA
/// registers later is covered without an edit) with its name as the reason;
/// the codes of [`SPREAD`] and one in every [`SPREAD_STEP`] with a reason;
/// then an empty body, two 1-byte bodies, reasons that are not UTF-8, a
/// reason of several-byte characters, and reasons of 123 and 124 bytes (a
/// body of 125 bytes, the most a control frame carries, and of 126).
///
/// ```
/// use ws_close_codes::CloseCode;
///
/// let cases = browser_check::cases();
/// for code in CloseCode::NAMED {
///     let name = code.name().unwrap().as_bytes();
///     assert!(cases.iter().any(|case| case.body[2..] == *name));
/// }
/// assert!(cases.iter().any(|case| case.body.len() == 126));
/// ```
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for code in BOUNDARIES {
        cases.push(Case::code(code, format!("{code}, no reason"), b""));
    }
    for code in CloseCode::NAMED {
        let name = code.name().unwrap_or_default();
        cases.push(Case::code(code.as_u16(), code.to_string(), name.as_bytes()));
    }
    for code in SPREAD {
        cases.push(Case::code(code, format!("{code}, reason \"x\""), b"x"));
    }
    for code in (0..=u16::MAX).step_by(SPREAD_STEP) {
        cases.push(Case::code(code, format!("{code}, reason \"x\""), b"x"));
    }
    cases.push(Case::new("empty body", Vec::new()));
    cases.push(Case::new("1-byte body", vec![0x03]));
    cases.push(Case::new("1-byte body 0xff", vec![0xff]));
    cases.push(Case::code(1000, "1000, reason not UTF-8", b"ok\xff"));
    cases.push(Case::code(1005, "1005, reason not UTF-8", b"ok\xff"));
    cases.push(Case::code(4000, "4000, reason not UTF-8", b"\xc3"));
    cases.push(Case::code(
        4000,
        "4000, UTF-8 reason of 2- to 4-byte characters",
        "d\u{e9}j\u{e0} vu \u{2192} \u{1f600}".as_bytes(),
    ));
    cases.push(Case::code(1000, "1000, 123-byte reason", &[b'r'; 123]));
    cases.push(Case::code(1000, "1000, 124-byte reason", &[b'r'; 124]));
    cases
}

/// The HTML page the browser opens: it reports `navigator.userAgent`
/// (`{"userAgent"}`), then connects to
/// `ws://127.0.0.1:{ws_port}/case/{i}` for each `i` below `cases` in turn
/// and reports each `CloseEvent` as JSON (`{"case", "code", "reason",
/// "wasClean", "error"}`, `error` telling whether an `error` event came
/// first) over a WebSocket to `/report`; then it calls
/// `WebSocket.close(code)` for every code on a socket to `/close-calls`
/// and reports `{"closeCalls": {"accepted": [codes], "thrown": {error
/// name: count}}}`, and finally `{"done": true}` (or `{"error"}`).
///
/// ```
/// let page = browser_check::page(8080, 3);
/// assert!(page.contains("ws://127.0.0.1:8080"));
/// assert!(page.contains("const cases = 3;"));
/// ```
pub fn page(ws_port: u16, cases: usize) -> String {
    include_str!("page.html")
        .replace("{{PORT}}", &ws_port.to_string())
        .replace("{{CASES}}", &cases.to_string())
}

/// A server's (unmasked, final) Close frame carrying `body`, whatever its
/// length: the 7-bit length up to 125 bytes, else the 16-bit or 64-bit
/// extended length (RFC 6455 section 5.2). A body over 125 bytes makes an
/// invalid control frame, which is the point of sending one.
///
/// ```
/// assert_eq!(browser_check::close_frame(b"\x03\xe8"), [0x88, 2, 0x03, 0xe8]);
/// assert_eq!(browser_check::close_frame(&[0; 126])[..4], [0x88, 126, 0, 126]);
/// ```
pub fn close_frame(body: &[u8]) -> Vec<u8> {
    const FIN_CLOSE: u8 = 0x88;
    let mut frame = vec![FIN_CLOSE];
    match body.len() {
        len @ 0..=125 => frame.push(len as u8),
        len @ 126..=0xFFFF => {
            frame.push(126);
            frame.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            frame.push(127);
            frame.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(body);
    frame
}

/// The length in bytes of the frame at the start of `bytes` (header, mask
/// and payload), or `None` while the bytes that give the length (the
/// first 2, 4 or 10) are incomplete. Used to read the browser's answer to
/// a Close frame; `bytes` may hold less than the frame.
///
/// ```
/// // A browser's masked Close frame with code 1000.
/// let frame = [0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xe8 ^ 2];
/// assert_eq!(browser_check::frame_len(&frame), Some(8));
/// assert_eq!(browser_check::frame_len(&frame[..1]), None);
/// ```
pub fn frame_len(bytes: &[u8]) -> Option<usize> {
    const MASK_LEN: usize = 4;
    let second = *bytes.get(1)?;
    let (header, payload) = match second & 0x7F {
        126 => (
            4,
            u64::from(u16::from_be_bytes([*bytes.get(2)?, *bytes.get(3)?])),
        ),
        127 => (10, u64::from_be_bytes(bytes.get(2..10)?.try_into().ok()?)),
        len => (2, u64::from(len)),
    };
    let mask = if second & 0x80 != 0 { MASK_LEN } else { 0 };
    usize::try_from(payload).ok()?.checked_add(header + mask)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use tungstenite::protocol::frame::coding::{Control, OpCode};
    use tungstenite::protocol::frame::FrameHeader;

    use super::*;

    /// tungstenite parses the frames this crate writes, at every length
    /// class and across the boundaries between them.
    #[test]
    fn close_frames_parse_as_close_frames_of_their_body() {
        for len in [0, 1, 2, 125, 126, 127, 65_535, 65_536, 70_000] {
            let body: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let frame = close_frame(&body);
            let mut cursor = Cursor::new(&frame[..]);
            let (header, payload_len) = FrameHeader::parse(&mut cursor).unwrap().unwrap();
            assert!(header.is_final);
            assert_eq!(header.opcode, OpCode::Control(Control::Close));
            assert_eq!(header.mask, None);
            assert_eq!(payload_len, len as u64);
            let start = cursor.position() as usize;
            assert_eq!(&frame[start..], &body[..]);
            assert_eq!(frame_len(&frame), Some(frame.len()), "length {len}");
        }
    }

    /// Masked frames as a browser sends them, written by tungstenite.
    #[test]
    fn frame_len_counts_the_mask_and_waits_for_the_length() {
        for len in [0usize, 2, 125, 126, 65_535, 65_536] {
            let header = FrameHeader {
                opcode: OpCode::Control(Control::Close),
                mask: Some([1, 2, 3, 4]),
                ..FrameHeader::default()
            };
            let mut frame = Vec::new();
            header.format(len as u64, &mut frame).unwrap();
            let header_len = frame.len();
            frame.resize(header_len + len, 0);
            assert_eq!(frame_len(&frame), Some(frame.len()), "length {len}");
            let length_known = header_len - 4; // the mask follows the length
            for cut in 0..frame.len() {
                let expected = (cut >= length_known).then_some(frame.len());
                assert_eq!(
                    frame_len(&frame[..cut]),
                    expected,
                    "length {len}, cut {cut}"
                );
            }
        }
    }

    #[test]
    fn cases_cover_the_boundaries_the_registry_and_the_malformed_bodies() {
        let cases = cases();
        let codes_without_reason: Vec<u16> = cases
            .iter()
            .filter(|case| case.body.len() == 2)
            .map(|case| u16::from_be_bytes([case.body[0], case.body[1]]))
            .collect();
        assert_eq!(codes_without_reason, BOUNDARIES);
        for code in CloseCode::NAMED {
            let mut body = code.as_u16().to_be_bytes().to_vec();
            body.extend_from_slice(code.name().unwrap().as_bytes());
            assert!(cases.iter().any(|case| case.body == body), "{code}");
        }
        let lengths: Vec<usize> = cases.iter().map(|case| case.body.len()).collect();
        for len in [0, 1, 125, 126] {
            assert!(lengths.contains(&len), "no body of {len} bytes");
        }
        assert!(cases
            .iter()
            .any(|case| case.body.len() > 2 && std::str::from_utf8(&case.body[2..]).is_err()));
        let spread = (0..=u16::MAX).step_by(SPREAD_STEP).count();
        assert_eq!(
            cases.len(),
            BOUNDARIES.len() + CloseCode::NAMED.len() + SPREAD.len() + spread + 9
        );
    }
}
