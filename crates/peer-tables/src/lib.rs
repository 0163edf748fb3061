//! What Python's `websockets` and Node's `ws` hand their application for
//! each Close frame a server sends: the cases ([`cases`]), the loopback
//! server that sends them raw ([`serve`]), and the summary of the clients'
//! observations as ranges of codes ([`summarize`]).
//!
//! `measure.sh` installs both clients under `target/`, runs them against
//! the server and writes `python-websockets-17.txt` and `node-ws-8.txt`
//! next to it; the `peers` tests of `ws-close-codes` compare those files
//! with `ws_close_codes::Peer::receives`.
//!
//! A client writes one line per case: the case's id, the outcome
//! (`delivered`, `replaced` or `failed`) and the details it saw, separated
//! by tabs.
//!
//! ```
//! let cases = peer_tables::cases();
//! assert_eq!(cases.len(), 65_536 + peer_tables::BODIES.len());
//! let summary = peer_tables::summarize("body 03\tfailed\tx\nbody \tdelivered\ty\n").unwrap();
//! assert_eq!(summary, "body 03\tfailed\tx\nbody \tdelivered\ty\n");
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use browser_check::{close_frame, frame_len};
use ws_close_codes_test_support::ranges::ranges;

/// The reason sent with every code, so that a client can tell whether the
/// reason reached its application.
///
/// ```
/// assert_eq!(peer_tables::REASON, "bye");
/// ```
pub const REASON: &str = "bye";

/// The bodies sent besides one per code, with their names: no code, a
/// 1-byte body, reasons that are not UTF-8 (with a code every peer
/// accepts, 1000, and with one none of the strict ones does, 1004), and
/// bodies of 125 bytes (the most a control frame carries) and 126 bytes.
///
/// ```
/// let (name, body) = peer_tables::BODIES[1];
/// assert_eq!((name, body), ("1-byte body", &[0x03][..]));
/// ```
pub const BODIES: [(&str, &[u8]); 6] = [
    ("empty body", b""),
    ("1-byte body", b"\x03"),
    ("1000, reason not UTF-8", b"\x03\xe8ok\xff"),
    ("1004, reason not UTF-8", b"\x03\xecok\xff"),
    ("1000, 123-byte reason (125-byte body)", &LONGEST),
    ("1000, 124-byte reason (126-byte body)", &TOO_LONG),
];

const LONGEST: [u8; 125] = long_body();
const TOO_LONG: [u8; 126] = long_body();

/// Code 1000, then `N - 2` bytes of `r`.
const fn long_body<const N: usize>() -> [u8; N] {
    let mut body = [b'r'; N];
    body[0] = 0x03;
    body[1] = 0xe8;
    body
}

/// One Close frame body the server sends.
///
/// ```
/// let case = &peer_tables::cases()[1000];
/// assert_eq!(case.id, "code 1000");
/// assert_eq!(case.body, b"\x03\xe8bye");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// `code N` for a code with [`REASON`], `body HEX` for the
    /// [`BODIES`].
    pub id: String,
    /// The Close frame body, sent as is.
    pub body: Vec<u8>,
}

/// Every case: each code 0..=65535 with [`REASON`], then the
/// [`BODIES`].
///
/// ```
/// let cases = peer_tables::cases();
/// assert_eq!(cases.last().unwrap().body.len(), 126);
/// ```
pub fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = (0..=u16::MAX)
        .map(|code| {
            let mut body = code.to_be_bytes().to_vec();
            body.extend_from_slice(REASON.as_bytes());
            Case {
                id: format!("code {code}"),
                body,
            }
        })
        .collect();
    for (_, body) in BODIES {
        cases.push(Case {
            id: format!("body {}", hex(body)),
            body: body.to_vec(),
        });
    }
    cases
}

/// Lower-case hexadecimal, two digits a byte.
///
/// ```
/// assert_eq!(peer_tables::hex(b"\x03\xe8"), "03e8");
/// assert_eq!(peer_tables::hex(b""), "");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// The bytes of [`hex`]'s text, or `None` when it is not that.
///
/// ```
/// assert_eq!(peer_tables::unhex("03e8"), Some(vec![0x03, 0xe8]));
/// assert_eq!(peer_tables::unhex("3e8"), None);
/// ```
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// How long the server waits for a client's handshake and for its answer
/// to the Close frame.
const STEP_LIMIT: Duration = Duration::from_secs(10);

/// Serves WebSocket connections on `listener` until it fails: each
/// connection's path is `/` and the hexadecimal of a Close frame body
/// ([`hex`]); after the opening handshake the server writes that body in
/// a Close frame as is, valid or not, reads the client's answer (its Close
/// frame, or the end of the connection when it fails it) and closes the
/// TCP connection, as a server does once Close frames were exchanged.
///
/// ```no_run
/// let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
/// println!("{}", listener.local_addr()?.port());
/// peer_tables::serve(listener);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn serve(listener: TcpListener) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            continue;
        };
        std::thread::spawn(move || {
            if let Err(error) = answer(stream) {
                eprintln!("peer-tables server: {error}");
            }
        });
    }
}

