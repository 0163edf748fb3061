//! What a run with a new document changed: the lines printed on the
//! terminal ([`summary`]), the entries for `CHANGELOG.md`
//! ([`changelog_entries`]) and the Markdown report of `--report PATH`
//! ([`render`]): what changed in the registry, what that does to the
//! generated crate, and the semantic-versioning consequence, written to be
//! used as-is as a pull request body.
//!
//! Registry text is untrusted: every piece of it (descriptions, contacts,
//! references, warnings) and the document's source go through
//! [`escape_markdown`], so it cannot break a table, add a link or hide
//! text. Identifiers, numbers and dates come from the validated model.

use std::collections::BTreeMap;
use std::fmt::{Display, Write as _};

use ws_close_codes_codegen::escape_markdown;
use ws_close_codes_registry::{Change, Derivation, Diff, Pins, Record, Reference, Registry};

use crate::changelog::Kind;
use crate::regen::{self, Plan};

/// How many warnings the report lists; the rest are counted. A pull
/// request body is capped at 65,536 characters, and every character of a
/// document can be a slip; `cargo xtask regen` prints every warning.
pub const LISTED_WARNINGS: usize = 50;

/// The semantic-versioning consequence of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing the crate exposes changes.
    None,
    /// A fix, or generated data without a change of registered codes.
    Patch,
    /// A compatible change: new variants (`CloseCode` is
    /// `#[non_exhaustive]`) or changed metadata.
    Minor,
    /// A breaking change: a variant disappears.
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

/// The first `max` characters of `text`, and `…` when there were more.
pub fn shorten(text: &str, max: usize) -> String {
    let mut short: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        short.push('…');
    }
    short
}

/// Registry text quoted for a terminal: escaped, one line, at most 80
/// characters.
pub fn quote_text(text: &str) -> String {
    format!("{:?}", shorten(text, 80))
}

/// The name of a kind of change.
pub fn change_name(change: &Change) -> &'static str {
    match change {
        Change::Description(..) => "description",
        Change::Contact(..) => "contact",
        Change::References(..) => "references",
        Change::Date(..) => "registration date",
        Change::Updated(..) => "updated date",
    }
}

/// The codes whose description IANA reworded while their pinned name
/// stays, with that name: `name()` and `Display` keep it, and
/// `iana_description()` carries the new text.
pub fn kept_names(diff: &Diff, pins: &Pins) -> Vec<(u16, String)> {
    (diff.changed.iter())
        .filter_map(|(code, changes)| {
            let reworded = changes.iter().find_map(|change| match change {
                Change::Description(_, new) => Some(new),
                _ => None,
            })?;
            let name = pins.get(*code)?.name.clone()?;
            (name != *reworded).then_some((*code, name))
        })
        .collect()
}

/// What changed, for the terminal: registry dates, added, removed and
/// changed codes, kept names, new identifiers and warnings, one a line.
pub fn summary(plan: &Plan) -> String {
    let mut lines = Vec::new();
    if let Some(diff) = &plan.diff {
        lines.push(format!(
            "registry updated: {} -> {}",
            diff.updated.0, diff.updated.1
        ));
        if diff.is_empty() {
            lines.push("registered codes: unchanged".to_owned());
        }
        let record = |what: &str, r: &Record| {
            format!("{what} {} {}", r.span.start, quote_text(&r.description))
        };
        lines.extend(diff.added.iter().map(|r| record("added:  ", r)));
        lines.extend(diff.removed.iter().map(|r| record("removed:", r)));
        lines.extend(diff.changed.iter().map(|(code, changes)| {
            let what: Vec<&str> = changes.iter().map(change_name).collect();
            format!("changed: {code} ({})", what.join(", "))
        }));
        lines.extend(
            kept_names(diff, &plan.new_pins)
                .into_iter()
                .map(|(code, name)| {
                    format!(
                        "IANA reworded {code}; name kept (pinned): {}",
                        quote_text(&name)
                    )
                }),
        );
    }
    let assigned = plan.assigned.iter();
    lines
        .extend(assigned.map(|a| format!("new identifier: {} -> CloseCode::{}", a.value, a.ident)));
    lines.extend(plan.warnings.iter().map(|w| format!("warning: {w}")));
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// `text` escaped for Markdown, "—" when empty.
fn cell(text: &str) -> String {
    match escape_markdown(text) {
        escaped if escaped.is_empty() => "—".to_owned(),
        escaped => escaped,
    }
}

fn optional<T: Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map_or("—".to_owned(), |v| cell(&v.to_string()))
}

fn references(references: &[Reference]) -> String {
    let labels: Vec<String> = references.iter().map(|r| cell(&r.label())).collect();
    if labels.is_empty() {
        "—".to_owned()
    } else {
        labels.join("; ")
    }
}

/// The values of a changed field before and after, escaped for Markdown
/// ("—" for none).
fn change_values(change: &Change) -> (String, String) {
    match change {
        Change::Description(a, b) => (cell(a), cell(b)),
        Change::Contact(a, b) => (optional(a), optional(b)),
        Change::References(a, b) => (references(a), references(b)),
        Change::Date(a, b) | Change::Updated(a, b) => (optional(a), optional(b)),
    }
}

