# Sprout's two set-up commands on a fresh Debian machine with Swift: `make run` and `make test`.
# Both first install the missing system packages (as root; otherwise they print the exact command).

SWIFT        ?= swift
# git: run.json's provenance and RunStoreTests' repositories; util-linux: unshare, for DiskFullTests' private mounts;
# libjs-chart.js: Chart.js, inlined into `sprout report`'s page; chromium-headless-shell: the browser the report's
# tests open it in (docs/report.md).
APT_PACKAGES := libyaml-dev libopenblas-dev libxsmm-dev pkg-config git util-linux libjs-chart.js chromium-headless-shell
# safetensors' numpy flavour (`import safetensors.numpy`) needs numpy, which safetensors does not depend on.
PIP_PACKAGES := check-jsonschema safetensors numpy
# The Slurm end-to-end tests' private cluster on localhost (Tests/EndToEndTests/LocalSlurmCluster.swift): installed
# by `slurm-deps`, apart from APT_PACKAGES, because only root runs those tests.
SLURM_PACKAGES := slurmctld slurmd slurm-client
PYTHON       ?= python3
CONFIGS      ?= configs
RUNS         ?= runs
# The benchmark peers' scripts (jax_ref.py, torch_ref.py), beside the project's checkout.
PEERS        ?= ../shared/bench

.PHONY: all deps pydeps slurm-deps build release run test fuzz readme schema bench bench-batch bench-peers clean install

all: build

## deps: install the Debian packages Sprout builds against, if any is missing.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "install them with: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

## pydeps: the Python tools the tests use (check-jsonschema, safetensors with numpy), from PyPI, if missing.
pydeps:
	@for p in $(PIP_PACKAGES); do \
	  $(PYTHON) -m pip show $$p >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check $$p; \
	done

## slurm-deps: as root, install Debian's Slurm (SLURM_PACKAGES) if any is missing, for the end-to-end tests that
## start a private cluster on localhost. The packages' maintainer scripts would start (or, on a reinstall, restart)
## munge, slurmctld and slurmd where an init system runs (systemd or a sysvinit runlevel): a policy-rc.d that refuses
## every action (exit 101) stands in /usr/sbin for the install only, unless the machine already has one of its own,
## which is left as it is. Not root: one line saying that those tests will be skipped, with the command that
## installs the packages; never a failure.
POLICY_RC_D := /usr/sbin/policy-rc.d
slurm-deps:
	@missing=""; \
	for p in $(SLURM_PACKAGES); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
	done; \
	if [ "$$(id -u)" != 0 ]; then \
	  how="the packages are installed"; [ -z "$$missing" ] || how="install the packages with: sudo apt-get install -y$$missing"; \
	  echo "slurm-deps: the Slurm end-to-end tests need root and the Debian packages $(SLURM_PACKAGES); not root, so they will be skipped ($$how)"; \
	elif [ -n "$$missing" ]; then \
	  echo "installing (for the Slurm end-to-end tests):$$missing"; \
	  ours=""; \
	  if [ ! -e $(POLICY_RC_D) ]; then \
	    printf '#!/bin/sh\n# make slurm-deps (Sprout): no service starts while it installs Slurm; removed afterwards.\nexit 101\n' \
	      > $(POLICY_RC_D) && chmod 755 $(POLICY_RC_D) && ours=1; \
	  fi; \
	  trap 'if [ -n "$$ours" ]; then rm -f $(POLICY_RC_D); fi' EXIT; \
	  trap 'exit 130' INT TERM HUP; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## install: the release binary into $(PREFIX)/bin (default /usr/local/bin), so that `sprout` is on PATH, and its
## shell completions (swift-argument-parser's, for bash, zsh and fish) where those shells look below $(PREFIX)/share.
## The binary links the Swift runtime statically: it needs only the Debian packages of `deps` at run time.
PREFIX ?= /usr/local
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/sprout" "$(DESTDIR)$(PREFIX)/bin/sprout"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/sprout"
	install -d "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	"$(DESTDIR)$(PREFIX)/bin/sprout" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/sprout"
	"$(DESTDIR)$(PREFIX)/bin/sprout" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_sprout"
	"$(DESTDIR)$(PREFIX)/bin/sprout" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/sprout.fish"
	@echo "installed the shell completions (bash, zsh, fish) below $(DESTDIR)$(PREFIX)/share"

## run: build in release and train every config in configs/.
run: release
	$$($(SWIFT) build -c release --show-bin-path)/sprout run $(CONFIGS) --out $(RUNS)

## test: every test: unit tests of each module, end-to-end tests of the built binary, check-jsonschema's
## agreement with Sprout on configs/ and the schema-level invalid fixtures, Python's safetensors package loading
## the checkpoints the Swift tests leave (with their manifests) in a fresh folder named by SPROUT_SAFETENSORS_CHECK_DIR,
## and README.md's table and figure data of the symmetry experiments against fresh runs, whose report it opens in
## headless Chromium (a release build: they take seconds there; tools/readme_symmetry.py); then `make fuzz` for 60 s.
## The Slurm end-to-end tests submit job arrays to a private cluster on localhost that each test starts and stops
## (LocalSlurmCluster): they run as root, with Debian's Slurm installed by `slurm-deps`, and are skipped otherwise.
test: build release pydeps slurm-deps
	checkpoints=$$(mktemp -d "$${TMPDIR:-/tmp}/sprout-safetensors-check.XXXXXX") && trap 'rm -rf "$$checkpoints"' EXIT && \
	SPROUT_SAFETENSORS_CHECK_DIR=$$checkpoints SPROUT_BINARY=$$($(SWIFT) build --show-bin-path)/sprout $(SWIFT) test && \
	$(PYTHON) Tests/SchemaAgreement/check_schema.py && \
	$(PYTHON) Tests/Checkpoints/check_safetensors.py "$$checkpoints" && \
	$(PYTHON) tools/readme_symmetry.py --check --sprout $$($(SWIFT) build -c release --show-bin-path)/sprout && \
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

