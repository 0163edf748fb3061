#!/usr/bin/env bash
# Checks that ws-close-codes builds, without warnings, with the feature
# combinations that can break it, without building the power set of every
# feature (over a million sets):
#
#   - every combination of the core features `std alloc serde` (8 sets);
#   - each WebSocket stack feature alone: every feature of the crate's
#     Cargo.toml that is not a core feature (one per tungstenite line,
#     `tungstenite`, one per other stack), read with `cargo metadata`, so a
#     new stack's feature line is all this script needs. Alone, so that a
#     stack's module shows it needs nothing it does not enable (each is
#     `#![no_std]` code apart from the stack itself);
#   - `--all-features`: every stack at once (their impls must not overlap)
#     with the core features.
#
# For each set: first the library alone, then all targets (tests and
# examples) for the same set, which the first check has mostly compiled
# already.
#
# Usage: crates/ws-close-codes/check-features.sh [--lib-only | --list-stacks]
# `--list-stacks` prints the stack features, one per line, and checks
# nothing (`.ci/run` tests each of them alone).
# Runs from any directory; honours CARGO_TARGET_DIR and other cargo
# variables. Exits non-zero on the first set that fails to build or that
# gives a warning.
set -euo pipefail
cd "$(dirname "$0")/../.."

CORE=(std alloc serde)
# The crate's features (in name order), but `default` and the core.
mapfile -t STACKS < <(
    cargo metadata --no-deps --format-version 1 --locked | python3 -c '
import json, sys
core = {"default", *sys.argv[1:]}
package = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "ws-close-codes")
print("\n".join(f for f in package["features"] if f not in core))
' "${CORE[@]}"
)
if ((${#STACKS[@]} == 0)); then
    echo "no stack features found in crates/ws-close-codes/Cargo.toml" >&2
    exit 1
fi
ALL_TARGETS=1
if [[ "${1:-}" == "--list-stacks" ]]; then
    printf '%s\n' "${STACKS[@]}"
    exit 0
elif [[ "${1:-}" == "--lib-only" ]]; then
    ALL_TARGETS=0
elif [[ $# -gt 0 ]]; then
    echo "usage: $0 [--lib-only | --list-stacks]" >&2
    exit 2
fi

# Runs cargo; fails when it fails or prints a warning (cargo replays the
# warnings of cached builds, so a second run still sees them).
run() {
    local output
    if ! output=$(cargo "$@" 2>&1); then
        printf '%s\n' "$output" >&2
        return 1
    fi
    if grep -q '^warning' <<<"$output"; then
        printf '%s\n' "$output" >&2
        echo "warnings with: cargo $*" >&2
        return 1
    fi
}

# Checks one set, given as cargo's feature arguments.
checked=0
check() {
    echo "==> features: $*"
    run check --quiet -p ws-close-codes --no-default-features "$@"
    if ((ALL_TARGETS)); then
        run check --quiet -p ws-close-codes --no-default-features "$@" --all-targets
    fi
    checked=$((checked + 1))
}

for ((mask = 0; mask < 1 << ${#CORE[@]}; mask++)); do
    selected=()
    for ((i = 0; i < ${#CORE[@]}; i++)); do
        if ((mask & (1 << i))); then
            selected+=("${CORE[i]}")
        fi
    done
    check --features "$(IFS=,; echo "${selected[*]-}")"
done
for stack in "${STACKS[@]}"; do
    check --features "$stack"
done
check --all-features
echo "all ${checked} feature sets build"
