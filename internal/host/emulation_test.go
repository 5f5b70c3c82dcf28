package host

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeRoot writes files (path → content) under a temporary root.
func fakeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, c := range files {
		path := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestEmulation(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		goarch   string
		want     string
		wantArch string
	}{
		{"native x86", map[string]string{"proc/sys/kernel/arch": "x86_64\n"}, "amd64", "", "x86_64"},
		{"native pi 64-bit", map[string]string{"proc/sys/kernel/arch": "aarch64\n"}, "arm64", "", "aarch64"},
		{"armv7 on a 64-bit pi kernel", map[string]string{"proc/sys/kernel/arch": "aarch64\n"}, "arm", "", "aarch64"},
		{"qemu registered", map[string]string{"proc/sys/kernel/arch": "x86_64\n",
			"proc/sys/fs/binfmt_misc/qemu-aarch64": "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"}, "arm64", "qemu-aarch64", "x86_64"},
		{"qemu arm", map[string]string{"proc/sys/kernel/arch": "x86_64\n",
			"proc/sys/fs/binfmt_misc/qemu-arm": "enabled\n"}, "arm", "qemu-arm", "x86_64"},
		{"no binfmt entry", map[string]string{"proc/sys/kernel/arch": "x86_64\n"}, "arm64", "emulated (arm64 on a x86_64 kernel)", "x86_64"},
		{"old kernel, x86 cpuinfo", map[string]string{"proc/cpuinfo": "processor\t: 0\nvendor_id\t: GenuineIntel\n"}, "arm64", "emulated (arm64 on a x86_64 kernel)", "x86_64"},
		{"old kernel, arm cpuinfo", map[string]string{"proc/cpuinfo": "processor\t: 0\nCPU part\t: 0xd03\n"}, "arm64", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, arch := emulation(fakeRoot(t, tc.files), tc.goarch)
			if got != tc.want || arch != tc.wantArch {
				t.Errorf("emulation = %q, %q; want %q, %q", got, arch, tc.want, tc.wantArch)
			}
		})
	}
}
