#!/usr/bin/env python3
"""README's "Why random initialization?": its table and its figure, produced by Sprout rather than typed or drawn.

    python3 tools/readme_symmetry.py --sprout BIN           # rewrite the table, the figure's data and its PNG
    python3 tools/readme_symmetry.py --sprout BIN --check   # exit 1 (with a diff) when any of them is not current

Both train configs/symmetry into a fresh temporary folder (so they always come from runs made now, by this binary,
never from an old runs/ folder), then:

- the table: `sprout summarize` of the runs, between README.md's two marker lines;
- the figure: `sprout report` of the runs, the series its charts draw (the digits sweep's validation accuracy and
  distinct units per variant, `FIGURE_CHARTS`) in docs/symmetry-figure.json, and a screenshot of those two charts
  by headless Chromium (`#only=...&charts=...`, docs/report.md) in docs/symmetry-figure.png.

Training is deterministic and neither the table nor the figure's data has a timing value, so the same binary and
configs give the same bytes: `make readme` writes them, `make test` checks them. The PNG is not compared (pixels
may differ between Chromium builds; the data may not).

With --check it also opens the report of every symmetry run in the browser, as a user would see it, and checks
what the page drew against what is on disk, counted here independently of Sprout: it loads with nothing on the
console, every chart is drawn with coloured pixels in its plot area, the table has a row per run directory, and
each sweep chart of a metric holds a line per variant folder.
"""
import argparse
import difflib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FIGURE_DATA = ROOT / "docs" / "symmetry-figure.json"
FIGURE_PNG = ROOT / "docs" / "symmetry-figure.png"
BEGIN = "<!-- sprout summarize runs/symmetry: begin (make readme writes this table) -->"
END = "<!-- sprout summarize runs/symmetry: end -->"
FIGURE_SWEEP = "init-sweep-digits"
FIGURE_CHARTS = ["sweep:val_accuracy", "sweep_distinct_units"]
BROWSERS = ["/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"]


