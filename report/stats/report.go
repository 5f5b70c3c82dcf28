package stats

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
)

// FriedmanReport reads a block,treatment,value CSV file, runs the
// Friedman test with the named post-hoc tests, and writes the analysis to
// w as text or json (`edgewasm stats friedman`). Every error is about the
// input and names it.
func FriedmanReport(w io.Writer, file, format string, posthoc []string) error {
	if format != "text" && format != "json" {
		return fmt.Errorf("--format %q, expected text or json", format)
	}
	for _, t := range posthoc {
		if !slices.Contains(PosthocTests, t) {
			return fmt.Errorf("--posthoc %q, expected some of %s or none", t, strings.Join(PosthocTests, ","))
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := ReadLong(f, file)
	if err != nil {
		return err
	}
	a, err := Analyze(m, posthoc...)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			File string `json:"file"`
			*Analysis
		}{file, a})
	}
	return writeFriedmanText(w, file, a)
}

func writeFriedmanText(w io.Writer, file string, a *Analysis) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Friedman rank sum test (tie-corrected): %s\n", file)
	fmt.Fprintf(&b, "  chi-squared = %s, df = %d, p-value = %s\n", num(a.Statistic), a.DF, num(a.P))
	fmt.Fprintf(&b, "  Kendall's W = %s\n", num(a.KendallW))
	fmt.Fprintf(&b, "  n = %d blocks, k = %d treatments\n", a.N, a.K)
	ranks := make([]string, len(a.Treatments))
	for j, t := range a.Treatments {
		ranks[j] = t + " " + num(a.MeanRanks[j])
	}
	fmt.Fprintf(&b, "  mean ranks: %s\n", strings.Join(ranks, ", "))
	for _, warn := range a.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", warn)
	}
	if len(a.Posthoc) > 0 {
		b.WriteString("\npost-hoc comparisons:\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  a\tb\ttest\tstatistic\tp raw\tp adjusted\tadjustment\tmethod")
		for _, p := range a.Posthoc {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.A, p.B, p.Test, num(p.Statistic), num(p.P), num(p.PAdjusted), p.Adjustment, p.Method)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// num prints a number with 6 significant digits, Inf spelt out.
func num(v float64) string {
	if math.IsInf(v, 1) {
		return "Inf"
	}
	return fmt.Sprintf("%.6g", v)
}