## fuzz: build SproutFuzz with libFuzzer and AddressSanitizer (in $(FUZZ_SCRATCH), apart from the normal build) and
## fuzz config bytes -> diagnostics for FUZZ_SECONDS (docs/fuzzing.md). Seeds: the YAML files of configs/ and
## Tests/SproutConfigTests/Corpus/ and Fuzz/regressions/, copied into a fresh temporary corpus (libFuzzer writes new
## inputs there, never into the checkout); dictionary: Fuzz/yaml-tokens.dict and the language's words from the
## schema. Fails on a crash, a trap, a sanitizer report, an input slower than 1 s or over $(FUZZ_RSS_MB) MB; the input
## is then left in a temporary artifacts folder, which it names, with the command that replays it.
FUZZ_SECONDS ?= 300
FUZZ_RSS_MB  ?= 2048
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_BUILD   := $(SWIFT) build -c release --product SproutFuzz --scratch-path $(FUZZ_SCRATCH) \
  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -DSPROUT_FUZZ
fuzz: deps
	$(FUZZ_BUILD)
	@fuzzer=$$($(FUZZ_BUILD) --show-bin-path)/SproutFuzz && \
	work=$$(mktemp -d "$${TMPDIR:-/tmp}/sprout-fuzz-work.XXXXXX") && trap 'rm -rf "$$work"' EXIT && \
	artifacts=$$(mktemp -d "$${TMPDIR:-/tmp}/sprout-fuzz-artifacts.XXXXXX") && \
	mkdir "$$work/corpus" "$$work/tmp" && \
	n=0; for f in $$(find configs Tests/SproutConfigTests/Corpus -name '*.yaml' -type f | sort) $$(find Fuzz/regressions -type f ! -name README.md | sort); do \
	  n=$$((n + 1)); cp "$$f" "$$work/corpus/seed-$$n-$$(basename "$$f")"; \
	done && \
	{ cat Fuzz/yaml-tokens.dict && $(PYTHON) Fuzz/schema_dict.py schemas/experiment.schema.json; } > "$$work/fuzz.dict" && \
	echo "fuzzing for $(FUZZ_SECONDS) s from $$n seeds (working corpus $$work/corpus)" && \
	status=0; ( cd "$$work" && TMPDIR="$$work/tmp" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$$fuzzer" \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=1 -rss_limit_mb=$(FUZZ_RSS_MB) -max_len=8192 -detect_leaks=0 \
	  -dict="$$work/fuzz.dict" -artifact_prefix="$$artifacts/" -print_final_stats=1 "$$work/corpus" ) || status=$$?; \
	if [ $$status -ne 0 ]; then \
	  echo "make fuzz: FAILED (libFuzzer exit $$status); the input that failed is in $$artifacts:"; ls -l "$$artifacts"; \
	  echo "replay one under the sanitizer: SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $$fuzzer $$artifacts/<file>"; \
	  echo "or without it (its diagnostics printed): swift build && \$$(swift build --show-bin-path)/SproutFuzz $$artifacts/<file>"; \
	  echo "then add it to Fuzz/regressions/ (docs/fuzzing.md)"; \
	  exit 1; \
	fi; \
	rmdir "$$artifacts" 2>/dev/null || echo "make fuzz: passed, but libFuzzer left files in $$artifacts"; \
	echo "make fuzz: no crash, sanitizer report or slow input in $(FUZZ_SECONDS) s"

## readme: rewrite README.md's table of the symmetry experiments (`sprout summarize`'s output) and its figure
## (docs/symmetry-figure.png, a headless Chromium screenshot of `sprout report`'s charts, and the data it draws,
## docs/symmetry-figure.json) from fresh runs.
readme: release
	$(PYTHON) tools/readme_symmetry.py --sprout $$($(SWIFT) build -c release --show-bin-path)/sprout

## schema: regenerate schemas/experiment.schema.json from the Swift definitions (commit the result).
schema: build
	$$($(SWIFT) build --show-bin-path)/sprout schema > schemas/experiment.schema.json

## bench: release build, then `sprout bench` on bench/W1..W5 beside JAX and PyTorch (when installed), one core
## each, and a table of the ratios (docs/performance.md). Not part of `make test`: the peers are gigabytes.
bench: release
	$(PYTHON) bench/run.py --sprout $$($(SWIFT) build -c release --show-bin-path)/sprout --peers $(PEERS)

## bench-batch: release build, then the wall time of `sprout run` on 20 tiny runs (bench/W1-tiny-batch.yaml), fresh,
## up to date and restored, median over rounds: the per-run overhead of docs/performance.md.
bench-batch: release
	$(PYTHON) bench/batch_overhead.py --sprout $$($(SWIFT) build -c release --show-bin-path)/sprout

## bench-peers: install the peers `make bench` compares against (PyTorch is about 5 GB).
bench-peers:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check jax torch scikit-learn

clean:
	rm -rf .build $(FUZZ_SCRATCH) $(RUNS)
