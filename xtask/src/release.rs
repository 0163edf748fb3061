//! `cargo xtask release`: the next version from `## Unreleased`, written
//! to the manifests, `Cargo.lock` and `CHANGELOG.md` at once.
//!
//! # The version
//!
//! The kinds of change under `## Unreleased` ([`crate::changelog`]) decide
//! the bump, by Cargo's semantic-versioning rules:
//!
//! | change | 1.y.z and up | 0.y.z | 0.0.z |
//! |---|---|---|---|
//! | breaking: a `### Removed` subsection, or an entry that starts with `**Breaking**` | major | minor | patch |
//! | `### Added`, `### Changed`, `### Deprecated` | minor | patch | patch |
//! | `### Fixed`, `### Security` | patch | patch | patch |
//!
//! Cargo takes `0.y.z` to be compatible with `0.y.w`, so below 1.0 a
//! breaking change moves the minor number and anything else the patch
//! number; `0.0.z` is compatible with nothing else, so every change moves
//! the patch number. `CloseCode` is `#[non_exhaustive]`, so a newly
//! registered code (an `### Added` entry of a registry sync) is a
//! compatible change; a removed code is breaking.
//!
//! When `CHANGELOG.md` has no section for the version in `Cargo.toml`,
//! that version was never released: it is released as it is. An empty
//! `## Unreleased` is refused (nothing to release).
//!
//! # What is written
//!
//! - `Cargo.toml`: `[workspace.package] version`, which every published
//!   crate takes with `version.workspace = true`, and the requirements on
//!   the published crates in `[workspace.dependencies]`, made exact
//!   (`version = "=X.Y.Z"`): an application's build-time generator
//!   (`ws-close-codes-codegen`) then always carries the same registry as
//!   the `ws-close-codes` it links.
//! - `Cargo.lock`: the version of every workspace member that takes the
//!   workspace's; and the same packages in the lock files of other
//!   workspaces under the root that use them by path (the `no_std` check,
//!   the fuzz targets), so that building there changes no tracked file.
//! - `CHANGELOG.md`: `## Unreleased` becomes `## X.Y.Z - YYYY-MM-DD` (UTC
//!   today, or `--date`), under a new empty `## Unreleased`.
//!
//! The files are written together through [`crate::files`] (each replaced
//! atomically, after every one is staged). `--dry-run` prints the same
//! account and writes nothing.
//!
//! # Publish order
//!
//! The published crates are the workspace members that `cargo metadata`
//! does not mark `publish = false`. A crate is published after every
//! published crate it depends on: normal and build dependencies, and
//! dev-dependencies that carry a version requirement (`cargo publish`
//! keeps those, and the registry must have them). Dev-dependencies with
//! only a `path` are dropped by `cargo publish` and do not count. Between
//! crates that do not depend on each other, the order is by name.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::changelog::{Changelog, CHANGELOG};
use crate::cli::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::files::{self, FileWrite};
use crate::report::Bump;

/// The workspace manifest, relative to the workspace root.
pub const MANIFEST: &str = "Cargo.toml";
/// The lock file, relative to the workspace root.
pub const LOCKFILE: &str = "Cargo.lock";

