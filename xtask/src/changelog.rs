//! `CHANGELOG.md`, laid out as Keep a Changelog lays it out: a
//! `## Unreleased` section on top, then one `## X.Y.Z - YYYY-MM-DD`
//! section per release, each with the subsections `### Added`,
//! `### Changed`, `### Deprecated`, `### Removed`, `### Fixed` and
//! `### Security`.
//!
//! Two commands write it. A registry sync (`regen --from` or `--fetch` that
//! adds, changes or removes registered codes) adds one entry per code under
//! `## Unreleased` ([`sync_entries`], [`Changelog::add`]). `release` reads
//! what is unreleased ([`Changelog::unreleased`]) to choose the next version
//! and turns `## Unreleased` into that version's section
//! ([`Changelog::release`]).
//!
//! Every line that an edit does not touch keeps its bytes, line endings
//! included. Lines inside fenced code blocks are never taken for headings.
//!
//! Registry text in the entries is untrusted and goes through
//! [`ws_close_codes_codegen::escape_markdown`], as in the sync report:
//! a description cannot add a heading, a link, HTML or a list item.

use std::collections::BTreeMap;

use ws_close_codes_codegen::escape_markdown;
use ws_close_codes_registry::{Diff, Pins, Registry};

use crate::regen;
use crate::report::{self, Bump};

/// The changelog, relative to the workspace root.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// A kind of change: a subsection of a version's section.
///
/// ```
/// use xtask::changelog::Kind;
/// use xtask::report::Bump;
///
/// assert_eq!(Kind::from_title("Added"), Some(Kind::Added));
/// assert_eq!(Kind::from_title("removed"), Some(Kind::Removed));
/// assert_eq!(Kind::from_title("Notes"), None);
/// assert_eq!(Kind::Removed.bump(), Bump::Major);
/// assert_eq!(Kind::Deprecated.bump(), Bump::Minor);
/// assert_eq!(Kind::Security.bump(), Bump::Patch);
/// ```
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
    ///
    /// ```
    /// let titles: Vec<&str> = xtask::changelog::Kind::ALL.iter().map(|k| k.title()).collect();
    /// assert_eq!(titles, ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]);
    /// ```
    pub const ALL: [Kind; 6] = [
        Kind::Added,
        Kind::Changed,
        Kind::Deprecated,
        Kind::Removed,
        Kind::Fixed,
        Kind::Security,
    ];

    /// The subsection's title.
    ///
    /// ```
    /// assert_eq!(xtask::changelog::Kind::Fixed.title(), "Fixed");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            Kind::Added => "Added",
            Kind::Changed => "Changed",
            Kind::Deprecated => "Deprecated",
            Kind::Removed => "Removed",
            Kind::Fixed => "Fixed",
            Kind::Security => "Security",
        }
    }

    /// The kind a subsection title names (ignoring ASCII case and
    /// surrounding spaces), if any.
    ///
    /// ```
    /// use xtask::changelog::Kind;
    /// assert_eq!(Kind::from_title(" security "), Some(Kind::Security));
    /// assert_eq!(Kind::from_title("Breaking"), None);
    /// ```
    pub fn from_title(title: &str) -> Option<Kind> {
        let title = title.trim();
        Kind::ALL
            .into_iter()
            .find(|kind| kind.title().eq_ignore_ascii_case(title))
    }

    /// What a change of this kind asks of the version number: `Removed` is
    /// breaking (major); `Added`, `Changed` and `Deprecated` are compatible
    /// changes (minor); `Fixed` and `Security` are fixes (patch).
    ///
    /// ```
    /// use xtask::{changelog::Kind, report::Bump};
    /// assert_eq!(Kind::Added.bump(), Bump::Minor);
    /// ```
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
    /// The index of the first line after the section (the next heading of
    /// level 1 or 2, or the number of lines).
    pub end: usize,
}

