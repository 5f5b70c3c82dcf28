package cells

import (
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/model"
)

// Provenance: every computed value the engine writes carries the command
// that recomputes it and the parts of the datasets it read (doc.Provenance).
// Inline values carry it in Output.Prov, table cells in Table.Prov; the
// HTML paper shows it on hover.

// prov is a provenance of a command and what it read.
func prov(command string, reads ...doc.Read) *doc.Provenance {
	return &doc.Provenance{Command: command, Reads: reads}
}

// samples is the read of a dataset's samples: every combination of the
// tests, languages, platforms and metrics given (none: every one).
func samples(s *model.Set, exp string, tests, langs, platforms, metrics []string) doc.Read {
	return doc.Read{Dataset: s.Label, Exp: exp, Tests: tests, Langs: langs, Platforms: compact(platforms), Metrics: compact(metrics)}
}

// compact drops empty and repeated names, keeping the first order.
func compact(v []string) []string {
	var out []string
	for _, x := range v {
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// cellCommand is the command that recomputes one median of a table.
func cellCommand(s *model.Set, k model.Key) string {
	a, _ := ParseArgs("median exp=" + k.Exp + " test=" + k.Test + " platform=" + k.Platform + " metric=" + k.Metric + " lang=" + k.Lang)
	return Reproduce(s, a)
}

// envRead is the read of environment.json fields of a dataset.
func envRead(s *model.Set, fields ...string) doc.Read {
	return doc.Read{Dataset: s.Label, Env: strings.Join(fields, ", ")}
}

// envPaths are the environment.json fields behind each env field.
var envPaths = map[string]string{
	"cpu": "host.cpu_model", "cores": "host.cores", "memory": "host.mem_total_kib", "arch": "host.arch",
	"device": "host.device_model", "kernel": "host.kernel", "os": "host.os", "virtualization": "host.virtualized",
	"repetitions": "profile.repetitions", "profile": "profile.name", "platforms": "platforms", "langs": "langs",
	"label": "the dataset's directory", "invocations": "samples", "failed": "failed", "runtimes": "runners",
}

// judgementReads are the samples a verdict rests on: the claim's
// experiment and metrics, on the platforms its sides stand for in s (the
// Wasm platform judged, every platform of the other kinds named), in the
// judgement's language and test.
func judgementReads(s *model.Set, j claims.Judgement) doc.Read {
	c := j.Claim
	var ps, ms []string
	ms = append(ms, c.Metric)
	for _, side := range append(strings.Split(c.A, "<"), c.B) {
		name, metric, _ := strings.Cut(strings.TrimSpace(side), ":")
		ms = append(ms, metric)
		switch name {
		case "":
		case dataset.KindWasm:
			ps = append(ps, j.Wasm)
		case dataset.KindContainer, dataset.KindNative:
			ps = append(ps, s.PlatformsOfKind(c.Exp, name)...)
		default:
			ps = append(ps, name)
		}
	}
	var tests, langs []string
	if c.Test != "" {
		tests = []string{c.Test}
	}
	if j.Lang != "" {
		langs = []string{j.Lang}
	}
	return samples(s, c.Exp, tests, langs, ps, ms)
}
