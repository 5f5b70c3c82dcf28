package main

import (
	"testing"

	"github.com/wasmerio/wasmer-go/wasmer"

	"github.com/edgewasm/edgewasm/runners/internal/launch"
)

// The hand-assembled probe is a valid module with the imports and exports
// the launcher relies on.
func TestProbeModule(t *testing.T) {
	store := wasmer.NewStore(wasmer.NewEngine())
	mod, err := wasmer.NewModule(store, probeModule)
	if err != nil {
		t.Fatalf("the probe does not compile: %v", err)
	}
	var imports, exports []string
	for _, im := range mod.Imports() {
		imports = append(imports, im.Module()+"."+im.Name())
	}
	for _, ex := range mod.Exports() {
		exports = append(exports, ex.Name())
	}
	if len(imports) != 2 || imports[0] != wasiModule+"."+getName || imports[1] != wasiModule+"."+dirNameName {
		t.Errorf("imports %v", imports)
	}
	if len(exports) != 3 || exports[0] != "memory" || exports[1] != "get" || exports[2] != "name" {
		t.Errorf("exports %v", exports)
	}
	if !importsPrestat(mod) {
		t.Error("importsPrestat(probe) = false")
	}
}

// cacheTag changes with every input a cached artifact depends on.
func TestCacheTag(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range []struct {
		compiler string
		pages    uint
		plain    bool
	}{{"cranelift", 16384, false}, {"singlepass", 16384, false}, {"cranelift", 128, false}, {"cranelift", 16384, true}, {"singlepass", 16384, true}} {
		tag := cacheTag(c.compiler, launch.Options{MaxPages: c.pages, Plain: c.plain})
		if seen[tag] {
			t.Errorf("tag %q repeats", tag)
		}
		seen[tag] = true
	}
}
