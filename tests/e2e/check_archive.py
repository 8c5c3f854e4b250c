#!/usr/bin/env python3
"""Checks an archive folder with real consumers: every Markdown file's front matter must
parse as YAML (PyYAML) and its body must render with cmark-gfm without stray emphasis
markers. Prints one JSON object: {"files": [{"path", "front_matter", "body_text"}], "errors": []}."""
import json
import os
import re
import subprocess
import sys

import yaml


def check(root):
    files, errors = [], []
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.startswith("."):
                errors.append(f"{rel}: hidden or temporary file left in the archive")
                continue
            if not name.endswith(".md"):
                continue
            text = open(path, encoding="utf-8").read()
            m = re.match(r"---\n(.*?)\n---\n\n(.*)\Z", text, re.S)
            if not m:
                errors.append(f"{rel}: no front matter block")
                continue
            try:
                fm = yaml.safe_load(m.group(1))
            except yaml.YAMLError as e:
                errors.append(f"{rel}: YAML: {e}")
                continue
            body = m.group(2)
            html = subprocess.run(["cmark-gfm", "--extension", "table", "--extension",
                                   "strikethrough"], input=body, capture_output=True,
                                  text=True, check=True).stdout
            plain = re.sub(r"<[^>]+>", "", html)
            if "**" in plain or "__" in plain:
                errors.append(f"{rel}: emphasis markers left unparsed by cmark-gfm")
            if body.endswith("\n\n") or "\n\n\n" in body or re.search(r"[ \t]+\n", body):
                errors.append(f"{rel}: stray whitespace in the body")
            files.append({"path": rel, "front_matter": json.loads(json.dumps(fm, default=str)),
                          "body_text": plain})
    return {"files": files, "errors": errors}


if __name__ == "__main__":
    print(json.dumps(check(sys.argv[1]), ensure_ascii=False))
