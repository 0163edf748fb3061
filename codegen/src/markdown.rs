//! Escaping untrusted registry text for Markdown (rustdoc and the README).

use ws_close_codes_registry::model::is_safe_link;
use ws_close_codes_registry::names::is_bidi_control;
use ws_close_codes_registry::Reference;

/// Escapes `text` so that Markdown renders it as one line of plain text.
///
/// The registry's text is untrusted, and both rustdoc and the README render
/// Markdown, so text that reaches either goes through this function first:
///
/// - every run of whitespace (newlines included) becomes one space, and
///   whitespace at either end is removed, so the result is a single line
///   that cannot start an indented code block;
/// - control characters (`NUL`, `ESC`, ...) are removed;
/// - characters that reorder the display of text (bidi controls such as
///   U+202E) are replaced with U+FFFD, so the text cannot hide or reorder
///   what is around it;
/// - a backslash goes in front of every character that can start inline
///   Markdown anywhere in a line (`` \ ` * _ [ ] < > & | ~ @ ``: code spans
///   and fences, emphasis, links and images, HTML and entities, table
///   cells, strikethrough, and GitHub's email autolinks and `@` mentions,
///   which would make a `mailto:` link or notify someone from the README
///   or a sync pull request), in front of a first character that is ASCII
///   punctuation (headings, lists, quotes, thematic breaks), in front of
///   the `.` or `)` after leading digits (ordered lists), and in front of
///   the `:` of `://` and the `.` of `www.` (bare addresses, which rustdoc
///   warns about). CommonMark defines a backslash-escaped ASCII punctuation
///   character as that literal character.
///
/// Everything else, ordinary punctuation like `.`, `,`, `'`, `(`, `)` and
/// `:` included, is kept as it is, so the escaped text stays readable in
/// the generated source.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::escape_markdown;
///
/// assert_eq!(escape_markdown("Normal Closure"), "Normal Closure");
/// assert_eq!(escape_markdown("Mandatory Ext."), "Mandatory Ext.");
/// assert_eq!(escape_markdown("  a\n\n```rust\tb  "), r"a \`\`\`rust b");
/// assert_eq!(escape_markdown("<b>[x](y)</b>"), r"\<b\>\[x\](y)\</b\>");
/// assert_eq!(escape_markdown("# 1. see https://a.example"), r"\# 1. see https\://a.example");
/// assert_eq!(escape_markdown("a\u{202E}b\u{0}c"), "a\u{FFFD}bc");
/// ```
pub fn escape_markdown(text: &str) -> String {
    let clean = normalise(text);
    let leading_digits = clean.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = String::with_capacity(clean.len() + clean.len() / 8);
    for (index, c) in clean.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '@' => true,
            _ if index == 0 => c.is_ascii_punctuation(),
            '.' | ')' if leading_digits > 0 && index == leading_digits => true,
            ':' => clean[index..].starts_with("://"),
            '.' => index >= 3 && clean.as_bytes()[index - 3..index].eq_ignore_ascii_case(b"www"),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line: whitespace runs to one space, ends trimmed, control characters
/// dropped, bidi controls replaced with U+FFFD.
fn normalise(text: &str) -> String {
    let words = text.split_whitespace().map(|word| {
        word.chars()
            .filter(|c| !c.is_control())
            .map(|c| if is_bidi_control(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
    });
    let words: Vec<String> = words.filter(|word| !word.is_empty()).collect();
    words.join(" ")
}

/// A reference as Markdown: `[label](url)` when the reference has a link
/// that [`is_safe_link`] accepts, else the escaped label. [`Reference::url`]
/// already promises that; it is checked again because a link is the one
/// place where text is not escaped.
pub(crate) fn reference(reference: &Reference) -> String {
    let label = escape_markdown(&reference.label());
    match reference.url() {
        Some(url) if is_safe_link(&url) => {
            let text = if label.is_empty() {
                escape_markdown(&url)
            } else {
                label
            };
            format!("[{text}]({url})")
        }
        _ => label,
    }
}

/// The references of an entry as Markdown, separated by commas; references
/// whose label escapes to nothing are left out.
pub(crate) fn references(references: &[Reference]) -> String {
    let texts = references.iter().map(reference);
    let texts: Vec<String> = texts.filter(|text| !text.is_empty()).collect();
    texts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ws_close_codes_registry::ReferenceKind;

    #[test]
    fn references_link_only_safe_urls() {
        let rfc = Reference {
            kind: ReferenceKind::Rfc,
            data: "rfc6455".into(),
        };
        assert_eq!(
            reference(&rfc),
            "[RFC 6455](https://www.rfc-editor.org/rfc/rfc6455)"
        );
        let uri = Reference {
            kind: ReferenceKind::Uri,
            data: "javascript:alert(1)".into(),
        };
        assert_eq!(reference(&uri), r"javascript:alert(1)");
        let text = Reference {
            kind: ReferenceKind::Text,
            data: "[x](https://example.com)".into(),
        };
        assert_eq!(reference(&text), r"\[x\](https\://example.com)");
        assert_eq!(
            references(&[rfc, text]),
            r"[RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), \[x\](https\://example.com)"
        );
    }

    #[test]
    fn destinations_are_checked() {
        assert!(is_safe_link("https://example.com/a-b.c?d=e&f=g#h"));
        assert!(is_safe_link("https://example.com/a_b*c~d"));
        assert!(is_safe_link("http://example.com"));
        assert!(!is_safe_link("https://"));
        assert!(!is_safe_link("javascript:alert(1)"));
        assert!(!is_safe_link("https://example.com/a)b"));
        assert!(!is_safe_link("https://example.com/a b"));
        assert!(!is_safe_link("https://example.com/\u{202E}"));
        assert!(!is_safe_link("https://example.com/<x>"));
    }
}
