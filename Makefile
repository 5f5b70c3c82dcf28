# edgewasm — see README.md. Every target is safe to run from a fresh clone.
GO      ?= go
BIN     := bin/edgewasm
PROFILE ?= thesis
# Platforms for `make reproduce`: one thesis-profile dataset of every
# platform available here except two, then one quick-profile dataset of
# every platform (QUICK_PLATFORMS; "" skips that run) into DATASET_QUICK:
# the two left out of the first are there, the interpreter (two orders of
# magnitude slower than native on the CPU kernels; at the thesis sizes
# only when asked for) and wasmer-cold (Wasmer compiling at every start:
# what its cache saves, a cost the sizes do not change), and the next
# run's plan estimates from a quick dataset of the same commit and state.
PLATFORMS ?= all,-wazero-interp,-wasmer-cold
QUICK_PLATFORMS ?= all
# All five experiments at the thesis sizes, the network experiment
# included. The plan printed first estimates the duration (README.md, "Two
# commands": about 75 minutes on the 2-core x86 VM, the network's 1 GiB
# transfers, the 1 GiB files and the CPU kernels of Go under Wasm a third
# each).
EXPERIMENTS ?= all
LANGS   ?= c,go
DATASET ?= data/$(shell hostname -s 2>/dev/null || echo host)-$(PROFILE)

# The launchers that need cgo (Wasmtime, Wasmer) are Go modules of their
# own, outside ./... of the edgewasm module: vet and test them too.
LAUNCHER_MODULES := runners/wasmtime/launcher runners/wasmer/launcher

.PHONY: build test vet fmt-check fuzz reproduce control report clean wasm fleet bundle bench-harness

# CGO_ENABLED=0: a static binary, no C library mapped into the harness
# (RATIONALE.md: a small harness).
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) .

# All tests, plus the formatting and vet checks CI enforces. The quick loop
# is `go test -short ./...` (about a minute on 2 cores): it skips the tests
# that create network namespaces, run under emulation, build the cgo
# launchers or drive the fleet, each saying why.
test: fmt-check vet
	$(GO) test -count=1 -timeout 45m ./...
	@for m in $(LAUNCHER_MODULES); do echo "go test ./... in $$m"; (cd $$m && $(GO) test -count=1 ./...) || exit 1; done

# Rebuild the committed WebAssembly guests (experiments/**/main.wasm with
# main.wasm.sha256, and main.wasm.go-version for Go): C with clang
# --target=wasm32-wasi, Go with GOOS=wasip1, through the recipes of
# runners/build that the runners and tests use too. `make test` checks
# that a fresh build gives the committed bytes.
wasm:
	$(GO) run ./internal/cmd/ewbuild wasm

# Self-contained bundles for devices (see README, "On a Raspberry Pi"):
# rebuilds the guests as `make wasm` does, then cross-builds
# dist/edgewasm-linux-{arm64,armv7,amd64}.tar.gz (each unpacks to
# edgewasm/ with bin/edgewasm, launchers, prebuilt native workloads,
# modules, sizes and digests) and dist/SHA256SUMS. Needs Debian's
# gcc-aarch64-linux-gnu and gcc-arm-linux-gnueabihf. Deterministic: the
# same commit and toolchains give the same SHA256SUMS.
bundle:
	$(GO) run ./internal/cmd/ewbuild bundle -out dist

# Every fuzz target in the repository (found by .ci/fuzz), FUZZTIME each.
# CI runs it after the tests; `make test` already runs every target's seeds.
FUZZTIME ?= 5s
fuzz:
	FUZZTIME=$(FUZZTIME) .ci/fuzz

# The harness benchmark (runners/internal/bench): edgewasm against hyperfine -N on
# the native C noop and on Docker (API and CLI), interleaved, with the
# ratios, and the harness's CPU time during a one-second sample. Needs
# hyperfine (apt-get install hyperfine); Docker is skipped when absent.
bench-harness:
	$(GO) test -run '^$$' -bench Harness -benchtime 1x -count 1 -v ./runners/internal/bench