/// What `## Unreleased` holds, as `release` reads it.
///
/// ```
/// use xtask::changelog::{Changelog, Kind};
/// use xtask::report::Bump;
///
/// let changelog = Changelog::parse(
///     "# Changelog\n\n## Unreleased\n\n### Fixed\n\n- A fix.\n\n### Added\n\n- One.\n- Two.\n",
/// );
/// let unreleased = changelog.unreleased()?;
/// assert_eq!(unreleased.entries[&Kind::Added], 2);
/// assert_eq!(unreleased.entries[&Kind::Fixed], 1);
/// assert_eq!(unreleased.bump().0, Bump::Minor);
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unreleased {
    /// For each subsection with content: how many entries it has (its
    /// top-level list items; prose without a list counts as one).
    pub entries: BTreeMap<Kind, usize>,
    /// The entries (top-level list items) that start with `**Breaking**`,
    /// without their bullet.
    pub breaking: Vec<String>,
}

impl Unreleased {
    /// Whether there is nothing to release.
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("## Unreleased\n\n### Added\n\n## 0.1.0\n");
    /// assert!(changelog.unreleased()?.is_empty());
    /// # Ok::<(), String>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.breaking.is_empty()
    }

    /// The largest change, with one line of explanation per kind of
    /// change (and per `**Breaking**` entry). [`Bump::None`] when empty.
    ///
    /// ```
    /// use xtask::{changelog::Changelog, report::Bump};
    /// let changelog = Changelog::parse("## Unreleased\n\n### Changed\n\n- **Breaking**: renamed.\n");
    /// let (bump, reasons) = changelog.unreleased()?.bump();
    /// assert_eq!(bump, Bump::Major);
    /// assert!(reasons[0].contains("**Breaking**"), "{reasons:?}");
    /// # Ok::<(), String>(())
    /// ```
    pub fn bump(&self) -> (Bump, Vec<String>) {
        let mut bump = Bump::None;
        let mut reasons = Vec::new();
        for entry in &self.breaking {
            bump = Bump::Major;
            let short: String = entry.chars().take(100).collect();
            let more = if entry.chars().nth(100).is_some() {
                "…"
            } else {
                ""
            };
            reasons.push(format!("major: {short}{more}"));
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
/// let text = "# Changelog\r\n\r\n## Unreleased\r\n";
/// assert_eq!(Changelog::parse(text).render(), text);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changelog {
    lines: Vec<String>,
    eol: &'static str,
    final_newline: bool,
}

/// Whether `title` (a level-2 heading's text) is the unreleased section's.
fn is_unreleased(title: &str) -> bool {
    let title = title.trim();
    let bare = title
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(title);
    bare.trim().eq_ignore_ascii_case("unreleased")
}

/// The version a level-2 heading names: `0.1.0 - 2026-01-01`,
/// `[0.1.0] - ...` and `v0.1.0` all name `0.1.0`.
fn section_version(title: &str) -> &str {
    let title = title.trim().trim_start_matches('[');
    let end = title
        .find(|c: char| c == ']' || c.is_whitespace())
        .unwrap_or(title.len());
    let version = &title[..end];
    version.strip_prefix('v').unwrap_or(version)
}

/// A list item's text after its bullet or number.
fn entry_text(line: &str) -> &str {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')']).unwrap_or(line)
    } else {
        line.strip_prefix(['-', '*', '+']).unwrap_or(line)
    };
    rest.trim_start()
}

/// Whether a line starts a top-level list item.
fn is_list_item(line: &str) -> bool {
    let bullet =
        ["- ", "* ", "+ "].iter().any(|b| line.starts_with(b)) || matches!(line, "-" | "*" | "+");
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = digits > 0
        && line[digits..]
            .strip_prefix(['.', ')'])
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    bullet || ordered
}

