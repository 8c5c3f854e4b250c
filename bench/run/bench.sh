#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-run benchmark: archiver against newsboat, sfeed, feed2exec and the curl floor over one corpus
# served by nginx on 127.0.0.1. See bench/README.md.
#
#   bench/run/bench.sh [--feeds N] [--reps R] [--quick] [--feeds-only | --full-only] [--skip 'JOB...']
#                      [--archiver PATH] [--baseline PATH] [--port P] [--keep]
#
# --baseline PATH: also time this archiver binary (jobs baseline_cold_*, baseline_warm_*), each
# round right before the archiver's own jobs: before/after figures from the same rounds.
# --port P: serve on 127.0.0.1:P (default 8089). A corpus generated for another port is served
# as it is, the feed URLs rewritten to P (feeds only: the entries' links keep the corpus's
# port, which the feeds-only jobs never fetch; the full-text jobs need the corpus's port).
#
# --skip 'sfeed newsboat': leave out the jobs whose names start with these words (jobs:
# archiver_cold_full archiver_warm_full archiver_cold_feeds archiver_warm_feeds baseline_cold_full
# baseline_warm_full baseline_cold_feeds baseline_warm_feeds newsboat_cold
# newsboat_warm sfeed_cold sfeed_warm feed2exec_cold feed2exec_warm curl_all curl_feeds).
# --full-only: only the full-text archiver jobs and the full curl floor (no peers).
# --feeds-only: only the feed jobs (archiver with full_text = false, newsboat, sfeed, curl over
# the feeds); the corpus is then generated without article pages.
# --quick: 50 feeds, 3 repetitions. Results: a Markdown table on stdout and in
# $WORK/results.md; raw samples in $WORK/samples.tsv.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
feeds=500
reps=5
port=8089
keep=0
feeds_only=0
full_only=0
skip=""
archiver="$root/build/release/archiver"
baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
    --feeds) feeds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --quick) feeds=50; reps=3; shift ;;
    --archiver) archiver=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --feeds-only) feeds_only=1; shift ;;
    --skip) skip=$2; shift 2 ;;
    --full-only) full_only=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--feeds N] [--reps R] [--quick] [--feeds-only | --full-only] [--skip 'JOB...'] [--archiver PATH] [--baseline PATH] [--port P] [--keep]" >&2; exit 2 ;;
    esac
done

# Peers and tools: Debian packages, installed here (benchmarks are not tests, so they are not
# in scripts/setup.sh).
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ "$full_only" = 0 ]; then # the peers only read feeds: the full-text jobs do not need them
    command -v newsboat >/dev/null || need+=(newsboat)
    command -v sfeed_update >/dev/null || need+=(sfeed)
    command -v feed2exec >/dev/null || need+=(feed2exec)
fi
[ -x /usr/bin/time ] || need+=(time)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$archiver" ]; then
    (cd "$root" && cmake --preset release >/dev/null && cmake --build build/release -j2 --target archiver)
fi

# Corpus on disk (generated once per N, reused); all mutable state on tmpfs.
corpus="${BENCH_CORPUS:-$root/build/bench-corpus}/n$feeds"
gen_flags=()
if [ "$feeds_only" = 1 ]; then
    corpus="$corpus-feeds"
    gen_flags=(--no-pages)
fi
base="http://127.0.0.1:$port"
if [ ! -f "$corpus/lists/pages.txt" ]; then
    python3 "$here/gen_corpus.py" --feeds "$feeds" --base "$base" "${gen_flags[@]}" "$corpus"
