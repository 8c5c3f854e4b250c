#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `run` time for a fixed batch of new items against archives of growing size (issue: it must
# not grow with the number of archived articles). See bench/README.md.
#
#   bench/run/archive_size.sh --snapshots DIR [--sizes "0 10000 100000 1000000"] [--reps 3]
#                             [--feeds 20] [--mode "feeds full"] [--archiver PATH]
#                             [--samples FILE]
#
# DIR holds indexes of N archived articles made by `bench/store/run.sh --snapshots DIR N`
# (DIR/store-N.db, with their -wal). For each size and mode, R times: a fresh home whose
# index is a copy of store-N.db (0: an empty index), then one timed `archiver run` over F
# feeds of the benchmark corpus (30 new items each; `feeds`: full_text = false, `full`:
# pages fetched and extracted too), served by nginx on 127.0.0.1. Medians of wall, CPU
# (user+sys; its min-max), user, sys, peak RSS and minor page faults per size and mode, as
# a Markdown table; `--samples FILE` appends the raw samples to FILE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sizes="0 10000 100000 1000000"
reps=3
feeds=20
modes="feeds full"
port=8091
snapshots=""
keep_samples=""
archiver="$root/build/release/archiver"
while [ $# -gt 0 ]; do
    case "$1" in
    --snapshots) snapshots=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --feeds) feeds=$2; shift 2 ;;
    --mode) modes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --archiver) archiver=$2; shift 2 ;;
    --samples) keep_samples=$2; shift 2 ;;
    *) echo "usage: $0 --snapshots DIR [--sizes LIST] [--reps R] [--feeds F] [--mode 'feeds full'] [--archiver PATH] [--samples FILE]" >&2; exit 2 ;;
    esac
done
[ -n "$snapshots" ] || { echo "archive_size.sh: --snapshots DIR is required" >&2; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
base="http://127.0.0.1:$port"
corpus="${BENCH_CORPUS:-$root/build/bench-corpus}/size-n$feeds-p$port"
if [ ! -f "$corpus/lists/pages.txt" ]; then
    python3 "$here/gen_corpus.py" --feeds "$feeds" --base "$base" "$corpus"
fi
work=$(mktemp -d "${BENCH_WORK:-/tmp}/archiver-size.XXXXXX")
cleanup() {
    if [ -f "$work/nginx/nginx.pid" ]; then kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true; fi
    sleep 0.2
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
. "$root/bench/run/nginx.sh"
start_nginx "$work" "$port" "$corpus/www" "$base"

# Untimed, once: fold each snapshot's log into its database (sqlite3 CLI, Debian `sqlite3`),
# so a copy is one file and the timed runs measure the run alone.
for n in $sizes; do
    if [ "$n" != 0 ] && [ -s "$snapshots/store-$n.db-wal" ]; then
        sqlite3 "$snapshots/store-$n.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    fi
done

samples="$work/samples.tsv"
: >"$samples"
for r in $(seq "$reps"); do
    for mode in $modes; do
        for n in $sizes; do
            home="$work/home"
            rm -rf "$home"
            mkdir -p "$home/feeds.d"
            full=false
            [ "$mode" = full ] && full=auto
            printf 'jobs = 8\nper_host = 8\n[defaults]\nfull_text = "%s"\ntimezone = "UTC"\n' "$full" >"$home/archiver.toml"
            i=0
            while read -r url; do
                printf 'url = "%s"\ntype = "feed"\n' "$url" >"$home/feeds.d/f$(printf %04d $i).toml"
                i=$((i + 1))
            done <"$corpus/lists/feeds.txt"
            if [ "$n" != 0 ]; then
                cp "$snapshots/store-$n.db" "$home/archiver.db"
                sync
            fi
            rc=0
            /usr/bin/time -f "%e	%U	%S	%M	%R" -o "$work/time.out" \
                "$archiver" --config "$home" -q run >"$work/run.out" 2>"$work/run.err" || rc=$?
            added=$("$archiver" --config "$home" stats --format json 2>/dev/null |
                python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["articles"])' 2>/dev/null || echo "?")
            printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$n" "$(tail -1 "$work/time.out")" "$rc" "$added" >>"$samples"
            echo "round $r $mode $n: $(tail -1 "$work/time.out") rc=$rc articles=$added" >&2
        done
    done
done
if [ -n "$keep_samples" ]; then cat "$samples" >>"$keep_samples"; fi
python3 - "$samples" "$feeds" "$reps" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    mode, n, wall, user, sys_, rss, minflt, rc, articles = line.rstrip("\n").split("\t")
    rows.setdefault((mode, int(n)), []).append(
        (float(wall), float(user) + float(sys_), float(user), float(sys_), int(rss) / 1024,
         int(minflt), rc, articles))
print(f"{sys.argv[2]} feeds x 30 new items per run; medians of {sys.argv[3]}\n")
print("| mode | archived before the run | wall | CPU user+sys (min-max) | user | sys | peak RSS | minor faults | exit | articles after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
for (mode, n), s in sorted(rows.items()):
    med = lambda k: statistics.median(x[k] for x in s)
    cpu = [x[1] for x in s]
    print(f"| {mode} | {n:,} | {med(0):.2f} s | {med(1):.2f} s ({min(cpu):.2f}-{max(cpu):.2f}) | "
          f"{med(2):.2f} s | {med(3):.2f} s | {med(4):.0f} MB | {med(5):,.0f} | "
          f"{','.join(sorted(set(x[6] for x in s)))} | {s[-1][7]} |")
PY
