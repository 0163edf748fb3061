//! `cargo xtask release`: the next version from `## Unreleased`, written to
//! `Cargo.toml`, the lock files and `CHANGELOG.md` at once; the release
//! notes; and the semver check of the published crate against its last
//! release.
//!
//! The kinds of change under `## Unreleased` ([`crate::changelog`]) decide
//! the bump, by Cargo's rules: below 1.0 a breaking change moves the minor
//! number and anything else the patch number; `0.0.z` is compatible with
//! nothing, so every change moves the patch number. A version in
//! `Cargo.toml` without a `CHANGELOG.md` section was never released and is
//! released as it is.
//!
//! Only [`PUBLISHED`] is published (every other member has
//! `publish = false`, which the plan checks against `cargo metadata`), so
//! there are no requirements between published crates to keep and no
//! publish order: the release workflow runs `cargo publish -p` for it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use semver::Version;
use toml_edit::DocumentMut;

use crate::changelog::{Changelog, CHANGELOG};
use crate::cli::{EXIT_FAILURE, EXIT_OK};
use crate::files::{self, FileWrite};
use crate::report::Bump;

/// The workspace manifest, relative to the workspace root.
pub const MANIFEST: &str = "Cargo.toml";
/// The lock file, relative to the workspace root.
pub const LOCKFILE: &str = "Cargo.lock";
/// The one crate the workspace publishes.
pub const PUBLISHED: &str = "ws-close-codes";
/// crates.io's sparse index, where the semver check finds the last release.
pub const INDEX: &str = "https://index.crates.io";

/// The arguments of `cargo xtask release`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Args {
    /// Print the next version and why; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The release date written to CHANGELOG.md (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
    /// Print the CHANGELOG.md section of VERSION (default: the workspace's
    /// version) without its heading: the GitHub release's text.
    #[arg(long, value_name = "VERSION", num_args = 0..=1, default_missing_value = "",
          conflicts_with_all = ["dry_run", "date", "semver_checks"])]
    pub notes: Option<String>,
    /// Run `cargo semver-checks` for the published crate against its last
    /// release (crates.io's last version, else the git tag of the last
    /// CHANGELOG.md version).
    #[arg(long, conflicts_with_all = ["dry_run", "date"])]
    pub semver_checks: bool,
    /// The crates.io sparse index to ask for the last release.
    #[arg(long, value_name = "URL", default_value = INDEX, hide = true)]
    pub index: String,
}

fn parse_date(text: &str) -> Result<String, String> {
    if is_date(text) {
        Ok(text.to_owned())
    } else {
        Err(format!("{text:?} is not a date written YYYY-MM-DD"))
    }
}

/// The next version after a change of size `bump`, by Cargo's rules.
///
/// ```
/// use xtask::{release::bump, report::Bump};
/// let v = |s| semver::Version::parse(s).unwrap();
/// assert_eq!(bump(&v("1.4.2"), Bump::Minor), v("1.5.0"));
/// assert_eq!(bump(&v("0.4.2"), Bump::Minor), v("0.4.3"));
/// assert_eq!(bump(&v("0.4.2"), Bump::Major), v("0.5.0"));
/// assert_eq!(bump(&v("0.0.7"), Bump::Major), v("0.0.8"));
/// ```
pub fn bump(version: &Version, bump: Bump) -> Version {
    let (major, minor, patch) = (version.major, version.minor, version.patch);
    let (major, minor, patch) = match (major, minor, bump) {
        (_, _, Bump::None) => (major, minor, patch),
        (0, 0, _) => (0, 0, patch + 1),
        (0, _, Bump::Major) => (0, minor + 1, 0),
        (0, _, _) | (_, _, Bump::Patch) => (major, minor, patch + 1),
        (_, _, Bump::Major) => (major + 1, 0, 0),
        (_, _, Bump::Minor) => (major, minor + 1, 0),
    };
    Version::new(major, minor, patch)
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (counted in
/// 400-year eras from 0000-03-01, so that the leap day ends a year).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let days = days + 719_468;
    let (era, day_of_era) = (days / 146_097, days % 146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = (month_from_march + 2) % 12 + 1;
    (year_of_era + era * 400 + u64::from(month <= 2), month, day)
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
    let b = text.as_bytes();
    let digits = b.len() == 10
        && (b.iter().enumerate())
            .all(|(i, c)| (i == 4 || i == 7) == (*c == b'-') && (*c == b'-' || c.is_ascii_digit()));
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|t| t.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 => 28 + u32::from(leap),
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    digits && year > 0 && (1..=days).contains(&day)
}

fn read(root: &Path, relative: &str) -> Result<String, String> {
    fs::read_to_string(root.join(relative)).map_err(|e| format!("{relative}: {e}"))
}

fn parse_toml(path: &Path, text: &str) -> Result<DocumentMut, String> {
    text.parse().map_err(|e| format!("{}: {e}", path.display()))
}

/// The workspace version: `[workspace.package] version` in `Cargo.toml`.
///
/// # Errors
///
/// The manifest cannot be read, has no such version, or it is not
/// `MAJOR.MINOR.PATCH`.
pub fn workspace_version(root: &Path) -> Result<Version, String> {
    let manifest = parse_toml(&root.join(MANIFEST), &read(root, MANIFEST)?)?;
    version_of(&manifest)
}

/// The item at `path` in `document`, if any.
fn at<'a>(document: &'a DocumentMut, path: &[&str]) -> Option<&'a toml_edit::Item> {
    (path.iter()).try_fold(document.as_item(), |item, key| item.get(key))
}

