package run

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mirrorRepo returns a repository root whose experiments/ links to every
// file of the real one, so a test can replace one file without copying
// the rest.
func mirrorRepo(t *testing.T) string {
	t.Helper()
	real, err := filepath.Abs("../../experiments")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	err = filepath.WalkDir(real, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(real, path)
		dst := filepath.Join(root, "experiments", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return os.Symlink(path, dst)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// replace writes content in place of the mirrored file rel.
func replace(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	os.Remove(p)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func original(t *testing.T, rel string) string {
	b, err := os.ReadFile(filepath.Join("../..", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every input file is checked before anything is written: a run with a
// bad one fails with BadInput, names the file and line, and creates no
// output directory.
func TestRunValidatesEveryInputBeforeWriting(t *testing.T) {
	isolateTemp(t)
	sizes := original(t, "experiments/sizes.txt")
	expected := original(t, "experiments/cpu/sha256/expected.txt")
	// The line each case appends.
	sl := fmt.Sprintf("sizes.txt:%d: ", strings.Count(sizes, "\n")+1)
	el := fmt.Sprintf("expected.txt:%d: ", strings.Count(expected, "\n")+1)
	cases := []struct {
		name, file, content, platforms, want string
	}{
		{"unknown experiment in sizes", "experiments/sizes.txt", sizes + "gpu matmul quick 10\n", "native",
			sl + `unknown experiment "gpu"`},
		{"unknown test in sizes", "experiments/sizes.txt", sizes + "cpu matmult quick 10\n", "native",
			sl + `experiment cpu has no sized test "matmult"`},
		{"unknown profile in sizes", "experiments/sizes.txt", sizes + "cpu matmul quik 10\n", "native",
			sl + `unknown profile "quik"`},
		{"unsized experiment in sizes", "experiments/sizes.txt", sizes + "startup noop quick 10\n", "native",
			sl + `experiment startup takes no size`},
		{"bad digest", "experiments/cpu/sha256/expected.txt", expected + "77 not-hex!\n", "native",
			el + `digest "not-hex!"`},
		{"no digest for the size", "experiments/cpu/sha256/expected.txt", "1000 abcd\n", "native",
			`cpu/sha256/expected.txt: no digest for size 4194304 (profile quick, cpu sha256)`},
		{"module changed", "experiments/cpu/aes/main.wasm", "\x00asm\x01\x00\x00\x00", "native,wazero",
			`cpu/aes/main.wasm: SHA-256 is`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := mirrorRepo(t)
			replace(t, root, c.file, c.content)
			out := filepath.Join(t.TempDir(), "ds")
			o := fakeOptions(out, fakeFactory(0, nil))
			o.Root, o.Platforms = root, c.platforms
			err := Run(context.Background(), o)
			var bad *BadInput
			if !errors.As(err, &bad) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v\nwant BadInput containing %q", err, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatal("the output directory was created")
			}
		})
	}
	// Native runs do not read the modules.
	root := mirrorRepo(t)
	replace(t, root, "experiments/cpu/aes/main.wasm", "changed")
	o := fakeOptions(filepath.Join(t.TempDir(), "ds"), fakeFactory(0, nil))
	o.Root, o.Platforms, o.Experiments = root, "native", "startup"
	if err := Run(context.Background(), o); err != nil {
		t.Fatalf("native run with a changed module: %v", err)
	}
}
