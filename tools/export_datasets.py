#!/usr/bin/env python3
"""Writes the bundled datasets as Swift sources: Sources/SproutData/Bundled/Bundled<Name>.swift.

Run once, by hand, when a dataset is added (`pip install scikit-learn`, then `python3 tools/export_datasets.py`).
Building and testing Sprout never needs scikit-learn: the generated files are committed.

Each file holds one CSV text (a header line of column names, the last one `target`, then one row per example in
scikit-learn's order) in a Swift raw string literal. A raw string literal rather than a SwiftPM resource: a
280 KB `.embedInCode` resource took 104 s to compile, the same text as a literal under 1 s, and the binary needs
no resource lookup that could fail once it is moved.

- digits: the 64 pixels as scikit-learn gives them, whole numbers 0..16, written as integers (Sprout's loader
  divides by 16, as the benchmark's `d.data / 16.0` does); target = the digit.
- iris, wine, breast_cancer: the float64 features written with `repr` (the shortest text that reads back as the
  same float64; a trailing `.0` dropped), target = scikit-learn's class index (breast cancer: 0 = malignant,
  1 = benign).

Before writing, the script checks the facts scikit-learn documents for each dataset (shape and class counts, from
its DESCR text), so a different scikit-learn copy cannot slip in unnoticed.
"""
import pathlib
import sys

import numpy as np
import sklearn
from sklearn import datasets

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "Sources" / "SproutData" / "Bundled"

# name, loader, Swift constant, title, shape, class counts (documented by scikit-learn), origin, citation.
DATASETS = [
    dict(name="digits", load=datasets.load_digits, constant="digits", type="BundledDigits",
         title="Optical recognition of handwritten digits (the 8x8 test set)",
         shape=(1797, 64), counts=[178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
         origin="UCI ML repository, Optical Recognition of Handwritten Digits "
                "(https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits)",
         citation="E. Alpaydin, C. Kaynak (1998). Cascading Classifiers. Kybernetika 34(4), 369-374.",
         classes="the digit 0..9", integers=True),
    dict(name="iris", load=datasets.load_iris, constant="iris", type="BundledIris",
         title="Iris plants", shape=(150, 4), counts=[50, 50, 50],
         origin="R. A. Fisher's data as in the UCI ML repository (https://archive.ics.uci.edu/ml/datasets/iris); "
                "scikit-learn's copy follows Fisher's paper (as R does), not UCI's two wrong points",
         citation="R. A. Fisher (1936). The use of multiple measurements in taxonomic problems. "
                  "Annals of Eugenics 7(2), 179-188.",
         classes="0 setosa, 1 versicolor, 2 virginica", integers=False),
    dict(name="wine", load=datasets.load_wine, constant="wine", type="BundledWine",
         title="Wine recognition", shape=(178, 13), counts=[59, 71, 48],
         origin="UCI ML repository, Wine (https://archive.ics.uci.edu/ml/machine-learning-databases/wine/wine.data)",
         citation="M. Forina et al., PARVUS - An Extendable Package of Programs for Data Exploration, "
                  "Classification and Correlation. Institute of Pharmaceutical and Food Analysis and "
                  "Technologies, Genoa, Italy (1988).",
         classes="the cultivar, 0, 1, 2", integers=False),
    dict(name="breast_cancer", load=datasets.load_breast_cancer, constant="breastCancer",
         type="BundledBreastCancer",
         title="Breast Cancer Wisconsin (Diagnostic)", shape=(569, 30), counts=[212, 357],
         origin="UCI ML repository, Breast Cancer Wisconsin (Diagnostic) "
                "(https://archive.ics.uci.edu/ml/datasets/Breast+Cancer+Wisconsin+(Diagnostic))",
         citation="W. N. Street, W. H. Wolberg, O. L. Mangasarian (1993). Nuclear feature extraction for breast "
                  "tumor diagnosis. IS&T/SPIE 1993 International Symposium on Electronic Imaging: Science and "
                  "Technology, volume 1905, 861-870.",
         classes="0 malignant, 1 benign (scikit-learn's coding)", integers=False),
]

LICENSE = ("scikit-learn is BSD-3-Clause; its documentation (DESCR) states no license for this data. The UCI ML "
           "repository lists its datasets under CC BY 4.0 (Creative Commons Attribution 4.0 International).")


def number(value, integers):
    """The text of one feature: an integer for digits, else the shortest round-trip repr of the float64."""
    if integers:
        if value != int(value) or not 0 <= value <= 16:
            raise SystemExit(f"digits: pixel {value!r} is not a whole number in 0..16")
        return str(int(value))
    text = repr(float(value))
    if float(text) != value:
        raise SystemExit(f"repr({value!r}) does not round-trip")
    return text[:-2] if text.endswith(".0") else text


def csv_text(spec, bunch):
    names = [str(n) for n in bunch.feature_names] + ["target"]
    for n in names:
        if any(c in n for c in ',"\n\r'):
            raise SystemExit(f"{spec['name']}: column name {n!r} would need quoting")
    lines = [",".join(names)]
    for row, target in zip(bunch.data, bunch.target):
        lines.append(",".join([number(v, spec["integers"]) for v in row] + [str(int(target))]))
    return "\n".join(lines)


def check(spec, bunch):
    """The facts scikit-learn documents, checked on the data it returns."""
    if bunch.data.shape != spec["shape"]:
        raise SystemExit(f"{spec['name']}: shape {bunch.data.shape}, expected {spec['shape']}")
    counts = np.bincount(bunch.target).tolist()
    if counts != spec["counts"]:
        raise SystemExit(f"{spec['name']}: class counts {counts}, expected {spec['counts']}")
    if not np.all(np.isfinite(bunch.data)):
        raise SystemExit(f"{spec['name']}: non-finite feature")


def swift_file(spec, text):
    rows, features = spec["shape"]
    header = [
        f"// {spec['title']}: {rows} examples, {features} features, {len(spec['counts'])} classes "
        f"({', '.join(map(str, spec['counts']))} examples per class).",
        f"// Generated by tools/export_datasets.py from scikit-learn {sklearn.__version__} "
        f"(sklearn.datasets.load_{spec['name']}); do not edit.",
        f"// Source: {spec['origin']}.",
        f"// License: {LICENSE}",
        f"// Citation: {spec['citation']}",
        f"// Target: {spec['classes']}.",
    ]
    return "\n".join(header) + f"""

extension BundledCSV {{
    /// The `{spec['name']}` CSV text: a header line, then one line per example; the last column is the target.
    static let {spec['constant']} = #\"\"\"
{text}
\"\"\"#
}}
"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in DATASETS:
        bunch = spec["load"]()
        check(spec, bunch)
        text = csv_text(spec, bunch)
        if '"#' in text:
            raise SystemExit(f"{spec['name']}: the text would end the raw string literal")
        path = OUT / f"{spec['type']}.swift"
        path.write_text(swift_file(spec, text), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {spec['shape'][0]} x {spec['shape'][1]}, classes {spec['counts']}, "
              f"{len(text)} bytes of CSV")
    return 0


if __name__ == "__main__":
    sys.exit(main())
