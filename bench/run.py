#!/usr/bin/env python3
"""make bench: Sprout against its peers (JAX, PyTorch) on the five workloads of ../shared/bench/README.md.

For each workload, in one invocation and on one core (`taskset -c 0` when available), in interleaved rounds
(round 1: Sprout, JAX, PyTorch; round 2: the same; ...), each contestant one warm-up and one timed run a round:
  sprout bench bench/W<n>-<name>.yaml          (the training loop only)
  jax_ref.py W<n> EPOCHS                        (when `import jax` works; XLA pinned to one thread)
  torch_ref.py W<n> --threads 1 --epochs EPOCHS (when `import torch` works)
Each contestant's number is the median over the rounds. Sprout's RESULT line also carries the sgemm limit of the
workload (`cblas_sgemm` alone on one batch's matrix products, hot, timed in the same run on the same core), and the
table gives every contestant's fraction of it, so a ratio is never read without its ceiling. Interleaving matters on shared machines: the speed of
the same binary drifts by 10% over minutes (other tenants' use of the shared L3 cache and memory bandwidth), and
back-to-back blocks of runs would fold that drift into the ratio. Then it prints a markdown table of samples per second and the ratios against the faster peer and against PyTorch,
with the targets of the engine issue. Absolute numbers drift on shared machines; the ratios, measured side by
side, are what to quote. The peers are optional: without them only Sprout's column is filled.

Usage: python3 bench/run.py --sprout PATH [--peers DIR] [--only W1,W3] [--rounds 3]
"""
import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time

# id, config, epochs (the peers' defaults in torch_ref.py), target ratio against the faster peer (the convolutions
# issue's: 10x on W1, 2.5x on W2, 1.2x on W3 and W4, 1.0x on W5).
WORKLOADS = [
    ("W1", "W1-tiny.yaml", 20, 10.0),
    ("W2", "W2-digits.yaml", 20, 2.5),
    ("W3", "W3-wide.yaml", 1, 1.2),
    ("W4", "W4-deep.yaml", 2, 1.2),
    ("W5", "W5-conv.yaml", 1, 1.0),
]
RESULT = re.compile(r"^RESULT .*")
FIELD = re.compile(r"(\w+)=(\S+)")


def have(module):
    """True when `python3 -c 'import module'` works (checked in a child, so a broken install cannot hurt us)."""
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def pinned(command):
    """The command on core 0 when taskset exists: one core for every contestant, as the README measures."""
    return (["taskset", "-c", "0"] if shutil.which("taskset") else []) + command


def measure(label, command, env=None):
    """Runs a contestant, returns the fields of its RESULT line (or None, with its error output shown)."""
    started = time.time()
    done = subprocess.run(pinned(command), capture_output=True, text=True, env=env)
    lines = [line for line in done.stdout.splitlines() if RESULT.match(line)]
    if done.returncode != 0 or not lines:
        print(f"  {label}: failed (exit {done.returncode})\n{done.stderr.strip()[-2000:]}", file=sys.stderr)
        return None
    fields = dict(FIELD.findall(lines[-1]))
    print(f"  {label}: {float(fields['samples_per_s']):,.0f} samples/s, final loss {fields.get('final_loss')} "
          f"({time.time() - started:.0f} s)", file=sys.stderr)
    return fields


