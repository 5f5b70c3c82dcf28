package docker

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
)

// BenchmarkNoopStartup times the startup workload on native, on Docker
// through the API (wall_ms: create → remove) and through the docker CLI
// (cli_ms: `docker run --rm`), interleaved, and reports the median of each
// and the API/CLI ratio. It uses experiments/startup/noop when present,
// else testdata/noop. Run it once with:
//
//	go test -run '^$' -bench NoopStartup -benchtime 1x ./runners/docker
func BenchmarkNoopStartup(b *testing.B) {
	const reps = 15
	c, err := Connect(b.Context())
	if err != nil {
		b.Skipf("no Docker daemon reachable: %v", err)
	}
	c.Close()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "experiments", "startup", "noop"))
	if _, err := os.Stat(filepath.Join(dir, "main.c")); err != nil {
		dir, _ = filepath.Abs(filepath.Join("testdata", "noop"))
	}
	w := runners.Workload{Experiment: "startup", Test: "noop", Lang: runners.LangC, Dir: dir,
		Include: filepath.Join(dir, "..", "..", "common")}
	nat, err := native.New(native.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer nat.Close()
	d, err := New(b.Context(), Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	if d.cliBin == "" {
		b.Skip("docker CLI not on PATH: no cli_ms to compare with")
	}
	for _, r := range []runners.Runner{nat, d} {
		if err := r.Prepare(b.Context(), []runners.Workload{w}); err != nil {
			b.Fatal(err)
		}
	}
	inv := runners.Invocation{Workload: w, Timeout: time.Minute}
	samples := map[string][]float64{}
	for range b.N {
		for i := 0; i <= reps; i++ { // i == 0 is a warm-up
			rn, err := nat.Run(b.Context(), inv)
			if err != nil {
				b.Fatal(err)
			}
			rd, err := d.Run(b.Context(), inv)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				continue
			}
			for name, res := range map[string]runners.Result{"native": rn, "docker-api": rd} {
				v, _ := metric(res, "wall_ms")
				samples[name] = append(samples[name], v)
			}
			v, _ := metric(rd, "cli_ms")
			samples["docker-cli"] = append(samples["docker-cli"], v)
		}
	}
	med := map[string]float64{}
	for _, name := range []string{"native", "docker-api", "docker-cli"} {
		med[name] = median(samples[name])
		b.ReportMetric(med[name], name+"-ms")
		b.Logf("%-10s median %8.2f ms over %d runs", name, med[name], len(samples[name]))
	}
	b.ReportMetric(med["docker-api"]/med["docker-cli"], "api/cli")
	b.Logf("API/CLI ratio %.2f; docker-api/native %.0fx", med["docker-api"]/med["docker-cli"], med["docker-api"]/med["native"])
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
