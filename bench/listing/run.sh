#!/bin/sh
# Builds the release library and the list-parser benchmark, then prints the README table.
# Usage: bench/listing/run.sh   (from anywhere; needs ../shared/data next to the project)
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cmake --preset release >/dev/null
cmake --build build/release --target archiver_core -j2 >/dev/null
c++ -std=c++20 -O2 -DNDEBUG -Iinclude bench/listing/bench_listing.cpp \
    build/release/src/libarchiver_core.a $(pkg-config --libs gumbo uchardet) \
    -o build/release/bench_listing
build/release/bench_listing "$root/../shared/data/cn/pages/gne/test_list_page/163/2.html"
