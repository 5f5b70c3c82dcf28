package protocol

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
)

// faultyServer is a runners.Server whose workload is an in-process server
// of the HTTP subset that misbehaves as told: "ok" serves correctly,
// "digest" corrupts one byte (or reports a wrong digest), "short" stops
// half-way, "stall" stops sending or reading half-way for stall.
type faultyServer struct {
	*fake.Runner
	fault string
	stall time.Duration
}

func (f *faultyServer) Serve(ctx context.Context, inv runners.Invocation, during func(context.Context, runners.Endpoint, *runners.Result) error) (runners.Result, error) {
	var res runners.Result
	ln, err := net.Listen("tcp", net.JoinHostPort(inv.Listen.Host, "0"))
	if err != nil {
		return res, err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				f.handle(c)
			}()
		}
	}()
	// Each reading finds 7 more voluntary switches and 2 more involuntary.
	var reads int64
	idle := func() (runners.CPUTimes, error) {
		reads++
		return runners.CPUTimes{Voluntary: 7 * reads, Involuntary: 2 * reads, Switches: true}, nil
	}
	err = during(ctx, runners.Endpoint{Addr: ln.Addr().String(), CPU: idle}, &res)
	ln.Close()
	wg.Wait()
	return res, err
}

func (f *faultyServer) handle(c net.Conn) {
	br := bufio.NewReader(c)
	line, _ := br.ReadString('\n')
	fs := strings.Fields(line)
	length := int64(0)
	for {
		h, err := br.ReadString('\n')
		if err != nil || strings.TrimSpace(h) == "" {
			break
		}
		if k, v, _ := strings.Cut(h, ":"); strings.EqualFold(k, "Content-Length") {
			length, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	if len(fs) < 2 {
		return
	}
	u, _ := url.Parse(fs[1])
	q := u.Query()
	switch fs[0] {
	case "GET":
		n, _ := strconv.ParseInt(q.Get("bytes"), 10, 64)
		seed, _ := strconv.ParseUint(q.Get("seed"), 10, 64)
		data := make([]byte, n)
		guest.NewRNG(seed).Bytes(data)
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", n)
		switch f.fault {
		case "digest":
			data[n/2] ^= 1
		case "short":
			data = data[:n/2]
		case "stall":
			c.Write(data[:n/2])
			time.Sleep(f.stall)
			return
		}
		c.Write(data)
	case "PUT":
		h := wordhash.New()
		got, _ := io.CopyN(h, br, length/2)
		switch f.fault {
		case "short":
			return // the peer sees the connection end before its answer
		case "stall":
			time.Sleep(f.stall)
			return
		}
		more, _ := io.CopyN(h, br, length-got)
		sum := h.Sum64()
		if f.fault == "digest" {
			sum ^= 1
		}
		body := fmt.Sprintf("digest=%016x\nbytes=%d\n", sum, got+more)
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	case "POST":
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbye\n")
	}
}

// networkProfile is a small, fast protocol for the network experiment.
func networkProfile(t *testing.T, root string) dataset.Profile {
	p, err := experiments.LoadProfile(root, "quick")
	must(t, err)
	p.Repetitions = 1
	p.Warmups[experiments.Network] = 0
	p.Sizes["network/timeout-ms"] = 400
	return p
}

// TestNetworkVerifiesEveryTransfer runs the four network tests against
// servers that misbehave, and one runner that cannot serve at all: each
// failure must be recorded with its reason, every row kept.
func TestNetworkVerifiesEveryTransfer(t *testing.T) {
	root := fakeRoot(t)
	rs := map[string]runners.Runner{
		"unsupported": &fake.Runner{Platform: "unsupported"},
	}
	want := map[string]string{"unsupported": "failed:unsupported"}
	for _, fault := range []string{"ok", "digest", "short", "stall"} {
		rs[fault] = &faultyServer{Runner: &fake.Runner{Platform: fault}, fault: fault, stall: time.Second}
		want[fault] = "failed:" + fault
	}
	want["ok"], want["stall"] = dataset.StatusOK, "failed:timeout"
	platforms := slices.Sorted(func(yield func(string) bool) {
		for p := range rs {
			if !yield(p) {
				return
			}
		}
	})
	cfg := Config{Root: root, Profile: networkProfile(t, root), Platforms: platforms, Langs: []string{"c"},
		Experiments: []string{experiments.Network}}
	sum, samples := runFake(t, cfg, rs)
	if sum.Invocations != 4*len(rs) {
		t.Fatalf("%d invocations, want %d", sum.Invocations, 4*len(rs))
	}
	metrics := map[string]map[string]bool{}
	for _, s := range samples {
		if s.Metric == "total_ms" || s.Metric == "wall_ms" {
			t.Logf("DBG %s %s %s %v", s.Platform, s.Test, s.Status, s.Value)
		}
		if !strings.HasPrefix(s.Status, want[s.Platform]) {
			t.Errorf("%s/%s on %s: status %q, want %s…", s.Test, s.Metric, s.Platform, s.Status, want[s.Platform])
		}
		key := s.Platform + "/" + s.Test
		if metrics[key] == nil {
			metrics[key] = map[string]bool{}
		}
		metrics[key][s.Metric] = true
		if s.Platform == "ok" && (s.Metric == dataset.IdleVoluntarySwitches && s.Value != 7 || s.Metric == dataset.IdleInvoluntarySwitches && s.Value != 2) {
			t.Errorf("%s: %s = %v over the idle window, want 7 voluntary and 2 involuntary", s.Test, s.Metric, s.Value)
		}
		if s.Platform == "ok" && s.Metric == "bytes" {
			n := int64(100000)
			if strings.HasSuffix(s.Test, "-many") {
				n *= 5
			}
			if int64(s.Value) != n || s.Size != 100000 {
				t.Errorf("%s: bytes %v size %d, want %d and 100000", s.Test, s.Value, s.Size, n)
			}
		}
	}
	for _, test := range experiments.Tests[experiments.Network] {
		m := metrics["ok/"+test]
		need := []string{"total_ms", "bytes", "throughput_mib_s", "transfer_user_ms", "transfer_sys_ms",
			"idle_user_ms", "idle_sys_ms", "idle_window_ms", "idle_cpu_pct", dataset.IdleVoluntarySwitches, dataset.IdleInvoluntarySwitches}
		if strings.HasSuffix(test, "-many") {
			need = append(need, "latency_median_ms", "latency_p95_ms")
		} else {
			need = append(need, "transfer_ms")
		}
		for _, name := range need {
			if !m[name] {
				t.Errorf("ok/%s: no %s metric (have %v)", test, name, m)
			}
		}
		// A failed transfer keeps what was measured.
		if !metrics["digest/"+test]["total_ms"] {
			t.Errorf("digest/%s: the failed invocation lost its metrics", test)
		}
	}
}

func TestSelectPlatforms(t *testing.T) {
	cases := []struct {
		platforms, exps []string
		want            string
	}{
		{[]string{"native", "docker", "wazero"}, []string{experiments.Network}, "native docker docker-bridge wazero"},
		{[]string{"docker", "wazero"}, []string{experiments.CPU, experiments.Network}, "docker docker-bridge wazero"},
		{[]string{"native", "docker", "docker-bridge"}, []string{experiments.CPU}, "native docker"},
		{[]string{"docker-bridge"}, []string{experiments.Network}, "docker-bridge"},
		{[]string{"docker-bridge", "docker"}, []string{experiments.Network}, "docker-bridge docker"},
	}
	for _, c := range cases {
		if got := strings.Join(experiments.SelectPlatforms(c.platforms, c.exps), " "); got != c.want {
			t.Errorf("SelectPlatforms(%v, %v) = %s, want %s", c.platforms, c.exps, got, c.want)
		}
	}
	if got := experiments.ExperimentsOn(dataset.DockerBridge, experiments.Names); !slices.Equal(got, []string{experiments.Network}) {
		t.Errorf("docker-bridge runs %v, want only network", got)
	}
	// The control platforms: the kernels, and fsio on wazero-plain only.
	for _, p := range dataset.ControlPlatforms() {
		want := []string{experiments.CPU}
		if p == dataset.WazeroPlain {
			want = append(want, experiments.FSIO)
		}
		if got := experiments.ExperimentsOn(p, experiments.Names); !slices.Equal(got, want) {
			t.Errorf("%s runs %v, want %v", p, got, want)
		}
	}
	ps := []string{dataset.Native, dataset.Wazero, dataset.WazeroPlain, dataset.WasmtimePlain}
	if got := experiments.SelectPlatforms(ps, []string{experiments.FSIO}); !slices.Equal(got, []string{dataset.Native, dataset.Wazero, dataset.WazeroPlain}) {
		t.Errorf("SelectPlatforms(%v, fsio) = %v: want wasmtime-plain dropped", ps, got)
	}
}

// TestPlanSkipsVariants: a network variant appears only in the steps of
// the network experiment, and network tests carry their own sizes.
func TestPlanSkipsVariants(t *testing.T) {
	root := fakeRoot(t)
	p, err := experiments.LoadProfile(root, "quick")
	must(t, err)
	p.Sizes["network/upload"] = 777
	steps := Plan(Config{Root: root, Profile: p, Platforms: []string{"docker", "docker-bridge"}, Langs: []string{"c"},
		Experiments: []string{experiments.Startup, experiments.Network}})
	n := map[string]int{}
	for _, s := range steps {
		n[s.Experiment+"/"+s.Platform]++
		if s.Experiment == experiments.Network && s.Test == "upload" && s.Size != 777 {
			t.Errorf("%s: size %d, want 777", s, s.Size)
		}
	}
	// startup: (1 warm-up + 3 reps) on docker only; network: 4 tests × 4 on both.
	want := map[string]int{"startup/docker": 4, "network/docker": 16, "network/docker-bridge": 16}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("%s: %d steps, want %d (all: %v)", k, n[k], v, n)
		}
	}
	if len(n) != len(want) {
		t.Errorf("steps on %v, want only %v", n, want)
	}
}

func TestMedianPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3}
	if Median(xs) != 3 || Median([]float64{4, 1, 3, 2}) != 2.5 || !math.IsNaN(Median(nil)) {
		t.Error("Median")
	}
	var hundred []float64
	for i := 100; i >= 1; i-- {
		hundred = append(hundred, float64(i))
	}
	if Percentile(hundred, 95) != 95 || Percentile(xs, 95) != 5 || Percentile(xs, 50) != 3 || Percentile([]float64{7}, 95) != 7 {
		t.Errorf("Percentile: %v %v %v", Percentile(hundred, 95), Percentile(xs, 95), Percentile(xs, 50))
	}
}

// TestStreamDigest pins the network digest of the stream to values worked
// out from its definition with the byte-wise FNV of package guest.
func TestStreamDigest(t *testing.T) {
	data := make([]byte, 20)
	guest.NewRNG(7).Bytes(data)
	h := guest.FNVOffset
	for i := 0; i+8 <= 16; i += 8 {
		var w uint64
		for j := 7; j >= 0; j-- {
			w = w<<8 | uint64(data[i+j])
		}
		h = (h ^ w) * guest.FNVPrime
	}
	h = guest.FNV(h, data[16:])
	if got, want := StreamDigest(20, 7), fmt.Sprintf("%016x", h); got != want {
		t.Fatalf("StreamDigest(20, 7) = %s, want %s", got, want)
	}
	if StreamDigest(0, 1) != fmt.Sprintf("%016x", guest.FNVOffset) {
		t.Fatal("the digest of no bytes is the FNV offset basis")
	}
}
