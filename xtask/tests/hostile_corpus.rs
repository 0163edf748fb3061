//! The corpus for the fuzz targets: with `HOSTILE_CORPUS_DIR=DIR`,
//! `cargo test -p xtask --test hostile_corpus -- dump_hostile_corpus`
//! writes every document of the hostile-input tests (the one that
//! `hostile_generated.rs` compiles and every case that `hostile_refused.rs`
//! refuses) to `DIR`, for `crates/fuzz/seed.sh`. Without the variable the
//! test does nothing.

mod common;

use std::fs;
use std::path::PathBuf;

use common::hostile::{combined, unused_doctype};
use common::refused::refused_cases;

/// With `HOSTILE_CORPUS_DIR` set, writes every document of the hostile-input
/// tests there (the fuzz targets' seeds, see crates/fuzz/README.md); else
/// does nothing.
#[test]
fn dump_hostile_corpus() {
    let Some(dir) = std::env::var_os("HOSTILE_CORPUS_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    fs::create_dir_all(&dir).unwrap();
    let mut written = 0;
    let doctype = unused_doctype("http://127.0.0.1:9", "file:///etc/passwd");
    let mut all = vec![("combined".to_owned(), combined(&doctype).document)];
    all.extend(refused_cases().into_iter().map(|c| (c.name, c.document)));
    for (name, document) in all {
        // libFuzzer's inputs stay small; the big cases are in the tests.
        if document.len() <= 256 * 1024 {
            fs::write(dir.join(format!("hostile-{name}.xml")), document).unwrap();
            written += 1;
        }
    }
    eprintln!("wrote {written} documents to {}", dir.display());
}
