package cells

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// claimCommands judge the thesis's claims (claims.csv) on the datasets,
// each under the criterion registered before the dataset started
// (claims-registry.csv), and show the registry.
func claimCommands() map[string]Command {
	needs := func(Args) []string { return []string{NeedAll, NeedClaims} }
	every := func(Args) []string { return []string{NeedEvery, NeedClaims} }
	onlyClaims := func(Args) []string { return []string{NeedClaims} }
	return map[string]Command{
		"claims":        {Usage: "claims  (every claim judged per language and Wasm platform, with values, registration and verdicts)", Needs: needs, Run: runClaims},
		"verdicts":      {Usage: "verdicts  (a verdict table per dataset and language: claims × Wasm platforms)", Needs: needs, Run: runVerdicts},
		"verdict-rules": {Usage: "verdict-rules  (each claim's criterion, when it was registered, and the reason for its band)", Needs: onlyClaims, Run: runVerdictRules},
		"verdict-words": {Usage: "verdict-words  (what each verdict word means, by axis)", Needs: func(Args) []string { return nil }, Run: runVerdictWords},
		"claim":         {Usage: "claim id=ID [lang=L] [platform=P]  (one verdict on the primary dataset)", Inline: true, Needs: needs, Run: runClaim},
		"verdict":       {Usage: "verdict id=ID [values=no]  (a claim's verdicts on one dataset, grouped, as a phrase)", Inline: true, Needs: needs, Run: runVerdict},
		"headline":      {Usage: "headline id=ID [values=no] [posthoc=no]  (a claim's verdicts on every dataset with verdicts, every Wasm platform and language, and what is left out; posthoc=no points to the post hoc rows instead of listing them)", Inline: true, Needs: every, Run: runHeadline},
		"summary":       {Usage: "summary  (one table: every claim, the thesis's value, its registration and its verdicts per language over every dataset with verdicts)", Needs: every, Run: runSummary},
		"registry":      {Usage: "registry [brief=yes]  (every registered version of every claim's criterion: date, commit, change, reason)", Needs: onlyClaims, Run: runRegistry},
		"criteria":      {Usage: "criteria  (one table: each claim, the thesis's value, the criterion judged, when it was first registered, and per dataset with verdicts whether it predates the data)", Needs: every, Run: runCriteria},
		"registration":  {Usage: "registration  (per claim and dataset: was the criterion judged registered before the dataset started)", Needs: every, Run: runRegistration},
		"preregistered": {Usage: "preregistered  (a sentence: whether every criterion predates the data it judges, and what was revised when)", Inline: true, Needs: every, Run: runPreregistered},
	}
}

func (e *Engine) readClaims() ([]claims.Claim, error) {
	return claims.Parse(e.Claims.Name, e.Claims.Data)
}

// registry reads the registry; nil when the engine was given none (a
// claims table of a reader's own).
func (e *Engine) registry() (*claims.Registry, error) {
	if len(e.Registry.Data) == 0 {
		return nil, nil
	}
	return claims.ParseRegistry(e.Registry.Name, e.Registry.Data)
}

