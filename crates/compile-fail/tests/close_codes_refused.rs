//! What `close_codes!` refuses, as the compiler reports it: every mistake
//! of an enum at once, each naming its code (`tests/ui/*.stderr`).

#[test]
fn every_mistake_is_reported_naming_its_code() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