fn version_of(manifest: &DocumentMut) -> Result<Version, String> {
    let text = at(manifest, &["workspace", "package", "version"])
        .and_then(toml_edit::Item::as_str)
        .ok_or_else(|| format!("{MANIFEST} has no `version` in [workspace.package]"))?;
    Version::parse(text)
        .ok()
        .filter(|v| v.pre.is_empty() && v.build.is_empty())
        .ok_or_else(|| {
            format!("{MANIFEST}: the workspace version {text:?} is not MAJOR.MINOR.PATCH")
        })
}

/// A planned release: the version, why, and the files as they will be.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The version in `Cargo.toml` now.
    pub current: Version,
    /// The version released.
    pub next: Version,
    /// `current` has no section in `CHANGELOG.md` and is released as it is.
    pub first_release: bool,
    /// The largest change under `## Unreleased`.
    pub bump: Bump,
    /// One line per kind of change (and per `**Breaking**` entry).
    pub reasons: Vec<String>,
    /// The release date written to `CHANGELOG.md`.
    pub date: String,
    /// `Cargo.toml`, the lock files and `CHANGELOG.md` as they will be.
    pub files: Vec<FileWrite>,
}

impl Plan {
    /// What the release does, for people: the version, the bump and why.
    pub fn describe(&self) -> String {
        let mut out = if self.first_release {
            format!(
                "version: {} (first release)\nbump: none: {CHANGELOG} has no section for it yet, \
                 so it was never released and is released as it is\n",
                self.next
            )
        } else {
            let bump = self.bump.as_str();
            format!("version: {} -> {}\nbump: {bump}\n", self.current, self.next)
        };
        if !self.reasons.is_empty() {
            out.push_str("why:\n");
            self.reasons
                .iter()
                .for_each(|r| out.push_str(&format!("  - {r}\n")));
        }
        out + &format!("publishes: {PUBLISHED}\n")
    }
}

/// The workspace members that take the workspace version, after checking
/// with `cargo metadata` that [`PUBLISHED`] is the one published member
/// and takes it too.
fn members_taking_the_version(root: &Path) -> Result<Vec<String>, String> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(root.join(MANIFEST))
        .no_deps()
        .other_options(vec!["--offline".to_owned()])
        .exec()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let mut taking = Vec::new();
    for package in metadata.workspace_packages() {
        let published = package.publish.as_ref().is_none_or(|to| !to.is_empty());
        if published && package.name.as_str() != PUBLISHED {
            return Err(format!(
                "{} is published too, but releases publish {PUBLISHED} alone: give it \
                 `publish = false` in {}",
                package.name, package.manifest_path
            ));
        }
        let path = package.manifest_path.as_std_path();
        let manifest = parse_toml(
            path,
            &fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )?;
        if at(&manifest, &["package", "version", "workspace"]).and_then(|w| w.as_bool())
            == Some(true)
        {
            taking.push(package.name.to_string());
        } else if published {
            return Err(format!(
                "{PUBLISHED} does not take `version.workspace = true`"
            ));
        }
    }
    if !taking.iter().any(|name| name == PUBLISHED) {
        return Err(format!(
            "{PUBLISHED} is not a published member of the workspace"
        ));
    }
    Ok(taking)
}