// judgements judges every claim on a dataset, under its registered
// criterion and every later one.
func (e *Engine) judgements(s *model.Set) ([]claims.Judgement, error) {
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	var out []claims.Judgement
	for _, c := range cs {
		js, err := claims.JudgeRegistered(c, reg, s)
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

// group is the judgements of one claim under one version of its
// criterion.
type group struct {
	js []claims.Judgement
}

func (g group) first() claims.Judgement { return g.js[0] }

// groups splits judgements into runs of one claim and version.
func groups(js []claims.Judgement) []group {
	var out []group
	for i, j := range js {
		if i > 0 && js[i-1].Claim.ID == j.Claim.ID && sameVersion(js[i-1], j) {
			out[len(out)-1].js = append(out[len(out)-1].js, j)
			continue
		}
		out = append(out, group{js: []claims.Judgement{j}})
	}
	return out
}

func sameVersion(a, b claims.Judgement) bool {
	if a.Version == nil || b.Version == nil {
		return a.Version == b.Version
	}
	return a.Version.N == b.Version.N
}

// registered says how a judgement's criterion relates to its dataset:
// "v2, 2026-11-25 19:28: before the data" or "…: post hoc".
func registered(j claims.Judgement) string {
	if j.Version == nil {
		return "not registered"
	}
	if j.PostHoc {
		return j.Version.Short() + ": post hoc"
	}
	return j.Version.Short() + ": before the data"
}

// label is how a verdict table names a group: the claim, or what a post
// hoc version changed against the version the dataset is judged under.
func label(g group, main *claims.Criterion) string {
	j := g.first()
	switch {
	case j.Version == nil:
		return claimText(j.Claim)
	case j.Main && j.PostHoc:
		return claimText(j.Claim) + " (post hoc: registered after the data)"
	case j.Main:
		return claimText(j.Claim)
	}
	change := "the same criterion"
	if main != nil {
		change = strings.Join(j.Claim.Criterion.Changes(*main), "; ")
	}
	return fmt.Sprintf("Post hoc (%s): %s", j.Version.Short(), change)
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
		t := doc.Table{Title: s.Label, Header: []string{"claim", "criterion", "registered", "lang", "platform", "ours", "verdict"}}
		var main *claims.Criterion
		for _, g := range groups(js) {
			if g.first().Main {
				c := g.first().Claim.Criterion
				main = &c
			}
			for i, j := range g.js {
				claim, crit, reg := label(g, main), j.Claim.Criterion.Text(), registered(j)
				if i > 0 {
					claim, crit, reg = "", "", "" // said on the group's first row
				}
				pv := judgementProv(s, j)
				t.SetProv(len(t.Rows), 5, pv)
				t.SetProv(len(t.Rows), 6, pv)
				t.Rows = append(t.Rows, []string{claim, crit, reg, j.Lang, j.Column(), j.Value, j.Cell()})
			}
		}
		t.Notes = append(t.Notes, "Ratios: geometric mean over tests of the ratio of medians [95 % bootstrap interval]; tests: the range of the per-test ratios. Registered: the version of the criterion judged and whether it was committed before the dataset started; post hoc rows judge a later version. Sensitivity rows read the claim above them another way.")
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
// claim (and per post hoc version) and a column per Wasm platform.
func runVerdicts(e *Engine, a Args) (*doc.Output, error) {
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
		gs := groups(js)
		for _, l := range langs {
			t := doc.Table{Title: fmt.Sprintf("%s · %s guests", s.Label, format.Lang(l)), Header: append([]string{"claim"}, cols...)}
			var main *claims.Criterion
			for _, g := range gs {
				if g.first().Main {
					c := g.first().Claim.Criterion
					main = &c
				}
				row := []string{label(g, main)}
				provs := map[int]*doc.Provenance{}
				any := false
				for _, col := range cols {
					cell := "—"
					for _, j := range g.js {
						if (j.Lang == l || j.Lang == "") && (j.Wasm == col || j.Wasm == "") {
							cell, any = j.Cell(), true
							provs[len(row)] = judgementProv(s, j)
							break
						}
					}
					row = append(row, cell)
				}
				if any || g.first().Main {
					for c := range len(row) {
						if p := provs[c]; p != nil {
							t.SetProv(len(t.Rows), c, p)
						}
					}
					t.Rows = append(t.Rows, row)
				}
			}
			if l == langs[len(langs)-1] {
				t.Notes = append(t.Notes, "Columns: the Wasm platform a claim is judged on; a claim that names no Wasm platform has the same verdict in every column. Each claim is judged under the criterion registered before the dataset started; a post hoc row judges a later version of it (what changed is named). Sensitivity rows read the claim above them another way. Values and reasons: the claims table in the appendix.")
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
	axis := ""
	for _, w := range claims.Words {
		if w.Axis != axis {
			axis = w.Axis
			fmt.Fprintf(&b, "\n*%s*:\n\n", strings.ToUpper(axis[:1])+axis[1:])
		}
		fmt.Fprintf(&b, "- **%s**: %s\n", w.Word, w.Meaning)
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
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"claim", "thesis", "criterion", "registered", "why this criterion"}}
	for _, c := range cs {
		r := "not registered"
		if reg != nil {
			if vs := reg.Versions(c.ID); len(vs) > 0 {
				r = vs[0].At.UTC().Format("2006-01-02 15:04")
				if n := revised(reg, vs); n > 0 {
					r += fmt.Sprintf("; criterion revised %d× (last %s)", n, lastRevision(reg, vs).At.UTC().Format("2006-01-02 15:04"))
				}
			}
		}
		t.Rows = append(t.Rows, []string{claimText(c), c.Thesis, c.Criterion.Text(), r, c.Basis})
	}
	cmds := []string{"cat " + e.Claims.Name}
	if reg != nil {
		cmds = append(cmds, "cat "+reg.Name)
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: cmds}, nil
}

// revised counts the versions that changed the criterion.
func revised(reg *claims.Registry, vs []claims.Version) int {
	n := 0
	for _, v := range vs[1:] {
		if reg.Change(v) != "criterion unchanged" {
			n++
		}
	}
	return n
}

// lastRevision is the latest version that changed the criterion (the
// first version when none did).
func lastRevision(reg *claims.Registry, vs []claims.Version) claims.Version {
	for i := len(vs) - 1; i > 0; i-- {
		if reg.Change(vs[i]) != "criterion unchanged" {
			return vs[i]
		}
	}
	return vs[0]
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

// judgeOne judges one claim on one dataset under its registered criterion.
func (e *Engine) judgeOne(c claims.Claim, s *model.Set) ([]claims.Judgement, error) {
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	return claims.JudgeRegistered(c, reg, s)
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
	js, err := e.judgeOne(c, s)
	return js, s, err
}

func mainOnly(js []claims.Judgement) (main, later []claims.Judgement) {
	for _, j := range js {
		if j.Main {
			main = append(main, j)
		} else {
			later = append(later, j)
		}
	}
	return main, later
}

func runClaim(e *Engine, a Args) (*doc.Output, error) {
	js, s, err := e.judged(a, "lang", "platform")
	if err != nil {
		return nil, err
	}
	js, _ = mainOnly(js)
	var match []claims.Judgement
	for _, j := range js {
		if (a.KV["lang"] == "" || j.Lang == a.KV["lang"]) && (a.KV["platform"] == "" || j.Wasm == a.KV["platform"]) {
			match = append(match, j)
		}
	}
	if len(match) != 1 {
		return nil, fmt.Errorf("claim id=%s: %d judgements match; narrow with lang= and platform=", a.KV["id"], len(match))
	}
	return &doc.Output{Text: match[0].Cell(), Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), judgementReads(s, match[0]))}, nil
}

// postHocPhrase summarizes the post hoc versions of a claim on a dataset:
// "post hoc, under its criterion of 2026-11-30 18:50 (…): …".
func postHocPhrase(later []claims.Judgement, main *claims.Criterion, values bool) string {
	var parts []string
	for _, g := range groups(later) {
		j := g.first()
		change := ""
		if main != nil {
			change = strings.Join(j.Claim.Criterion.Changes(*main), "; ")
		}
		parts = append(parts, fmt.Sprintf("post hoc, under its criterion of %s (%s): %s", j.Version.At.UTC().Format("2006-01-02 15:04"), change, claims.Summarize(g.js, values)))
	}
	return strings.Join(parts, "; ")
}

// phrase is a claim's verdicts on one dataset as a phrase: under the
// registered criterion, then each post hoc one.
func phrase(js []claims.Judgement, values bool) string {
	main, later := mainOnly(js)
	p := claims.Summarize(main, values)
	if len(main) > 0 && main[0].PostHoc {
		p += " (post hoc: the criterion was registered after the data)"
	}
	if len(later) > 0 {
		c := main[0].Claim.Criterion
		p += "; " + postHocPhrase(later, &c, values)
	}
	return p
}

// runVerdict summarizes a claim's judgements on one dataset: grouped by
// verdict, then by language, with each platform's value, then the post hoc
// versions of its criterion.
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
	return &doc.Output{Text: phrase(js, a.KV["values"] != "no"), Commands: []string{Reproduce(s, a)}, Prov: pv}, nil
}

// verdictSets are the datasets whose claims are judged: enough
// repetitions, and an experiment some claim is about.
func (e *Engine) verdictSets() []*model.Set {
	cs, _ := e.readClaims() // read and checked before any command runs
	var out []*model.Set
	for _, s := range e.Model.Sets {
		if s.Power(claims.ThesisPlatforms).Underpowered() {
			continue
		}
		if slices.ContainsFunc(cs, func(c claims.Claim) bool { return s.Measured(c.Exp) }) {
			out = append(out, s)
		}
	}
	return out
}

// runHeadline summarizes a claim over every dataset with verdicts: every
// Wasm platform and language judged, each dataset named when more than one
// has verdicts, and the Wasm platforms of the claim's experiment that no
// dataset with verdicts measured.
func runHeadline(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"id"}, "values", "posthoc", "brief")
	if err != nil {
		return nil, err
	}
	c, err := e.claimByID(vals[0])
	if err != nil {
		return nil, err
	}
	values, posthoc, brief := a.KV["values"] != "no", a.KV["posthoc"] != "no", a.KV["brief"] == "yes"
	type part struct {
		s  *model.Set
		js []claims.Judgement
	}
	var parts []part
	var judgedSets []*model.Set
	why := map[string]string{} // datasets with verdicts where the claim is not comparable
	for _, s := range e.verdictSets() {
		js, err := e.judgeOne(c, s)
		if err != nil {
			return nil, err
		}
		judged := slices.ContainsFunc(js, func(j claims.Judgement) bool { return j.Judged() })
		if judged {
			parts = append(parts, part{s, js})
			judgedSets = append(judgedSets, s)
		} else if len(js) > 0 {
			why[s.Label] = js[0].Verdict + ": " + js[0].Reason
		}
	}
	var out, revisedIn []string
	for _, p := range parts {
		js := p.js
		if !posthoc {
			main, later := mainOnly(js)
			js = main
			if len(later) > 0 {
				revisedIn = append(revisedIn, p.s.Label)
			}
		}
		text := phrase(js, values)
		if len(parts) > 1 {
			main, _ := mainOnly(p.js)
			crit := ""
			if len(main) > 0 && main[0].Version != nil && !main[0].Claim.Criterion.Equal(c.Criterion) {
				crit = fmt.Sprintf(", under its criterion of %s, %s", main[0].Version.At.UTC().Format("2006-01-02 15:04"), main[0].Claim.Criterion.Text())
				if brief {
					crit = fmt.Sprintf(" (its v%d criterion)", main[0].Version.N)
				}
			}
			text = fmt.Sprintf("in %s%s: %s", p.s.Label, crit, text)
		}
		out = append(out, text)
	}
	if len(out) == 0 {
		if len(e.verdictSets()) == 0 {
			out = append(out, claims.NoVerdict+" (no dataset has enough repetitions)")
		} else {
			out = append(out, claims.NotComparable+" in every dataset with verdicts")
		}
	}
	if len(revisedIn) > 0 {
		if brief {
			out = append(out, "criterion revised after "+format.List(revisedIn)+" started (post hoc verdicts in the claim map)")
		} else {
			out = append(out, "the criterion was revised after "+format.List(revisedIn)+" started; the claim map shows the verdicts under its current version, post hoc")
		}
	}
	if left := e.leftOut(c, judgedSets, why, brief); left != "" {
		out = append(out, left)
	}
	text := strings.Join(out, "; ")
	if brief {
		// How many tests lie outside the band, not which: the claim map
		// and the conclusions name them.
		text = testNamesRE.ReplaceAllString(text, "$1")
		text = intervalRE.ReplaceAllString(text, "")
	}
	return &doc.Output{Text: text}, nil
}

