//! Tests of `readme_table`.

mod common;

use std::path::Path;
use std::process::Command;

use ws_close_codes_codegen::{escape_markdown, readme_table};

use common::HOSTILE;

/// The cells of a table row, split at the `|` that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let escaped = chars.next().expect("a backslash escapes a character");
                let cell = cells.last_mut().unwrap();
                cell.push('\\');
                cell.push(escaped);
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    assert_eq!(cells.first().map(String::as_str), Some(""), "{row}");
    assert_eq!(cells.last().map(String::as_str), Some(""), "{row}");
    cells[1..cells.len() - 1]
        .iter()
        .map(|cell| {
            let cell = cell.strip_prefix(' ').unwrap_or(cell);
            cell.strip_suffix(' ').unwrap_or(cell).to_owned()
        })
        .collect()
}

#[test]
fn one_row_per_entry_with_five_cells() {
    let catalog = common::small(HOSTILE);
    let table = readme_table(&catalog);
    assert!(table.ends_with('\n'));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), catalog.entries.len() + 2);
    assert_eq!(
        lines[0],
        "| Code | Name | Variant | Description | References |"
    );
    assert_eq!(lines[1], "| ---: | --- | --- | --- | --- |");
    for (line, entry) in lines[2..].iter().zip(&catalog.entries) {
        let cells = cells(line);
        assert_eq!(cells.len(), 5, "{line}");
        assert_eq!(cells[0], entry.value.to_string());
        assert_eq!(cells[1], escape_markdown(&entry.title));
        assert_eq!(cells[2], format!("`CloseCode::{}`", entry.ident));
        assert_eq!(cells[3], escape_markdown(&entry.description));
    }
    assert_eq!(
        cells(lines[3])[4],
        "[RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), \
         [https\\://example.com/going-away](https://example.com/going-away)"
    );
    assert_eq!(cells(lines[4])[4], "");
    let hostile_labels: Vec<String> = catalog.entries[3]
        .references
        .iter()
        .map(|r| escape_markdown(&r.label()))
        .collect();
    assert_eq!(cells(lines[5])[4], hostile_labels.join(", "));
}

#[test]
fn hostile_text_is_escaped() {
    let table = readme_table(&common::small(HOSTILE));
    assert!(!table.contains(|c: char| {
        (c.is_control() && c != '\n') || ws_close_codes_registry::names::is_bidi_control(c)
    }));
    for line in table.lines().skip(2) {
        let cells = cells(line);
        for (i, cell) in cells.iter().enumerate() {
            // Outside the variant's code span and the reference links, no
            // character that Markdown interprets is left unescaped.
            if i == 2 || i == 4 {
                continue;
            }
            let mut chars = cell.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    assert!(chars.next().is_some_and(|c| c.is_ascii_punctuation()));
                } else {
                    assert!(!"`*_[]<>&|~".contains(c), "unescaped {c:?} in {cell}");
                }
            }
        }
    }
}

#[test]
fn same_input_same_table() {
    let catalog = common::small(HOSTILE);
    assert_eq!(readme_table(&catalog), readme_table(&catalog.clone()));
    assert_eq!(readme_table(&common::thousand()).lines().count(), 1002);
}

/// Renders the table with rustdoc's Markdown (which has the table extension)
/// and returns the HTML of the crate page.
fn render(name: &str, table: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("table.md"), table).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        "#![doc = include_str!(\"table.md\")]\n#![no_std]\n",
    )
    .unwrap();
    let rustdoc = std::env::var_os("RUSTDOC").unwrap_or_else(|| "rustdoc".into());
    let output = Command::new(rustdoc)
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "--crate-name",
            "table",
            "-D",
            "warnings",
            "-o",
            "doc",
            "lib.rs",
        ])
        .output()
        .expect("rustdoc runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(dir.join("doc/table/index.html")).unwrap()
}

#[test]
fn renders_as_one_table_of_plain_text() {
    let hostile = render("readme-hostile", &readme_table(&common::small(HOSTILE)));
    let plain = render("readme-plain", &readme_table(&common::small("plain text")));
    assert_eq!(hostile.matches("<table>").count(), 1);
    assert_eq!(hostile.matches("<tr>").count(), 1 + 5);
    assert_eq!(hostile.matches("<td").count(), 5 * 5);
    for tag in [
        "<a ",
        "<pre",
        "<code",
        "<h1",
        "<h2",
        "<h3",
        "<em",
        "<strong",
        "<img",
        "<script",
        "<ul",
        "<li",
        "<blockquote",
        "<br",
        "<del",
        "<sup",
    ] {
        assert_eq!(
            hostile.matches(tag).count(),
            plain.matches(tag).count(),
            "{tag}"
        );
    }
    assert!(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