/// A release version: `MAJOR.MINOR.PATCH`, without pre-release or build
/// metadata.
///
/// ```
/// use xtask::release::Version;
/// let version = Version::parse("0.12.3").unwrap();
/// assert_eq!((version.major, version.minor, version.patch), (0, 12, 3));
/// assert_eq!(version.to_string(), "0.12.3");
/// assert_eq!(Version::parse("0.1"), None);
/// assert_eq!(Version::parse("1.0.0-rc.1"), None);
/// assert_eq!(Version::parse("01.0.0"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Version {
    /// Reads `X.Y.Z`: three decimal numbers without leading zeros.
    ///
    /// ```
    /// assert!(xtask::release::Version::parse("1.2.3").is_some());
    /// assert!(xtask::release::Version::parse("1.2.3.4").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut number = || -> Option<u64> {
            let part = parts.next()?;
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            if !digits || (part.len() > 1 && part.starts_with('0')) {
                return None;
            }
            part.parse().ok()
        };
        let version = Version {
            major: number()?,
            minor: number()?,
            patch: number()?,
        };
        parts.next().is_none().then_some(version)
    }

    /// The next version after a change of size `bump`, by Cargo's rules
    /// (see the module docs). [`Bump::None`] gives the same version.
    ///
    /// ```
    /// use xtask::{release::Version, report::Bump};
    /// let v = |s| Version::parse(s).unwrap();
    /// assert_eq!(v("1.4.2").bump(Bump::Minor), v("1.5.0"));
    /// assert_eq!(v("0.4.2").bump(Bump::Minor), v("0.4.3"));
    /// assert_eq!(v("0.4.2").bump(Bump::Major), v("0.5.0"));
    /// assert_eq!(v("0.0.7").bump(Bump::Major), v("0.0.8"));
    /// ```
    pub fn bump(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        let (major, minor, patch) = match (major, minor, bump) {
            (_, _, Bump::None) => (major, minor, patch),
            (0, 0, _) => (0, 0, patch + 1),
            (0, _, Bump::Major) => (0, minor + 1, 0),
            (0, _, _) => (0, minor, patch + 1),
            (_, _, Bump::Major) => (major + 1, 0, 0),
            (_, _, Bump::Minor) => (major, minor + 1, 0),
            (_, _, Bump::Patch) => (major, minor, patch + 1),
        };
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Which number a change of size `bump` moves in this version, in
    /// words.
    ///
    /// ```
    /// use xtask::{release::Version, report::Bump};
    /// let rule = Version::parse("0.3.1").unwrap().rule(Bump::Minor);
    /// assert_eq!(rule, "below 1.0 a compatible change moves the patch number");
    /// ```
    pub fn rule(self, bump: Bump) -> &'static str {
        match (self.major, self.minor, bump) {
            (_, _, Bump::None) => "nothing moves",
            (0, 0, _) => {
                "0.0.z is compatible with nothing else: every change moves the patch number"
            }
            (0, _, Bump::Major) => "below 1.0 a breaking change moves the minor number",
            (0, _, Bump::Minor) => "below 1.0 a compatible change moves the patch number",
            (0, _, Bump::Patch) | (_, _, Bump::Patch) => "a fix moves the patch number",
            (_, _, Bump::Major) => "a breaking change moves the major number",
            (_, _, Bump::Minor) => "a compatible change moves the minor number",
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
///
/// ```
/// let today = xtask::release::today();
/// assert!(xtask::release::is_date(&today), "{today}");
/// ```
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date `days` days after 1970-01-01.
fn civil_date(days: u64) -> (u64, u64, u64) {
    // Count in 400-year eras from 0000-03-01, so that the leap day is the
    // last day of a year that starts in March.
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Whether `text` is a real date written `YYYY-MM-DD`.
///
/// ```
/// use xtask::release::is_date;
/// assert!(is_date("2024-02-29"));
/// assert!(!is_date("2023-02-29"));
/// assert!(!is_date("2024-2-9"));
/// ```
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !text
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
    {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    year > 0 && (1..=days).contains(&day)
}

/// How a member depends on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DependencyKind {
    Normal,
    Build,
    Dev,
}

/// A workspace member, as `cargo metadata --no-deps` and its manifest
/// describe it.
#[derive(Clone, Debug)]
struct Member {
    name: String,
    manifest: PathBuf,
    publish: bool,
    /// Its dependencies on path packages: (name, kind, requirement; `*`
    /// when it has no version).
    dependencies: Vec<(String, DependencyKind, String)>,
}

fn failure(context: impl fmt::Display, error: impl fmt::Display) -> String {
    format!("{context}: {error}")
}

/// Runs `cargo metadata --no-deps` for the workspace at `root`.
fn members(root: &Path) -> Result<Vec<Member>, String> {
    let cargo = crate::cargo();
    let output = Command::new(&cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(root.join(MANIFEST))
        .output()
        .map_err(|e| failure("cannot run cargo metadata", e))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| failure("cargo metadata printed something else than JSON", e))?;
    let ids: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .map(|ids| ids.iter().filter_map(|id| id.as_str()).collect())
        .unwrap_or_default();
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let mut members = Vec::new();
    for package in packages
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| ids.contains(id)))
    {
        let text = |key: &str| package[key].as_str().unwrap_or_default().to_owned();
        let dependencies = package["dependencies"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|d| d["source"].is_null())
            .map(|d| {
                let kind = match d["kind"].as_str() {
                    Some("dev") => DependencyKind::Dev,
                    Some("build") => DependencyKind::Build,
                    _ => DependencyKind::Normal,
                };
                let name = d["name"].as_str().unwrap_or_default().to_owned();
                (name, kind, d["req"].as_str().unwrap_or("*").to_owned())
            })
            .collect();
        members.push(Member {
            name: text("name"),
            manifest: PathBuf::from(text("manifest_path")),
            // `null`: anywhere; a list: those registries; `[]`: nowhere.
            publish: package["publish"]
                .as_array()
                .is_none_or(|registries| !registries.is_empty()),
            dependencies,
        });
    }
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(members)
}

