//! `CHANGELOG.md` in Keep a Changelog's layout: `## Unreleased`, then one
//! `## X.Y.Z - YYYY-MM-DD` section per release, each with [`Kind`]
//! subsections. Edits keep every line they do not touch, and lines in
//! fenced code blocks are never taken for headings.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use semver::Version;

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

    /// The kind a subsection's title names.
    fn named(title: &str) -> Option<Kind> {
        (Kind::ALL.into_iter()).find(|kind| format!("{kind:?}").eq_ignore_ascii_case(title))
    }

    /// What it asks of the version, and in words: `Removed` is breaking,
    /// `Fixed` and `Security` are fixes, the others compatible.
    fn bump(self) -> (Bump, &'static str) {
        match self {
            Kind::Removed => (Bump::Major, "a breaking change"),
            Kind::Added | Kind::Changed | Kind::Deprecated => (Bump::Minor, "a compatible change"),
            Kind::Fixed | Kind::Security => (Bump::Patch, "a fix"),
        }
    }
}

/// A changelog's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changelog {
    lines: Vec<String>,
}

/// A heading's title, its line and the line after its block.
type Block = (String, usize, usize);

/// The version a heading names: `0.1.0 - ...`, `[0.1.0] - ...`, `v0.1.0`.
fn version_of(title: &str) -> Option<Version> {
    let title = title.trim_start_matches('[');
    let end = (title.find(|c: char| c == ']' || c.is_whitespace())).unwrap_or(title.len());
    Version::parse(title[..end].strip_prefix('v').unwrap_or(&title[..end])).ok()
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

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

impl Changelog {
    /// Reads `CHANGELOG.md` in the workspace at `root`.
    pub fn read(root: &Path) -> Result<Changelog, String> {
        let text = std::fs::read_to_string(root.join(CHANGELOG));
        let text = text.map_err(|e| format!("{CHANGELOG}: {e}"))?;
        Ok(Changelog::parse(&text))
    }

    /// Reads `text`; any text is a changelog, perhaps without sections.
    pub fn parse(text: &str) -> Changelog {
        let lines = text.lines().map(str::to_owned).collect();
        Changelog { lines }
    }

    /// The text, each line ended by `\n`.
    pub fn render(&self) -> String {
        self.lines.iter().map(|line| format!("{line}\n")).collect()
    }

    /// The headings of `level` in `lines` outside fenced code, each up to the
    /// next heading of its level or above (or the end of `lines`), which
    /// starts outside fenced code.
    fn blocks(&self, level: usize, lines: Range<usize>) -> Vec<Block> {
        let (mut blocks, mut fence): (Vec<Block>, _) = (Vec::new(), None);
        for index in lines.clone() {
            let (line, text) = (&self.lines[index], self.lines[index].trim_start());
            let run = |marker: u8| text.bytes().take_while(|&b| b == marker).count();
            if let Some((marker, length)) = fence {
                if run(marker) >= length && blank(&text[run(marker)..]) {
                    fence = None;
                }
            } else if line.len() - text.len() > 3 {
            } else if let Some(marker) = [b'`', b'~'].into_iter().find(|&m| run(m) >= 3) {
                fence = Some((marker, run(marker)));
            } else if (1..=level).contains(&run(b'#'))
                && matches!(text[run(b'#')..].chars().next(), None | Some(' ' | '\t'))
            {
                if let Some(open) = blocks.last_mut() {
                    open.2 = open.2.min(index);
                }
                if run(b'#') == level {
                    blocks.push((text[level..].trim().to_owned(), index, lines.end));
                }
            }
        }
        blocks
    }

    fn sections(&self) -> Vec<Block> {
        self.blocks(2, 0..self.lines.len())
    }

    fn unreleased_section(&self) -> Result<Block, String> {
        let unreleased =
            |s: &Block| (s.0.trim_matches(['[', ']']).trim()).eq_ignore_ascii_case("unreleased");
        (self.sections().into_iter().find(unreleased))
            .ok_or_else(|| format!("{CHANGELOG} has no `## Unreleased` section"))
    }

    /// The versions that have a section, in the order of the file.
    pub fn versions(&self) -> Vec<Version> {
        let sections = self.sections();
        sections.iter().filter_map(|s| version_of(&s.0)).collect()
    }

    /// The release notes of `version`: its section's body without the
    /// heading and the blank lines at either end.
    pub fn notes(&self, version: &str) -> Option<String> {
        let version = Version::parse(version).ok()?;
        let mut sections = self.sections().into_iter();
        let (_, heading, end) = sections.find(|s| version_of(&s.0).as_ref() == Some(&version))?;
        let body = &self.lines[heading + 1..end];
        let first = body.iter().position(|l| !blank(l)).unwrap_or(body.len());
        let last = body.iter().rposition(|l| !blank(l)).map_or(0, |i| i + 1);
        let lines = body.get(first..last).unwrap_or_default().to_vec();
        Some(Changelog { lines }.render())
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
    pub fn add(&mut self, kind: Kind, entry: String) {
        if self.unreleased_section().is_err() {
            let at = self.sections().first().map_or(self.lines.len(), |s| s.1);
            self.insert(at, vec!["## Unreleased".to_owned()], true);
        }
        let (_, heading, end) = self.unreleased_section().expect("`## Unreleased` exists");
        let subsections = self.blocks(3, heading + 1..end);
        // The last line in `at..end` that is not blank (`at` when all are).
        let last_content =
            |at: usize, end: usize| (at..end).rfind(|&i| !blank(&self.lines[i])).unwrap_or(at);
        if let Some((_, at, end)) = subsections.iter().find(|s| Kind::named(&s.0) == Some(kind)) {
            let last = last_content(*at, *end);
            return self.insert(last + 1, vec![entry], last == *at);
        }
        let at = match subsections.iter().find(|s| Kind::named(&s.0) > Some(kind)) {
            Some(&(_, at, _)) => at,
            None => last_content(heading, end) + 1,
        };
        let lines = vec![format!("### {kind:?}"), String::new(), entry];
        self.insert(at, lines, true);
    }

    /// What `## Unreleased` asks of the version: the largest change, and one
    /// line per kind and per `**Breaking**` entry (none when it is empty).
    /// Refuses a subsection that is not a [`Kind`] and text before the first.
    pub fn unreleased(&self) -> Result<(Bump, Vec<String>), String> {
        let (_, heading, end) = self.unreleased_section()?;
        let subsections = self.blocks(3, heading + 1..end);
        let kinds = join(Kind::ALL, ", ", |kind| format!("`### {kind:?}`"));
        let first = subsections.first().map_or(end, |s| s.1);
        if let Some(index) = (heading + 1..first).find(|&i| !blank(&self.lines[i])) {
            let line = index + 1;
            return Err(format!(
                "{CHANGELOG}:{line}: text under `## Unreleased` before any `### ` subsection; put \
                 it under one of {kinds}"
            ));
        }
        let (mut entries, mut reasons) = (BTreeMap::new(), Vec::new());
        for (title, heading, end) in subsections {
            let Some(kind) = Kind::named(&title) else {
                let (line, title) = (heading + 1, self.lines[heading].trim());
                return Err(format!(
                    "{CHANGELOG}:{line}: `{title}` under `## Unreleased` is not a kind of change; \
                     use one of {kinds}"
                ));
            };
            let body = &self.lines[heading + 1..end];
            let items = (body.iter().enumerate()).filter_map(|(i, l)| Some((i, list_item(l)?)));
            let items: Vec<(usize, &str)> = items.collect();
            if body.iter().any(|l| !blank(l)) {
                *entries.entry(kind).or_insert(0) += items.len().max(1);
            }
            let breaking = (items.into_iter()).filter(|i| i.1.starts_with("**Breaking**"));
            for (index, text) in breaking {
                let continues = |l: &&String| !blank(l) && list_item(l).is_none();
                let more = body[index + 1..].iter().take_while(continues);
                let more: String = more.map(|l| format!(" {}", l.trim())).collect();
                reasons.push((Bump::Major, shorten(&format!("{}{more}", text.trim()), 100)));
            }
        }
        for (kind, count) in entries {
            let ((bump, what), plural) =
                (kind.bump(), if count == 1 { "entry" } else { "entries" });
            reasons.push((bump, format!("### {kind:?} ({count} {plural}) is {what}")));
        }
        let bump = reasons.iter().map(|r| r.0).max().unwrap_or(Bump::None);
        let reasons =
            (reasons.into_iter()).map(|(bump, text)| format!("{}: {text}", bump.as_str()));
        Ok((bump, reasons.collect()))
    }

    /// Turns `## Unreleased` into `## VERSION - DATE` below a new, empty
    /// `## Unreleased`.
    pub fn release(&mut self, version: &str, date: &str) -> Result<(), String> {
        let (_, heading, _) = self.unreleased_section()?;
        let old = std::mem::replace(&mut self.lines[heading], format!("## {version} - {date}"));
        self.lines.splice(heading..heading, [old, String::new()]);
        Ok(())
    }
}