def run(command, what):
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        sys.exit(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def browser():
    for path in BROWSERS:
        if os.access(path, os.X_OK):
            return path
    sys.exit("chromium-headless-shell is not installed (make test installs it: apt-get install chromium-headless-shell)")


def chromium(out, url, *flags):
    """Headless Chromium on `url` with a profile of its own in the scratch folder: (stdout, console lines)."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=out)
    result = subprocess.run([browser(), "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                             "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
                             "--virtual-time-budget=10000", *flags, url],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"chromium on {url} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout, [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def embedded(page):
    start = page.index('<script type="application/json" id="sprout-data">') + len(
        '<script type="application/json" id="sprout-data">')
    return json.loads(page[start:page.index("</script>", start)])


def chart_count(page):
    """The charts the page's sections list (`data-charts="loss accuracy ..."`): the canvases `#all` makes."""
    return sum(len(charts.split()) for charts in re.findall(r' data-charts="([^"]*)"', page))


def figure_data(data):
    """What the figure's two charts draw, per variant: the epochs and validation accuracy, and the first dense
    layer's name, logged epochs and distinct units (the page's own choice: the first layer with that column)."""
    sweep = next(s for s in data["sweeps"] if s["path"] == FIGURE_SWEEP)
    variants = []
    for index, name in zip(sweep["runs"], sweep["variants"]):
        run = data["runs"][index]
        layer = next(l for l in run["layers"] if any(u is not None for u in l["distinct_units"]))
        variants.append({"variant": name, "epoch": run["metrics"]["epoch"],
                         "val_accuracy": run["metrics"]["val_accuracy"],
                         "distinct_units": {"node": layer["node"], "epoch": layer["epoch"],
                                            "values": layer["distinct_units"]}})
    return json.dumps({"sweep": FIGURE_SWEEP, "charts": FIGURE_CHARTS, "variants": variants}, indent=1) + "\n"


def check_page_in_browser(out, runs, page):
    """The report of every symmetry run as the browser draws it, against the run folders on disk."""
    run_dirs = sorted(os.path.relpath(d, runs) for d, _, files in os.walk(runs, followlinks=True)
                      if "run.json" in files and ".store" not in pathlib.Path(d).relative_to(runs).parts)
    variants = {}
    for d in run_dirs:
        parent = os.path.dirname(d)
        if parent and os.path.isfile(os.path.join(runs, parent, "summary.csv")):
            variants.setdefault(parent, []).append(d)
    dom, console = chromium(out, f"file://{runs}/report.html#all&pixels", "--window-size=1280,900", "--dump-dom")
    failures = []
    if console:
        failures.append(f"the page logged: {console}")
    canvases = chart_count(page)
    if f'data-charts-drawn="{canvases}"' not in dom or 'data-charts-failed="' in dom:
        failures.append(f"not all {canvases} charts drawn: " + " ".join(re.findall(r'data-charts-\w+="\d+"', dom)))
    tags = re.findall(r"<canvas[^>]*>", dom)
    for tag in tags:
        painted = re.search(r' data-painted="(\d+)"', tag)
        if not painted or int(painted.group(1)) <= 20:
            failures.append(f"a chart without drawn pixels: {tag}")
    body = dom[dom.index("<tbody>"):dom.index("</tbody>")]
    if body.count("<tr>") != len(run_dirs):
        failures.append(f"the table has {body.count('<tr>')} rows for {len(run_dirs)} run directories")
    sections = re.findall(r'<section class="sweep" id="sweep-\d+"[^>]*>\s*<h3>([^<]*)</h3>(.*?)</section>', dom, re.S)
    if sorted(name for name, _ in sections) != sorted(variants):
        failures.append(f"sweeps {[n for n, _ in sections]}, folders with variants {sorted(variants)}")
    for name, section in sections:
        for tag in re.findall(r'<canvas data-chart="sweep"[^>]*>', section):
            lines = re.search(r' data-lines="(\d+)"', tag)
            if not lines or int(lines.group(1)) != len(variants.get(name, [])):
                failures.append(f"{name}: {len(variants.get(name, []))} variants, chart {tag}")
    return failures, len(run_dirs), len(tags)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprout", required=True, help="the sprout binary (a release build: the runs take seconds)")
    parser.add_argument("--check", action="store_true", help="compare (and check the page in the browser) instead of writing")
    args = parser.parse_args()

    text = README.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        print(f"FAIL README.md must hold the marker lines once each, in order:\n{BEGIN}\n{END}")
        return 1
    head, rest = text.split(BEGIN + "\n", 1)
    old_table, tail = rest.split(END, 1)

    with tempfile.TemporaryDirectory(prefix="sprout-readme-") as out:
        runs = os.path.join(out, "runs")
        run([args.sprout, "run", str(ROOT / "configs" / "symmetry"), "--out", runs, "--quiet"], "sprout run configs/symmetry")
        table = run([args.sprout, "summarize", os.path.join(runs, "symmetry")], "sprout summarize")
        report = os.path.join(runs, "symmetry", "report.html")
        run([args.sprout, "report", os.path.join(runs, "symmetry"), "-o", report], "sprout report")
        page = pathlib.Path(report).read_text(encoding="utf-8")
        data = figure_data(embedded(page))

        if args.check:
            failures = []
            if old_table != table:
                diff = difflib.unified_diff(old_table.splitlines(), table.splitlines(), "README.md", "sprout summarize",
                                            lineterm="")
                failures.append("README.md's table differs from fresh runs (run `make readme` and commit):\n"
                                + "\n".join(diff))
            old_data = FIGURE_DATA.read_text(encoding="utf-8") if FIGURE_DATA.exists() else ""
            if old_data != data:
                diff = difflib.unified_diff(old_data.splitlines(), data.splitlines(), str(FIGURE_DATA.name),
                                            "fresh runs", lineterm="", n=1)
                failures.append("the README figure's data differs from fresh runs (run `make readme` and commit):\n"
                                + "\n".join(list(diff)[:40]))
            if not FIGURE_PNG.exists():
                failures.append(f"{FIGURE_PNG.relative_to(ROOT)} is missing (run `make readme`)")
            page_failures, run_count, charts_drawn = check_page_in_browser(out, os.path.join(runs, "symmetry"), page)
            failures += page_failures
            if failures:
                print("FAIL " + "\nFAIL ".join(failures))
                return 1
            print("ok   README.md's table and figure data are what fresh runs of configs/symmetry give; their report "
                  f"draws all {charts_drawn} charts of {run_count} runs in headless Chromium")
            return 0

        sweeps = re.findall(r'<section class="sweep" id="(sweep-\d+)"[^>]*>\s*<h3>([^<]*)</h3>', page)
        section = next(i for i, name in sweeps if name == FIGURE_SWEEP)
        chromium(out, f"file://{report}#all&only={section}&charts={','.join(FIGURE_CHARTS)}",
                 "--window-size=1220,500", "--hide-scrollbars", f"--screenshot={FIGURE_PNG}")
    README.write_text(head + BEGIN + "\n" + table + END + tail, encoding="utf-8")
    FIGURE_DATA.write_text(data, encoding="utf-8")
    print(f"README.md's table, {FIGURE_DATA.relative_to(ROOT)} and {FIGURE_PNG.relative_to(ROOT)} rewritten from fresh "
          "runs of configs/symmetry")
    return 0


if __name__ == "__main__":
    sys.exit(main())
