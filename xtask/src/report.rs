//! What a new document changed: the lines printed ([`summary`]), the
//! `CHANGELOG.md` entries ([`changelog_entries`]) and the Markdown report
//! of `--report` ([`render`]), the sync pull request's body. Registry text
//! is untrusted: it goes through [`escape_markdown`] (on the terminal,
//! `{:?}`); identifiers, numbers and dates come from the validated model.

use std::fmt::{Display, Write as _};

use ws_close_codes_codegen::escape_markdown;
use ws_close_codes_registry::{Change, Derivation, Diff, Pin, Pins, Record, Reference, Registry};

use crate::changelog::Kind;
use crate::regen::{Plan, NAMES};

/// How many warnings the report lists; the rest are counted (a pull
/// request body is capped at 65,536 characters).
pub const LISTED_WARNINGS: usize = 50;

/// The semantic-versioning consequence of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing the crate exposes changes.
    None,
    /// A fix, or generated data without a change of registered codes.
    Patch,
    /// A compatible change: new variants (`CloseCode` is `#[non_exhaustive]`), changed data.
    Minor,
    /// A breaking change: a variant disappears.
    Major,
}

impl Bump {
    /// The word for it.
    pub fn as_str(self) -> &'static str {
        ["none", "patch", "minor", "major"][self as usize]
    }
}

/// The first `max` characters of `text`, and `…` when there were more.
pub fn shorten(text: &str, max: usize) -> String {
    let more = text.chars().nth(max).map(|_| '…');
    text.chars().take(max).chain(more).collect()
}

/// Registry text quoted for a terminal: escaped, one line, at most 80 characters.
pub fn quote_text(text: &str) -> String {
    format!("{:?}", shorten(text, 80))
}

/// `f` of each item, joined with `sep`.
pub fn join<I: IntoIterator, D: Display>(
    items: I,
    sep: &str,
    f: impl FnMut(I::Item) -> D,
) -> String {
    let texts: Vec<String> = items.into_iter().map(f).map(|s| s.to_string()).collect();
    texts.join(sep)
}

/// The name pinned for `code`, when IANA reworded it and the pin keeps it.
fn kept_name(pins: &Pins, code: u16, changes: &[Change]) -> Option<String> {
    let reworded = changes.iter().find_map(|change| match change {
        Change::Description(_, new) => Some(new),
        _ => None,
    })?;
    (pins.get(code)?.name.clone()).filter(|name| name != reworded)
}

/// What changed, one line each: registry dates, added, removed and changed
/// codes, kept names, new identifiers and warnings.
pub fn summary(plan: &Plan) -> String {
    let mut out = String::new();
    if let Some(diff) = &plan.diff {
        let (old, new) = diff.updated;
        let _ = writeln!(out, "registry updated: {old} -> {new}");
        if diff.is_empty() {
            out.push_str("registered codes: unchanged\n");
        }
        for (what, records) in [("added:  ", &diff.added), ("removed:", &diff.removed)] {
            for r in records {
                let (code, text) = (r.span.start, quote_text(&r.description));
                let _ = writeln!(out, "{what} {code} {text}");
            }
        }
        for (code, changes) in &diff.changed {
            let what = join(changes, ", ", |c| change(c).0);
            let _ = writeln!(out, "changed: {code} ({what})");
        }
        for (code, changes) in &diff.changed {
            if let Some(name) = kept_name(&plan.new_pins, *code, changes).map(|n| quote_text(&n)) {
                let _ = writeln!(out, "IANA reworded {code}; name kept (pinned): {name}");
            }
        }
    }
    for a in &plan.assigned {
        let _ = writeln!(out, "new identifier: {} -> CloseCode::{}", a.value, a.ident);
    }
    out.extend(plan.warnings.iter().map(|w| format!("warning: {w}\n")));
    out
}

/// Each item escaped for Markdown and joined with "; "; "—" for an empty
/// item and for none.
fn cell<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let dash = |text: String| if text.is_empty() { "—".into() } else { text };
    let escaped = |item: T| dash(escape_markdown(&item.to_string()));
    dash(join(items, "; ", escaped))
}

/// The labels of `references`, escaped for Markdown as a [`cell`].
fn references(references: &[Reference]) -> String {
    cell(references.iter().map(Reference::label))
}

