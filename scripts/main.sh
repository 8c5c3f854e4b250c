#!/bin/sh
# Installs the dependencies, builds a profile-guided release binary and runs the main job over
# the shipped sources (feeds.d/ of this repository): archive in ./archive, index in
# ./archiver.db.
# Without internet every source fails to fetch: exit code 1 and one line per source.
# See scripts/demo for the same job against bundled pages served on 127.0.0.1.
set -eu
cd "$(dirname "$0")/.."

sh scripts/setup.sh
# The release binary, optimised with a profile of its own feed parsing (scripts/pgo-build.sh:
# an instrumented build, a training run on generated feeds, the optimised build); a plain
# release build if that fails.
jobs=$(nproc 2>/dev/null || echo 2)
if ! sh scripts/pgo-build.sh -j "$jobs"; then
    echo "main: the profile-guided build failed; building without a profile" >&2
    cmake --preset release -DARCHIVER_PGO=
    cmake --build --preset release -j "$jobs"
fi
exec ./build/release/archiver --config . run "$@"
