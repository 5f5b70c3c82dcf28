package cells

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// run evaluates one command against an engine of the committed inputs and
// returns its text (tables as Markdown).
func run(t *testing.T, e *Engine, cmd string) string {
	t.Helper()
	a, err := ParseArgs(cmd)
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.command(a, false)
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.Run(e, a)
	if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	text := o.Text
	for _, tb := range o.Tables {
		text += "\n" + tb.Markdown()
		for _, n := range tb.Notes {
			text += "\n" + n
		}
	}
	return text
}

// scopeEngine has two datasets started after every registered criterion:
// x86 with native, docker, wazero and wazero-cold, whose environment
// records a load warning, nesting in Docker and its storage driver; and
// rt, with native and wasmtime only, on another kernel, whose wasmtime
// fails every file-I/O invocation.
func scopeEngine(t *testing.T) *Engine {
	t.Helper()
	start := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	c := synth.Default("x86")
	c.Started, c.Platforms = start, append(c.Platforms, dataset.WazeroCold)
	x86, err := synth.Dataset(c)
	if err != nil {
		t.Fatal(err)
	}
	x86.Env.Host.Virtualized = "docker"
	x86.Env.Runners = map[string]map[string]any{dataset.Docker: {"storage_driver": "fuse-overlayfs"}}
	x86.Env.Warnings = []dataset.Warning{{Kind: "load", Value: 12.8, Threshold: 1}, {Kind: "variation"}, {Kind: "variation"}}
	r := synth.Default("rt")
	r.Seed, r.Started, r.Platforms = 7, start, []string{dataset.Native, dataset.Wasmtime}
	rt, err := synth.Dataset(r)
	if err != nil {
		t.Fatal(err)
	}
	rt.Env.Host.Kernel = "6.1.99"
	for i, s := range rt.Samples {
		if s.Experiment == experiments.FSIO && s.Platform == dataset.Wasmtime {
			rt.Samples[i].Status, rt.Samples[i].Value = dataset.Failed("exit status 1"), math.NaN()
		}
	}
	m, err := model.New([]*dataset.Dataset{x86, rt}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(m, committedInputs(t))
}

// The threats come from what the datasets recorded.
func TestThreatsFromTheData(t *testing.T) {
	got := run(t, scopeEngine(t), "threats")
	for _, want := range []string{
		"x86: load average 12.8 on 2 cores at the start; 3 quality warnings (1 load, 2 variation)",
		"steal: not recorded; stall: not recorded; drift: not recorded",
		"kernel: 6.1.0 (x86), 6.1.99 (rt)",
		"The virtualization detected was docker (x86)",
		"Docker's storage driver was fuse-overlayfs (x86)",
		"dockerd, containerd",
		"x86: 3 per Wasm platform and all 4 at once; rt: 2 per Wasm platform and all 2 at once",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("threats lack %q:\n%s", want, got)
		}
	}
}

// span, values and headline cover every Wasm platform of every dataset,
// and name the platforms that could not run the experiment.
func TestSpanCoversEveryPlatform(t *testing.T) {
	e := scopeEngine(t)
	got := run(t, e, "span exp=cpu metric=kernel_ms list=yes lang=c")
	for _, p := range []string{"wazero ", "wazero-cold ", "wasmtime "} {
		if !strings.Contains(got, p) {
			t.Errorf("span lacks %s: %s", p, got)
		}
	}
	if got := run(t, e, "span exp=fsio metric=kernel_ms"); !strings.Contains(got, "wasmtime could not run it (every invocation failed)") {
		t.Errorf("span of fsio does not name the failed platform: %s", got)
	}
	if got := run(t, e, "span exp=memory metric=footprint_kib b=docker"); !strings.Contains(got, "no ratio for wasmtime, measured without docker") {
		t.Errorf("span against docker does not name the platform measured without it: %s", got)
	}
	got = run(t, e, "headline id=cpu-wasm-2x")
	for _, want := range []string{"in x86: ", "in rt: ", "wazero-cold", "wasmtime"} {
		if !strings.Contains(got, want) {
			t.Errorf("headline lacks %q: %s", want, got)
		}
	}
	if got := run(t, e, "headline id=memory-order"); !strings.Contains(got, "not judged: wasmtime, measured only in rt (not comparable: no container platform measured in memory)") {
		t.Errorf("headline does not name the platform left out: %s", got)
	}
}

// Every criterion in force predates both datasets, so the paper may say
// so; the registration table says yes for every claim.
func TestPreregisteredAfterRegistration(t *testing.T) {
	e := scopeEngine(t)
	if got := run(t, e, "preregistered"); !strings.HasPrefix(got, "every criterion judged was committed before the run of the dataset it judges started") {
		t.Errorf("preregistered: %s", got)
	}
	if got := run(t, e, "registration"); strings.Contains(got, "post hoc") || !strings.Contains(got, "| cpu-wasm-2x | 2026-11-25 19:07 | yes (v") {
		t.Errorf("registration:\n%s", got)
	}
}
