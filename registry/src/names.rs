//! Identifier pins (`registry/names.toml`) and identifier derivation.
//!
//! A code seen for the first time gets a Rust identifier derived from its
//! description; from then on the pin wins, so a change in IANA's wording
//! never renames a variant. Pins only grow.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Error;
use crate::toml_tree::{self, Value};

/// The pinned identifier and name of one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The Rust identifier of the code's `CloseCode` variant.
    pub ident: String,
    /// The code's name (what `CloseCode::name` and `Display` give): IANA's
    /// description when the code was first seen, or a shorter name written
    /// by hand. `None` only in a file written before names were pinned;
    /// [`crate::build`] then pins the current description.
    pub name: Option<String>,
}

/// All pins, by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pins {
    pins: BTreeMap<u16, Pin>,
}

/// How an identifier was derived from a description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// UpperCamelCase of the description's words.
    Words,
    /// The words gave an identifier already taken; the code's value was
    /// appended.
    Collision,
    /// The description was too long, had no usable words, or gave a name
    /// that cannot be used; the identifier is `Code` and the value.
    Fallback,
}

/// Longest description, in words, that is turned into an identifier.
pub const MAX_IDENT_WORDS: usize = 6;
/// Longest identifier derived from words, in characters.
pub const MAX_IDENT_LEN: usize = 40;

/// Identifiers a variant may not take: Rust keywords (only `Self` can be
/// written in UpperCamelCase), the catch-all variant, and the associated
/// types of core traits: with a variant `Err`, the `Self::Err` of
/// `impl FromStr for CloseCode` is ambiguous and the crate does not compile
/// (`ambiguous_associated_items`); `Error` (`TryFrom`), `Output`, `Target`,
/// `Item`, `IntoIter` and `Owned` would do the same in such an impl.
const RESERVED: &[&str] = &[
    "Self", "Other", "Err", "Error", "Output", "Target", "Item", "IntoIter", "Owned",
];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "_",
];

/// Whether `ident` can name a `CloseCode` variant: ASCII, starts with an
/// uppercase letter, then letters, digits or underscores; not a keyword,
/// not the catch-all `Other` and not the name of a core trait's associated
/// type (`Err`, `Error`, `Output`, ...).
pub fn is_valid_ident(ident: &str) -> bool {
    let mut bytes = ident.bytes();
    matches!(bytes.next(), Some(b'A'..=b'Z'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !KEYWORDS.contains(&ident)
        && !RESERVED.contains(&ident)
        && ident.len() <= 64
}

/// Derives the identifier for `value` from its IANA `description`.
///
/// The words (runs of ASCII letters and digits) are joined in
/// UpperCamelCase: `Mandatory Ext.` gives `MandatoryExt`, `TLS handshake`
/// gives `TlsHandshake`. A result that starts with a digit gets the prefix
/// `Code`. When the description has more than [`MAX_IDENT_WORDS`] words,
/// gives more than [`MAX_IDENT_LEN`] characters, has no words, or gives a
/// reserved name, the identifier is `Code` followed by the value
/// ([`Derivation::Fallback`]). When the result is in `taken`, the value is
/// appended ([`Derivation::Collision`]). The result is never in `taken`.
pub fn derive_ident(
    value: u16,
    description: &str,
    taken: &BTreeSet<String>,
) -> (String, Derivation) {
    let words: Vec<&str> = description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut ident = String::new();
    for word in &words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            ident.push(first.to_ascii_uppercase());
            ident.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, "Code");
    }
    let (mut ident, mut derivation) = if words.is_empty()
        || words.len() > MAX_IDENT_WORDS
        || ident.len() > MAX_IDENT_LEN
        || !is_valid_ident(&ident)
    {
        (format!("Code{value}"), Derivation::Fallback)
    } else {
        (ident, Derivation::Words)
    };
    if taken.contains(&ident) {
        if derivation == Derivation::Words {
            derivation = Derivation::Collision;
        }
        ident = format!("{ident}{value}");
        // Still taken (someone pinned exactly that): add underscores until free.
        while taken.contains(&ident) {
            ident.push('_');
        }
    }
    (ident, derivation)
}

impl Pins {
    /// No pins.
    pub fn new() -> Self {
        Pins::default()
    }

    /// The pin of `value`, if any.
    pub fn get(&self, value: u16) -> Option<&Pin> {
        self.pins.get(&value)
    }

    /// Adds or replaces the pin of `value`.
    pub fn insert(&mut self, value: u16, pin: Pin) {
        self.pins.insert(value, pin);
    }

