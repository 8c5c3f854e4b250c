#!/usr/bin/env python3
"""readability-lxml on every page in one process: pages/s/core (CPU time), peak RSS and its
growth over the loaded pages."""
import resource
import sys
import time

from readability import Document

pages = [open(p, "rb").read() for p in sys.argv[1:]]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.process_time()
for raw in pages:
    try:
        Document(raw).summary()
    except Exception:  # noqa: BLE001 - a failed page still counts
        pass
cpu = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"pages={len(pages)} cpu_s={cpu:.2f} pages_per_s_core={len(pages) / cpu:.1f} peak_rss_mb={rss:.0f}"
      f" page_peak_mb={rss - base:.1f}")
