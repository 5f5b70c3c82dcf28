// Package doctor checks whether a machine can give a trustworthy
// measurement (`edgewasm doctor`): architecture and board, CPU governor
// and frequencies, throttling and under-voltage, temperature, memory and
// swap, the cgroup memory controller, the Docker daemon, free disk for
// the run's output, and background load. Each check says what it found,
// whether that is fine (ok), worth fixing (warn) or would spoil or stop
// the run (fail), and how to fix it. Every file is read below a root
// directory, so tests run the checks against a fake /proc and /sys.
package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
)

// Options say what to check and where.
type Options struct {
	// Root is prepended to /proc and /sys paths ("" or "/" for the real
	// ones); tests point it at a fake tree.
	Root string
	// Out is the directory the run will write (its file system's free
	// space is checked); Need is how many bytes the run needs there at
	// once (0: not checked).
	Out  string
	Need int64
	// DockerSocket is the Engine API socket ("" for
	// /var/run/docker.sock, or DOCKER_HOST when it names a unix socket).
	DockerSocket string
	// Vcgencmd runs `vcgencmd get_throttled` and returns its output; nil
	// runs the real command when it exists.
	Vcgencmd func(ctx context.Context) (string, error)
	// Emulated is what the host fingerprint says about emulation ("" on
	// real hardware).
	Emulated string
	// GOARCH is the architecture edgewasm runs as ("" for runtime.GOARCH).
	GOARCH string
}

// Report is the outcome of every check, in a fixed order.
type Report struct {
	Checks []dataset.Check `json:"checks"`
}

// Exit is the exit status of `edgewasm doctor`: 0 when no check failed,
// 1 when something must be fixed.
func (r Report) Exit() int {
	for _, c := range r.Checks {
		if c.Status == dataset.CheckFail {
			return 1
		}
	}
	return 0
}

// Run performs every check.
func Run(ctx context.Context, o Options) Report {
	if o.GOARCH == "" {
		o.GOARCH = runtime.GOARCH
	}
	d := doctor{o: o}
	checks := []func(context.Context) dataset.Check{
		d.arch, d.governor, d.throttling, d.temperature, d.memory, d.cgroupMemory, d.docker, d.disk, d.load,
	}
	var r Report
	for _, c := range checks {
		r.Checks = append(r.Checks, c(ctx))
	}
	return r
}

// WriteText prints one line per check, with the advice below it.
func (r Report) WriteText(w io.Writer) {
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%-4s  %-14s %s\n", c.Status, c.Name, c.Value)
		if c.Advice != "" {
			fmt.Fprintf(w, "      %-14s → %s\n", "", c.Advice)
		}
	}
}

// WriteJSON prints the report as one JSON object.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

type doctor struct{ o Options }

func (d doctor) path(p string) string { return filepath.Join(or(d.o.Root, "/"), p) }

func (d doctor) read(p string) string {
	b, err := os.ReadFile(d.path(p))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(string(b), "\x00"))
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func check(name, status, value, advice string) dataset.Check {
	return dataset.Check{Name: name, Status: status, Value: value, Advice: advice}
}

func (d doctor) arch(context.Context) dataset.Check {
	model := or(d.read("proc/device-tree/model"), "no device-tree model")
	v := d.o.GOARCH + ", " + model
	if d.o.Emulated != "" {
		return check("architecture", dataset.CheckWarn, v+", emulated by "+d.o.Emulated,
			"timings under emulation are functional evidence only; measure on the device itself")
	}
	return check("architecture", dataset.CheckOK, v, "")
}

// cpus lists the cpufreq directories of every CPU.
func (d doctor) cpus() []string {
	m, _ := filepath.Glob(d.path("sys/devices/system/cpu/cpu[0-9]*/cpufreq"))
	sort.Strings(m)
	return m
}

func readKHz(dir, name string) int64 {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n
}

func mhz(khz int64) string { return fmt.Sprintf("%d MHz", khz/1000) }

