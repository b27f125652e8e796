#!/usr/bin/env python3
"""make bench-batch: the wall time of `sprout run` on a batch of tiny runs, i.e. Sprout's per-run overhead.

The workload is bench/W1-tiny-batch.yaml: W1 for 5 epochs over 20 seeds, a sweep of 20 runs that each train for a
few milliseconds, so nearly all of the batch's time is what Sprout spends per run besides training (a worker
process, the run's files and their fsyncs, run.json, summary.csv). ../shared/bench/README.md measured one PyTorch
process training the same 20 configs in a loop at 6.0 s.

Each round, in a fresh temporary output folder (so that every run trains):
  fresh      sprout run CONFIG --out OUT -j JOBS      every run trained
  current    the same command again                   every run up to date, nothing trained
  restored   the links OUT/W1-tiny-batch/* removed, then the same command: every run restored from the store
The wall time of each (the whole process, start-up included) is taken; the median over the rounds is reported,
with the minimum and maximum, and the load average before and after (the machine is shared: quote medians, and
the load beside them). Rounds interleave the three cases so that drift spreads over all of them. With several
--sprout binaries (before and after a change), each round runs every binary in turn, so that they are compared
side by side under the same load. Nothing is timed inside Sprout's tests; this is the only place this number comes
from.

Usage: python3 bench/batch_overhead.py --sprout PATH [--sprout PATH2 ...] [--rounds 9] [--jobs 2] [--config FILE]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTORCH_SECONDS = 6.0  # ../shared/bench/README.md: 20 W1 configs x 5 epochs, one PyTorch process


def timed(command):
    """Wall seconds of `command`, which must succeed (its output is discarded; its errors are shown on failure)."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return seconds


def remove_links(out, name):
    """Removes the run paths (links into the store) of the sweep `name`, so that the next batch restores them."""
    folder = os.path.join(out, name)
    for entry in os.listdir(folder):
        path = os.path.join(folder, entry)
        if os.path.islink(path):
            os.unlink(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sprout", required=True, action="append",
                        help="the sprout binary (a release build); repeat to compare binaries round by round")
    parser.add_argument("--config", default=os.path.join(HERE, "W1-tiny-batch.yaml"))
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    name = os.path.splitext(os.path.basename(args.config))[0]
    cases = {binary: {"fresh": [], "current": [], "restored": []} for binary in args.sprout}
    load_before = os.getloadavg()
    for round_number in range(1, args.rounds + 1):
        for binary in args.sprout:
            times = cases[binary]
            out = tempfile.mkdtemp(prefix="sprout-batch-overhead.")
            try:
                command = [binary, "run", args.config, "--out", out, "-j", str(args.jobs)]
                times["fresh"].append(timed(command))
                runs = sum(1 for entry in os.scandir(os.path.join(out, name)) if entry.is_symlink())
                if runs != 20:
                    sys.exit(f"expected 20 runs in {out}/{name}, found {runs}")
                times["current"].append(timed(command))
                remove_links(out, name)
                times["restored"].append(timed(command))
            finally:
                shutil.rmtree(out, ignore_errors=True)
            print(f"round {round_number} {binary}: "
                  + ", ".join(f"{case} {values[-1]:.3f} s" for case, values in times.items()), file=sys.stderr)
    load_after = os.getloadavg()
    print(f"\n{os.path.basename(args.config)}, -j {args.jobs}, {args.rounds} rounds; load average (1 min) "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; {os.cpu_count()} cores\n")
    print("| binary | case | median s | min s | max s |")
    print("|---|---|---|---|---|")
    for binary, times in cases.items():
        for case, values in times.items():
            print(f"| {binary} | {case} | {statistics.median(values):.3f} | {min(values):.3f} | {max(values):.3f} |")
    for binary, times in cases.items():
        fresh = statistics.median(times["fresh"])
        print(f"\n{binary}: fresh batch against one PyTorch process training the 20 runs in a loop "
              f"({PYTORCH_SECONDS} s): {PYTORCH_SECONDS / fresh:.1f}x faster")


if __name__ == "__main__":
    main()
