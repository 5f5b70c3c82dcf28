package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// A dataset with an experiment and a platform this build does not know
// (as the network experiment and further Wasm runtimes will arrive) flows
// into tables, figures and verdicts without code: the experiment through
// the generic commands, the platform in its columns.
func TestNewExperimentAndPlatformFlowThrough(t *testing.T) {
	d, err := synth.Dataset(synth.Default("x86"))
	if err != nil {
		t.Fatal(err)
	}
	for rep := 1; rep <= 10; rep++ {
		for _, test := range []string{"upload", "download"} {
			for pi, p := range []string{"native", "docker", "wazero", "wasmtime"} {
				for _, l := range []string{"c", "go"} {
					v := 100 * (1 + 0.2*float64(pi)) * (1 + 0.01*float64(rep%3))
					d.Samples = append(d.Samples,
						dataset.Sample{Experiment: "network", Test: test, Lang: l, Platform: p, Rep: rep, Metric: "transfer_ms", Value: v, Unit: "ms", Status: dataset.StatusOK},
						dataset.Sample{Experiment: "network", Test: test, Lang: l, Platform: p, Rep: rep, Metric: "throughput_mbps", Value: 1000 / v, Unit: "Mbit/s", Status: dataset.StatusOK})
				}
			}
		}
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := m.Primary()
	if got := strings.Join(s.Experiments(), ","); got != "cpu,memory,fsio,startup,network" {
		t.Errorf("experiments %s", got)
	}
	if got := strings.Join(s.Platforms("network"), ","); got != "native,docker,wazero,wasmtime" {
		t.Errorf("platforms %s", got)
	}
	claims := claimsHeader + "net-wasm,,RQ2,Wasm transfers as fast as native,≈ 1×,§5,ratio,network,transfer_ms,wasm,native,,,0.9,1.1,,b\n"
	e := NewEngine(m, filepath.Join("..", "literature"), "net.csv", []byte(claims))
	for cmd, want := range map[string]string{
		"medians exp=network metric=transfer_ms":                  "| test | lang | native | docker | wazero | wasmtime |",
		"friedman exp=network metric=transfer_ms":                 "upload",
		"posthoc exp=network metric=transfer_ms":                  "wazero vs wasmtime",
		"figure kind=ratio exp=network metric=transfer_ms":        "ratio-network-transfer_ms.png",
		"figure kind=distribution exp=network metric=transfer_ms": "distribution-network-transfer_ms.png",
		"claims": "| Wasm transfers as fast as native | 0.9 ≤ wasm/native ≤ 1.1 (transfer_ms) | c | wazero |",
		"ratio exp=network metric=transfer_ms a=wasmtime b=native": "1.",
	} {
		out, err := e.Print(cmd)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		o, _ := ParseArgs(cmd)
		c, _ := e.command(o, false)
		full, _ := c.Run(e, o)
		md := out
		for _, tb := range full.Tables {
			md += tableMarkdown(tb) + "\n"
		}
		for _, f := range full.Figures {
			md += f.Name + "\n"
		}
		if !strings.Contains(md, want) {
			t.Errorf("%s: output lacks %q:\n%s", cmd, want, md)
		}
	}
}
