// Package build holds edgewasm's build recipes: one function per kind of
// artifact, used by the runners (in Prepare), by the tests, by `make wasm`
// (through internal/cmd/ewbuild) and by the bundle. A flag that changes an
// artifact is written here once, so a runner, a test and the Makefile cannot
// drift apart.
//
// The kinds:
//
//	NativeC    a C workload or helper for the machine (cc -O2), dynamic or static
//	NativeGo   a Go workload for the machine (CGO_ENABLED=0, so it is static)
//	Workload   NativeC or NativeGo, by the workload's language
//	WasmC      a C workload for wasm32-wasi (clang, wasi-libc)
//	WasmGo     a Go workload for wasip1
//	Program    a Go program of this repository, such as a launcher
package build

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
)

// Tools names the compilers the recipes run. A zero field means the
// default: "cc", "clang" and "go" found on PATH.
type Tools struct {
	CC    string `json:"cc"`    // C compiler for the target machine
	Clang string `json:"clang"` // clang with the wasm32-wasi target
	Go    string `json:"go"`    // Go toolchain
	// Warnings are extra warning flags for C builds (the tests build with
	// -Wall -Wextra -Werror); they do not change what is built.
	Warnings []string `json:"warnings,omitempty"`
	// Artifacts, when set, decides whether a recipe builds or takes its
	// output prebuilt from a bundle, and records where it came from.
	Artifacts *Artifacts `json:"-"`
}

// WithDefaults returns the tools with every empty field set to its
// default, as the recipes use them (for records such as environment.json).
func (t Tools) WithDefaults() Tools {
	return Tools{CC: t.cc(), Clang: t.clang(), Go: t.gotool(), Warnings: t.Warnings, Artifacts: t.Artifacts}
}

func (t Tools) cc() string     { return or(t.CC, "cc") }
func (t Tools) clang() string  { return or(t.Clang, "clang") }
func (t Tools) gotool() string { return or(t.Go, "go") }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Target is the machine a Go program is built for. The zero value is the
// machine the build runs on. (C cross-builds choose their target through
// Tools.CC, e.g. aarch64-linux-gnu-gcc.)
type Target struct {
	GOOS   string `json:"goos,omitempty"`
	GOARCH string `json:"goarch,omitempty"`
	GOARM  string `json:"goarm,omitempty"` // 7 for the Raspberry Pi's 32-bit ABI
}

// env returns the environment entries that select the target.
func (t Target) env() []string {
	var env []string
	if t.GOOS != "" {
		env = append(env, "GOOS="+t.GOOS)
	}
	if t.GOARCH != "" {
		env = append(env, "GOARCH="+t.GOARCH)
	}
	if t.GOARM != "" {
		env = append(env, "GOARM="+t.GOARM)
	}
	return env
}

// CFlags are the optimization flags of native C builds: the thesis's
// build was optimized, and -O2 is what distributions build with.
var CFlags = []string{"-O2"}

// WasmCFlags build a C workload for wasm32-wasi with Debian's clang and
// wasi-libc. The debug sections that wasi-libc brings along carry build
// paths; --strip-debug drops them (keeping the name section, so traps name
// the function) and makes the output depend only on the source and clang.
var WasmCFlags = []string{"--target=wasm32-wasi", "-O2", "-Wl,--strip-debug"}

// goFlags are the go build flags of every Go artifact: no file system
// paths (-trimpath) and no VCS stamp in the binary, so a build depends only
// on the sources and the Go version.
var goFlags = []string{"build", "-trimpath", "-buildvcs=false"}

// cleanGoEnv keeps the caller's GOFLAGS and GOWASM out of a build (they
// would change the bytes of committed modules).
var cleanGoEnv = []string{"GOFLAGS=", "GOWASM="}

// NativeCArgs returns the compiler arguments of NativeC, for records of
// how a binary was built.
func NativeCArgs(tools Tools, src, include, out string, static bool) []string {
	args := append(append([]string{}, CFlags...), tools.Warnings...)
	if static {
		args = append([]string{"-static"}, args...)
	}
	if include != "" {
		args = append(args, "-I", include)
	}
	return append(args, "-o", out, src)
}

// NativeC compiles the C file src into out with Tools.CC and CFlags;
// include is an extra header directory ("" for none). static links the C
// library in, for FROM-scratch images and for a shim with no loader.
func NativeC(ctx context.Context, tools Tools, src, include, out string, static bool) error {
	a := tools.Artifacts
	return a.Obtain(ctx, a.Key("native-c", src, static), out, func() (dataset.Artifact, error) {
		err := nativeC(ctx, tools, src, include, out, static)
		return dataset.Artifact{Compiler: a.version(ctx, tools.cc(), "--version"),
			Flags: NativeCArgs(Tools{Warnings: tools.Warnings}, "SRC", "", "OUT", static)}, err
	})
}

