#!/usr/bin/env bash
# Builds wasm-size (ws-close-codes' CloseCode::from(v).name() and
# is_sendable()) and its hand-written baseline for wasm32-unknown-unknown,
# as a frontend ships them, in one run, and prints both sizes and their
# ratio. Fails when the crate's build is over the limit of LIMIT bytes
# (default 1024), the target in BENCHMARKS.md.
#
# Then the same for the `web-sys` feature (web-sys/, a workspace of its
# own): a program that closes a `web_sys::WebSocket` with a code and a
# reason through `close_checked`, and the same program calling web-sys
# directly. Prints both sizes and the difference, as cargo builds them and,
# when wasm-bindgen of the version in web-sys/Cargo.lock is on PATH, as
# `wasm-bindgen --target web` leaves them; fails when a difference is over
# WEB_SYS_LIMIT bytes (default 1024). Then, with no limit, the same pair
# when the page is given the refusal as text (`text`, through
# `close_checked` and the error's `Display`) and the browser's exception
# (`exception`, web-sys directly): what formatting the refusal costs.
#
# Usage: crates/wasm-size/measure.sh   (installs the wasm32 target with
# rustup when it is missing; honours CARGO_TARGET_DIR)
set -euo pipefail
cd "$(dirname "$0")"
limit="${LIMIT:-1024}"
target=wasm32-unknown-unknown
if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi
cargo build --quiet --release --target "$target" --workspace
out="${CARGO_TARGET_DIR:-target}/$target/release"
crate=$(wc -c < "$out/wasm_size.wasm")
baseline=$(wc -c < "$out/wasm_size_baseline.wasm")
printf 'ws-close-codes:      %6d bytes\n' "$crate"
printf 'hand-written match:  %6d bytes\n' "$baseline"
awk -v a="$crate" -v b="$baseline" 'BEGIN { printf "ratio:               %6.2f\n", a / b }'
if [ "$crate" -gt "$limit" ]; then
    echo "over the limit of $limit bytes" >&2
    exit 1
fi

web_sys_limit="${WEB_SYS_LIMIT:-1024}"
over=0
# Prints the sizes of the checked and the direct program of each pair, and
# fails (sets `over`) when the first pair's difference is over the limit.
# $1 says how they were built, then the .wasm of checked, direct, text and
# exception.
compare() {
    local what="$1" checked direct text exception
    checked=$(wc -c < "$2")
    direct=$(wc -c < "$3")
    text=$(wc -c < "$4")
    exception=$(wc -c < "$5")
    printf 'web-sys close, %s:\n' "$what"
    printf '  through close_checked: %7d bytes\n' "$checked"
    printf '  web-sys directly:      %7d bytes\n' "$direct"
    printf '  difference:            %7d bytes (limit %d)\n' "$((checked - direct))" "$web_sys_limit"
    printf '  refusal as text:       %7d bytes\n' "$text"
    printf "  browser's exception:   %7d bytes\n" "$exception"
    printf '  difference:            %7d bytes (no limit)\n' "$((text - exception))"
    if [ $((checked - direct)) -gt "$web_sys_limit" ]; then over=1; fi
}
(cd web-sys && cargo build --quiet --release --target "$target" --workspace)
out="${CARGO_TARGET_DIR:-web-sys/target}/$target/release"
compare "as cargo builds it" "$out/wasm_size_web_sys_checked.wasm" "$out/wasm_size_web_sys_direct.wasm" \
    "$out/wasm_size_web_sys_text.wasm" "$out/wasm_size_web_sys_exception.wasm"
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' web-sys/Cargo.lock)
if command -v wasm-bindgen > /dev/null && [ "$(wasm-bindgen --version | awk '{ print $2 }')" = "$wanted" ]; then
    bindgen="$(mktemp -d)"
    trap 'rm -rf "$bindgen"' EXIT
    for program in checked direct text exception; do
        # It warns that `strip = true` removed the `target_features`
        # section; every program is built the same way, so that warning
        # is shown only when it fails.
        if ! log=$(wasm-bindgen --target web --out-dir "$bindgen/$program" \
            "$out/wasm_size_web_sys_$program.wasm" 2>&1); then
            printf '%s\n' "$log" >&2
            exit 1
        fi
    done
    compare "after wasm-bindgen $wanted" \
        "$bindgen/checked/wasm_size_web_sys_checked_bg.wasm" "$bindgen/direct/wasm_size_web_sys_direct_bg.wasm" \
        "$bindgen/text/wasm_size_web_sys_text_bg.wasm" "$bindgen/exception/wasm_size_web_sys_exception_bg.wasm"
else
    echo "web-sys close, after wasm-bindgen: not measured (wasm-bindgen $wanted is not on PATH)"
fi
if [ "$over" -ne 0 ]; then
    echo "the checked close is over the limit of $web_sys_limit bytes beyond web-sys' own" >&2
    exit 1
fi
