#!/usr/bin/env python3
"""Where the time of `sprout run` on a batch of tiny runs goes (docs/performance.md, "Per-run overhead").

Two views, each over a few batches of bench/W1-tiny-batch.yaml into fresh output folders (`perf` needed, as root or
with perf_event_paranoid low enough):

  timeline  the batch's critical path from the kernel's sched_process_exec/exit tracepoints (no sampling, little
            overhead): start to the first git and the first worker, each worker's lifetime, the gap between a
            worker's end and the next worker's start, the tail. Medians over the batches, in ms.
  cpu       CPU time by what it was spent on, from `perf record -e cpu-clock -c 100000 -g` (one sample per 0.1 ms
            of CPU: a fixed period, since -F over-samples the start of every short-lived process), each sample put
            in the first category of CATEGORIES whose pattern its call stack matches. The profiler's unwinding
            inflates CPU time (compare `perf stat -e task-clock`); the shares are what to read.

Usage: python3 bench/batch_profile.py timeline|cpu --sprout PATH [--sprout PATH2 ...] [--batches 5]
"""
import argparse
import collections
import os
import re
import shutil
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "W1-tiny-batch.yaml")
RUNS = 20

# (category, pattern over a sample's stack of symbols and libraries); the first match wins.
CATEGORIES = [
    ("file system calls (kernel: create, rename, fsync, mkdir, symlink, stat, read, write)",
     r"__x64_sys_(openat|fsync|rename|mkdir|symlink|unlink|newfstatat|getdents64|read|write|close)\b|do_sys_openat2"),
    ("git provenance", r"GitState"),
    ("ArgumentParser's parse", r"parseAsRoot"),
    ("the worker's order decoded (JSON)", r"WorkerOrderV4read"),
    ("training (epochs, metrics and layers.csv rows)", r"TrainerC3run|sgemm_|cblas_s"),
    ("trainer set-up (data, network)", r"TrainerC4spec"),
    ("run files in user space (run.json, config.yaml, checkpoints, hashes, store)",
     r"RunDirectoryWriter|RunRecordV5write|RunStoreV|RunLock|AtomicFile"),
    ("the plan (load, validate, fingerprint, states)", r"BatchPlanV4make|ConfigPaths"),
    ("summary.csv", r"BatchSummary"),
    ("settling, spawning, polling workers", r"BatchRunner"),
    ("dynamic loader (mapping, relocation, symbol lookup)",
     r"_dl_relocate_object|dl_main|_dl_map_object|_dl_start_user|do_lookup_x|_dl_lookup_symbol_x|_dl_fixup|ld-linux"),
    ("OpenBLAS's idle thread spinning", r"sched_yield"),
    ("exec, exit, page faults (kernel)", r"exc_page_fault|do_exit|execve|exit_mmap|do_group_exit|load_elf"),
]


def perf_batch(binary, events):
    """Runs one batch under `perf record` with `events`; returns `perf script`'s text."""
    out = tempfile.mkdtemp(prefix="sprout-batch-profile.")
    data = out + ".perf"
    try:
        subprocess.run(["perf", "record", "-q", "-o", data] + events + ["--", binary, "run", CONFIG, "--out", out, "-j", "2"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        fields = ["-F", "comm,pid,ip,sym,dso"] if "-g" in events else []
        return subprocess.run(["perf", "script", "-i", data] + fields, capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if os.path.exists(data):
            os.remove(data)


def timeline(binary):
    """One batch's critical path, in ms from the batch's exec."""
    text = perf_batch(binary, ["-e", "sched:sched_process_exec", "-e", "sched:sched_process_exit"])
    starts, ends, last = {}, {}, 0.0
    for line in text.splitlines():
        match = re.search(r"(\d+\.\d+): sched:sched_process_(exec|exit): (.*)", line)
        if not match:
            continue
        time, rest = float(match[1]) * 1000, match[3]
        pid = int(re.search(r"\bpid=(\d+)", rest)[1])
        if match[2] == "exec":
            name = re.search(r"filename=(\S+)", rest)[1]
            starts[pid] = (time, "git" if name.endswith("/git") else "worker" if name == "/proc/self/exe" else "batch")
        else:
            last = max(last, time)
            if "group_dead=true" in rest:
                ends[pid] = time
    t0 = min(time for time, kind in starts.values() if kind == "batch")
    gits = sorted(starts[p][0] - t0 for p in starts if starts[p][1] == "git")
    workers = sorted((starts[p][0] - t0, ends[p] - t0) for p in starts if starts[p][1] == "worker")
    finished = sorted(end for _, end in workers)
    gaps = [start - max(end for end in finished if end <= start) for start, _ in workers[2:]]
    return {
        "start to the first git": gits[0] if gits else float("nan"),
        "first git to the first worker": workers[0][0] - gits[0] if gits else float("nan"),
        "start to the first worker": workers[0][0],
        "a worker's lifetime (median)": statistics.median(end - start for start, end in workers),
        "a worker's end to the next start (median)": statistics.median(gaps),
        "those gaps, summed": sum(gaps),
        "first worker's start to the last one's end": finished[-1] - workers[0][0],
        "last worker's end to the batch's exit": last - t0 - finished[-1],
        "total": last - t0,
    }


def cpu(binary):
    """One batch's CPU samples (0.1 ms each) by process kind and category."""
    text = perf_batch(binary, ["-e", "cpu-clock", "-c", "100000", "-g"])
    counts, batch = collections.Counter(), None
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if not lines:
            continue
        head = lines[0].split()
        pid = int(head[-1])
        batch = pid if batch is None else batch
        stack = " ".join(lines[1:])
        kind = "batch" if pid == batch else "git" if head[0] == "git" else "worker"
        category = next((name for name, pattern in CATEGORIES if re.search(pattern, stack)), "other")
        counts[(kind, category)] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("view", choices=["timeline", "cpu"])
    parser.add_argument("--sprout", required=True, action="append")
    parser.add_argument("--batches", type=int, default=5)
    args = parser.parse_args()
    if args.view == "timeline":
        results = {binary: [] for binary in args.sprout}
        for _ in range(args.batches):
            for binary in args.sprout:
                results[binary].append(timeline(binary))
        print(f"| ms, median of {args.batches} batches | " + " | ".join(args.sprout) + " |")
        print("|---|" + "---|" * len(args.sprout))
        for key in results[args.sprout[0]][0]:
            print(f"| {key} | " + " | ".join(f"{statistics.median(r[key] for r in results[b]):.1f}" for b in args.sprout) + " |")
    else:
        totals = {binary: collections.Counter() for binary in args.sprout}
        for _ in range(args.batches):
            for binary in args.sprout:
                totals[binary].update(cpu(binary))
        keys = sorted({key for counts in totals.values() for key in counts}, key=lambda k: -totals[args.sprout[0]][k])
        scale = 0.1 / args.batches / RUNS  # ms of CPU per run
        print("| ms of CPU per run, as profiled | " + " | ".join(args.sprout) + " |")
        print("|---|" + "---|" * len(args.sprout))
        for kind, category in keys:
            print(f"| {kind}: {category} | " + " | ".join(f"{totals[b][(kind, category)] * scale:.1f}" for b in args.sprout) + " |")
        print("| total | " + " | ".join(f"{sum(totals[b].values()) * scale:.1f}" for b in args.sprout) + " |")
    print(f"\nload average (1 min) at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