func nativeC(ctx context.Context, tools Tools, src, include, out string, static bool) error {
	cc := tools.cc()
	if _, err := exec.LookPath(cc); err != nil {
		return fmt.Errorf("C compiler %q not found: install one (Debian, Ubuntu, Raspberry Pi OS: apt-get install gcc libc6-dev) or pass --cc", cc)
	}
	if _, err := os.Stat(src); err != nil {
		return err
	}
	return run(exec.CommandContext(ctx, cc, NativeCArgs(tools, src, include, out, static)...), src)
}

// NativeGo builds the Go main package in dir into out for target, with cgo
// off (so the binary is static and runs in a FROM-scratch image).
func NativeGo(ctx context.Context, tools Tools, target Target, dir, out string) error {
	a := tools.Artifacts
	env := append(target.env(), "CGO_ENABLED=0")
	return a.Obtain(ctx, a.Key("native-go", dir, false), out, func() (dataset.Artifact, error) {
		err := goBuild(ctx, tools, dir, ".", out, env)
		return goArtifact(ctx, tools, target, env), err
	})
}

// goArtifact describes a Go build for Artifacts' records.
func goArtifact(ctx context.Context, tools Tools, target Target, env []string) dataset.Artifact {
	return dataset.Artifact{Compiler: tools.Artifacts.version(ctx, tools.gotool(), "version"),
		Flags: append(append([]string{}, goFlags...), env...), Target: TargetOf(target)}
}

// Workload builds a workload for the machine: dir/main.c for C (with the
// shared headers in include), the Go package in dir for Go.
func Workload(ctx context.Context, tools Tools, lang, dir, include, out string, static bool) error {
	switch lang {
	case dataset.LangC:
		return NativeC(ctx, tools, filepath.Join(dir, "main.c"), include, out, static)
	case dataset.LangGo:
		return NativeGo(ctx, tools, Target{}, dir, out)
	}
	return fmt.Errorf("build: %s: unknown language %q (want %s)", dir, lang, strings.Join(dataset.Langs, " or "))
}

// WasmC compiles dir/main.c for wasm32-wasi into out.
func WasmC(ctx context.Context, tools Tools, dir, include, out string) error {
	clang := tools.clang()
	if _, err := exec.LookPath(clang); err != nil {
		return fmt.Errorf("%q not found: install clang for wasm32-wasi (Debian 12: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32)", clang)
	}
	src := filepath.Join(dir, "main.c")
	args := append(append(append([]string{}, WasmCFlags...), tools.Warnings...), "-I", include, "-o", out, src)
	if err := run(exec.CommandContext(ctx, clang, args...), src); err != nil {
		return err
	}
	return dataMode(out)
}

// dataMode makes a module a plain data file: linkers mark their output
// executable, but a module is run by a runtime, and committed modules
// should not differ in mode by how they were built.
func dataMode(path string) error { return os.Chmod(path, 0o644) }

// WasmGo builds the Go main package in dir for GOOS=wasip1 into out. For a
// given Go version the bytes depend only on the sources.
func WasmGo(ctx context.Context, tools Tools, dir, out string) error {
	if err := goBuild(ctx, tools, dir, ".", out, []string{"GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0"}); err != nil {
		return err
	}
	return dataMode(out)
}

// Cgo is how Program builds a program that uses cgo (the launchers of
// runtimes written in Rust or C, such as Wasmtime and Wasmer).
type Cgo struct {
	// CC is the C compiler for the target machine, e.g. "cc" natively or
	// "aarch64-linux-gnu-gcc" for arm64; empty means Tools.CC.
	CC string `json:"cc,omitempty"`
	// LDFlags are extra linker flags (CGO_LDFLAGS).
	LDFlags []string `json:"ldflags,omitempty"`
	// Libs name the shared libraries the program loads at run time. Program
	// links it with the run path $ORIGIN/lib (RunPath) and places each
	// library in LibDir beside it, through Library: from the bundle that
	// ships it, else from the directory LibSource finds. So a program and
	// its libraries move together, and a device needs no Go module cache.
	Libs []string `json:"libs,omitempty"`
	// LibSource finds the directory holding Libs on this machine (e.g.
	// inside a Go module in the module cache). It is called only when
	// something is built here, never for a bundle's prebuilt files.
	LibSource func(ctx context.Context) (string, error) `json:"-"`

	dir string // LibSource's answer, once asked
}

// LibDir is the folder beside a program that holds the shared libraries
// it was linked with (Cgo.Libs).
const LibDir = "lib"

// RunPath is the linker flag that makes a program look for its shared
// libraries in LibDir beside itself, wherever it is copied to.
const RunPath = "-Wl,-rpath,$ORIGIN/" + LibDir

// libSource returns LibSource's directory, asking once.
func (c *Cgo) libSource(ctx context.Context) (string, error) {
	if c.dir != "" || c.LibSource == nil {
		return c.dir, nil
	}
	dir, err := c.LibSource(ctx)
	if err != nil {
		return "", err
	}
	c.dir = dir
	return dir, nil
}

