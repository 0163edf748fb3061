//! Any bytes into the registry parser: an `Ok` or an `Err`, never a panic,
//! a hang or unbounded memory.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match ws_close_codes_registry::parse(bytes) {
        Ok(registry) => {
            // The model's promises: sorted, disjoint spans; single
            // registered codes inside 1000..=4999.
            for pair in registry.records.windows(2) {
                assert!(pair[0].span.end < pair[1].span.start);
            }
            for record in registry.registered_codes() {
                assert!((1000..=4999).contains(&record.span.start));
                assert!(!record.description.is_empty());
            }
        }
        Err(error) => {
            // Errors print without raw control or bidi characters.
            let text = error.to_string();
            assert!(!text.contains(|c: char| c.is_control()), "{text:?}");
        }
    }
});
