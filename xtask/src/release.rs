//! `cargo xtask release`: the next version from `## Unreleased`
//! ([`crate::changelog`]) by Cargo's rules, written to `Cargo.toml`, the
//! lock files and `CHANGELOG.md` at once; the release notes; and the semver
//! check of [`PUBLISHED`], the one published crate, against its last release.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use semver::Version;
use toml_edit::{DocumentMut, Item};

use crate::changelog::{Changelog, CHANGELOG};
use crate::fetch::failure;
use crate::files::{self, FileWrite};
use crate::report::{join, Bump};

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

/// The next version after a change of size `bump`, by Cargo's rules:
/// below 1.0 a breaking change moves the minor number and anything else the
/// patch number; `0.0.z` is compatible with nothing.
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
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH);
    date(seconds.map_or(0, |d| d.as_secs()) / 86_400)
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (counted in
/// 400-year eras from 0000-03-01, so that the leap day ends a year).
fn date(days: u64) -> String {
    let days = days + 719_468;
    let (era, day_of_era) = (days / 146_097, days % 146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = (month_from_march + 2) % 12 + 1;
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `text` if it is a real date written `YYYY-MM-DD` (a TOML local date).
pub fn parse_date(text: &str) -> Result<String, String> {
    let date = text.parse::<toml::value::Datetime>().ok();
    let date = date.filter(|d| d.time.is_none() && d.date.is_some_and(|d| d.year > 0));
    date.map(|_| text.to_owned())
        .ok_or_else(|| format!("{text:?} is not a date written YYYY-MM-DD"))
}

/// The TOML document at `path` (relative to `root`, or absolute).
fn read_toml(root: &Path, path: impl AsRef<Path>) -> Result<DocumentMut, String> {
    let in_file = |e: &dyn std::fmt::Display| format!("{}: {e}", path.as_ref().display());
    let text = fs::read_to_string(root.join(&path)).map_err(|e| in_file(&e))?;
    text.parse().map_err(|e| in_file(&e))
}

/// The item at `path` in `document`, if any.
fn at<'a>(document: &'a DocumentMut, path: &[&str]) -> Option<&'a Item> {
    (path.iter()).try_fold(document.as_item(), |item, key| item.get(key))
}

/// The workspace manifest and its version, `[workspace.package] version`.
fn read_manifest(root: &Path) -> Result<(Version, DocumentMut), String> {
    let manifest = read_toml(root, MANIFEST)?;
    let text = at(&manifest, &["workspace", "package", "version"]).and_then(Item::as_str);
    let text = text.ok_or_else(|| format!("{MANIFEST} has no `version` in [workspace.package]"))?;
    let version = (Version::parse(text).ok()).filter(|v| v.pre.is_empty() && v.build.is_empty());
    let plain = || format!("{MANIFEST}: the workspace version {text:?} is not MAJOR.MINOR.PATCH");
    Ok((version.ok_or_else(plain)?, manifest))
}

/// A planned release: the version, why, and the files as they will be.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The version released: the current one on a first release.
    pub next: Version,
    /// For people: the version, the bump, why, and what is published.
    pub description: String,
    /// `Cargo.toml`, the lock files and `CHANGELOG.md` as they will be.
    pub files: Vec<FileWrite>,
}

/// The workspace members that take the workspace version, after checking
/// with `cargo metadata` that no member but [`PUBLISHED`] is published.
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
        let manifest = read_toml(root, &package.manifest_path)?;
        let takes = at(&manifest, &["package", "version", "workspace"]).and_then(Item::as_bool);
        if takes == Some(true) {
            taking.push(package.name.to_string());
        }
    }
    let publishes = taking.iter().any(|name| name == PUBLISHED);
    (publishes.then_some(taking)).ok_or_else(|| {
        format!("{PUBLISHED} is not a published member of the workspace that takes `version.workspace = true`")
    })
}

/// Sets a string value, keeping the spaces and comments around it.
fn set_keeping_decor(value: &mut toml_edit::Value, text: &str) {
    let decor = value.decor().clone();
    *value = text.into();
    *value.decor_mut() = decor;
}

