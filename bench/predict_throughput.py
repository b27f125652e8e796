#!/usr/bin/env python3
"""The throughput of `sprout predict` on a large CSV file, its peak memory, and the same model's inference in PyTorch
(or, when torch is not installed, numpy: tools/predict_reference.py's arithmetic), for docs/performance.md.

Usage: predict_throughput.py RUN_DIRECTORY --sprout PATH [--megabytes 1024] [--data FILE]

Writes DATA (default: a temporary file) of about --megabytes MB by repeating the run's features with small
perturbations (the model's features, named as model.json names them, values drawn around its scaling's centre), runs
`/usr/bin/time -v sprout predict RUN DATA -o OUT` and reports rows/s and the peak RSS, then times the peer on an
in-memory batch of 1 million rows (reading the CSV is Sprout's work, not the peer's: the peer's number is the
forward pass and softmax only, an upper bound for it).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import predict_reference  # noqa: E402


def write_data(model, path, megabytes):
    rng = np.random.default_rng(0)
    scaling = model["scaling"]
    centre = np.array(scaling["shift"]) if scaling["kind"] == "standardize" else np.zeros(len(scaling["shift"]))
    spread = 1 / np.array(scaling["scale"])
    rows = rng.normal(centre, spread, size=(10_000, len(centre)))
    block = "\n".join(",".join(f"{v:.4g}" for v in row) for row in rows) + "\n"
    with open(path, "w") as handle:
        handle.write(",".join(model["input"]["features"]) + "\n")
        written, count = 0, 0
        while written < megabytes * 1_000_000:
            handle.write(block)
            written += len(block)
            count += len(rows)
    return count


def sprout(binary, run, data):
    out = data + ".predictions.csv"
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", binary, "predict", run, data, "-o", out],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(result.stderr)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    os.remove(out)
    return seconds, peak


def peer(model, tensors, rows=1_000_000):
    x = np.random.default_rng(1).normal(size=(rows, model["network"]["input_width"])).astype(np.float32)
    try:
        import torch  # noqa: F401
    except ImportError:
        started = time.perf_counter()
        for start in range(0, rows, 1024):
            z = predict_reference.evaluate(model, tensors, x[start:start + 1024]).astype(np.float64)
            e = np.exp(z - z.max(axis=1, keepdims=True))
            e / e.sum(axis=1, keepdims=True)
        return "numpy (torch is not installed)", rows / (time.perf_counter() - started)
    return "torch", torch_rate(model, tensors, x)


def torch_rate(model, tensors, x):
    import torch
    torch.set_num_threads(1)
    layers = model["network"]["nodes"]
    assert [n["type"] for n in layers] == ["dense", "tanh", "dense"], "the PyTorch peer covers dense-tanh-dense"
    net = torch.nn.Sequential(torch.nn.Linear(x.shape[1], layers[0]["units"]), torch.nn.Tanh(),
                              torch.nn.Linear(layers[0]["units"], layers[2]["units"])).eval()
    net[0].weight.data = torch.from_numpy(tensors[layers[0]["parameters"]["weight"]])
    net[0].bias.data = torch.from_numpy(tensors[layers[0]["parameters"]["bias"]])
    net[2].weight.data = torch.from_numpy(tensors[layers[2]["parameters"]["weight"]])
    net[2].bias.data = torch.from_numpy(tensors[layers[2]["parameters"]["bias"]])
    inputs = torch.from_numpy(x)
    started = time.perf_counter()
    with torch.no_grad():
        for start in range(0, len(x), 1024):
            torch.softmax(net(inputs[start:start + 1024]), dim=1)
    return len(x) / (time.perf_counter() - started)


def torch_csv_rate(model, tensors, data):
    """What a PyTorch script does for the same job, end to end: pandas reads the CSV in chunks of 100,000 rows, the
    features are scaled as model.json says, the network (torch, one thread) gives softmax probabilities, and pandas
    writes the predicted class and the probabilities as CSV. Returns rows/s, or None without torch and pandas."""
    try:
        import pandas as pd
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    layers = model["network"]["nodes"]
    net = torch.nn.Sequential(torch.nn.Linear(model["network"]["input_width"], layers[0]["units"]), torch.nn.Tanh(),
                              torch.nn.Linear(layers[0]["units"], layers[2]["units"])).eval()
    for index, node in ((0, layers[0]), (2, layers[2])):
        net[index].weight.data = torch.from_numpy(tensors[node["parameters"]["weight"]])
        net[index].bias.data = torch.from_numpy(tensors[node["parameters"]["bias"]])
    features = model["input"]["features"]
    shift = np.array(model["scaling"]["shift"]); scale = np.array(model["scaling"]["scale"])
    classes = np.array(model["target"]["classes"])
    rows = 0
    started = time.perf_counter()
    with open(data + ".torch.csv", "w") as out, torch.no_grad():
        for number, chunk in enumerate(pd.read_csv(data, chunksize=100_000)):
            x = ((chunk[features].to_numpy(np.float64) - shift) * scale).astype(np.float32)
            p = torch.softmax(net(torch.from_numpy(x)), dim=1).numpy()
            frame = pd.DataFrame(p, columns=["p_" + c for c in classes])
            frame.insert(0, "predicted", classes[p.argmax(axis=1)])
            frame.to_csv(out, index=False, header=number == 0)
            rows += len(chunk)
    os.remove(data + ".torch.csv")
    return rows / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run")
    parser.add_argument("--sprout", required=True)
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--data")
    args = parser.parse_args()
    run = pathlib.Path(args.run)
    model = json.loads((run / "model.json").read_text())
    import safetensors.numpy
    tensors = safetensors.numpy.load_file(str(run / "final.safetensors"))
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or os.path.join(scratch, "big.csv")
        rows = write_data(model, data, args.megabytes)
        size = os.path.getsize(data)
        seconds, peak = sprout(args.sprout, str(run), data)
        print(f"sprout predict: {rows} rows, {size / 1e6:.0f} MB in {seconds:.2f} s: {rows / seconds:,.0f} rows/s, "
              f"{size / 1e6 / seconds:.0f} MB/s, peak RSS {peak / 1024:.1f} MiB")
        name, rate = peer(model, tensors)
        print(f"{name}: {rate:,.0f} rows/s (forward and softmax of in-memory float32 batches of 1024, one thread)")
        end_to_end = torch_csv_rate(model, tensors, data)
        if end_to_end:
            print(f"torch + pandas, CSV in and out: {end_to_end:,.0f} rows/s ({end_to_end / (rows / seconds):.2f}x "
                  f"sprout's rate)")


if __name__ == "__main__":
    main()
