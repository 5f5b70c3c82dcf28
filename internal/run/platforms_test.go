package run

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/runners/wazero"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

// A Docker daemon that cannot be reached makes the platform unavailable
// (the run goes on without it) rather than failing the run.
func TestDockerUnavailableWithoutDaemon(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "absent.sock"))
	r, err := NewRunner(dataset.Docker, PlatformOptions{})
	if !errors.Is(err, runners.ErrUnavailable) {
		if r != nil {
			r.Close()
		}
		t.Fatalf("NewRunner(docker) = %v; want an error wrapping ErrUnavailable", err)
	}
}

func TestNewRunnerWazeroPlatforms(t *testing.T) {
	for _, name := range []string{dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp} {
		r, err := NewRunner(name, PlatformOptions{Root: "../..", WasmMaxPages: 100})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r.Name() != name {
			t.Errorf("runner %q for platform %q", r.Name(), name)
		}
		info := r.Info()
		if info["memory_limit_pages"] != uint32(100) {
			t.Errorf("%s: memory_limit_pages = %v", name, info["memory_limit_pages"])
		}
		wantCache := name == dataset.Wazero && wazero.CompilerSupported()
		if info["compilation_cache"] != wantCache {
			t.Errorf("%s: compilation_cache = %v", name, info["compilation_cache"])
		}
		r.Close()
	}
}

func TestRunRejectsWasmMaxPages(t *testing.T) {
	for _, pages := range []uint{0, 65537} {
		err := Run(context.Background(), Options{Root: "../..", Profile: "quick", Platforms: "wazero",
			Langs: "c", Experiments: "all", Out: t.TempDir(), WasmMaxPages: pages})
		var bad *BadInput
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), "--wasm-max-pages") {
			t.Errorf("pages %d: %v", pages, err)
		}
	}
}

// Every platform of dataset.Platforms has a runner in this build, and the
// Wasm ones take the run's memory limit; the Wasmtime and Wasmer runners
// are created without building anything (Prepare builds their launchers).
func TestNewRunnerEveryPlatform(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "absent.sock"))
	for _, p := range dataset.Platforms {
		r, err := NewRunner(p.Name, PlatformOptions{Root: "../..", WasmMaxPages: 100})
		if err != nil {
			if !errors.Is(err, runners.ErrUnavailable) || strings.Contains(err.Error(), "not implemented") {
				t.Errorf("%s: %v", p.Name, err)
			}
			continue
		}
		if r.Name() != p.Name {
			t.Errorf("runner %q for platform %q", r.Name(), p.Name)
		}
		switch info := r.Info(); {
		case dataset.IsControl(p.Name):
			// A control platform runs its runtime's defaults: no limit.
			if info["memory_limit_pages"] != nil || info["sandbox"] == nil {
				t.Errorf("%s (control): memory_limit_pages = %v, sandbox = %v", p.Name, info["memory_limit_pages"], info["sandbox"])
			}
		case p.Kind == dataset.KindWasm && info["memory_limit_pages"] != uint32(100):
			t.Errorf("%s: memory_limit_pages = %v", p.Name, info["memory_limit_pages"])
		}
		if p.Name == dataset.Wasmtime && r.Info()["compilation_cache"] != true {
			t.Errorf("wasmtime runs without its cache")
		}
		r.Close()
	}
}

// "all" leaves the control platforms out; named, they run the experiments
// that list them and are dropped from a run of none of those.
func TestControlPlatformsRunOnlyWhenNamed(t *testing.T) {
	cfg := func(platforms, exps string) (config, error) {
		return validate(Options{Root: "../..", Profile: "quick", Platforms: platforms, Langs: "c", Experiments: exps,
			Out: t.TempDir(), WasmMaxPages: 100})
	}
	c, err := cfg("all", "cpu")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.platforms {
		if dataset.IsControl(p) {
			t.Errorf("all selected the control platform %s", p)
		}
	}
	if len(c.platforms) != len(dataset.MainPlatformNames())-1 { // docker-bridge: network only
		t.Errorf("all selected %v", c.platforms)
	}
	named := strings.Join([]string{dataset.Native, dataset.Wazero, dataset.WazeroPlain, dataset.WasmerPlain}, ",")
	if c, err = cfg(named, "cpu,fsio"); err != nil || strings.Join(c.platforms, ",") != named {
		t.Errorf("%s with cpu,fsio: %v, %v", named, c.platforms, err)
	}
	if c, err = cfg(named, "memory"); err != nil || strings.Join(c.platforms, ",") != dataset.Native+","+dataset.Wazero {
		t.Errorf("%s with memory: %v, %v", named, c.platforms, err)
	}
	var bad *BadInput
	if _, err = cfg(dataset.WasmerPlain, "fsio"); !errors.As(err, &bad) || !strings.Contains(err.Error(), "control platforms") {
		t.Errorf("wasmer-plain with fsio alone: %v, want a bad input", err)
	}
}
