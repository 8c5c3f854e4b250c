#!/bin/sh
# Installs the dependencies, builds a release binary and runs the main job over the shipped
# sources (feeds.d/ of this repository): archive in ./archive, index in ./archiver.db.
# Without internet every source fails to fetch: exit code 1 and one line per source.
# See scripts/demo for the same job against bundled pages served on 127.0.0.1.
set -eu
cd "$(dirname "$0")/.."

sh scripts/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc 2>/dev/null || echo 2)"
exec ./build/release/archiver --config . run "$@"
