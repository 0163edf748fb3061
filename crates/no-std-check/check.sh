#!/usr/bin/env bash
# Builds the no_std check crate with each set of ws-close-codes features that
# must work without std, then checks that turning on `std` fails with E0152
# (a duplicate `panic_impl` lang item): proof that the check can fail.
#
# Usage: crates/no-std-check/check.sh   (from any directory; honours
# CARGO_TARGET_DIR)
set -euo pipefail
cd "$(dirname "$0")"

for features in "" alloc serde alloc,serde; do
    echo "==> no_std build, features: [${features}]"
    cargo build --quiet --features "$features"
done

echo "==> negative control: with ws-close-codes/std the build must fail with E0152"
if output=$(cargo build --quiet --features std 2>&1); then
    echo "the build with std succeeded: this check would not notice std" >&2
    exit 1
fi
if ! grep -q 'E0152' <<<"$output"; then
    printf '%s\n' "$output" >&2
    echo "the build with std failed, but not with E0152" >&2
    exit 1
fi
grep -m1 'duplicate lang item' <<<"$output"
echo "no_std check passed"
