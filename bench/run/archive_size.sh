#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `run` time for a fixed batch of new items against archives of growing size (issue: it must
# not grow with the number of archived articles). See bench/README.md.
#
#   bench/run/archive_size.sh --snapshots DIR [--sizes "0 10000 100000 1000000"] [--reps 3]
#                             [--feeds 20] [--mode "feeds full"] [--archiver PATH]
#                             [--baseline PATH [--baseline-snapshots DIR]] [--counts]
#                             [--samples FILE]
#
# DIR holds indexes of N archived articles made by `bench/store/run.sh --snapshots DIR N`
# (DIR/store-N.db, with their -wal). For each size and mode, R times: a fresh home whose
# index is a copy of store-N.db (0: an empty index), then one timed `archiver run` over F
# feeds of the benchmark corpus (30 new items each; `feeds`: full_text = false, `full`:
# pages fetched and extracted too), served by nginx on 127.0.0.1. Medians of wall, CPU
# (user+sys; its min-max), user, sys, peak RSS and minor page faults per size and mode, as
# a Markdown table; `--samples FILE` appends the raw samples to FILE.
#
# --baseline PATH times a second binary in the same rounds (baseline, then the other, at
# each size), on copies of --baseline-snapshots DIR when its index has an older schema.
# --counts adds one untimed run of each binary at each size under strace and callgrind:
# pread/pwrite calls, instructions, and index pages changed per B-tree (needs strace and
# valgrind). Run homes are on /dev/shm unless BENCH_WORK names another folder.
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
baseline=""
baseline_snapshots=""
with_counts=""
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
    --baseline) baseline=$2; shift 2 ;;
    --baseline-snapshots) baseline_snapshots=$2; shift 2 ;;
    --counts) with_counts=1; shift ;;
    *) echo "usage: $0 --snapshots DIR [--sizes LIST] [--reps R] [--feeds F] [--mode 'feeds full'] [--archiver PATH] [--baseline PATH [--baseline-snapshots DIR]] [--counts] [--samples FILE]" >&2; exit 2 ;;
    esac
