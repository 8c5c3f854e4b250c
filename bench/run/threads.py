#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a command and reports, per thread name, where its wall time went: on a CPU, waiting
for one (runnable, preempted by other processes), or asleep (blocked: waiting for the
network, a queue, a lock, the disk). Read from /proc/PID/task/TID/schedstat (on-CPU ns,
run-queue wait ns) every 50 ms; threads that end between samples keep their last values.

    bench/run/threads.py build/release/archiver --config HOME -q run

The asleep column is what tells a starved stage from a busy one on a loaded machine: a
thread that is never asleep is the bottleneck, however long it waited for a CPU.
"""
import os
import subprocess
import sys
import time


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    started = time.monotonic()
    proc = subprocess.Popen(sys.argv[1:])
    threads = {}  # tid -> [name, first seen, last seen, on-cpu ns, wait ns]
    while proc.poll() is None:
        now = time.monotonic()
        try:
            tids = os.listdir(f"/proc/{proc.pid}/task")
        except OSError:
            tids = []
        for tid in tids:
            stat = read(f"/proc/{proc.pid}/task/{tid}/schedstat")
            name = read(f"/proc/{proc.pid}/task/{tid}/comm")
            if stat is None or name is None:
                continue
            cpu, wait = (int(x) for x in stat.split()[:2])
            entry = threads.setdefault(tid, [name.strip(), now, now, 0, 0])
            entry[0] = name.strip()
            entry[2] = now
            entry[3], entry[4] = cpu, wait
        time.sleep(0.05)
    wall = time.monotonic() - started
    print(f"exit {proc.returncode}; wall {wall:.2f} s", file=sys.stderr)
    by_name = {}
    for name, first, last, cpu, wait in threads.values():
        agg = by_name.setdefault(name, [0, 0.0, 0.0, 0.0])
        agg[0] += 1
        agg[1] += last - first
        agg[2] += cpu / 1e9
        agg[3] += wait / 1e9
    print("| thread | count | alive s | on CPU s | waiting for a CPU s | asleep s |", file=sys.stderr)
    print("|---|---:|---:|---:|---:|---:|", file=sys.stderr)
    for name, (n, alive, cpu, wait) in sorted(by_name.items(), key=lambda kv: -kv[1][2]):
        asleep = max(0.0, alive - cpu - wait)
        print(f"| {name} | {n} | {alive:.2f} | {cpu:.2f} | {wait:.2f} | {asleep:.2f} |",
              file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
