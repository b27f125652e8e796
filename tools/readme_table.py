#!/usr/bin/env python3
"""The README's table of the symmetry experiments, produced by Sprout rather than typed.

    python3 tools/readme_table.py --sprout BIN           # rewrite the table in README.md
    python3 tools/readme_table.py --sprout BIN --check   # exit 1 (with a diff) when README.md's table differs

Both run `sprout run configs/symmetry` into a fresh temporary folder (so the table always comes from runs made now,
by this binary, never from an old runs/ folder) and `sprout summarize` on it, and put the output between the two
marker lines of README.md. Training is deterministic and the table has no timing column, so the same binary and
configs give the same bytes: `make readme` writes it, `make test` checks it.
"""
import argparse
import difflib
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- sprout summarize runs/symmetry: begin (make readme writes this table) -->"
END = "<!-- sprout summarize runs/symmetry: end -->"


def table(sprout: str) -> str:
    with tempfile.TemporaryDirectory(prefix="sprout-readme-") as out:
        run = subprocess.run([sprout, "run", str(ROOT / "configs" / "symmetry"), "--out", out, "--quiet"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"sprout run configs/symmetry failed ({run.returncode}):\n{run.stdout}{run.stderr}")
        summary = subprocess.run([sprout, "summarize", str(pathlib.Path(out) / "symmetry")],
                                 capture_output=True, text=True)
        if summary.returncode != 0:
            sys.exit(f"sprout summarize failed ({summary.returncode}):\n{summary.stderr}")
        return summary.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprout", required=True, help="the sprout binary (a release build: the runs take seconds)")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()

    text = README.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        print(f"FAIL README.md must hold the marker lines once each, in order:\n{BEGIN}\n{END}")
        return 1
    head, rest = text.split(BEGIN + "\n", 1)
    old, tail = rest.split(END, 1)
    new = table(args.sprout)
    if args.check:
        if old == new:
            print("ok   README.md's table is what `sprout summarize runs/symmetry` prints for fresh runs")
            return 0
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "README.md", "sprout summarize", lineterm="")
        print("FAIL README.md's table differs from fresh runs (run `make readme` and commit):\n" + "\n".join(diff))
        return 1
    README.write_text(head + BEGIN + "\n" + new + END + tail, encoding="utf-8")
    print("README.md: table rewritten from fresh runs of configs/symmetry")
    return 0


if __name__ == "__main__":
    sys.exit(main())
