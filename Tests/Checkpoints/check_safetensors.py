#!/usr/bin/env python3
"""Checks that Python's safetensors package (numpy flavour, from PyPI) reads the checkpoints Sprout writes.

Usage: check_safetensors.py DIRECTORY

Every `*.safetensors` file under DIRECTORY (recursively) must have a manifest beside it, `<file>.expected.json`,
written by whoever wrote the file from its own knowledge of what should be in it (never read back from the file):

    {"tensors": {NAME: {"shape": [...],            # required
                        "dtype": "F32",            # optional, F32 by default
                        "values": [...],           # optional: every value, compared exactly after rounding to float32
                        "bits": [...],             # optional: every value's IEEE 754 bit pattern (uint32), exact
                        "first": [...],            # optional: the first values in row-major order, exactly
                        "sum": 1.5}},              # optional: sum of the values, within 1e-6 of sum |x| (float64)
     "metadata": {KEY: VALUE}}                     # the exact "__metadata__" map

Each file is loaded twice, with `safetensors.numpy.load_file` (names, dtypes, shapes, values) and with
`safetensors.safe_open(..., framework="numpy")` (`metadata()`, and every tensor again through `get_tensor`); the
tensor names must be exactly the manifest's. The layout is checked by hand as well: the 8-byte little-endian header
length N, a header that starts with `{`, and a data section starting at a multiple of 8 (8 + N), as the reference
writer pads it.

Prints one line per file and a closing `N passed, M failed`; exits 1 when anything failed, including when the
directory holds no checkpoint at all, so that the check cannot pass by finding nothing to check.
"""
import json
import math
import pathlib
import struct
import sys

import numpy as np
import safetensors
import safetensors.numpy

DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def layout_problems(path):
    """The header length, the first header byte and the data section's alignment, read byte by byte."""
    raw = path.read_bytes()
    if len(raw) < 8:
        return [f"{len(raw)} bytes, shorter than the 8-byte header length"]
    (n,) = struct.unpack("<Q", raw[:8])
    problems = []
    if 8 + n > len(raw):
        problems.append(f"header length {n} runs past the end of the {len(raw)}-byte file")
    elif not raw[8:9] == b"{":
        problems.append(f"header starts with {raw[8:9]!r}, not '{{'")
    if (8 + n) % 8 != 0:
        problems.append(f"data section starts at byte {8 + n}, not a multiple of 8")
    return problems


def value_problems(name, array, expected):
    """Differences between a loaded tensor and its manifest entry."""
    problems = []
    dtype = DTYPES.get(expected.get("dtype", "F32"))
    if dtype is None or array.dtype != dtype:
        problems.append(f"{name}: dtype {array.dtype}, expected {expected.get('dtype', 'F32')}")
        return problems
    if list(array.shape) != list(expected["shape"]):
        problems.append(f"{name}: shape {list(array.shape)}, expected {expected['shape']}")
        return problems
    flat = array.reshape(-1)
    bits = flat.view(np.uint32) if dtype == np.float32 else None
    if "bits" in expected:
        if bits is None or bits.tolist() != [int(b) for b in expected["bits"]]:
            problems.append(f"{name}: bit patterns {None if bits is None else [hex(b) for b in bits.tolist()]}, "
                            f"expected {[hex(int(b)) for b in expected['bits']]}")
    for key, count in (("values", None), ("first", len(expected.get("first", [])))):
        if key not in expected:
            continue
        wanted = np.array(expected[key], dtype=np.float64).astype(dtype)
        got = flat if count is None else flat[:count]
        # float32 compared as bit patterns, so that -0.0 differs from 0.0 and a NaN equals itself.
        if got.shape != wanted.shape:
            same = False
        elif dtype == np.float32:
            same = bool((got.view(np.uint32) == wanted.view(np.uint32)).all())
        else:
            same = bool((got == wanted).all())
        if not same:
            problems.append(f"{name}: {key} {got.tolist()}, expected {wanted.tolist()}")
    if "sum" in expected:
        total = float(flat.astype(np.float64).sum())
        scale = float(np.abs(flat.astype(np.float64)).sum())
        if not math.isclose(total, float(expected["sum"]), rel_tol=0, abs_tol=1e-6 * max(scale, 1e-30)):
            problems.append(f"{name}: sum {total!r}, expected {expected['sum']!r}")
    return problems


def check(path):
    """Every problem with one checkpoint, as sentences (empty when it is as its manifest says)."""
    manifest_path = path.with_name(path.name + ".expected.json")
    if not manifest_path.exists():
        return [f"no manifest {manifest_path.name} beside it"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    expected_tensors = manifest.get("tensors", {})
    problems = layout_problems(path)

    loaded = safetensors.numpy.load_file(str(path))
    if sorted(loaded) != sorted(expected_tensors):
        problems.append(f"tensors {sorted(loaded)}, expected {sorted(expected_tensors)}")
    for name in sorted(set(loaded) & set(expected_tensors)):
        problems += value_problems(name, loaded[name], expected_tensors[name])

    with safetensors.safe_open(str(path), framework="numpy") as handle:
        metadata = handle.metadata() or {}
        if metadata != manifest.get("metadata", {}):
            problems.append(f"metadata {metadata}, expected {manifest.get('metadata', {})}")
        for name in handle.keys():
            again = handle.get_tensor(name)
            first = loaded.get(name)
            if first is None or again.dtype != first.dtype or again.shape != first.shape \
                    or again.tobytes() != first.tobytes():
                problems.append(f"{name}: safe_open's get_tensor differs from load_file's")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    directory = pathlib.Path(sys.argv[1])
    files = sorted(directory.rglob("*.safetensors"))
    passed = failed = 0
    if not files:
        print(f"FAIL no *.safetensors file under {directory}")
        failed += 1
    for path in files:
        shown = path.relative_to(directory)
        try:
            problems = check(path)
        except Exception as error:  # a file the package refuses is a failure of this check, not of the script
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            print(f"FAIL {shown}:\n  " + "\n  ".join(problems))
            failed += 1
        else:
            print(f"ok   {shown} loads in safetensors {safetensors.__version__} as its manifest says")
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
