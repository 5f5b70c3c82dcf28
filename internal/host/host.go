package host

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
)

// Fingerprint describes the machine edgewasm runs on.
func Fingerprint() dataset.Host {
	h := dataset.Host{Cores: runtime.NumCPU(), Arch: runtime.GOARCH}
	h.CPUModel = cpuModel()
	h.MemTotalKiB, _ = MemTotal()
	h.Kernel = readTrim("/proc/sys/kernel/osrelease")
	h.OS = osRelease()
	h.DeviceModel = strings.TrimRight(readTrim("/proc/device-tree/model"), "\x00")
	h.Governor = readTrim("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
	h.Hostname, _ = os.Hostname()
	if out, err := exec.Command("systemd-detect-virt").Output(); err == nil {
		h.Virtualized = strings.TrimSpace(string(out))
	}
	h.Emulated, h.KernelArch = Emulation("/")
	return h
}

// ToolInfo identifies the checkout edgewasm runs from: commit and whether
// the work tree has uncommitted changes.
func ToolInfo(root, version string) dataset.Tool {
	t := dataset.Tool{Version: version, GitCommit: "unknown"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "HEAD")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		t.GitCommit = strings.TrimSpace(string(out))
		st := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no")
		st.Dir = root
		if out, err := st.Output(); err == nil {
			t.GitDirty = len(strings.TrimSpace(string(out))) > 0
		}
	}
	return t
}

func readTrim(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// cpuModel reads the CPU name from /proc/cpuinfo; ARM kernels have no
// "model name" on every core, so "Hardware" and "CPU part" are fallbacks.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	vals := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		k = strings.TrimSpace(k)
		if ok && vals[k] == "" {
			vals[k] = strings.TrimSpace(v)
		}
	}
	for _, k := range []string{"model name", "Model", "Hardware"} {
		if vals[k] != "" {
			return vals[k]
		}
	}
	if vals["CPU part"] != "" {
		return "ARM CPU part " + vals["CPU part"]
	}
	return "unknown"
}

func osRelease() string {
	f, err := os.Open("/etc/os-release")
	if err != nil {
		return runtime.GOOS
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "PRETTY_NAME="); ok {
			if u, err := strconv.Unquote(v); err == nil {
				return u
			}
			return v
		}
	}
	return runtime.GOOS
}
