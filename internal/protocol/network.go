package protocol

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
	"github.com/edgewasm/edgewasm/experiments/peer"
	"github.com/edgewasm/edgewasm/runners"
)

// quitTimeout bounds the POST /quit that ends a server workload.
const quitTimeout = 10 * time.Second

// DefaultListenHost is where network workloads listen for the built-in
// peer.
const DefaultListenHost = "127.0.0.1"

// runNetwork runs one step of a Network experiment: the runner serves the
// workload; the workload's CPU is read while it waits idle for a
// connection, then the peer runs the test's transfers, the CPU is read
// again and the workload is asked to exit. Every transfer is verified: the
// digest its receiving side computed must be the expected one.
func runNetwork(ctx context.Context, cfg Config, r runners.Runner, inv runners.Invocation, e experiments.Experiment, t experiments.Test, st Step) (runners.Result, error) {
	srv, ok := r.(runners.Server)
	if !ok {
		return runners.Result{}, runners.Unsupported(r, runners.Serve)
	}
	p := cfg.Profile
	job := peer.Job{Direction: t.Transfer.Direction, Size: st.Size, Count: 1, Conns: 1, Seed: guest.Seed,
		Timeout: time.Duration(p.Sizes[e.ParamKey(experiments.ParamTimeoutMS)]) * time.Millisecond}
	if t.Transfer.Many {
		job.Count = int(p.Sizes[e.ParamKey(experiments.ParamFiles)])
		job.Conns = int(min(p.Sizes[e.ParamKey(experiments.ParamConns)], int64(job.Count)))
	}
	idle := time.Duration(p.Sizes[e.ParamKey(experiments.ParamIdleMS)]) * time.Millisecond
	want := expectedDigests(job)
	pr := cfg.Peer
	if pr == nil {
		pr = peer.Local()
	}
	host := cfg.ListenHost
	if host == "" {
		host = DefaultListenHost
	}
	inv.Listen = &runners.Listen{Host: host}
	return srv.Serve(ctx, inv, func(ctx context.Context, ep runners.Endpoint, res *runners.Result) error {
		cpu := func() (runners.CPUTimes, error) {
			c, err := ep.CPU()
			if err != nil {
				return c, runners.Failf("measure", "workload CPU time: %v", err)
			}
			return c, nil
		}
		// Idle: the workload waits for its first connection.
		c0, err := cpu()
		if err != nil {
			return err
		}
		t0 := time.Now()
		select {
		case <-time.After(idle):
		case <-ctx.Done():
			return ctx.Err()
		}
		c1, err := cpu()
		window := time.Since(t0)
		if err != nil {
			return err
		}
		d := c1.Sub(c0)
		res.AddDuration(dataset.IdleUserMS, d.User)
		res.AddDuration(dataset.IdleSysMS, d.Sys)
		res.AddDuration(dataset.IdleWindowMS, window)
		res.Add(dataset.IdleCPUPct, 100*d.Total().Seconds()/window.Seconds(), dataset.UnitPct)
		if d.Switches {
			res.Add(dataset.IdleVoluntarySwitches, float64(max(d.Voluntary, 0)), dataset.UnitCount)
			res.Add(dataset.IdleInvoluntarySwitches, float64(max(d.Involuntary, 0)), dataset.UnitCount)
		}

		// The transfers.
		helpers := map[string]runners.CPUTimes{}
		for name, read := range ep.Helpers {
			if c, err := read(); err == nil {
				helpers[name] = c
			}
		}
		job.Addr = ep.Addr
		rep, perr := pr.Run(ctx, job)
		c2, cerr := cpu()
		for name, before := range helpers {
			if c, err := ep.Helpers[name](); err == nil {
				res.AddDuration(dataset.HelperUserMS(name), c.Sub(before).User)
				res.AddDuration(dataset.HelperSysMS(name), c.Sub(before).Sys)
			}
		}
		qerr := peer.Quit(ctx, ep.Addr, quitTimeout)
		if perr != nil {
			return runners.Failf("peer", "%v", perr)
		}
		bytes := transferMetrics(res, rep, t.Transfer.Many)
		if cerr != nil {
			return cerr
		}
		cpuUsed := c2.Sub(c1)
		res.AddDuration(dataset.TransferUserMS, cpuUsed.User)
		res.AddDuration(dataset.TransferSysMS, cpuUsed.Sys)
		if bytes > 0 {
			res.Add(dataset.CPUMSPerMiB, float64(cpuUsed.Total())/1e6/(float64(bytes)/(1<<20)), dataset.UnitMSPerMiB)
		}
		if err := judge(rep, want); err != nil {
			return err
		}
		if qerr != nil {
			return runners.Failf("quit", "%v", qerr)
		}
		return nil
	})
}

