package main

import "slices"

// launcher is one runtime's launcher program as the bundle ships it.
//
// To add a runtime's launcher, add one entry to launchers. The runner on
// the device obtains it with build.Program(…, root, "./"+Dir, …) — or, for
// a nested module, build.Program(…, filepath.Join(root, Dir), ".", …) —
// and both give the key "program:"+Dir that the bundle's manifest lists.
type launcher struct {
	// Dir is the launcher's main package, relative to the repository root.
	Dir string
	// NestedModule: Dir is the root of its own Go module (with go.mod),
	// built from inside it, like a launcher with a cgo runtime library.
	NestedModule bool
	// Cgo: built with the target's C cross-compiler (CGO_ENABLED=1).
	Cgo bool
	// Arches are the bundle architectures it is built for (see arches).
	Arches []string
	// Libs are shared libraries the launcher loads at run time, by bundle
	// architecture, shipped in the bundle's libexec/lib/: each "MODULE
	// PATH", PATH inside the Go module MODULE as the launcher's module
	// resolves it (e.g. "github.com/wasmerio/wasmer-go
	// wasmer/packaged/lib/linux-aarch64/libwasmer.so" for arm64).
	Libs map[string][]string
}

// launchers lists every launcher the bundle carries.
var launchers = []launcher{
	{Dir: "runners/wazero/launcher", Arches: []string{"amd64", "arm64", "armv7"}},
	// Wasmtime links libwasmtime.a statically (wasmtime-go ships it for
	// x86_64 and aarch64). Wasmer's launcher is not shipped: it links
	// libwasmer.so, found at build time in the Go module cache, so a
	// device needs Go to build it (runners/wasmer says so when it cannot).
	{Dir: "runners/wasmtime/launcher", NestedModule: true, Cgo: true, Arches: []string{"amd64", "arm64"}},
}

// For reports which launchers an architecture's bundle carries.
func (l launcher) For(arch string) bool { return slices.Contains(l.Arches, arch) }
