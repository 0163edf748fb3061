//! `cargo xtask regen` twice at once, and killed at any moment, on
//! temporary copies of the workspace: two processes started together
//! leave one complete set (at least one writes; the other writes after it
//! or is refused, by the lock or because its inputs changed), a plan that
//! another run overtook writes nothing, and a run killed while staging,
//! after its commit point or after a delay leaves the old set or the new
//! one, never a mix, and the next run that writes leaves nothing behind.
//! The processes are this test binary run again as
//! [`regen_worker_process`].

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::describe;
use common::hostile::{record, registry_with, unassigned, Copy, Documents, MORGAN};
use xtask::cli;
use xtask::regen::{self, Options};

/// Files that only an interrupted or concurrent run leaves: temporaries,
/// the journal, the lock.
fn debris(files: &BTreeMap<String, Vec<u8>>) -> Vec<&String> {
    files.keys().filter(|name| debris_name(name)).collect()
}

fn debris_name(name: &str) -> bool {
    name.contains(".regen-") || name.ends_with(".regen.lock")
}

// ---------------------------------------------------------------------------
// Regen in processes of their own

/// The runner for the tests that start `cargo xtask regen` as processes of
/// their own: they start this test binary with `regen_worker_process` and
/// `HOSTILE_REGEN_ROOT` set. Without that variable this test does nothing.
///
/// (The `xtask` binary cannot be used: it finds the workspace through the
/// `CARGO_MANIFEST_DIR` it was compiled with, so it would write the real
/// files, not the copy.)
#[test]
fn regen_worker_process() {
    let Some(root) = std::env::var_os("HOSTILE_REGEN_ROOT") else {
        return;
    };
    let args: Vec<String> = std::env::var("HOSTILE_REGEN_ARGS")
        .unwrap()
        .split('\n')
        .map(str::to_owned)
        .collect();
    if let Some(go) = std::env::var_os("HOSTILE_REGEN_GO") {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !Path::new(&go).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
    let code = cli::run(
        &args,
        Path::new(&root),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}

fn spawn_regen(root: &Path, args: &[&str], go: Option<&Path>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["regen_worker_process", "--exact", "--nocapture", "--quiet"])
        .env("HOSTILE_REGEN_ROOT", root)
        .env("HOSTILE_REGEN_ARGS", args.join("\n"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(go) = go {
        command.env("HOSTILE_REGEN_GO", go);
    }
    command.spawn().unwrap()
}

/// A document that registers `code` as `description`, on top of the
/// snapshot.
fn registering(code: u16, description: &str) -> String {
    let mut records = String::new();
    if code > 3009 {
        records.push_str(&unassigned(3009, code - 1));
    }
    records.push_str(&record(&code.to_string(), description, MORGAN, ""));
    records.push_str(unassigned(code + 1, 3999).trim_end());
    registry_with(&records, "")
}

#[test]
fn a_plan_overtaken_by_another_run_writes_nothing() {
    let copy = Copy::new();
    let documents = Documents::new();
    // Make a plain regen have work to do: generated.rs is out of date.
    let generated = copy.root().join(regen::GENERATED);
    let stale = copy
        .read(regen::GENERATED)
        .replace("Normal Closure", "Normal closure");
    fs::write(&generated, stale).unwrap();

    // Run A plans from these files ...
    let a = Options {
        root: copy.root().to_path_buf(),
        ..Options::default()
    };
    let plan_a = regen::plan(&a).unwrap();
    assert!(!regen::stale(&plan_a).is_empty());
    // ... run B registers 3017 and finishes first ...
    let path = documents.write("b.xml", registering(3017, "Quota Exceeded").as_bytes());
    let run = copy.xtask(&["regen", "--from", &path]);
    assert_eq!(run.code, 0, "{}", run.err);
    let after_b = copy.files();
    // ... then A writes what it planned: generated.rs, names.toml and the
    // README from the old snapshot, next to B's new snapshot. It must not.
    let error = regen::apply(&plan_a, &a).unwrap_err().to_string();
    assert!(error.contains("changed after this run read it"), "{error}");
    assert!(error.contains("no file was changed"), "{error}");
    assert!(copy.files() == after_b, "a refused run changed files");
    assert!(copy
        .read(regen::NAMES)
        .contains("3017 = { ident = \"QuotaExceeded\", name = \"Quota Exceeded\" }"));
    let check = copy.xtask(&["regen", "--check"]);
    assert_eq!(check.code, 0, "{}", check.err);
    assert!(debris(&copy.files()).is_empty());
}

#[test]
fn two_regen_processes_at_once_leave_one_complete_set() {
    let documents = Documents::new();
    let mut outcomes = BTreeMap::<String, usize>::new();
    for round in 0..6 {
        let copy = Copy::new();
        let go = documents.dir.path().join(format!("go-{round}"));
        let runs = [(3017, "Alpha Signal"), (3018, "Bravo Signal")];
        let mut children = Vec::new();
        let mut texts = Vec::new();
        for (code, description) in runs {
            let text = registering(code, description);
            let path = documents.write(&format!("{round}-{code}.xml"), text.as_bytes());
            children.push(spawn_regen(
                copy.root(),
                &["regen", "--from", &path, "--allow-removals"],
                Some(&go),
            ));
            texts.push(text);
        }
        fs::write(&go, "").unwrap();
        let results: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let mut succeeded = Vec::new();
        for (index, output) in results.iter().enumerate() {
            let err = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => {
                    succeeded.push(index);
                    *outcomes.entry("wrote".into()).or_default() += 1;
                }
                Some(1) if err.contains("another `cargo xtask regen`") => {
                    *outcomes.entry("refused: lock held".into()).or_default() += 1;
                }
                Some(1) if err.contains("changed after this run read it") => {
                    *outcomes
                        .entry("refused: inputs changed".into())
                        .or_default() += 1;
                }
                _ => panic!("round {round}, run {index}: {}", describe(output)),
            }
        }
        assert!(!succeeded.is_empty(), "round {round}: neither run wrote");
        // One complete, consistent set: the snapshot is one of the two
        // documents, the generated files are what it gives, no pin of a
        // successful run was lost, nothing is left behind.
        let files = copy.files();
        assert!(
            debris(&files).is_empty(),
            "round {round}: {:?}",
            debris(&files)
        );
        let snapshot = copy.read(regen::SNAPSHOT);
        assert!(
            texts.contains(&snapshot),
            "round {round}: the snapshot is neither document"
        );
        let check = copy.xtask(&["regen", "--check"]);
        assert_eq!(
            check.code, 0,
            "round {round}: not a consistent set: {}",
            check.out
        );
        let names = copy.read(regen::NAMES);
        for index in succeeded {
            let ident = ["AlphaSignal", "BravoSignal"][index];
            assert!(
                names.contains(ident),
                "round {round}: the pin {ident} was lost"
            );
        }
    }
    eprintln!("two regen processes at once, 6 rounds: {outcomes:?}");
}

/// When to kill a regen process.
#[derive(Clone, Copy, Debug)]
enum Moment {
    /// As soon as one of its temporary files exists: before the commit point.
    Staging,
    /// As soon as its journal exists: after the commit point, while the
    /// files are renamed into place.
    Committed,
    /// After this long.
    After(Duration),
}

/// Whether a run has temporary files in the copy now.
fn staging(root: &Path) -> bool {
    ["registry", "crates/ws-close-codes/src", ""]
        .iter()
        .any(|dir| {
            fs::read_dir(root.join(dir)).is_ok_and(|entries| {
                entries.flatten().any(|entry| {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    name.contains(".regen-") && name.ends_with(".tmp")
                })
            })
        })
}

/// Starts regen, kills it at `moment` (or sees it finish first) and says
/// which happened.
fn kill_regen(root: &Path, args: &[&str], moment: Moment) -> &'static str {
    let mut child = spawn_regen(root, args, None);
    let started = Instant::now();
    let seen = loop {
        if child.try_wait().unwrap().is_some() {
            break "finished first";
        }
        let now = match moment {
            Moment::Staging => staging(root),
            Moment::Committed => root.join(xtask::files::JOURNAL).exists(),
            Moment::After(delay) => started.elapsed() >= delay,
        };
        if now {
            break match moment {
                Moment::Staging => "killed while staging",
                Moment::Committed => "killed after the commit point",
                Moment::After(_) => "killed after a delay",
            };
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    seen
}

#[test]
fn a_regen_process_killed_at_any_moment_leaves_the_old_or_the_new_set() {
    let documents = Documents::new();
    // Enough new codes that writing takes a while.
    let mut records = String::new();
    for code in 3009..3400 {
        records.push_str(&record(
            &code.to_string(),
            &format!("Killed {code}"),
            MORGAN,
            "",
        ));
    }
    records.push_str(unassigned(3400, 3999).trim_end());
    let path = documents.write("new.xml", registry_with(&records, "").as_bytes());
    let args = ["regen", "--from", path.as_str()];

    // The new set, and how long a whole run takes.
    let reference = Copy::new();
    let started = Instant::now();
    let output = spawn_regen(reference.root(), &args, None)
        .wait_with_output()
        .unwrap();
    let duration = started.elapsed();
    assert!(output.status.success(), "{}", describe(&output));
    let new_set = reference.files();

    let mut moments = vec![Moment::Staging; 3];
    moments.extend([Moment::Committed; 6]);
    moments.extend((0..6).map(|step| Moment::After(duration * step / 4)));
    let mut outcomes = BTreeMap::<String, usize>::new();
    for (index, moment) in moments.into_iter().enumerate() {
        let copy = Copy::new();
        let old_set = copy.files();
        let seen = kill_regen(copy.root(), &args, moment);
        // The next run completes an interrupted one before anything else.
        let check = copy.xtask(&["regen", "--check"]);
        assert_eq!(check.code, 0, "{index} {moment:?}: {}", check.err);
        let mut files = copy.files();
        files.retain(|name, _| !debris_name(name));
        let set = if files == old_set {
            "old set"
        } else if files == new_set {
            "new set"
        } else {
            panic!("{index} {moment:?} ({seen}): neither the old nor the new set")
        };
        *outcomes.entry(format!("{seen}: {set}")).or_default() += 1;
        // The next run that writes leaves nothing behind.
        let run = copy.xtask(&args);
        assert_eq!(run.code, 0, "{index} {moment:?}: {}", run.err);
        let files = copy.files();
        assert!(
            debris(&files).is_empty(),
            "{index} {moment:?}: {:?}",
            debris(&files)
        );
        assert!(files == new_set, "{index} {moment:?}: not the new set");
    }
    eprintln!("regen ({duration:.0?} a run) killed: {outcomes:#?}");
}
