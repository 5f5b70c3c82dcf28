package host

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// kernelArchs maps the kernel's machine names to the GOARCH values whose
// binaries it runs natively (a 64-bit arm kernel runs 32-bit arm too).
var kernelArchs = map[string][]string{
	"x86_64":  {"amd64", "386"},
	"i686":    {"386"},
	"aarch64": {"arm64", "arm"},
	"armv7l":  {"arm"},
	"armv8l":  {"arm"},
	"armv6l":  {"arm"},
	"riscv64": {"riscv64"},
	"ppc64le": {"ppc64le"},
	"s390x":   {"s390x"},
}

// qemuNames is qemu-user's name for each GOARCH.
var qemuNames = map[string]string{"arm64": "aarch64", "arm": "arm", "amd64": "x86_64", "386": "i386",
	"riscv64": "riscv64", "ppc64le": "ppc64le", "s390x": "s390x"}

// Emulation tells whether this program runs under a user-mode emulator.
// A user-mode emulator such as qemu-user fakes uname(2) and /proc/self/*,
// but not the kernel's own record of its architecture: sysctl kernel.arch
// (/proc/sys/kernel/arch, Linux ≥ 6.1), or, on older kernels, the x86
// fields of /proc/cpuinfo that an arm binary can only see on an x86
// kernel. It returns the emulator ("qemu-aarch64" when binfmt_misc has
// that handler registered, else "emulated") and the kernel's
// architecture; "" when the program runs natively.
func Emulation(root string) (emulator, kernelArch string) {
	return emulation(root, runtime.GOARCH)
}

func emulation(root, goarch string) (string, string) {
	kernelArch := readTrim(filepath.Join(root, "proc/sys/kernel/arch"))
	if kernelArch == "" {
		cpuinfo, _ := os.ReadFile(filepath.Join(root, "proc/cpuinfo"))
		if (goarch == "arm" || goarch == "arm64") && strings.Contains(string(cpuinfo), "vendor_id") {
			kernelArch = "x86_64"
		}
	}
	native, known := kernelArchs[kernelArch]
	if kernelArch == "" || !known {
		return "", kernelArch
	}
	for _, a := range native {
		if a == goarch {
			return "", kernelArch
		}
	}
	name := "qemu-" + qemuNames[goarch]
	if st, err := os.ReadFile(filepath.Join(root, "proc/sys/fs/binfmt_misc", name)); err == nil && strings.HasPrefix(string(st), "enabled") {
		return name, kernelArch
	}
	return "emulated (" + goarch + " on a " + kernelArch + " kernel)", kernelArch
}
