//! Reading a spec file: the application's own close codes, as TOML.
//!
//! ```toml
//! [[code]]
//! value = 4401
//! name = "Unauthorized"
//! description = "The client did not authenticate in time."   # optional
//! ident = "Unauthorized"                                      # optional
//! ```
//!
//! This module checks the shape of the file: TOML syntax, known keys, the
//! types of the values, and that every `[[code]]` has a value and a name.
//! What the values mean (the allowed range, collisions) is checked by the
//! builder, which sees every spec and the IANA codes together.

use toml::de::{DeTable, DeValue};
use toml::Spanned;
use ws_close_codes_registry::Position;

use crate::error::Error;

/// One `[[code]]` of a spec, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SpecCode {
    /// Where the `[[code]]` header (or inline table) starts.
    pub(crate) at: Position,
    /// The value, when it fits a `u16`.
    pub(crate) value: Option<u16>,
    /// The value as written (`4401`, `0x1191`), for messages.
    pub(crate) value_text: String,
    /// Where the value is.
    pub(crate) value_at: Position,
    /// The name, whitespace collapsed.
    pub(crate) name: String,
    /// Where the name is.
    pub(crate) name_at: Position,
    /// The description, whitespace collapsed, if given.
    pub(crate) description: Option<String>,
    /// The pinned identifier and where it is, if given.
    pub(crate) ident: Option<(String, Position)>,
}

/// The keys a `[[code]]` may have.
const CODE_KEYS: &str = "value, name, description and ident";

/// Parses the spec `text` of the file called `file` (for messages): the
/// codes that are valid, and a problem for each thing wrong (invalid TOML,
/// an unknown key, a value of the wrong type, a `[[code]]` without a value
/// or a name, an empty name or description, or a name that is not one line
/// of text or starts with a digit), in document order. A code with a
/// problem is left out of the codes.
pub(crate) fn parse_spec(file: &str, text: &str) -> (Vec<SpecCode>, Vec<Error>) {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let position = error
                .span()
                .map_or(Position { line: 1, column: 1 }, |span| {
                    position_of(text, span.start)
                });
            let message = format!("invalid TOML: {}", error.message().trim_end());
            return (Vec::new(), vec![Error::at(file, position, message)]);
        }
    };
    let at = |offset: usize| position_of(text, offset);
    let mut codes = Vec::new();
    let mut problems = Vec::new();
    for (key, item) in in_document_order(root.get_ref()) {
        if key.get_ref() != "code" {
            problems.push(Error::at(
                file,
                at(key.span().start),
                format!(
                    "unknown key {:?} at the top level; the spec holds only [[code]] tables",
                    key.get_ref().as_ref()
                ),
            ));
            continue;
        }
        let not_tables = || {
            Error::at(
                file,
                at(key.span().start),
                "code must be an array of tables: write each code as a [[code]] table",
            )
        };
        let DeValue::Array(array) = item.get_ref() else {
            problems.push(not_tables());
            continue;
        };
        for element in array.iter() {
            let DeValue::Table(table) = element.get_ref() else {
                problems.push(not_tables());
                break;
            };
            match parse_code(file, text, at(element.span().start), table) {
                Ok(code) => codes.push(code),
                Err(error) => problems.push(error),
            }
        }
    }
    (codes, problems)
}

/// The entries of a table sorted by where their keys are in the document
/// (the parser keeps them sorted by key).
fn in_document_order<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// One `[[code]]` table that starts at `at`; every problem of it.
fn parse_code(
    file: &str,
    text: &str,
    at: Position,
    table: &DeTable<'_>,
) -> Result<SpecCode, Error> {
    let place = |offset: usize| position_of(text, offset);
    let mut value = None;
    let mut name = None;
    let mut description = None;
    let mut ident = None;
    let mut problems = Vec::new();
    // Whether the key is there, right or wrong.
    let (mut has_value, mut has_name) = (false, false);
    for (key, item) in in_document_order(table) {
        has_value |= key.get_ref() == "value";
        has_name |= key.get_ref() == "name";
        let value_at = place(item.span().start);
        match key.get_ref().as_ref() {
            "value" => {
                let DeValue::Integer(integer) = item.get_ref() else {
                    problems.push(Error::at(
                        file,
                        value_at,
                        format!(
                            "value must be an integer such as 4401, not {}",
                            a_type(item.get_ref())
                        ),
                    ));
                    continue;
                };
                let number = i64::from_str_radix(integer.as_str(), integer.radix())
                    .ok()
                    .and_then(|n| u16::try_from(n).ok());
                value = Some((number, integer.to_string(), value_at));
            }
            "name" => match string(file, "name", item, value_at)
                .and_then(|text| check_name(file, text, value_at))
            {
                Ok(text) => name = Some((text, value_at)),
                Err(error) => problems.push(error),
            },
            "description" => match string(file, "description", item, value_at) {
                Ok(text) if collapse(text).is_empty() => problems.push(Error::at(
                    file,
                    value_at,
                    "description is empty; write one or leave the key out",
                )),
                Ok(text) => description = Some(collapse(text)),
                Err(error) => problems.push(error),
            },
            "ident" => match string(file, "ident", item, value_at) {
                Ok(text) => ident = Some((text.to_owned(), value_at)),
                Err(error) => problems.push(error),
            },
            other => problems.push(Error::at(
                file,
                place(key.span().start),
                format!("unknown key {other:?} in [[code]]; the keys are {CODE_KEYS}"),
            )),
        }
    }
    // A key that was there but wrong was reported above; a key that is
    // missing is reported here.
    if !has_value {
        let named = name
            .as_ref()
            .map(|(name, _)| format!(" named {name:?}"))
            .unwrap_or_default();
        problems.push(Error::at(
            file,
            at,
            format!(
                "[[code]]{named} has no value; add value = N with N the close code, \
                 from 4000 to 4999 for private use"
            ),
        ));
    }
    if !has_name {
        let with = value
            .as_ref()
            .map(|(_, text, _)| format!(" with value {text}"))
            .unwrap_or_default();
        problems.push(Error::at(
            file,
            at,
            format!(
                "[[code]]{with} has no name; \
                 add name = \"...\" with a short title such as \"Unauthorized\""
            ),
        ));
    }
    if let Some(error) = Error::all(problems) {
        return Err(error);
    }
    let (Some((value, value_text, value_at)), Some((name, name_at))) = (value, name) else {
        unreachable!("a code without a value or a name has a problem")
    };
    Ok(SpecCode {
        at,
        value,
        value_text,
        value_at,
        name,
        name_at,
        description,
        ident,
    })
}