/// The published members in an order that publishes every crate after
/// the published crates it needs (see the module docs).
fn order(members: &[Member]) -> Result<Vec<String>, String> {
    let published: BTreeSet<&str> = members
        .iter()
        .filter(|m| m.publish)
        .map(|m| m.name.as_str())
        .collect();
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for member in members.iter().filter(|m| m.publish) {
        let entry = needs.entry(&member.name).or_default();
        for (name, kind, req) in &member.dependencies {
            if !published.contains(name.as_str()) || *name == member.name {
                continue;
            }
            match kind {
                DependencyKind::Normal | DependencyKind::Build if req == "*" => {
                    return Err(format!(
                        "{} depends on {name} without a version requirement; cargo publish refuses that",
                        member.name
                    ));
                }
                DependencyKind::Dev if req == "*" => {}
                _ => {
                    entry.insert(name);
                }
            }
        }
    }
    let mut ordered: Vec<String> = Vec::new();
    while ordered.len() < needs.len() {
        let next = needs.iter().find(|(name, before)| {
            !ordered.iter().any(|done| done == *name)
                && before.iter().all(|b| ordered.iter().any(|done| done == b))
        });
        match next {
            Some((name, _)) => ordered.push((*name).to_owned()),
            None => {
                let left: Vec<&str> = needs
                    .keys()
                    .filter(|name| !ordered.iter().any(|done| done == *name))
                    .copied()
                    .collect();
                return Err(format!(
                    "the published crates {} depend on each other in a cycle; none can be published first",
                    left.join(", ")
                ));
            }
        }
    }
    Ok(ordered)
}

/// The published crates of the workspace at `root`, in the order to
/// publish them, from `cargo metadata` (see the module docs).
///
/// # Errors
///
/// `cargo metadata` fails, a published crate needs another without a
/// version requirement, or the dependencies form a cycle.
///
/// ```
/// let order = xtask::release::publish_order(&xtask::workspace_root())?;
/// let at = |name: &str| order.iter().position(|c| c == name).unwrap();
/// assert!(at("ws-close-codes-registry") < at("ws-close-codes-codegen"));
/// # Ok::<(), String>(())
/// ```
pub fn publish_order(root: &Path) -> Result<Vec<String>, String> {
    order(&members(root)?)
}

fn read_text(root: &Path, relative: &str) -> Result<String, String> {
    fs::read_to_string(root.join(relative)).map_err(|e| failure(relative, e))
}

fn parse_toml(relative: &str, text: &str) -> Result<toml::Table, String> {
    text.parse::<toml::Table>()
        .map_err(|e| failure(relative, e.to_string().trim_end()))
}

/// The workspace version and the `[workspace.dependencies]` keys, from the
/// root manifest.
fn workspace_version(manifest: &toml::Table) -> Result<String, String> {
    manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{MANIFEST} has no `version` in `[workspace.package]`"))
}

fn version_of(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| {
        format!("{MANIFEST}: the workspace version {text:?} is not MAJOR.MINOR.PATCH")
    })
}