/// Moves the path packages `names` from `old` to `new` in `lock` (their
/// `[[package]]` entries without a `source`, and the dependency lists that
/// name them with their version); how many entries moved.
fn edit_lock(lock: &mut DocumentMut, names: &[String], old: &str, new: &str) -> usize {
    let ours = |name: &str| names.iter().any(|n| n == name);
    let mut moved = 0;
    let packages = (lock.get_mut("package")).and_then(Item::as_array_of_tables_mut);
    for package in packages.into_iter().flat_map(|p| p.iter_mut()) {
        if package.get("source").is_none()
            && package.get("name").and_then(Item::as_str).is_some_and(ours)
            && package.get("version").and_then(Item::as_str) == Some(old)
        {
            set_keeping_decor(package["version"].as_value_mut().expect("a string"), new);
            moved += 1;
        }
        let dependencies = package.get_mut("dependencies").and_then(Item::as_array_mut);
        for dependency in dependencies.into_iter().flat_map(|d| d.iter_mut()) {
            let reference = dependency.as_str().and_then(|d| d.split_once(' '));
            if let Some((name, _)) = reference.filter(|(n, v)| *v == old && ours(n)) {
                set_keeping_decor(dependency, &format!("{name} {new}"));
            }
        }
    }
    moved
}

/// The lock files of other workspaces under `root` (the `no_std` check,
/// the fuzz targets), which use the crates by path; `target` and hidden
/// directories are skipped.
fn other_locks(root: &Path) -> Vec<PathBuf> {
    let (mut found, mut directories) = (Vec::new(), vec![root.to_path_buf()]);
    while let Some(directory) = directories.pop() {
        for entry in fs::read_dir(&directory).into_iter().flatten().flatten() {
            let (name, path) = (entry.file_name(), entry.path());
            if path.is_dir() && name != "target" && !name.to_string_lossy().starts_with('.') {
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
pub fn plan(root: &Path, date: &str) -> Result<Plan, String> {
    parse_date(date)?;
    let (current, mut manifest) = read_manifest(root)?;
    let mut changelog = Changelog::read(root)?;
    let (bump, reasons) = changelog.unreleased()?;
    if reasons.is_empty() {
        return Err(format!(
            "nothing to release: `## Unreleased` in {CHANGELOG} is empty"
        ));
    }
    let versions = changelog.versions();
    if let Some(newer) = versions.iter().filter(|v| **v > current).max() {
        return Err(format!("{CHANGELOG} has a section for {newer}, newer than the version in {MANIFEST} ({current})"));
    }
    // A version without a section was never released: it is released as it is.
    let first_release = !versions.contains(&current);
    let next = self::bump(&current, if first_release { Bump::None } else { bump });
    let version = if first_release {
        format!(
            "version: {next} (first release)\nbump: none: {CHANGELOG} has no section for it yet, \
             so it was never released and is released as it is\n"
        )
    } else {
        format!("version: {current} -> {next}\nbump: {}\n", bump.as_str())
    };
    let why = join(&reasons, "", |reason| format!("  - {reason}\n"));
    let description = format!("{version}why:\n{why}publishes: {PUBLISHED}\n");
    let (old, new) = (current.to_string(), next.to_string());
    let taking = members_taking_the_version(root)?;
    let version = manifest["workspace"]["package"]["version"].as_value_mut();
    set_keeping_decor(version.expect("read above"), &new);
    changelog.release(&new, date)?;
    let mut lock = read_toml(root, LOCKFILE)?;
    let moved = edit_lock(&mut lock, &taking, &old, &new);
    if old != new && moved != taking.len() {
        return Err(format!(
            "{LOCKFILE} does not list each of {} at {old} once; bring it up to date (`cargo update --workspace`) and run again",
            taking.join(", ")
        ));
    }
    let mut files = vec![
        (root.join(MANIFEST), manifest.to_string()),
        (root.join(LOCKFILE), lock.to_string()),
        (root.join(CHANGELOG), changelog.render()),
    ];
    for path in other_locks(root) {
        let mut lock = read_toml(root, &path)?;
        edit_lock(&mut lock, &taking, &old, &new);
        files.push((path, lock.to_string()));
    }
    let files = files.into_iter().map(|(path, text)| FileWrite {
        path,
        content: text.into_bytes(),
    });
    Ok(Plan {
        next,
        description,
        files: files.collect(),
    })
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
/// newest older one not yanked in the crates.io sparse index at `index` (a
/// 404 lists none), else the tag `vX.Y.Z` of the newest older one in
/// `CHANGELOG.md`; `None` for a first release.
pub fn baseline(root: &Path, index: &str) -> Result<Option<Baseline>, String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        vers: Version,
        yanked: bool,
    }
    let (current, _) = read_manifest(root)?;
    let (index, name) = (index.trim_end_matches('/'), PUBLISHED);
    let url = format!("{index}/{}/{}/{name}", &name[..2], &name[2..4]);
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .user_agent(concat!("ws-close-codes xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| failure(&url, &e))?;
    let response = client.get(&url).send().map_err(|e| failure(&url, &e))?;
    let listed = match response.status().as_u16() {
        404 => String::new(),
        200 => response.text().map_err(|e| failure(&url, &e))?,
        status => return Err(format!("{url}: HTTP status {status}")),
    };
    let entries = serde_json::Deserializer::from_str(&listed).into_iter::<Entry>();
    let entries: Vec<Entry> = entries
        .collect::<Result<_, _>>()
        .map_err(|e| failure(&url, &e))?;
    let older = |versions: Vec<Version>| versions.into_iter().filter(|v| *v < current).max();
    let published = entries.into_iter().filter(|e| !e.yanked).map(|e| e.vers);
    if let Some(last) = older(published.collect()) {
        return Ok(Some(Baseline::Registry(last)));
    }
    let released = Changelog::read(root)?.versions();
    Ok(older(released).map(|v| Baseline::Tag(format!("v{v}"))))
}

/// `cargo semver-checks` for [`PUBLISHED`] against `baseline`, as it is
/// run (the arguments after `cargo`).
pub fn semver_checks_args(root: &Path, baseline: &Baseline) -> Vec<String> {
    let manifest = root.join(MANIFEST).display().to_string();
    let (option, value) = match baseline {
        Baseline::Registry(version) => ("--baseline-version", version.to_string()),
        Baseline::Tag(tag) => ("--baseline-rev", tag.clone()),
    };
    let args = ["semver-checks", "--package", PUBLISHED, "--manifest-path"];
    let args = args.into_iter().chain([manifest.as_str(), option, &value]);
    args.map(String::from).collect()
}

/// Runs `cargo xtask release` with `args` for the workspace at `root`.
pub fn execute(args: &Args, root: &Path, out: &mut dyn Write) -> Result<(), String> {
    match &args.notes {
        Some(version) => notes(root, version, out),
        None if args.semver_checks => semver_check(root, &args.index, out),
        None => release(args, root, out),
    }
}

/// Prints the release notes of `version` (when empty, the workspace's): its
/// section of `CHANGELOG.md` without the heading.
fn notes(root: &Path, version: &str, out: &mut dyn Write) -> Result<(), String> {
    let version = match version {
        "" => read_manifest(root)?.0.to_string(),
        version => version.to_owned(),
    };
    let notes = Changelog::read(root)?.notes(&version);
    let notes = notes.ok_or_else(|| format!("{CHANGELOG} has no section for {version}"))?;
    let _ = write!(out, "{notes}");
    Ok(())
}

fn semver_check(root: &Path, index: &str, out: &mut dyn Write) -> Result<(), String> {
    let Some(baseline) = baseline(root, index)? else {
        let never = "was never released: no baseline to compare with";
        let _ = writeln!(out, "{PUBLISHED} {never}");
        return Ok(());
    };
    let args = semver_checks_args(root, &baseline);
    let _ = writeln!(out, "==> cargo {}", args.join(" "));
    let mut cargo = Command::new(crate::cargo());
    let status = cargo.args(&args).current_dir(root).status();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!(
            "cargo semver-checks failed ({status}): {PUBLISHED} {} needs a larger version step \
             from {}, or the tool is missing (`cargo install cargo-semver-checks --locked`)",
            read_manifest(root)?.0,
            args.last().map_or("", String::as_str)
        )),
        Err(e) => Err(format!("cannot run cargo semver-checks: {e}")),
    }
}

fn release(args: &Args, root: &Path, out: &mut dyn Write) -> Result<(), String> {
    let date = args.date.clone().unwrap_or_else(today);
    let plan = plan(root, &date).map_err(|e| format!("{e}\nnothing was written"))?;
    let _ = write!(out, "{}", plan.description);
    if args.dry_run {
        let _ = writeln!(out, "dry run: nothing was written");
        return Ok(());
    }
    let written = files::write_changed(&plan.files).map_err(|e| format!("writing failed: {e}"))?;
    for path in written {
        let path = path.strip_prefix(root).unwrap_or(&path).display();
        let _ = writeln!(out, "wrote {path}");
    }
    let _ = writeln!(
        out,
        "released {} ({date}) in the files; once this is on the default branch, the release \
         workflow tags v{} and publishes {PUBLISHED}",
        plan.next, plan.next
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_every_day_from_1970() {
        // Strictly increasing real dates from 1970-01-01 to 2099-12-31, as
        // many as there are days: each day once.
        let dates: Vec<String> = (0..47_482).map(date).collect();
        assert!(dates.iter().all(|d| parse_date(d).is_ok()));
        assert!(dates.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!([&dates[0], &dates[47_481]], ["1970-01-01", "2099-12-31"]);
        let wrong = ["2023-02-29", "2024-2-9", "0000-01-01", "2024-01-01T10:00"];
        assert!(wrong.iter().all(|d| parse_date(d).is_err()));
    }
}
