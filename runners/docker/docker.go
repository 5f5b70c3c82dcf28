package docker

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

// LabelManaged marks every image and container the project creates.
const LabelManaged = "org.edgewasm.managed"

// Config configures the Docker runner. The zero value (after defaults)
// is the hardened configuration used for the thesis experiments.
type Config struct {
	// Tools build the static workload binaries (C: cc -static -O2; Go with
	// cgo off).
	Tools build.Tools `json:"tools"`
	// User is the uid:gid the workload runs as inside the container.
	User string `json:"user"`
	// PidsLimit caps the number of processes in a container.
	PidsLimit int64 `json:"pids_limit"`
	// CPUSet pins containers to these CPUs (cpuset syntax, e.g. "0"); empty
	// means no pinning, as on the other platforms.
	CPUSet string `json:"cpuset,omitempty"`
	// Memory caps each container's memory in bytes (cgroup memory limit,
	// swap included where the kernel accounts for it); 0 means no limit.
	// edgewasm gives containers the Wasm guests' limit (--wasm-max-pages).
	Memory int64 `json:"memory,omitempty"`
	// Settle is how long Hold waits after the ready line before reading
	// memory.
	Settle time.Duration `json:"settle"`
	// CLI is the docker CLI used for the cli_ms startup metric; empty means
	// "docker" on PATH. The metric is skipped when it cannot be found.
	CLI string `json:"cli,omitempty"`
	// Labels are added to every image and container besides LabelManaged.
	Labels map[string]string `json:"labels,omitempty"`
	// Network is how containers of experiments that need a network are
	// networked: NetworkHost (the default; platform docker) or
	// NetworkBridge (platform docker-bridge). Every other container has
	// no network at all.
	Network string `json:"network"`
}

// Network variants (Config.Network).
const (
	// NetworkHost: the container shares the host's network stack and the
	// workload listens on the address the runner chose.
	NetworkHost = "host"
	// NetworkBridge: Docker's default bridge network; the workload listens
	// on BridgePort inside the container, published on the address the
	// runner chose at a port Docker picks (`docker run -p IP::8080`).
	NetworkBridge = "bridge"
)

// BridgePort is the port the workload listens on inside a bridged
// container.
const BridgePort = 8080

// Defaults for Config.
const (
	DefaultUser      = "65534:65534" // nobody:nogroup
	DefaultPidsLimit = 64
)

func (c *Config) applyDefaults() {
	if c.User == "" {
		c.User = DefaultUser
	}
	if c.PidsLimit == 0 {
		c.PidsLimit = DefaultPidsLimit
	}
	if c.CLI == "" {
		c.CLI = "docker"
	}
	if c.Network == "" {
		c.Network = NetworkHost
	}
}

// platform is the platform name of a configuration.
func (c Config) platform() string {
	if c.Network == NetworkBridge {
		return dataset.DockerBridge
	}
	return dataset.Docker
}

// Validate reports a configuration the runner cannot use.
func (c Config) Validate() error {
	if c.PidsLimit < 0 {
		return fmt.Errorf("docker: pids_limit %d: want a positive number", c.PidsLimit)
	}
	if c.Settle < 0 {
		return fmt.Errorf("docker: settle %s: want ≥ 0", c.Settle)
	}
	if c.Memory != 0 && c.Memory < 6<<20 {
		return fmt.Errorf("docker: memory %d bytes: want 0 (no limit) or at least 6 MiB, Docker's minimum", c.Memory)
	}
	if c.Network != "" && c.Network != NetworkHost && c.Network != NetworkBridge {
		return fmt.Errorf("docker: network %q: want %s or %s", c.Network, NetworkHost, NetworkBridge)
	}
	if c.User != "" && strings.HasPrefix(c.User, "0") && (c.User == "0" || strings.HasPrefix(c.User, "0:")) {
		return fmt.Errorf("docker: user %q: containers must not run as root", c.User)
	}
	for k := range c.Labels {
		if k == "" || k == LabelManaged {
			return fmt.Errorf("docker: label %q: want a non-empty key other than %s", k, LabelManaged)
		}
	}
	return nil
}

// Runner is the Docker platform.
type Runner struct {
	cfg    Config
	cli    *client.Client
	daemon daemonInfo
	cliBin string // docker CLI path, "" when not found

	spawner *proc.Spawner // times the CLI (cli_ms); built by Prepare when cliBin is set

	buildDir *tempdir.Dir
	images   map[string]image // workload ID → image

	mu         sync.Mutex
	live       map[string]bool // containers created and not yet removed
	cgroupSeen string          // cgroup version Hold read memory from
}

// daemonInfo is what the daemon told us about itself.
type daemonInfo struct {
	Version, APIVersion, ClientAPIVersion string
	StorageDriver, CgroupVersion          string
	CgroupDriver, LoggingDriver, Kernel   string
	Runtime                               string
	Components                            map[string]string
	SecurityOptions                       []string
}

// The docker runner has every capability.
var (
	_ runners.Holder = (*Runner)(nil)
	_ runners.Server = (*Runner)(nil)
)

// New connects to the daemon named by the environment (DOCKER_HOST, or the
// default socket), negotiating the API version. A daemon that is not
// installed, not running or not accessible yields an error wrapping
// runners.ErrUnavailable with the daemon's own message.
func New(ctx context.Context, cfg Config) (*Runner, error) {
	cfg.applyDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c, err := Connect(ctx)
	if err != nil {
		return nil, runners.Unavailable(cfg.platform(), err)
	}
	r := &Runner{cfg: cfg, cli: c, images: map[string]image{}, live: map[string]bool{}}
	if err := r.describe(ctx); err != nil {
		c.Close()
		return nil, runners.Unavailable(cfg.platform(), err)
	}
	if p, err := exec.LookPath(cfg.CLI); err == nil {
		r.cliBin = p
	}
	return r, nil
}