/// Whether a member's manifest takes the workspace version.
fn inherits_version(manifest: &toml::Table) -> bool {
    manifest
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.get("workspace"))
        .and_then(toml::Value::as_bool)
        == Some(true)
}

/// Checks that a published member names every published crate it
/// depends on through `[workspace.dependencies]` (whose requirements the
/// release makes exact), or, for a dev-dependency, by path alone.
fn check_requirements(
    member: &str,
    manifest: &toml::Table,
    published: &BTreeSet<String>,
    exact: &BTreeSet<String>,
) -> Result<(), String> {
    let kinds = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut tables: Vec<(String, &toml::Table)> = kinds
        .iter()
        .filter_map(|kind| Some((kind.to_string(), manifest.get(*kind)?.as_table()?)))
        .collect();
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        for (cfg, target) in targets {
            for kind in kinds {
                if let Some(table) = target.get(kind).and_then(toml::Value::as_table) {
                    tables.push((format!("target.{cfg}.{kind}"), table));
                }
            }
        }
    }
    for (table_name, table) in tables {
        for (key, value) in table {
            let package = value
                .get("package")
                .and_then(toml::Value::as_str)
                .unwrap_or(key);
            if !published.contains(package) {
                continue;
            }
            let workspace = value.get("workspace").and_then(toml::Value::as_bool) == Some(true);
            let own_version = value.is_str() || value.get("version").is_some();
            if workspace && !exact.contains(key) {
                return Err(format!(
                    "{member}: [{table_name}] {key} takes `workspace = true`, but \
                     [workspace.dependencies] in {MANIFEST} gives it no version"
                ));
            }
            if !workspace && own_version {
                return Err(format!(
                    "{member}: [{table_name}] {key} states its own version; write \
                     `{key}.workspace = true` so that the release keeps the requirement exact"
                ));
            }
            if !workspace && !table_name.ends_with("dev-dependencies") {
                return Err(format!(
                    "{member}: [{table_name}] {key} has no version; cargo publish refuses that"
                ));
            }
        }
    }
    Ok(())
}

/// The key of a `key = value` line, when it is a bare key.
fn line_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(key)
}

/// `line` with the quoted string after `key =` replaced by `value`
/// (where `key` starts the line or follows `{`, `,` or a space).
fn replace_quoted(line: &str, key: &str, value: &str) -> Option<String> {
    let mut from = 0;
    while let Some(offset) = line[from..].find(key) {
        let at = from + offset;
        from = at + key.len();
        let starts = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c == '{' || c == ',' || c.is_whitespace());
        let rest = line[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        if !starts || !rest.starts_with('"') {
            continue;
        }
        let open = line.len() - rest.len();
        let close = open + 1 + line[open + 1..].find('"')?;
        return Some(format!(
            "{}\"{value}\"{}",
            &line[..open],
            &line[close + 1..]
        ));
    }
    None
}

/// The root manifest with the workspace version `version` and the
/// requirements on `exact` set to `=version`.
fn edit_manifest(text: &str, version: &str, exact: &BTreeSet<String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut table = String::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            table = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            out.push_str(line);
            continue;
        }
        let edited = match (table.as_str(), line_key(trimmed)) {
            ("workspace.package", Some("version")) => replace_quoted(line, "version", version),
            ("workspace.dependencies", Some(key)) if exact.contains(key) => {
                replace_quoted(line, "version", &format!("={version}"))
            }
            _ => None,
        };
        out.push_str(edited.as_deref().unwrap_or(line));
    }
    // Check the result as Cargo will read it.
    let manifest = parse_toml(MANIFEST, &out)?;
    if workspace_version(&manifest)? != version {
        return Err(format!(
            "{MANIFEST}: could not set the workspace version; write it as \
             `version = \"X.Y.Z\"` on a line of its own in [workspace.package]"
        ));
    }
    for name in exact {
        let requirement = manifest
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(|d| d.get(name))
            .and_then(|d| d.get("version"))
            .and_then(toml::Value::as_str);
        if requirement != Some(&format!("={version}")) {
            return Err(format!(
                "{MANIFEST}: could not make the requirement on {name} exact; write it as \
                 `{name} = {{ path = \"...\", version = \"...\" }}` on one line in \
                 [workspace.dependencies]"
            ));
        }
    }
    Ok(out)
}

