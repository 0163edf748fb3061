//! Bytes that parse as a registry go through the whole generator with the
//! bundled pins and curated descriptions: the Rust source must parse with
//! syn, and neither the source nor the README table may carry a raw control
//! or bidirectional character.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ws_close_codes_registry::{names::is_bidi_control, Curated, Pins};

fn bundled() -> &'static (Pins, Curated) {
    static BUNDLED: OnceLock<(Pins, Curated)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        (
            Pins::parse(ws_close_codes_registry::NAMES_TOML).expect("bundled names.toml"),
            Curated::parse(ws_close_codes_registry::DESCRIPTIONS_TOML)
                .expect("bundled descriptions.toml"),
        )
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(registry) = ws_close_codes_registry::parse(bytes) else {
        return;
    };
    let (pins, curated) = bundled();
    let Ok(built) = ws_close_codes_registry::build(&registry, pins, curated) else {
        return;
    };
    let source = ws_close_codes_codegen::close_code_source(&built.catalog);
    if let Err(error) = syn::parse_file(&source) {
        panic!("the generated source does not parse: {error}\n{source}");
    }
    let raw = |c: char| (c.is_control() && c != '\n') || is_bidi_control(c);
    assert!(
        !source.contains(raw),
        "raw control or bidi character in the source"
    );
    let table = ws_close_codes_codegen::readme_table(&built.catalog);
    assert!(
        !table.contains(raw),
        "raw control or bidi character in the table"
    );
    assert_eq!(
        table.lines().count(),
        built.catalog.entries.len() + 2,
        "one README row per code"
    );
});
