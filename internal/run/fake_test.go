package run

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/runners"
)

// honest answers every invocation as a correct workload would, from the
// repository's own expected digests, without running anything: CPU tests
// print the digest of their size, fsio writes a file in the scratch
// directory holding its size and reads it back, the resident workload is
// "measured". sleep adds a random pause (0..sleep) per invocation, so a
// process running it can be killed in the middle of one.
func honest(sleep time.Duration, calls *atomic.Int64) func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
	return func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		if calls != nil && !isBaseline(inv) {
			calls.Add(1)
		}
		var r runners.Result
		if sleep > 0 {
			select {
			case <-time.After(time.Duration(rand.Int64N(int64(sleep)))):
			case <-ctx.Done():
				return r, runners.Failf("interrupted", "%v", ctx.Err())
			}
		}
		r.Add("wall_ms", 1+rand.Float64(), "ms")
		if hold {
			r.Add("footprint_kib", 300, "KiB")
			r.Add("pss_kib", 300, "KiB")
			return r, nil
		}
		e, _ := experiments.Lookup(inv.Workload.Experiment)
		if !e.Verified {
			return r, nil
		}
		var size string
		switch inv.Args[0] {
		case "write":
			path := strings.ReplaceAll(inv.Args[1], runners.ScratchToken, inv.Scratch)
			size = inv.Args[2]
			if err := os.WriteFile(path, []byte(size), 0o644); err != nil {
				return r, runners.Failf("exit status 1", "%v", err)
			}
		case "read":
			b, err := os.ReadFile(strings.ReplaceAll(inv.Args[1], runners.ScratchToken, inv.Scratch))
			if err != nil {
				return r, runners.Failf("exit status 1", "%v", err)
			}
			size = string(b)
		default:
			size = inv.Args[0]
		}
		exp, err := experiments.ReadExpected(inv.Workload.Dir, inv.Workload.Lang)
		if err != nil {
			return r, err
		}
		n, _ := strconv.ParseInt(size, 10, 64)
		kernel := 1000 + rand.IntN(1000)
		if isBaseline(inv) {
			kernel = 1000 // a steady machine: no drift
		}
		r.Stdout = []byte(fmt.Sprintf("digest=%s\nkernel_ns=%d\nbytes=%s\n", exp[n], kernel, size))
		if e.Name != experiments.FSIO {
			r.Stdout = []byte(fmt.Sprintf("digest=%s\nkernel_ns=%d\n", exp[n], kernel))
		}
		return r, nil
	}
}

// isBaseline reports whether inv is one of the native baseline's
// invocations (protocol.DefaultBaseline: sha256 in C at the thesis size,
// which the quick profile of these tests never plans), which counters of
// the plan's invocations leave out.
func isBaseline(inv runners.Invocation) bool {
	b, err := protocol.DefaultBaseline("../..", nil)
	return err == nil && inv.Workload.ID() == b.Name() && len(inv.Args) > 0 && inv.Args[0] == strconv.FormatInt(b.Size, 10)
}

// fakeFactory makes every platform a scripted honest runner.
func fakeFactory(sleep time.Duration, calls *atomic.Int64) Factory {
	return func(name string, _ PlatformOptions) (runners.Runner, error) {
		return &fake.Runner{Platform: name, Func: honest(sleep, calls)}, nil
	}
}
