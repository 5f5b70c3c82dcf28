// Command ewbuild is the developer build tool behind `make wasm`: it
// rebuilds every committed WebAssembly guest of the experiment catalog
// (C with clang for wasm32-wasi, Go for wasip1) with the recipes of
// internal/build, the same ones the runners and the tests use, and writes
// each module's main.wasm.sha256 (and, for Go, main.wasm.go-version).
//
//	go run ./internal/cmd/ewbuild wasm [-root DIR] [-langs c,go]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/internal/build"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "wasm" {
		fmt.Fprintln(os.Stderr, "usage: ewbuild wasm [-root DIR] [-langs c,go]")
		os.Exit(2)
	}
	fl := flag.NewFlagSet("wasm", flag.ExitOnError)
	root := fl.String("root", ".", "repository root")
	langs := fl.String("langs", "c,go", "guest languages to rebuild")
	_ = fl.Parse(os.Args[2:])
	ls, err := experiments.ParseList("language", *langs, dataset.Langs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ewbuild:", err)
		os.Exit(2)
	}
	abs, err := filepath.Abs(*root)
	if err == nil {
		err = wasm(context.Background(), abs, ls)
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
	for _, w := range experiments.Workloads(root, experiments.Names, langs) {
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
