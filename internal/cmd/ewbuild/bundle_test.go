package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/build"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// The tarball's bytes depend only on the staged content: SHA256SUMS is
// reproducible.
func TestTarGzDeterministic(t *testing.T) {
	stage := t.TempDir()
	for _, f := range []string{"edgewasm/b/x", "edgewasm/a", "edgewasm/bin/edgewasm"} {
		p := filepath.Join(stage, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.HasPrefix(f, "edgewasm/bin") {
			mode = 0o755
		}
		if err := os.WriteFile(p, []byte(f), mode); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	sum1, _, err := writeTarGz(stage, filepath.Join(out, "1.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	// Other times and an owner-only mode must not change the bytes.
	os.Chtimes(filepath.Join(stage, "edgewasm/a"), time.Now(), time.Now())
	os.Chmod(filepath.Join(stage, "edgewasm/a"), 0o600)
	sum2, _, err := writeTarGz(stage, filepath.Join(out, "2.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if sum1 != sum2 {
		t.Errorf("same content, different archives: %s vs %s", sum1, sum2)
	}
	list, err := exec.Command("tar", "tvzf", filepath.Join(out, "1.tar.gz")).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(list)), "\n")
	var names []string
	for _, l := range lines {
		f := strings.Fields(l)
		names = append(names, f[len(f)-1])
	}
	want := "edgewasm/ edgewasm/a edgewasm/b/ edgewasm/b/x edgewasm/bin/ edgewasm/bin/edgewasm"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries %q, want %q (sorted, one top folder)", got, want)
	}
	if !strings.HasPrefix(lines[len(lines)-1], "-rwxr-xr-x root/root") || !strings.Contains(lines[0], "2020-04-01") {
		t.Errorf("modes, owners or times not fixed:\n%s", list)
	}
}

// registerBinfmt registers qemu-user-static's arm handlers (.ci/binfmt).
func registerBinfmt(t *testing.T, root string) {
	t.Helper()
	testenv.Tool(t, "qemu-aarch64-static", "apt-get install qemu-user-static")
	if out, err := exec.Command(filepath.Join(root, ".ci", "binfmt")).CombinedOutput(); err != nil {
		testenv.Missing(t, "cannot register the qemu binfmt_misc handlers (needs root): "+strings.TrimSpace(string(out)))
	}
}

// TestBundleEmulated builds the arm64 and armv7 bundles as `make bundle`
// does, unpacks each in a temporary folder and, under qemu-user emulation
// through binfmt_misc, runs `doctor` and then `run --profile quick
// --platforms all,-wazero-interp,-wasmer-cold` from inside it, in C and
// Go (wasmer-cold, Cranelift compiling the Go module at every start under
// emulation, would double the test's time; it is wasmer's launcher), with an
// environment of PATH, HOME and QEMU_LD_PREFIX only (the stand-in for the
// board's own C library): no Go, no C compiler, no checkout. Every
// platform the bundle carries must run (arm64: native, docker, wazero,
// wazero-cold, wasmtime, wasmer; armv7: native, docker, wazero,
// wazero-cold), doctor must say so before the run, the plan must leave out
// the others with their reasons, every row must be ok (the digests equal
// the committed x86 ones), every binary and library must come from the
// bundle, and environment.json must say the run was emulated. The CPU
// experiment is left out to keep the test's time small (under emulation
// on the loaded 2-core VM two CPU tests on three platforms took 14
// minutes); runners/wazero's TestLauncherOnARM and runners/internal/wasmrun's
// TestLaunchersOnARM64 check the CPU digests on arm.
func TestBundleEmulated(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: cross builds and emulation take minutes")
	}
	root := repoRoot(t)
	for _, tool := range []string{"aarch64-linux-gnu-gcc", "arm-linux-gnueabihf-gcc", "x86_64-linux-gnu-gcc"} {
		testenv.Tool(t, tool, "apt-get install gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc")
	}
	testenv.Docker(t)
	registerBinfmt(t, root)
	ctx := context.Background()
	dist := t.TempDir()
	start := time.Now()
	if err := bundle(ctx, root, dist, []string{"arm64", "armv7"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("bundles built in %s", time.Since(start).Round(time.Second))
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil || strings.Count(string(sums), "\n") != 2 {
		t.Fatalf("SHA256SUMS: %v\n%s", err, sums)
	}
	for _, a := range []struct {
		name, emulator, engine, ldPrefix string
		runs, leftOut                    []string
		libs                             []string
	}{
		{"arm64", "qemu-aarch64", "compiler", "/usr/aarch64-linux-gnu",
			[]string{"native", "docker", "wazero", "wazero-cold", "wasmtime", "wasmer"},
			[]string{"wasmer-singlepass"}, []string{"library:libwasmer.so"}},
		{"armv7", "qemu-arm", "interpreter", "/usr/arm-linux-gnueabihf",
			[]string{"native", "docker", "wazero", "wazero-cold"},
			[]string{"wasmtime", "wasmer", "wasmer-singlepass"}, nil},
	} {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel() // the two emulated runs overlap: the test's wall time is the slower one's
			dev := t.TempDir()
			tarball := filepath.Join(dist, "edgewasm-linux-"+a.name+".tar.gz")
			if out, err := exec.Command("tar", "xzf", tarball, "-C", dev).CombinedOutput(); err != nil {
				t.Fatalf("unpack: %v\n%s", err, out)
			}
			entries, err := exec.Command("tar", "tzf", tarball).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range strings.Fields(string(entries)) {
				if !strings.HasPrefix(e, BundleDir+"/") {
					t.Errorf("tarball entry %q outside %s/", e, BundleDir)
				}
			}
			dir := filepath.Join(dev, BundleDir)
			// The device has no Go, no C compiler and no checkout: PATH
			// holds only the system's basic tools. The dynamic C workloads
			// find the target's loader through QEMU_LD_PREFIX (a real
			// device has its own).
			env := []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + dev, "QEMU_LD_PREFIX=" + a.ldPrefix}
			if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
				t.Fatal("the bundle holds a .git")
			}

			// The manifest lists each shipped library with its SHA-256.
			m, err := build.ReadManifest(filepath.Join(dir, build.ManifestFile))
			if err != nil {
				t.Fatal(err)
			}
			for _, lib := range a.libs {
				i := slices.IndexFunc(m.Artifacts, func(art dataset.Artifact) bool { return art.Key == lib })
				if i < 0 {
					t.Errorf("%s lists no %s", build.ManifestFile, lib)
					continue
				}
				sum, err := build.Checksum(filepath.Join(dir, filepath.FromSlash(m.Artifacts[i].Path)))
				if err != nil || sum != m.Artifacts[i].SHA256 {
					t.Errorf("%s: %v, SHA-256 %s, manifest says %s", lib, err, sum, m.Artifacts[i].SHA256)
				}
			}

			doc := exec.Command("bin/edgewasm", "doctor", "--format", "json", "--profile", "quick")
			doc.Dir, doc.Env = dir, env
			out, err := doc.Output()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
				t.Fatalf("doctor: %v\n%s", err, out)
			}
			var rep struct{ Checks []dataset.Check }
			if err := json.Unmarshal(out, &rep); err != nil || len(rep.Checks) < 9 {
				t.Fatalf("doctor --format json: %v\n%s", err, out)
			}
			if rep.Checks[0].Name != "architecture" || !strings.Contains(rep.Checks[0].Value, a.emulator) {
				t.Errorf("doctor's architecture check %+v does not name %s", rep.Checks[0], a.emulator)
			}
			// doctor says before the run which platforms can run here.
			checks := map[string]dataset.Check{}
			for _, c := range rep.Checks {
				checks[c.Name] = c
			}
			for _, p := range a.runs {
				if c := checks["platform "+p]; c.Status != dataset.CheckOK {
					t.Errorf("doctor on %s: platform %s %+v, want ok", a.name, p, c)
				}
			}
			for _, p := range a.leftOut {
				if c := checks["platform "+p]; c.Status != dataset.CheckWarn || !strings.Contains(c.Value, "cannot run here: ") {
					t.Errorf("doctor on %s: platform %s %+v, want a warning with the reason", a.name, p, c)
				}
			}

			start := time.Now()
			ds := filepath.Join(dir, "data", "emulated")
			run := exec.Command("bin/edgewasm", "run", "--profile", "quick", "--platforms", "all,-wazero-interp,-wasmer-cold",
				"--experiments", "startup,memory,fsio", "--langs", "c,go", "--build", "bundle", "--out", ds)
			run.Dir, run.Env = dir, env
			var log bytes.Buffer
			run.Stdout, run.Stderr = &log, &log
			if err := run.Run(); err != nil {
				t.Fatalf("run: %v\n%s", err, log.String())
			}
			t.Logf("%s: emulated run took %s", a.name, time.Since(start).Round(time.Second))
			plan, _, _ := strings.Cut(log.String(), "preparing ")
			if !strings.Contains(plan, "estimated duration") {
				t.Errorf("the run did not print its plan first:\n%s", log.String())
			}
			for _, p := range a.leftOut {
				if !strings.Contains(plan, "left out: platform "+p+" cannot run here: ") || strings.Contains(plan, "on "+p+" ") {
					t.Errorf("the plan does not leave out %s with its reason, or plans it:\n%s", p, plan)
				}
			}
			samples, err := dataset.ReadFile(filepath.Join(ds, dataset.SamplesFile))
			if err != nil {
				t.Fatal(err)
			}
			platforms := map[string]int{}
			for _, s := range samples {
				if !s.OK() {
					t.Errorf("row not ok: %+v", s)
				}
				platforms[s.Platform]++
			}
			for _, p := range a.runs {
				if platforms[p] == 0 {
					t.Errorf("no rows of %s: %v", p, platforms)
				}
			}
			for _, p := range a.leftOut {
				if platforms[p] != 0 {
					t.Errorf("%d rows of %s, which cannot run here", platforms[p], p)
				}
			}
			envj, err := dataset.ReadEnvironment(ds)
			if err != nil {
				t.Fatal(err)
			}
			if envj.Host.Emulated != a.emulator {
				t.Errorf("host.emulated = %q, want %q", envj.Host.Emulated, a.emulator)
			}
			if len(envj.Doctor) == 0 {
				t.Error("environment.json has no doctor findings")
			}
			if len(envj.Artifacts) == 0 {
				t.Error("environment.json lists no artifacts")
			}
			keys := map[string]bool{}
			for _, art := range envj.Artifacts {
				keys[art.Key] = true
				if art.Source != build.SourceBundle || art.Commit == "" || art.Compiler == "" || art.SHA256 == "" {
					t.Errorf("artifact not from the bundle, or without provenance: %+v", art)
				}
			}
			for _, lib := range a.libs {
				if !keys[lib] {
					t.Errorf("environment.json lists no %s among %v", lib, keys)
				}
			}
			if eng := envj.Runners["wazero"]["engine"]; eng != a.engine {
				t.Errorf("wazero engine %v, want %s", eng, a.engine)
			}
		})
	}
}

// A Go module's directory is found as the module in that folder requires
// it (downloaded if needed), and a module that is not required is an error.
func TestModuleDir(t *testing.T) {
	root := repoRoot(t)
	dir, err := build.ModuleDir(context.Background(), build.Tools{}, root, "github.com/urfave/cli/v2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "LICENSE")); err != nil {
		t.Error(err)
	}
	if _, err := build.ModuleDir(context.Background(), build.Tools{}, root, "example.invalid/nothing"); err == nil {
		t.Error("a module nobody requires was found")
	}
}
