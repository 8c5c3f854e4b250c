#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Feed parse throughput: archiver parse-feed vs sfeed vs python3-feedparser.

Generates a large RSS 2.0 and a large Atom 1.0 file (deterministic content: titles,
links, guids, dates, HTML descriptions with entities, categories, enclosures, some CJK),
then times each parser on each file and prints a Markdown table of MB/s (median of N runs,
the parsers taking turns; CPU time, so that other load on the machine counts as little as
it can: perf's task-clock when perf is installed, else user + system seconds).

Usage (from the project root, after a release build):
    cmake --preset release && cmake --build build/release -j2
    /usr/bin/python3 bench/feed/bench_feeds.py [--archiver build/release/archiver]
        [--items 20000] [--runs 3]

sfeed and feedparser are optional: `apt-get install sfeed python3-feedparser`. feedparser is
timed in-process (interpreter start-up excluded); the two programs are timed as whole
processes (start-up and output included), so the comparison favours feedparser. sfeed reads
stdin (its only input); archiver reads the file named on its command line (its usual use),
and once more from stdin, which costs it more (the input buffer grows as it is read).
"""
import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PERF = shutil.which("perf")

WORDS = ("feed parser archive news report market policy city science data "
         "人民 经济 科技 发展 市场 数据 会议 报道").split()


def para(i, n):
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n))


def gen_rss(path, items):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
                '<title>Benchmark feed</title><link>https://example.com/</link>\n'
                '<description>Generated for throughput tests</description>\n'
                '<lastBuildDate>Fri, 07 Feb 2025 12:20:46 +0800</lastBuildDate>\n')
        for i in range(items):
            day = 1 + i % 28
            f.write(
                f"<item><title>Item {i}: {para(i, 6)} &amp; more</title>\n"
                f"<link>https://example.com/news/{i}.html?a=1&amp;b=2</link>\n"
                f"<guid isPermaLink=\"false\">bench-{i}</guid>\n"
                f"<pubDate>Fri, {day:02d} Feb 2025 12:{i % 60:02d}:46 +0800</pubDate>\n"
                f"<dc:creator>Author {i % 50}</dc:creator>\n"
                f"<category>cat{i % 13}</category><category>tag{i % 7}</category>\n"
                f"<description>&lt;p&gt;{para(i, 40)} &amp;mdash; &lt;a href=\"/r/{i}\"&gt;more&lt;/a&gt;&lt;/p&gt;</description>\n"
                f"<content:encoded><![CDATA[<p>{para(i + 1, 80)}</p><p><img src=\"/img/{i}.jpg\" alt=\"x\"> "
                f"<b>{para(i + 2, 10)}</b> <script>track({i})</script></p>]]></content:encoded>\n"
                f"<enclosure url=\"https://example.com/a/{i}.mp3\" type=\"audio/mpeg\" length=\"{1000 + i}\"/>\n"
                "</item>\n")
        f.write("</channel>\n</rss>\n")


def gen_atom(path, items):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/">\n'
                '<title>Benchmark feed</title><link href="/"/><id>urn:bench</id>\n'
                '<updated>2025-02-07T12:20:46+08:00</updated>\n')
        for i in range(items):
            day = 1 + i % 28
            f.write(
                f"<entry><title type=\"html\">Item {i}: {para(i, 6)} &amp;amp; more</title>\n"
                f"<link rel=\"alternate\" type=\"text/html\" href=\"/news/{i}.html\"/>\n"
                f"<link rel=\"enclosure\" type=\"audio/mpeg\" length=\"{1000 + i}\" href=\"/a/{i}.mp3\"/>\n"
                f"<id>urn:bench:{i}</id>\n"
                f"<published>2025-02-{day:02d}T12:{i % 60:02d}:46+08:00</published>\n"
                f"<updated>2025-02-{day:02d}T13:{i % 60:02d}:46Z</updated>\n"
                f"<author><name>Author {i % 50}</name><email>a{i % 50}@example.com</email></author>\n"
                f"<category term=\"cat{i % 13}\"/>\n"
                f"<summary>{para(i, 40)}</summary>\n"
                f"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{para(i + 1, 80)}</p>"
                f"<p><img src=\"/img/{i}.jpg\" alt=\"x\"/> <b>{para(i + 2, 10)}</b></p></div></content>\n"
                "</entry>\n")
        f.write("</feed>\n")


def cpu_of(cmd, path):
    """CPU seconds of one run of `cmd` with `path` on its stdin (on a shared machine wall time
    measures the neighbours): by `perf stat -e task-clock`, in nanoseconds, when perf is
    installed (Debian: linux-perf); else user + system time from getrusage, which comes in
    scheduler ticks (4 ms here, about 3% of a run on the 30 MB files)."""
    with open(path, "rb") as fin:
        if PERF:
            p = subprocess.run([PERF, "stat", "-x,", "-e", "task-clock"] + cmd, stdin=fin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"{cmd[0]} failed: {p.stderr[-200:]!r}")
            lines = [line for line in p.stderr.splitlines() if ",task-clock," in line]
            return float(lines[-1].split(",")[0]) / 1000  # msec
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {p.stderr[-200:]!r}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_feedparser(path):
    import feedparser  # noqa: PLC0415 (optional dependency)
    data = open(path, "rb").read()
    t0 = time.process_time()
    feedparser.parse(data)
    return time.process_time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archiver", default="build/release/archiver")
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="folder to write the generated files to (kept)")
    args = ap.parse_args()
    tmp = args.keep or tempfile.mkdtemp(prefix="feedbench.")
    os.makedirs(tmp, exist_ok=True)
    files = {"RSS 2.0": os.path.join(tmp, "bench.rss"), "Atom 1.0": os.path.join(tmp, "bench.atom")}
    gen_rss(files["RSS 2.0"], args.items)
    gen_atom(files["Atom 1.0"], args.items)
    rows = []
    for kind, path in files.items():
        mb = os.path.getsize(path) / 1e6
        cmds = {
            "archiver (json)": [args.archiver, "parse-feed", "--format", "json", path],
            "archiver (tsv)": [args.archiver, "parse-feed", "--format", "tsv", path],
            "archiver (json, stdin)": [args.archiver, "parse-feed", "--format", "json", "-"],
        }
        if shutil.which("sfeed"):
            cmds["sfeed"] = ["sfeed"]
        try:
            import feedparser  # noqa: F401,PLC0415 (optional dependency)
            has_feedparser = True
        except ImportError:
            has_feedparser = False
        # The programs take turns, round after round, so that they share the machine's load;
        # feedparser's in-process runs come after them (run between the rounds, its parse
        # left the next program's run the slowest of the round).
        # The order is shuffled in each round, so that no program always follows the same one.
        times = {name: [] for name in cmds}
        rng = random.Random(1)
        for _ in range(args.runs):
            order = list(cmds.items())
            rng.shuffle(order)
            for name, cmd in order:
                times[name].append(cpu_of(cmd, path))
        if has_feedparser:
            times["python3-feedparser"] = [time_feedparser(path) for _ in range(args.runs)]
        for name, ts in times.items():
            med = statistics.median(ts)
            # Against sfeed: the median of the rounds' ratios (both timed in the same round,
            # so a neighbour's burst counts against both), not the ratio of the medians.
            vs = (statistics.median(s / t for s, t in zip(times["sfeed"], ts))
                  if "sfeed" in times else None)
            rows.append((kind, f"{mb:.1f}", name, med, min(ts), mb / med, vs))
    fp = {r[0]: r[3] for r in rows if r[2] == "python3-feedparser"}
    clock = "perf task-clock" if PERF else "getrusage user + system"
    print(f"{args.items} items per file; CPU seconds ({clock}; feedparser: process_time), "
          f"median and best of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs\n")
    print("| file | MB | parser | CPU s (median) | best | MB/s | vs feedparser "
          "| vs sfeed (median of rounds) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for kind, mb, name, secs, best, rate, vs_sfeed in rows:
        vf = f"{fp[kind] / secs:.1f}x" if kind in fp else "-"
        vs = f"{vs_sfeed:.2f}x" if vs_sfeed is not None else "-"
        print(f"| {kind} | {mb} | {name} | {secs:.3f} | {best:.3f} | {rate:.1f} | {vf} | {vs} |")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
