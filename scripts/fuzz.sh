#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan+UBSan) and runs each for a
# fixed time, one after another, one process at a time, seeded from the test fixtures and
# the kept crashers. New crashers land in build/fuzz/artifacts/<target>/: copy them into
# tests/data/hostile/crashers/<target>/ so the unit tests replay them.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 600 s; feed extract date url front_matter)
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-feed extract date url front_matter}
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j2 $(for t in $targets; do printf ' --target fuzz_%s' "$t"; done)

seeds() {
    case $1 in
        feed) find tests/data -name '*.xml' -o -name '*.json' -path '*sources*' ;;
        extract) find tests/data -name '*.html' ;;
        date) find tests/data/hostile/seeds/date -type f ;;
        url) find tests/data/hostile/seeds/url -type f ;;
        front_matter) find tests/data ../shared/seed -name '*.md' ! -name README.md 2>/dev/null ;;
    esac
    find "tests/data/hostile/crashers/$1" -type f ! -name README.md 2>/dev/null
}

for t in $targets; do
    corpus=build/fuzz/corpus/$t
    artifacts=build/fuzz/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    seeds "$t" | while read -r f; do cp "$f" "$corpus/" 2>/dev/null || true; done
    log=build/fuzz/$t.log
    status=0
    build/fuzz/fuzz/fuzz_$t "$corpus" -max_total_time="$seconds" -jobs=1 -workers=1 \
        -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    cat fuzz-0.log >>"$log" 2>/dev/null && rm -f fuzz-0.log
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
    printf '%-8s %5ss  %10s executions  corpus %4s files  crashers %s  (exit %s, log %s)\n' \
        "$t" "$seconds" "$execs" "$(ls "$corpus" | wc -l)" "$(ls "$artifacts" | wc -l)" "$status" "$log"
done
