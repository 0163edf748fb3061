#!/usr/bin/env bash
# Checks that ws-close-codes builds with every combination of its features
# (the power set of FEATURES below, 16 combinations), like `cargo hack
# --feature-powerset`: first the library alone, then all targets (tests,
# examples, benches) for the same combination, which the first check has
# mostly compiled already.
#
# Usage: crates/ws-close-codes/check-features.sh [--lib-only]
# Runs from any directory; honours CARGO_TARGET_DIR and other cargo
# variables. Exits non-zero on the first combination that fails to build or
# that gives a warning.
set -euo pipefail
cd "$(dirname "$0")/../.."

FEATURES=(std alloc serde tungstenite)
ALL_TARGETS=1
if [[ "${1:-}" == "--lib-only" ]]; then
    ALL_TARGETS=0
elif [[ $# -gt 0 ]]; then
    echo "usage: $0 [--lib-only]" >&2
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

count=$((1 << ${#FEATURES[@]}))
for ((mask = 0; mask < count; mask++)); do
    selected=()
    for ((i = 0; i < ${#FEATURES[@]}; i++)); do
        if ((mask & (1 << i))); then
            selected+=("${FEATURES[i]}")
        fi
    done
    list=$(IFS=,; echo "${selected[*]-}")
    echo "==> features: [${list}]"
    run check --quiet -p ws-close-codes --no-default-features --features "$list"
    if ((ALL_TARGETS)); then
        run check --quiet -p ws-close-codes --no-default-features --features "$list" --all-targets
    fi
done
echo "all ${count} feature combinations build"