/// `Cargo.lock` with the members `names` moved from `old` to `new`: their
/// `[[package]]` entries (the ones without a `source`) and references to
/// them that carry the version.
fn edit_lock(text: &str, names: &BTreeSet<String>, old: &str, new: &str) -> Result<String, String> {
    let (out, edited) = edit_lock_entries(text, names, old, new);
    for name in names {
        if edited.get(name.as_str()) != Some(&1) {
            return Err(format!(
                "{LOCKFILE} has no single entry for {name} {old}; bring it up to date \
                 (`cargo update --workspace`) and run again"
            ));
        }
    }
    Ok(out)
}

/// The lock file `text` with the path packages `names` moved from `old`
/// to `new`, and how many entries of each were moved.
fn edit_lock_entries<'a>(
    text: &str,
    names: &'a BTreeSet<String>,
    old: &str,
    new: &str,
) -> (String, BTreeMap<&'a str, usize>) {
    let mut out = String::with_capacity(text.len());
    let mut edited: BTreeMap<&str, usize> = BTreeMap::new();
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[package]]" {
            blocks.push(Vec::new());
        }
        blocks.last_mut().expect("never empty").push(line);
    }
    let references: Vec<(String, String)> = names
        .iter()
        .map(|name| (format!("\"{name} {old}\""), format!("\"{name} {new}\"")))
        .collect();
    for block in blocks {
        let field = |key: &str| {
            block.iter().find_map(|line| {
                line.trim_end()
                    .strip_prefix(key)?
                    .strip_prefix(" = \"")?
                    .strip_suffix('"')
            })
        };
        let name = field("name").and_then(|n| names.get(n));
        let ours = name.is_some() && field("source").is_none() && field("version") == Some(old);
        for line in &block {
            let mut line = line.to_string();
            if ours && line.trim_end() == format!("version = \"{old}\"") {
                line = line.replace(&format!("\"{old}\""), &format!("\"{new}\""));
                *edited.entry(name.expect("checked").as_str()).or_default() += 1;
            }
            for (from, to) in &references {
                if line.contains(from.as_str()) {
                    line = line.replace(from.as_str(), to);
                }
            }
            out.push_str(&line);
        }
    }
    (out, edited)
}

/// The lock files of other workspaces under `root` (such as a no_std
/// check or fuzz targets that are workspaces of their own and use the
/// crates by path), skipping `target` and hidden directories.
fn other_locks(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut directories = vec![root.to_path_buf()];
    while let Some(directory) = directories.pop() {
        let Ok(entries) = fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() && name != "target" && !name.starts_with('.') => {
                    directories.push(entry.path());
                }
                Ok(kind) if kind.is_file() && name == LOCKFILE && directory != root => {
                    found.push(entry.path());
                }
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// A planned release: the version, why, the publish order and the files
/// as they will be.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The version in `Cargo.toml` now.
    pub current: Version,
    /// The version released.
    pub next: Version,
    /// `current` has no section in `CHANGELOG.md`: it was never released
    /// and is released as it is.
    pub first_release: bool,
    /// The largest change under `## Unreleased`.
    pub bump: Bump,
    /// One line per kind of change (and per `**Breaking**` entry).
    pub reasons: Vec<String>,
    /// The published crates, in the order to publish them.
    pub publish_order: Vec<String>,
    /// The release date written to `CHANGELOG.md`.
    pub date: String,
    /// `Cargo.toml`, `Cargo.lock` and `CHANGELOG.md` as they will be, and
    /// the lock files of other workspaces that name a moved crate.
    pub files: Vec<FileWrite>,
    /// The files as read, to refuse writing over a change made since.
    inputs: Vec<(PathBuf, Vec<u8>)>,
}

impl Plan {
    /// What the release does, for people: the version, the bump and why,
    /// the publish order.
    ///
    /// ```no_run
    /// let plan = xtask::release::plan(&xtask::workspace_root(), "2026-01-01")?;
    /// print!("{}", plan.describe());
    /// # Ok::<(), String>(())
    /// ```
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.first_release {
            out.push_str(&format!(
                "version: {} (first release)\nbump: none: {CHANGELOG} has no section for {} yet, so it \
                 was never released and is released as it is\n",
                self.next, self.current
            ));
        } else {
            out.push_str(&format!(
                "version: {} -> {}\nbump: {} ({})\n",
                self.current,
                self.next,
                self.bump.as_str(),
                self.current.rule(self.bump)
            ));
        }
        if !self.reasons.is_empty() {
            out.push_str("why:\n");
            for reason in &self.reasons {
                out.push_str(&format!("  - {reason}\n"));
            }
        }
        out.push_str(&format!(
            "publish order: {}\n",
            self.publish_order.join(", ")
        ));
        out
    }
}

