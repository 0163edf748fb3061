//! Reads the disagreement tables that the crate documentation prints, and
//! compares them with what each interop test computes.

use ws_close_codes::{CloseCode, REGISTRY_UPDATED};

/// The line inside a table's markers that names the registry it is for.
const FOR_REGISTRY: &str = "As of the registry of ";

/// A table between `<!-- NAME:start -->` and `<!-- NAME:end -->` in
/// `src/lib.rs`: the date of the registry it is for (from its line
/// `As of the registry of YYYY-MM-DD:`), and one `Vec` of cells per row
/// that starts with a number, each cell trimmed and without its backticks.
/// The header and the separator row are skipped. Panics unless every row
/// has `columns` cells.
fn documented(name: &str, columns: usize) -> (String, Vec<Vec<String>>) {
    let lib = include_str!("../../src/lib.rs");
    let start_marker = format!("<!-- {name}:start -->");
    let end_marker = format!("<!-- {name}:end -->");
    let start = lib.find(&start_marker).expect("start marker");
    let end = lib.find(&end_marker).expect("end marker");
    assert!(start < end, "{name}: markers out of order");
    assert_eq!(lib.matches(&start_marker).count(), 1, "{name}: one table");
    let lines: Vec<&str> = lib[start..end]
        .lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .collect();
    let date = lines
        .iter()
        .find_map(|line| line.strip_prefix(FOR_REGISTRY))
        .unwrap_or_else(|| panic!("{name}: no line {FOR_REGISTRY:?}"))
        .trim_end_matches(':')
        .to_string();
    let rows = lines
        .iter()
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
        .collect();
    (date, rows)
}

/// Checks the documented table `name` against the rows a test computed
/// (first cell: the code).
///
/// Generated from the registry the table is for, the crate must print
/// exactly the computed rows. Generated from a later one (`cargo xtask
/// regen` brings new registrations in with no hand edit), every documented
/// row must still hold, and each further row must be a code registered
/// since: the WebSocket stacks have no name for it. The table is then out
/// of date but not wrong, and the test says so on its output.
pub fn assert_documented_table(name: &str, columns: usize, computed: &[Vec<String>]) {
    let (date, documented) = documented(name, columns);
    if date == REGISTRY_UPDATED {
        assert_eq!(documented, computed, "{name}: the registry of {date}");
        return;
    }
    eprintln!(
        "{name}: the table is for the registry of {date}, the crate is generated \
         from the registry of {REGISTRY_UPDATED}: refresh it from the rows below"
    );
    for row in computed {
        eprintln!("{row:?}");
    }
    for row in &documented {
        assert!(computed.contains(row), "{name}: {row:?} no longer holds");
    }
    for row in computed.iter().filter(|row| !documented.contains(row)) {
        let code = CloseCode::from(row[0].parse::<u16>().expect("a code"));
        assert!(
            code.is_named() && code.registered_on().map_or(true, |on| on > date.as_str()),
            "{name}: {row:?} is missing, and {code} was not registered after {date}"
        );
    }
}

/// `yes` or `no`, as the tables print a predicate.
pub fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}