/// Sets a string value, keeping the spaces and comments around it.
fn set_keeping_decor(value: &mut toml_edit::Value, text: &str) {
    let decor = value.decor().clone();
    *value = text.into();
    *value.decor_mut() = decor;
}

/// A lock file with the path packages `names` moved from `old` to `new`
/// (their `[[package]]` entries without a `source`, and the dependency
/// lists that name them with their version); how many entries moved.
fn edit_lock(
    text: &str,
    names: &[String],
    old: &str,
    new: &str,
) -> Result<(String, usize), String> {
    let mut lock: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let mut moved = 0;
    let Some(packages) = lock
        .get_mut("package")
        .and_then(|p| p.as_array_of_tables_mut())
    else {
        return Ok((text.to_owned(), 0));
    };
    for package in packages.iter_mut() {
        let ours = package.get("source").is_none()
            && package
                .get("name")
                .and_then(|n| n.as_str())
                .is_some_and(|n| names.iter().any(|x| x == n))
            && package.get("version").and_then(|v| v.as_str()) == Some(old);
        if ours {
            if let Some(version) = package["version"].as_value_mut() {
                set_keeping_decor(version, new);
            }
            moved += 1;
        }
        let Some(dependencies) = package
            .get_mut("dependencies")
            .and_then(|d| d.as_array_mut())
        else {
            continue;
        };
        for dependency in dependencies.iter_mut() {
            let Some((name, version)) = dependency.as_str().and_then(|d| d.split_once(' ')) else {
                continue;
            };
            if version == old && names.iter().any(|n| n == name) {
                set_keeping_decor(dependency, &format!("{name} {new}"));
            }
        }
    }
    Ok((lock.to_string(), moved))
}

