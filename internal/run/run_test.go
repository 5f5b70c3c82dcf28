package run

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

func TestRunMissingCompilerWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ds")
	err := Run(context.Background(), Options{Root: "../..", Profile: "quick", Platforms: "native", Langs: "c",
		Experiments: "startup", Out: out, CC: "no-such-compiler", Stdout: &bytes.Buffer{}, WasmMaxPages: wazero.DefaultMemoryLimitPages})
	var bad *BadInput
	if err == nil || errors.As(err, &bad) || !strings.Contains(err.Error(), "apt-get install gcc") {
		t.Fatalf("err = %v", err)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Fatal("output directory created despite the missing compiler")
	}
}

// TestRunQuickNative is the foundation's acceptance test: every experiment
// and test of the quick profile runs natively with verified digests.
func TestRunQuickNative(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ds")
	var log bytes.Buffer
	err := Run(context.Background(), Options{Root: "../..", Profile: "quick", Platforms: "native", Langs: "c",
		Experiments: "all", Out: out, CC: "cc", Stdout: &log, WasmMaxPages: wazero.DefaultMemoryLimitPages})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	ds, err := dataset.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	okTests := map[string]int{}
	seen := map[string]bool{}
	for _, s := range ds.Samples {
		if !s.OK() {
			t.Errorf("failed sample: %+v", s)
		}
		inv := fmt.Sprint(s.Experiment, "/", s.Test, "/", s.Rep)
		if !seen[inv] {
			seen[inv] = true
			okTests[s.Experiment+"/"+s.Test]++
		}
	}
	for _, e := range experiments.Names {
		for _, test := range experiments.Tests[e] {
			if n := okTests[e+"/"+test]; n != ds.Env.Profile.Repetitions {
				t.Errorf("%s/%s: %d ok repetitions, want %d", e, test, n, ds.Env.Profile.Repetitions)
			}
		}
	}
	if ds.Env.Host.Cores < 1 || ds.Env.Profile.Sizes["cpu/aes"] == 0 || ds.Env.Finished == nil {
		t.Errorf("environment incomplete: %+v", ds.Env)
	}
	if _, err := os.Stat(filepath.Join(out, "scratch")); !os.IsNotExist(err) {
		t.Error("scratch directory left behind")
	}
	if !strings.Contains(log.String(), "failed)") {
		t.Errorf("no summary in output:\n%s", log.String())
	}
}

// TestRunEveryPlatform drives `run` across the container and Wasm
// platforms in both languages on the cheap experiments, so CI exercises
// the wiring from flags to every runner and back into the dataset. It
// needs a Docker daemon: it skips without one, except in CI
// (EDGEWASM_REQUIRE_DOCKER=1), where it fails.
func TestRunEveryPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	platforms := "native,wazero,wazero-cold,wazero-interp,docker"
	testenv.Docker(t)
	out := filepath.Join(t.TempDir(), "ds")
	var log bytes.Buffer
	labels := dockerLabels(t, map[string]string{"org.edgewasm.test": "every-platform"})
	err := Run(context.Background(), Options{Root: "../..", Profile: "quick", Platforms: platforms, Langs: "c,go",
		Experiments: "startup,memory", Out: out, CC: "cc", Stdout: &log, WasmMaxPages: wazero.DefaultMemoryLimitPages,
		NewRunner: labelled(labels)})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	ds, err := dataset.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	footprint := map[string]bool{}
	invocations := map[string]bool{}
	for _, s := range ds.Samples {
		if !s.OK() {
			t.Errorf("failed sample: %+v", s)
		}
		invocations[fmt.Sprint(s.Platform, s.Lang, s.Experiment, s.Rep)] = true
		if s.Metric == "footprint_kib" && s.Value > 0 {
			footprint[s.Platform+"/"+s.Lang] = true
		}
	}
	// 5 platforms × 2 languages × 2 experiments × 3 repetitions.
	if len(invocations) != 60 {
		t.Errorf("%d invocations recorded, want 60", len(invocations))
	}
	for _, p := range strings.Split(platforms, ",") {
		for _, l := range []string{"c", "go"} {
			if !footprint[p+"/"+l] {
				t.Errorf("no footprint_kib for %s/%s", p, l)
			}
		}
	}
	if len(ds.Env.Runners) != 5 || ds.Env.Toolchain.Wazero == "" {
		t.Errorf("environment lacks runner info: %d runners, wazero %q", len(ds.Env.Runners), ds.Env.Toolchain.Wazero)
	}
}
