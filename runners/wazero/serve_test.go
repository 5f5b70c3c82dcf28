package wazero

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
	"github.com/edgewasm/edgewasm/experiments/peer"
	"github.com/edgewasm/edgewasm/runners"
)

// exercise runs concurrent transfers both ways against a served workload,
// checks every digest, reads its CPU time and asks it to exit.
func exercise(t *testing.T, ctx context.Context, ep runners.Endpoint) {
	t.Helper()
	for _, dir := range []string{peer.Upload, peer.Download} {
		job := peer.Job{Addr: ep.Addr, Direction: dir, Size: 100003, Count: 6, Conns: 3, Seed: 5, Timeout: time.Minute}
		rep, err := peer.Local().Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		for i, tr := range rep.Transfers {
			if want := fmt.Sprintf("%016x", wordhash.Stream(job.Size, job.Seed+uint64(i))); tr.Kind != "" || tr.Digest != want {
				t.Errorf("%s transfer %d: %+v, want digest %s", dir, i, tr, want)
			}
		}
	}
	if _, err := ep.CPU(); err != nil {
		t.Errorf("CPU: %v", err)
	}
	if err := peer.Quit(ctx, ep.Addr, 10*time.Second); err != nil {
		t.Errorf("quit: %v", err)
	}
}

// TestServe serves the network workloads (C and Go modules) through a
// pre-opened socket and moves data both ways over concurrent connections.
func TestServe(t *testing.T) {
	root := repoRoot(t)
	for _, lang := range dataset.Langs {
		t.Run(lang, func(t *testing.T) {
			dir := root + "/experiments/network/server"
			if lang == dataset.LangGo {
				dir += "/go"
			}
			w := runners.Workload{Experiment: "network", Test: "server", Lang: lang, Dir: dir}
			r := prepared(t, dataset.Wazero, Config{}, w)
			inv := runners.Invocation{Workload: w, Args: []string{"120"}, Timeout: 2 * time.Minute, Listen: &runners.Listen{Host: "127.0.0.1"}}
			res, err := r.Serve(context.Background(), inv, func(ctx context.Context, ep runners.Endpoint, res *runners.Result) error {
				exercise(t, ctx, ep)
				return nil
			})
			if err != nil {
				t.Fatalf("serve: %v (stderr %q)", err, res.Stderr)
			}
			for _, m := range []string{"ready_ms", "run_ms", "user_ms", "wall_ms"} {
				if _, ok := res.Metric(m); !ok {
					t.Errorf("no %s in %+v", m, res.Metrics)
				}
			}
		})
	}
}
