#!/usr/bin/env bash
# Fills corpus/<target>/ (git-ignored) with the seeds of every fuzz target:
# the committed seeds/, the registry snapshot, the parser's test documents,
# xtask/tests/data/hostile/, and every document the hostile test suite
# builds (written by the `dump_hostile_corpus` test in
# xtask/tests/hostile_corpus.rs). Run from anywhere.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz/../.." && pwd)"

for target in registry_parse generate close_frame_decode close_code_from_str; do
    mkdir -p "$fuzz/corpus/$target"
    if [ -d "$fuzz/seeds/$target" ]; then
        cp "$fuzz/seeds/$target/"* "$fuzz/corpus/$target/"
    fi
done

xml="$fuzz/corpus/registry_parse"
cp "$root/registry/websocket.xml" "$xml/snapshot-websocket.xml"
for file in "$root"/registry/tests/data/*.xml; do
    cp "$file" "$xml/registry-tests-$(basename "$file")"
done
for file in "$root"/xtask/tests/data/hostile/*; do
    case "$file" in *.md) continue ;; esac
    cp "$file" "$xml/hostile-data-$(basename "$file")"
done
HOSTILE_CORPUS_DIR="$xml" cargo test --quiet --manifest-path "$root/Cargo.toml" \
    -p xtask --test hostile_corpus -- --exact dump_hostile_corpus --nocapture
cp "$xml"/* "$fuzz/corpus/generate/"
echo "seeded: $(for t in "$fuzz"/corpus/*; do printf '%s=%s ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
