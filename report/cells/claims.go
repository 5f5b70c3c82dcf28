package cells

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// claimCommands judge the thesis's claims (claims.csv) on the datasets.
func claimCommands() map[string]Command {
	needs := func(Args) []string { return []string{NeedAll, NeedClaims} }
	return map[string]Command{
		"claims":        {Usage: "claims  (every claim judged per language and Wasm platform, with values and reasons)", Needs: needs, Run: runClaims},
		"verdicts":      {Usage: "verdicts  (a verdict table per dataset and language: claims × Wasm platforms)", Needs: needs, Run: runVerdicts},
		"verdict-rules": {Usage: "verdict-rules  (each claim's criterion with the reason for its band)", Needs: func(Args) []string { return []string{NeedClaims} }, Run: runVerdictRules},
		"verdict-words": {Usage: "verdict-words  (what each verdict word means)", Needs: func(Args) []string { return nil }, Run: runVerdictWords},
		"claim":         {Usage: "claim id=ID [lang=L] [platform=P]  (one verdict on the primary dataset)", Inline: true, Needs: needs, Run: runClaim},
		"verdict":       {Usage: "verdict id=ID [values=no]  (a claim's verdicts on the primary dataset, grouped, as a phrase)", Inline: true, Needs: needs, Run: runVerdict},
	}
}

func (e *Engine) readClaims() ([]claims.Claim, error) {
	return claims.Parse(e.Claims.Name, e.Claims.Data)
}

// judgements judges every claim on a dataset.
func (e *Engine) judgements(s *model.Set) ([]claims.Judgement, error) {
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	var out []claims.Judgement
	for _, c := range cs {
		js, err := claims.Judge(c, s)
		if err != nil {
			return nil, fmt.Errorf("%s:%d (%s): %v", e.Claims.Name, c.Line, c.ID, err)
		}
		out = append(out, js...)
	}
	return out, nil
}

// claimText is a claim as a table row names it: a sensitivity row, under
// its claim, says so.
func claimText(c claims.Claim) string {
	if c.Of != "" {
		return "Sensitivity: " + strings.TrimSpace(strings.TrimPrefix(c.Text, "…"))
	}
	return c.Text
}

// judgementProv is where one judgement comes from: the claim command for
// its language and Wasm platform, and the samples it read.
func judgementProv(s *model.Set, j claims.Judgement) *doc.Provenance {
	cmd := "claim id=" + j.Claim.ID
	if j.Lang != "" {
		cmd += " lang=" + j.Lang
	}
	if j.Wasm != "" {
		cmd += " platform=" + j.Wasm
	}
	a, _ := ParseArgs(cmd)
	return prov(Reproduce(s, a), judgementReads(s, j))
}

func verdictCell(j claims.Judgement) string {
	if j.Reason == "" {
		return j.Verdict
	}
	return j.Verdict + ": " + j.Reason
}

// eachJudged judges every claim on each dataset a block command
// addresses and hands the judgements to f, which adds to out.
func (e *Engine) eachJudged(a Args, f func(out *doc.Output, s *model.Set, js []claims.Judgement)) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	out := &doc.Output{}
	for _, s := range sets {
		js, err := e.judgements(s)
		if err != nil {
			return nil, err
		}
		f(out, s, js)
		out.Commands = append(out.Commands, Reproduce(s, a))
	}
	return out, nil
}

func runClaims(e *Engine, a Args) (*doc.Output, error) {
	return e.eachJudged(a, func(out *doc.Output, s *model.Set, js []claims.Judgement) {
		t := doc.Table{Title: s.Label, Header: []string{"claim", "criterion", "lang", "platform", "ours", "verdict"}}
		for i, j := range js {
			claim, crit := claimText(j.Claim), j.Claim.Criterion()
			if i > 0 && js[i-1].Claim.ID == j.Claim.ID {
				claim, crit = "", "" // said on the claim's first row
			}
			pv := judgementProv(s, j)
			t.SetProv(len(t.Rows), 4, pv)
			t.SetProv(len(t.Rows), 5, pv)
			t.Rows = append(t.Rows, []string{claim, crit, j.Lang, j.Column(), j.Value, verdictCell(j)})
		}
		t.Notes = append(t.Notes, "Ratios: geometric mean over tests of the ratio of medians [95 % bootstrap interval]; tests: the range of the per-test ratios. Sensitivity rows read the claim above them another way.")
		t.Notes = append(t.Notes, e.setNotes(s)...)
		out.Tables = append(out.Tables, t)
	})
}

// setNotes flag what limits a dataset's verdicts: too few repetitions,
// or a run that did not finish.
func (e *Engine) setNotes(s *model.Set) []string {
	var notes []string
	if p := s.Power(claims.ThesisPlatforms); p.Underpowered() {
		notes = append(notes, fmt.Sprintf("%s is underpowered: %d repetitions, where a pairwise test among %d platforms needs %d to reach p < %g; its values are shown without verdicts.", s.Label, p.Reps, claims.ThesisPlatforms, p.Need, e.Model.Opts.Alpha))
	}
	if !s.Finished() {
		notes = append(notes, s.Label+" is unfinished (environment.json has no end time): its verdicts rest on what was recorded.")
	}
	return notes
}