// Connect returns a client for the daemon named by the environment
// (DOCKER_HOST, DOCKER_API_VERSION, DOCKER_CERT_PATH, DOCKER_TLS_VERIFY),
// after checking that the daemon answers. The client negotiates the API
// version on that first request (the default since moby/moby/client v0.1).
func Connect(ctx context.Context) (*client.Client, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := c.Ping(pctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (r *Runner) describe(ctx context.Context) error {
	v, err := r.cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return err
	}
	info, err := r.cli.Info(ctx, client.InfoOptions{})
	if err != nil {
		return err
	}
	d := daemonInfo{
		Version: v.Version, APIVersion: v.APIVersion, ClientAPIVersion: r.cli.ClientVersion(),
		StorageDriver: info.Info.Driver, CgroupVersion: info.Info.CgroupVersion,
		CgroupDriver: info.Info.CgroupDriver, LoggingDriver: info.Info.LoggingDriver,
		Kernel: info.Info.KernelVersion, Runtime: info.Info.DefaultRuntime,
		Components: map[string]string{}, SecurityOptions: info.Info.SecurityOptions,
	}
	for _, c := range v.Components {
		d.Components[c.Name] = c.Version
	}
	r.daemon = d
	return nil
}

// Name implements runners.Runner.
func (r *Runner) Name() string { return r.cfg.platform() }

// labels returns the labels every image and container carries.
func (r *Runner) labels() map[string]string {
	l := map[string]string{LabelManaged: "true"}
	for k, v := range r.cfg.Labels {
		l[k] = v
	}
	return l
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	imgs := map[string]any{}
	for id, im := range r.images {
		imgs[id] = map[string]any{"tag": im.Tag, "id": im.ID, "size_bytes": im.Size, "built": im.Built}
	}
	info := map[string]any{
		"client":             "github.com/moby/moby/client",
		"daemon_version":     r.daemon.Version,
		"daemon_api_version": r.daemon.APIVersion,
		"api_version":        r.daemon.ClientAPIVersion,
		"storage_driver":     r.daemon.StorageDriver,
		"cgroup_version":     r.daemon.CgroupVersion,
		"cgroup_driver":      r.daemon.CgroupDriver,
		"logging_driver":     r.daemon.LoggingDriver,
		"default_runtime":    r.daemon.Runtime,
		"kernel":             r.daemon.Kernel,
		"components":         r.daemon.Components,
		"security_options":   r.daemon.SecurityOptions,
		"images":             imgs,
		"cgroup_memory_read": r.cgroupSeen,
		"hardening": map[string]any{
			"network": "none", "network_experiments": r.networkInfo(), "read_only_rootfs": true, "cap_drop": "ALL",
			"security_opt": "no-new-privileges", "user": r.cfg.User, "pids_limit": r.cfg.PidsLimit,
			"cpuset": r.cfg.CPUSet, "memory_bytes": r.cfg.Memory,
		},
		"cc": r.cfg.Tools.WithDefaults().CC, "cflags": append([]string{"-static"}, build.CFlags...),
	}
	if r.cliBin == "" {
		info[dataset.CLIMS] = fmt.Sprintf("not measured: %q not found on PATH", r.cfg.CLI)
	} else {
		info["cli"] = r.cliBin
		info["cli_version"] = cliVersion(r.cliBin)
	}
	if r.spawner != nil {
		info["cli_spawn"] = r.spawner.Info(context.Background())
	}
	return info
}

func cliVersion(bin string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "version", "--format", "{{.Client.Version}}").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// Close removes any container still alive (after an interrupted run) and
// the build directory. Images are kept so the next run can reuse them;
// `edgewasm clean` removes them.
func (r *Runner) Close() error {
	ctx, cancel := cleanupContext()
	defer cancel()
	var errs []error
	r.mu.Lock()
	ids := make([]string, 0, len(r.live))
	for id := range r.live {
		ids = append(ids, id)
	}
	r.mu.Unlock()
	for _, id := range ids {
		errs = append(errs, r.remove(ctx, id))
	}
	errs = append(errs, r.removeBuildDir())
	errs = append(errs, r.cli.Close())
	return errors.Join(errs...)
}

// cleanupContext is a fresh context for removing containers: it must work
// even when the run's context has been cancelled by Ctrl-C.
func cleanupContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// Daemon is what the daemon reports about its container runtimes.
type Daemon struct {
	Engine   string            `json:"engine"`
	API      string            `json:"api_version"`
	Default  string            `json:"default_runtime"`
	Runtimes map[string]string `json:"runtimes"` // name → path (may be empty)
}

// Runtimes asks the daemon named by the environment for the runtimes it
// registers (`docker info`'s Runtimes), such as a containerd Wasm shim.
func Runtimes(ctx context.Context) (Daemon, error) {
	c, err := Connect(ctx)
	if err != nil {
		return Daemon{}, err
	}
	defer c.Close()
	res, err := c.Info(ctx, client.InfoOptions{})
	if err != nil {
		return Daemon{}, err
	}
	info := res.Info
	d := Daemon{Engine: info.ServerVersion, API: c.ClientVersion(), Default: info.DefaultRuntime, Runtimes: map[string]string{}}
	for name, rt := range info.Runtimes {
		d.Runtimes[name] = rt.Path
	}
	return d, nil
}
