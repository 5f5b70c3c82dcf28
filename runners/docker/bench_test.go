package docker

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/stats"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// BenchmarkNoopStartup times the C noop workload on native, on wazero
// (compilation cache), on Docker through the API (wall_ms: create →
// remove) and through the docker CLI (cli_ms: `docker run --rm`),
// interleaved, and reports the median of each and the API/CLI ratio. Run
// it once with:
//
//	go test -run '^$' -bench NoopStartup -benchtime 1x ./runners/docker
func BenchmarkNoopStartup(b *testing.B) {
	const reps = 15
	c, err := Connect(b.Context())
	if err != nil {
		b.Skipf("no Docker daemon reachable: %v", err)
	}
	c.Close()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	w := protocol.Workload(root, experiments.Startup, "noop", dataset.LangC)
	nat, err := native.New(native.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer nat.Close()
	wz, err := wazero.New(dataset.Wazero, wazero.Config{Root: root})
	if err != nil {
		b.Fatal(err)
	}
	defer wz.Close()
	d, err := New(b.Context(), Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	if d.cliBin == "" {
		b.Skip("docker CLI not on PATH: no cli_ms to compare with")
	}
	rs := []runners.Runner{nat, wz, d}
	for _, r := range rs {
		if err := r.Prepare(b.Context(), []runners.Workload{w}); err != nil {
			b.Fatal(err)
		}
	}
	inv := runners.Invocation{Workload: w, Timeout: time.Minute, TimeCLI: true}
	samples := map[string][]float64{}
	for range b.N {
		for i := 0; i <= reps; i++ { // i == 0 is a warm-up
			for _, r := range rs {
				res, err := r.Run(b.Context(), inv)
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					continue
				}
				name := r.Name()
				if r == d {
					name = "docker-api"
					v, _ := res.Metric("cli_ms")
					samples["docker-cli"] = append(samples["docker-cli"], v)
				}
				v, _ := res.Metric("wall_ms")
				samples[name] = append(samples[name], v)
			}
		}
	}
	med := map[string]float64{}
	for _, name := range []string{"native", "wazero", "docker-api", "docker-cli"} {
		med[name] = stats.Median(samples[name])
		b.ReportMetric(med[name], name+"-ms")
		b.Logf("%-10s median %8.2f ms over %d runs", name, med[name], len(samples[name]))
	}
	b.ReportMetric(med["docker-api"]/med["docker-cli"], "api/cli")
	b.Logf("API/CLI ratio %.2f; docker-api/native %.0fx; docker-api/wazero %.0fx", med["docker-api"]/med["docker-cli"],
		med["docker-api"]/med["native"], med["docker-api"]/med["wazero"])
}
