#!/bin/sh
# SPDX-License-Identifier: MIT
# Micro-benchmarks of the hot stages (Google Benchmark; Debian libbenchmark-dev). See
# bench/README.md. Usage:
#   bench/micro/run.sh [STORE_DB] [-- google-benchmark flags]
# Inputs: the feeds and article pages of the 20-feed benchmark corpus (generated if missing,
# as bench/run/bench.sh does), real pages from ../shared/data when present (or
# $ARCHIVER_BENCH_PAGES), and STORE_DB (default $ARCHIVER_BENCH_STORE): an index of many
# archived articles made by bench/store/run.sh --snapshots DIR (DIR/store-N.db).
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
store=${1:-${ARCHIVER_BENCH_STORE:-}}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
if ! dpkg-query -W -f='${Status}' libbenchmark-dev 2>/dev/null | grep -q "install ok installed"; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libbenchmark-dev
fi
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHIVER_BUILD_TESTS=OFF \
    -DARCHIVER_BUILD_BENCH=ON >/dev/null
cmake --build build/release --target bench_micro -j2 >/dev/null
corpus="${BENCH_CORPUS:-$root/build/bench-corpus}/n20"
if [ ! -f "$corpus/lists/pages.txt" ]; then
    python3 bench/run/gen_corpus.py --feeds 20 --base http://127.0.0.1:8089 "$corpus"
fi
pages=${ARCHIVER_BENCH_PAGES:-}
if [ -z "$pages" ]; then
    if [ -d "$root/../shared/data/extraction-dev/html" ]; then
        pages="$root/../shared/data"   # real English and Chinese news pages (*.html)
    else
        pages="$corpus/www/a"
    fi
fi
ARCHIVER_BENCH_FEEDS="$corpus/www/feeds" ARCHIVER_BENCH_PAGES="$pages" ARCHIVER_BENCH_STORE="$store" \
    build/release/bench/micro/bench_micro --benchmark_counters_tabular=true "$@"
