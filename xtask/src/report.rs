//! The Markdown report of a `regen --from` / `regen --fetch` run
//! (`--report PATH`): what changed in the registry, what that does to the
//! generated crate, and the semantic-versioning consequence. It is written
//! to be used as-is as a pull request body.
//!
//! Registry text is untrusted: every piece of it (descriptions, contacts,
//! references) and the document's source go through
//! [`ws_close_codes_codegen::escape_markdown`], so a description cannot
//! break a table, add a link or hide text. Identifiers are pinned Rust
//! identifiers (validated when `names.toml` is parsed) and numbers and dates
//! come from the validated model.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use ws_close_codes_codegen::escape_markdown;
use ws_close_codes_registry::{Change, Pins, Record, Reference};

use crate::regen::{self, Plan};

/// How many warnings the report lists; the rest are counted. The report
/// is a pull request body, which GitHub caps at 65,536 characters, and
/// every character, space and date of a document can be a slip; `cargo
/// xtask regen` prints every warning.
pub const LISTED_WARNINGS: usize = 50;

/// The semantic-versioning consequence of a change for `ws-close-codes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing the crate exposes changes.
    None,
    /// Generated data changes, no registered code does (e.g. the document
    /// date, `REGISTRY_UPDATED`).
    Patch,
    /// New variants or changed metadata: compatible, because `CloseCode` is
    /// `#[non_exhaustive]`.
    Minor,
    /// A variant disappears or is renamed.
    Major,
}

impl Bump {
    /// The word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The semantic-versioning consequence of `plan`, with the reasons (one
/// Markdown line each). `old_pins` are the pins before the run.
pub fn semver(
    plan: &Plan,
    old_pins: &Pins,
    new_pins: &Pins,
    document_changed: bool,
) -> (Bump, Vec<String>) {
    let mut bump = Bump::None;
    let mut reasons = Vec::new();
    let ident = |value: u16| new_pins.get(value).map(|p| p.ident.clone());
    if let Some(diff) = &plan.diff {
        for record in &diff.removed {
            let value = record.span.start;
            bump = bump.max(Bump::Major);
            let variant = match ident(value) {
                Some(ident) => format!("`CloseCode::{ident}`"),
                None => "its variant".to_owned(),
            };
            reasons.push(format!(
                "**major**: code {value} was removed from the registry, so {variant} disappears; code \
                 that names it stops compiling and `CloseCode::from({value})` becomes `CloseCode::Other(_)`."
            ));
        }
    }
    for value in plan.new.registered_codes().map(|r| r.span.start) {
        if let (Some(before), Some(after)) = (old_pins.get(value), new_pins.get(value)) {
            if before.ident != after.ident {
                bump = bump.max(Bump::Major);
                reasons.push(format!(
                    "**major**: the variant of code {value} is renamed from `CloseCode::{}` to `CloseCode::{}`.",
                    before.ident, after.ident
                ));
            }
        }
    }
    if let Some(diff) = &plan.diff {
        if !diff.added.is_empty() {
            bump = bump.max(Bump::Minor);
            let variants: Vec<String> = diff
                .added
                .iter()
                .map(|r| match ident(r.span.start) {
                    Some(ident) => format!("`CloseCode::{ident}` ({})", r.span.start),
                    None => r.span.start.to_string(),
                })
                .collect();
            reasons.push(format!(
                "**minor**: new variants {}. `CloseCode` is `#[non_exhaustive]`, so adding variants is \
                 compatible; note that `CloseCode::from` now returns them where it returned \
                 `CloseCode::Other(_)` before.",
                variants.join(", ")
            ));
        }
        if !diff.changed.is_empty() {
            bump = bump.max(Bump::Minor);
            let codes: Vec<String> = diff
                .changed
                .iter()
                .map(|(code, _)| code.to_string())
                .collect();
            reasons.push(format!(
                "**minor**: the registry metadata of {} changed (what `name`, `description`, `contact`, \
                 `references`, `registered_on` or `updated_on` return); no item is added or removed.",
                codes.join(", ")
            ));
        }
    }
    if bump == Bump::None && document_changed {
        bump = Bump::Patch;
        reasons.push(
            "**patch**: no registered code changed; the stored document (and generated data such as \
             `REGISTRY_UPDATED`) did."
                .to_owned(),
        );
    }
    if bump == Bump::None {
        reasons.push("nothing that `ws-close-codes` exposes changes.".to_owned());
    }
    (bump, reasons)
}

/// What the report says about where the document came from.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The URL or path of the new document.
    pub location: String,
    /// How it was obtained, e.g. "HTTP 200 OK, 12728 bytes, ETag ...".
    pub detail: Option<String>,
}

fn cell(text: &str) -> String {
    let escaped = escape_markdown(text);
    if escaped.is_empty() {
        "—".to_owned()
    } else {
        escaped
    }
}

fn references(references: &[Reference]) -> String {
    let labels: Vec<String> = references
        .iter()
        .map(|r| escape_markdown(&r.label()))
        .collect();
    if labels.is_empty() {
        "—".to_owned()
    } else {
        labels.join("; ")
    }
}

fn optional<T: std::fmt::Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map_or_else(|| "—".to_owned(), |v| escape_markdown(&v.to_string()))
}

/// The values of a changed field before and after, escaped for Markdown
/// ("—" for none). Shared by the report's table and the changelog entry.
pub(crate) fn change_values(change: &Change) -> (String, String) {
    match change {
        Change::Description(a, b) => (cell(a), cell(b)),
        Change::Contact(a, b) => (optional(a), optional(b)),
        Change::References(a, b) => (references(a), references(b)),
        Change::Date(a, b) | Change::Updated(a, b) => (optional(a), optional(b)),
    }
}