/// The string value of `key`, or an error saying it must be one.
fn string<'a>(
    file: &str,
    key: &str,
    item: &'a Spanned<DeValue<'_>>,
    at: Position,
) -> Result<&'a str, Error> {
    item.get_ref().as_str().ok_or_else(|| {
        Error::at(
            file,
            at,
            format!("{key} must be a string, not {}", a_type(item.get_ref())),
        )
    })
}

/// A name must be one line of text that does not start with a digit.
fn check_name(file: &str, name: &str, at: Position) -> Result<String, Error> {
    if name.chars().any(char::is_control) {
        return Err(Error::at(
            file,
            at,
            format!(
                "name {name:?} holds a line break or another control character; \
                 a name is a short title on one line"
            ),
        ));
    }
    let name = collapse(name);
    if name.is_empty() {
        return Err(Error::at(
            file,
            at,
            "name is empty; write a short title such as \"Unauthorized\"",
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(Error::at(
            file,
            at,
            format!(
                "name {name:?} starts with a digit; start it with a letter, so that text \
                 such as \"4401\" always reads as a number"
            ),
        ));
    }
    Ok(name)
}

/// Runs of whitespace to one space, both ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The type of a TOML value with its article, for messages.
fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Line and column (1-based, the column counted in characters) of byte
/// `offset` in `text`.
pub(crate) fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn reads_codes_in_document_order() {
        let text = "# close-codes.toml\n\
                    [[code]]\n\
                    value = 4401\n\
                    name = \"  Unauthorized  \"\n\
                    ident = \"Unauthorized\"\n\
                    \n\
                    [[code]]\n\
                    name = \"Bad\\nRequest\"\n\
                    value = 0x1130\n\
                    description = \"\"\"\n  The request\n  was bad.\"\"\"\n";
        let (codes, problems) = parse_spec("s.toml", text);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position(), Some(pos(8, 8)));
        assert_eq!(codes.len(), 1, "the valid code is kept");
        let text = text.replace("Bad\\nRequest", "Bad Request");
        let (codes, problems) = parse_spec("s.toml", &text);
        assert!(problems.is_empty());
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].value, Some(4401));
        assert_eq!(codes[0].name, "Unauthorized");
        assert_eq!(codes[0].at, pos(2, 1));
        assert_eq!(codes[0].value_at, pos(3, 9));
        assert_eq!(codes[0].ident, Some(("Unauthorized".into(), pos(5, 9))));
        assert_eq!(codes[1].value, Some(0x1130));
        assert_eq!(codes[1].value_text, "0x1130");
        assert_eq!(
            codes[1].description.as_deref(),
            Some("The request was bad.")
        );
        assert_eq!(codes[1].ident, None);
    }

    #[test]
    fn inline_tables_and_empty_specs_are_fine() {
        let (codes, _) = parse_spec("s", "code = [{ value = 4000, name = \"A\" }]\n");
        assert_eq!(codes[0].at, pos(1, 9));
        assert_eq!(parse_spec("s", "# nothing\n"), (Vec::new(), Vec::new()));
    }

    #[test]
    fn values_that_do_not_fit_are_kept_for_the_range_check() {
        for (written, value) in [
            ("-1", None),
            ("70000", None),
            ("99999999999999999999", None),
        ] {
            let text = format!("[[code]]\nvalue = {written}\nname = \"A\"\n");
            match parse_spec("s", &text) {
                (codes, problems) if problems.is_empty() => {
                    assert_eq!(codes[0].value, value);
                    assert_eq!(codes[0].value_text, written);
                }
                // Too large for TOML itself.
                (_, problems) => assert!(
                    problems[0].message().starts_with("invalid TOML"),
                    "{:?}",
                    problems[0]
                ),
            }
        }
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position_of("ab\ncd", 4), pos(2, 2));
        assert_eq!(position_of("é = 1", 3), pos(1, 3));
        assert_eq!(position_of("é", 1), pos(1, 1));
        assert_eq!(position_of("", 10), pos(1, 1));
    }
}
