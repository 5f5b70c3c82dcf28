// Package launch is what a Wasm runner and its launcher program share. A
// launcher is a small program that the runner starts once per invocation:
// it creates one runtime, compiles, instantiates and runs one guest, and
// writes a report of key=value lines to a private file descriptor, so the
// guest's own stdout and stderr pass through untouched. Every launcher's
// main function is Main: the common flags (Options), usage, -version (the
// linked runtime's version, ModuleVersion) and the report; a launcher adds
// only its own flags and how its runtime runs a module.
//
// Launchers are measured (their start-up and memory are the platform's), so
// this package is deliberately small: it imports nothing of edgewasm's and
// only a little of the standard library.
package launch

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/cpu"
)

// ScratchGuestPath is where a launcher mounts the invocation's scratch
// directory inside the guest (the only directory a guest may open).
const ScratchGuestPath = "/scratch"

// ExitEngine is a launcher's exit status when the runtime, not the guest,
// failed (the report's error key says how).
const ExitEngine = 125

// Report keys. Durations are in nanoseconds on the monotonic clock.
const (
	KeyEngine      = "engine"         // what ran: "compiler" or "interpreter"
	KeySetup       = "setup_ns"       // runtime creation (and cache opening) plus WASI
	KeyCompile     = "compile_ns"     // reading, validating and compiling (or loading) the module
	KeyInstantiate = "instantiate_ns" // instantiating without running
	KeyRun         = "run_ns"         // the guest's _start
	KeyLauncher    = "launcher_ns"    // main's start to just before exit
	KeyPeakRSS     = "hwm_kib"        // VmHWM of the launcher process
	KeyExitCode    = "exit_code"      // the guest's WASI exit code
	KeyError       = "error"          // "<reason>: <first line>" when the runtime failed
	KeyDetail      = "detail"         // the rest of the runtime's message
)

// Report collects a launcher's key=value lines.
type Report struct{ b strings.Builder }

// Add appends key=value; newlines in the value are flattened.
func (r *Report) Add(key string, v any) {
	s := strings.ReplaceAll(fmt.Sprint(v), "\n", " | ")
	fmt.Fprintf(&r.b, "%s=%s\n", key, s)
}

// Fail records a runtime failure (reason is a short word such as
// "compile"; a trap's "wasm error: " prefix is turned into reason "trap"),
// prints it on stderr and returns ExitEngine.
func (r *Report) Fail(reason string, err error) int {
	msg := err.Error()
	first, rest, _ := strings.Cut(msg, "\n")
	if strings.HasPrefix(first, "wasm error: ") {
		reason, first = "trap", strings.TrimPrefix(first, "wasm error: ")
	}
	r.Add(KeyError, reason+": "+first)
	if len(rest) > 1500 {
		rest = rest[:1500] + "…"
	}
	r.Add(KeyDetail, strings.TrimSpace(rest))
	fmt.Fprintf(os.Stderr, "launcher: %s: %v\n", reason, err)
	return ExitEngine
}

// WriteTo writes the report to file descriptor fd (nothing when fd ≤ 0)
// and closes it.
func (r *Report) WriteTo(fd int) {
	if fd <= 0 {
		return
	}
	f := os.NewFile(uintptr(fd), "report")
	_, _ = f.WriteString(r.b.String())
	f.Close()
}

// Fields is a parsed report.
type Fields map[string]string

// Parse reads a report; lines without '=' are ignored.
func Parse(b []byte) Fields {
	f := Fields{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			f[k] = v
		}
	}
	return f
}

// Int returns an integer field.
func (f Fields) Int(key string) (int64, bool) {
	v, err := strconv.ParseInt(f[key], 10, 64)
	return v, err == nil
}

// WazeroCompilerSupported mirrors wazero's own test: its optimizing
// compiler runs on arm64 and on amd64 with SSE4.1; elsewhere (32-bit ARM,
// …) wazero.NewRuntimeConfig falls back to the interpreter.
func WazeroCompilerSupported() bool {
	switch runtime.GOARCH {
	case "arm64":
		return true
	case "amd64":
		return cpu.X86.HasSSE41
	}
	return false
}

// PeakRSS returns VmHWM from /proc/self/status in KiB: the peak resident
// set of this process image only. (wait4's ru_maxrss is not: at exec Linux
// folds in the high-water mark of the memory the child shared with its
// parent, and Go starts children with vfork, so it reports the parent's
// RSS.)
func PeakRSS() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kib, err == nil
		}
	}
	return 0, false
}
