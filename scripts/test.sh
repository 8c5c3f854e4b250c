#!/bin/sh
# Installs the dependencies, builds with warnings as errors and runs the whole test suite,
# then does the same under AddressSanitizer + UndefinedBehaviorSanitizer.
# Usage: scripts/test.sh [--no-asan]
set -eu
cd "$(dirname "$0")/.."

sh scripts/setup.sh
sh scripts/check-layering.sh

jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset ci
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

if [ "${1:-}" != "--no-asan" ]; then
    cmake --preset asan
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
fi
echo "test.sh: all tests passed"
