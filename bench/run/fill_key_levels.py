#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fills the key levels of a schema-11 index with synthetic rows (bench/README.md, "Key levels").

    bench/run/fill_key_levels.py DB S0 S1 S2 C0 C1 C2

Adds S0..S2 rows to text_sketch_0..2 and C0..C2 to content_keys_0..2: sketch keys drawn near
the bottom level's own keys, content keys uniform, article ids past every real one, random
SimHash; each level in key order, as a merge leaves it."""
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
sizes = [int(x) for x in sys.argv[2:8]]
rnd = random.Random(11)
pool = [r[0] for r in db.execute("SELECT hash FROM text_sketch WHERE article_id % 4 = 1")]
next_id = 5_000_000
def rows(n, sketch):
    global next_id
    out = []
    for _ in range(n):
        h = (rnd.choice(pool) ^ rnd.getrandbits(12)) if sketch else rnd.getrandbits(64) - (1 << 63)
        out.append((h, next_id, rnd.getrandbits(64) - (1 << 63) if sketch else 0))
        next_id += 1
    out.sort()
    return out
for i, (fam, sketch) in enumerate([("text_sketch", True), ("content_keys", False)]):
    for level in range(3):
        n = sizes[3 * i + level]
        if n:
            db.executemany(f"INSERT OR IGNORE INTO {fam}_{level} VALUES (?, ?, ?)", rows(n, sketch))
db.commit()
for fam in ("text_sketch", "content_keys"):
    print(fam, [db.execute(f"SELECT count(*) FROM {fam}_{l}").fetchone()[0] for l in range(3)])