// Program builds the main package pkg (a path relative to root, the
// directory of the Go module it belongs to, e.g. the repository root and
// "./runners/wazero/launcher") into out for target. cgo is off, so the
// program is static, unless cgo says how to build with it.
func Program(ctx context.Context, tools Tools, target Target, root, pkg, out string, cgo *Cgo) error {
	env := target.env()
	if cgo == nil {
		env = append(env, "CGO_ENABLED=0")
	}
	a := tools.Artifacts
	// The C compiler is looked for only when the program is built here: a
	// bundle's prebuilt launcher needs none.
	err := a.Obtain(ctx, a.Key("program", filepath.Join(root, pkg), false), out, func() (dataset.Artifact, error) {
		if cgo != nil {
			if cc := or(cgo.CC, tools.cc()); !found(cc) {
				return dataset.Artifact{}, fmt.Errorf("C compiler %q not found: %s needs cgo (Debian, Ubuntu, Raspberry Pi OS: apt-get install gcc libc6-dev, or pass --cc)", cc, pkg)
			}
			flags := cgo.LDFlags
			if len(cgo.Libs) > 0 {
				dir, err := cgo.libSource(ctx)
				if err != nil {
					return dataset.Artifact{}, err
				}
				flags = append(append([]string{"-L" + dir}, flags...), RunPath)
			}
			env = append(env, "CGO_ENABLED=1", "CC="+or(cgo.CC, tools.cc()), "CGO_LDFLAGS="+strings.Join(flags, " "))
		}
		err := goBuild(ctx, tools, root, pkg, out, env)
		return goArtifact(ctx, tools, target, env), err
	})
	if err != nil || cgo == nil {
		return err
	}
	for _, name := range cgo.Libs {
		if err := Library(ctx, tools, name, cgo.libSource, filepath.Join(filepath.Dir(out), LibDir, name)); err != nil {
			return err
		}
	}
	return nil
}

// Library puts the shared library name at out: from the bundle where it
// ships one, else copied from the directory source finds (the library as
// its provider ships it: nothing is compiled). It is recorded as the
// artifact "library:NAME" with its SHA-256.
func Library(ctx context.Context, tools Tools, name string, source func(context.Context) (string, error), out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	a := tools.Artifacts
	return a.Obtain(ctx, LibraryKey(name), out, func() (dataset.Artifact, error) {
		dir, err := source(ctx)
		if err != nil {
			return dataset.Artifact{}, err
		}
		src := filepath.Join(dir, name)
		if err := copyFile(src, out); err != nil {
			return dataset.Artifact{}, fmt.Errorf("shared library %s: %w", name, err)
		}
		return dataset.Artifact{Compiler: "none: copied from " + src}, nil
	})
}

// LibraryKey is the artifact key of the shared library name.
func LibraryKey(name string) string { return "library:" + name }

func goBuild(ctx context.Context, tools Tools, dir, pkg, out string, env []string) error {
	gotool := tools.gotool()
	if _, err := exec.LookPath(gotool); err != nil {
		return fmt.Errorf("Go toolchain %q not found: install Go ≥ 1.26, the version go.mod names (https://go.dev/dl)", gotool)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, gotool, append(append([]string{}, goFlags...), "-o", abs, pkg)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), cleanGoEnv...), env...)
	return run(cmd, filepath.Join(dir, pkg))
}

// run runs a build command and reports its output on failure.
func run(cmd *exec.Cmd, what string) error {
	if msg, err := cmd.CombinedOutput(); err != nil {
		env := ""
		for _, e := range cmd.Env {
			if strings.HasPrefix(e, "GO") || strings.HasPrefix(e, "CGO") || strings.HasPrefix(e, "CC=") {
				env += e + " "
			}
		}
		return fmt.Errorf("building %s: %s%s: %v\n%s", what, env, strings.Join(cmd.Args, " "), err, msg)
	}
	return nil
}

// Version returns the first line that `tool arg` prints (e.g. "cc
// --version", "go version"), or "unknown".
func Version(ctx context.Context, tool, arg string) string {
	out, err := exec.CommandContext(ctx, tool, arg).Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

// GoVersion is the version of the Go toolchain, e.g. "go1.26.8".
func GoVersion(ctx context.Context, tools Tools) (string, error) {
	out, err := exec.CommandContext(ctx, tools.gotool(), "env", "GOVERSION").Output()
	if err != nil {
		return "", fmt.Errorf("%s env GOVERSION: %w", tools.gotool(), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// found reports whether tool is on PATH (or is an existing path).
func found(tool string) bool {
	_, err := exec.LookPath(tool)
	return err == nil
}

// ModuleDir returns the directory of the Go module mod (a module path, at
// the version the module in dir requires) in the module cache,
// downloading it if needed.
func ModuleDir(ctx context.Context, tools Tools, dir, mod string) (string, error) {
	gotool := tools.gotool()
	cmd := exec.CommandContext(ctx, gotool, "mod", "download", "-json", mod)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = strings.TrimSpace(string(ee.Stderr))
		}
		return "", fmt.Errorf("finding Go module %s (%s mod download in %s): %v %s", mod, gotool, dir, err, msg)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", fmt.Errorf("%s mod download -json %s: %v", gotool, mod, err)
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("%s mod download %s in %s: no directory (%s)", gotool, mod, dir, m.Error)
	}
	return m.Dir, nil
}
