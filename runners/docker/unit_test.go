package docker

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
)

func TestCgroupMemoryFile(t *testing.T) {
	cases := []struct {
		name, content, file, version string
	}{
		{"v1 cgroupfs", "12:pids:/docker/abc\n4:memory:/docker/abc\n1:name=systemd:/docker/abc\n",
			"memory/docker/abc/memory.usage_in_bytes", "1"},
		{"v1 joined controllers", "5:cpu,memory:/system.slice/docker-abc.scope\n",
			"memory/system.slice/docker-abc.scope/memory.usage_in_bytes", "1"},
		{"v2 systemd", "0::/system.slice/docker-abc.scope\n", "system.slice/docker-abc.scope/memory.current", "2"},
		{"hybrid prefers v1", "0::/init.scope\n7:memory:/docker/abc\n", "memory/docker/abc/memory.usage_in_bytes", "1"},
	}
	for _, c := range cases {
		file, version, err := cgroupMemoryFile([]byte(c.content))
		if err != nil || file != c.file || version != c.version {
			t.Errorf("%s: got %q, %q, %v; want %q, %q", c.name, file, version, err, c.file, c.version)
		}
	}
	if _, _, err := cgroupMemoryFile([]byte("3:pids:/docker/abc\n")); err == nil {
		t.Error("no memory line: want an error")
	}
}

func TestCgroupMemoryReadsFakeTree(t *testing.T) {
	procDir, cg := t.TempDir(), t.TempDir()
	oldProc, oldCg := proc.Root, CgroupRoot
	proc.Root, CgroupRoot = procDir, cg
	t.Cleanup(func() { proc.Root, CgroupRoot = oldProc, oldCg })
	write := func(path, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(procDir, "42", "cgroup"), "0::/system.slice/docker-abc.scope\n")
	write(filepath.Join(cg, "system.slice", "docker-abc.scope", "memory.current"), "1048576\n")
	n, v, err := CgroupMemory(42)
	if err != nil || n != 1<<20 || v != "2" {
		t.Fatalf("CgroupMemory = %d, %q, %v; want 1048576, \"2\"", n, v, err)
	}

	id := strings.Repeat("ab", 32)
	write(filepath.Join(procDir, "7", "cmdline"), "/usr/bin/containerd-shim-runc-v2\x00-namespace\x00moby\x00-id\x00"+id+"\x00-address\x00/run/containerd/containerd.sock\x00")
	write(filepath.Join(procDir, "8", "cmdline"), "/bin/sleep\x00-id\x00"+id+"\x00")
	pid, err := ShimPID(id)
	if err != nil || pid != 7 {
		t.Fatalf("ShimPID = %d, %v; want 7", pid, err)
	}
	if _, err := ShimPID(strings.Repeat("cd", 32)); err == nil {
		t.Fatal("ShimPID of an unknown container: want an error")
	}
}

func TestBuildContext(t *testing.T) {
	bin := []byte("\x7fELF fake binary")
	a, ha, err := buildContext(dockerfile(DefaultUser), bin)
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := buildContext(dockerfile(DefaultUser), bin)
	if !bytes.Equal(a, b) || ha != hb {
		t.Fatal("same inputs gave different build contexts")
	}
	if _, hc, _ := buildContext(dockerfile(DefaultUser), append(bin, 0)); hc == ha {
		t.Fatal("a changed binary kept the same hash")
	}
	tr := tar.NewReader(bytes.NewReader(a))
	got := map[string]string{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		got[h.Name] = string(data)
		if h.Name == "workload" && h.Mode&0o111 == 0 {
			t.Errorf("workload mode %o: not executable", h.Mode)
		}
	}
	if got["workload"] != string(bin) {
		t.Errorf("workload content %q", got["workload"])
	}
	for _, want := range []string{"FROM scratch\n", "USER " + DefaultUser, `ENTRYPOINT ["/workload"]`} {
		if !strings.Contains(got["Dockerfile"], want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, got["Dockerfile"])
		}
	}
	tag := ImageTag(runners.Workload{Experiment: "cpu", Test: "aes", Lang: "c"}, ha)
	if tag != "edgewasm/aes-c:"+ha[:16] {
		t.Errorf("tag %q", tag)
	}
}

func TestConfigValidate(t *testing.T) {
	good := Config{}
	good.applyDefaults()
	if err := good.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for _, bad := range []Config{
		{User: "0:0"}, {User: "0"}, {PidsLimit: -1}, {Settle: -time.Second},
		{Labels: map[string]string{LabelManaged: "x"}},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v: want an error", bad)
		}
	}
}

func TestCLIArgsMatchHardening(t *testing.T) {
	r := &Runner{cfg: Config{Labels: map[string]string{"org.edgewasm.test": "x"}}}
	r.cfg.applyDefaults()
	inv := runners.Invocation{Args: []string{"write", runners.ScratchToken + "/f"}, Scratch: "/tmp/s"}
	args := strings.Join(r.cliArgs("n", image{Tag: "edgewasm/t-c:1"}, inv), " ")
	for _, want := range []string{"run --rm", "--network none", "--read-only", "--cap-drop ALL",
		"--security-opt no-new-privileges", "--user 65534:65534", "--pids-limit 64",
		"--mount type=bind,source=/tmp/s,target=/scratch", "--label org.edgewasm.managed=true",
		"--label org.edgewasm.test=x", "edgewasm/t-c:1 write /scratch/f"} {
		if !strings.Contains(args, want) {
			t.Errorf("docker %s: lacks %q", args, want)
		}
	}
	opts := r.createOptions(image{Tag: "edgewasm/t-c:1"}, inv, false)
	hc := opts.HostConfig
	if hc.NetworkMode != "none" || !hc.ReadonlyRootfs || !slices.Equal(hc.CapDrop, []string{"ALL"}) ||
		*hc.PidsLimit != 64 || opts.Config.User != DefaultUser || len(hc.Mounts) != 1 ||
		!slices.Equal(opts.Config.Cmd, []string{"write", "/scratch/f"}) {
		t.Errorf("API create options differ from the CLI's: %+v %+v", opts.Config, hc)
	}
}

func TestReadyWriter(t *testing.T) {
	var buf bytes.Buffer
	ready := make(chan error, 1)
	w := readyWriter(&buf, ready)
	io.WriteString(w, "starting\nrea")
	io.WriteString(w, "dy\nbye\n")
	if err := <-ready; err != nil {
		t.Fatal(err)
	}
	w.Close()
	if buf.String() != "starting\nready\nbye\n" {
		t.Fatalf("buffer %q", buf.String())
	}
	ready = make(chan error, 1)
	w = readyWriter(&bytes.Buffer{}, ready)
	io.WriteString(w, "crash\n")
	w.Close()
	if err := <-ready; err == nil {
		t.Fatal("stream ended without ready: want an error")
	}
}

func TestUnavailableDaemon(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "no-such.sock"))
	_, err := New(t.Context(), Config{})
	if !errors.Is(err, runners.ErrUnavailable) {
		t.Fatalf("New with no daemon: %v; want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "no-such.sock") {
		t.Errorf("error %q does not carry the daemon's message", err)
	}
}
