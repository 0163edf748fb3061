//! `CHANGELOG.md`, laid out as Keep a Changelog lays it out: a
//! `## Unreleased` section on top, then one `## X.Y.Z - YYYY-MM-DD`
//! section per release, each with the subsections of [`Kind`].
//!
//! A registry sync (`regen --from` or `--fetch` that adds, changes or
//! removes registered codes) adds one entry per code under `## Unreleased`
//! ([`crate::report::changelog_entries`], [`Changelog::add`]); `release`
//! reads what is unreleased ([`Changelog::unreleased`]) and turns it into
//! a version's section ([`Changelog::release`]). Lines an edit does not
//! touch keep their bytes, line endings included; lines inside fenced code
//! blocks are never taken for headings.

use std::collections::BTreeMap;

use crate::report::{self, Bump};

/// The changelog, relative to the workspace root.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// A kind of change: a subsection of a version's section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// New features, new close codes.
    Added,
    /// Changes to existing behaviour or data (a code's registry metadata).
    Changed,
    /// Features that will be removed.
    Deprecated,
    /// Removed features or codes: a breaking change.
    Removed,
    /// Bug fixes.
    Fixed,
    /// Fixes of vulnerabilities.
    Security,
}

impl Kind {
    /// Every kind, in the order the subsections are written.
    pub const ALL: [Kind; 6] = [
        Kind::Added,
        Kind::Changed,
        Kind::Deprecated,
        Kind::Removed,
        Kind::Fixed,
        Kind::Security,
    ];

    /// The subsection's title.
    pub fn title(self) -> &'static str {
        [
            "Added",
            "Changed",
            "Deprecated",
            "Removed",
            "Fixed",
            "Security",
        ][self as usize]
    }

    /// The kind a subsection title names (ignoring ASCII case and
    /// surrounding spaces), if any.
    pub fn from_title(title: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.title().eq_ignore_ascii_case(title.trim()))
    }

    /// What a change of this kind asks of the version number: `Removed` is
    /// breaking; `Added`, `Changed` and `Deprecated` are compatible;
    /// `Fixed` and `Security` are fixes.
    pub fn bump(self) -> Bump {
        match self {
            Kind::Removed => Bump::Major,
            Kind::Added | Kind::Changed | Kind::Deprecated => Bump::Minor,
            Kind::Fixed | Kind::Security => Bump::Patch,
        }
    }
}

/// A level-2 section (`## ...`): its title and where its lines are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading's text after `## `, trimmed.
    pub title: String,
    /// The index of the heading line.
    pub heading: usize,
    /// The index of the first line after the section.
    pub end: usize,
}

/// What `## Unreleased` holds, as `release` reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unreleased {
    /// For each subsection with content: how many entries it has (its
    /// top-level list items; prose without a list counts as one).
    pub entries: BTreeMap<Kind, usize>,
    /// The entries that start with `**Breaking**`, without their bullet,
    /// continuation lines joined.
    pub breaking: Vec<String>,
}

impl Unreleased {
    /// Whether there is nothing to release.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.breaking.is_empty()
    }

    /// The largest change, with one line of explanation per kind of
    /// change and per `**Breaking**` entry; [`Bump::None`] when empty.
    pub fn bump(&self) -> (Bump, Vec<String>) {
        let mut bump = Bump::None;
        let mut reasons = Vec::new();
        for entry in &self.breaking {
            bump = Bump::Major;
            reasons.push(format!("major: {}", report::shorten(entry, 100)));
        }
        for (&kind, &count) in &self.entries {
            bump = bump.max(kind.bump());
            let what = match kind.bump() {
                Bump::Major => "a breaking change",
                Bump::Minor => "a compatible change",
                _ => "a fix",
            };
            let plural = if count == 1 { "entry" } else { "entries" };
            reasons.push(format!(
                "{}: ### {} ({count} {plural}) is {what}",
                kind.bump().as_str(),
                kind.title()
            ));
        }
        (bump, reasons)
    }
}

/// A changelog's lines, with the line ending and whether the text ended
/// with one, so that [`Changelog::render`] gives back the bytes it was
/// parsed from.
///
/// ```
/// use xtask::changelog::Changelog;
/// for text in ["# Changelog\r\n\r\n## Unreleased\r\n", "# C\n\nno newline at the end"] {
///     assert_eq!(Changelog::parse(text).render(), text);
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changelog {
    lines: Vec<String>,
    eol: &'static str,
    final_newline: bool,
}

fn is_unreleased(title: &str) -> bool {
    let bare = title.trim_start_matches('[').trim_end_matches(']');
    bare.trim().eq_ignore_ascii_case("unreleased")
}

/// The version a level-2 heading names: `0.1.0 - 2026-01-01`,
/// `[0.1.0] - ...` and `v0.1.0` all name `0.1.0`.
fn section_version(title: &str) -> &str {
    let title = title.trim().trim_start_matches('[');
    let end = title
        .find(|c: char| c == ']' || c.is_whitespace())
        .unwrap_or(title.len());
    title[..end].strip_prefix('v').unwrap_or(&title[..end])
}