/// A change's field, and its values before and after escaped for Markdown.
fn change(change: &Change) -> (&'static str, String, String) {
    match change {
        Change::Description(a, b) => ("description", cell([a]), cell([b])),
        Change::Contact(a, b) => ("contact", cell(a), cell(b)),
        Change::References(a, b) => ("references", references(a), references(b)),
        Change::Date(a, b) => ("registration date", cell(a), cell(b)),
        Change::Updated(a, b) => ("updated date", cell(a), cell(b)),
    }
}

/// The variant of `value`, in code.
fn variant(pins: &Pins, value: u16) -> String {
    let variant = |pin: &Pin| format!("`CloseCode::{}`", pin.ident);
    pins.get(value).map_or("its variant".to_owned(), variant)
}

/// The semantic-versioning consequences of `diff`, one Markdown line each.
fn semver(plan: &Plan, diff: &Diff) -> Vec<(Bump, String)> {
    let variant = |value: u16| variant(&plan.new_pins, value);
    let mut found: Vec<(Bump, String)> = Vec::new();
    for value in diff.removed.iter().map(|r| r.span.start) {
        let text = format!(
            "**major**: code {value} was removed, so {} disappears and \
             `CloseCode::from({value})` gives `CloseCode::Other(_)`.",
            variant(value)
        );
        found.push((Bump::Major, text));
    }
    let added = |r: &Record| format!("{} ({})", variant(r.span.start), r.span.start);
    let added = join(&diff.added, ", ", added);
    if !added.is_empty() {
        let text = format!("**minor**: new variants {added} (`CloseCode` is `#[non_exhaustive]`).");
        found.push((Bump::Minor, text));
    }
    let changed = join(&diff.changed, ", ", |(code, _)| code);
    if !changed.is_empty() {
        let text = format!("**minor**: the registry metadata of {changed} changed.");
        found.push((Bump::Minor, text));
    }
    if found.is_empty() && plan.document_changed {
        let text = "**patch**: no registered code changed; the stored document did.";
        found.push((Bump::Patch, text.to_owned()));
    }
    if found.is_empty() {
        let text = "nothing that `ws-close-codes` exposes changes.";
        found.push((Bump::None, text.to_owned()));
    }
    found
}

const RECORDS: &str = "| code | identifier | description | contact | references | registered |\n\
                       |---:|---|---|---|---|---|\n";
const CHANGES: &str = "| code | identifier | description | field | before | after |\n\
                       |---:|---|---|---|---|---|\n";