impl Changelog {
    /// Reads `text`. Never fails: any text is a changelog, perhaps one
    /// without sections.
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("# Changelog\n\n## 0.1.0 - 2026-01-01\n");
    /// assert_eq!(changelog.sections()[0].title, "0.1.0 - 2026-01-01");
    /// ```
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
    ///
    /// ```
    /// let text = "# Changelog\n\nNo newline at the end";
    /// assert_eq!(xtask::changelog::Changelog::parse(text).render(), text);
    /// ```
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
            let indent = line.len() - text.len();
            if let Some((marker, length)) = fence {
                let run = text.bytes().take_while(|&b| b == marker).count();
                if run >= length && text[run..].trim().is_empty() {
                    fence = None;
                }
                continue;
            }
            if indent > 3 {
                continue;
            }
            if let Some(marker) = [b'`', b'~']
                .into_iter()
                .find(|&m| text.bytes().take_while(|&b| b == m).count() >= 3)
            {
                fence = Some((marker, text.bytes().take_while(|&b| b == marker).count()));
                continue;
            }
            let level = text.bytes().take_while(|&b| b == b'#').count();
            if (1..=3).contains(&level)
                && (text.len() == level || text[level..].starts_with([' ', '\t']))
            {
                headings.push((index, level));
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
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("# C\n\n## Unreleased\n\n## 0.1.0\n\n- x\n");
    /// let sections = changelog.sections();
    /// assert_eq!((sections[0].heading, sections[0].end), (2, 4));
    /// assert_eq!((sections[1].heading, sections[1].end), (4, 7));
    /// ```
    pub fn sections(&self) -> Vec<Section> {
        let headings = self.headings();
        let mut sections = Vec::new();
        for (position, &(heading, level)) in headings.iter().enumerate() {
            if level != 2 {
                continue;
            }
            let end = headings[position + 1..]
                .iter()
                .find(|&&(_, level)| level <= 2)
                .map_or(self.lines.len(), |&(index, _)| index);
            sections.push(Section {
                title: self.title(heading),
                heading,
                end,
            });
        }
        sections
    }

    fn unreleased_section(&self) -> Option<Section> {
        self.sections()
            .into_iter()
            .find(|s| is_unreleased(&s.title))
    }

    /// The section of `version` (`## X.Y.Z ...`), if there is one.
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("## Unreleased\n\n## [0.2.0] - 2026-02-02\n");
    /// assert!(changelog.version_section("0.2.0").is_some());
    /// assert!(changelog.version_section("0.2").is_none());
    /// ```
    pub fn version_section(&self, version: &str) -> Option<Section> {
        self.sections()
            .into_iter()
            .find(|s| !is_unreleased(&s.title) && section_version(&s.title) == version)
    }

    /// The versions that have a section, in the order of the file.
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("## Unreleased\n## 0.2.0 - x\n## v0.1.0\n");
    /// assert_eq!(changelog.versions(), ["0.2.0", "0.1.0"]);
    /// ```
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
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse(
    ///     "## Unreleased\n\n## 0.1.0 - 2026-01-01\n\n### Added\n\n- Everything.\n\n## 0.0.1\n",
    /// );
    /// assert_eq!(changelog.notes("0.1.0").unwrap(), "### Added\n\n- Everything.\n");
    /// ```
    pub fn notes(&self, version: &str) -> Option<String> {
        let section = self.version_section(version)?;
        let body = &self.lines[section.heading + 1..section.end];
        let first = body.iter().position(|l| !l.trim().is_empty());
        let last = body.iter().rposition(|l| !l.trim().is_empty());
        let mut notes = String::new();
        if let (Some(first), Some(last)) = (first, last) {
            for line in &body[first..=last] {
                notes.push_str(line.trim_end_matches('\r'));
                notes.push('\n');
            }
        }
        Some(notes)
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
        inside
            .iter()
            .enumerate()
            .map(|(position, &heading)| {
                let end = inside.get(position + 1).copied().unwrap_or(section.end);
                (Kind::from_title(&self.title(heading)), heading, end)
            })
            .collect()
    }

    /// The last line in `from..end` that is not blank (`from` itself when
    /// all are).
    fn last_content(&self, from: usize, end: usize) -> usize {
        (from..end)
            .rev()
            .find(|&index| !self.lines[index].trim().is_empty())
            .unwrap_or(from)
    }

    /// Inserts `lines` at `at`, then a blank line if the line after them
    /// is neither blank nor the end.
    fn insert(&mut self, at: usize, lines: Vec<String>) {
        let count = lines.len();
        self.lines.splice(at..at, lines);
        let after = at + count;
        if count > 0
            && !self.lines[after - 1].trim().is_empty()
            && self.lines.get(after).is_some_and(|l| !l.trim().is_empty())
        {
            self.lines.insert(after, String::new());
        }
    }

    /// Adds `entries` (Markdown lines, usually `- ...` list items) to the
    /// `kind` subsection of `## Unreleased`: after the subsection's last
    /// line when it exists; else in a new subsection, placed in the order
    /// of [`Kind::ALL`]. `## Unreleased` is created above the first
    /// version's section when it is missing. Nothing happens for no
    /// entries.
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
        let section = match self.unreleased_section() {
            Some(section) => section,
            None => {
                match self.sections().first() {
                    Some(first) => {
                        let at = first.heading;
                        self.insert(at, vec!["## Unreleased".to_owned(), String::new()]);
                    }
                    None => {
                        if self.lines.last().is_some_and(|l| !l.trim().is_empty()) {
                            self.lines.push(String::new());
                        }
                        self.lines.push("## Unreleased".to_owned());
                        self.final_newline = true;
                    }
                }
                self.unreleased_section()
                    .expect("the section was just inserted")
            }
        };
        let subsections = self.subsections(&section);
        if let Some(&(_, heading, end)) = subsections.iter().find(|s| s.0 == Some(kind)) {
            let last = self.last_content(heading, end);
            let mut lines = Vec::with_capacity(entries.len() + 1);
            if last == heading {
                lines.push(String::new());
            }
            lines.extend(entries.iter().cloned());
            self.insert(last + 1, lines);
            return;
        }
        let mut lines = vec![format!("### {}", kind.title()), String::new()];
        lines.extend(entries.iter().cloned());
        match subsections
            .iter()
            .find(|s| s.0.is_some_and(|other| other > kind))
        {
            Some(&(_, heading, _)) => {
                lines.push(String::new());
                self.insert(heading, lines);
            }
            None => {
                let last = self.last_content(section.heading, section.end);
                lines.insert(0, String::new());
                self.insert(last + 1, lines);
            }
        }
    }

    /// Reads `## Unreleased`: the entries of each kind and the entries
    /// that start with `**Breaking**`.
    ///
    /// # Errors
    ///
    /// There is no `## Unreleased` section; a subsection title is not one
    /// of [`Kind::ALL`]; or text stands before the first subsection (it
    /// could not be classified).
    ///
    /// ```
    /// let changelog = xtask::changelog::Changelog::parse("## Unreleased\n\n### Notes\n\n- x\n");
    /// assert!(changelog.unreleased().unwrap_err().contains("### Notes"));
    /// ```
    pub fn unreleased(&self) -> Result<Unreleased, String> {
        let section = self
            .unreleased_section()
            .ok_or_else(|| format!("{CHANGELOG} has no `## Unreleased` section"))?;
        let subsections = self.subsections(&section);
        let mut unreleased = Unreleased::default();
        let first = subsections.first().map_or(section.end, |s| s.1);
        if let Some(index) =
            (section.heading + 1..first).find(|&i| !self.lines[i].trim().is_empty())
        {
            return Err(format!(
                "{CHANGELOG}:{}: text under `## Unreleased` before any `### ` subsection; put it \
                 under one of {}",
                index + 1,
                kinds_list()
            ));
        }
        for (kind, heading, end) in subsections {
            let Some(kind) = kind else {
                return Err(format!(
                    "{CHANGELOG}:{}: `{}` under `## Unreleased` is not a kind of change; use one of {}",
                    heading + 1,
                    self.lines[heading].trim(),
                    kinds_list()
                ));
            };
            let body = &self.lines[heading + 1..end];
            if body.iter().all(|l| l.trim().is_empty()) {
                continue;
            }
            let items = body.iter().filter(|l| is_list_item(l)).count();
            *unreleased.entries.entry(kind).or_default() += items.max(1);
            for (index, line) in body.iter().enumerate() {
                if !is_list_item(line) || !entry_text(line).starts_with("**Breaking**") {
                    continue;
                }
                // The entry with its continuation lines, as one line.
                let mut text = entry_text(line).trim().to_owned();
                for more in body[index + 1..]
                    .iter()
                    .take_while(|l| !l.trim().is_empty() && !is_list_item(l))
                {
                    text.push(' ');
                    text.push_str(more.trim());
                }
                unreleased.breaking.push(text);
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
    ///
    /// ```
    /// let mut changelog = xtask::changelog::Changelog::parse("# C\n\n## Unreleased\n\n- x\n");
    /// changelog.release("0.2.0", "2026-03-04")?;
    /// assert_eq!(changelog.render(), "# C\n\n## Unreleased\n\n## 0.2.0 - 2026-03-04\n\n- x\n");
    /// # Ok::<(), String>(())
    /// ```
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

fn kinds_list() -> String {
    let titles: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("`### {}`", k.title()))
        .collect();
    titles.join(", ")
}

/// A code's variant as the entries name it.
fn variant(pins: &Pins, value: u16) -> String {
    match pins.get(value) {
        Some(pin) => format!("`CloseCode::{}`", pin.ident),
        None => "its variant".to_owned(),
    }
}

/// IANA's name for a code, escaped, in quotes.
fn name(description: &str) -> String {
    let escaped = escape_markdown(description);
    if escaped.is_empty() {
        "(no name)".to_owned()
    } else {
        format!("\"{escaped}\"")
    }
}

/// The changelog entries for a registry change, by kind: one `- ` line
/// per added code (number, IANA name, variant, registration date), per
/// changed code (what changed, before and after) and per removed code
/// (marked `**Breaking**`). `new` is the registry after the change,
/// `pins` the identifiers after the run.
/// Registry text is escaped with [`escape_markdown`]. Empty when no
/// registered code changed.
///
/// ```
/// use xtask::changelog::{sync_entries, Kind};
///
/// let old = ws_close_codes_registry::parse(ws_close_codes_registry::SNAPSHOT_XML.as_bytes())?;
/// let mut new = old.clone();
/// new.records.retain(|r| r.span.start != 3008);
/// let diff = ws_close_codes_registry::diff(&old, &new);
/// let pins = ws_close_codes_registry::Pins::parse(ws_close_codes_registry::NAMES_TOML)?;
/// let entries = sync_entries(&diff, &new, &pins);
/// assert_eq!(entries.len(), 1);
/// assert_eq!(entries[0].0, Kind::Removed);
/// assert!(entries[0].1[0].starts_with("- **Breaking**: `CloseCode::Timeout` (close code 3008"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sync_entries(diff: &Diff, new: &Registry, pins: &Pins) -> Vec<(Kind, Vec<String>)> {
    // One line per entry, never wrapped: a wrapped line could start with
    // registry text that Markdown reads as a heading or a list item.
    let updated = diff.updated.1;
    let mut entries = Vec::new();
    let added: Vec<String> = diff
        .added
        .iter()
        .map(|record| {
            let value = record.span.start;
            let registered = record
                .date
                .map(|date| format!("registered with IANA on {date}, "))
                .unwrap_or_default();
            format!(
                "- {}: close code {value}, {} in IANA's registry ({registered}registry updated {updated}).",
                variant(pins, value),
                name(&record.description),
            )
        })
        .collect();
    let kept_names: BTreeMap<u16, String> = regen::kept_names(diff, pins).into_iter().collect();
    let changed: Vec<String> = diff
        .changed
        .iter()
        .map(|(value, changes)| {
            let what: Vec<String> = changes
                .iter()
                .map(|change| {
                    let (before, after) = report::change_values(change);
                    format!(
                        "the {} from {before} to {after}",
                        regen::change_name(change)
                    )
                })
                .collect();
            let description = new
                .record_for(*value)
                .map(|record| format!(", {}", name(&record.description)))
                .unwrap_or_default();
            let kept = kept_names
                .get(value)
                .map(|pinned| {
                    format!(
                        "; its name stays {} (pinned), and `iana_description()` gives the new text",
                        name(pinned)
                    )
                })
                .unwrap_or_default();
            format!(
                "- {} (close code {value}{description}): IANA changed {}{kept} (registry updated {updated}).",
                variant(pins, *value),
                what.join("; "),
            )
        })
        .collect();
    let removed: Vec<String> = diff
        .removed
        .iter()
        .map(|record| {
            let value = record.span.start;
            format!(
                "- **Breaking**: {} (close code {value}, {}) is removed: IANA's registry (updated \
                 {updated}) no longer lists the code, and `CloseCode::from({value})` returns \
                 `CloseCode::Other(_)`.",
                variant(pins, value),
                name(&record.description),
            )
        })
        .collect();
    for (kind, lines) in [
        (Kind::Added, added),
        (Kind::Changed, changed),
        (Kind::Removed, removed),
    ] {
        if !lines.is_empty() {
            entries.push((kind, lines));
        }
    }
    entries
}
