package docker

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
)

// CgroupRoot is where the cgroup filesystems are mounted; tests point it
// at a fake tree.
var CgroupRoot = "/sys/fs/cgroup"

// measure reads the memory figures of a running container into res.
func (r *Runner) measure(ctx context.Context, id string, res *runners.Result) error {
	in, err := r.cli.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return err
	}
	if in.Container.State == nil || in.Container.State.Pid <= 0 {
		return fmt.Errorf("container %.12s has no running process", id)
	}
	pid := in.Container.State.Pid
	bytes, version, err := CgroupMemory(pid)
	if err != nil {
		return err
	}
	res.Add(dataset.CgroupMemoryKiB, float64(bytes)/1024, dataset.UnitKiB)
	pss, n, err := proc.TreePSS(pid)
	if err != nil {
		return err
	}
	res.Add(dataset.PSSKiB, float64(pss), dataset.UnitKiB)
	res.Add(dataset.Processes, float64(n), dataset.UnitCount)
	shim, err := ShimPID(id)
	if err != nil {
		return err
	}
	spss, err := proc.PSS(shim)
	if err != nil {
		return fmt.Errorf("shim %d: %w", shim, err)
	}
	res.Add(dataset.ShimPSSKiB, float64(spss), dataset.UnitKiB)
	// What the platform costs for this container: the container's processes
	// and the shim that supervises it (dockerd and containerd are shared by
	// all containers and are not counted; memavail_drop_kib sees them).
	res.Add(dataset.FootprintKiB, float64(pss+spss), dataset.UnitKiB)
	r.mu.Lock()
	r.cgroupSeen = version
	r.mu.Unlock()
	return nil
}

// CgroupMemory returns the memory charged to the cgroup of pid, in bytes,
// and the cgroup version it read ("1" or "2"). The cgroup is found through
// /proc/PID/cgroup, so both the cgroupfs and the systemd cgroup drivers
// work: on v1 it reads memory.usage_in_bytes of the memory controller's
// cgroup, on v2 memory.current of the unified hierarchy's cgroup.
func CgroupMemory(pid int) (int64, string, error) {
	path := filepath.Join(proc.Root, strconv.Itoa(pid), "cgroup")
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, "", err
	}
	file, version, err := cgroupMemoryFile(b)
	if err != nil {
		return 0, "", fmt.Errorf("%s: %w", path, err)
	}
	v, err := os.ReadFile(filepath.Join(CgroupRoot, file))
	if err != nil {
		return 0, "", err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("%s: %w", filepath.Join(CgroupRoot, file), err)
	}
	return n, version, nil
}

// cgroupMemoryFile picks, from the content of /proc/PID/cgroup, the memory
// usage file relative to CgroupRoot. A v1 memory controller line wins over
// the v2 unified line (hybrid hosts account memory in v1).
func cgroupMemoryFile(content []byte) (string, string, error) {
	var unified string
	sc := bufio.NewScanner(bytes.NewReader(content))
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), ":", 3)
		if len(f) != 3 {
			continue
		}
		if f[0] == "0" && f[1] == "" {
			unified = f[2]
			continue
		}
		for _, c := range strings.Split(f[1], ",") {
			if c == "memory" {
				return filepath.Join("memory", f[2], "memory.usage_in_bytes"), "1", nil
			}
		}
	}
	if unified != "" {
		return filepath.Join(strings.TrimPrefix(unified, "/"), "memory.current"), "2", nil
	}
	return "", "", fmt.Errorf("no memory cgroup (want a v1 \"memory\" line or a v2 \"0::\" line)")
}

// ShimPID finds the containerd shim serving container id: the process
// whose command name contains "containerd-shim" and whose arguments
// include "-id <id>".
func ShimPID(id string) (int, error) {
	pid, ok, err := proc.FindByArgv(func(argv []string) bool { return isShimFor(argv, id) })
	if err == nil && !ok {
		err = fmt.Errorf("no containerd-shim process for container %.12s", id)
	}
	return pid, err
}

func isShimFor(argv []string, id string) bool {
	if len(argv) == 0 || !strings.Contains(filepath.Base(argv[0]), "containerd-shim") {
		return false
	}
	for i := 1; i+1 < len(argv); i++ {
		if argv[i] == "-id" && argv[i+1] == id {
			return true
		}
	}
	return false
}
