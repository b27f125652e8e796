#!/usr/bin/env python3
"""Predictions of a Sprout run from its model.json and final.safetensors alone: numpy, safetensors and the standard
library, no Sprout. A reference for `sprout predict` (EndToEndTests/PredictTests compares the two) and an example of
using a trained model elsewhere (docs/runs.md, "model.json").

Usage: predict_reference.py RUN_DIRECTORY DATA.csv  ->  CSV on stdout: predicted, p_<class>... (or predicted values)
"""
import csv
import json
import math
import pathlib
import sys

import numpy as np
import safetensors.numpy

F32 = np.float32


def activation(node, x):
    """Elementwise nodes, in float32 like Sprout (settings rounded to float32 once)."""
    kind = node["type"]
    if kind in ("identity", "dropout"):  # dropout is the identity when evaluating
        return x
    if kind == "relu":
        return np.maximum(x, F32(0))
    if kind == "tanh":
        return np.tanh(x)
    if kind == "sigmoid":
        return (F32(1) / (F32(1) + np.exp(-x))).astype(F32)
    if kind == "softsign":
        return (x / (F32(1) + np.abs(x))).astype(F32)
    if kind == "leaky_relu":
        return np.where(x > 0, x, F32(node["negative_slope"]) * x).astype(F32)
    if kind in ("elu", "selu"):
        alpha, scale = F32(node["alpha"]), F32(node.get("scale", 1.0))
        return (scale * np.where(x > 0, x, alpha * np.expm1(np.minimum(x, F32(0))))).astype(F32)
    if kind == "gelu":
        if node["approximate"] == "tanh":
            u = F32(math.sqrt(2 / math.pi)) * (x + F32(0.044715) * x * x * x)
            return (x * F32(0.5) * (F32(1) + np.tanh(u))).astype(F32)
        erf = np.vectorize(math.erf)(x.astype(np.float64) / math.sqrt(2))
        return (x.astype(np.float64) * 0.5 * (1 + erf)).astype(F32)
    if kind == "softplus":
        beta, threshold = F32(node["beta"]), F32(node["threshold"])
        soft = np.log1p(np.exp(np.minimum(beta * x, threshold))) / beta
        return np.where(beta * x > threshold, x, soft).astype(F32)
    raise ValueError(f"unknown node type {kind}")


def evaluate(model, tensors, x):
    """The graph of model.json in evaluation mode; x: (rows, features) float32, already scaled. An image input
    (`input_shape`) is read as (rows, channels, height, width), PyTorch's NCHW."""
    values = {}
    if "input_shape" in model["network"]:
        x = x.reshape(len(x), *model["network"]["input_shape"])
    for node in model["network"]["nodes"]:
        inputs = [values[name] for name in node["inputs"]] or [x]
        params = {role: tensors[name] for role, name in node.get("parameters", {}).items()}
        kind = node["type"]
        if kind == "dense":
            y = inputs[0] @ params["weight"].T + params.get("bias", F32(0))
        elif kind == "add":
            y = sum(inputs[1:], inputs[0])
        elif kind == "concat":
            y = np.concatenate(inputs, axis=1)
        elif kind in ("layer_norm", "batch_norm"):
            h, eps = inputs[0], F32(node["eps"])
            if kind == "layer_norm":  # over each example's values: its features, or an image's C x H x W
                axes = tuple(range(1, h.ndim))
                mean, var = h.mean(axis=axes, keepdims=True), h.var(axis=axes, keepdims=True)  # biased, as PyTorch
            else:
                buffers = node["buffers"]
                mean, var = tensors[buffers["running_mean"]], tensors[buffers["running_var"]]
            weight, bias = params.get("weight", F32(1)), params.get("bias", F32(0))
            if kind == "batch_norm" and h.ndim == 4:  # BatchNorm2d: one statistic per channel
                mean, var, weight, bias = (np.reshape(v, (1, -1, 1, 1)) if np.ndim(v) else v
                                           for v in (mean, var, weight, bias))
            y = (h - mean) / np.sqrt(var + eps) * weight + bias
        elif kind in ("conv2d", "max_pool2d", "avg_pool2d", "global_avg_pool", "flatten"):
            y = image_node(node, params, inputs[0])
        else:
            y = activation(node, inputs[0])
        values[node["name"]] = y.astype(F32)
    return values[model["network"]["output"]]


