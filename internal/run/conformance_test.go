package run

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

// conformanceProfile is the quick profile cut to the least that still runs
// every guest through its whole program: one repetition, no warm-up, the
// smallest size of each test that has an expected digest (the "tiny"
// line of each expected.txt), and small network transfers.
func conformanceProfile(t *testing.T, root string) dataset.Profile {
	t.Helper()
	p, err := experiments.LoadProfile(root, "quick")
	if err != nil {
		t.Fatal(err)
	}
	p.Repetitions = 1
	for k := range p.Warmups {
		p.Warmups[k] = 0
	}
	for _, e := range experiments.Catalog {
		if !e.Sized || !e.Verified {
			continue
		}
		// The smallest size every workload sharing the size key has a
		// digest for (fsio: write and read, C and Go).
		common := map[string]map[int64]int{}
		for _, test := range e.Tests {
			for _, l := range dataset.Langs {
				w := protocol.Workload(root, e.Name, test.Name, l)
				exp, err := experiments.ReadExpected(w.Dir, w.Lang)
				if err != nil {
					t.Fatal(err)
				}
				key := e.SizeKey(test.Name)
				if common[key] == nil {
					common[key] = map[int64]int{}
				}
				for size := range exp {
					common[key][size]++
				}
			}
		}
		for key, counts := range common {
			var sizes []int64
			for size, n := range counts {
				if n == slices.Max(slices.Collect(maps.Values(counts))) {
					sizes = append(sizes, size)
				}
			}
			p.Sizes[key] = slices.Min(sizes)
		}
	}
	for _, k := range []string{"network/upload", "network/download"} {
		p.Sizes[k] = 1 << 20
	}
	for _, k := range []string{"network/upload-many", "network/download-many"} {
		p.Sizes[k] = 64 << 10
	}
	p.Sizes["network/files"], p.Sizes["network/conns"], p.Sizes["network/idle-ms"] = 4, 2, 100
	return p
}

// TestConformance runs every guest (every experiment and test, C and Go)
// on every Wasm platform this machine has, at small sizes, and checks
// that every invocation is ok with its digest verified. The only failures
// allowed are the network rows of the platforms that cannot hand a guest
// a socket (no runners.Server), each failed:unsupported with the reason
// its runner declares.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds every Wasm launcher (the cgo ones included) and runs every guest on each")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var platforms []string
	for _, p := range dataset.Platforms {
		if p.Kind == dataset.KindWasm {
			platforms = append(platforms, p.Name)
		}
	}
	build, err := tempdir.New("conformance-")
	if err != nil {
		t.Fatal(err)
	}
	defer build.Remove()
	ctx := context.Background()
	rs := map[string]runners.Runner{}
	defer func() {
		for _, r := range rs {
			r.Close()
		}
	}()
	for _, name := range platforms {
		r, err := NewRunner(name, PlatformOptions{Root: root, Settle: 10 * time.Millisecond})
		if err == nil {
			err = r.Prepare(ctx, protocol.Workloads(root, experiments.ExperimentsOn(name, experiments.Names), dataset.Langs))
		}
		if errors.Is(err, runners.ErrUnavailable) {
			testenv.Missing(t, err.Error())
		}
		if err != nil {
			t.Fatalf("preparing %s: %v", name, err)
		}
		rs[name] = r
	}
	cfg := protocol.Config{Root: root, Profile: conformanceProfile(t, root), Platforms: platforms, Langs: dataset.Langs,
		Experiments: experiments.Names, Scratch: t.TempDir(), ListenHost: protocol.DefaultListenHost}
	file := filepath.Join(t.TempDir(), dataset.SamplesFile)
	w, err := dataset.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	steps := protocol.Plan(cfg)
	sum, err := protocol.Execute(ctx, cfg, steps, rs, w, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if sum.Invocations != len(steps) {
		t.Errorf("%d invocations recorded of %d planned", sum.Invocations, len(steps))
	}
	samples, err := dataset.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ok := map[string]int{}
	seen := map[int]bool{}
	for _, s := range samples {
		if seen[s.Seq] {
			continue
		}
		seen[s.Seq] = true
		cell := s.Experiment + "/" + s.Test + "/" + s.Lang + " on " + s.Platform
		e, _ := experiments.Lookup(s.Experiment)
		_, serves := rs[s.Platform].(runners.Server)
		switch {
		case s.OK():
			ok[s.Platform]++
		case e.Network && !serves:
			want := dataset.Failed(runners.Unsupported(rs[s.Platform], runners.Serve).Error())
			if s.Status != want {
				t.Errorf("%s: %s, want %s", cell, s.Status, want)
			}
		default:
			t.Errorf("%s: %s", cell, s.Status)
		}
	}
	// Every guest ran on every platform: each has an ok row set per
	// invocation it could run.
	for _, name := range platforms {
		want := 0
		for _, st := range steps {
			e, _ := experiments.Lookup(st.Experiment)
			if _, serves := rs[name].(runners.Server); st.Platform == name && (!e.Network || serves) {
				want++
			}
		}
		if ok[name] != want {
			t.Errorf("%s: %d ok invocations, want %d", name, ok[name], want)
		}
	}
	t.Logf("%d invocations on %s", len(steps), strings.Join(platforms, ", "))
}