    /// All pins in ascending order of code.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &Pin)> {
        self.pins.iter().map(|(&v, p)| (v, p))
    }

    /// Number of pins.
    pub fn len(&self) -> usize {
        self.pins.len()
    }

    /// Whether there are no pins.
    pub fn is_empty(&self) -> bool {
        self.pins.is_empty()
    }

    /// Parses `names.toml`.
    ///
    /// The file has one table, `[codes]`, whose keys are code values and
    /// whose values are inline tables with `ident` (required) and `name`
    /// (written for every code by regen; optional when reading).
    ///
    /// # Errors
    ///
    /// Malformed TOML, unknown keys, a key that is not a code, an invalid or
    /// duplicate identifier; the error names the line, column and key.
    pub fn parse(text: &str) -> Result<Pins, Error> {
        let mut pins = Pins::new();
        let mut seen: BTreeMap<String, u16> = BTreeMap::new();
        for entry in toml_tree::parse(text)? {
            if entry.key != "codes" {
                return Err(Error::at(
                    entry.at,
                    entry.key.as_str(),
                    "unknown key; expected only [codes]",
                ));
            }
            let Value::Table(codes) = entry.value else {
                return Err(Error::at(entry.at, "codes", "must be a table"));
            };
            for code_entry in codes {
                let code = code_entry.key.as_str();
                let place = |_: &str| code_entry.at;
                let name = format!("codes.{code}");
                let value = parse_code_key(code).ok_or_else(|| {
                    Error::at(
                        place(code),
                        name.as_str(),
                        "key must be a close code from 0 to 65535, without leading zeros",
                    )
                })?;
                let Value::Table(fields) = &code_entry.value else {
                    return Err(Error::at(
                        place(code),
                        name.as_str(),
                        "must be a table like { ident = \"Name\" }",
                    ));
                };
                let mut ident = None;
                let mut pinned_name = None;
                for field in fields {
                    let field_name = format!("{name}.{}", field.key);
                    let Value::Str(s) = &field.value else {
                        return Err(Error::at(field.at, field_name.as_str(), "must be a string"));
                    };
                    match field.key.as_str() {
                        "ident" => ident = Some(s.clone()),
                        "name" => pinned_name = Some(s.clone()),
                        _ => {
                            return Err(Error::at(
                                field.at,
                                field_name.as_str(),
                                "unknown key; expected ident or name",
                            ))
                        }
                    }
                }
                let ident =
                    ident.ok_or_else(|| Error::at(place(code), name.as_str(), "missing ident"))?;
                if !is_valid_ident(&ident) {
                    return Err(Error::at(
                        place(code),
                        format!("{name}.ident"),
                        format!("{ident:?} is not a usable variant name (ASCII, starting with an uppercase letter, not a keyword, not Other)"),
                    ));
                }
                if let Some(other) = seen.insert(ident.clone(), value) {
                    return Err(Error::at(
                        place(code),
                        format!("{name}.ident"),
                        format!("{ident} is already the identifier of {other}"),
                    ));
                }
                // A name is a registry description as first seen, or text
                // written by hand: any text, as descriptions are. It reaches
                // the generated code only through the generator's escaping.
                pins.insert(
                    value,
                    Pin {
                        ident,
                        name: pinned_name,
                    },
                );
            }
        }
        Ok(pins)
    }

    /// Renders the pins as `names.toml`, deterministically.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# Rust identifiers pinned for the registered WebSocket close codes.\n\
             #\n\
             # Written by `cargo xtask regen`: a code seen for the first time gets an\n\
             # identifier derived from its IANA description, and that description as its\n\
             # name. After that the pins win, so a change in IANA's wording never renames\n\
             # a `CloseCode` variant and never changes `name()` or `Display` (users' logs\n\
             # and alerts key on that text); `iana_description()` carries IANA's current\n\
             # text. Pins are never changed or removed by regen, even when a code leaves\n\
             # the registry.\n\
             #\n\
             # Edit by hand only to give a code a shorter name than IANA's description, or\n\
             # to fix a pin before its first release.\n\n[codes]\n",
        );
        for (value, pin) in &self.pins {
            out.push_str(&format!("{value} = {{ ident = {}", toml_string(&pin.ident)));
            if let Some(name) = &pin.name {
                out.push_str(&format!(", name = {}", toml_string(name)));
            }
            out.push_str(" }\n");
        }
        out
    }
}

fn parse_code_key(key: &str) -> Option<u16> {
    if key.is_empty()
        || (key.len() > 1 && key.starts_with('0'))
        || !key.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    key.parse().ok()
}

