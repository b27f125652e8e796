#!/usr/bin/env python3
"""Prints a manifest of a runs folder, for checking that a change leaves training bit-identical.

One line per file: its path below the folder and the SHA-256 of what must not change: metrics.csv without its
`seconds` column (the only timing column), layers.csv, config.yaml and every *.safetensors checkpoint, whole.
Run the configs with the release build before and after a change, into two folders, and diff the manifests:

    sprout run configs --out /tmp/before -q; ...; python3 tools/run_manifest.py /tmp/before > before.txt
"""
import csv
import hashlib
import os
import sys


def digest(path, name):
    if name == "metrics.csv":
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        seconds = rows[0].index("seconds")
        text = "\n".join(",".join(r[:seconds] + r[seconds + 1:]) for r in rows)
        return hashlib.sha256(text.encode()).hexdigest()
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(root):
    lines = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name in ("metrics.csv", "layers.csv", "config.yaml") or name.endswith(".safetensors"):
                path = os.path.join(folder, name)
                lines.append(f"{os.path.relpath(path, root)} {digest(path, name)}")
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: run_manifest.py RUNS_FOLDER")
    main(sys.argv[1])
