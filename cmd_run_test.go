package main

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/resume"
	"github.com/edgewasm/edgewasm/internal/run"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

func runExitCode(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ec cli.ExitCoder
	if !errors.As(err, &ec) {
		t.Fatalf("error without exit code: %v", err)
	}
	return ec.ExitCode()
}

func TestRunBadUsage(t *testing.T) {
	out := t.TempDir()
	base := run.Options{Root: ".", Profile: "quick", Platforms: "native", Langs: "c", Experiments: "all", Out: out, Stdout: &bytes.Buffer{}, WasmMaxPages: wazero.DefaultMemoryLimitPages}
	cases := []struct {
		name   string
		modify func(*run.Options)
		want   string
	}{
		{"profile", func(o *run.Options) { o.Profile = "fast" }, "quick, thesis"},
		{"platform", func(o *run.Options) { o.Platforms = "native,wasmedge" }, "native, docker, docker-bridge, wazero, wazero-cold, wazero-interp, wasmtime, wasmer, wasmer-singlepass"},
		{"experiment", func(o *run.Options) { o.Experiments = "gpu" }, "cpu, memory, fsio, startup, network"},
		{"lang", func(o *run.Options) { o.Langs = "rust" }, "c, go"},
		{"variant alone", func(o *run.Options) { o.Platforms, o.Experiments = "docker-bridge", "cpu" }, "only the network experiment"},
		{"peer", func(o *run.Options) { o.Experiments, o.Peer = "network", "127.0.0.1" }, "--peer"},
		{"root", func(o *run.Options) { o.Root = t.TempDir() }, "no experiments/ folder"},
		{"meta", func(o *run.Options) { o.Meta = []string{"fleet.inventory"} }, "--meta"},
	}
	for _, c := range cases {
		o := base
		c.modify(&o)
		err := runRun(context.Background(), o)
		if runExitCode(t, err) != exitBadArgs || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (exit %d), want exit 2 naming %q", c.name, err, runExitCode(t, err), c.want)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Fatalf("bad usage wrote files: %v", entries)
	}
}

// --meta may be given several times, and a value keeps its commas.
func TestRunMetaFlag(t *testing.T) {
	testenv.CC(t)
	out := filepath.Join(t.TempDir(), "ds")
	app := newApp()
	app.Writer, app.ErrWriter = &bytes.Buffer{}, &bytes.Buffer{}
	app.ExitErrHandler = func(*cli.Context, error) {}
	err := app.Run([]string{"edgewasm", "run", "--profile", "quick", "--experiments", "startup", "--out", out,
		"--meta", "fleet.inventory=lab,shelf 2.ini", "--meta=fleet.device=pi4"})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, app.ErrWriter)
	}
	env, err := dataset.ReadEnvironment(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"fleet.inventory": "lab,shelf 2.ini", "fleet.device": "pi4"}
	if !maps.Equal(env.Meta, want) {
		t.Errorf("meta %v, want %v", env.Meta, want)
	}
}

// A resume asks by flag name which options the command line gave
// (run.Options.Given is the command's IsSet): every name it asks about
// must be a flag of the run command.
func TestRunResumeFlagNames(t *testing.T) {
	flags := map[string]bool{}
	for _, f := range newRunCommand().Flags {
		for _, n := range f.Names() {
			flags[n] = true
		}
	}
	for _, name := range []string{resume.FlagProfile, resume.FlagPlatforms, resume.FlagLangs, resume.FlagExperiments,
		resume.FlagCC, resume.FlagSettle, resume.FlagWasmMaxPages, resume.FlagCPU} {
		if !flags[name] {
			t.Errorf("resume asks about --%s, which the run command does not have", name)
		}
	}
}
