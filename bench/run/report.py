#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Medians of bench.sh samples (name, wall, user, sys, maxrss KB, exit code) as a Markdown table."""
import argparse
import statistics
from collections import OrderedDict

LABELS = OrderedDict([
    ("archiver-cold-full", "archiver run, cold (feeds + article pages, extract, store)"),
    ("archiver-warm-full", "archiver run, warm rerun, nothing changed"),
    ("archiver-cold-feeds", "archiver run, cold, feeds only (`full_text = false`)"),
    ("archiver-warm-feeds", "archiver run, warm, feeds only"),
    ("baseline-cold-full", "baseline (--baseline) run, cold, full text"),
    ("baseline-warm-full", "baseline run, warm, full text"),
    ("baseline-cold-feeds", "baseline (--baseline) run, cold, feeds only"),
    ("baseline-warm-feeds", "baseline run, warm, feeds only"),
    ("newsboat-cold", "newsboat -x reload, cold (reload-threads 8)"),
    ("newsboat-warm", "newsboat -x reload, warm"),
    ("sfeed-cold", "sfeed_update, cold (maxjobs=8)"),
    ("sfeed-warm", "sfeed_update, again"),
    ("feed2exec-cold", "feed2exec fetch, cold (-j 8, output plugin null)"),
    ("feed2exec-warm", "feed2exec fetch, warm (HTTP cache: conditional requests)"),
    ("curl-floor-all", "floor: curl --parallel-max 8, feeds + pages, nothing parsed"),
    ("curl-floor-feeds", "floor: curl --parallel-max 8, feeds only"),
])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samples")
    ap.add_argument("--title", default="")
    args = ap.parse_args()
    runs = {}
    for line in open(args.samples):
        name, wall, user, sys_, rss, rc = line.rstrip("\n").split("\t")
        runs.setdefault(name, []).append(
            (float(wall), float(user) + float(sys_), int(rss) / 1024, int(rc)))
    med = {}
    for name, xs in runs.items():
        med[name] = (statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs),
                     statistics.median(x[2] for x in xs), sorted({x[3] for x in xs}),
                     min(x[0] for x in xs), max(x[0] for x in xs), len(xs))
    if args.title:
        print(args.title + "\n")
    print("| job | wall (median) | wall min–max | CPU user+sys | peak RSS | exit | n | wall / floor |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    for name, label in LABELS.items():
        if name not in med:
            continue
        w, c, r, rc, lo, hi, n = med[name]
        floor = "curl-floor-feeds" if ("feeds" in name or name.split("-")[0] in ("newsboat", "sfeed", "feed2exec")) \
            else "curl-floor-all"
        ratio = f"{w / med[floor][0]:.1f}x" if floor in med and med[floor][0] > 0 else "–"
        print(f"| {label} | {w:.2f} s | {lo:.2f}–{hi:.2f} s | {c:.2f} s | {r:.0f} MB | "
              f"{','.join(map(str, rc))} | {n} | {ratio} |")
    pairs = [("archiver-cold-feeds", "newsboat-cold"), ("archiver-cold-feeds", "sfeed-cold"),
             ("archiver-cold-feeds", "feed2exec-cold"),
             ("archiver-warm-feeds", "newsboat-warm"), ("archiver-warm-feeds", "sfeed-warm"),
             ("archiver-warm-feeds", "feed2exec-warm"),
             ("archiver-warm-full", "newsboat-warm"),
             ("archiver-cold-feeds", "baseline-cold-feeds"), ("archiver-warm-feeds", "baseline-warm-feeds"),
             ("archiver-cold-full", "baseline-cold-full")]
    print("\n| peer / archiver (higher: archiver faster) | wall | CPU |\n|---|---:|---:|")
    for a, b in pairs:
        if a in med and b in med and med[a][0] > 0 and med[a][1] > 0:
            print(f"| {b} / {a} | {med[b][0] / med[a][0]:.1f}x | "
                  f"{med[b][1] / max(med[a][1], 0.01):.1f}x |")


if __name__ == "__main__":
    main()