/// Plans the release of the workspace at `root` dated `date`
/// (`YYYY-MM-DD`). Writes nothing.
///
/// # Errors
///
/// `date` is not a date; a file cannot be read or is not what it should
/// be; `## Unreleased` is empty (nothing to release) or holds what cannot
/// be classified; `CHANGELOG.md` has a section for a version newer than
/// `Cargo.toml`'s, or for the next version; `cargo metadata` fails or
/// the requirements between the published crates cannot be made exact.
///
/// ```no_run
/// let plan = xtask::release::plan(&xtask::workspace_root(), "2026-01-01")?;
/// assert!(plan.next >= plan.current);
/// # Ok::<(), String>(())
/// ```
pub fn plan(root: &Path, date: &str) -> Result<Plan, String> {
    if !is_date(date) {
        return Err(format!("{date:?} is not a date written YYYY-MM-DD"));
    }
    let manifest_text = read_text(root, MANIFEST)?;
    let manifest = parse_toml(MANIFEST, &manifest_text)?;
    let current_text = workspace_version(&manifest)?;
    let current = version_of(&current_text)?;
    let changelog_text = read_text(root, CHANGELOG)?;
    let mut changelog = Changelog::parse(&changelog_text);
    let unreleased = changelog.unreleased()?;
    if unreleased.is_empty() {
        return Err(format!(
            "nothing to release: `## Unreleased` in {CHANGELOG} is empty"
        ));
    }
    if let Some(newer) = changelog
        .versions()
        .iter()
        .filter_map(|v| Version::parse(v))
        .filter(|v| *v > current)
        .max()
    {
        return Err(format!(
            "{CHANGELOG} has a section for {newer}, newer than the version in {MANIFEST} ({current})"
        ));
    }
    let first_release = changelog.version_section(&current.to_string()).is_none();
    let (bump, reasons) = unreleased.bump();
    let next = if first_release {
        current
    } else {
        current.bump(bump)
    };

    let members = members(root)?;
    let publish_order = order(&members)?;
    if publish_order.is_empty() {
        return Err("no workspace member is published".to_owned());
    }
    let published: BTreeSet<String> = publish_order.iter().cloned().collect();
    let dependencies = manifest
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(toml::Value::as_table);
    let exact: BTreeSet<String> = published
        .iter()
        .filter(|name| dependencies.is_some_and(|d| d.contains_key(name.as_str())))
        .cloned()
        .collect();
    let mut inheriting = BTreeSet::new();
    for member in &members {
        let text = fs::read_to_string(&member.manifest)
            .map_err(|e| failure(member.manifest.display(), e))?;
        let member_manifest = parse_toml(&member.manifest.display().to_string(), &text)?;
        let inherits = inherits_version(&member_manifest);
        if inherits {
            inheriting.insert(member.name.clone());
        }
        if member.publish {
            if !inherits {
                return Err(format!(
                    "{} is published but does not take `version.workspace = true`",
                    member.name
                ));
            }
            check_requirements(&member.name, &member_manifest, &published, &exact)?;
        }
    }

    let next_text = next.to_string();
    let manifest_new = edit_manifest(&manifest_text, &next_text, &exact)?;
    let lock_text = read_text(root, LOCKFILE)?;
    let lock_new = if next == current {
        lock_text.clone()
    } else {
        edit_lock(&lock_text, &inheriting, &current_text, &next_text)?
    };
    changelog.release(&next_text, date)?;
    let mut files = vec![
        FileWrite {
            path: root.join(MANIFEST),
            content: manifest_new.into_bytes(),
        },
        FileWrite {
            path: root.join(LOCKFILE),
            content: lock_new.into_bytes(),
        },
        FileWrite {
            path: root.join(CHANGELOG),
            content: changelog.render().into_bytes(),
        },
    ];
    let mut inputs = vec![
        (root.join(MANIFEST), manifest_text.into_bytes()),
        (root.join(LOCKFILE), lock_text.into_bytes()),
        (root.join(CHANGELOG), changelog_text.into_bytes()),
    ];
    if next != current {
        // Other workspaces' lock files name the moved crates too: keep
        // them current, so that building there changes no tracked file.
        for path in other_locks(root) {
            let text = fs::read_to_string(&path).map_err(|e| failure(path.display(), e))?;
            let (edited, _) = edit_lock_entries(&text, &inheriting, &current_text, &next_text);
            if edited != text {
                files.push(FileWrite {
                    path: path.clone(),
                    content: edited.into_bytes(),
                });
                inputs.push((path, text.into_bytes()));
            }
        }
    }
    Ok(Plan {
        current,
        next,
        first_release,
        bump,
        reasons,
        publish_order,
        date: date.to_owned(),
        files,
        inputs,
    })
}

