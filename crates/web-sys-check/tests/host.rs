//! On the host, the browser tests of `tests/browser.rs` are compiled out:
//! this says so, and how to run them.

fn main() {
    println!(
        "skipped: web-sys-check runs in a browser; run `bash crates/web-sys-check/run.sh` \
         (wasm32-unknown-unknown, wasm-bindgen-test-runner and chromedriver)"
    );
}
