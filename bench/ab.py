#!/usr/bin/env python3
"""A/B two or more sprout binaries on one workload: `sprout bench` on each in turn, round by round, pinned to core 0,
and each binary's median samples/s and median fraction of the sgemm limit (docs/performance.md, "Which library
computes which product"). Interleaving keeps the machine's drift out of the comparison.

    python3 bench/ab.py --rounds 21 bench/W2-digits.yaml OLD/sprout NEW/sprout
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import measure as run_contestant  # noqa: E402  (bench/run.py: pinned to core 0, its RESULT line's fields)


def measure(binary, config):
    """One `sprout bench` run: (samples/s, sgemm limit samples/s), or exits when it fails."""
    fields = run_contestant(binary, [binary, "bench", config])
    if fields is None or "sgemm_limit_samples_per_s" not in fields:
        sys.exit(f"{binary} bench {config} gave no RESULT line with an sgemm limit")
    return float(fields["samples_per_s"]), float(fields["sgemm_limit_samples_per_s"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11, help="interleaved rounds (default 11)")
    parser.add_argument("config", help="a benchmark config, e.g. bench/W2-digits.yaml")
    parser.add_argument("binaries", nargs="+", help="release-built sprout binaries")
    args = parser.parse_args()
    results = {binary: [] for binary in args.binaries}
    for _ in range(args.rounds):
        for binary in args.binaries:
            results[binary].append(measure(binary, args.config))
    for binary, rows in results.items():
        speeds = [speed for speed, _ in rows]
        fractions = [speed / limit for speed, limit in rows]
        print(f"{binary}: median {statistics.median(speeds):,.0f} samples/s, "
              f"{statistics.median(fractions):.0%} of the sgemm limit; rounds {min(speeds):,.0f} to {max(speeds):,.0f}")


if __name__ == "__main__":
    main()
