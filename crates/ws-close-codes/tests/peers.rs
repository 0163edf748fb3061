//! `Peer`, `CloseCode::received_by` and `Peer::receives` against what
//! needs no WebSocket stack feature: RFC 6455 (this crate's strict
//! `CloseFrame::decode`), the browsers (`CloseEvent::from_body_as`, which
//! `crates/browser-check` compares with each real engine), the
//! checked-in measurements of Python's `websockets` and Node's `ws`
//! (`crates/peer-tables/measure.sh`), and the tables of the crate
//! documentation.

mod common;

use common::peers::{all_bodies, body, check, odd_bodies, Seen, REASON};
use ws_close_codes::{
    Browser, CloseCode, CloseEvent, CloseFrame, Delivery, Peer, REGISTRY_UPDATED,
};
use ws_close_codes_test_support::ranges::ranges;

#[test]
fn received_by_is_receives_with_a_utf8_reason() {
    for peer in Peer::ALL {
        for code in 0..=u16::MAX {
            let delivery = CloseCode::from(code).received_by(peer);
            assert_eq!(
                peer.receives(&body(code, REASON)),
                delivery,
                "{peer} {code}"
            );
            assert_eq!(peer.receives(&body(code, b"")), delivery, "{peer} {code}");
            let longest = body(code, &[b'r'; 123]);
            assert_eq!(peer.receives(&longest), delivery, "{peer} {code}");
        }
    }
}

/// RFC 6455 read strictly: a body `CloseFrame::decode` accepts is
/// delivered (an empty one as 1005, section 7.1.5), any other fails the
/// connection (section 7.1.7) and is reported as 1006.
#[test]
fn rfc6455_is_the_strict_decoder() {
    for body in all_bodies() {
        let seen = match CloseFrame::decode(&body) {
            Ok(Some(frame)) => Seen::Close {
                code: Some(frame.code().as_u16()),
                reason: frame.reason().as_bytes().to_vec(),
            },
            Ok(None) => Seen::Close {
                code: Some(1005),
                reason: Vec::new(),
            },
            Err(_) => Seen::Error {
                error: "Fail the WebSocket Connection".to_owned(),
                reported: Some(1006),
            },
        };
        check(Peer::Rfc6455, &body, &seen, Some(1005));
    }
}

/// The browsers: the page's `CloseEvent` is `from_body_as` with the
/// engine; a failed connection fires the DOM `error` event (WHATWG
/// WebSockets standard, "fail the WebSocket connection"), then a close
/// event that is not clean. Every browser is a peer and every browser peer
/// is a `Browser`.
#[test]
fn browsers_are_from_body_as() {
    let browser_peers: Vec<Peer> = Peer::ALL
        .into_iter()
        .filter(|p| p.browser().is_some())
        .collect();
    let browsers: Vec<Peer> = Browser::ALL.into_iter().map(Browser::peer).collect();
    assert_eq!(browser_peers, browsers);
    for browser in Browser::ALL {
        assert_eq!(browser.peer().browser(), Some(browser));
        assert_eq!(Peer::from(browser), browser.peer());
        for body in all_bodies() {
            let event = CloseEvent::from_body_as(browser, &body);
            let seen = if event.was_clean() {
                Seen::Close {
                    code: Some(event.code().as_u16()),
                    reason: event.reason().as_bytes().to_vec(),
                }
            } else {
                assert_eq!(event, CloseEvent::abnormal());
                Seen::Error {
                    error: "error".to_owned(),
                    reported: Some(event.code().as_u16()),
                }
            };
            check(browser.peer(), &body, &seen, Some(1005));
        }
    }
}

/// The codes every browser engine reports, computed from the engines, are
/// those of `is_reported_by_every_browser`; each engine reports at least
/// what RFC 6455 allows a script to send (1000 and 3000-4999).
#[test]
fn is_reported_by_every_browser_is_every_engine() {
    for code in 0..=u16::MAX {
        let code = CloseCode::from(code);
        let every = Browser::ALL
            .iter()
            .all(|browser| code.received_by(browser.peer()).is_delivered());
        assert_eq!(code.is_reported_by_every_browser(), every, "{code}");
        if code.is_accepted_by_websocket_close() {
            assert!(every, "{code}");
        }
    }
}

/// A measured table: the header's lines, and for each row the bodies it
/// covers, the outcome and the details.
struct Measured {
    header: Vec<String>,
    rows: Vec<(Vec<Vec<u8>>, String, String)>,
}

