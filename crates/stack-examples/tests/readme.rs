//! The README's quick start is `src/quickstart.rs` as it is, so the code
//! users copy is the code the tests run.

#[test]
fn the_readme_shows_the_quick_start_as_it_is() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("<!-- quickstart:start -->")
        .expect("the start marker");
    let end = readme
        .find("<!-- quickstart:end -->")
        .expect("the end marker");
    let block = &readme[start..end];
    let code = block
        .split_once("```rust,ignore\n")
        .and_then(|(_, rest)| rest.rsplit_once("```"))
        .map(|(code, _)| code)
        .expect("a rust,ignore code block between the markers");
    assert_eq!(code, include_str!("../src/quickstart.rs"));
}