fn answer(stream: TcpStream) -> Result<(), Box<dyn std::error::Error>> {
    stream.set_read_timeout(Some(STEP_LIMIT))?;
    stream.set_nodelay(true)?;
    let mut path = String::new();
    // The signature, and its large error type, are tungstenite's.
    #[allow(clippy::result_large_err)]
    let callback = |request: &tungstenite::handshake::server::Request,
                    response: tungstenite::handshake::server::Response| {
        path = request.uri().path().to_owned();
        Ok(response)
    };
    let mut socket =
        tungstenite::accept_hdr(stream, callback).map_err(|error| error.to_string())?;
    let body = path
        .strip_prefix('/')
        .and_then(unhex)
        .ok_or_else(|| format!("not a body: {path}"))?;
    // Nothing was sent after the handshake: write the frame on the stream,
    // since tungstenite sends only valid Close frames.
    let stream = socket.get_mut();
    stream.write_all(&close_frame(&body))?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 256];
    while frame_len(&answer).is_none_or(|len| answer.len() < len) {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    stream.shutdown(std::net::Shutdown::Both)?;
    Ok(())
}

/// The clients' lines (`id`, outcome, details; tab-separated) as the
/// checked-in table: one line per distinct outcome and details among the
/// codes, with the ranges of codes it covers (`0-999, 1004-1006`), in the
/// order of their first code; then one line per body case, `body HEX`.
/// Fails on a malformed line, a code seen twice, or a missing code.
///
/// ```
/// let lines = "code 1\tdelivered\tok\ncode 0\tfailed\tno\ncode 2\tfailed\tno\nbody 03\tfailed\tno\n";
/// let lines = format!("{lines}{}", (3..=u16::MAX).map(|c| format!("code {c}\tfailed\tno\n")).collect::<String>());
/// let table = peer_tables::summarize(&lines).unwrap();
/// assert_eq!(table, "0, 2-65535\tfailed\tno\n1\tdelivered\tok\nbody 03\tfailed\tno\n");
/// ```
pub fn summarize(lines: &str) -> Result<String, String> {
    let mut codes: BTreeMap<u16, String> = BTreeMap::new();
    let mut bodies = Vec::new();
    for line in lines.lines().filter(|line| !line.trim().is_empty()) {
        let (id, outcome) = line
            .split_once('\t')
            .ok_or_else(|| format!("no tab: {line:?}"))?;
        if !outcome.contains('\t') {
            return Err(format!("no details: {line:?}"));
        }
        if let Some(code) = id.strip_prefix("code ") {
            let code: u16 = code.parse().map_err(|_| format!("bad code: {line:?}"))?;
            if codes.insert(code, outcome.to_owned()).is_some() {
                return Err(format!("code {code} seen twice"));
            }
        } else if id.starts_with("body ") {
            bodies.push(format!("{id}\t{outcome}"));
        } else {
            return Err(format!("unknown case: {line:?}"));
        }
    }
    if !codes.is_empty() && codes.len() < 65_536 {
        let missing = (0..=u16::MAX).find(|code| !codes.contains_key(code));
        return Err(format!(
            "{} codes missing, first {missing:?}",
            65_536 - codes.len()
        ));
    }
    // Outcome -> its codes, in the order of the first code.
    let mut groups: Vec<(String, Vec<u16>)> = Vec::new();
    for (code, outcome) in codes {
        match groups.iter_mut().find(|(seen, _)| *seen == outcome) {
            Some((_, group)) => group.push(code),
            None => groups.push((outcome, vec![code])),
        }
    }
    let mut out = String::new();
    for (outcome, group) in groups {
        let _ = writeln!(out, "{}\t{outcome}", ranges(&group));
    }
    for line in bodies {
        let _ = writeln!(out, "{line}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_body_round_trips_through_hex() {
        for case in cases() {
            assert_eq!(unhex(&hex(&case.body)), Some(case.body.clone()));
        }
    }

    #[test]
    fn summaries_refuse_missing_and_repeated_codes() {
        let all: String = (0..=u16::MAX)
            .map(|code| format!("code {code}\tdelivered\tok\n"))
            .collect();
        assert_eq!(summarize(&all).unwrap(), "0-65535\tdelivered\tok\n");
        let missing: String = all.lines().skip(1).map(|l| format!("{l}\n")).collect();
        assert!(summarize(&missing).unwrap_err().contains("first Some(0)"));
        let twice = format!("{all}code 7\tdelivered\tok\n");
        assert_eq!(summarize(&twice).unwrap_err(), "code 7 seen twice");
        assert!(summarize("code 1\tdelivered\n").is_err());
        assert!(summarize("what 1\tdelivered\tok\n").is_err());
    }

    /// The server sends the body of the path in a Close frame after a
    /// real handshake, and closes once the client answered.
    #[test]
    fn the_server_sends_the_body_of_the_path() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || serve(listener));
        for body in [&b"\x03\xe8bye"[..], b"\x03\xec", b""] {
            let url = format!("ws://127.0.0.1:{port}/{}", hex(body));
            let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let (mut socket, _) = tungstenite::client(url, stream).unwrap();
            let message = socket.read().unwrap();
            let tungstenite::Message::Close(frame) = message else {
                panic!("{message:?}");
            };
            let sent = frame.map(|f| {
                let mut bytes = u16::from(f.code).to_be_bytes().to_vec();
                bytes.extend_from_slice(f.reason.as_bytes());
                bytes
            });
            // tungstenite replaces 1004 (see ws-close-codes' tables).
            let expected = match body {
                b"" => None,
                b"\x03\xec" => Some(b"\x03\xeaProtocol violation".to_vec()),
                _ => Some(body.to_vec()),
            };
            assert_eq!(sent, expected);
            assert!(matches!(
                socket.read(),
                Err(tungstenite::Error::ConnectionClosed)
            ));
        }
    }
}
