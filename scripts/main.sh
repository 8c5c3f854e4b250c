#!/bin/sh
# Installs the dependencies, builds the release binary and runs the main job over the shipped
# sources (feeds.d/ of this repository): archive in ./archive, index in ./archiver.db.
# Without internet every source fails to fetch: exit code 1 and one line per source.
# See scripts/demo for the same job against bundled pages served on 127.0.0.1.
set -eu
cd "$(dirname "$0")/.."

sh scripts/setup.sh
# The plain release build: the profile-guided one (scripts/pgo-build.sh) no longer pays for
# its second compile (bench/feed/README.md, seventh round: slower on Atom, within 3% on RSS,
# the same for `run`). -DARCHIVER_PGO= clears a profile left configured by that script.
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset release -DARCHIVER_PGO=
cmake --build --preset release -j "$jobs"
exec ./build/release/archiver --config . run "$@"
