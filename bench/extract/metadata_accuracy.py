#!/usr/bin/env python3
"""Title and date accuracy of `archiver extract --format json` on the pages of ../shared/data/cn
whose truth sidecar (*.truth.json) states a title or a publication time.

A title is right when it equals the truth after whitespace is removed; a date is right when
its local date and time (to the minute, as stated by the page) match the truth's.
Usage (from the project root): python3 bench/extract/metadata_accuracy.py build/rel/archiver

The figures are against the sidecars as they are. truth_disputes.json lists sidecar values
that the page itself contradicts, with the evidence (docs/extraction.md, "Metadata misses");
a second line counts those pages with the page's own value instead, so both figures show.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/rel/archiver"
ROOT = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/data/cn")


def squash(s):
    return re.sub(r"\s+", "", s or "")


def truth_fields(t):
    for key in ("gne_output", "expected", "truth"):
        if key in t:
            v = t[key]
            if key == "expected":
                v = v.get("V1", v)
            return v.get("title"), v.get("publish_time") or v.get("publishing_date")
    return t.get("title"), t.get("publish_time") or t.get("date")


def minute(s):
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})", s or "")
    if m:
        return tuple(int(x) for x in m.groups())
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", s or "")
    return tuple(int(x) for x in m.groups()) if m else None


def url_of(manifest, rel):
    return manifest.get(rel, "")


manifest = {}
for line in (ROOT / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
    cols = line.split("\t")
    url = cols[3].split(" ")[0] if len(cols) > 3 and cols[3].startswith("http") else ""
    manifest[cols[0]] = url

DISPUTES = json.loads((Path(__file__).with_name("truth_disputes.json")).read_text(encoding="utf-8"))

titles = dates = title_ok = date_ok = 0
adj_title_ok = adj_date_ok = 0
for sidecar in sorted(ROOT.rglob("*.truth.json")):
    page = Path(str(sidecar)[: -len(".truth.json")])
    if not page.is_file() or "list_page" in str(page):
        continue
    title, date = truth_fields(json.loads(sidecar.read_text(encoding="utf-8")))
    rel = str(page.relative_to(ROOT))
    out = subprocess.run([BIN, "extract", "--format", "json", "--url", url_of(manifest, rel), str(page)],
                         capture_output=True)
    got = json.loads(out.stdout) if out.returncode == 0 else {}
    disputed = DISPUTES.get(rel, {})
    if title:
        titles += 1
        ok = squash(got.get("title")) == squash(title)
        title_ok += ok
        if not ok:
            print(f"title {rel}: {got.get('title')!r} != {title!r}")
        if "title" in disputed:
            ok = squash(got.get("title")) == squash(disputed["title"]["page_says"])
        adj_title_ok += ok
    if date and minute(date):
        dates += 1
        want = minute(date)
        have = minute(got.get("date"))
        # A truth of midnight is a date-only value: the day must match.
        n = 3 if len(want) == 5 and want[3:] == (0, 0) else len(want)
        ok = have is not None and have[:n] == want[:n]
        date_ok += ok
        if not ok:
            print(f"date  {rel}: {got.get('date')!r} != {date!r}")
        if "date" in disputed:
            want = minute(disputed["date"]["page_says"])
            ok = have is not None and have[:len(want)] == want
        adj_date_ok += ok
print(f"titles {title_ok}/{titles}  dates {date_ok}/{dates}")
print(f"with the {len(DISPUTES)} disputed sidecar values replaced by what the page states: "
      f"titles {adj_title_ok}/{titles}  dates {adj_date_ok}/{dates}")