/// The variant of `value`, in code.
fn variant(pins: &Pins, value: u16) -> String {
    match pins.get(value) {
        Some(pin) => format!("`CloseCode::{}`", pin.ident),
        None => "its variant".to_owned(),
    }
}

/// The semantic-versioning consequence of `plan`, with the reasons (one
/// Markdown line each).
pub fn semver(plan: &Plan) -> (Bump, Vec<String>) {
    let variant = |value: u16| variant(&plan.new_pins, value);
    let mut found = Vec::new();
    if let Some(diff) = &plan.diff {
        for record in &diff.removed {
            let value = record.span.start;
            found.push((Bump::Major, format!(
                "**major**: code {value} was removed from the registry, so {} disappears; code that \
                 names it stops compiling and `CloseCode::from({value})` becomes `CloseCode::Other(_)`.",
                variant(value)
            )));
        }
        if !diff.added.is_empty() {
            let added: Vec<String> = diff
                .added
                .iter()
                .map(|r| format!("{} ({})", variant(r.span.start), r.span.start))
                .collect();
            found.push((Bump::Minor, format!(
                "**minor**: new variants {}. `CloseCode` is `#[non_exhaustive]`, so adding variants is \
                 compatible; note that `CloseCode::from` now returns them where it returned \
                 `CloseCode::Other(_)` before.",
                added.join(", ")
            )));
        }
        if !diff.changed.is_empty() {
            let codes: Vec<String> = diff.changed.iter().map(|(c, _)| c.to_string()).collect();
            found.push((Bump::Minor, format!(
                "**minor**: the registry metadata of {} changed (what `name`, `description`, `contact`, \
                 `references`, `registered_on` or `updated_on` return); no item is added or removed.",
                codes.join(", ")
            )));
        }
    }
    if found.is_empty() && plan.document_changed {
        found.push((
            Bump::Patch,
            "**patch**: no registered code changed; the stored document (and \
            generated data such as `REGISTRY_UPDATED`) did."
                .to_owned(),
        ));
    }
    let bump = found.iter().map(|(b, _)| *b).max().unwrap_or(Bump::None);
    let mut reasons: Vec<String> = found.into_iter().map(|(_, r)| r).collect();
    if reasons.is_empty() {
        reasons.push("nothing that `ws-close-codes` exposes changes.".to_owned());
    }
    (bump, reasons)
}

/// The header of a table of records.
const RECORDS: &str = "| code | identifier | description | contact | references | registered |\n\
                       |---:|---|---|---|---|---|\n";

/// `## title`, then `header` and the rows, one a line, or `none`.
fn section(out: &mut String, title: &str, header: &str, rows: &[String], none: &str) {
    let _ = match rows {
        [] => write!(out, "## {title}\n\n{none}\n\n"),
        _ => write!(out, "## {title}\n\n{header}{}\n\n", rows.join("\n")),
    };
}

