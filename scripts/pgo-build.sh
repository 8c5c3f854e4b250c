#!/bin/sh
# Builds build/release/archiver with profile-guided optimisation (GCC), in two stages:
#   1. an instrumented build in build/pgo-generate (-DARCHIVER_PGO=generate);
#   2. a training run of that binary: `parse-feed` (JSON, TSV, stdin) on feeds generated
#      here (bench/feed/bench_feeds.py's large RSS 2.0 and Atom 1.0 at 2 000 entries;
#      bench/run/gen_corpus.py's RSS 2.0, Atom, RDF and GBK feeds) and the repository's own
#      test feeds; its profiles go to build/pgo-profile;
#   3. the release preset with -DARCHIVER_PGO=use, reading them.
# The training is feed parsing alone. A training that also ran `archiver run` with full text
# over served pages made parse-feed slower than without a profile (the profile's hot set
# went to the extractor) and `run` no faster; with parsing alone, `run` (500 feeds, feeds
# only) takes the same CPU time as without a profile (bench/feed/README.md).
# Optional: scripts/main.sh builds the plain release, since with the current parser the profile
# makes Atom parsing slower and RSS at most 3% faster (bench/feed/README.md, seventh round).
# Nothing is downloaded. Usage: scripts/pgo-build.sh [-j N]   (default: -j 2)
set -eu
cd "$(dirname "$0")/.."

jobs=2
if [ "${1:-}" = "-j" ] && [ -n "${2:-}" ]; then
    jobs=$2
fi
root=$(pwd)
gen=$root/build/pgo-generate
prof=$root/build/pgo-profile
train=$gen/training

cmake -S . -B "$gen" -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHIVER_BUILD_TESTS=OFF \
    -DARCHIVER_PGO=generate -DARCHIVER_PGO_DIR="$prof" >/dev/null
cmake --build "$gen" -j "$jobs" --target archiver

# The feeds: generated once (deterministic), then every run starts from empty profiles.
if [ ! -f "$train/done" ]; then
    rm -rf "$train"
    mkdir -p "$train"
    python3 -c "
import sys
sys.path.insert(0, 'bench/feed')
import bench_feeds
bench_feeds.gen_rss('$train/large.rss', 2000)
bench_feeds.gen_atom('$train/large.atom', 2000)
"
    python3 bench/run/gen_corpus.py --feeds 20 --items 30 --no-pages "$train/corpus" >/dev/null
    touch "$train/done"
fi
rm -rf "$prof"
# A feed the parser rejects is still a profile of that path: exit codes are not checked.
find "$train" tests/data -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' \) |
    sort | while read -r f; do
        for fmt in json tsv; do
            "$gen/archiver" parse-feed --format "$fmt" "$f" >/dev/null 2>&1 || true
        done
        "$gen/archiver" parse-feed --format json - <"$f" >/dev/null 2>&1 || true
    done
if [ ! -d "$prof" ]; then
    echo "pgo-build: the training run wrote no profiles to $prof" >&2
    exit 1
fi

cmake --preset release -DARCHIVER_PGO=use -DARCHIVER_PGO_DIR="$prof" >/dev/null
# The objects are rebuilt whenever the profiles may have changed: ninja does not know that
# an object depends on its profile.
cmake --build --preset release -j "$jobs" --target archiver --clean-first
