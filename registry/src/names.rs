//! Identifier pins (`registry/names.toml`) and identifier derivation: a
//! code seen for the first time gets an identifier derived from its
//! description, and from then on the pin wins. Pins only grow.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::codes_file;
use crate::error::Error;

/// The pinned identifier and name of one code.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// The Rust identifier of the code's `CloseCode` variant.
    pub ident: String,
    /// The code's name (`CloseCode::name`); `None` only in a file written
    /// before names were pinned.
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
    /// The words gave an identifier already taken; the value was appended.
    Collision,
    /// No usable words; the identifier is `Code` and the value.
    Fallback,
}

/// Identifiers a variant may not take: `Self`, the catch-all, and core
/// traits' associated types (a variant `Err` makes `Self::Err` ambiguous).
const RESERVED: &[&str] = &[
    "Self", "Other", "Err", "Error", "Output", "Target", "Item", "IntoIter", "Owned",
];

/// Whether `ident` can name a `CloseCode` variant: an ASCII uppercase
/// letter, then letters, digits or `_`, at most 64, and not a reserved name.
pub fn is_valid_ident(ident: &str) -> bool {
    let mut bytes = ident.bytes();
    matches!(bytes.next(), Some(b'A'..=b'Z'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !RESERVED.contains(&ident)
        && ident.len() <= 64
}

/// The identifier for `value` from its `description`: its ASCII words in
/// UpperCamelCase (`Code` before a digit), or `Code{value}` past 6 words or
/// 40 characters or for a reserved name; `value` appended when `taken`.
pub fn derive_ident(
    value: u16,
    description: &str,
    taken: &BTreeSet<String>,
) -> (String, Derivation) {
    let words: Vec<&str> = description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Words are ASCII: their first byte is a character.
    let camel = |w: &&str| w[..1].to_ascii_uppercase() + &w[1..].to_ascii_lowercase();
    let mut ident: String = words.iter().map(camel).collect();
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, "Code");
    }
    let fallback = words.is_empty() || words.len() > 6 || ident.len() > 40;
    let (mut ident, mut derivation) = if fallback || !is_valid_ident(&ident) {
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

    /// Parses `names.toml` (`[codes]` maps code values to `{ ident, name }`);
    /// an error names the place of a bad entry or identifier.
    pub fn parse(text: &str) -> Result<Pins, Error> {
        let mut pins = Pins::default();
        let mut seen: BTreeMap<String, u16> = BTreeMap::new();
        for code in codes_file::read::<Pin>(text)? {
            let not_a_code = "key must be a close code from 0 to 65535, without leading zeros";
            let value = code.code().ok_or_else(|| code.error("", not_a_code))?;
            let ident = &code.value.ident;
            if !is_valid_ident(ident) {
                return Err(code.error(".ident", format!("{ident:?} is not a usable variant name (ASCII, starting with an uppercase letter, not a keyword, not Other)")));
            }
            if let Some(other) = seen.insert(ident.clone(), value) {
                let message = format!("{ident} is already the identifier of {other}");
                return Err(code.error(".ident", message));
            }
            // A name is any text, like a description: the generator escapes it.
            pins.insert(value, code.value);
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

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
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