// runVerdicts gives, per dataset and language, a table with a row per
// claim and a column per Wasm platform.
func runVerdicts(e *Engine, a Args) (*doc.Output, error) {
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	var without, unjudged []*model.Set
	out, err := e.eachJudged(a, func(out *doc.Output, s *model.Set, js []claims.Judgement) {
		if s.Power(claims.ThesisPlatforms).Underpowered() {
			without = append(without, s) // one line each, below
			return
		}
		var langs, cols []string
		for _, j := range js {
			if j.Lang != "" && !slices.Contains(langs, j.Lang) {
				langs = append(langs, j.Lang)
			}
			if j.Wasm != "" && !slices.Contains(cols, j.Wasm) {
				cols = append(cols, j.Wasm)
			}
		}
		langs, cols = model.OrderLangs(langs), model.OrderPlatforms(cols)
		if len(langs) == 0 { // no claim is about what it measured (the network)
			unjudged = append(unjudged, s)
			return
		}
		if len(cols) == 0 {
			cols = []string{"every platform"}
		}
		for _, l := range langs {
			t := doc.Table{Title: fmt.Sprintf("%s · %s guests", s.Label, format.Lang(l)), Header: append([]string{"claim"}, cols...)}
			for _, c := range cs {
				row := []string{claimText(c)}
				for _, col := range cols {
					cell := "—"
					for _, j := range js {
						if j.Claim.ID == c.ID && (j.Lang == l || j.Lang == "") && (j.Wasm == col || j.Wasm == "") {
							cell = j.Verdict
							t.SetProv(len(t.Rows), len(row), judgementProv(s, j))
							break
						}
					}
					row = append(row, cell)
				}
				t.Rows = append(t.Rows, row)
			}
			if len(langs) > 0 && l == langs[len(langs)-1] {
				t.Notes = append(t.Notes, "Columns: the Wasm platform a claim is judged on; a claim that names no Wasm platform has the same verdict in every column. Sensitivity rows read the claim above them another way. Values and reasons: the claims table in the appendix.")
			}
			t.Notes = append(t.Notes, e.setNotes(s)...)
			out.Tables = append(out.Tables, t)
		}
	})
	if err != nil || len(without)+len(unjudged) == 0 {
		return out, err
	}
	t := doc.Table{Title: "Datasets without verdicts", Header: []string{"dataset", "repetitions", "needed", "verdicts"}, Right: []bool{false, true, true, false}}
	for _, s := range without {
		p := s.Power(claims.ThesisPlatforms)
		pa, _ := ParseArgs("power")
		pv := prov(Reproduce(s, pa), envRead(s, "profile.repetitions"))
		t.SetProv(len(t.Rows), 1, pv)
		t.SetProv(len(t.Rows), 2, pv)
		t.Rows = append(t.Rows, []string{s.Label, strconv.Itoa(p.Reps), strconv.Itoa(p.Need), claims.NoVerdict + ": underpowered"})
	}
	for _, s := range unjudged {
		t.Rows = append(t.Rows, []string{s.Label, "—", "—", claims.NoVerdict + ": it measured no experiment a claim is about (" + strings.Join(s.Experiments(), ", ") + ")"})
	}
	if len(without) > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("With fewer repetitions than needed, no pairwise test among %d platforms can reach p < %g; their values are in the claims table.", claims.ThesisPlatforms, e.Model.Opts.Alpha))
	}
	out.Tables = append(out.Tables, t)
	return out, nil
}

func runVerdictWords(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, w := range claims.Words {
		fmt.Fprintf(&b, "- **%s**: %s\n", w[0], w[1])
	}
	return &doc.Output{Text: strings.TrimSpace(b.String())}, nil
}

func runVerdictRules(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"claim", "thesis", "criterion", "why this criterion"}}
	for _, c := range cs {
		t.Rows = append(t.Rows, []string{claimText(c), c.Thesis, c.Criterion(), c.Basis})
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"cat " + e.Claims.Name}}, nil
}

func (e *Engine) claimByID(id string) (claims.Claim, error) {
	cs, err := e.readClaims()
	if err != nil {
		return claims.Claim{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return claims.Claim{}, fmt.Errorf("no claim with id %q in %s", id, e.Claims.Name)
}

// judged judges the claim id= names on the dataset an inline command
// reads.
func (e *Engine) judged(a Args, optional ...string) ([]claims.Judgement, *model.Set, error) {
	vals, err := need(a, []string{"id"}, optional...)
	if err != nil {
		return nil, nil, err
	}
	c, err := e.claimByID(vals[0])
	if err != nil {
		return nil, nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, nil, err
	}
	js, err := claims.Judge(c, s)
	return js, s, err
}

func runClaim(e *Engine, a Args) (*doc.Output, error) {
	js, s, err := e.judged(a, "lang", "platform")
	if err != nil {
		return nil, err
	}
	var match []claims.Judgement
	for _, j := range js {
		if (a.KV["lang"] == "" || j.Lang == a.KV["lang"]) && (a.KV["platform"] == "" || j.Wasm == a.KV["platform"]) {
			match = append(match, j)
		}
	}
	if len(match) != 1 {
		return nil, fmt.Errorf("claim id=%s: %d judgements match; narrow with lang= and platform=", a.KV["id"], len(match))
	}
	return &doc.Output{Text: verdictCell(match[0]), Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), judgementReads(s, match[0]))}, nil
}

// runVerdict summarizes a claim's judgements on the primary dataset:
// grouped by verdict, then by language, with each platform's value, e.g.
// "consistent with the data for C on wazero (2.04×); not reproduced for Go
// on wazero (4.73×)".
func runVerdict(e *Engine, a Args) (*doc.Output, error) {
	js, s, err := e.judged(a, "values")
	if err != nil {
		return nil, err
	}
	pv := prov(Reproduce(s, a))
	seen := map[string]bool{}
	for _, j := range js {
		if r := judgementReads(s, j); !seen[r.String()] {
			seen[r.String()] = true
			pv.Reads = append(pv.Reads, r)
		}
	}
	return &doc.Output{Text: claims.Summarize(js, a.KV["values"] != "no"), Commands: []string{Reproduce(s, a)}, Prov: pv}, nil
}
