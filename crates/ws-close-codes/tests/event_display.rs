//! `Display` of `CloseEvent`: the line a log wants, for every code, and a
//! reason that cannot break or disguise the line. The expected names come
//! from an independent reading of the registry snapshot; what a line must
//! not contain comes from Unicode's definitions (the `Cc` general category,
//! the line and paragraph separators, and the `Bidi_Control` property of
//! `PropList.txt`), written here apart from the crate's.

use std::sync::OnceLock;

use proptest::prelude::*;
use ws_close_codes::{CloseCode, CloseEvent};
use ws_close_codes_test_support::reading::Reading;

/// The independent reading of the registry snapshot, read once.
fn reading() -> &'static Reading {
    static READING: OnceLock<Reading> = OnceLock::new();
    READING.get_or_init(Reading::of_repository)
}

/// Unicode's `Bidi_Control` characters (PropList.txt): the Arabic letter
/// mark, the left-to-right and right-to-left marks, the embeddings and
/// overrides with their pop, and the isolates with theirs.
const BIDI_CONTROL: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// A character a peer could break or disguise a log line with.
fn is_dangerous(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || BIDI_CONTROL.contains(&c)
}

/// Reads escaped text back: `\\`, `\t`, `\n`, `\r` and `\u{hex}`; `None`
/// for a backslash that starts nothing of these.
fn unescape(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// What `Display` writes for the code `v`: the number, and the registered
/// name after a space.
fn code_text(reading: &Reading, v: u16) -> String {
    match reading.name(v) {
        Some(name) => format!("{v} {name}"),
        None => v.to_string(),
    }
}

/// Reads a line back into the code, whether it was clean, and the reason.
/// Panics on a line that is not one event's.
fn parse(reading: &Reading, line: &str) -> (u16, bool, String) {
    let digits = line
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len());
    let v: u16 = line[..digits].parse().expect("the code first");
    let rest = line
        .strip_prefix(&code_text(reading, v))
        .unwrap_or_else(|| panic!("{line:?} starts with the code and its name"));
    let (clean, rest) = match rest.strip_prefix(" (not clean)") {
        Some(rest) => (false, rest),
        None => (true, rest),
    };
    let reason = match rest.strip_prefix(": ") {
        Some(escaped) => {
            let reason = unescape(escaped).unwrap_or_else(|| panic!("{line:?}"));
            assert!(
                !reason.is_empty(),
                "{line:?}: an empty reason is not written"
            );
            reason
        }
        None => {
            assert_eq!(rest, "", "{line:?}");
            String::new()
        }
    };
    (v, clean, reason)
}

#[test]
fn the_lines_a_log_wants() {
    let cases = [
        (
            1013,
            "server busy",
            true,
            "1013 Try Again Later: server busy",
        ),
        (4001, "kicked", true, "4001: kicked"),
        (1000, "", true, "1000 Normal Closure"),
        (1001, "say \"bye\"", true, "1001 Going Away: say \"bye\""),
        (1005, "", true, "1005 No Status Rcvd"),
        (1006, "", false, "1006 Abnormal Closure (not clean)"),
        (4001, "kicked", false, "4001 (not clean): kicked"),
        (
            3000,
            "token expired",
            true,
            "3000 Unauthorized: token expired",
        ),
    ];
    for (v, reason, clean, line) in cases {
        let event = CloseEvent::new(CloseCode::from(v), reason, clean);
        assert_eq!(event.to_string(), line);
    }
    assert_eq!(
        CloseEvent::abnormal().to_string(),
        "1006 Abnormal Closure (not clean)"
    );
    assert_eq!(CloseEvent::no_status().to_string(), "1005 No Status Rcvd");
    assert_eq!(
        CloseEvent::from_body(b"\x03\xf3overloaded").to_string(),
        "1011 Internal Error: overloaded"
    );
}

ws_close_codes::close_codes! {
    /// An application's own codes, at both ends of the private-use range.
    enum AppCode {
        RoomClosed = 4000 { name: "Room Closed", description: "The owner closed the room." },
        Banned = 4999 { name: "Banned", description: "A moderator banned the user." },
    }
}

/// With `display_as`, an application's codes are written with their names
/// and every other code as `Display` writes it; the rest of the line is
/// the same.
#[test]
fn display_as_names_an_applications_codes() {
    for v in 0..=u16::MAX {
        let ours = match AppCode::from(v) {
            AppCode::RoomClosed => Some("Room Closed"),
            AppCode::Banned => Some("Banned"),
            _ => None,
        };
        let code = match ours {
            Some(name) => format!("{v} {name}"),
            None => code_text(reading(), v),
        };
        for (reason, clean) in [("", true), ("", false), ("gone", true), ("a\nb", false)] {
            let event = CloseEvent::new(CloseCode::from(v), reason, clean);
            let plain = event.to_string();
            let rest = &plain[code_text(reading(), v).len()..];
            let line = event.display_as::<AppCode>().to_string();
            assert_eq!(line, format!("{code}{rest}"));
            assert_eq!(event.display_as::<CloseCode>().to_string(), plain);
        }
    }
    let event = CloseEvent::from_body(b"\x0f\xa0room closed");
    assert_eq!(event.to_string(), "4000: room closed");
    assert_eq!(
        event.display_as::<AppCode>().to_string(),
        "4000 Room Closed: room closed"
    );
}

