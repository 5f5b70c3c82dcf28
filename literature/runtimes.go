package literature

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Tool is a Wasm runtime, containerd shim or OCI runtime found on PATH.
type Tool struct {
	Name string `json:"name"`
	Path string `json:"path"`
	// Kind is "containerd-shim", "wasm-runtime" or "oci-runtime".
	Kind string `json:"kind"`
	// Wasm lists the Wasm handlers an OCI runtime reports (crun's
	// "+WASM:<runtime>" feature flags); empty when none or not an OCI runtime.
	Wasm []string `json:"wasm,omitempty"`
}

var (
	shimName = regexp.MustCompile(`^containerd-shim-[a-z0-9]+(-[a-z0-9]+)*-v[0-9]+$`)
	// wasmRuntimes are stand-alone Wasm runtimes by executable name
	// (iwasm is WAMR's).
	wasmRuntimes = []string{"iwasm", "spin", "wasm3", "wasmedge", "wasmer", "wasmtime"}
	ociRuntimes  = []string{"crun", "runc", "youki"}
	crunWasmFlag = regexp.MustCompile(`\+WASM:([A-Za-z0-9_]+)`)
)

// ScanPath lists the containerd shims (containerd-shim-*-v*), Wasm runtimes
// and OCI runtimes that are executable files in the directories of pathList
// (a PATH value). The first match of a name wins, as in a shell. For crun it
// runs `crun --version` to read which Wasm handlers it was built with.
func ScanPath(ctx context.Context, pathList string) []Tool {
	seen := map[string]bool{}
	var tools []Tool
	for _, dir := range filepath.SplitList(pathList) {
		des, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, d := range des {
			name := d.Name()
			kind := toolKind(name)
			if kind == "" || seen[name] {
				continue
			}
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
				continue
			}
			seen[name] = true
			t := Tool{Name: name, Path: p, Kind: kind}
			if name == "crun" {
				t.Wasm = crunWasmHandlers(ctx, p)
			}
			tools = append(tools, t)
		}
	}
	sort.Slice(tools, func(i, j int) bool {
		if tools[i].Kind != tools[j].Kind {
			return tools[i].Kind < tools[j].Kind
		}
		return tools[i].Name < tools[j].Name
	})
	return tools
}

func toolKind(name string) string {
	switch {
	case shimName.MatchString(name):
		return "containerd-shim"
	case contains(wasmRuntimes, name):
		return "wasm-runtime"
	case contains(ociRuntimes, name):
		return "oci-runtime"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// crunWasmHandlers runs `crun --version` and returns the +WASM:<name> flags.
func crunWasmHandlers(ctx context.Context, path string) []string {
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return nil
	}
	var hs []string
	for _, m := range crunWasmFlag.FindAllStringSubmatch(string(out), -1) {
		hs = append(hs, strings.ToLower(m[1]))
	}
	return hs
}