func (d doctor) governor(context.Context) dataset.Check {
	cpus := d.cpus()
	if len(cpus) == 0 {
		return check("governor", dataset.CheckOK, "no cpufreq (fixed frequency, or a virtual machine)", "")
	}
	govs := map[string]bool{}
	for _, c := range cpus {
		b, _ := os.ReadFile(filepath.Join(c, "scaling_governor"))
		govs[strings.TrimSpace(string(b))] = true
	}
	c0 := cpus[0]
	cur, lo, hi := readKHz(c0, "scaling_cur_freq"), readKHz(c0, "scaling_min_freq"), readKHz(c0, "scaling_max_freq")
	names := make([]string, 0, len(govs))
	for g := range govs {
		names = append(names, g)
	}
	sort.Strings(names)
	v := fmt.Sprintf("%s; cpu0 %s (min %s, max %s)", strings.Join(names, ","), mhz(cur), mhz(lo), mhz(hi))
	if len(names) != 1 || names[0] != "performance" {
		return check("governor", dataset.CheckWarn, v,
			"fix the frequency: echo performance | sudo tee /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor")
	}
	return check("governor", dataset.CheckOK, v, "")
}

// Raspberry Pi firmware throttling bits (vcgencmd get_throttled).
var throttleBits = []struct {
	bit  uint64
	what string
}{
	{0x1, "under-voltage now"}, {0x2, "frequency capped now"}, {0x4, "throttled now"}, {0x8, "soft temperature limit now"},
	{0x10000, "under-voltage since boot"}, {0x20000, "frequency capped since boot"}, {0x40000, "throttled since boot"},
	{0x80000, "soft temperature limit since boot"},
}

func (d doctor) throttling(ctx context.Context) dataset.Check {
	vc := d.o.Vcgencmd
	if vc == nil {
		if _, err := exec.LookPath("vcgencmd"); err == nil {
			vc = func(ctx context.Context) (string, error) {
				ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
				defer cancel()
				b, err := exec.CommandContext(ctx, "vcgencmd", "get_throttled").Output()
				return string(b), err
			}
		}
	}
	if vc != nil {
		out, err := vc(ctx)
		_, hex, ok := strings.Cut(strings.TrimSpace(out), "throttled=")
		bits, perr := strconv.ParseUint(strings.TrimPrefix(hex, "0x"), 16, 64)
		if err == nil && ok && perr == nil {
			return throttleCheck(bits)
		}
	}
	// No firmware report: compare each CPU's allowed maximum with its
	// hardware maximum (a thermal or power cap lowers the former).
	for _, c := range d.cpus() {
		hw, allowed := readKHz(c, "cpuinfo_max_freq"), readKHz(c, "scaling_max_freq")
		if hw > 0 && allowed > 0 && allowed < hw {
			return check("throttling", dataset.CheckWarn, fmt.Sprintf("%s allows %s of %s", filepath.Base(filepath.Dir(c)), mhz(allowed), mhz(hw)),
				"the maximum frequency is capped: lift the cap (scaling_max_freq) or find what sets it (thermal, power)")
		}
	}
	return check("throttling", dataset.CheckOK, "no vcgencmd; no CPU frequency capped", "")
}

func throttleCheck(bits uint64) dataset.Check {
	var now, past []string
	for _, b := range throttleBits {
		if bits&b.bit != 0 {
			if b.bit < 0x10000 {
				now = append(now, b.what)
			} else {
				past = append(past, b.what)
			}
		}
	}
	v := fmt.Sprintf("throttled=0x%x", bits)
	switch {
	case bits&0x1 != 0 || bits&0x10000 != 0:
		return check("throttling", dataset.CheckFail, v+": "+strings.Join(append(now, past...), ", "),
			"under-voltage: use the official 5.1 V / 2.5 A supply and a short cable, then reboot")
	case len(now) > 0:
		return check("throttling", dataset.CheckFail, v+": "+strings.Join(now, ", "),
			"the CPU is throttled: add a heatsink or fan, let it cool, check the supply")
	case len(past) > 0:
		return check("throttling", dataset.CheckWarn, v+": "+strings.Join(past, ", "),
			"throttling happened since boot: improve cooling, reboot, and watch it during the run")
	}
	return check("throttling", dataset.CheckOK, v, "")
}

