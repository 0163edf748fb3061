//! `CHANGELOG.md` in Keep a Changelog's layout: `## Unreleased`, then one
//! `## X.Y.Z - YYYY-MM-DD` section per release, each with [`Kind`]
//! subsections. Edits keep every line they do not touch, and lines in
//! fenced code blocks are never taken for headings.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::report::{join, shorten, Bump};

/// The changelog, relative to the workspace root.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// A kind of change: Keep a Changelog's subsections, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Added,
    Changed,
    Deprecated,
    Removed,
    Fixed,
    Security,
}

impl Kind {
    /// Every kind, in the order the subsections are written.
    pub const ALL: [Kind; 6] = {
        use Kind::*;
        [Added, Changed, Deprecated, Removed, Fixed, Security]
    };

    /// What it asks of the version: `Removed` is breaking, `Fixed` and
    /// `Security` are fixes, the others compatible.
    pub fn bump(self) -> Bump {
        match self {
            Kind::Removed => Bump::Major,
            Kind::Added | Kind::Changed | Kind::Deprecated => Bump::Minor,
            Kind::Fixed | Kind::Security => Bump::Patch,
        }
    }
}

/// What `## Unreleased` holds: entries per kind, and the `**Breaking**` ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unreleased {
    entries: BTreeMap<Kind, usize>,
    breaking: Vec<String>,
}

impl Unreleased {
    /// Whether there is nothing to release.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.breaking.is_empty()
    }

    /// The largest change, with one line per kind and per `**Breaking**` entry.
    pub fn bump(&self) -> (Bump, Vec<String>) {
        let mut reasons: Vec<(Bump, String)> = Vec::new();
        for entry in &self.breaking {
            reasons.push((Bump::Major, shorten(entry, 100)));
        }
        for (&kind, &count) in &self.entries {
            let what = ["a fix", "a compatible change", "a breaking change"];
            let what = what[kind.bump() as usize - 1];
            let plural = if count == 1 { "entry" } else { "entries" };
            let text = format!("### {kind:?} ({count} {plural}) is {what}");
            reasons.push((kind.bump(), text));
        }
        let bump = reasons.iter().map(|r| r.0).max().unwrap_or(Bump::None);
        let text = |(bump, text): (Bump, String)| format!("{}: {text}", bump.as_str());
        (bump, reasons.into_iter().map(text).collect())
    }
}

/// A changelog's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changelog {
    lines: Vec<String>,
}

/// A heading's title, its line and the line after its block.
type Block = (String, usize, usize);

fn is_unreleased(title: &str) -> bool {
    let bare = title.trim_start_matches('[').trim_end_matches(']');
    bare.trim().eq_ignore_ascii_case("unreleased")
}

/// The version a heading names: `0.1.0 - ...`, `[0.1.0] - ...`, `v0.1.0`.
fn section_version(title: &str) -> &str {
    let title = title.trim().trim_start_matches('[');
    let end = (title.find(|c: char| c == ']' || c.is_whitespace())).unwrap_or(title.len());
    title[..end].strip_prefix('v').unwrap_or(&title[..end])
}

/// A top-level list item's text after its bullet or number.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = match digits {
        0 => line.strip_prefix(['-', '*', '+'])?,
        _ => line[digits..].strip_prefix(['.', ')'])?,
    };
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
}

