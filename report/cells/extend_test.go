package cells

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// claimsHeader is the header line of a claims table.
var claimsHeader = strings.Join(claims.Columns, ",") + "\n"

// readInputs reads the paper's own files as package report builds them
// into the binary, and names them as it does.
func readInputs() (Inputs, error) {
	lit, err := filepath.Abs(filepath.Join("..", "..", "literature"))
	if err != nil {
		return Inputs{}, err
	}
	in := Inputs{Literature: lit}
	for _, f := range []struct {
		in   *Input
		file string
	}{{&in.Claims, "claims.csv"}, {&in.Registry, "claims-registry.csv"}, {&in.Findings, "findings.src.md"}, {&in.References, "references.csv"}, {&in.Workloads, "workloads.csv"}} {
		b, err := os.ReadFile(filepath.Join("..", f.file))
		if err != nil {
			return Inputs{}, err
		}
		*f.in = Input{Name: "report/" + f.file, Data: b}
	}
	return in, nil
}

// committedInputs is readInputs for a test.
func committedInputs(t testing.TB) Inputs {
	t.Helper()
	in, err := readInputs()
	if err != nil {
		t.Fatal(err)
	}
	return in
}

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
	in := committedInputs(t)
	in.Registry = Input{} // a claims table of its own: not registered
	in.Claims = Input{Name: "net.csv", Data: []byte(claimsHeader + "net-wasm,,RQ2,Wasm transfers as fast as native,≈ 1×,§5,ratio,network,transfer_ms,wasm,native,,,0.9,1.1,,b\n")}
	e := NewEngine(m, in)
	for cmd, want := range map[string]string{
		"medians exp=network metric=transfer_ms":                  "| test | lang | native | docker | wazero | wasmtime |",
		"friedman exp=network metric=transfer_ms":                 "upload",
		"posthoc exp=network metric=transfer_ms":                  "wazero vs wasmtime",
		"figure kind=ratio exp=network metric=transfer_ms":        "ratio-network-transfer_ms.png",
		"figure kind=distribution exp=network metric=transfer_ms": "distribution-network-transfer_ms.png",
		"claims": "| Wasm transfers as fast as native | 0.9 ≤ wasm/native ≤ 1.1 (transfer_ms) | not registered | c | wazero |",
		"ratio exp=network metric=transfer_ms a=wasmtime b=native": "1.",
		"runtimes": "| platform | lang | CPU vs native | start-up | compile | footprint |",
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
			md += tb.Markdown() + "\n"
		}
		for _, f := range full.Figures {
			md += f.Name + "\n"
		}
		if !strings.Contains(md, want) {
			t.Errorf("%s: output lacks %q:\n%s", cmd, want, md)
		}
	}
}

// An inline command without data= reads the first dataset that measured
// its experiment on the platforms it names, so a question the primary
// dataset did not ask (another runtime, the network) is answered by the
// dataset that did; block cells see it too, and a failed sample's reason
// reaches the failures table.
func TestPrimaryIsTheFirstDatasetThatAsked(t *testing.T) {
	first, err := synth.Dataset(synth.Default("x86"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := synth.Default("x86")
	cfg.Dir = filepath.Join(t.TempDir(), "net")
	second, err := synth.Dataset(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for rep := 1; rep <= 3; rep++ {
		for pi, p := range []string{"native", "wasmtime"} {
			st := dataset.StatusOK
			if p == "wasmtime" && rep == 2 {
				st = dataset.FailedPrefix + "unsupported: no sockets"
			}
			second.Samples = append(second.Samples, dataset.Sample{Experiment: "network", Test: "upload", Lang: "c", Platform: p, Rep: rep,
				Metric: "throughput_mib_s", Value: 100 * float64(pi+1), Unit: "MiB/s", Status: st})
		}
	}
	m, err := model.New([]*dataset.Dataset{first, second}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	in := committedInputs(t)
	in.Registry = Input{}
	in.Claims = Input{Name: "none.csv", Data: []byte(claimsHeader)}
	e := NewEngine(m, in)
	for cmd, want := range map[string]string{
		"median exp=network test=upload platform=wasmtime metric=throughput_mib_s": "200 MiB/s",
		"median exp=cpu test=aes platform=native metric=kernel_ms":                 "",
	} {
		got, err := e.Print(cmd)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		if got = strings.TrimSpace(got); want != "" && got != want {
			t.Errorf("%s = %q, want %q", cmd, got, want)
		}
	}
	a, _ := ParseArgs("failures exp=network")
	c, _ := e.command(a, false)
	out, err := c.Run(e, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tables) != 1 || out.Tables[0].Title != m.Sets[1].Label {
		t.Fatalf("failures: want one table of %s, got %+v", m.Sets[1].Label, out.Tables)
	}
	if rows := out.Tables[0].Rows; len(rows) != 1 || rows[0][0] != "wasmtime" || rows[0][1] != "C: upload" || rows[0][3] != "unsupported: no sockets" {
		t.Errorf("failures rows %q", rows)
	}
}
