//! What a real browser reports, for the workspace's `browser-check` test:
//! the Close frame bodies the test server sends ([`cases`]), the page that
//! reports what the browser saw ([`page`]), and the few bytes of WebSocket
//! framing the server writes by hand ([`close_frame`], [`frame_len`]),
//! because the cases include bodies no WebSocket library will send.
//!
//! The test itself (`tests/chromium.rs`) starts a loopback server, opens
//! the page in headless Chromium and checks every reported `CloseEvent`
//! against [`CloseEvent::from_body_as_browser`], and the codes
//! `WebSocket.close(code)` accepts against
//! [`CloseCode::is_accepted_by_websocket_close`]. It runs only when
//! `WS_CLOSE_CODES_BROWSER` names the browser:
//!
//! ```sh
//! WS_CLOSE_CODES_BROWSER=/usr/bin/chromium cargo test -p browser-check
//! ```
//!
//! ```
//! use browser_check::cases;
//! use ws_close_codes::CloseCode;
//!
//! let cases = cases();
//! let one_byte = cases.iter().find(|case| case.body.len() == 1).unwrap();
//! assert_eq!(one_byte.expected().code(), CloseCode::AbnormalClosure);
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use ws_close_codes::{CloseCode, CloseEvent};

/// The first and last codes of each range of the code space: 0-999
/// (unused), 1000-2999 (the protocol's), 3000-3999 (registered first come,
/// first served), 4000-4999 (private use) and 5000-65535 (undefined).
///
/// ```
/// assert_eq!(browser_check::BOUNDARIES.len(), 10);
/// ```
pub const BOUNDARIES: [u16; 10] = [0, 999, 1000, 2999, 3000, 3999, 4000, 4999, 5000, 65535];

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

    /// What a browser page should see for this body:
    /// [`CloseEvent::from_body_as_browser`].
    ///
    /// ```
    /// let empty = browser_check::cases().into_iter().find(|case| case.body.is_empty()).unwrap();
    /// assert_eq!(empty.expected(), ws_close_codes::CloseEvent::no_status());
    /// ```
    pub fn expected(&self) -> CloseEvent<'_> {
        CloseEvent::from_body_as_browser(&self.body)
    }
}

/// Every body the server sends: each of the [`BOUNDARIES`] without a
/// reason; each registered code ([`CloseCode::NAMED`], so a code IANA
/// registers later is covered without an edit) with its name as the reason;
/// then an empty body, a 1-byte body, a reason that is not UTF-8, a
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
    cases.push(Case::new("empty body", Vec::new()));
    cases.push(Case::new("1-byte body", vec![0x03]));
    cases.push(Case::code(1000, "1000, reason not UTF-8", b"ok\xff"));
    cases.push(Case::code(
        4000,
        "4000, UTF-8 reason of 2- to 4-byte characters",
        "d\u{e9}j\u{e0} vu \u{2192} \u{1f600}".as_bytes(),
    ));
    cases.push(Case::code(1000, "1000, 123-byte reason", &[b'r'; 123]));
    cases.push(Case::code(1000, "1000, 124-byte reason", &[b'r'; 124]));
    cases
}

/// The HTML page the browser opens: it connects to
/// `ws://127.0.0.1:{ws_port}/case/{i}` for each `i` below `cases` in turn
/// and reports each `CloseEvent` as JSON (`{"case", "code", "reason",
/// "wasClean"}`) over a WebSocket to `/report`; then it calls
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
        assert_eq!(cases.len(), BOUNDARIES.len() + CloseCode::NAMED.len() + 6);
    }
}
