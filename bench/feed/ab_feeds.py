#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A/B loop: CPU seconds of `parse-feed` for several archiver binaries and sfeed, alternated.

Each round runs every binary with `--format json` and `--format tsv` on each file, then
sfeed (when installed) on it, so that all share the machine's load; prints the median
user, system and total CPU seconds, the best total, and the median minor page faults and
peak resident memory of each (`wait4`'s rusage of each run; the peak memory of one more
run under /usr/bin/time). Files come from
`bench_feeds.py --keep DIR` (bench.rss, bench.atom).

    /usr/bin/python3 bench/feed/ab_feeds.py --rounds 15 --files DIR/bench.rss DIR/bench.atom \\
        --bins /tmp/archiver.base build/release/archiver
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys


def cpu(cmd, path):
    """(user s, system s, minor faults) of one run of `cmd`, with `path` on its stdin."""
    with open(path, "rb") as fin:
        proc = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return ru.ru_utime, ru.ru_stime, ru.ru_minflt


def peak_rss(cmd, path):
    """Peak resident memory (MB) of one run of `cmd`, measured by /usr/bin/time (a child of
    this interpreter would count the interpreter's memory, inherited at fork)."""
    with open(path, "rb") as fin:
        r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=fin,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(r.stderr.decode().strip().splitlines()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--files", nargs="+", required=True)
    ap.add_argument("--bins", nargs="+", required=True)
    args = ap.parse_args()
    print("| file | program | user (median) | system (median) | total (median) | best |"
          " faults | peak RSS |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for path in args.files:
        res = {}
        cmds = {}
        for _ in range(args.rounds):
            for b in args.bins:
                for fmt in ("json", "tsv"):
                    cmd = [b, "parse-feed", "--format", fmt, path]
                    cmds[f"{b} {fmt}"] = cmd
                    res.setdefault(f"{b} {fmt}", []).append(cpu(cmd, path))
            if shutil.which("sfeed"):
                cmds["sfeed"] = ["sfeed"]
                res.setdefault("sfeed", []).append(cpu(["sfeed"], path))
        for name, v in res.items():
            user = statistics.median(x[0] for x in v)
            system = statistics.median(x[1] for x in v)
            total = statistics.median(x[0] + x[1] for x in v)
            best = min(x[0] + x[1] for x in v)
            faults = statistics.median(x[2] for x in v)
            rss = peak_rss(cmds[name], path)
            print(f"| {path} | {name} | {user:.3f} | {system:.3f} | {total:.3f} | {best:.3f} |"
                  f" {faults:.0f} | {rss:.1f} MB |")


if __name__ == "__main__":
    sys.exit(main())