// intervalRE is a 95 % interval after an estimate: " [0.41, 0.42]".
var intervalRE = regexp.MustCompile(` \[[-0-9.,× ]+\]`)

// testNamesRE is the list of tests after "k of n tests …: ".
var testNamesRE = regexp.MustCompile(`(\d+ of \d+ tests[^:;()]*): [^;()]*`)

// leftOut names the Wasm platforms of a claim's experiment that no
// dataset with a verdict on the claim measured, each with the first other
// dataset that did and why it gave no verdict there.
func (e *Engine) leftOut(c claims.Claim, judged []*model.Set, why map[string]string, brief bool) string {
	covered := map[string]bool{}
	for _, s := range judged {
		for _, p := range s.PlatformsOfKind(c.Exp, dataset.KindWasm) {
			for _, l := range s.Langs(c.Exp) {
				covered[p+"/"+l] = true
			}
		}
	}
	var items []string
	for _, s := range e.ordered() {
		if slices.Contains(judged, s) || !s.Measured(c.Exp) {
			continue
		}
		var ps []string
		for _, p := range s.PlatformsOfKind(c.Exp, dataset.KindWasm) {
			for _, l := range s.Langs(c.Exp) {
				if !covered[p+"/"+l] && !slices.Contains(ps, p) {
					ps = append(ps, p)
				}
				covered[p+"/"+l] = true
			}
		}
		if len(ps) == 0 {
			continue
		}
		reason := why[s.Label]
		if s.Power(claims.ThesisPlatforms).Underpowered() {
			reason = claims.NoVerdict + ", underpowered"
		}
		if brief {
			// The reason's first words: "no verdict, underpowered",
			// "not comparable".
			r := format.Or(reason, claims.NoVerdict)
			if i := strings.Index(r, ":"); i > 0 {
				r = r[:i]
			}
			items = append(items, fmt.Sprintf("%s (only in %s: %s)", format.List(ps), s.Label, r))
			continue
		}
		items = append(items, fmt.Sprintf("%s, measured only in %s (%s)", format.List(ps), s.Label, format.Or(reason, claims.NoVerdict)))
	}
	if len(items) == 0 {
		return ""
	}
	return "not judged: " + strings.Join(items, "; ")
}