/// A heading's text after its `#`s.
fn title(line: &str) -> String {
    line.trim().trim_start_matches('#').trim().to_owned()
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

impl Changelog {
    /// Reads `text`; any text is a changelog, perhaps without sections.
    pub fn parse(text: &str) -> Changelog {
        let lines = text.lines().map(str::to_owned).collect();
        Changelog { lines }
    }

    /// The text, each line ended by `\n`.
    pub fn render(&self) -> String {
        self.lines.iter().map(|line| format!("{line}\n")).collect()
    }

    /// The headings of levels 1 to 3 outside fenced code: (line, level).
    fn headings(&self) -> Vec<(usize, usize)> {
        let (mut headings, mut fence) = (Vec::new(), None);
        for (index, line) in self.lines.iter().enumerate() {
            let text = line.trim_start();
            let run = |marker: u8| text.bytes().take_while(|&b| b == marker).count();
            if let Some((marker, length)) = fence {
                if run(marker) >= length && blank(&text[run(marker)..]) {
                    fence = None;
                }
            } else if line.len() - text.len() > 3 {
            } else if let Some(marker) = [b'`', b'~'].into_iter().find(|&m| run(m) >= 3) {
                fence = Some((marker, run(marker)));
            } else if (1..=3).contains(&run(b'#'))
                && matches!(text[run(b'#')..].chars().next(), None | Some(' ' | '\t'))
            {
                headings.push((index, run(b'#')));
            }
        }
        headings
    }

    /// The headings of `level` in `lines`, each up to the next heading of
    /// its level or above (or the end of `lines`).
    fn blocks(&self, level: usize, lines: Range<usize>) -> Vec<Block> {
        let headings: Vec<(usize, usize)> = (self.headings().into_iter())
            .filter(|&(index, l)| lines.contains(&index) && l <= level)
            .collect();
        let title = |index: usize| title(&self.lines[index]);
        let end = |n: usize| headings.get(n + 1).map_or(lines.end, |h| h.0);
        (headings.iter().enumerate())
            .filter(|(_, heading)| heading.1 == level)
            .map(|(n, &(index, _))| (title(index), index, end(n)))
            .collect()
    }

    fn sections(&self) -> Vec<Block> {
        self.blocks(2, 0..self.lines.len())
    }

    fn unreleased_section(&self) -> Result<Block, String> {
        (self.sections().into_iter().find(|s| is_unreleased(&s.0)))
            .ok_or_else(|| format!("{CHANGELOG} has no `## Unreleased` section"))
    }

    /// The lines of `version`'s section (`## X.Y.Z ...`), heading first.
    pub fn version_section(&self, version: &str) -> Option<Range<usize>> {
        (self.sections().into_iter())
            .find(|s| !is_unreleased(&s.0) && section_version(&s.0) == version)
            .map(|(_, heading, end)| heading..end)
    }

    /// The versions that have a section, in the order of the file.
    pub fn versions(&self) -> Vec<String> {
        let sections = self.sections().into_iter().filter(|s| !is_unreleased(&s.0));
        sections.map(|s| section_version(&s.0).to_owned()).collect()
    }

    /// The release notes of `version`: its section's body without the
    /// heading and the blank lines at either end.
    pub fn notes(&self, version: &str) -> Option<String> {
        let section = self.version_section(version)?;
        let body = &self.lines[section.start + 1..section.end];
        let first = body.iter().position(|l| !blank(l)).unwrap_or(body.len());
        let last = body.iter().rposition(|l| !blank(l)).map_or(0, |i| i + 1);
        let lines = body.get(first..last).unwrap_or_default();
        Some(lines.iter().map(|line| format!("{line}\n")).collect())
    }

    /// The subsections of `section`, with their kind if the title names one.
    fn subsections(&self, section: &Block) -> Vec<(Option<Kind>, usize, usize)> {
        let is = |kind: &Kind, title: &str| format!("{kind:?}").eq_ignore_ascii_case(title);
        let kind = |title: &str| Kind::ALL.into_iter().find(|k| is(k, title));
        (self.blocks(3, section.1 + 1..section.2).into_iter())
            .map(|(title, heading, end)| (kind(&title), heading, end))
            .collect()
    }

    /// The last line in `from..end` that is not blank (`from` when all are).
    fn last_content(&self, from: usize, end: usize) -> usize {
        let last = (from..end).rev().find(|&i| !blank(&self.lines[i]));
        last.unwrap_or(from)
    }

    /// Inserts `lines` at `at`, blank-separated from the line after and,
    /// when `separate`, from the line before.
    fn insert(&mut self, at: usize, mut lines: Vec<String>, separate: bool) {
        if separate && at > 0 && !blank(&self.lines[at - 1]) {
            lines.insert(0, String::new());
        }
        if self.lines.get(at).is_some_and(|l| !blank(l)) {
            lines.push(String::new());
        }
        self.lines.splice(at..at, lines);
    }

    /// Adds `entry` to the `kind` subsection of `## Unreleased`, both
    /// created when missing, in Keep a Changelog's order.
    ///
    /// ```
    /// use xtask::changelog::{Changelog, Kind};
    /// let mut changelog = Changelog::parse("# C\n\n## 0.1.0 - 2026-01-01\n");
    /// changelog.add(Kind::Removed, "- Gone.".into());
    /// changelog.add(Kind::Added, "- New.".into());
    /// let text = "## Unreleased\n\n### Added\n\n- New.\n\n### Removed\n\n- Gone.\n\n## 0.1.0";
    /// assert_eq!(changelog.render(), format!("# C\n\n{text} - 2026-01-01\n"));
    /// ```
    pub fn add(&mut self, kind: Kind, entry: String) {
        if self.unreleased_section().is_err() {
            let at = self.sections().first().map_or(self.lines.len(), |s| s.1);
            self.insert(at, vec!["## Unreleased".to_owned()], true);
        }
        let section = self.unreleased_section().expect("`## Unreleased` exists");
        let subsections = self.subsections(&section);
        if let Some(&(_, heading, end)) = subsections.iter().find(|s| s.0 == Some(kind)) {
            let last = self.last_content(heading, end);
            return self.insert(last + 1, vec![entry], last == heading);
        }
        let at = match subsections.iter().find(|s| s.0.is_some_and(|k| k > kind)) {
            Some(&(_, heading, _)) => heading,
            None => self.last_content(section.1, section.2) + 1,
        };
        let lines = vec![format!("### {kind:?}"), String::new(), entry];
        self.insert(at, lines, true);
    }

    /// Reads `## Unreleased`; refuses a subsection that is not a [`Kind`]
    /// and text before the first subsection.
    pub fn unreleased(&self) -> Result<Unreleased, String> {
        let section = self.unreleased_section()?;
        let subsections = self.subsections(&section);
        let kinds = join(Kind::ALL, ", ", |kind| format!("`### {kind:?}`"));
        let first = subsections.first().map_or(section.2, |s| s.1);
        if let Some(index) = (section.1 + 1..first).find(|&i| !blank(&self.lines[i])) {
            let line = index + 1;
            return Err(format!(
                "{CHANGELOG}:{line}: text under `## Unreleased` before any `### ` subsection; put \
                 it under one of {kinds}"
            ));
        }
        let mut unreleased = Unreleased::default();
        for (kind, heading, end) in subsections {
            let (line, title) = (heading + 1, self.lines[heading].trim());
            let Some(kind) = kind else {
                return Err(format!(
                    "{CHANGELOG}:{line}: `{title}` under `## Unreleased` is not a kind of change; \
                     use one of {kinds}"
                ));
            };
            let body = &self.lines[heading + 1..end];
            if body.iter().all(|l| blank(l)) {
                continue;
            }
            let items = body.iter().filter(|l| list_item(l).is_some()).count();
            *unreleased.entries.entry(kind).or_default() += items.max(1);
            for (index, line) in body.iter().enumerate() {
                if let Some(text) = list_item(line).filter(|t| t.starts_with("**Breaking**")) {
                    let continues = |l: &&String| !blank(l) && list_item(l).is_none();
                    let more = body[index + 1..].iter().take_while(continues);
                    let more: String = more.map(|l| format!(" {}", l.trim())).collect();
                    unreleased.breaking.push(format!("{}{more}", text.trim()));
                }
            }
        }
        Ok(unreleased)
    }

    /// Turns `## Unreleased` into `## VERSION - DATE` below a new, empty
    /// `## Unreleased`, unless `version` has a section already.
    pub fn release(&mut self, version: &str, date: &str) -> Result<(), String> {
        let (_, heading, _) = self.unreleased_section()?;
        if self.version_section(version).is_some() {
            return Err(format!("{CHANGELOG} has a section for {version} already"));
        }
        let old = std::mem::replace(&mut self.lines[heading], format!("## {version} - {date}"));
        self.lines.splice(heading..heading, [old, String::new()]);
        Ok(())
    }
}
