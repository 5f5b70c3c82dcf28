package cells

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// runDeviations lists where the configurations that produced the datasets
// depart from the method of Napieralla (2020, ch. 4): the departures every
// dataset shares once, then what differs for each dataset. Every item is
// derived from environment.json, so a different run gets a different list.
func runDeviations(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	per := make([][]string, len(sets))
	for i, s := range sets {
		per[i] = deviations(s)
	}
	var common []string
	for _, d := range per[0] {
		in := true
		for _, p := range per[1:] {
			in = in && slices.Contains(p, d)
		}
		if in {
			common = append(common, d)
		}
	}
	var b strings.Builder
	if len(sets) > 1 {
		fmt.Fprintf(&b, "In every dataset (%s):\n\n", format.List(labelsOf(sets)))
	}
	for _, d := range common {
		fmt.Fprintf(&b, "- %s\n", d)
	}
	for i, s := range sets {
		var own []string
		for _, d := range per[i] {
			if !slices.Contains(common, d) {
				own = append(own, d)
			}
		}
		if len(own) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nOnly in %s:\n\n", s.Label)
		for _, d := range own {
			fmt.Fprintf(&b, "- %s\n", d)
		}
	}
	out := &doc.Output{Text: strings.TrimSpace(b.String())}
	for _, s := range sets {
		out.Commands = append(out.Commands, "jq .host,.profile,.platforms,.unavailable,.toolchain "+s.Dir+"/"+dataset.EnvironmentFile)
	}
	return out, nil
}

func labelsOf(sets []*model.Set) []string {
	out := make([]string, len(sets))
	for i, s := range sets {
		out[i] = s.Label
	}
	return out
}

func deviations(s *model.Set) []string {
	env, p := s.Env, s.Env.Profile
	var d []string
	if s.OnPi() {
		d = append(d, fmt.Sprintf("*Hardware*: a Raspberry Pi as in the thesis (%s, %s, %s); the thesis used a Pi 3 Model B+ with 1 GB under Ubuntu 20.04.", env.Host.DeviceModel, env.Host.Arch, format.Size(env.Host.MemTotalKiB<<10)))
	} else {
		v := ""
		if env.Host.Virtualized != "" {
			v = ", virtualized (detected: " + env.Host.Virtualized + ")"
		}
		d = append(d, fmt.Sprintf("*Hardware*: %s (%s, %d cores, %s%s) instead of the thesis's Raspberry Pi 3 Model B+ (Cortex-A53, 1 GB). Absolute times are not comparable; ratios between platforms measured on one machine are.", format.Or(env.Host.CPUModel, "CPU not recorded"), env.Host.Arch, env.Host.Cores, format.Size(env.Host.MemTotalKiB<<10), v))
	}
	var runtimes []string
	for _, pl := range s.PlatformsOfKind("", dataset.KindWasm) {
		if rt := model.Runtime(pl); rt != "" && !slices.Contains(runtimes, rt) {
			runtimes = append(runtimes, rt)
		}
	}
	if len(runtimes) > 0 {
		d = append(d, fmt.Sprintf("*Wasm runtime*: %s instead of Wasmer, the only runtime the thesis could run on AArch64 in 2020.", format.List(runtimes)))
	}
	d = append(d, "*Wasm toolchain*: the C programs are compiled to WebAssembly with clang (`--target=wasm32-wasi`) against wasi-libc, not with Emscripten as in the thesis; the committed modules are rebuilt byte for byte by `make wasm`.")
	d = append(d, "*Filesystem workload*: written in C (and Go) like the other workloads, instead of Rust; it runs on the same machine as every other experiment, whereas the thesis had to move this test to an x86 desktop (Intel i5-2500K) because Wasmer failed on the Pi.")
	if fs := p.Sizes[experiments.FSIO+"/fsio"]; fs > 0 && fs != 1<<30 && fs != 1e9 {
		d = append(d, fmt.Sprintf("*File size*: the filesystem test writes and reads %s (block %s) instead of 1 GB.", format.Bytes(fs), format.Bytes(p.FSIOBlock)))
	}
	d = append(d, "*Page cache*: before each read the file's pages are evicted (`posix_fadvise(DONTNEED)` after `fsync`), so reads do not come from the guest's page cache (a hypervisor's cache is beyond its reach, see the threats to validity); the thesis used separate files with the same content to limit caching.")
	if p.Repetitions != 10 {
		d = append(d, fmt.Sprintf("*Repetitions*: %d per test and platform instead of the thesis's 10 (profile %s).", p.Repetitions, p.Name))
	}
	if w := p.Warmups[experiments.CPU]; w != 1 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d per CPU test instead of 1.", w))
	}
	if w := p.Warmups[experiments.FSIO]; w != 0 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d per filesystem test instead of none.", w))
	}
	if w := p.Warmups[experiments.Startup]; w > 0 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d unrecorded start-up %s per platform; the thesis does not say whether it warmed up this test.", w, format.Plural(w, "invocation", "invocations")))
	}
	if p.Interleave {
		d = append(d, "*Order*: repetitions are interleaved across platforms (repetition r runs on every platform before r+1, the platform order rotating), so drift of the machine does not favour one platform; the thesis does not state its order.")
	}
	d = append(d, "*Memory metric*: the platform's footprint while the idle workload blocks — the proportional set size (PSS) of every process the platform runs for it (the program; the Wasm runtime with its guest; the container's processes and its containerd-shim) — with the drop in `MemAvailable` (the thesis's `free` figure) kept as a secondary metric.")
	d = append(d, "*Timing*: each invocation is timed by the harness with a monotonic clock from process (or container) creation to exit, instead of the shell's `time`; Docker is driven through its Engine API, and the `docker run` CLI is timed separately (`cli_ms`) where the CLI was installed.")
	d = append(d, "*Statistics*: besides the Friedman test with repetitions as blocks (as in the thesis), pairwise Wilcoxon signed-rank tests with Holm's correction and bootstrap confidence intervals of medians are reported.")
	if ls := s.AllLangs(); len(ls) > 0 && strings.Join(ls, ",") != dataset.LangC {
		d = append(d, fmt.Sprintf("*Guest languages*: %s; the thesis used C (and Rust for the filesystem test).", format.List(format.Langs(ls))))
	}
	if u := unavailable(s); u != "" {
		d = append(d, fmt.Sprintf("*Platforms not measured*: %s (reason recorded in environment.json).", u))
	}
	if !s.Finished() {
		d = append(d, "*Unfinished*: environment.json records no end of the run; it was interrupted or is still being written, and some tests may lack repetitions.")
	}
	return d
}
