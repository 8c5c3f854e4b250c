#!/bin/sh
# Extracts every development page (English and Chinese) in one process per tool, side by side:
# archiver (bench_extract), readability-lxml, readability.js. Run from the project root after
#   cmake --preset release -DARCHIVER_BUILD_BENCH=ON && cmake --build build/release -j2
set -e
SHARED=${SHARED:-../shared}
BIN=${BIN:-build/release/bench/extract/bench_extract}
PAGES="$SHARED/data/extraction-dev/html/*.html $SHARED/data/cn-extraction-dev/html/*.html"
echo "archiver:         $($BIN $PAGES)"
echo "readability-lxml: $(/usr/bin/python3 bench/extract/peers_bench.py $PAGES 2>/dev/null)"
echo "readability.js:   $(PEERS_DIR=${PEERS_DIR:-$SHARED/tools/peers} node bench/extract/readability_js_bench.js $PAGES)"