def windows(node, x, fill):
    """Every window of x (rows, C, H, W) padded with `fill`: (rows, C, kh, kw, OH, OW), PyTorch's geometry (stride,
    dilation, padding [top, bottom, left, right], ceil_mode False)."""
    (kh, kw), (sh, sw), (dh, dw) = node["kernel_size"], node["stride"], node["dilation"]
    top, bottom, left, right = node["padding"]
    x = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=fill)
    oh, ow = (x.shape[2] - dh * (kh - 1) - 1) // sh + 1, (x.shape[3] - dw * (kw - 1) - 1) // sw + 1
    return np.stack([np.stack([x[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh, j * dw:j * dw + sw * (ow - 1) + 1:sw]
                               for j in range(kw)], axis=2) for i in range(kh)], axis=2)


def image_node(node, params, x):
    """conv2d (a cross-correlation, groups), the pools, global_avg_pool, flatten: torch.nn's definitions."""
    kind = node["type"]
    if kind == "flatten":
        return x.reshape(len(x), -1)
    if kind == "global_avg_pool":
        return x.astype(np.float64).mean(axis=(2, 3))
    if kind == "max_pool2d":
        return windows(node, x, -np.inf).max(axis=(2, 3))
    if kind == "avg_pool2d":
        total = windows(node, x.astype(np.float64), 0).sum(axis=(2, 3))
        if node["count_include_pad"]:
            return total / (node["kernel_size"][0] * node["kernel_size"][1])
        cells = windows(node, np.ones((1, 1) + x.shape[2:]), 0).sum(axis=(2, 3))  # the input cells each window covers
        return total / cells
    weight, groups = params["weight"].astype(np.float64), node["groups"]
    patches = windows(node, x.astype(np.float64), 0)  # (rows, C, kh, kw, OH, OW)
    per_group, filters_per_group = x.shape[1] // groups, weight.shape[0] // groups
    y = np.concatenate([np.einsum("nckloh,fckl->nfoh", patches[:, g * per_group:(g + 1) * per_group],
                                  weight[g * filters_per_group:(g + 1) * filters_per_group])
                        for g in range(groups)], axis=1)
    return y + params["bias"].reshape(1, -1, 1, 1) if "bias" in params else y


def features(model, path):
    """The CSV's feature columns by name, in model.json's order, scaled as training scaled them."""
    delimiter = model["input"].get("delimiter", ",")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle, delimiter=delimiter) if row]
    header = [name.strip() for name in rows[0]]
    columns = [header.index(name) for name in model["input"]["features"]]
    x = np.array([[float(row[c]) for c in columns] for row in rows[1:]]).astype(F32)
    scaling = model["scaling"]
    shift, scale = np.array(scaling["shift"]), np.array(scaling["scale"])
    return ((x.astype(np.float64) - shift) * scale).astype(F32)


def main(run, data):
    run = pathlib.Path(run)
    model = json.loads((run / "model.json").read_text(encoding="utf-8"))
    assert model["format"] == "sprout-model" and model["format_version"] == 1, "an unknown model.json format"
    tensors = safetensors.numpy.load_file(str(run / "final.safetensors"))
    z = evaluate(model, tensors, features(model, data)).astype(np.float64)
    out = csv.writer(sys.stdout, lineterminator="\n")
    target, transform = model["target"], model["output"]["transform"]
    if target["kind"] == "regression":
        out.writerow(["predicted"] if z.shape[1] == 1 else [f"predicted_{j + 1}" for j in range(z.shape[1])])
        out.writerows([[repr(float(F32(v))) for v in row] for row in z])
        return
    classes = target["classes"]
    if transform == "sigmoid":
        p1 = 1 / (1 + np.exp(-z[:, 0]))
        p, chosen = np.stack([1 - p1, p1], axis=1), (z[:, 0] > 0).astype(int)
    else:
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p, chosen = e / e.sum(axis=1, keepdims=True), z.argmax(axis=1)
    out.writerow(["predicted"] + [f"p_{name}" for name in classes])
    out.writerows([[classes[c]] + [repr(float(F32(v))) for v in row] for c, row in zip(chosen, p)])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2])