vet:
	$(GO) vet ./...
	@for m in $(LAUNCHER_MODULES); do echo "go vet ./... in $$m"; (cd $$m && $(GO) vet ./...) || exit 1; done

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Run the thesis protocol on every available platform into a new dataset,
# then re-render the paper from data/.
# Failed invocations are recorded in the dataset and shown in the paper, so
# the paper is rendered even then; make still exits with run's status.
# The run prints its plan (invocations, estimated time, bytes written)
# before it starts. The report's commands are spelled out (REPORT_CMDS)
# rather than called through $(MAKE): a recipe line naming $(MAKE) is run
# even by `make -n`, which must not start a run.
# The paper it renders is the new dataset's: the report is told so with
# --primary (PRIMARY=DIR names another).
DATASET_QUICK ?= data/$(shell hostname -s 2>/dev/null || echo host)-quick
reproduce: build
	@status=0; $(BIN) run --profile $(PROFILE) --platforms $(PLATFORMS) --experiments $(EXPERIMENTS) --langs $(LANGS) --out $(DATASET) || status=$$?; \
	if [ -n "$(QUICK_PLATFORMS)" ]; then $(BIN) run --profile quick --platforms $(QUICK_PLATFORMS) --experiments all --langs $(LANGS) --out $(DATASET_QUICK) || status=$$?; fi; \
	primary="$(or $(PRIMARY),$(DATASET))"; [ -f "$$primary/$(SAMPLES)" ] || primary="$(PRIMARY)"; \
	$(REPORT_CMDS) && exit $$status

# The launcher control (issue 25): do our launchers measure the runtime or
# themselves? Two datasets in which each launcher-based Wasm platform
# runs interleaved with its control platform, the same runtime with its
# defaults and none of our sandbox settings (dataset.ControlOf: no memory
# cap or limiter, the runtime's plain directory mapping): the CPU kernels
# of C and Go on every launcher and its control (CONTROL_DATASET-cpu), and
# the file I/O on wazero and wazero-plain (CONTROL_DATASET-fsio; the other
# launchers' file I/O is not controlled, and one dataset with both
# experiments would run the 1 GiB files on all of them); native is the
# baseline the model's ratios want. The datasets go to data/control/,
# which the paper's main datasets never include (report.Discover reads
# data/* only); the paper's launcher-control subsection reads them.
CONTROL_PROFILE ?= thesis
CONTROL_PLATFORMS ?= native,wazero,wazero-plain,wasmtime,wasmtime-plain,wasmer,wasmer-plain,wasmer-singlepass,wasmer-singlepass-plain
CONTROL_DATASET ?= data/control/$(shell hostname -s 2>/dev/null || echo host)
control: build
	$(BIN) run --profile $(CONTROL_PROFILE) --platforms $(CONTROL_PLATFORMS) --experiments cpu --langs c,go --out $(CONTROL_DATASET)-cpu
	$(BIN) run --profile $(CONTROL_PROFILE) --platforms native,wazero,wazero-plain --experiments fsio --langs c,go --out $(CONTROL_DATASET)-fsio

# Render the paper from every dataset under data/ (no experiment is run)
# into report/paper/ (committed): paper.md, paper.html, paper.pdf,
# paper.ipynb, figures/ and csv/ (the tables behind each statistic), and
# rewrite README.md's findings from the same model. The primary dataset
# (its numbers are the prose's, the abstract's and the verdicts') is
# PRIMARY when set (make report PRIMARY=data/pi), otherwise the newest of
# the full-protocol datasets (profile thesis or pi) that cover the thesis's
# comparison (report/README.md, "Whose paper"). Cell outputs are cached in
# report/paper/.cache (not committed). Also redraws figures/ (each
# figure's SVG, PNG and CSV) and the PRISMA flow.
PRIMARY ?=
SAMPLES := samples.csv
REPORT_OUT ?= report/paper
REPORT_CMDS = $(BIN) report --data-dir data $${primary:+--primary "$$primary"} --out $(REPORT_OUT) --readme README.md --figures figures && \
	$(BIN) literature figures --out figures
report: build
	@if [ -z "$(wildcard data/*/samples.csv)" ]; then echo "no dataset under data/ (data/*/samples.csv): run make reproduce first"; exit 2; fi
	primary="$(PRIMARY)"; $(REPORT_CMDS)

# Run edgewasm on every board of an Ansible inventory (fleet/README.md):
# each gets the bundle of its architecture from dist/ (make bundle), is
# checked by edgewasm doctor, runs the inventory's profile (or resumes an
# interrupted run) and its dataset comes back to data/BOARD-PROFILE/.
# Boards already complete in data/ are left alone. FLEET_ARGS go to
# ansible-playbook, e.g. FLEET_ARGS="--limit pi4 -e profile=quick".
INVENTORY ?= fleet/inventory.ini
fleet:
	@test -f "$(INVENTORY)" || { echo "make fleet: no inventory $(INVENTORY): copy fleet/inventory.example.ini and pass INVENTORY=FILE"; exit 2; }
	ANSIBLE_CONFIG=fleet/ansible.cfg ansible-playbook -i "$(INVENTORY)" $(FLEET_ARGS) fleet/site.yml

clean:
	rm -rf bin dist