/// The Markdown report of `plan`, whose registry `diff` came from a new
/// document at `source` (a path or a URL).
pub fn render(plan: &Plan, diff: &Diff, source: &str) -> String {
    let reasons = semver(plan, diff);
    let bump = reasons.iter().map(|(bump, _)| *bump).max();
    let bump = bump.unwrap_or(Bump::None).as_str();
    let ident = |value: u16| plan.new_pins.get(value).map(|p| format!("`{}`", p.ident));
    let ident = |value: u16| ident(value).unwrap_or_else(|| "—".to_owned());
    let record = |r: &Record| {
        let (value, description) = (r.span.start, cell([&r.description]));
        let contact = cell(r.contact.as_ref().map(|p| p.display_name()));
        let (refs, date, ident) = (references(&r.references), cell(r.date), ident(value));
        format!("| {value} | {ident} | {description} | {contact} | {refs} | {date} |")
    };
    let records = |records: &[Record]| -> Vec<String> { records.iter().map(record).collect() };
    let ((old, new), source) = (diff.updated, cell([source]));
    let (added, changed, removed) = (diff.added.len(), diff.changed.len(), diff.removed.len());
    let (assigned, warnings) = (plan.assigned.len(), plan.warnings.len());
    let mut out = format!(
        "# IANA WebSocket close-code registry: sync to the version updated {new}\n\n\
         Generated by `cargo xtask regen`. Source: {source}.\n\n\
         | | registry `updated` |\n|---|---|\n\
         | before (snapshot) | {old} |\n| after (new document) | {new} |\n\n\
         ## Summary\n\n\
         - Registered codes: {added} added, {changed} changed, {removed} removed.\n\
         - New identifiers: {assigned}.\n- Warnings: {warnings}.\n\
         - Semantic versioning for `ws-close-codes`: **{bump}**.\n\n"
    );

    let keeps = "`name()` and `Display` keep it; `iana_description()` gives IANA's new text.";
    let (mut changed, mut kept) = (Vec::new(), String::new());
    for (code, changes) in &diff.changed {
        let description = cell(plan.new.record_for(*code).map(|r| &r.description));
        let ident = ident(*code);
        for (field, before, after) in changes.iter().map(change) {
            let row =
                format!("| {code} | {ident} | {description} | {field} | {before} | {after} |");
            changed.push(row);
        }
        if let Some(name) = kept_name(&plan.new_pins, *code, changes).map(|name| cell([name])) {
            kept += &format!("\n- IANA reworded {code}; name kept (pinned): {name}. {keeps}");
        }
    }
    changed.extend(Some(kept).filter(|kept| !kept.is_empty()));
    let identifiers = (plan.assigned.iter()).map(|a| {
        let how = match a.derivation {
            Derivation::Words => "from the description",
            Derivation::Collision => "from the description, value appended (collision)",
            Derivation::Fallback => "fallback (`Code` and the value)",
        };
        format!("| {} | `CloseCode::{}` | {how} |", a.value, a.ident)
    });
    let pinned =
        format!("Pinned in `{NAMES}` for good.\n\n| code | variant | derived |\n|---:|---|---|\n");
    let listed = plan.warnings.len().min(LISTED_WARNINGS);
    let (listed, more) = plan.warnings.split_at(listed);
    let mut warnings = Vec::from_iter(listed.iter().map(|w| format!("- {}", escape_markdown(w))));
    if !more.is_empty() {
        let text = "not listed here: `cargo xtask regen` prints every one.";
        warnings.push(format!("- … and {} more, {text}", more.len()));
    }
    for (title, header, rows) in [
        ("Added codes", RECORDS, records(&diff.added)),
        ("Changed codes", CHANGES, changed),
        ("Removed codes", RECORDS, records(&diff.removed)),
        ("New identifiers", &pinned, identifiers.collect()),
        ("Warnings", "", warnings),
    ] {
        let _ = match &rows[..] {
            [] => write!(out, "## {title}\n\nNone.\n\n"),
            _ => write!(out, "## {title}\n\n{header}{}\n\n", rows.join("\n")),
        };
    }
    let reasons = join(&reasons, "\n", |(_, reason)| format!("- {reason}"));
    let consequence = format!("Consequence for `ws-close-codes`: **{bump}**.");
    out + &format!("## Semantic versioning\n\n{consequence}\n\n{reasons}\n")
}

/// The `CHANGELOG.md` entries for a registry change, one line per added,
/// changed and removed code (marked `**Breaking**`); `new` is the registry
/// after the change, `pins` the identifiers after the run.
pub fn changelog_entries(diff: &Diff, new: &Registry, pins: &Pins) -> Vec<(Kind, String)> {
    let variant = |value: u16| variant(pins, value);
    let name = |text: &str| match escape_markdown(text) {
        escaped if escaped.is_empty() => "(no name)".to_owned(),
        escaped => format!("\"{escaped}\""),
    };
    let updated = diff.updated.1;
    let registered = |date| format!("registered with IANA on {date}, ");
    let mut entries = Vec::new();
    for record in &diff.added {
        let (value, description) = (record.span.start, name(&record.description));
        let date = record.date.map(registered).unwrap_or_default();
        let variant = variant(value);
        let text = format!(
            "- {variant}: close code {value}, {description} in IANA's registry ({date}registry \
             updated {updated})."
        );
        entries.push((Kind::Added, text));
    }
    let from_to = |(field, before, after): (&str, String, String)| {
        format!("the {field} from {before} to {after}")
    };
    for (value, changes) in &diff.changed {
        let what = join(changes.iter().map(change), "; ", &from_to);
        let description = new.record_for(*value).map(|r| name(&r.description));
        let description = description.map(|d| format!(", {d}")).unwrap_or_default();
        let kept = kept_name(pins, *value, changes).map(|pinned| {
            let gives = "and `iana_description()` gives the new text";
            format!("; its name stays {} (pinned), {gives}", name(&pinned))
        });
        let (variant, kept) = (variant(*value), kept.unwrap_or_default());
        let text = format!(
            "- {variant} (close code {value}{description}): IANA changed {what}{kept} (registry \
             updated {updated})."
        );
        entries.push((Kind::Changed, text));
    }
    for record in &diff.removed {
        let (value, description) = (record.span.start, name(&record.description));
        let variant = variant(value);
        let text = format!(
            "- **Breaking**: {variant} (close code {value}, {description}) is removed: IANA's \
             registry (updated {updated}) no longer lists the code, and \
             `CloseCode::from({value})` returns `CloseCode::Other(_)`."
        );
        entries.push((Kind::Removed, text));
    }
    entries
}