/// Renders the report of `plan` for the workspace at `root` (read to tell
/// whether the snapshot changes).
pub fn render(plan: &Plan, root: &Path, source: &Source) -> String {
    let (old_pins, new_pins) = (&plan.old_pins, &plan.new_pins);
    let document_changed = plan
        .files
        .iter()
        .find(|f| f.path == root.join(regen::SNAPSHOT))
        .is_some_and(|f| fs::read(&f.path).ok().as_deref() != Some(&f.content[..]));
    let (bump, reasons) = semver(plan, old_pins, new_pins, document_changed);
    let ident = |value: u16| match new_pins.get(value) {
        Some(pin) => format!("`{}`", pin.ident),
        None => "—".to_owned(),
    };
    let (old_date, new_date) = (plan.old.document_updated, plan.new.document_updated);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# IANA WebSocket close-code registry: sync to the version updated {new_date}"
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Generated by `cargo xtask regen`. Source: {}{}.",
        cell(&source.location),
        source
            .detail
            .as_deref()
            .map(|d| format!(" ({})", escape_markdown(d)))
            .unwrap_or_default()
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "| | registry `updated` |");
    let _ = writeln!(out, "|---|---|");
    let _ = writeln!(out, "| before (snapshot) | {old_date} |");
    let _ = writeln!(out, "| after (new document) | {new_date} |");
    let _ = writeln!(out);

    let empty = Vec::new();
    let no_changes = Vec::new();
    let (added, removed, changed) = match &plan.diff {
        Some(diff) => (&diff.added, &diff.removed, &diff.changed),
        None => (&empty, &empty, &no_changes),
    };
    let _ = writeln!(out, "## Summary");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "- Registered codes: {} added, {} changed, {} removed.",
        added.len(),
        changed.len(),
        removed.len()
    );
    let _ = writeln!(out, "- New identifiers: {}.", plan.assigned.len());
    let _ = writeln!(out, "- Warnings: {}.", plan.warnings.len());
    let _ = writeln!(
        out,
        "- Semantic versioning for `ws-close-codes`: **{}**.",
        bump.as_str()
    );
    let _ = writeln!(out);

    let record_table = |out: &mut String, title: &str, records: &[Record]| {
        let _ = writeln!(out, "## {title}");
        let _ = writeln!(out);
        if records.is_empty() {
            let _ = writeln!(out, "None.");
            let _ = writeln!(out);
            return;
        }
        let _ = writeln!(
            out,
            "| code | identifier | description | contact | references | registered |"
        );
        let _ = writeln!(out, "|---:|---|---|---|---|---|");
        for record in records {
            let contact = record.contact.as_ref().map(|p| p.display_name().to_owned());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                record.span.start,
                ident(record.span.start),
                cell(&record.description),
                optional(&contact),
                references(&record.references),
                optional(&record.date),
            );
        }
        let _ = writeln!(out);
    };
    record_table(&mut out, "Added codes", added);

    let _ = writeln!(out, "## Changed codes");
    let _ = writeln!(out);
    if changed.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(
            out,
            "| code | identifier | description | field | before | after |"
        );
        let _ = writeln!(out, "|---:|---|---|---|---|---|");
        for (code, changes) in changed {
            let description = plan
                .new
                .record_for(*code)
                .map_or_else(|| "—".to_owned(), |r| cell(&r.description));
            for change in changes {
                let (before, after) = change_values(change);
                let _ = writeln!(
                    out,
                    "| {code} | {} | {description} | {} | {before} | {after} |",
                    ident(*code),
                    regen::change_name(change)
                );
            }
        }
        if let Some(diff) = &plan.diff {
            let kept = regen::kept_names(diff, new_pins);
            if !kept.is_empty() {
                let _ = writeln!(out);
            }
            for (code, name) in kept {
                let _ = writeln!(
                    out,
                    "- IANA reworded {code}; name kept (pinned): {}. `name()` and `Display` \
                     keep it; `iana_description()` gives IANA's new text.",
                    cell(&name)
                );
            }
        }
    }
    let _ = writeln!(out);
    record_table(&mut out, "Removed codes", removed);

    let _ = writeln!(out, "## New identifiers");
    let _ = writeln!(out);
    if plan.assigned.is_empty() {
        let _ = writeln!(out, "None: every code already had a pinned identifier.");
    } else {
        let _ = writeln!(
            out,
            "Pinned in `{}` for good; the pin wins from now on.",
            regen::NAMES
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "| code | variant | derived |");
        let _ = writeln!(out, "|---:|---|---|");
        for assignment in &plan.assigned {
            let how = match assignment.derivation {
                ws_close_codes_registry::Derivation::Words => "from the description",
                ws_close_codes_registry::Derivation::Collision => {
                    "from the description, value appended (collision)"
                }
                ws_close_codes_registry::Derivation::Fallback => "fallback (`Code` and the value)",
            };
            let _ = writeln!(
                out,
                "| {} | `CloseCode::{}` | {how} |",
                assignment.value, assignment.ident
            );
        }
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Warnings");
    let _ = writeln!(out);
    if plan.warnings.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        for warning in plan.warnings.iter().take(LISTED_WARNINGS) {
            let _ = writeln!(out, "- {}", escape_markdown(warning));
        }
        if plan.warnings.len() > LISTED_WARNINGS {
            let more = plan.warnings.len() - LISTED_WARNINGS;
            let _ = writeln!(
                out,
                "- … and {more} more, not listed here: `cargo xtask regen` prints every one."
            );
        }
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Semantic versioning");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Consequence for `ws-close-codes`: **{}**.",
        bump.as_str()
    );
    let _ = writeln!(out);
    for reason in &reasons {
        let _ = writeln!(out, "- {reason}");
    }
    out
}