fn measured(text: &str) -> Measured {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut codes_seen = vec![0u32; 65_536];
    for line in text.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            header.push(comment.trim().to_owned());
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 3, "{line:?}");
        let bodies = if let Some(hex) = cells[0].strip_prefix("body ") {
            assert!(hex.len() % 2 == 0, "{line:?}");
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            vec![bytes]
        } else {
            let mut bodies = Vec::new();
            for range in cells[0].split(", ") {
                let (first, last) = range.split_once('-').unwrap_or((range, range));
                let (first, last): (u16, u16) = (first.parse().unwrap(), last.parse().unwrap());
                for code in first..=last {
                    codes_seen[usize::from(code)] += 1;
                    bodies.push(body(code, REASON));
                }
            }
            bodies
        };
        rows.push((bodies, cells[1].to_owned(), cells[2].to_owned()));
    }
    assert!(
        codes_seen.iter().all(|&n| n == 1),
        "each code in exactly one row"
    );
    Measured { header, rows }
}

/// The value of `key=` in the details.
fn detail<'a>(details: &'a str, key: &str) -> &'a str {
    details
        .split(' ')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no {key} in {details:?}"))
}

/// Checks a measured table against `Peer::receives`: the outcome of every
/// row; for a failure, the error (the value of `error_key`) and the code
/// reported with it (`reported_key`, `none` for no code); for the empty
/// body, that the API said "no code" as 1005.
fn check_measured(peer: Peer, measured: &Measured, error_key: &str, reported_key: &str) {
    for (bodies, outcome, details) in &measured.rows {
        for body in bodies {
            let delivery = peer.receives(body);
            let context = format!("{peer}, body {body:02x?}: measured {outcome} {details}");
            match delivery {
                Delivery::Delivered => {
                    assert_eq!(outcome, "delivered", "{context}");
                    let reported = detail(details, reported_key);
                    let expected = if body.is_empty() { "1005" } else { "as-sent" };
                    assert_eq!(reported, expected, "{context}");
                }
                Delivery::Failed(failure) => {
                    assert_eq!(outcome, "failed", "{context}");
                    assert_eq!(detail(details, error_key), failure.error(), "{context}");
                    let reported = failure
                        .reported_code()
                        .map_or_else(|| "none".to_owned(), |code| code.as_u16().to_string());
                    assert_eq!(detail(details, reported_key), reported, "{context}");
                }
                other => panic!("{context}: the crate says {other}"),
            }
        }
    }
    let measured_bodies: Vec<&Vec<u8>> = measured.rows.iter().flat_map(|row| &row.0).collect();
    for body in odd_bodies() {
        assert!(
            measured_bodies.contains(&&body),
            "{peer}: {body:02x?} not measured"
        );
    }
}

#[test]
fn python_websockets_is_as_measured() {
    let table = measured(include_str!("../../peer-tables/python-websockets-17.txt"));
    let header = table.header.join("\n");
    assert!(
        header.contains("Measured on Python websockets 17."),
        "{header}"
    );
    assert!(header.contains("import websockets; print(websockets.__version__)"));
    assert!(header.contains("by: bash crates/peer-tables/measure.sh"));
    check_measured(Peer::PythonWebsockets, &table, "exception", "rcvd");
}

#[test]
fn node_ws_is_as_measured() {
    let table = measured(include_str!("../../peer-tables/node-ws-8.txt"));
    let header = table.header.join("\n");
    assert!(header.contains("Measured on Node ws 8."), "{header}");
    assert!(header.contains("require(\"ws/package.json\").version"));
    assert!(header.contains("by: bash crates/peer-tables/measure.sh"));
    check_measured(Peer::NodeWs, &table, "error", "close");
}

/// A peer as the tables of the crate documentation name it: its name and
/// version, but a browser and tungstenite by name alone. A browser's
/// version is written once, in the crate's `measured` module, and shown by
/// `Peer`'s documentation; tungstenite's rows hold for every line this
/// crate has a feature for (`Peer::Tungstenite.version()` is their range,
/// which a new line changes).
fn label(peer: &Peer) -> String {
    if peer.browser().is_some() || *peer == Peer::Tungstenite {
        peer.name().to_owned()
    } else {
        peer.to_string()
    }
}

/// The table of codes as the crate documentation prints it: per peer, one
/// row per distinct `Delivery`, in the order of its first code.
fn code_rows() -> Vec<String> {
    let mut rows = Vec::new();
    for peer in Peer::ALL {
        let mut groups: Vec<(Delivery, Vec<u16>)> = Vec::new();
        for code in 0..=u16::MAX {
            let delivery = CloseCode::from(code).received_by(peer);
            match groups.iter_mut().find(|(seen, _)| *seen == delivery) {
                Some((_, codes)) => codes.push(code),
                None => groups.push((delivery, vec![code])),
            }
        }
        // What is delivered first, then the rest by their first code.
        groups.sort_by_key(|(delivery, _)| !delivery.is_delivered());
        for (delivery, codes) in groups {
            rows.push(format!(
                "| {} | {} | {delivery} |",
                label(&peer),
                ranges(&codes)
            ));
        }
    }
    rows
}

