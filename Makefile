# Sprout's two set-up commands on a fresh Debian machine with Swift: `make run` and `make test`.
# Both first install the missing system packages (as root; otherwise they print the exact command).

SWIFT        ?= swift
APT_PACKAGES := libyaml-dev libopenblas-dev pkg-config
CONFIGS      ?= configs
RUNS         ?= runs

.PHONY: all deps build release run test clean

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

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## run: build in release and train every config in configs/.
run: release
	$$($(SWIFT) build -c release --show-bin-path)/sprout run $(CONFIGS) --runs-dir $(RUNS)

## test: every test: unit tests of each module and end-to-end tests of the built binary.
test: build
	SPROUT_BINARY=$$($(SWIFT) build --show-bin-path)/sprout $(SWIFT) test

clean:
	rm -rf .build $(RUNS)
