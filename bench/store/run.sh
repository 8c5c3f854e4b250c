#!/bin/sh
# Insert + dedupe benchmark of the index (see README.md).
# Usage: bench/store/run.sh [--snapshots DIR] [N...]
# Builds bench_store in build/bench (Release) and runs it for each N (default 100000), the
# database on tmpfs (/dev/shm when present, else $TMPDIR). SNAPSHOTS=DIR keeps a copy of the
# index at each checkpoint (DIR/store-N.db) for bench/run/archive_size.sh and bench/micro;
# `--snapshots DIR` is the same.
set -eu
if [ "${1:-}" = --snapshots ]; then
    SNAPSHOTS=$2
    shift 2
fi
cd "$(dirname "$0")/../.."
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHIVER_BUILD_TESTS=OFF \
    -DARCHIVER_BUILD_BENCH=ON >/dev/null
cmake --build build/bench --target bench_store -j2 >/dev/null
dir=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && dir=/dev/shm
for n in "${@:-100000}"; do
    db="$dir/archiver-bench-store-$n.db"
    /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
        build/bench/bench/store/bench_store "$n" "$db" ${SNAPSHOTS:+--snapshots} ${SNAPSHOTS:+"$SNAPSHOTS"}
    rm -f "$db" "$db-wal" "$db-shm"
done
