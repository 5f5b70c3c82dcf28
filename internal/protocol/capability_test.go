package protocol

import (
	"slices"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
)

// TestCapabilities: a runner that is neither a runners.Holder nor a
// runners.Server still runs what needs neither, and every invocation of
// the memory and network experiments on it is recorded as
// failed:unsupported with the reason the runner declares (runners.Lacking),
// or a generic one naming the platform; the runner is never called for
// them.
func TestCapabilities(t *testing.T) {
	root := fakeRoot(t)
	p := networkProfile(t, root)
	const noSockets = "no socket API in this binding: a guest cannot be handed a listening socket"
	declared := &fake.Bare{Platform: "declared", Func: honest, Lacking: map[runners.Capability]string{runners.Serve: noSockets}}
	silent := &fake.Bare{Platform: "silent", Func: honest}
	full := &fake.Runner{Platform: "full", Func: honest}
	rs := map[string]runners.Runner{"declared": declared, "silent": silent, "full": full}
	cfg := Config{Root: root, Profile: p, Platforms: []string{"declared", "silent", "full"}, Langs: []string{"c"},
		Experiments: []string{experiments.Startup, experiments.Memory, experiments.Network}}
	_, samples := runFake(t, cfg, rs)

	want := map[string]map[string]string{
		experiments.Startup: {"declared": dataset.StatusOK, "silent": dataset.StatusOK, "full": dataset.StatusOK},
		experiments.Memory: {
			"declared": dataset.Failed("unsupported: platform declared cannot hold a resident workload"),
			"silent":   dataset.Failed("unsupported: platform silent cannot hold a resident workload"),
			"full":     dataset.StatusOK,
		},
		experiments.Network: {
			"declared": dataset.Failed("unsupported: " + noSockets),
			"silent":   dataset.Failed("unsupported: platform silent cannot hand a listening socket to a guest"),
			"full":     dataset.Failed("unsupported: platform full cannot hand a listening socket to a guest"),
		},
	}
	seen := map[string]int{}
	for _, s := range samples {
		seen[s.Experiment+"/"+s.Platform]++
		if w := want[s.Experiment][s.Platform]; s.Status != w {
			t.Errorf("%s/%s on %s, rep %d: status %q, want %q", s.Experiment, s.Test, s.Platform, s.Rep, s.Status, w)
		}
	}
	for exp, byPlatform := range want {
		for platform := range byPlatform {
			if seen[exp+"/"+platform] == 0 {
				t.Errorf("%s on %s: no rows; an unsupported invocation is recorded, not dropped", exp, platform)
			}
		}
	}
	for _, b := range []*fake.Bare{declared, silent} {
		for _, inv := range b.Calls {
			if slices.Contains([]string{experiments.Memory, experiments.Network}, inv.Workload.Experiment) {
				t.Errorf("%s was called for %s, which needs a capability it lacks", b.Platform, inv.Workload.ID())
			}
		}
	}
	// fake.Runner holds: its memory invocations went through Hold.
	held := 0
	for _, inv := range full.Calls {
		if inv.Workload.Experiment == experiments.Memory {
			held++
		}
	}
	if held == 0 {
		t.Error("the runner with Hold was never asked to hold")
	}
}