func (d doctor) temperature(context.Context) dataset.Check {
	zones, _ := filepath.Glob(d.path("sys/class/thermal/thermal_zone*/temp"))
	hottest, name := int64(-1), ""
	for _, z := range zones {
		b, err := os.ReadFile(z)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err == nil && n > hottest {
			hottest, name = n, filepath.Base(filepath.Dir(z))
		}
	}
	if hottest < 0 {
		return check("temperature", dataset.CheckOK, "no thermal zone", "")
	}
	v := fmt.Sprintf("%.1f °C (%s)", float64(hottest)/1000, name)
	switch {
	case hottest >= 80000:
		return check("temperature", dataset.CheckFail, v, "too hot: the CPU throttles at 80–85 °C; add cooling and let it cool down")
	case hottest >= 60000:
		return check("temperature", dataset.CheckWarn, v, "a Raspberry Pi 3 B+ lowers its clock from 60 °C: add a heatsink or fan")
	}
	return check("temperature", dataset.CheckOK, v, "")
}

// meminfo reads /proc/meminfo in KiB.
func (d doctor) meminfo() map[string]int64 {
	out := map[string]int64{}
	for _, line := range strings.Split(d.read("proc/meminfo"), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) > 0 {
			out[k], _ = strconv.ParseInt(f[0], 10, 64)
		}
	}
	return out
}

func (d doctor) memory(context.Context) dataset.Check {
	m := d.meminfo()
	total, avail := m["MemTotal"], m["MemAvailable"]
	swap, swapUsed := m["SwapTotal"], m["SwapTotal"]-m["SwapFree"]
	v := fmt.Sprintf("%s of %s available; swap %s, %s in use", kib(avail), kib(total), kib(swap), kib(swapUsed))
	switch {
	case total == 0:
		return check("memory", dataset.CheckWarn, "/proc/meminfo unreadable", "")
	case avail < 256<<10:
		return check("memory", dataset.CheckFail, v, "less than 256 MiB available: stop other programs (the thesis sizes need ~300 MiB)")
	case swapUsed > 64<<10:
		return check("memory", dataset.CheckWarn, v, "swap is in use: stop other programs or reboot, so workloads do not page")
	}
	return check("memory", dataset.CheckOK, v, "")
}

func kib(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d MiB", n>>10)
	}
	return fmt.Sprintf("%d KiB", n)
}

func (d doctor) cgroupMemory(context.Context) dataset.Check {
	if ctl := d.read("sys/fs/cgroup/cgroup.controllers"); ctl != "" {
		if strings.Contains(" "+ctl+" ", " memory ") {
			return check("cgroup memory", dataset.CheckOK, "cgroup v2, memory controller enabled", "")
		}
		return check("cgroup memory", dataset.CheckWarn, "cgroup v2 without the memory controller: "+ctl, memAdvice)
	}
	for _, line := range strings.Split(d.read("proc/cgroups"), "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 && f[0] == "memory" {
			if f[3] == "1" {
				return check("cgroup memory", dataset.CheckOK, "cgroup v1, memory controller enabled", "")
			}
			return check("cgroup memory", dataset.CheckWarn, "cgroup v1, memory controller disabled", memAdvice)
		}
	}
	return check("cgroup memory", dataset.CheckWarn, "no memory controller found", memAdvice)
}

const memAdvice = "Docker's memory figures need it: add cgroup_enable=memory cgroup_memory=1 to /boot/firmware/cmdline.txt (older Raspberry Pi OS: /boot/cmdline.txt) and reboot"