/// Every code, clean or not, with and without a reason.
#[test]
fn every_code_is_written_with_its_name() {
    for v in 0..=u16::MAX {
        let code = code_text(reading(), v);
        let with = |reason, clean| CloseEvent::new(CloseCode::from(v), reason, clean).to_string();
        assert_eq!(with("", true), code);
        assert_eq!(with("", false), format!("{code} (not clean)"));
        assert_eq!(with("gone", true), format!("{code}: gone"));
        assert_eq!(with("gone", false), format!("{code} (not clean): gone"));
    }
}

#[test]
fn forged_lines_are_escaped() {
    let cases = [
        // A second log line, and a line that rewrites itself.
        (
            "bye\n2025-01-01 ERROR admin logged in",
            r"bye\n2025-01-01 ERROR admin logged in",
        ),
        ("bye\r\nnext", r"bye\r\nnext"),
        ("ok\rFAILED", r"ok\rFAILED"),
        // ANSI: a colour, clearing the screen, a C1 control sequence
        // introducer.
        ("\x1b[31mred\x1b[0m", r"\u{1b}[31mred\u{1b}[0m"),
        ("\x1b[2J", r"\u{1b}[2J"),
        ("\u{9b}31m", r"\u{9b}31m"),
        // Bidi controls that reorder what a terminal or viewer shows.
        ("\u{202e}nimda", r"\u{202e}nimda"),
        ("a\u{2066}b\u{2069}c", r"a\u{2066}b\u{2069}c"),
        ("\u{200f}\u{61c}\u{200e}", r"\u{200f}\u{61c}\u{200e}"),
        // Line breaks beyond LF and CR.
        (
            "a\u{85}b\u{2028}c\u{2029}d\u{b}e\u{c}f",
            r"a\u{85}b\u{2028}c\u{2029}d\u{b}e\u{c}f",
        ),
        ("nul\0del\u{7f}tab\t", r"nul\u{0}del\u{7f}tab\t"),
        // A backslash is escaped, so that escapes cannot be faked.
        (r"C:\new", r"C:\\new"),
        (r"\u{1b}", r"\\u{1b}"),
    ];
    for (reason, written) in cases {
        let event = CloseEvent::new(CloseCode::NormalClosure, reason, true);
        assert_eq!(
            event.to_string(),
            format!("1000 Normal Closure: {written}"),
            "{reason:?}"
        );
    }
}

#[test]
fn text_in_any_script_is_written_as_it_is() {
    for reason in [
        "déjà vu",
        "e\u{301}",  // a combining accent
        "सर्वर व्यस्त", // Devanagari, with vowel signs
        "サーバーが混雑しています",
        "الخادم مشغول",
        "👩\u{200d}💻 🇫🇷", // a joined emoji and a flag
        "'single' \"double\" `back`",
        "zero\u{200b}width",
    ] {
        let event = CloseEvent::new(CloseCode::TryAgainLater, reason, true);
        assert_eq!(event.to_string(), format!("1013 Try Again Later: {reason}"));
    }
}

/// Every character there is, alone and between others: escaped exactly
/// when it could break or disguise the line (or is the backslash), and
/// read back to itself.
#[test]
fn every_character_is_written_safely() {
    let mut escaped = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let reason = format!("a{c}b");
        let line = CloseEvent::new(CloseCode::from(4000), &reason, true).to_string();
        let written = line.strip_prefix("4000: ").unwrap();
        assert!(!written.chars().any(is_dangerous), "{c:?}: {written:?}");
        assert_eq!(unescape(written).as_deref(), Some(reason.as_str()), "{c:?}");
        if is_dangerous(c) || c == '\\' {
            escaped += 1;
            assert_ne!(written, reason, "{c:?} is escaped");
        } else {
            assert_eq!(written, reason, "{c:?} is written as it is");
        }
    }
    // 65 controls, 2 separators, 12 bidi controls and the backslash.
    assert_eq!(escaped, 65 + 2 + 12 + 1);
}

#[test]
fn debug_shows_the_fields() {
    let event = CloseEvent::new(CloseCode::from(4001), "a\nb", false);
    assert_eq!(
        format!("{event:?}"),
        format!(
            "CloseEvent {{ code: {:?}, reason: \"a\\nb\", was_clean: false }}",
            CloseCode::from(4001)
        )
    );
}

/// Reasons made of the characters that matter most here, and any others.
fn reason() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '\\', 'u', '{', '}', '1', 'b', 'n', 'r', 't', ':', ' ', '(', ')', '\n', '\r', '\t',
        '\u{1b}', '\u{0}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2028}', 'é', '\u{301}',
    ]);
    prop::collection::vec(prop_oneof![3 => tricky, 1 => any::<char>()], 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// A line is one line, and reads back as exactly the event written:
    /// no reason can make it look like another code, another cleanness
    /// or another reason.
    #[test]
    fn a_line_reads_back_as_its_event(v in any::<u16>(), clean in any::<bool>(), reason in reason()) {
        let line = CloseEvent::new(CloseCode::from(v), &reason, clean).to_string();
        prop_assert!(!line.chars().any(is_dangerous), "{:?}", line);
        prop_assert_eq!(parse(reading(), &line), (v, clean, reason));
    }
}