// runSummary is the one-table summary of every claim: a row per claim
// and version of its criterion judged (post hoc versions marked), a column
// per guest language holding the verdicts over every Wasm platform of
// every dataset with verdicts.
func runSummary(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	sets := e.verdictSets()
	type key struct {
		id      string
		n       int
		postHoc bool
	}
	var keys []key
	rows := map[key][]claims.Judgement{}
	var langs []string
	for _, s := range sets {
		js, err := e.judgements(s)
		if err != nil {
			return nil, err
		}
		for _, j := range js {
			k := key{id: j.Claim.ID, postHoc: j.PostHoc}
			if j.Version != nil {
				k.n = j.Version.N
			}
			if _, ok := rows[k]; !ok {
				keys = append(keys, k)
			}
			rows[k] = append(rows[k], j)
			if j.Lang != "" && !slices.Contains(langs, j.Lang) {
				langs = append(langs, j.Lang)
			}
		}
	}
	langs = model.OrderLangs(langs)
	order := map[string]int{}
	for i, c := range cs {
		order[c.ID] = i
	}
	slices.SortStableFunc(keys, func(x, y key) int {
		if d := order[x.id] - order[y.id]; d != 0 {
			return d
		}
		if x.postHoc != y.postHoc {
			if x.postHoc {
				return 1
			}
			return -1
		}
		return x.n - y.n
	})
	// A row where nothing could be judged is left out when the claim has
	// another row (a dataset without Docker, say, under one version).
	judgedRow := map[string]bool{}
	for _, k := range keys {
		if slices.ContainsFunc(rows[k], claims.Judgement.Judged) {
			judgedRow[k.id] = true
		}
	}
	keys = slices.DeleteFunc(keys, func(k key) bool {
		return judgedRow[k.id] && !slices.ContainsFunc(rows[k], claims.Judgement.Judged)
	})
	t := doc.Table{Header: []string{"claim", "thesis", "criterion judged", "registered"}}
	for _, l := range langs {
		t.Header = append(t.Header, format.Lang(l))
	}
	for i, k := range keys {
		js := rows[k]
		j := js[0]
		claim, thesis := claimText(j.Claim), j.Claim.Thesis
		if i > 0 && keys[i-1].id == k.id {
			claim, thesis = "", ""
		}
		reg := "not registered"
		if j.Version != nil {
			reg = j.Version.Short()
			if k.postHoc {
				reg += ": post hoc"
			} else {
				reg += ": before the data"
			}
		}
		row := []string{claim, thesis, j.Claim.Criterion.Text(), reg}
		labels := map[string]bool{}
		for _, x := range js {
			labels[x.Set.Label] = true
		}
		for _, l := range langs {
			row = append(row, summaryCell(js, l, len(labels) > 1))
		}
		t.Rows = append(t.Rows, row)
	}
	var names []string
	for _, s := range sets {
		names = append(names, s.Label)
	}
	if len(names) == 0 {
		t.Notes = append(t.Notes, "No dataset has verdicts: every dataset is underpowered.")
	} else {
		t.Notes = append(t.Notes, fmt.Sprintf("Verdicts over every Wasm platform of %s (the datasets with verdicts), on the two axes of Section 2.6; values: geometric mean ratio, or what the criterion compares. Registered: the version of the criterion judged and whether it was committed before the data; post hoc rows judge a later version.", format.List(names)))
	}
	out := &doc.Output{Tables: []doc.Table{t}}
	for _, s := range sets {
		out.Commands = append(out.Commands, Reproduce(s, Args{Verb: "claims", KV: map[string]string{}}))
	}
	return out, nil
}