/// Renders the report of `plan`, whose new document came from `source`
/// (a path or a URL).
pub fn render(plan: &Plan, source: &str) -> String {
    let (bump, reasons) = semver(plan);
    let ident = |value: u16| match plan.new_pins.get(value) {
        Some(pin) => format!("`{}`", pin.ident),
        None => "—".to_owned(),
    };
    let (added, changed, removed) = match &plan.diff {
        Some(d) => (&d.added[..], &d.changed[..], &d.removed[..]),
        None => (&[][..], &[][..], &[][..]),
    };
    let records = |records: &[Record]| -> Vec<String> {
        let row = |r: &Record| {
            let contact = r.contact.as_ref().map(|p| p.display_name().to_owned());
            format!(
                "| {} | {} | {} | {} | {} | {} |",
                r.span.start,
                ident(r.span.start),
                cell(&r.description),
                optional(&contact),
                references(&r.references),
                optional(&r.date),
            )
        };
        records.iter().map(row).collect()
    };

    let (old, new) = (plan.old.document_updated, plan.new.document_updated);
    let mut out = format!(
        "# IANA WebSocket close-code registry: sync to the version updated {new}\n\n\
         Generated by `cargo xtask regen`. Source: {}.\n\n\
         | | registry `updated` |\n|---|---|\n\
         | before (snapshot) | {old} |\n| after (new document) | {new} |\n\n\
         ## Summary\n\n\
         - Registered codes: {} added, {} changed, {} removed.\n\
         - New identifiers: {}.\n- Warnings: {}.\n\
         - Semantic versioning for `ws-close-codes`: **{}**.\n\n",
        cell(source),
        added.len(),
        changed.len(),
        removed.len(),
        plan.assigned.len(),
        plan.warnings.len(),
        bump.as_str()
    );
    section(&mut out, "Added codes", RECORDS, &records(added), "None.");

    let mut rows = Vec::new();
    for (code, changes) in changed {
        let description = plan.new.record_for(*code).map(|r| r.description.as_str());
        for change in changes {
            let (before, after) = change_values(change);
            rows.push(format!(
                "| {code} | {} | {} | {} | {before} | {after} |",
                ident(*code),
                cell(description.unwrap_or_default()),
                change_name(change)
            ));
        }
    }
    let kept = plan.diff.iter().flat_map(|d| kept_names(d, &plan.new_pins));
    let kept: Vec<String> = kept
        .map(|(code, name)| {
            format!(
                "- IANA reworded {code}; name kept (pinned): {}. `name()` and `Display` keep it; \
                 `iana_description()` gives IANA's new text.",
                cell(&name)
            )
        })
        .collect();
    if !kept.is_empty() {
        rows.push(format!("\n{}", kept.join("\n")));
    }
    let header = "| code | identifier | description | field | before | after |\n|---:|---|---|---|---|---|\n";
    section(&mut out, "Changed codes", header, &rows, "None.");
    section(
        &mut out,
        "Removed codes",
        RECORDS,
        &records(removed),
        "None.",
    );

    let rows: Vec<String> = (plan.assigned.iter())
        .map(|a| {
            let how = match a.derivation {
                Derivation::Words => "from the description",
                Derivation::Collision => "from the description, value appended (collision)",
                Derivation::Fallback => "fallback (`Code` and the value)",
            };
            format!("| {} | `CloseCode::{}` | {how} |", a.value, a.ident)
        })
        .collect();
    let header = format!(
        "Pinned in `{}` for good; the pin wins from now on.\n\n| code | variant | derived |\n|---:|---|---|\n",
        regen::NAMES
    );
    let none = "None: every code already had a pinned identifier.";
    section(&mut out, "New identifiers", &header, &rows, none);

    let listed = plan.warnings.iter().take(LISTED_WARNINGS);
    let mut rows: Vec<String> = listed
        .map(|w| format!("- {}", escape_markdown(w)))
        .collect();
    let more = plan.warnings.len().saturating_sub(LISTED_WARNINGS);
    if more > 0 {
        rows.push(format!(
            "- … and {more} more, not listed here: `cargo xtask regen` prints every one."
        ));
    }
    section(&mut out, "Warnings", "", &rows, "None.");

    let reasons: Vec<String> = reasons.iter().map(|r| format!("- {r}")).collect();
    let _ = write!(
        out,
        "## Semantic versioning\n\nConsequence for `ws-close-codes`: **{}**.\n\n{}\n",
        bump.as_str(),
        reasons.join("\n")
    );
    out
}

/// The `CHANGELOG.md` entries for a registry change, by kind: one line per
/// added code (number, IANA name, variant, registration date), per changed
/// code (what changed, before and after) and per removed code (marked
/// `**Breaking**`); empty when no registered code changed. `new` is the
/// registry after the change, `pins` the identifiers after the run. Each
/// entry is one line: a wrapped line could start with registry text that
/// Markdown reads as a heading or a list item.
pub fn changelog_entries(diff: &Diff, new: &Registry, pins: &Pins) -> Vec<(Kind, Vec<String>)> {
    let variant = |value: u16| variant(pins, value);
    let name = |text: &str| match escape_markdown(text) {
        escaped if escaped.is_empty() => "(no name)".to_owned(),
        escaped => format!("\"{escaped}\""),
    };
    let updated = diff.updated.1;
    let added = diff.added.iter().map(|record| {
        let value = record.span.start;
        let registered = record
            .date
            .map(|date| format!("registered with IANA on {date}, "))
            .unwrap_or_default();
        format!(
            "- {}: close code {value}, {} in IANA's registry ({registered}registry updated {updated}).",
            variant(value),
            name(&record.description),
        )
    });
    let kept: BTreeMap<u16, String> = kept_names(diff, pins).into_iter().collect();
    let changed = diff.changed.iter().map(|(value, changes)| {
        let what: Vec<String> = changes
            .iter()
            .map(|change| {
                let (before, after) = change_values(change);
                format!("the {} from {before} to {after}", change_name(change))
            })
            .collect();
        let description = new
            .record_for(*value)
            .map(|record| format!(", {}", name(&record.description)))
            .unwrap_or_default();
        let kept = kept.get(value).map(|pinned| {
            format!(
                "; its name stays {} (pinned), and `iana_description()` gives the new text",
                name(pinned)
            )
        });
        format!(
            "- {} (close code {value}{description}): IANA changed {}{} (registry updated {updated}).",
            variant(*value),
            what.join("; "),
            kept.unwrap_or_default()
        )
    });
    let removed = diff.removed.iter().map(|record| {
        let value = record.span.start;
        format!(
            "- **Breaking**: {} (close code {value}, {}) is removed: IANA's registry (updated \
             {updated}) no longer lists the code, and `CloseCode::from({value})` returns \
             `CloseCode::Other(_)`.",
            variant(value),
            name(&record.description),
        )
    });
    [
        (Kind::Added, added.collect::<Vec<_>>()),
        (Kind::Changed, changed.collect()),
        (Kind::Removed, removed.collect()),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .collect()
}
