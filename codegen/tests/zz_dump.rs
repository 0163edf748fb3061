mod common;
#[test]
fn dump() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("two.rs"), ws_close_codes_codegen::close_code_source(&common::two_entries())).unwrap();
    std::fs::write(dir.join("small.rs"), ws_close_codes_codegen::close_code_source(&common::small(common::HOSTILE))).unwrap();
    std::fs::write(dir.join("thousand.rs"), ws_close_codes_codegen::close_code_source(&common::thousand())).unwrap();
    std::fs::write(dir.join("table.md"), ws_close_codes_codegen::readme_table(&common::small(common::HOSTILE))).unwrap();
}