// summaryCell lists the verdicts of one language: "verdict: platform
// (value; detail), …", naming the dataset when several contribute.
func summaryCell(js []claims.Judgement, lang string, named bool) string {
	var sel []claims.Judgement
	for _, j := range js {
		// A dataset that did not measure the claim's experiment has
		// nothing to say about it.
		if (j.Lang == lang || j.Lang == "") && j.Set.Measured(j.Claim.Exp) {
			sel = append(sel, j)
		}
	}
	var verdicts []string
	for _, j := range sel {
		if !slices.Contains(verdicts, j.Verdict) {
			verdicts = append(verdicts, j.Verdict)
		}
	}
	var parts []string
	for _, v := range verdicts {
		var items []string
		reason := ""
		for _, j := range sel {
			if j.Verdict != v {
				continue
			}
			if !j.Judged() {
				reason = j.Reason
				continue
			}
			notes := []string{j.Short}
			if j.Detail != "" {
				notes = append(notes, j.Detail)
			}
			item := strings.Join(notes, "; ")
			if j.Wasm != "" {
				item = j.Wasm + " (" + item + ")"
			}
			if named {
				item += " in " + j.Set.Label
			}
			items = append(items, item)
		}
		if reason != "" {
			parts = append(parts, v+": "+reason)
			continue
		}
		parts = append(parts, v+": "+strings.Join(items, ", "))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

// runRegistry lists every registered version of every claim's criterion.
// registryFile is the registry beside the paper.
const registryFile = "csv/claims-registry.csv"

func runRegistry(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a, "brief"); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	if reg == nil {
		return &doc.Output{Text: "No registry was given with " + e.Claims.Name + ": its criteria carry no registration date."}, nil
	}
	brief := a.KV["brief"] == "yes"
	t := doc.Table{Header: []string{"claim", "version", "committed (UTC)", "commit", "change", "why"}}
	if brief {
		t.Header = t.Header[:5]
	}
	first := map[string]string{} // a reason given before: where
	unchanged := 0
	for _, c := range cs {
		shown := 0
		for _, v := range reg.Versions(c.ID) {
			change := reg.Change(v)
			if brief && v.N > 1 && change == "criterion unchanged" {
				unchanged++
				continue
			}
			id := c.ID
			if shown > 0 {
				id = ""
			}
			shown++
			if v.N == 1 {
				change += ": " + v.Criterion.Text()
			}
			row := []string{id, "v" + strconv.Itoa(v.N), v.At.UTC().Format("2006-01-02 15:04:05"), short(v.Commit), change}
			if brief {
				row[2] = v.At.UTC().Format("2006-01-02 15:04")
				row[4] = clip(change, 80)
				t.Rows = append(t.Rows, row)
				continue
			}
			why := v.Reason
			if at, ok := first[why]; ok {
				why = "as for " + at
			} else {
				first[why] = fmt.Sprintf("%s v%d", c.ID, v.N)
			}
			t.Rows = append(t.Rows, append(row, why))
		}
	}
	note := fmt.Sprintf("%s, one row per version of a claim's criterion; the versions before it existed were reconstructed from git log -p --follow -- %s. A criterion changed in %s without a new version here fails the tests (report/claims).", reg.Name, e.Claims.Name, e.Claims.Name)
	out := &doc.Output{Commands: []string{"cat " + reg.Name, "git log -p --follow -- " + e.Claims.Name}}
	if brief {
		note = fmt.Sprintf("The versions that changed a criterion (%d that only reworded the verdicts left out), from %s. Every version with the reason for it: %s.", unchanged, reg.Name, linkFile(registryFile))
		out.Files = []doc.File{{Path: registryFile, Data: e.Registry.Data}}
	}
	t.Notes = append(t.Notes, note)
	out.Tables = []doc.Table{t}
	return out, nil
}

// standing is how a claim's registration stands against one dataset: the
// version in force when it started, and the later versions that compare
// something else (judged post hoc).
type standing struct {
	inForce claims.Version
	ok      bool
	later   []claims.Version
}

func standingOf(reg *claims.Registry, id string, start time.Time) standing {
	st := standing{}
	st.inForce, st.ok = reg.InForce(id, start)
	if !st.ok {
		return st
	}
	seen := []claims.Criterion{st.inForce.Criterion}
	for _, v := range reg.Versions(id)[st.inForce.N:] {
		if !slices.ContainsFunc(seen, v.Criterion.Equal) {
			seen = append(seen, v.Criterion)
			st.later = append(st.later, v)
		}
	}
	return st
}

func (st standing) cell() string {
	switch {
	case !st.ok:
		return "no: registered after the data started (post hoc)"
	case len(st.later) == 0:
		return "yes (" + st.inForce.Short() + ")"
	}
	var vs []string
	for _, v := range st.later {
		vs = append(vs, v.Short())
	}
	return fmt.Sprintf("yes for v%d; revised after the data started: %s (post hoc)", st.inForce.N, strings.Join(vs, "; "))
}

// runRegistration tells, per claim and dataset with verdicts, whether the
// criterion judged was registered before the dataset started.
func runRegistration(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	if reg == nil {
		return &doc.Output{Text: "No registry was given with " + e.Claims.Name + ": no criterion can be shown to predate the data."}, nil
	}
	sets := e.verdictSets()
	t := doc.Table{Header: []string{"claim", "first registered"}}
	for _, s := range sets {
		t.Header = append(t.Header, fmt.Sprintf("%s (started %s)", s.Label, s.Env.Started.UTC().Format("2006-01-02 15:04")))
	}
	for _, c := range cs {
		vs := reg.Versions(c.ID)
		row := []string{c.ID, vs[0].At.UTC().Format("2006-01-02 15:04")}
		for _, s := range sets {
			row = append(row, standingOf(reg, c.ID, s.Env.Started).cell())
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "Whether the criterion each dataset is judged under was committed before the dataset's run started (environment.json → started); versions that only reworded the verdicts are not revisions of the criterion.")
	return &doc.Output{Tables: []doc.Table{t}}, nil
}

// short is a claim's standing against one dataset in a few words: "v3
// before the data", "v1; v2–v3 post hoc", "post hoc".
func (st standing) short() string {
	switch {
	case !st.ok:
		return "post hoc"
	case len(st.later) == 0:
		return fmt.Sprintf("v%d, before the data", st.inForce.N)
	}
	later := fmt.Sprintf("v%d", st.later[0].N)
	if n := len(st.later); n > 1 {
		later += fmt.Sprintf("–v%d", st.later[n-1].N)
	}
	return fmt.Sprintf("v%d before; %s post hoc", st.inForce.N, later)
}

// runCriteria is the table of the claims and their criteria: what the
// thesis said, the criterion judged, when it was first registered and
// how often revised, and for each dataset with verdicts the version in
// force when it started and the later ones judged post hoc.
func runCriteria(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	sets := e.verdictSets()
	t := doc.Table{Header: []string{"claim", "the thesis", "criterion", "registered"}}
	if reg != nil {
		for _, s := range sets {
			t.Header = append(t.Header, s.Label)
		}
	}
	for _, c := range cs {
		r := "not registered"
		row := []string{c.ID, c.Thesis, c.Criterion.Text()}
		if reg != nil {
			if vs := reg.Versions(c.ID); len(vs) > 0 {
				r = vs[0].At.UTC().Format("2006-01-02")
				if n := revised(reg, vs); n > 0 {
					r += fmt.Sprintf("; revised %d×", n)
				}
			}
		}
		row = append(row, r)
		if reg != nil {
			for _, s := range sets {
				row = append(row, standingOf(reg, c.ID, s.Env.Started).short())
			}
		}
		t.Rows = append(t.Rows, row)
	}
	note := "Criterion: what the data must show, on the metric named; registered: the day the claim's first criterion was committed (report/claims-registry.csv) and how often it was revised."
	if reg != nil && len(sets) > 0 {
		var started []string
		for _, s := range sets {
			started = append(started, fmt.Sprintf("%s started %s", s.Label, s.Env.Started.UTC().Format("2006-01-02 15:04")))
		}
		note += fmt.Sprintf(" Per dataset: the version in force when it started (%s UTC), and the later versions judged post hoc.", strings.Join(started, ", "))
	}
	t.Notes = append(t.Notes, note)
	cmds := []string{"cat " + e.Claims.Name}
	if reg != nil {
		cmds = append(cmds, "cat "+reg.Name)
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: cmds}, nil
}

// runPreregistered says in one sentence whether every criterion judged
// predates its data, and what was revised when.
func runPreregistered(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	reg, err := e.registry()
	if err != nil {
		return nil, err
	}
	if reg == nil {
		return &doc.Output{Text: "no registry was given, so no criterion can be shown to predate the data"}, nil
	}
	sets := e.verdictSets()
	if len(sets) == 0 {
		return &doc.Output{Text: "no dataset has verdicts, so no criterion is judged"}, nil
	}
	var late []string
	revisedBefore := 0
	for _, s := range sets {
		var revisedAfter, registeredAfter []string
		for _, c := range cs {
			st := standingOf(reg, c.ID, s.Env.Started)
			switch {
			case !st.ok:
				registeredAfter = append(registeredAfter, c.ID)
			case len(st.later) > 0:
				revisedAfter = append(revisedAfter, c.ID)
			}
		}
		var p []string
		if len(revisedAfter) > 0 {
			p = append(p, fmt.Sprintf("the criteria of %d %s (%s) were revised after it started: it is judged under the criterion in force when it started, and each later one is shown beside it as post hoc", len(revisedAfter), format.Plural(len(revisedAfter), "claim", "claims"), strings.Join(revisedAfter, ", ")))
		}
		if len(registeredAfter) > 0 {
			p = append(p, fmt.Sprintf("%d %s (%s) %s registered only after it started and %s post hoc throughout", len(registeredAfter), format.Plural(len(registeredAfter), "claim", "claims"), strings.Join(registeredAfter, ", "), format.Plural(len(registeredAfter), "was", "were"), format.Plural(len(registeredAfter), "is", "are")))
		}
		if len(p) > 0 {
			late = append(late, fmt.Sprintf("for %s (started %s), %s", s.Label, s.Env.Started.UTC().Format("2006-01-02 15:04"), strings.Join(p, "; ")))
		}
	}
	for _, c := range cs {
		last := sets[len(sets)-1].Env.Started
		if st := standingOf(reg, c.ID, last); st.ok && revised(reg, reg.Versions(c.ID)[:st.inForce.N]) > 0 {
			revisedBefore++
		}
	}
	var b strings.Builder
	if len(late) == 0 {
		fmt.Fprintf(&b, "every criterion judged was committed before the run of the dataset it judges started")
	} else {
		fmt.Fprintf(&b, "not every criterion predates the data it judges: %s", strings.Join(late, "; "))
	}
	if revisedBefore > 0 {
		fmt.Fprintf(&b, ". %d of the %d criteria in force for %s had been revised before that dataset started, some after earlier data from this machine had been analysed: registered before these data, but not blind to the machine", revisedBefore, len(cs), sets[len(sets)-1].Label)
	}
	return &doc.Output{Text: b.String()}, nil
}
