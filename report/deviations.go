package report

import (
	"fmt"
	"strings"
)

// runDeviations lists, per dataset, where the configuration that produced
// it departs from the method of Napieralla (2020, ch. 4). Every item is
// derived from environment.json, so a different run gets a different list.
func runDeviations(e *Engine, a Args) (*Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, s := range sets {
		if len(sets) > 1 {
			fmt.Fprintf(&b, "**Dataset %s**\n\n", s.Label)
		}
		for _, d := range deviations(s) {
			fmt.Fprintf(&b, "- %s\n", d)
		}
		b.WriteString("\n")
	}
	out := &Output{Text: strings.TrimSpace(b.String())}
	for _, s := range sets {
		out.Commands = append(out.Commands, "jq .profile,.platforms,.unavailable,.toolchain "+s.Dir+"/environment.json")
	}
	return out, nil
}

func deviations(s *Set) []string {
	env, p := s.Env, s.Env.Profile
	var d []string
	host := env.Host.CPUModel
	if env.Host.DeviceModel != "" {
		host = env.Host.DeviceModel + ", " + host
	}
	if s.Pi() {
		d = append(d, fmt.Sprintf("*Hardware*: a Raspberry Pi as in the thesis (%s, %s, %d MiB); the thesis used a Pi 3 Model B+ with 1 GB under Ubuntu 20.04.", host, env.Host.Arch, env.Host.MemTotalKiB/1024))
	} else {
		v := ""
		if env.Host.Virtualized != "" {
			v = ", virtualized (" + env.Host.Virtualized + ")"
		}
		d = append(d, fmt.Sprintf("*Hardware*: %s (%s, %d cores, %d MiB%s) instead of the thesis's Raspberry Pi 3 Model B+ (Cortex-A53, 1 GB). Absolute times are not comparable; ratios between platforms are.", host, env.Host.Arch, env.Host.Cores, env.Host.MemTotalKiB/1024, v))
	}
	wz := env.Versions().Wazero
	if wz == "" {
		wz = "version not recorded"
	}
	d = append(d, fmt.Sprintf("*Wasm runtime*: wazero (%s), a Go runtime with an ahead-of-time compiler, instead of Wasmer, the only runtime the thesis could run on AArch64 in 2020.", wz))
	d = append(d, "*Filesystem workload*: written in C like the other workloads and compiled with the same toolchain, instead of Rust; it runs on the same machine as every other experiment, whereas the thesis had to move this test to an x86 desktop (Intel i5-2500K) because Wasmer failed on the Pi.")
	if fs := p.Sizes["fsio/fsio"]; fs > 0 && fs != 1<<30 && fs != 1e9 {
		d = append(d, fmt.Sprintf("*File size*: the filesystem test writes and reads %s (block %s) instead of 1 GB.", bytesText(fs), bytesText(p.FSIOBlock)))
	}
	d = append(d, "*Page cache*: before each read the file's pages are evicted (`posix_fadvise(DONTNEED)` after `fsync`), so reads come from the device; the thesis used separate files with the same content to limit caching.")
	if p.Repetitions != 10 {
		d = append(d, fmt.Sprintf("*Repetitions*: %d per test and platform instead of the thesis's 10 (profile %s).", p.Repetitions, p.Name))
	}
	if w := p.Warmups["cpu"]; w != 1 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d per CPU test instead of 1.", w))
	}
	if w := p.Warmups["fsio"]; w != 0 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d per filesystem test instead of none.", w))
	}
	if w := p.Warmups["startup"]; w > 0 {
		d = append(d, fmt.Sprintf("*Warm-ups*: %d unrecorded start-up invocation(s) per platform; the thesis does not say whether it warmed up this test.", w))
	}
	if p.Interleave {
		d = append(d, "*Order*: repetitions are interleaved across platforms (repetition r runs on every platform before r+1, the platform order rotating), so drift of the machine does not favour one platform; the thesis does not state its order.")
	}
	d = append(d, "*Memory metric*: the platform's footprint while the idle workload blocks — the proportional set size (PSS) of every process the platform runs for it (the program; the wazero launcher with its guest; the container's processes and its containerd-shim) — with the drop in `MemAvailable` (the thesis's `free` figure) kept as a secondary metric.")
	d = append(d, "*Timing*: each invocation is timed by the harness with a monotonic clock from process (or container) creation to exit, instead of the shell's `time`.")
	d = append(d, "*Statistics*: besides the Friedman test with repetitions as blocks (as in the thesis), pairwise post-hoc tests with Holm correction and bootstrap confidence intervals of medians are reported.")
	if len(env.Langs) > 0 && strings.Join(env.Langs, ",") != "c" {
		d = append(d, fmt.Sprintf("*Guest languages*: %s; the thesis used C (and Rust for the filesystem test).", strings.Join(env.Langs, ", ")))
	}
	if u := unavailable(s); u != "" {
		d = append(d, fmt.Sprintf("*Platforms not measured*: %s (reason recorded in environment.json).", u))
	}
	return d
}