/// Writes the files of `plan` that differ (see [`crate::files`]), unless
/// a file the plan read has changed since. Returns the paths written.
///
/// # Errors
///
/// A file changed since the plan read it (no file is changed then), or
/// an I/O error.
///
/// ```no_run
/// use xtask::release;
/// let plan = release::plan(&xtask::workspace_root(), &release::today())?;
/// release::apply(&plan)?;
/// # Ok::<(), String>(())
/// ```
pub fn apply(plan: &Plan) -> Result<Vec<PathBuf>, String> {
    for (path, bytes) in &plan.inputs {
        if fs::read(path).ok().as_deref() != Some(&bytes[..]) {
            return Err(format!(
                "{} changed after this run read it; run again; no file was changed",
                path.display()
            ));
        }
    }
    files::write_changed(&plan.files).map_err(|e| format!("writing failed: {e}"))
}

/// The release notes of `version` (by default the version in
/// `Cargo.toml`): its section of `CHANGELOG.md` without the heading.
///
/// # Errors
///
/// A file cannot be read, or `CHANGELOG.md` has no section for the
/// version.
///
/// ```
/// let root = xtask::workspace_root();
/// // The first version in CHANGELOG.md, if any has been released.
/// let text = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
/// let changelog = xtask::changelog::Changelog::parse(&text);
/// if let Some(version) = changelog.versions().first() {
///     let notes = xtask::release::notes(&root, Some(version))?;
///     assert!(!notes.contains("\n## "));
/// }
/// assert!(xtask::release::notes(&root, Some("999.0.0")).is_err());
/// # Ok::<(), String>(())
/// ```
pub fn notes(root: &Path, version: Option<&str>) -> Result<String, String> {
    let version = match version {
        Some(version) => version.to_owned(),
        None => workspace_version(&parse_toml(MANIFEST, &read_text(root, MANIFEST)?)?)?,
    };
    let changelog = Changelog::parse(&read_text(root, CHANGELOG)?);
    changelog
        .notes(&version)
        .ok_or_else(|| format!("{CHANGELOG} has no section for {version}"))
}

/// What `cargo xtask release` was asked.
#[derive(Debug, Default)]
struct Request {
    dry_run: bool,
    date: Option<String>,
    notes: Option<Option<String>>,
    publish_order: bool,
}

