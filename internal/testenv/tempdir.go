package testenv

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TempDir creates a temporary directory for the test, named for this
// process: os.TempDir()/NetnsPrefix, the Owner, "-", name, "-", random
// characters; removed when the test ends. It first removes the directories
// of killed tests (SweepTempDirs). t.TempDir's directory stays behind when
// the test is killed: tests whose directory is large (bundles, datasets)
// use this one.
func TempDir(t testing.TB, name string) string {
	t.Helper()
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		t.Fatalf("temporary directory name %q: want letters, digits and dashes", name)
	}
	if removed, err := SweepTempDirs(); err != nil {
		t.Fatalf("removing the temporary directories of killed tests: %v", err)
	} else if len(removed) > 0 {
		t.Logf("removed temporary directories left by killed tests: %s", strings.Join(removed, " "))
	}
	dir, err := mkTempDir(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("removing %s: %v", dir, err)
		}
	})
	return dir
}

// mkTempDir creates this process's temporary directory called name.
func mkTempDir(name string) (string, error) {
	o, err := Self()
	if err != nil {
		return "", err
	}
	return os.MkdirTemp("", NetnsPrefix+o.String()+"-"+name+"-")
}

// SweepTempDirs removes the directories that TempDir made for test
// processes that are gone, and returns their paths. Nothing else in the
// temporary directory is touched.
func SweepTempDirs() ([]string, error) {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		// The same form as a namespace name: prefix, owner, "-", name.
		if o, ok := NameOwner(e.Name()); !ok || !e.IsDir() || !o.Gone() {
			continue
		}
		p := filepath.Join(os.TempDir(), e.Name())
		if err := os.RemoveAll(p); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	return removed, errors.Join(errs...)
}