// dockerInfo is the part of the Engine API's /info that doctor reads.
type dockerInfo struct {
	ServerVersion string `json:"ServerVersion"`
	Driver        string `json:"Driver"`
	MemoryLimit   bool   `json:"MemoryLimit"`
	Architecture  string `json:"Architecture"`
	CgroupVersion string `json:"CgroupVersion"`
}

func (d doctor) socket() string {
	if d.o.DockerSocket != "" {
		return d.o.DockerSocket
	}
	if h, ok := strings.CutPrefix(os.Getenv("DOCKER_HOST"), "unix://"); ok {
		return h
	}
	return "/var/run/docker.sock"
}

func (d doctor) docker(ctx context.Context) dataset.Check {
	sock := d.socket()
	client := http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", sock)
		}}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://docker/info", nil)
	if err != nil {
		return check("docker", dataset.CheckWarn, err.Error(), "")
	}
	resp, err := client.Do(req)
	if err != nil {
		return check("docker", dataset.CheckWarn, "no daemon at "+sock,
			"the docker platform will be unavailable: install Docker Engine (curl -fsSL https://get.docker.com | sh) and start it")
	}
	defer resp.Body.Close()
	var info dockerInfo
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&info); err != nil || resp.StatusCode != http.StatusOK {
		return check("docker", dataset.CheckWarn, fmt.Sprintf("%s answered %s", sock, resp.Status), "check the daemon: docker info")
	}
	v := fmt.Sprintf("Docker %s, storage driver %s, %s, cgroup v%s", info.ServerVersion, info.Driver, info.Architecture, or(info.CgroupVersion, "?"))
	switch {
	case !info.MemoryLimit:
		return check("docker", dataset.CheckWarn, v+", no memory limit support", memAdvice)
	case info.Driver == "vfs":
		return check("docker", dataset.CheckWarn, v, "the vfs storage driver copies whole layers: use overlay2")
	}
	return check("docker", dataset.CheckOK, v, "")
}

func (d doctor) disk(context.Context) dataset.Check {
	dir := or(d.o.Out, ".")
	// The output directory may not exist yet: its nearest existing parent
	// is on the same file system.
	for {
		if _, err := os.Stat(dir); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return check("disk", dataset.CheckWarn, fmt.Sprintf("statfs %s: %v", dir, err), "")
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	v := fmt.Sprintf("%s free on %s", byteSize(free), dir)
	if d.o.Need > 0 {
		v += fmt.Sprintf("; the run needs %s at once", byteSize(d.o.Need))
		switch {
		case free < d.o.Need:
			return check("disk", dataset.CheckFail, v, "free space or choose --out on a larger file system")
		case free < 2*d.o.Need:
			return check("disk", dataset.CheckWarn, v, "little room to spare: a full disk fails fsio samples")
		}
	}
	return check("disk", dataset.CheckOK, v, "")
}

func byteSize(n int64) string { return kib(n >> 10) }

func (d doctor) load(context.Context) dataset.Check {
	f := strings.Fields(d.read("proc/loadavg"))
	if len(f) < 3 {
		return check("load", dataset.CheckWarn, "/proc/loadavg unreadable", "")
	}
	l1, _ := strconv.ParseFloat(f[0], 64)
	cores := len(d.cpuList())
	v := fmt.Sprintf("load average %s %s %s on %d cores", f[0], f[1], f[2], cores)
	if cores > 0 && l1 > 0.25*float64(cores) {
		return check("load", dataset.CheckWarn, v, "other programs are running: stop them (top), so they do not disturb the measurements")
	}
	return check("load", dataset.CheckOK, v, "")
}

// cpuList counts the online CPUs from /proc/stat.
func (d doctor) cpuList() []string {
	var out []string
	for _, line := range strings.Split(d.read("proc/stat"), "\n") {
		if strings.HasPrefix(line, "cpu") && len(line) > 3 && line[3] >= '0' && line[3] <= '9' {
			out = append(out, strings.Fields(line)[0])
		}
	}
	return out
}
