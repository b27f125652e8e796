#!/usr/bin/env python3
"""The report of 1000 runs: how long `sprout report` takes, how big the page is, how long it takes to open.

    python3 bench/report_1000.py --sprout BIN [--rounds 5]

The runs are real: configs/ is trained once into a scratch folder (137 runs), then its run folders are copied,
links resolved, into `copy-1/` ... `copy-7/` (959 runs, sweeps and all) and configs/symmetry's 41 once more into
`copy-8/`: 1000 runs with the lengths, layers and sweeps of the project's own configs. Then, median over rounds:

- `sprout report` of the 1000 (wall time) and the page's size;
- opening the page in headless Chromium: the wall time from the browser's start to a screenshot of the page's
  first screen (`--screenshot`, taken once the page has loaded and its script has run: the table, the data parsed,
  the first screen's charts drawn), beside the same on a blank page (the browser's start-up, which a user's open
  browser does not pay); and the page's own clock, read from `--dump-dom`: `data-ready-ms`, from the navigation's
  start to the end of its script, and `data-script-ms`, the script alone. (`--dump-dom`'s own wall time is not
  the measure: printing a 5 MB DOM takes it a second more.)

docs/performance.md quotes the result. Not part of `make test`: it trains 137 runs and starts the browser 10 times.
"""
import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BROWSERS = ["/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"]


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result.stdout


def copy_runs(source, target):
    """Every run folder below `source` (the hidden store skipped) and each sweep's summary.csv, links resolved."""
    for folder, dirs, files in os.walk(source, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = os.path.relpath(folder, source)
        if "run.json" in files:
            shutil.copytree(folder, os.path.join(target, relative), symlinks=False)
            dirs[:] = []
        elif "summary.csv" in files and relative != ".":
            os.makedirs(os.path.join(target, relative), exist_ok=True)
            shutil.copy(os.path.join(folder, "summary.csv"), os.path.join(target, relative))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprout", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    browser = next((b for b in BROWSERS if os.access(b, os.X_OK)), None)
    if browser is None:
        sys.exit("chromium-headless-shell is not installed (apt-get install chromium-headless-shell)")
    with tempfile.TemporaryDirectory(prefix="sprout-report-1000-") as scratch:
        trained = os.path.join(scratch, "trained")
        timed([args.sprout, "run", str(ROOT / "configs"), "--out", trained, "--quiet", "-j", "2"])
        runs = os.path.join(scratch, "runs")
        for copy in range(1, 8):
            copy_runs(trained, os.path.join(runs, f"copy-{copy}"))
        copy_runs(os.path.join(trained, "symmetry"), os.path.join(runs, "copy-8", "symmetry"))
        count = sum(1 for _, _, files in os.walk(runs) if "run.json" in files)
        page = os.path.join(runs, "report.html")
        report = [timed([args.sprout, "report", runs])[0] for _ in range(args.rounds)]
        size = os.path.getsize(page)
        canvases = sum(len(m.split()) for m in re.findall(r' data-charts="([^"]*)"', pathlib.Path(page).read_text(encoding="utf-8")))
        blank = os.path.join(scratch, "blank.html")
        pathlib.Path(blank).write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")

        def open_page(url, *how):
            profile = tempfile.mkdtemp(prefix="profile-", dir=scratch)
            return timed([browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                          f"--user-data-dir={profile}", "--window-size=1280,900", *how, url])

        shot = os.path.join(scratch, "first-screen.png")
        opened, ready, script, drawn = [], [], [], []
        for _ in range(args.rounds):
            opened.append(open_page(f"file://{page}", f"--screenshot={shot}")[0])
            dom = open_page(f"file://{page}", "--dump-dom")[1]
            script.append(int(re.search(r'data-script-ms="(\d+)"', dom).group(1)))
            ready.append(int(re.search(r'data-ready-ms="(\d+)"', dom).group(1)))
            drawn.append(int(re.search(r'data-charts-drawn="(\d+)"', dom).group(1)))
        startup = [open_page(f"file://{blank}", f"--screenshot={shot}")[0] for _ in range(args.rounds)]

    print(f"runs: {count}; page: {size / 1e6:.2f} MB, {canvases} charts")
    print(f"sprout report: median {statistics.median(report):.2f} s over {args.rounds} rounds")
    print(f"headless Chromium, page to screenshot of its first screen: median {statistics.median(opened):.2f} s (a blank page: "
          f"{statistics.median(startup):.2f} s); ready (the page's clock, from the navigation's start to the end of "
          f"its script) median {statistics.median(ready)} ms, the script alone {statistics.median(script)} ms, "
          f"{statistics.median(drawn)} charts drawn on the first screen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
