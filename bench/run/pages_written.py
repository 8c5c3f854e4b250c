#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Pages a run changed in the index, per B-tree (see bench/README.md, "What grows").

    bench/run/pages_written.py BEFORE.db AFTER.db

BEFORE is a copy of the index taken before the run, AFTER the index after it (closed, so
its log is checkpointed). Every 4 KiB page that differs is mapped to its table or index
with SQLite's dbstat virtual table (python3's sqlite3 module; Debian's SQLite has dbstat).
Pages past BEFORE's end or on the freelist show as "(free or new)".
"""
import collections
import sqlite3
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    before, after = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(f"file:{after}?mode=ro", uri=True)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    owner = {pageno: name for name, pageno in con.execute("SELECT name, pageno FROM dbstat")}
    changed = []
    block = page_size * 256
    with open(before, "rb") as fa, open(after, "rb") as fb:
        first = 1
        while True:
            a, b = fa.read(block), fb.read(block)
            if not a and not b:
                break
            if a != b:
                for off in range(0, max(len(a), len(b)), page_size):
                    if a[off:off + page_size] != b[off:off + page_size]:
                        changed.append(first + off // page_size)
            first += 256
    counts = collections.Counter(owner.get(p, "(free or new)") for p in changed)
    print(f"{len(changed)} pages changed ({page_size} bytes each)")
    for name, n in counts.most_common():
        print(f"{n:8d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
