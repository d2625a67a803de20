# tadqiq — convenience wrapper around CMake. See README.md.
BUILD ?= build
JOBS ?= 2
PREFIX ?= /usr/local
CMAKE_FLAGS ?=

# What building needs (`make deps-build`), then what the tests add (`make deps` installs both):
# clang for fuzzing, python3 for the harness and SARIF schema validation, chromium, node and npm
# for the browser test (npm only when no npm is on PATH, e.g. Debian's nodejs without it).
DEB_BUILD_PACKAGES := g++ cmake make pkg-config libicu-dev libre2-dev libfmt-dev nlohmann-json3-dev \
  doctest-dev libyaml-cpp-dev libyaml-dev libcli11-dev libsqlite3-dev libcpp-httplib-dev libkainjow-mustache-dev \
  libmimalloc-dev
DEB_PACKAGES := $(DEB_BUILD_PACKAGES) git clang libclang-rt-dev python3 python3-jsonschema python3-yaml chromium nodejs \
  $(if $(shell command -v npm),,npm)

.PHONY: all deps deps-build build test demo install fuzz fuzz-smoke fuzz-long bench bench-compare bench-rerun clean

all: build

deps-build:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DEB_BUILD_PACKAGES)"

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	  done); \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "deps: missing Debian packages: $$missing"; \
	  echo "deps: not root; run: sudo apt-get install -y $$missing"; exit 1; \
	else \
	  echo "deps: installing $$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

test: deps
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	$(MAKE) fuzz-smoke

demo: deps
	$(MAKE) build
	$(BUILD)/tadqiq check fixtures/seeds --fail-on never
	$(BUILD)/tadqiq check fixtures/seeds --format json -o $(BUILD)/report.json --fail-on never
	$(BUILD)/tadqiq check fixtures/seeds --format html -o $(BUILD)/report.html --fail-on never
	$(BUILD)/tadqiq check fixtures/seeds --format sarif -o $(BUILD)/report.sarif --fail-on never
	@echo "demo: wrote $(BUILD)/report.json, $(BUILD)/report.html (open it in a browser) and $(BUILD)/report.sarif"

install: build
	cmake --install $(BUILD)

bench: build
	bash bench/run.sh $(BUILD)

# `tadqiq compare` on generated fact sheets of 100k, 300k and 1M articles (bench/compare.sh).
bench-compare: build
	bash bench/compare.sh $(BUILD)

# The CI gate's re-run: `check` over 100k generated articles, then again after one change
# (bench/rerun.sh).
bench-rerun: build
	bash bench/rerun.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-fuzz

# libFuzzer targets (clang, ASan + UBSan) for every parser of outside input; see docs/reliability.md.
fuzz: deps
	bash fuzz/build.sh build-fuzz

# A fixed number of runs of each target from its committed seed corpus (part of `make test`).
fuzz-smoke: fuzz
	bash fuzz/run.sh build-fuzz smoke

# Longer runs, for docs/reliability.md (SECONDS_PER_TARGET=600 by default).
fuzz-long: fuzz
	bash fuzz/run.sh build-fuzz long
