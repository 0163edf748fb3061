#!/usr/bin/env bash
# Runs every benchmark and rewrites the tables of BENCHMARKS.md from that
# one run. Takes about 15 minutes on 2 cores (the build costs section
# builds the generated crate at 65,536 codes).
#   bash crates/benches/report.sh            # benchmarks + build costs
#   bash crates/benches/report.sh --quick    # benchmarks only
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo bench -p benches
if [ "${1:-}" = "--quick" ]; then
  cargo run --release -p benches --bin bench-report -- --write
else
  cargo run --release -p benches --bin bench-report -- --build-costs --write
fi
