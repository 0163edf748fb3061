//! Identifier pins (`registry/names.toml`) and identifier derivation.
//!
//! A code seen for the first time gets a Rust identifier derived from its
//! description; from then on the pin wins, so a change in IANA's wording
//! never renames a variant. Pins only grow.

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

/// Identifiers a variant may not take: the one Rust keyword that starts
/// with an uppercase letter, the catch-all variant, and the associated
/// types of core traits: with a variant `Err`, the `Self::Err` of
/// `impl FromStr for CloseCode` is ambiguous and the crate does not compile
/// (`ambiguous_associated_items`); `Error` (`TryFrom`), `Output`, `Target`,
/// `Item`, `IntoIter` and `Owned` would do the same in such an impl.
const RESERVED: &[&str] = &[
    "Self", "Other", "Err", "Error", "Output", "Target", "Item", "IntoIter", "Owned",
];

/// Whether `ident` can name a `CloseCode` variant: ASCII, starts with an
/// uppercase letter, then letters, digits or underscores; not a keyword,
/// not the catch-all `Other` and not the name of a core trait's associated
/// type (`Err`, `Error`, `Output`, ...).
pub fn is_valid_ident(ident: &str) -> bool {
    let mut bytes = ident.bytes();
    matches!(bytes.next(), Some(b'A'..=b'Z'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !RESERVED.contains(&ident)
        && ident.len() <= 64
}

/// Derives the identifier for `value` from its IANA `description`.
///
/// The words (runs of ASCII letters and digits) are joined in
/// UpperCamelCase: `Mandatory Ext.` gives `MandatoryExt`, `TLS handshake`
/// gives `TlsHandshake`. A result that starts with a digit gets the prefix
/// `Code`. When the description has more than 6 words, gives more than 40
/// characters, has no words, or gives a
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
    let (mut ident, mut derivation) =
        if words.is_empty() || words.len() > 6 || ident.len() > 40 || !is_valid_ident(&ident) {
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

    /// Parses `names.toml`: one table, `[codes]`, whose keys are code values
    /// and whose values are inline tables with `ident` (required) and
    /// `name` (written for every code by regen; optional when reading).
    ///
    /// # Errors
    ///
    /// Malformed TOML, unknown keys, a key that is not a code, an invalid or
    /// duplicate identifier; the error names the line, column and key.
    ///
    /// ```
    /// use ws_close_codes_registry::Pins;
    ///
    /// let pins = Pins::parse("[codes]\n1000 = { ident = \"NormalClosure\" }\n")?;
    /// assert_eq!(pins.get(1000).unwrap().ident, "NormalClosure");
    /// assert_eq!(Pins::parse(&pins.render())?, pins);
    /// let error = Pins::parse("[codes]\n1000 = { ident = \"A\" }\n1001 = { ident = \"A\" }\n");
    /// assert_eq!(
    ///     error.unwrap_err().to_string(),
    ///     "line 3, column 1: codes.1001.ident: A is already the identifier of 1000"
    /// );
    /// # Ok::<(), ws_close_codes_registry::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Pins, Error> {
        let mut pins = Pins::default();
        let mut seen: BTreeMap<String, u16> = BTreeMap::new();
        for code in codes_file::read::<Pin>(text)? {
            let value = code.code().ok_or_else(|| {
                code.error(
                    "",
                    "key must be a close code from 0 to 65535, without leading zeros",
                )
            })?;
            let ident = &code.value.ident;
            if !is_valid_ident(ident) {
                return Err(code.error("ident", format!("{ident:?} is not a usable variant name (ASCII, starting with an uppercase letter, not a keyword, not Other)")));
            }
            if let Some(other) = seen.insert(ident.clone(), value) {
                let message = format!("{ident} is already the identifier of {other}");
                return Err(code.error("ident", message));
            }
            // A name is a registry description as first seen, or text
            // written by hand: any text, as descriptions are. It reaches
            // the generated code only through the generator's escaping.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn derive(value: u16, description: &str) -> (String, Derivation) {
        derive_ident(value, description, &BTreeSet::new())
    }

    #[test]
    fn keywords_digits_punctuation_and_collisions() {
        let word = |ident: &str| (ident.to_owned(), Derivation::Words);
        assert_eq!(derive(3001, "Mandatory Ext."), word("MandatoryExt"));
        assert_eq!(derive(3001, "TLS handshake"), word("TlsHandshake"));
        assert_eq!(derive(3001, "3D frames"), word("Code3dFrames"));
        assert_eq!(derive(3001, "Timeout — ünïcode"), word("TimeoutNCode"));
        assert_eq!(
            derive(3001, "one two three four five six").1,
            Derivation::Words
        );
        // Too long, no words, a keyword, the catch-all, core traits' types.
        let long = ["one two three four five six seven", &"x".repeat(41)];
        for description in long
            .into_iter()
            .chain(["!!! ...", "self", "Other", "Err", "error"])
        {
            let fallback = ("Code3001".to_owned(), Derivation::Fallback);
            assert_eq!(derive(3001, description), fallback, "{description}");
        }
        let taken: BTreeSet<String> = ["Timeout".to_owned(), "Timeout3017".to_owned()].into();
        let derived = derive_ident(3017, "Timeout", &taken);
        assert_eq!(derived, ("Timeout3017_".into(), Derivation::Collision));
        let taken: BTreeSet<String> = ["Code3017".to_owned()].into();
        let derived = derive_ident(3017, "", &taken);
        assert_eq!(derived, ("Code30173017".into(), Derivation::Fallback));
    }

    #[test]
    fn every_derived_identifier_is_valid() {
        for description in "|a|Self|self|fn|_|9|9 lives|A b C d|\u{202E}evil".split('|') {
            for value in [1000, 3999, 65535] {
                let (ident, _) = derive(value, description);
                assert!(is_valid_ident(&ident), "{description:?} -> {ident:?}");
            }
        }
    }

    #[test]
    fn pins_round_trip_any_name() {
        let mut pins = Pins::default();
        let pin = |ident: &str, name: Option<&str>| Pin {
            ident: ident.to_owned(),
            name: name.map(str::to_owned),
        };
        pins.insert(
            1014,
            pin("BadGateway", Some("Bad \"Gate\" \\ \u{202E}\u{1}\n")),
        );
        pins.insert(1000, pin("NormalClosure", None));
        assert_eq!(Pins::parse(&pins.render()).unwrap(), pins);
    }

    #[test]
    fn bad_pins_are_refused_at_their_key() {
        let second = |pin: &str| format!("[codes]\n1000 = {{ ident = \"A\" }}\n{pin}\n");
        for (pin, key, says) in [
            ("01000 = { ident = \"B\" }", "codes.01000", "close code"),
            ("70000 = { ident = \"B\" }", "codes.70000", "close code"),
            ("1001 = { ident = \"fn\" }", "codes.1001.ident", "usable"),
            ("1001 = { ident = \"A\" }", "codes.1001.ident", "already"),
        ] {
            let error = Pins::parse(&second(pin)).unwrap_err();
            let at = Some(Position { line: 3, column: 1 });
            assert_eq!((error.position, error.element.as_deref()), (at, Some(key)));
            assert!(error.message.contains(says), "{error}");
        }
        for (pin, says) in [
            ("1001 = { ident = \"B\", colour = \"red\" }", "colour"),
            ("1001 = { name = \"B\" }", "ident"),
            ("1001 = \"B\"", "string"),
            ("[other]", "other"),
            ("1001 = { ident = ", ""),
        ] {
            let error = Pins::parse(&second(pin)).unwrap_err();
            assert_eq!(error.position.map(|p| p.line), Some(3), "{pin}: {error}");
            assert!(error.message.contains(says), "{pin}: {error}");
        }
    }
}