def median_run(runs):
    """The run with the median samples per second (its own fields, so its loss and GFLOP/s go with it)."""
    if not runs:
        return None
    ordered = sorted(runs, key=lambda fields: float(fields["samples_per_s"]))
    return ordered[(len(ordered) - 1) // 2]


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprout", required=True, help="the release-built sprout binary")
    parser.add_argument("--peers", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"),
                        help="the folder with jax_ref.py and torch_ref.py")
    parser.add_argument("--only", default="", help="comma-separated workload ids, e.g. W1,W2")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (the median is reported)")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    chosen = [w for w in WORKLOADS if not args.only or w[0] in args.only.upper().split(",")]
    peers = os.path.abspath(args.peers)
    jax_script, torch_script = os.path.join(peers, "jax_ref.py"), os.path.join(peers, "torch_ref.py")
    use_jax = os.path.exists(jax_script) and have("jax") and have("sklearn")
    use_torch = os.path.exists(torch_script) and have("torch") and have("sklearn")
    if not (use_jax or use_torch):
        print(f"note: no peer found (scripts in {peers}; `pip install jax torch scikit-learn`): Sprout only",
              file=sys.stderr)
    before = load_average()
    if before > 0.5:
        print(f"note: load average {before:.2f} before starting: another process is using the cores, so absolute "
              "numbers are low; the side-by-side ratios are what count", file=sys.stderr)

    one_thread = dict(os.environ, XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
    rows = []
    for wid, config, epochs, target in chosen:
        print(f"{wid} ({config}, {epochs} epochs)", file=sys.stderr)
        contestants = [("sprout", [args.sprout, "bench", os.path.join(here, config), "--epochs", str(epochs),
                                   "--runs", "1"], None)]
        if use_jax:
            contestants.append(("jax", [sys.executable, jax_script, wid, str(epochs), "1"], one_thread))
        if use_torch:
            contestants.append(("torch", [sys.executable, torch_script, wid, "--threads", "1", "--epochs", str(epochs),
                                          "--runs", "1", "--warmup", "1"], None))
        results = {name: [] for name, _, _ in contestants}
        for round_number in range(1, args.rounds + 1):
            for name, command, env in contestants:
                fields = measure(f"{name} round {round_number}", command, env)
                if fields:
                    results[name].append(fields)
        rows.append((wid, config, target, *(median_run(results.get(name, [])) for name in ("sprout", "jax", "torch"))))

    def rate(fields):
        return float(fields["samples_per_s"]) if fields else None

    def cell(value, fmt="{:,.0f}"):
        return fmt.format(value) if value is not None else "–"

    print(f"\nMachine: {machine()}; load average {before:.2f} before, {load_average():.2f} after; one core each "
          f"(taskset -c 0), median of {args.rounds} interleaved rounds, each run after its own warm-up.\n")
    print("| workload | Sprout samples/s | JAX | PyTorch | Sprout / faster peer | target | Sprout / PyTorch "
          "| Sprout GFLOP/s | sgemm limit samples/s (GFLOP/s) | of the limit: Sprout / JAX / PyTorch "
          "| final loss Sprout / JAX / PyTorch |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    missed = []
    for wid, config, target, sprout, jax, torch in rows:
        s, j, t = rate(sprout), rate(jax), rate(torch)
        faster = max([v for v in (j, t) if v is not None], default=None)
        ratio = s / faster if s and faster else None
        if ratio is not None and ratio < target:
            missed.append(wid)
        losses = " / ".join(f["final_loss"] if f else "–" for f in (sprout, jax, torch))
        # The ceiling: cblas_sgemm alone on one batch's products, hot, measured by `sprout bench` in the same run.
        limit = float(sprout["sgemm_limit_samples_per_s"]) if sprout and "sgemm_limit_samples_per_s" in sprout else None
        limit_cell = f"{limit:,.0f} ({sprout['sgemm_limit_gflops']})" if limit else "–"
        fractions = " / ".join(cell(v / limit if v and limit else None, "{:.0%}") for v in (s, j, t))
        print(f"| {wid} {config.split('-', 1)[1].removesuffix('.yaml')} | {cell(s)} | {cell(j)} | {cell(t)} | "
              f"{cell(ratio, '{:.2f}x')} | {target:.1f}x | {cell(s / t if s and t else None, '{:.2f}x')} | "
              f"{sprout['gflops'] if sprout else '–'} | {limit_cell} | {fractions} | {losses} |")
    if any(r[3] is None for r in rows):
        return 1
    if missed:
        print(f"\nbelow target: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
