#!/usr/bin/env bash
# Builds wasm-size (ws-close-codes' CloseCode::from(v).name() and
# is_sendable()) and its hand-written baseline for wasm32-unknown-unknown,
# as a frontend ships them, in one run, and prints both sizes and their
# ratio. Fails when the crate's build is over the limit of LIMIT bytes
# (default 1024), the target in BENCHMARKS.md.
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