/// The table of odd bodies as the crate documentation prints it: no code,
/// 1 byte, 1000 with a reason that is not UTF-8, 126 bytes.
fn body_rows() -> Vec<String> {
    let bodies: [&[u8]; 4] = [b"", b"\x03", b"\x03\xe8ok\xff", &body(1000, &[b'r'; 124])];
    Peer::ALL
        .iter()
        .map(|peer| {
            let cells: Vec<String> = bodies
                .iter()
                .map(|body| match peer.receives(body) {
                    Delivery::Delivered => "delivered".to_owned(),
                    Delivery::Failed(failure) => format!("fails: {failure}"),
                    other => other.to_string(),
                })
                .collect();
            format!("| {} | {} |", label(peer), cells.join(" | "))
        })
        .collect()
}

/// The registry date and the rows (`| ...` lines after the header and its
/// separator) between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the
/// crate documentation.
fn documented(name: &str) -> (Option<String>, Vec<String>) {
    let lib = include_str!("../src/lib.rs");
    let start = lib
        .find(&format!("<!-- {name}:start -->"))
        .expect("start marker");
    let end = lib
        .find(&format!("<!-- {name}:end -->"))
        .expect("end marker");
    let lines: Vec<&str> = lib[start..end]
        .lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .collect();
    let date = lines.iter().find_map(|line| {
        let date = line.strip_prefix("As of the registry of ")?;
        Some(date.trim_end_matches(':').to_owned())
    });
    let rows = lines
        .iter()
        .filter(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| line.to_string())
        .collect();
    (date, rows)
}

/// Generated from the registry the table is for, the documentation prints
/// exactly the computed rows; generated from a later one (`cargo xtask
/// regen`), only the codes registered since may read differently (RFC
/// 6455's reading follows the registry).
#[test]
fn the_documented_code_table_is_the_api() {
    let (date, documented) = documented("peer-codes");
    let date = date.expect("the registry the table is for");
    let computed = code_rows();
    if date == REGISTRY_UPDATED {
        assert_eq!(documented, computed, "print:\n{}", computed.join("\n"));
        return;
    }
    eprintln!(
        "peer-codes is for the registry of {date}; refresh it from:\n{}",
        computed.join("\n")
    );
    for row in &documented {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let peer = Peer::ALL
            .into_iter()
            .find(|p| label(p) == cells[0])
            .unwrap();
        for range in cells[1].split(", ") {
            let (first, last) = range.split_once('-').unwrap_or((range, range));
            for code in first.parse::<u16>().unwrap()..=last.parse::<u16>().unwrap() {
                let code = CloseCode::from(code);
                let now = code.received_by(peer).to_string();
                let registered_since = code.registered_on().is_some_and(|on| on > date.as_str());
                assert!(now == cells[2] || registered_since, "{peer} {code}: {now}");
            }
        }
    }
}

#[test]
fn the_documented_body_table_is_the_api() {
    let (_, documented) = documented("peer-bodies");
    let computed = body_rows();
    assert_eq!(documented, computed, "print:\n{}", computed.join("\n"));
}

/// The lines between `<!-- every-peer:start -->` and `<!-- every-peer:end
/// -->` in `text`, without `//!` and blank lines, joined.
fn every_peer_line(text: &str) -> String {
    let start = text
        .find("<!-- every-peer:start -->")
        .expect("start marker");
    let end = text.find("<!-- every-peer:end -->").expect("end marker");
    text[start..end]
        .lines()
        .skip(1)
        .map(|line| line.trim_start_matches("//!").trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The codes every peer delivers as sent, computed from `Peer::ALL`, are
/// the ones README and the crate documentation print.
#[test]
fn the_codes_every_peer_delivers_are_documented() {
    let every: Vec<u16> = (0..=u16::MAX)
        .filter(|&code| {
            Peer::ALL
                .iter()
                .all(|&peer| CloseCode::from(code).received_by(peer).is_delivered())
        })
        .collect();
    let computed = ranges(&every);
    let documents = [
        ("src/lib.rs", include_str!("../src/lib.rs")),
        ("README.md", include_str!("../../../README.md")),
    ];
    for (name, text) in documents {
        assert_eq!(every_peer_line(text), computed, "{name}");
    }
    // README's note after the quick start, which closes with 1013, names
    // the same codes.
    let readme = documents[1].1;
    let after = &readme[readme.find("<!-- quickstart:end -->").expect("marker")..];
    let note = &after[..after.find("\n## ").expect("the next section")];
    assert!(note.contains(&format!("`{computed}`")), "{note}");
}
