#!/bin/sh
# Extracts every development page (English and Chinese) in one process per tool, side by side:
# archiver (bench_extract), readability-lxml, readability.js. Run from the project root after
#   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHIVER_BUILD_BENCH=ON
#   cmake --build build/rel --target bench_extract
set -e
SHARED=${SHARED:-../shared}
BIN=${BIN:-build/rel/bench/extract/bench_extract}
PAGES="$SHARED/data/extraction-dev/html/*.html $SHARED/data/cn-extraction-dev/html/*.html"
echo "archiver:         $($BIN $PAGES)"
echo "readability-lxml: $(/usr/bin/python3 bench/extract/peers_bench.py $PAGES 2>/dev/null)"
echo "readability.js:   $(PEERS_DIR=$SHARED/tools/peers node bench/extract/readability_js_bench.js $PAGES)"
