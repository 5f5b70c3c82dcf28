// Package testenv decides, in one place, what a test does when the
// machine lacks something it needs (a compiler, an emulator, the Docker
// daemon): outside CI it skips with the reason and how to install the
// missing piece; in CI (CI=true, as .ci/run sets) it fails, so a green CI
// run never hides a test that did not run.
//
// It also names what a test leaves on the machine after its owner, so that
// a test killed before its cleanups ran (by -timeout, by SIGKILL) leaves
// nothing for good: network namespaces (Netns), large temporary
// directories (TempDir) and Docker objects (OwnerLabel) carry the Owner of
// the test process, the PID with its start time, and every test that
// creates such things first sweeps those whose owner is gone (SweepNetns,
// SweepTempDirs; runners/docker.CleanOrphans with OwnerGone), never those
// of a live process.
package testenv

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// RequireDockerEnv makes tests that need the Docker daemon fail instead of
// skip when none is reachable (.ci/run sets it to 1).
const RequireDockerEnv = "EDGEWASM_REQUIRE_DOCKER"

// InCI reports whether the tests run in CI.
func InCI() bool { return os.Getenv("CI") != "" }

// Missing skips the test, or fails it in CI, because of what is missing.
func Missing(t testing.TB, what string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (required in CI)", what)
	}
	t.Skip(what)
}

// Tool returns the path of an executable on PATH, or reports it Missing
// with the command that installs it.
func Tool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" not found on PATH: "+install)
	}
	return p
}

// CC returns the C compiler "cc".
func CC(t testing.TB) string { return Tool(t, "cc", "apt-get install gcc libc6-dev") }

// Clang returns a clang that builds wasm32-wasi.
func Clang(t testing.TB) string {
	return Tool(t, "clang", "apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32")
}

// Docker reports the daemon Missing (failing under RequireDockerEnv=1 or
// in CI) unless `docker info` answers.
func Docker(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("docker"); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if exec.CommandContext(ctx, "docker", "info").Run() == nil {
			return
		}
	}
	if os.Getenv(RequireDockerEnv) == "1" {
		t.Fatalf("no Docker daemon reachable, and %s=1", RequireDockerEnv)
	}
	Missing(t, "no Docker daemon reachable")
}