/// A top-level list item's text after its bullet or number, if the line
/// starts one.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])?
    } else {
        line.strip_prefix(['-', '*', '+'])?
    };
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

impl Changelog {
    /// Reads `text`. Never fails: any text is a changelog, perhaps one
    /// without sections.
    pub fn parse(text: &str) -> Changelog {
        let newlines = text.matches('\n').count();
        let crlf = newlines > 0 && text.matches("\r\n").count() == newlines;
        let eol = if crlf { "\r\n" } else { "\n" };
        let final_newline = text.ends_with('\n');
        let mut lines: Vec<String> = text.split(eol).map(str::to_owned).collect();
        if final_newline || text.is_empty() {
            lines.pop();
        }
        Changelog {
            lines,
            eol,
            final_newline,
        }
    }

    /// The text, with the line ending it was parsed with.
    pub fn render(&self) -> String {
        let mut text = self.lines.join(self.eol);
        if self.final_newline && !self.lines.is_empty() {
            text.push_str(self.eol);
        }
        text
    }

    /// The headings of levels 1 to 3 outside fenced code blocks: (line
    /// index, level).
    fn headings(&self) -> Vec<(usize, usize)> {
        let mut headings = Vec::new();
        let mut fence: Option<(u8, usize)> = None;
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
                && (text.len() == run(b'#') || text[run(b'#')..].starts_with([' ', '\t']))
            {
                headings.push((index, run(b'#')));
            }
        }
        headings
    }

    fn title(&self, index: usize) -> String {
        self.lines[index]
            .trim()
            .trim_start_matches('#')
            .trim()
            .to_owned()
    }

    /// The level-2 sections, in order.
    pub fn sections(&self) -> Vec<Section> {
        let headings = self.headings();
        let mut sections = Vec::new();
        for (position, &(heading, level)) in headings.iter().enumerate() {
            if level == 2 {
                let end = headings[position + 1..]
                    .iter()
                    .find(|&&(_, level)| level <= 2)
                    .map_or(self.lines.len(), |&(index, _)| index);
                let title = self.title(heading);
                sections.push(Section {
                    title,
                    heading,
                    end,
                });
            }
        }
        sections
    }

    fn unreleased_section(&self) -> Option<Section> {
        self.sections()
            .into_iter()
            .find(|s| is_unreleased(&s.title))
    }

    /// The section of `version` (`## X.Y.Z ...`), if there is one.
    pub fn version_section(&self, version: &str) -> Option<Section> {
        self.sections()
            .into_iter()
            .find(|s| !is_unreleased(&s.title) && section_version(&s.title) == version)
    }

    /// The versions that have a section, in the order of the file.
    pub fn versions(&self) -> Vec<String> {
        self.sections()
            .iter()
            .filter(|s| !is_unreleased(&s.title))
            .map(|s| section_version(&s.title).to_owned())
            .collect()
    }

    /// The body of `version`'s section without its heading and without
    /// blank lines at either end, each line ended by `\n`: the release
    /// notes. `None` when there is no such section.
    pub fn notes(&self, version: &str) -> Option<String> {
        let section = self.version_section(version)?;
        let body = &self.lines[section.heading + 1..section.end];
        let first = body.iter().position(|l| !blank(l)).unwrap_or(body.len());
        let last = body.iter().rposition(|l| !blank(l)).map_or(0, |i| i + 1);
        let lines = body.get(first..last).unwrap_or_default();
        Some(
            lines
                .iter()
                .map(|l| format!("{}\n", l.trim_end_matches('\r')))
                .collect(),
        )
    }

    /// The subsections of `section`: (kind, if the title names one;
    /// heading line; end line).
    fn subsections(&self, section: &Section) -> Vec<(Option<Kind>, usize, usize)> {
        let inside: Vec<usize> = self
            .headings()
            .into_iter()
            .filter(|&(index, level)| level == 3 && index > section.heading && index < section.end)
            .map(|(index, _)| index)
            .collect();
        let ends = inside.iter().skip(1).copied().chain([section.end]);
        inside
            .iter()
            .zip(ends)
            .map(|(&heading, end)| (Kind::from_title(&self.title(heading)), heading, end))
            .collect()
    }

    /// The last line in `from..end` that is not blank (`from` when all are).
    fn last_content(&self, from: usize, end: usize) -> usize {
        (from..end)
            .rev()
            .find(|&i| !blank(&self.lines[i]))
            .unwrap_or(from)
    }

    /// Inserts `lines` at `at`, after a blank line when `separate` and the
    /// line before is not blank, and before one when the line after is
    /// not blank.
    fn insert(&mut self, at: usize, mut lines: Vec<String>, separate: bool) {
        if separate && at > 0 && !blank(&self.lines[at - 1]) {
            lines.insert(0, String::new());
        }
        if self.lines.get(at).is_some_and(|l| !blank(l)) {
            lines.push(String::new());
        }
        if at == self.lines.len() {
            self.final_newline = true;
        }
        self.lines.splice(at..at, lines);
    }

    /// Adds `entries` (Markdown lines, usually `- ...` list items) to the
    /// `kind` subsection of `## Unreleased`: after its last line when it
    /// exists, else in a new subsection placed in the order of
    /// [`Kind::ALL`]. `## Unreleased` is created above the first version's
    /// section when it is missing. Nothing happens for no entries.
    ///
    /// ```
    /// use xtask::changelog::{Changelog, Kind};
    ///
    /// let mut changelog = Changelog::parse("# Changelog\n\n## 0.1.0 - 2026-01-01\n\n- First.\n");
    /// changelog.add(Kind::Removed, &["- Gone.".to_owned()]);
    /// changelog.add(Kind::Added, &["- New.".to_owned()]);
    /// changelog.add(Kind::Added, &["- Newer.".to_owned()]);
    /// assert_eq!(
    ///     changelog.render(),
    ///     "# Changelog\n\n## Unreleased\n\n### Added\n\n- New.\n- Newer.\n\n### Removed\n\n\
    ///      - Gone.\n\n## 0.1.0 - 2026-01-01\n\n- First.\n"
    /// );
    /// ```
    pub fn add(&mut self, kind: Kind, entries: &[String]) {
        if entries.is_empty() {
            return;
        }
        if self.unreleased_section().is_none() {
            let at = self
                .sections()
                .first()
                .map_or(self.lines.len(), |s| s.heading);
            self.insert(at, vec!["## Unreleased".to_owned()], true);
        }
        let section = self.unreleased_section().expect("`## Unreleased` exists");
        let subsections = self.subsections(&section);
        if let Some(&(_, heading, end)) = subsections.iter().find(|s| s.0 == Some(kind)) {
            let last = self.last_content(heading, end);
            self.insert(last + 1, entries.to_vec(), last == heading);
            return;
        }
        let mut lines = vec![format!("### {}", kind.title()), String::new()];
        lines.extend_from_slice(entries);
        let at = match subsections.iter().find(|s| s.0.is_some_and(|k| k > kind)) {
            Some(&(_, heading, _)) => heading,
            None => self.last_content(section.heading, section.end) + 1,
        };
        self.insert(at, lines, true);
    }

    /// Reads `## Unreleased`: the entries of each kind and the entries
    /// that start with `**Breaking**`.
    ///
    /// # Errors
    ///
    /// There is no `## Unreleased` section; a subsection title is not one
    /// of [`Kind::ALL`]; or text stands before the first subsection (it
    /// could not be classified).
    pub fn unreleased(&self) -> Result<Unreleased, String> {
        let section = self
            .unreleased_section()
            .ok_or_else(|| format!("{CHANGELOG} has no `## Unreleased` section"))?;
        let subsections = self.subsections(&section);
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("`### {}`", k.title()))
            .collect();
        let first = subsections.first().map_or(section.end, |s| s.1);
        if let Some(index) = (section.heading + 1..first).find(|&i| !blank(&self.lines[i])) {
            return Err(format!(
                "{CHANGELOG}:{}: text under `## Unreleased` before any `### ` subsection; put it \
                 under one of {}",
                index + 1,
                kinds.join(", ")
            ));
        }
        let mut unreleased = Unreleased::default();
        for (kind, heading, end) in subsections {
            let Some(kind) = kind else {
                return Err(format!(
                    "{CHANGELOG}:{}: `{}` under `## Unreleased` is not a kind of change; use one of {}",
                    heading + 1,
                    self.lines[heading].trim(),
                    kinds.join(", ")
                ));
            };
            let body = &self.lines[heading + 1..end];
            if body.iter().all(|l| blank(l)) {
                continue;
            }
            let items = body.iter().filter(|l| list_item(l).is_some()).count();
            *unreleased.entries.entry(kind).or_default() += items.max(1);
            for (index, line) in body.iter().enumerate() {
                let Some(text) = list_item(line).filter(|t| t.starts_with("**Breaking**")) else {
                    continue;
                };
                let more = body[index + 1..]
                    .iter()
                    .take_while(|l| !blank(l) && list_item(l).is_none());
                let words: Vec<&str> = [text.trim()]
                    .into_iter()
                    .chain(more.map(|l| l.trim()))
                    .collect();
                unreleased.breaking.push(words.join(" "));
            }
        }
        Ok(unreleased)
    }

    /// Turns `## Unreleased` into `## VERSION - DATE` and puts a new, empty
    /// `## Unreleased` above it.
    ///
    /// # Errors
    ///
    /// There is no `## Unreleased`, or `version` has a section already.
    pub fn release(&mut self, version: &str, date: &str) -> Result<(), String> {
        let section = self
            .unreleased_section()
            .ok_or_else(|| format!("{CHANGELOG} has no `## Unreleased` section"))?;
        if self.version_section(version).is_some() {
            return Err(format!("{CHANGELOG} has a section for {version} already"));
        }
        let heading = std::mem::replace(
            &mut self.lines[section.heading],
            format!("## {version} - {date}"),
        );
        self.lines
            .splice(section.heading..section.heading, [heading, String::new()]);
        Ok(())
    }
}
