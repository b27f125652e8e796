#!/usr/bin/env python3
"""Writes the small data files of configs/features/ into configs/data/ (run once, by hand; the output is committed).

Python 3 standard library only. The examples come from the datasets bundled with Sprout (the CSV texts in
Sources/SproutData/Bundled/, themselves exported once from scikit-learn by tools/export_datasets.py), so this
script needs nothing but the repository:

- digits-train-images.idx3-ubyte / digits-train-labels.idx1-ubyte: the first 256 bundled 8x8 digits, and
  digits-test-images.idx3-ubyte / digits-test-labels.idx1-ubyte: the next 64, in MNIST's IDX format (big-endian
  magic 0x00000803 and dimensions [N, 8, 8] for the images, 0x00000801 and [N] for the labels). A pixel is the
  digits' own count of set pixels, a byte 0 to 16, so a config reads them with `scale: 16`.
- iris-train.csv / iris-test.csv: the bundled iris flowers, every fifth one (rows 4, 9, ...) in the test file
  (30, 10 a species) and the other 120 in the training file, with `;` between fields, the species by name, and
  three measurements of the training file blanked (written `NA` or left empty) to show `missing: fill`.
- init-2-8-2.safetensors: starting weights for a 2-8-2 network (tensors hidden.weight [8, 2], hidden.bias [8],
  out.weight [2, 8], out.bias [2], PyTorch state_dict names and shapes, F32 little-endian), drawn once from
  Xavier's uniform distribution U(+-sqrt(6 / (fan_in + fan_out))) with random.Random(2024); biases 0.

Run: python3 tools/make_example_data.py  (it checks what it writes: classes present in both digits files, sizes).
"""
import json
import pathlib
import random
import struct

ROOT = pathlib.Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "Sources" / "SproutData" / "Bundled"
OUT = ROOT / "configs" / "data"

IRIS_NAMES = ["setosa", "versicolor", "virginica"]


def bundled_rows(swift_file):
    """The CSV rows of a Bundled<Name>.swift file (the text between `#\"\"\"` and `\"\"\"#`), header first."""
    text = (BUNDLED / swift_file).read_text(encoding="utf-8")
    body = text.split('#"""\n', 1)[1].split('\n"""#', 1)[0]
    return [line.split(",") for line in body.split("\n") if line]


def idx_images(images):
    rows, cols = 8, 8
    data = struct.pack(">IIII", 0x00000803, len(images), rows, cols)
    return data + bytes(pixel for image in images for pixel in image)


def idx_labels(labels):
    return struct.pack(">II", 0x00000801, len(labels)) + bytes(labels)


def write_digits():
    rows = bundled_rows("BundledDigits.swift")[1:]
    images = [[int(v) for v in row[:64]] for row in rows]
    labels = [int(row[64]) for row in rows]
    assert all(0 <= p <= 16 for image in images for p in image)
    parts = {"train": (0, 256), "test": (256, 320)}
    for part, (start, end) in parts.items():
        # Both files need every class: Sprout takes the largest label + 1 as the number of classes.
        assert set(labels[start:end]) == set(range(10)), part
        (OUT / f"digits-{part}-images.idx3-ubyte").write_bytes(idx_images(images[start:end]))
        (OUT / f"digits-{part}-labels.idx1-ubyte").write_bytes(idx_labels(labels[start:end]))


def write_iris():
    header, *rows = bundled_rows("BundledIris.swift")
    columns = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    assert len(header) == len(columns)
    train, test = [], []
    for index, row in enumerate(rows):
        record = row[:4] + [IRIS_NAMES[int(row[4])]]
        (test if index % 5 == 4 else train).append(record)
    # Three measurements not taken: `missing: fill` replaces each by fill_value.
    train[3][1] = "NA"
    train[47][2] = ""
    train[101][0] = "NA"
    for name, records in (("iris-train.csv", train), ("iris-test.csv", test)):
        lines = [";".join(columns)] + [";".join(record) for record in records]
        (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(train) == 120 and len(test) == 30


def write_safetensors():
    rng = random.Random(2024)
    shapes = {"hidden.weight": [8, 2], "hidden.bias": [8], "out.weight": [2, 8], "out.bias": [2]}
    values = {}
    for name, shape in shapes.items():
        count = shape[0] * (shape[1] if len(shape) == 2 else 1)
        if name.endswith(".weight"):
            bound = (6 / (shape[0] + shape[1])) ** 0.5
            values[name] = [rng.uniform(-bound, bound) for _ in range(count)]
        else:
            values[name] = [0.0] * count
    header, data, offset = {"__metadata__": {"format": "pt"}}, b"", 0
    for name in sorted(shapes):
        blob = struct.pack(f"<{len(values[name])}f", *values[name])
        header[name] = {"dtype": "F32", "shape": shapes[name], "data_offsets": [offset, offset + len(blob)]}
        data += blob
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the reference writer pads the header to a multiple of 8 with spaces
    (OUT / "init-2-8-2.safetensors").write_bytes(struct.pack("<Q", len(text)) + text + data)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_digits()
    write_iris()
    write_safetensors()
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:7d}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