done
[ -n "$snapshots" ] || { echo "archive_size.sh: --snapshots DIR is required" >&2; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
base="http://127.0.0.1:$port"
corpus="${BENCH_CORPUS:-$root/build/bench-corpus}/size-n$feeds-p$port"
if [ ! -f "$corpus/lists/pages.txt" ]; then
    python3 "$here/gen_corpus.py" --feeds "$feeds" --base "$base" "$corpus"
fi
# The run homes on tmpfs (BENCH_WORK overrides): creating many files on a disk file system
# can cost more than the run itself.
work_root=${BENCH_WORK:-/dev/shm}
[ -d "$work_root" ] && [ -w "$work_root" ] || work_root=${TMPDIR:-/tmp}
work=$(mktemp -d "$work_root/archiver-size.XXXXXX")
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

# A fresh home: config, one feeds.d file per feed, and a copy of the snapshot of $2 archived
# articles from $3 (none for 0).
make_home() {
    local mode=$1 n=$2 snap=$3 full=false i=0
    home="$work/home"
    rm -rf "$home"
    mkdir -p "$home/feeds.d"
    [ "$mode" = full ] && full=auto
    printf 'jobs = 8\nper_host = 8\n[defaults]\nfull_text = "%s"\ntimezone = "UTC"\n' "$full" >"$home/archiver.toml"
    while read -r url; do
        printf 'url = "%s"\ntype = "feed"\n' "$url" >"$home/feeds.d/f$(printf %04d $i).toml"
        i=$((i + 1))
    done <"$corpus/lists/feeds.txt"
    if [ "$n" != 0 ]; then
        cp "$snap/store-$n.db" "$home/archiver.db"
        sync
    fi
}

# The binaries compared: label, path, snapshots (the baseline first in each round).
labels=(new)
binaries=("$archiver")
snapdirs=("$snapshots")
if [ -n "$baseline" ]; then
    labels=(baseline new)
    binaries=("$baseline" "$archiver")
    snapdirs=("${baseline_snapshots:-$snapshots}" "$snapshots")
fi

samples="$work/samples.tsv"
: >"$samples"
for r in $(seq "$reps"); do
    for mode in $modes; do
        for n in $sizes; do
            for b in "${!binaries[@]}"; do
                make_home "$mode" "$n" "${snapdirs[$b]}"
                rc=0
                /usr/bin/time -f "%e	%U	%S	%M	%R" -o "$work/time.out" \
                    "${binaries[$b]}" --config "$home" -q run >"$work/run.out" 2>"$work/run.err" || rc=$?
                added=$("${binaries[$b]}" --config "$home" stats --format json 2>/dev/null |
                    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["articles"])' 2>/dev/null || echo "?")
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${labels[$b]}" "$mode" "$n" "$(tail -1 "$work/time.out")" "$rc" "$added" >>"$samples"
                echo "round $r ${labels[$b]} $mode $n: $(tail -1 "$work/time.out") rc=$rc articles=$added" >&2
            done
        done
    done
done

# --counts: one more run of each binary, mode and size, untimed, for figures that do not
# depend on the machine's load: the pread/pwrite calls (strace -f -c), the index pages the
# run changed by B-tree (pages_written.py), and instructions (callgrind: all threads, and
# the run thread, which does every index read and write).
counts="$work/counts.tsv"
: >"$counts"
if [ -n "$with_counts" ]; then
    for mode in $modes; do
        for n in $sizes; do
            for b in "${!binaries[@]}"; do
                make_home "$mode" "$n" "${snapdirs[$b]}"
                [ "$n" != 0 ] && cp "$home/archiver.db" "$work/before.db"
                strace -f -c -o "$work/strace.out" "${binaries[$b]}" --config "$home" -q run >/dev/null 2>&1 || true
                pread=$(awk '$NF == "pread64" {print $4}' "$work/strace.out")
                pwrite=$(awk '$NF == "pwrite64" {print $4}' "$work/strace.out")
                pages="-"
                if [ "$n" != 0 ]; then
                    "${binaries[$b]}" --config "$home" stats >/dev/null 2>&1 || true
                    pages=$(python3 "$root/bench/run/pages_written.py" "$work/before.db" "$home/archiver.db" |
                        awk 'NR == 1 {t = $1} NR > 1 && NR <= 4 {top = top (top ? ", " : "") $2 " " $1} END {print t " (" top ")"}')
                    rm -f "$work/before.db"
                fi
                make_home "$mode" "$n" "${snapdirs[$b]}"
                rm -f "$work"/callgrind.out.*
                valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/callgrind.out.%p" \
                    "${binaries[$b]}" --config "$home" -q run >/dev/null 2>"$work/callgrind.err" || true
                all=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/callgrind.err" | tail -1)
                main=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$work"/callgrind.out.*-01 2>/dev/null | head -1)
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${labels[$b]}" "$mode" "$n" "${all:-0}" "${main:-0}" \
                    "${pread:-0}" "${pwrite:-0}" "$pages" >>"$counts"
                echo "counts ${labels[$b]} $mode $n: $(tail -1 "$counts")" >&2
            done
        done
    done
fi
if [ -n "$keep_samples" ]; then cat "$samples" >>"$keep_samples"; fi
python3 - "$samples" "$counts" "$feeds" "$reps" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, mode, n, wall, user, sys_, rss, minflt, rc, articles = line.rstrip("\n").split("\t")
    rows.setdefault((label, mode, int(n)), []).append(
        (float(wall), float(user) + float(sys_), float(user), float(sys_), int(rss) / 1024,
         int(minflt), rc, articles))
labels = sorted({k[0] for k in rows})
print(f"{sys.argv[3]} feeds x 30 new items per run; medians of {sys.argv[4]}\n")
print("| binary | mode | archived before the run | wall | CPU user+sys (min-max) | user | sys | peak RSS | minor faults | exit | articles after |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
for (label, mode, n), s in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
    med = lambda k: statistics.median(x[k] for x in s)
    cpu = [x[1] for x in s]
    print(f"| {label} | {mode} | {n:,} | {med(0):.2f} s | {med(1):.2f} s ({min(cpu):.2f}-{max(cpu):.2f}) | "
          f"{med(2):.2f} s | {med(3):.2f} s | {med(4):.0f} MB | {med(5):,.0f} | "
          f"{','.join(sorted(set(x[6] for x in s)))} | {s[-1][7]} |")
counts = [line.rstrip("\n").split("\t") for line in open(sys.argv[2])]
if counts:
    print("\nOne untimed run each: instructions (callgrind), pread/pwrite calls (strace), index pages changed\n")
    print("| binary | mode | archived before the run | instructions, all threads | run thread | pread | pwrite | pages changed (largest B-trees) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for label, mode, n, all_, main, pread, pwrite, pages in sorted(counts, key=lambda c: (c[1], int(c[2]), c[0])):
        print(f"| {label} | {mode} | {int(n):,} | {int(all_) / 1e6:,.0f} M | {int(main) / 1e6:,.0f} M | "
              f"{int(pread):,} | {int(pwrite):,} | {pages} |")
PY