// transferMetrics adds what the peer saw to res and returns the bytes the
// receiving sides got.
func transferMetrics(res *runners.Result, rep peer.Report, many bool) int64 {
	var bytes int64
	walls := make([]float64, len(rep.Transfers))
	for i, tr := range rep.Transfers {
		bytes += tr.Bytes
		walls[i] = float64(tr.Wall) / 1e6
	}
	res.AddDuration(dataset.TotalMS, rep.Total)
	res.Add(dataset.Bytes, float64(bytes), dataset.UnitBytes)
	if rep.Total > 0 {
		res.Add(dataset.ThroughputMiBps, float64(bytes)/(1<<20)/rep.Total.Seconds(), dataset.UnitMiBps)
	}
	if !many {
		if len(walls) == 1 {
			res.Add(dataset.TransferMS, walls[0], dataset.UnitMS)
		}
		return bytes
	}
	if len(walls) > 0 {
		res.Add(dataset.LatencyMedianMS, Median(walls), dataset.UnitMS)
		res.Add(dataset.LatencyP95MS, Percentile(walls, 95), dataset.UnitMS)
	}
	return bytes
}

// judge returns the failure of the first failed transfer: its kind from
// the peer (timeout, short, connect, protocol), or digest when it
// completed with a digest other than the expected one.
func judge(rep peer.Report, want map[uint64]string) error {
	var first error
	failed := 0
	for i, tr := range rep.Transfers {
		var f error
		switch {
		case tr.Kind != "":
			f = runners.Failf(tr.Kind, "transfer %d (seed %d): %s", i+1, tr.Seed, tr.Error)
		case tr.Digest != want[tr.Seed]:
			f = runners.Failf("digest", "transfer %d (seed %d): got %s, want %s", i+1, tr.Seed, tr.Digest, want[tr.Seed])
		}
		if f != nil {
			failed++
			if first == nil {
				first = f
			}
		}
	}
	var fl *runners.Failure
	if errors.As(first, &fl) && len(rep.Transfers) > 1 {
		fl.Detail = fmt.Sprintf("%d of %d transfers failed; first: %s", failed, len(rep.Transfers), fl.Detail)
	}
	return first
}

// digestCache holds expected digests by size and seed: computing one reads
// the whole stream, and every repetition and platform needs the same.
var digestCache = struct {
	sync.Mutex
	m map[[2]uint64]string
}{m: map[[2]uint64]string{}}

// expectedDigests returns the digest each transfer of job must arrive
// with, by seed.
func expectedDigests(job peer.Job) map[uint64]string {
	out := map[uint64]string{}
	for i := range job.Count {
		seed := job.Seed + uint64(i)
		out[seed] = StreamDigest(job.Size, seed)
	}
	return out
}

// StreamDigest is the network digest (FNV-1a 64 over words, as 16 hex
// digits) of the first size bytes of the stream seeded with seed.
func StreamDigest(size int64, seed uint64) string {
	key := [2]uint64{uint64(size), seed}
	digestCache.Lock()
	d, ok := digestCache.m[key]
	digestCache.Unlock()
	if ok {
		return d
	}
	d = fmt.Sprintf("%016x", wordhash.Stream(size, seed))
	digestCache.Lock()
	digestCache.m[key] = d
	digestCache.Unlock()
	return d
}

// Median is the middle value (the mean of the two middle ones for an
// even count); NaN for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Percentile is the nearest-rank p-th percentile: the smallest value with
// at least p % of the values at or below it; NaN for none.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(k, len(s)-1))]
}
