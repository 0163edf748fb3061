#!/usr/bin/env bash
# Runs every benchmark and rewrites the tables of BENCHMARKS.md from that
# one run. Takes about 15 minutes on 2 cores (the build costs section
# builds the generated crate at 65,536 codes).
#   bash crates/benches/report.sh            # benchmarks + build costs
#   bash crates/benches/report.sh --quick    # benchmarks only
#
# The benchmarks are built with every loop aligned to 64 bytes, in a target
# directory of their own (target/bench): without it, where a loop happens to
# land in memory moves a ratio by more than the difference measured (adding
# one benchmark function to the binary moved one from 0.75 to 1.12).
# bench-report drops the flag for the builds it times.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/bench}"
export RUSTFLAGS="-C llvm-args=-align-loops=64"
cargo bench -p benches
if [ "${1:-}" = "--quick" ]; then
  cargo run --release -p benches --bin bench-report -- --write
else
  cargo run --release -p benches --bin bench-report -- --build-costs --write
fi
