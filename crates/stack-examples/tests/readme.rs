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

/// README is also the crate's page on crates.io, where a relative link
/// leads nowhere: every link is absolute or an anchor, and a link into the
/// repository names a file or folder that exists.
#[test]
fn the_readme_links_work_outside_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let repository = manifest
        .lines()
        .find_map(|line| line.strip_prefix("repository = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the workspace's repository");
    let destinations = readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')'));
    let mut in_repository = 0;
    for (destination, _) in destinations {
        if destination.starts_with('#') {
            continue;
        }
        assert!(
            destination.starts_with("https://"),
            "a relative link: {destination}"
        );
        let Some(path) = destination.strip_prefix(repository) else {
            continue;
        };
        let path = (path.strip_prefix("/blob/main/"))
            .or_else(|| path.strip_prefix("/tree/main/"))
            .unwrap_or_else(|| panic!("not a link to main's files: {destination}"));
        let path = path.split('#').next().unwrap();
        assert!(
            root.join(path).exists(),
            "no such file in the repository: {destination}"
        );
        in_repository += 1;
    }
    assert!(
        in_repository > 0,
        "README links to no file of the repository"
    );
}

/// The lines between two markers of README, without the code fence.
fn readme_block(start: &str, end: &str, fence: &str) -> &'static str {
    let readme = include_str!("../../../README.md");
    let start = readme.find(start).expect("the start marker");
    let end = readme.find(end).expect("the end marker");
    readme[start..end]
        .split_once(fence)
        .and_then(|(_, rest)| rest.rsplit_once("```"))
        .map(|(block, _)| block)
        .expect("a code block between the markers")
}

/// README lists the quick start's dependencies as this crate has them:
/// the same lines, but `ws-close-codes` from crates.io (here it is the
/// workspace's) with the same features. Only `graphql-ws-example`, which
/// the quick start does not use, is left out.
#[test]
fn the_readme_lists_the_quick_starts_dependencies_as_this_crate_has_them() {
    let block = readme_block(
        "<!-- quickstart-dependencies:start -->",
        "<!-- quickstart-dependencies:end -->",
        "```toml\n",
    );
    let manifest = include_str!("../Cargo.toml");
    let ours = manifest
        .split_once("[dependencies]\n")
        .map(|(_, rest)| rest.split_once("\n[").map_or(rest, |(deps, _)| deps))
        .expect("a [dependencies] table");
    let ours: Vec<&str> = ours
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with("graphql-ws-example"))
        .collect();
    let theirs: Vec<&str> = block
        .strip_prefix("[dependencies]\n")
        .expect("a [dependencies] table")
        .lines()
        .collect();
    assert_eq!(theirs.len(), ours.len(), "{theirs:#?}\n{ours:#?}");
    for (theirs, ours) in theirs.iter().zip(&ours) {
        match ours.strip_prefix("ws-close-codes = { workspace = true, ") {
            Some(features) => assert_eq!(
                *theirs,
                format!(
                    "ws-close-codes = {{ version = \"{}.{}\", {features}",
                    env!("CARGO_PKG_VERSION_MAJOR"),
                    env!("CARGO_PKG_VERSION_MINOR"),
                )
            ),
            None => assert_eq!(theirs, ours),
        }
    }
}
