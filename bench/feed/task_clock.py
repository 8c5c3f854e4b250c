#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A/B loop: CPU time of whole commands by `perf stat -e task-clock`, alternated.

getrusage's user and system times come in scheduler ticks (4 ms here), too coarse for runs of
0.13 s; the task-clock software event counts a process's CPU time in nanoseconds and needs no
hardware counters (Debian: linux-perf). Each round runs every command once with FILE on its
stdin, in an order shuffled for each round (so that no command always follows the same one);
prints the median, lower quartile and best CPU seconds of each as Markdown rows, and the
median of its per-round speed against the last command (the reference's time over its time
in the same round: above 1 is faster), which the machine's slow drifts affect least.

    /usr/bin/python3 bench/feed/task_clock.py --rounds 41 --file bench.atom \\
        "new json=build/release/archiver parse-feed --format json bench.atom" "sfeed=sfeed"
"""
import argparse
import random
import subprocess
import sys


def task_clock(cmd, path):
    """CPU seconds of one run of `cmd` (children included), with `path` on its stdin."""
    with open(path, "rb") as fin:
        r = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock"] + cmd, stdin=fin,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stderr}")
    lines = [line for line in r.stderr.splitlines() if ",task-clock," in line]
    return float(lines[-1].split(",")[0]) / 1000  # msec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--file", required=True, help="given to every command on its stdin")
    ap.add_argument("commands", nargs="+", help='"label=command with arguments"')
    args = ap.parse_args()
    specs = [c.split("=", 1) for c in args.commands]
    times = {label: [] for label, _ in specs}
    rng = random.Random(1)
    for _ in range(args.rounds):
        order = list(specs)
        rng.shuffle(order)
        for label, cmd in order:
            times[label].append(task_clock(cmd.split(), args.file))
    ref = specs[-1][0]
    print(f"| program | median | lower quartile | best | speed against {ref} (median of rounds) |")
    print("|---|---:|---:|---:|---:|")
    for label, v in times.items():
        ratios = sorted(r / t for r, t in zip(times[ref], v))
        s = sorted(v)
        print(f"| {label} | {s[len(s) // 2]:.4f} | {s[(len(s) - 1) // 4]:.4f} | {s[0]:.4f} "
              f"| {ratios[len(ratios) // 2]:.3f}x |")


if __name__ == "__main__":
    sys.exit(main())
