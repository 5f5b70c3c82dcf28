// Command ewbuild is the developer build tool behind `make wasm` and
// `make bundle`.
//
// wasm rebuilds every committed WebAssembly guest of the experiment
// catalog (C with clang for wasm32-wasi, Go for wasip1) with the recipes
// of runners/build, the same ones the runners and the tests use, and
// writes each module's main.wasm.sha256 (and, for Go, main.wasm.go-version).
//
// bundle rebuilds the guests as wasm does, then cross-builds for each
// architecture (arm64, armv7, amd64) a folder edgewasm/ with bin/edgewasm,
// the launchers (launchers.go), the ewspawn shim, the native workloads
// and the committed modules, sizes and digests, with artifacts.json saying
// how each binary was built, and packs it into
// DIR/edgewasm-linux-ARCH.tar.gz (deterministic) with DIR/SHA256SUMS.
//
//	go run ./internal/cmd/ewbuild wasm [-root DIR] [-langs c,go]
//	go run ./internal/cmd/ewbuild bundle [-root DIR] [-out dist] [-arches arm64,armv7,amd64]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/runners/build"
)

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "wasm" && os.Args[1] != "bundle") {
		fmt.Fprintln(os.Stderr, "usage: ewbuild wasm [-root DIR] [-langs c,go]\n       ewbuild bundle [-root DIR] [-out dist] [-arches arm64,armv7,amd64]")
		os.Exit(2)
	}
	fl := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	root := fl.String("root", ".", "repository root")
	langs := fl.String("langs", "c,go", "guest languages to rebuild")
	dist := fl.String("out", "dist", "bundle: output directory")
	archList := fl.String("arches", "arm64,armv7,amd64", "bundle: architectures")
	_ = fl.Parse(os.Args[2:])
	ls, err := experiments.ParseList("language", *langs, dataset.Langs)
	var names []string
	if err == nil {
		var valid []string
		for _, a := range arches {
			valid = append(valid, a.Name)
		}
		names, err = experiments.ParseList("architecture", *archList, valid)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ewbuild:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	abs, err := filepath.Abs(*root)
	if err == nil {
		err = wasm(ctx, abs, ls)
	}
	if err == nil && os.Args[1] == "bundle" {
		err = bundle(ctx, abs, *dist, names)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ewbuild:", err)
		os.Exit(1)
	}
}

// wasm rebuilds the committed modules of every catalog workload in langs.
func wasm(ctx context.Context, root string, langs []string) error {
	tools := build.Tools{}
	goVersion, err := build.GoVersion(ctx, tools)
	if err != nil {
		return err
	}
	for _, w := range protocol.Workloads(root, experiments.Names, langs) {
		rel, _ := filepath.Rel(root, build.ModulePath(w.Dir))
		fmt.Println("wasm", rel)
		switch w.Lang {
		case dataset.LangC:
			err = build.WasmC(ctx, tools, w.Dir, w.Include, build.ModulePath(w.Dir))
		case dataset.LangGo:
			err = build.WasmGo(ctx, tools, w.Dir, build.ModulePath(w.Dir))
			if err == nil {
				err = os.WriteFile(filepath.Join(w.Dir, build.GoVersionFile), []byte(goVersion+"\n"), 0o644)
			}
		}
		if err == nil {
			err = build.WriteChecksum(w.Dir)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