/// A TOML basic string holding `s` exactly.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Unicode characters that reorder the display of text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derive(value: u16, description: &str) -> (String, Derivation) {
        derive_ident(value, description, &BTreeSet::new())
    }

    #[test]
    fn words_become_upper_camel_case() {
        assert_eq!(
            derive(1010, "Mandatory Ext."),
            ("MandatoryExt".into(), Derivation::Words)
        );
        assert_eq!(
            derive(1015, "TLS handshake"),
            ("TlsHandshake".into(), Derivation::Words)
        );
        assert_eq!(
            derive(1007, "Invalid frame payload data").0,
            "InvalidFramePayloadData"
        );
        assert_eq!(derive(1005, "No Status Rcvd").0, "NoStatusRcvd");
    }

    #[test]
    fn long_descriptions_fall_back() {
        let long = "The server was acting as a gateway or proxy and received an invalid response from the upstream server. This is similar to 502 HTTP Status Code.";
        assert_eq!(
            derive(1014, long),
            ("Code1014".into(), Derivation::Fallback)
        );
        assert_eq!(
            derive(3001, "one two three four five six").1,
            Derivation::Words
        );
        assert_eq!(
            derive(3001, "one two three four five six seven").1,
            Derivation::Fallback
        );
        assert_eq!(derive(3001, &"x".repeat(41)).1, Derivation::Fallback);
    }

    #[test]
    fn keywords_digits_punctuation_and_collisions() {
        assert_eq!(derive(3001, "self").0, "Code3001");
        assert_eq!(derive(3001, "Other").0, "Code3001");
        // `Self::Err` in `impl FromStr for CloseCode` would be ambiguous.
        assert_eq!(derive(3001, "Err").0, "Code3001");
        assert_eq!(derive(3001, "error").0, "Code3001");
        assert_eq!(derive(3001, "3D frames").0, "Code3dFrames");
        assert_eq!(
            derive(3001, "!!! ... ???"),
            ("Code3001".into(), Derivation::Fallback)
        );
        assert_eq!(
            derive(3001, "Timeout — ünïcode"),
            ("TimeoutNCode".into(), Derivation::Words)
        );
        let taken: BTreeSet<String> = ["Timeout".to_owned(), "Timeout3017".to_owned()].into();
        assert_eq!(
            derive_ident(3017, "Timeout", &taken),
            ("Timeout3017_".into(), Derivation::Collision)
        );
        let taken: BTreeSet<String> = ["Code3017".to_owned()].into();
        assert_eq!(
            derive_ident(3017, "", &taken),
            ("Code30173017".into(), Derivation::Fallback)
        );
    }

    #[test]
    fn every_derived_identifier_is_valid() {
        for description in [
            "",
            "a",
            "Self",
            "self",
            "fn",
            "_",
            "9",
            "9 lives",
            "A b C d",
            "\u{202E}evil",
        ] {
            for value in [1000, 3999, 65535] {
                let (ident, _) = derive(value, description);
                assert!(is_valid_ident(&ident), "{description:?} -> {ident:?}");
            }
        }
    }

    #[test]
    fn pins_round_trip_and_reject_bad_input() {
        let mut pins = Pins::new();
        pins.insert(
            1014,
            Pin {
                ident: "BadGateway".into(),
                name: Some("Bad \"Gateway\" \\ \u{202E}".into()),
            },
        );
        pins.insert(
            1000,
            Pin {
                ident: "NormalClosure".into(),
                name: None,
            },
        );
        let text = pins.render();
        assert_eq!(Pins::parse(&text).unwrap(), pins);

        let err = Pins::parse("[codes]\n1000 = { ident = \"fn\" }\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 2);
        assert!(err.to_string().contains("codes.1000.ident"), "{err}");
        let err = Pins::parse("[codes]\n1000 = { ident = \"A\" }\n1001 = { ident = \"A\" }\n")
            .unwrap_err();
        assert!(
            err.to_string().contains("already the identifier of 1000"),
            "{err}"
        );
        assert!(Pins::parse("[codes]\n01000 = { ident = \"A\" }\n").is_err());
        assert!(Pins::parse("[codes]\n70000 = { ident = \"A\" }\n").is_err());
        assert!(Pins::parse("[codes]\n1000 = { ident = \"A\", colour = \"red\" }\n").is_err());
        assert!(Pins::parse("[other]\n").is_err());
        let err = Pins::parse("[codes]\n1000 = { ident = \n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 2);
    }
}
