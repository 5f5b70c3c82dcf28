package docker

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
)

// bridgePort is BridgePort as the API spells it.
var bridgePort = network.MustParsePort(strconv.Itoa(BridgePort) + "/tcp")

// networkOptions gives a container of a network invocation its network,
// keeping every other hardening of createOptions, and returns the address
// the workload must bind (its last argument) and, with host networking,
// the address clients reach it at (with a bridge, Docker picks the
// published port, known once the container runs).
func (r *Runner) networkOptions(opts *client.ContainerCreateOptions, inv runners.Invocation) (addr string, err error) {
	cfg, hc := opts.Config, opts.HostConfig
	cfg.NetworkDisabled = false
	switch r.cfg.Network {
	case NetworkBridge:
		ip, err := netip.ParseAddr(inv.Listen.Host)
		if err != nil {
			return "", fmt.Errorf("listen host %q: %w", inv.Listen.Host, err)
		}
		hc.NetworkMode = "bridge"
		cfg.ExposedPorts = network.PortSet{bridgePort: {}}
		hc.PortBindings = network.PortMap{bridgePort: {{HostIP: ip, HostPort: ""}}}
		cfg.Cmd = append(cfg.Cmd, net.JoinHostPort("0.0.0.0", strconv.Itoa(BridgePort)))
		return "", nil
	default:
		port, err := proc.FreePort(inv.Listen.Host)
		if err != nil {
			return "", err
		}
		hc.NetworkMode = "host"
		addr = net.JoinHostPort(inv.Listen.Host, port)
		cfg.Cmd = append(cfg.Cmd, addr)
		return addr, nil
	}
}

// networkInfo describes, for environment.json, how containers of the
// network experiment are networked.
func (r *Runner) networkInfo() map[string]any {
	if r.cfg.Network == NetworkBridge {
		return map[string]any{"mode": NetworkBridge, "container_port": BridgePort,
			"published": "on the listen address (127.0.0.1 with the built-in peer) at a port Docker picks",
			"proxy":     "traffic to a published port on the host's own addresses goes through docker-proxy when the daemon's userland-proxy is on (the default); its CPU time is recorded as proxy_user_ms/proxy_sys_ms"}
	}
	return map[string]any{"mode": NetworkHost, "listen": "the workload binds the address the runner chose (HOST:PORT argument)"}
}

// Serve implements runners.Server: a hardened container as in Run, but
// networked (host networking for docker, the default bridge with the port
// published for docker-bridge); the workload listens by itself on the
// address given as its last argument. CPU time is that of the workload
// process in the container, read from the host's /proc.
func (r *Runner) Serve(ctx context.Context, inv runners.Invocation, during func(context.Context, runners.Endpoint, *runners.Result) error) (runners.Result, error) {
	var res runners.Result
	if inv.Listen == nil {
		return res, fmt.Errorf("docker: Serve needs Invocation.Listen")
	}
	im, err := r.image(inv)
	if err != nil {
		return res, err
	}
	opts := r.createOptions(im, inv, false)
	addr, err := r.networkOptions(&opts, inv)
	if err != nil {
		return res, runners.Failf("listen", "%v", err)
	}
	tctx, cancel := timeoutContext(ctx, inv.Timeout)
	defer cancel()
	start := time.Now()
	s, fail, err := r.openReady(ctx, tctx, &res, opts, start)
	if err != nil {
		return res, err
	}
	ep, err := r.endpoint(tctx, s.id, addr)
	if err != nil {
		return fail(runners.Failf("endpoint", "%v", err))
	}
	derr := during(tctx, ep, &res)

	// The workload exits once asked to; give it ExitGrace.
	gctx, gcancel := context.WithTimeout(tctx, runners.ExitGrace)
	defer gcancel()
	ferr := s.finish(ctx, gctx, &res)
	res.AddDuration(dataset.WallMS, time.Since(start))
	res.Stdout, res.Stderr = s.stdout.Bytes(), s.stderr.Bytes()
	switch {
	case ctx.Err() != nil:
		return res, runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
	case derr != nil:
		return res, derr
	case tctx.Err() != nil:
		return res, runners.Failf(dataset.ReasonTimeout, "container killed after the per-invocation timeout")
	case gctx.Err() != nil:
		return res, runners.Failf("no exit", "container still running %v after it was asked to exit; killed", runners.ExitGrace)
	}
	return res, ferr
}

// endpoint finds the running container's workload process and, on a
// bridge, the published port (and the docker-proxy that carries it).
func (r *Runner) endpoint(ctx context.Context, id, addr string) (runners.Endpoint, error) {
	in, err := r.cli.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return runners.Endpoint{}, err
	}
	c := in.Container
	if c.State == nil || c.State.Pid <= 0 {
		return runners.Endpoint{}, fmt.Errorf("container %.12s has no running process", id)
	}
	pid := c.State.Pid
	ep := runners.Endpoint{Addr: addr, CPU: func() (runners.CPUTimes, error) { return proc.CPUTimes(pid) }}
	if r.cfg.Network != NetworkBridge {
		return ep, nil
	}
	if c.NetworkSettings == nil || len(c.NetworkSettings.Ports[bridgePort]) == 0 {
		return ep, fmt.Errorf("container %.12s: port %s not published", id, bridgePort)
	}
	b := c.NetworkSettings.Ports[bridgePort][0]
	ep.Addr = net.JoinHostPort(b.HostIP.String(), b.HostPort)
	if ppid, err := ProxyPID(b.HostIP.String(), b.HostPort); err == nil {
		ep.Helpers = map[string]func() (runners.CPUTimes, error){
			dataset.ProxyHelper: func() (runners.CPUTimes, error) { return proc.CPUTimes(ppid) },
		}
	}
	return ep, nil
}

// ProxyPID finds the docker-proxy process that forwards hostIP:hostPort:
// the process whose command name is docker-proxy and whose arguments
// include "-host-ip hostIP" and "-host-port hostPort". There is none when
// the daemon runs with userland-proxy off.
func ProxyPID(hostIP, hostPort string) (int, error) {
	pid, ok, err := proc.FindByArgv(func(argv []string) bool { return isProxyFor(argv, hostIP, hostPort) })
	if err == nil && !ok {
		err = fmt.Errorf("no docker-proxy for %s", net.JoinHostPort(hostIP, hostPort))
	}
	return pid, err
}

func isProxyFor(argv []string, hostIP, hostPort string) bool {
	if len(argv) == 0 || filepath.Base(argv[0]) != "docker-proxy" {
		return false
	}
	i := slices.Index(argv, "-host-ip")
	j := slices.Index(argv, "-host-port")
	return i > 0 && j > 0 && i+1 < len(argv) && j+1 < len(argv) && argv[i+1] == hostIP && argv[j+1] == hostPort
}