fn parse(args: &[String]) -> Result<Request, String> {
    let mut request = Request::default();
    let mut args = args.iter().peekable();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        match name {
            "--dry-run" if inline.is_none() => request.dry_run = true,
            "--publish-order" if inline.is_none() => request.publish_order = true,
            "--date" => {
                let value = match inline {
                    Some(value) => value,
                    None => args.next().cloned().ok_or("--date needs a value")?,
                };
                request.date = Some(value);
            }
            "--notes" => {
                let value = match inline {
                    Some(value) => Some(value),
                    None => args.next_if(|a| !a.starts_with('-')).cloned(),
                };
                request.notes = Some(value);
            }
            "--dry-run" | "--publish-order" => return Err(format!("{name} takes no value")),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let writes = request.dry_run || request.date.is_some();
    if request.notes.is_some() && (writes || request.publish_order) {
        return Err("--notes cannot be used with other options".into());
    }
    if request.publish_order && writes {
        return Err("--publish-order cannot be used with other options".into());
    }
    if let Some(date) = &request.date {
        if !is_date(date) {
            return Err(format!("--date {date:?} is not a date written YYYY-MM-DD"));
        }
    }
    Ok(request)
}

/// Runs `cargo xtask release ARGS` (the arguments after `release`) for
/// the workspace at `root`; returns the exit code.
///
/// ```no_run
/// let mut out = Vec::new();
/// let code = xtask::release::command(
///     &["--dry-run".to_owned()],
///     &xtask::workspace_root(),
///     &mut out,
///     &mut std::io::stderr(),
/// );
/// assert_eq!(code, 0);
/// ```
pub fn command(args: &[String], root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let request = match parse(args) {
        Ok(request) => request,
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n\n{}", crate::cli::help());
            return EXIT_USAGE;
        }
    };
    if let Some(version) = &request.notes {
        return match notes(root, version.as_deref()) {
            Ok(text) => {
                let _ = write!(out, "{text}");
                EXIT_OK
            }
            Err(message) => {
                let _ = writeln!(err, "error: {message}");
                EXIT_FAILURE
            }
        };
    }
    if request.publish_order {
        return match publish_order(root) {
            Ok(order) => {
                for name in order {
                    let _ = writeln!(out, "{name}");
                }
                EXIT_OK
            }
            Err(message) => {
                let _ = writeln!(err, "error: {message}");
                EXIT_FAILURE
            }
        };
    }
    let date = request.date.unwrap_or_else(today);
    let plan = match plan(root, &date) {
        Ok(plan) => plan,
        Err(message) => {
            let _ = writeln!(err, "error: {message}\nnothing was written");
            return EXIT_FAILURE;
        }
    };
    let _ = write!(out, "{}", plan.describe());
    if request.dry_run {
        let _ = writeln!(out, "dry run: nothing was written");
        return EXIT_OK;
    }
    match apply(&plan) {
        Ok(written) => {
            for path in &written {
                let _ = writeln!(
                    out,
                    "wrote {}",
                    path.strip_prefix(root).unwrap_or(path).display()
                );
            }
            let _ = writeln!(
                out,
                "released {} ({}) in the files; once this is on the default branch, the release \
                 workflow tags v{} and publishes the crates",
                plan.next, plan.date, plan.next
            );
            EXIT_OK
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_days() {
        // Day numbers of dates stated in calendars, and every day of
        // 1970-2100 checked against a count of month lengths.
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(19_723), (2024, 1, 1));
        let mut day = 0;
        for year in 1970..2100u64 {
            for month in 1..=12u64 {
                let text = |d: u64| format!("{year:04}-{month:02}-{d:02}");
                let length = (28..=31).rev().find(|&d| is_date(&text(d))).unwrap();
                for d in 1..=length {
                    assert_eq!(civil_date(day), (year, month, d), "day {day}");
                    day += 1;
                }
            }
        }
    }

    #[test]
    fn quoted_values_are_replaced_only_after_their_key() {
        let line = "ws = { path = \"a/version\", version = \"0.1.0\" }\n";
        assert_eq!(
            replace_quoted(line, "version", "=0.2.0").unwrap(),
            "ws = { path = \"a/version\", version = \"=0.2.0\" }\n"
        );
        assert_eq!(
            replace_quoted("version = \"1.0.0\" # v\n", "version", "1.1.0").unwrap(),
            "version = \"1.1.0\" # v\n"
        );
        assert_eq!(replace_quoted("x = { path = \"p\" }", "version", "1"), None);
        assert_eq!(replace_quoted("myversion = \"1\"", "version", "2"), None);
    }
}
