package doc

import (
	"fmt"
	"strings"
)

// Provenance is where a computed value comes from: the command a reader
// runs to recompute it, and the parts of the datasets it read. The engine
// attaches one to every inline value (Output.Prov, kept in the document as
// a Span of the prose) and to the cells of tables that compute numbers
// (Table.Prov). A writer may ignore it (paper.md, paper.pdf) or show it
// (paper.html, on hover).
type Provenance struct {
	// Command recomputes the value; it is run from the repository's root
	// and names the datasets' directories as they were given, never the
	// paper's output folder.
	Command string `json:"command,omitempty"`
	// Reads are the parts of the datasets (or of the repository's records)
	// the value was computed from.
	Reads []Read `json:"reads,omitempty"`
}

// Read is one part of a dataset a value was computed from: the samples of
// an experiment for every combination of the listed tests, languages,
// platforms and metrics (an empty list means every one the dataset has),
// or a field of its environment.json; or a file of the repository (the
// literature records, the claims).
type Read struct {
	Dataset   string   `json:"dataset,omitempty"` // the dataset's label
	Exp       string   `json:"exp,omitempty"`
	Tests     []string `json:"tests,omitempty"`
	Langs     []string `json:"langs,omitempty"`
	Platforms []string `json:"platforms,omitempty"`
	Metrics   []string `json:"metrics,omitempty"`
	// Env is a field of the dataset's environment.json (host.cpu_model).
	Env string `json:"env,omitempty"`
	// File is a file of the repository, for values that read no dataset.
	File string `json:"file,omitempty"`
}

// String is the read as one line: "x86: cpu / aes, xor / c / wazero,
// native / kernel_ms", "x86: environment.json host.cpu_model" or the file.
func (r Read) String() string {
	if r.File != "" {
		return r.File
	}
	if r.Env != "" {
		return r.Dataset + ": environment.json " + r.Env
	}
	all := func(v []string, what string) string {
		if len(v) == 0 {
			return "every " + what
		}
		return strings.Join(v, ", ")
	}
	exp := r.Exp
	if exp == "" {
		exp = "every experiment"
	}
	return fmt.Sprintf("%s: %s / %s / %s / %s / %s", r.Dataset, exp, all(r.Tests, "test"), all(r.Langs, "language"),
		all(r.Platforms, "platform"), all(r.Metrics, "metric"))
}

// String is the provenance as plain text, a line each: the command, then
// what it read (a title attribute shows it on hover).
func (p Provenance) String() string {
	var lines []string
	if p.Command != "" {
		lines = append(lines, p.Command)
	}
	for _, r := range p.Reads {
		lines = append(lines, "reads "+r.String())
	}
	return strings.Join(lines, "\n")
}

// Empty reports whether the provenance says nothing.
func (p Provenance) Empty() bool { return p.Command == "" && len(p.Reads) == 0 }

// Span is a computed value in a block's prose: Prose[Start:End] is its
// text, Prov where it comes from. Spans are in order and do not overlap.
type Span struct {
	Start, End int
	Prov       Provenance
}