/// The lock files of other workspaces under `root` (the `no_std` check,
/// the fuzz targets), which use the crates by path; `target` and hidden
/// directories are skipped.
fn other_locks(root: &Path) -> Vec<PathBuf> {
    let (mut found, mut directories) = (Vec::new(), vec![root.to_path_buf()]);
    while let Some(directory) = directories.pop() {
        for entry in fs::read_dir(&directory).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() && name != "target" && !name.starts_with('.') {
                directories.push(path);
            } else if name == LOCKFILE && directory != root {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Plans the release of the workspace at `root` dated `date`. Writes
/// nothing.
///
/// # Errors
///
/// A file cannot be read or is not what it should be; `## Unreleased` is
/// empty or holds what cannot be classified; `CHANGELOG.md` has a section
/// newer than `Cargo.toml`'s version; `Cargo.lock` lacks a member; another
/// member than [`PUBLISHED`] is published.
pub fn plan(root: &Path, date: &str) -> Result<Plan, String> {
    parse_date(date)?;
    let manifest_text = read(root, MANIFEST)?;
    let mut manifest = parse_toml(&root.join(MANIFEST), &manifest_text)?;
    let current = version_of(&manifest)?;
    let changelog_text = read(root, CHANGELOG)?;
    let mut changelog = Changelog::parse(&changelog_text);
    let unreleased = changelog.unreleased()?;
    if unreleased.is_empty() {
        return Err(format!(
            "nothing to release: `## Unreleased` in {CHANGELOG} is empty"
        ));
    }
    let released = changelog
        .versions()
        .iter()
        .filter_map(|v| Version::parse(v).ok())
        .max();
    if let Some(newer) = released.filter(|v| *v > current) {
        return Err(format!("{CHANGELOG} has a section for {newer}, newer than the version in {MANIFEST} ({current})"));
    }
    let first_release = changelog.version_section(&current.to_string()).is_none();
    let (bump, reasons) = unreleased.bump();
    let next = if first_release {
        current.clone()
    } else {
        self::bump(&current, bump)
    };
    let (old, new) = (current.to_string(), next.to_string());
    let taking = members_taking_the_version(root)?;

    if let Some(version) = manifest["workspace"]["package"]["version"].as_value_mut() {
        set_keeping_decor(version, &new);
    }
    changelog.release(&new, date)?;
    let lock_text = read(root, LOCKFILE)?;
    let (lock_new, moved) =
        edit_lock(&lock_text, &taking, &old, &new).map_err(|e| format!("{LOCKFILE}: {e}"))?;
    if old != new && moved != taking.len() {
        return Err(format!(
            "{LOCKFILE} does not list each of {} at {old} once; bring it up to date (`cargo update --workspace`) and run again",
            taking.join(", ")
        ));
    }
    let mut files = vec![
        FileWrite {
            path: root.join(MANIFEST),
            content: manifest.to_string().into_bytes(),
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
    for path in other_locks(root).into_iter().filter(|_| old != new) {
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (edited, _) = edit_lock(&text, &taking, &old, &new)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if edited != text {
            files.push(FileWrite {
                path,
                content: edited.into_bytes(),
            });
        }
    }
    Ok(Plan {
        current,
        next,
        first_release,
        bump,
        reasons,
        date: date.to_owned(),
        files,
    })
}

/// Writes the files of `plan` that differ, together (see
/// [`crate::files`]); returns the paths written.
///
/// # Errors
///
/// An I/O error.
pub fn apply(plan: &Plan) -> Result<Vec<PathBuf>, String> {
    files::write_changed(&plan.files).map_err(|e| format!("writing failed: {e}"))
}

/// The release notes of `version` (by default the workspace version): its
/// section of `CHANGELOG.md` without the heading.
///
/// # Errors
///
/// A file cannot be read, or `CHANGELOG.md` has no section for the version.
pub fn notes(root: &Path, version: Option<&str>) -> Result<String, String> {
    let version = match version {
        Some(version) => version.to_owned(),
        None => workspace_version(root)?.to_string(),
    };
    Changelog::parse(&read(root, CHANGELOG)?)
        .notes(&version)
        .ok_or_else(|| format!("{CHANGELOG} has no section for {version}"))
}

/// What a semver check compares the workspace's [`PUBLISHED`] with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// The version on crates.io (`--baseline-version`).
    Registry(Version),
    /// The git tag of a version crates.io does not have (`--baseline-rev`).
    Tag(String),
}

/// The last release of [`PUBLISHED`] before the workspace version: the
/// newest version in the crates.io sparse index at `index` that is older
/// and not yanked; else the tag `vX.Y.Z` of the newest older version
/// `CHANGELOG.md` has a section for; `None` when there is neither (a
/// first release has nothing to compare with).
///
/// # Errors
///
/// The index cannot be read (other than a 404: the crate is not there) or
/// a file cannot be read.
pub fn baseline(root: &Path, index: &str) -> Result<Option<Baseline>, String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        vers: Version,
        yanked: bool,
    }
    let current = workspace_version(root)?;
    let url = format!(
        "{}/{}/{}/{PUBLISHED}",
        index.trim_end_matches('/'),
        &PUBLISHED[..2],
        &PUBLISHED[2..4]
    );
    // The error and its causes (a TLS failure says why only there).
    let failed = |e: &dyn std::error::Error| {
        let causes = std::iter::successors(Some(e), |e| e.source());
        let causes: Vec<String> = causes.map(ToString::to_string).collect();
        format!("{url}: {}", causes.join(": "))
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .user_agent(concat!("ws-close-codes xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| failed(&e))?;
    let response = client.get(&url).send().map_err(|e| failed(&e))?;
    let listed = match response.status().as_u16() {
        404 => String::new(),
        200 => response.text().map_err(|e| failed(&e))?,
        status => return Err(format!("{url}: HTTP status {status}")),
    };
    let mut published = Vec::new();
    for line in listed.lines().filter(|l| !l.trim().is_empty()) {
        let entry: Entry = serde_json::from_str(line).map_err(|e| failed(&e))?;
        if !entry.yanked && entry.vers < current {
            published.push(entry.vers);
        }
    }
    if let Some(last) = published.into_iter().max() {
        return Ok(Some(Baseline::Registry(last)));
    }
    let changelog = Changelog::parse(&read(root, CHANGELOG)?);
    let versions = changelog.versions();
    let last = versions
        .iter()
        .filter_map(|v| Version::parse(v).ok())
        .filter(|v| *v < current)
        .max();
    Ok(last.map(|v| Baseline::Tag(format!("v{v}"))))
}

/// `cargo semver-checks` for [`PUBLISHED`] against `baseline`, as it is
/// run (the arguments after `cargo`).
pub fn semver_checks_args(root: &Path, baseline: &Baseline) -> Vec<String> {
    let mut args: Vec<String> = ["semver-checks", "--package", PUBLISHED, "--manifest-path"]
        .map(String::from)
        .into();
    args.push(root.join(MANIFEST).display().to_string());
    match baseline {
        Baseline::Registry(version) => {
            args.extend(["--baseline-version".into(), version.to_string()])
        }
        Baseline::Tag(tag) => args.extend(["--baseline-rev".into(), tag.clone()]),
    }
    args
}

/// Runs `cargo xtask release` with `args` for the workspace at `root`;
/// returns the exit status.
pub fn execute(args: &Args, root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = if let Some(version) = &args.notes {
        notes(
            root,
            Some(version).filter(|v| !v.is_empty()).map(String::as_str),
        )
        .map(|text| {
            let _ = write!(out, "{text}");
            EXIT_OK
        })
    } else if args.semver_checks {
        semver_check(root, &args.index, out)
    } else {
        release(args, root, out)
    };
    result.unwrap_or_else(|message| {
        let _ = writeln!(err, "error: {message}");
        EXIT_FAILURE
    })
}

fn semver_check(root: &Path, index: &str, out: &mut dyn Write) -> Result<i32, String> {
    let Some(baseline) = baseline(root, index)? else {
        let _ = writeln!(
            out,
            "{PUBLISHED} was never released: no baseline to compare with"
        );
        return Ok(EXIT_OK);
    };
    let args = semver_checks_args(root, &baseline);
    let _ = writeln!(out, "==> cargo {}", args.join(" "));
    let status = Command::new(crate::cargo())
        .args(&args)
        .current_dir(root)
        .status();
    match status {
        Ok(status) if status.success() => Ok(EXIT_OK),
        Ok(status) => Err(format!(
            "cargo semver-checks failed ({status}): {PUBLISHED} {} needs a larger version step \
             from {}, or the tool is missing (`cargo install cargo-semver-checks --locked`)",
            workspace_version(root)?,
            args.last().map_or("", String::as_str)
        )),
        Err(e) => Err(format!("cannot run cargo semver-checks: {e}")),
    }
}

fn release(args: &Args, root: &Path, out: &mut dyn Write) -> Result<i32, String> {
    let date = args.date.clone().unwrap_or_else(today);
    let plan = plan(root, &date).map_err(|e| format!("{e}\nnothing was written"))?;
    let _ = write!(out, "{}", plan.describe());
    if args.dry_run {
        let _ = writeln!(out, "dry run: nothing was written");
        return Ok(EXIT_OK);
    }
    for path in apply(&plan)? {
        let _ = writeln!(
            out,
            "wrote {}",
            path.strip_prefix(root).unwrap_or(&path).display()
        );
    }
    let _ = writeln!(
        out,
        "released {} ({}) in the files; once this is on the default branch, the release workflow \
         tags v{} and publishes {PUBLISHED}",
        plan.next, plan.date, plan.next
    );
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_a_count_of_month_lengths() {
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
        assert_eq!(day, 47_482, "the days of 1970-2099");
    }

    #[test]
    fn lock_entries_and_references_move_and_nothing_else() {
        let lock = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\ndependencies = [\n \"b 0.1.0\",\n \"c\",\n]\n\n\
                    [[package]]\nname = \"b\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"b\"\nversion = \"0.1.0\"\n\
                    source = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
        let names = vec!["a".to_owned(), "b".to_owned()];
        let (edited, moved) = edit_lock(lock, &names, "0.1.0", "0.2.0").unwrap();
        assert_eq!(moved, 2);
        let expected = lock
            .replacen("version = \"0.1.0\"", "version = \"0.2.0\"", 2)
            .replace("\"b 0.1.0\"", "\"b 0.2.0\"");
        assert_eq!(edited, expected);
    }
}
