package main

import (
	"slices"

	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/wasmer"
)

// launcher is one runtime's launcher program as the bundle ships it.
//
// To add a runtime's launcher, add one entry to launchers. The runner on
// the device obtains it with build.Program(…, root, "./"+Dir, …) — or, for
// a nested module, build.Program(…, filepath.Join(root, Dir), ".", …) —
// and both give the key "program:"+Dir that the bundle's manifest lists;
// the shared libraries it loads (build.Cgo.Libs) are listed as
// "library:NAME" and shipped in libexec/launchers/lib, where its run path
// finds them.
type launcher struct {
	// Dir is the launcher's main package, relative to the repository root.
	Dir string
	// NestedModule: Dir is the root of its own Go module (with go.mod),
	// built from inside it, like a launcher with a cgo runtime library.
	NestedModule bool
	// Cgo, when set, says how to link the launcher (built in directory
	// dir) for goarch with the target's C cross-compiler (CGO_ENABLED=1).
	Cgo func(dir, goarch string) (*build.Cgo, error)
	// Arches are the bundle architectures it is built for (see arches).
	Arches []string
}

// launchers lists every launcher the bundle carries. Wasmtime and Wasmer
// exist for amd64 and arm64 only (their Go bindings ship no 32-bit ARM
// library). Wasmtime links libwasmtime.a statically; Wasmer links
// libwasmer.so, shipped beside the launcher.
var launchers = []launcher{
	{Dir: "runners/wazero/launcher", Arches: []string{"amd64", "arm64", "armv7"}},
	{Dir: "runners/wasmtime/launcher", NestedModule: true, Arches: []string{"amd64", "arm64"},
		Cgo: func(string, string) (*build.Cgo, error) { return &build.Cgo{}, nil }},
	{Dir: wasmer.LauncherModule, NestedModule: true, Arches: []string{"amd64", "arm64"},
		Cgo: wasmer.LinkLibrary},
}

// For reports which launchers an architecture's bundle carries.
func (l launcher) For(arch string) bool { return slices.Contains(l.Arches, arch) }
