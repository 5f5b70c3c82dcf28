package docker

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
	"github.com/edgewasm/edgewasm/experiments/peer"
	"github.com/edgewasm/edgewasm/runners"
)

func TestNetworkOptionsKeepHardening(t *testing.T) {
	inv := runners.Invocation{Args: []string{"60"}, Listen: &runners.Listen{Host: "127.0.0.1"}}
	for _, mode := range []string{NetworkHost, NetworkBridge} {
		r := &Runner{cfg: Config{Network: mode}}
		r.cfg.applyDefaults()
		opts := r.createOptions(image{Tag: "edgewasm/server-c:1"}, inv, false)
		addr, err := r.networkOptions(&opts, inv)
		if err != nil {
			t.Fatal(err)
		}
		cfg, hc := opts.Config, opts.HostConfig
		if !hc.ReadonlyRootfs || !slices.Equal(hc.CapDrop, []string{"ALL"}) || *hc.PidsLimit != DefaultPidsLimit ||
			cfg.User != DefaultUser || !slices.Equal(hc.SecurityOpt, []string{"no-new-privileges"}) || cfg.NetworkDisabled {
			t.Errorf("%s: hardening lost: %+v %+v", mode, cfg, hc)
		}
		last := cfg.Cmd[len(cfg.Cmd)-1]
		switch mode {
		case NetworkHost:
			if hc.NetworkMode != "host" || addr == "" || last != addr || !strings.HasPrefix(addr, "127.0.0.1:") {
				t.Errorf("host: mode %q, addr %q, cmd %q", hc.NetworkMode, addr, cfg.Cmd)
			}
		case NetworkBridge:
			b := hc.PortBindings[bridgePort]
			if hc.NetworkMode != "bridge" || addr != "" || last != "0.0.0.0:8080" || len(b) != 1 ||
				b[0].HostIP.String() != "127.0.0.1" || b[0].HostPort != "" {
				t.Errorf("bridge: mode %q, addr %q, cmd %q, bindings %+v", hc.NetworkMode, addr, cfg.Cmd, b)
			}
		}
		if r.Name() != map[string]string{NetworkHost: dataset.Docker, NetworkBridge: dataset.DockerBridge}[mode] {
			t.Errorf("%s: platform name %q", mode, r.Name())
		}
	}
	if err := (Config{Network: "overlay"}).Validate(); err == nil {
		t.Error("network overlay: want an error")
	}
}

func TestIsProxyFor(t *testing.T) {
	argv := strings.Fields("/usr/bin/docker-proxy -proto tcp -host-ip 127.0.0.1 -host-port 49153 -container-ip 172.17.0.2 -container-port 8080")
	if !isProxyFor(argv, "127.0.0.1", "49153") || isProxyFor(argv, "127.0.0.1", "49154") || isProxyFor(argv[1:], "127.0.0.1", "49153") {
		t.Error("isProxyFor")
	}
}

// TestServe runs the network workload (C and Go) in both network variants
// and moves data both ways over concurrent connections, checking every
// digest; the container must be gone afterwards.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	root, _ := filepath.Abs("../..")
	ws := map[string]runners.Workload{}
	for _, lang := range dataset.Langs {
		dir := filepath.Join(root, "experiments", "network", "server")
		if lang == dataset.LangGo {
			dir = filepath.Join(dir, "go")
		}
		ws[lang] = runners.Workload{Experiment: "network", Test: "server", Lang: lang, Dir: dir, Include: filepath.Join(root, "experiments", "common")}
	}
	r, _ := newTestRunner(t, ws[dataset.LangC], ws[dataset.LangGo])
	for _, mode := range []string{NetworkHost, NetworkBridge} {
		for _, lang := range dataset.Langs {
			t.Run(mode+"/"+lang, func(t *testing.T) {
				w := ws[lang]
				r.cfg.Network = mode // the runner of platform docker, then docker-bridge
				inv := runners.Invocation{Workload: w, Args: []string{"120"}, Timeout: 2 * time.Minute, Listen: &runners.Listen{Host: "127.0.0.1"}}
				proxied := false
				res, err := r.Serve(t.Context(), inv, func(ctx context.Context, ep runners.Endpoint, res *runners.Result) error {
					_, proxied = ep.Helpers["proxy"]
					for _, dir := range []string{peer.Upload, peer.Download} {
						job := peer.Job{Addr: ep.Addr, Direction: dir, Size: 100003, Count: 6, Conns: 3, Seed: 5, Timeout: time.Minute}
						rep, err := peer.Local().Run(ctx, job)
						if err != nil {
							return err
						}
						for i, tr := range rep.Transfers {
							if want := fmt.Sprintf("%016x", wordhash.Stream(job.Size, job.Seed+uint64(i))); tr.Kind != "" || tr.Digest != want {
								t.Errorf("%s transfer %d: %+v, want digest %s", dir, i, tr, want)
							}
						}
					}
					if c, err := ep.CPU(); err != nil || c.Total() < 0 {
						t.Errorf("CPU: %v %v", c, err)
					}
					return peer.Quit(ctx, ep.Addr, 10*time.Second)
				})
				if err != nil {
					t.Fatalf("serve: %v (stderr %q)", err, res.Stderr)
				}
				if !strings.HasPrefix(string(res.Stdout), "ready\nrequests=13\n") {
					t.Errorf("stdout %q", res.Stdout)
				}
				for _, m := range []string{"ready_ms", "create_ms", "start_ms", "wait_ms", "remove_ms", "wall_ms"} {
					if _, ok := res.Metric(m); !ok {
						t.Errorf("no %s in %+v", m, res.Metrics)
					}
				}
				if mode == NetworkHost && proxied {
					t.Error("host networking has no port proxy")
				}
				t.Logf("%s: docker-proxy seen: %v", mode, proxied)
			})
		}
	}
}
