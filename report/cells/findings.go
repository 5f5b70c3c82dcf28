package cells

import (
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
)

// CmdFindings is the command that evaluates the README's findings (the
// Findings input) on the model, as `make report` writes them into
// README.md.
const CmdFindings = "findings"

func findingsCommands() map[string]Command {
	return map[string]Command{
		CmdFindings: {Usage: CmdFindings + "  (the README's findings at a glance, from report/findings.src.md)", Needs: func(Args) []string { return []string{NeedEvery, NeedClaims, NeedLit} }, Run: runFindings},
	}
}

// runFindings evaluates the findings source: Markdown whose every number
// is an inline expression.
func runFindings(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	var out []string
	for _, ll := range unwrap(string(e.Findings.Data), 1) {
		line, err := e.spanGuards(ll.text)
		if t := strings.TrimSpace(line); err == nil && (t == "" || bareMarkerRE.MatchString(t)) && t != strings.TrimSpace(ll.text) {
			continue // a finding about what no dataset measured
		}
		if err == nil {
			line, _, err = e.inline(line, nil, Cache{}, &Stats{})
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", e.Findings.Name, ll.line, err)
		}
		out = append(out, line)
	}
	return &doc.Output{Text: strings.TrimSpace(strings.Join(out, "\n"))}, nil
}
