//! `cargo:rerun-if-changed` lines: printed for every spec file read when
//! the program is a build script (Cargo sets `OUT_DIR` and
//! `CARGO_MANIFEST_DIR`), or when asked for; never for specs given as text.
//! `cargo:warning` lines: one for each name that falls back to
//! `Code<value>`, printed by a build script.
//!
//! The test runs itself again as a child process with the environment of a
//! build script and reads what the child prints.

use std::path::{Path, PathBuf};
use std::process::Command;

use ws_close_codes_codegen::Builder;

const CHILD: &str = "WS_CLOSE_CODES_RERUN_CHILD";

fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("rerun/close-codes.toml")
}

/// What the child does: generate from a file and a text, with the setting
/// that `mode` names.
fn child(mode: &str) {
    if mode == "fallback" {
        let spec = "[[code]]\nvalue = 4001\nname = \"!!!\"\n\n\
                    [[code]]\nvalue = 4002\nname = \"Self\"\n\n\
                    [[code]]\nvalue = 4003\nname = \"Fine\"\n";
        let source = Builder::new()
            .spec_str("close-codes.toml", spec)
            .generate()
            .expect("the spec is valid");
        assert!(source.contains("Code4001 = Record {"));
        assert!(source.contains("Code4002 = Record {"));
        return;
    }
    let builder = Builder::new()
        .spec_file(spec_path())
        .spec_str("inline.toml", "[[code]]\nvalue = 4001\nname = \"Inline\"\n");
    let builder = match mode {
        "auto" => builder,
        "on" => builder.rerun_if_changed(true),
        "off" => builder.rerun_if_changed(false),
        other => panic!("unknown mode {other}"),
    };
    builder.generate().expect("the specs are valid");
}

/// The lines the child prints in `mode`, as a build script or not.
fn lines(mode: &str, build_script: bool) -> Vec<String> {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["cargo_lines", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, mode);
    if build_script {
        command
            .env("OUT_DIR", env!("CARGO_TARGET_TMPDIR"))
            .env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    } else {
        command
            .env_remove("OUT_DIR")
            .env_remove("CARGO_MANIFEST_DIR");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        // The harness writes `test cargo_lines ... ` before the child's output.
        .filter_map(|line| line.find("cargo:").map(|start| line[start..].to_owned()))
        .collect()
}

#[test]
fn cargo_lines() {
    if let Ok(mode) = std::env::var(CHILD) {
        child(&mode);
        return;
    }
    std::fs::create_dir_all(spec_path().parent().unwrap()).unwrap();
    std::fs::write(
        spec_path(),
        "[[code]]\nvalue = 4000\nname = \"From a file\"\n",
    )
    .unwrap();
    let expected = vec![format!("cargo:rerun-if-changed={}", spec_path().display())];
    assert_eq!(lines("auto", true), expected);
    assert_eq!(lines("auto", false), Vec::<String>::new());
    assert_eq!(lines("on", false), expected);
    assert_eq!(lines("off", true), Vec::<String>::new());

    // A build script shows a warning for each fallback name, on one line,
    // with the place and how to choose the name.
    let warnings = lines("fallback", true);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].starts_with(
        "cargo:warning=close-codes.toml:3:8: the name \"!!!\" gives no usable Rust identifier"
    ));
    assert!(warnings[0].contains("so the variant is named Code4001"));
    assert!(warnings[1].starts_with(
        "cargo:warning=close-codes.toml:7:8: the name \"Self\" gives no usable Rust identifier"
    ));
    for warning in &warnings {
        assert!(warning.contains("add ident = \"...\" to this [[code]]"));
    }
    assert_eq!(lines("fallback", false), Vec::<String>::new());
}
