//! Reads the disagreement tables that the crate documentation prints, so
//! that each interop test can compare them with what it computes.

/// The rows of the table between `<!-- NAME:start -->` and
/// `<!-- NAME:end -->` in `src/lib.rs`: one `Vec` of cells per row that
/// starts with a number, each cell trimmed and without its backticks. The
/// header and the separator row are skipped. Panics unless every row has
/// `columns` cells.
pub fn documented_rows(name: &str, columns: usize) -> Vec<Vec<String>> {
    let lib = include_str!("../../src/lib.rs");
    let start_marker = format!("<!-- {name}:start -->");
    let end_marker = format!("<!-- {name}:end -->");
    let start = lib.find(&start_marker).expect("start marker");
    let end = lib.find(&end_marker).expect("end marker");
    assert!(start < end, "{name}: markers out of order");
    assert_eq!(lib.matches(&start_marker).count(), 1, "{name}: one table");
    lib[start..end]
        .lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .filter(|line| {
            line.starts_with('|') && line.chars().nth(2).is_some_and(|c| c.is_ascii_digit())
        })
        .map(|line| {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().trim_matches('`').to_string())
                .collect();
            assert_eq!(cells.len(), columns, "{line}");
            cells
        })
        .collect()
}

/// `yes` or `no`, as the tables print a predicate.
pub fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}