fi
work=$(mktemp -d /dev/shm/archiver-bench.XXXXXX)
cleanup() {
    if [ -f "$work/nginx/nginx.pid" ]; then kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true; fi
    sleep 0.2
    [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The URL lists as served here: a corpus generated for another port gets its feed URLs
# rewritten (the files themselves are served unchanged).
corpus_base=$(head -1 "$corpus/lists/feeds.txt" | sed -E 's#^(https?://[^/]+).*#\1#')
mkdir -p "$work/lists"
sed "s#^$corpus_base/#$base/#" "$corpus/lists/feeds.txt" >"$work/lists/feeds.txt"
sed "s#^$corpus_base/#$base/#" "$corpus/lists/pages.txt" >"$work/lists/pages.txt"
if [ "$corpus_base" != "$base" ] && [ "$feeds_only" = 0 ]; then
    echo "bench.sh: $corpus was generated for $corpus_base; its entries link to pages there," >&2
    echo "so the full-text jobs need --port ${corpus_base##*:} (or --feeds-only)" >&2
    exit 2
fi

# nginx: its own config in the temp dir; static files get ETag and Last-Modified by default.
. "$root/bench/run/nginx.sh"
start_nginx "$work" "$port" "$corpus/www" "$base"

# --- configurations for each job ----------------------------------------------------------
make_archiver_home() { # dir full_text
    mkdir -p "$1/feeds.d"
    cat >"$1/archiver.toml" <<EOF
jobs = 8
per_host = 8
[defaults]
full_text = "$2"
timezone = "UTC"
EOF
    local i=0
    while read -r url; do
        printf 'url = "%s"\ntype = "feed"\n' "$url" >"$1/feeds.d/f$(printf %04d $i).toml"
        i=$((i + 1))
    done <"$work/lists/feeds.txt"
}
make_archiver_home "$work/tmpl-full" auto
make_archiver_home "$work/tmpl-feeds" false

mkdir -p "$work/newsboat"
cp "$work/lists/feeds.txt" "$work/newsboat/urls"
cat >"$work/newsboat/config" <<EOF
reload-threads 8
EOF

{
    echo "sfeedpath=\"$work/sfeed/feeds\""
    echo "maxjobs=8"
    echo "feeds() {"
    i=0
    while read -r url; do echo "    feed \"f$i\" \"$url\""; i=$((i + 1)); done <"$work/lists/feeds.txt"
    echo "}"
} >"$work/sfeedrc"

# feed2exec: one INI section per feed, output plugin `null` (accepts every new item and does
# nothing with it, so feed2exec still records each GUID as seen); its database (item cache
# and HTTP cache) is given with --database, on tmpfs.
{
    printf '[DEFAULT]\noutput = feed2exec.plugins.null\n'
    i=0
    while read -r url; do printf '\n[f%d]\nurl = %s\n' "$i" "$url"; i=$((i + 1)); done <"$work/lists/feeds.txt"
} >"$work/feed2exec.ini"

curl_config() { # list -> curl config writing every body to /dev/null
    while read -r url; do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done <"$1"
}
curl_config "$work/lists/feeds.txt" >"$work/curl-feeds.cfg"
cat "$work/lists/feeds.txt" "$work/lists/pages.txt" >"$work/all.txt"
curl_config "$work/all.txt" >"$work/curl-all.cfg"

# --- the jobs -----------------------------------------------------------------------------
# Each job: prepare (untimed), then the timed command. GNU time: wall, user, sys, max RSS KB.
samples="$work/samples.tsv"
: >"$samples"
timed() { # name command...
    local name=$1
    shift
    local rc=0
    /usr/bin/time -f "%e	%U	%S	%M" -o "$work/time.out" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    printf '%s\t%s\t%s\n' "$name" "$(tail -1 "$work/time.out")" "$rc" >>"$samples"
}
fresh_archiver() { rm -rf "$work/home-$1"; cp -r "$work/tmpl-$1" "$work/home-$1"; }
fresh_baseline() { rm -rf "$work/base-$1"; cp -r "$work/tmpl-$1" "$work/base-$1"; }

job_archiver_cold_full() { fresh_archiver full; timed archiver-cold-full "$archiver" --config "$work/home-full" -q run; }
job_archiver_warm_full() { timed archiver-warm-full "$archiver" --config "$work/home-full" -q run; }
job_archiver_cold_feeds() { fresh_archiver feeds; timed archiver-cold-feeds "$archiver" --config "$work/home-feeds" -q run; }
job_archiver_warm_feeds() { timed archiver-warm-feeds "$archiver" --config "$work/home-feeds" -q run; }
job_baseline_cold_full() { fresh_baseline full; timed baseline-cold-full "$baseline" --config "$work/base-full" -q run; }
job_baseline_warm_full() { timed baseline-warm-full "$baseline" --config "$work/base-full" -q run; }
job_baseline_cold_feeds() { fresh_baseline feeds; timed baseline-cold-feeds "$baseline" --config "$work/base-feeds" -q run; }
job_baseline_warm_feeds() { timed baseline-warm-feeds "$baseline" --config "$work/base-feeds" -q run; }
job_newsboat_cold() {
    rm -f "$work/newsboat/cache.db"*
    timed newsboat-cold newsboat -x reload -C "$work/newsboat/config" -u "$work/newsboat/urls" -c "$work/newsboat/cache.db"
}
job_newsboat_warm() {
    timed newsboat-warm newsboat -x reload -C "$work/newsboat/config" -u "$work/newsboat/urls" -c "$work/newsboat/cache.db"
}
job_sfeed_cold() { rm -rf "$work/sfeed"; mkdir -p "$work/sfeed/feeds"; timed sfeed-cold sfeed_update "$work/sfeedrc"; }
job_sfeed_warm() { timed sfeed-warm sfeed_update "$work/sfeedrc"; }
# -j 8: feed2exec fetches the feeds one after another in its main process and parses them
# in a pool of N processes (multiprocessing); 8 matches the others' 8 parallel transfers.
job_feed2exec_cold() {
    rm -f "$work/feed2exec.db"*
    timed feed2exec-cold feed2exec --config "$work/feed2exec.ini" --database "$work/feed2exec.db" fetch -j 8
}
job_feed2exec_warm() {
    timed feed2exec-warm feed2exec --config "$work/feed2exec.ini" --database "$work/feed2exec.db" fetch -j 8
}
job_curl_feeds() { timed curl-floor-feeds curl -s --compressed --parallel --parallel-max 8 -K "$work/curl-feeds.cfg"; }
job_curl_all() { timed curl-floor-all curl -s --compressed --parallel --parallel-max 8 -K "$work/curl-all.cfg"; }

order=(archiver_cold_full archiver_warm_full newsboat_cold newsboat_warm sfeed_cold sfeed_warm
    feed2exec_cold feed2exec_warm curl_all archiver_cold_feeds archiver_warm_feeds curl_feeds)
if [ "$feeds_only" = 1 ]; then
    order=(archiver_cold_feeds archiver_warm_feeds newsboat_cold newsboat_warm sfeed_cold sfeed_warm
        feed2exec_cold feed2exec_warm curl_feeds)
elif [ "$full_only" = 1 ]; then
    order=(archiver_cold_full archiver_warm_full curl_all)
fi
if [ -n "$baseline" ]; then
    with_baseline=()
    for job in "${order[@]}"; do
        case "$job" in archiver_*) with_baseline+=("baseline_${job#archiver_}") ;; esac
        with_baseline+=("$job")
    done
    order=("${with_baseline[@]}")
fi
if [ -n "$skip" ]; then
    kept=()
    for job in "${order[@]}"; do
        drop=0
        for s in $skip; do case "$job" in "$s"*) drop=1 ;; esac; done
        [ "$drop" = 1 ] || kept+=("$job")
    done
    order=("${kept[@]}")
fi
# A warm-up pass (untimed data) puts the corpus in the page cache; then R interleaved rounds.
for job in "${order[@]}"; do "job_$job"; done
: >"$samples"
for r in $(seq "$reps"); do
    echo "round $r/$reps" >&2
    for job in "${order[@]}"; do "job_$job"; done
done

# Sanity: what the archiver stored in the last cold full run.
articles=$(find "$work"/home-* -name '*.md' 2>/dev/null | wc -l || true)
feed_bytes=$(du -sb "$corpus/www/feeds" | cut -f1)
page_count=$(wc -l <"$work/lists/pages.txt")
load=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$here/report.py" "$samples" \
    --title "$feeds feeds, $((feeds * 30)) items, $([ "$feeds_only" = 1 ] && echo "feeds only" || echo "$page_count article pages"); $reps rounds; load average at end $load; Markdown files in the last archiver folders: $articles" \
    | tee "$work/results.md"
[ "$keep" = 1 ] && echo "state kept in $work" >&2
exit 0
