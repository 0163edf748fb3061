//! What `close_frame!` refuses, as the compiler reports it: a code that may
//! not be sent and a reason that does not fit, each with the rule it breaks
//! and its numbers (`tests/ui-close-frame/*.stderr`).

#[test]
fn a_refused_const_frame_fails_the_build_naming_the_rule() {
    trybuild::TestCases::new().compile_fail("tests/ui-close-frame/*.rs");
}
