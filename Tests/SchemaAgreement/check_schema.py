#!/usr/bin/env python3
"""Checks that an editor using schemas/experiment.schema.json agrees with Sprout.

check-jsonschema (from PyPI) must accept every config in configs/, and must reject every fixture of the invalid
corpus marked `# schema: invalid` (the mistakes a JSON schema can see: unknown keys, wrong types, numbers out of
range, missing keys, unknown words). Fixtures without the marker are wrong in ways only Sprout sees (the graph,
rules across fields) and are not checked here.

Prints one line per check and a closing `N passed, M failed`; exits 1 when anything failed.
"""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "experiment.schema.json"
CORPUS = ROOT / "Tests" / "SproutConfigTests" / "Corpus"


def check(paths):
    """check-jsonschema's exit status on these files (0: all valid)."""
    command = ["check-jsonschema", "--schemafile", str(SCHEMA)] + [str(p) for p in paths]
    return subprocess.run(command, capture_output=True, text=True)


def main():
    passed = failed = 0
    configs = sorted((ROOT / "configs").rglob("*.yaml")) + sorted((ROOT / "configs").rglob("*.yml"))
    if not configs:
        print("FAIL no configs found in configs/")
        failed += 1
    else:
        result = check(configs)
        if result.returncode == 0:
            print(f"ok   check-jsonschema accepts all {len(configs)} configs in configs/")
            passed += 1
        else:
            print(f"FAIL check-jsonschema rejects configs in configs/:\n{result.stdout}{result.stderr}")
            failed += 1

    marked = [p for p in sorted(CORPUS.glob("*.yaml")) if "# schema: invalid" in p.read_text(encoding="utf-8")]
    if len(marked) < 10:
        print(f"FAIL only {len(marked)} corpus fixtures are marked '# schema: invalid'")
        failed += 1
    for path in marked:
        result = check([path])
        # Rejected: by the schema, or (duplicate keys) by check-jsonschema's YAML reader, as Sprout's does.
        if result.returncode == 1 and ("Schema validation errors" in result.stdout
                                       or "DuplicateKeyError" in result.stdout):
            passed += 1
        else:
            print(f"FAIL check-jsonschema accepts {path.relative_to(ROOT)}, which Sprout rejects "
                  f"(exit {result.returncode}):\n{result.stdout}{result.stderr}")
            failed += 1
    print(f"ok   check-jsonschema rejects {passed - (1 if configs else 0)} of {len(marked)} schema-level fixtures")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
