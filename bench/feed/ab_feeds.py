#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A/B loop: CPU seconds of `parse-feed` for several archiver binaries and sfeed, alternated.

Each round runs every binary with `--format json` and `--format tsv` on each file, then
sfeed (when installed) on it, so that all share the machine's load; prints the median
user, system and total CPU seconds and the best total of each. Files come from
`bench_feeds.py --keep DIR` (bench.rss, bench.atom).

    /usr/bin/python3 bench/feed/ab_feeds.py --rounds 15 --files DIR/bench.rss DIR/bench.atom \\
        --bins /tmp/archiver.base build/release/archiver
"""
import argparse
import resource
import shutil
import statistics
import subprocess
import sys


def cpu(cmd, path):
    """(user, system) CPU seconds of one run of `cmd` with `path` on its stdin."""
    with open(path, "rb") as fin:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, stdin=fin, stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--files", nargs="+", required=True)
    ap.add_argument("--bins", nargs="+", required=True)
    args = ap.parse_args()
    print("| file | program | user (median) | system (median) | total (median) | best |")
    print("|---|---|---:|---:|---:|---:|")
    for path in args.files:
        res = {}
        for _ in range(args.rounds):
            for b in args.bins:
                for fmt in ("json", "tsv"):
                    res.setdefault(f"{b} {fmt}", []).append(
                        cpu([b, "parse-feed", "--format", fmt, path], path))
            if shutil.which("sfeed"):
                res.setdefault("sfeed", []).append(cpu(["sfeed"], path))
        for name, v in res.items():
            user = statistics.median(x[0] for x in v)
            system = statistics.median(x[1] for x in v)
            total = statistics.median(x[0] + x[1] for x in v)
            best = min(x[0] + x[1] for x in v)
            print(f"| {path} | {name} | {user:.3f} | {system:.3f} | {total:.3f} | {best:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
