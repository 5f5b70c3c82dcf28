package cells

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/figures"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// claimMapCommands: the one-page map of every verdict.
func claimMapCommands() map[string]Command {
	every := func(Args) []string { return []string{NeedEvery, NeedClaims} }
	return map[string]Command{
		"claim-map": {Usage: "claim-map  (every claim × guest language × Wasm platform of the datasets with verdicts, coloured by verdict; a figure, with every judgement of every dataset in csv/verdicts.csv)", Needs: every, Run: runClaimMap},
	}
}

// VerdictsFile is where the claim map writes every judgement of every
// dataset, relative to the paper.
const VerdictsFile = "figures/claim-map.csv"

var testsOutsideRE = regexp.MustCompile(`(\d+) of (\d+) tests`)

// mapDirection is the claim map's key of a judgement's direction.
func mapDirection(j claims.Judgement) string {
	switch {
	case j.Verdict == claims.NotComparable:
		return figures.MapNotComparable
	case j.Verdict == claims.NoVerdict:
		return figures.MapNoVerdict
	}
	switch j.Direction {
	case claims.SameDirection:
		return figures.MapSame
	case claims.Opposite:
		return figures.MapOpposite
	case claims.NoDifference:
		return figures.MapNoDifference
	case claims.Difference:
		return figures.MapDifference
	}
	return figures.MapSizeOnly
}

func mapSize(j claims.Judgement) string {
	return map[string]string{claims.Within: figures.MapWithin, claims.Larger: figures.MapLarger, claims.Smaller: figures.MapSmaller}[j.Size]
}

// mapCell is a judgement as a cell of the map: its estimate in a few
// characters and what qualifies it.
func mapCell(j claims.Judgement, postHocMark bool) figures.MapCell {
	c := figures.MapCell{Direction: mapDirection(j), Size: mapSize(j)}
	if !j.Judged() {
		return c
	}
	switch j.Claim.Kind {
	case "order":
		c.Value = map[string]string{claims.SameDirection: "holds", claims.Opposite: "reversed"}[j.Direction]
		if c.Value == "" {
			c.Value = "unclear"
		}
	case "significant":
		// "k of n tests": k significant the thesis's way.
		if f := strings.Fields(j.Short); len(f) >= 3 {
			c.Value, c.Second = f[0]+"/"+f[2], "tests sig."
		}
	case "penalty":
		// "read R×, write W×": the two ratios the claim compares.
		r, w, _ := strings.Cut(j.Short, ", ")
		c.Value, c.Second = strings.Replace(r, "read ", "r ", 1), strings.Replace(w, "write ", "w ", 1)
	default:
		c.Value = j.Short
	}
	if m := testsOutsideRE.FindStringSubmatch(j.Detail); m != nil && j.Claim.Kind == "ratio" {
		c.Mark = " " + m[1] + "/" + m[2]
	}
	if postHocMark && j.PostHoc {
		c.Mark += "†"
	}
	return c
}

// runClaimMap draws the claim map of the datasets with verdicts and writes
// every judgement of every dataset beside it.
func runClaimMap(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	cs, err := e.readClaims()
	if err != nil {
		return nil, err
	}
	sets := e.verdictSets()
	table := figures.Table{Header: []string{"dataset", "started", "claim", "of", "version", "registered", "post_hoc", "main", "lang", "platform",
		"value", "direction", "size", "verdict", "detail", "reason"}}
	judged := map[*model.Set][]claims.Judgement{}
	for _, s := range e.Model.Sets {
		js, err := e.judgements(s)
		if err != nil {
			return nil, err
		}
		judged[s] = js
		for _, j := range js {
			version, at := "", ""
			if j.Version != nil {
				version, at = "v"+strconv.Itoa(j.Version.N), j.Version.At.UTC().Format("2006-01-02 15:04")
			}
			table.Rows = append(table.Rows, []string{s.Label, s.Env.Started.UTC().Format("2006-01-02 15:04"), j.Claim.ID, j.Claim.Of, version, at,
				strconv.FormatBool(j.PostHoc), strconv.FormatBool(j.Main), j.Lang, j.Wasm, j.Value, j.Direction, j.Size, j.Verdict, j.Detail, j.Reason})
		}
	}
	var csvBuf bytes.Buffer
	if err := table.WriteCSV(&csvBuf); err != nil {
		return nil, err
	}
	files := []doc.File{{Path: VerdictsFile, Data: csvBuf.Bytes()}}
	if len(sets) == 0 {
		return &doc.Output{Text: "*No dataset has verdicts: every dataset is underpowered or measured no experiment a claim is about. Every judgement is in " + VerdictsFile + ".*", Files: files}, nil
	}
	m := figures.ClaimMap{Title: "Claim map: every claim of the thesis, per guest language and Wasm platform", Table: table,
		Legend: map[string]string{
			figures.MapSame: claims.SameDirection, figures.MapOpposite: claims.Opposite, figures.MapNoDifference: claims.NoDifference,
			figures.MapDifference: claims.Difference + " (parity)", figures.MapSizeOnly: "absolute time (size only)",
			figures.MapNotComparable: claims.NotComparable, figures.MapNoVerdict: claims.NoVerdict,
			figures.MapWithin: "in band", figures.MapLarger: "above", figures.MapSmaller: "below",
		}}
	// Columns: per dataset with verdicts and language, its Wasm platforms
	// judged (one column "—" when it has none: its Wasm claims are not
	// comparable and span the group).
	type col struct {
		s    *model.Set
		lang string
		ps   []string
	}
	var groups []col
	for _, s := range sets {
		var langs []string
		for _, j := range judged[s] {
			if j.Lang != "" && !slices.Contains(langs, j.Lang) {
				langs = append(langs, j.Lang)
			}
		}
		if len(langs) == 0 {
			langs = []string{""}
		}
		for _, l := range model.OrderLangs(langs) {
			var ps []string
			for _, j := range judged[s] {
				if j.Wasm != "" && (j.Lang == l || j.Lang == "") && !slices.Contains(ps, j.Wasm) {
					ps = append(ps, j.Wasm)
				}
			}
			ps = model.OrderPlatforms(ps)
			title := s.Label
			if l != "" {
				title += " · " + format.Lang(l)
			}
			if len(ps) == 0 {
				ps = []string{"—"}
			}
			groups = append(groups, col{s, l, ps})
			m.Groups = append(m.Groups, figures.MapGroup{Title: title, Platforms: ps})
		}
	}
	// cells fills a row from the judgements pick selects in each group.
	cells := func(pick func(s *model.Set) []claims.Judgement, mark bool) ([]figures.MapCell, bool) {
		var out []figures.MapCell
		any := false
		for _, g := range groups {
			var in []claims.Judgement
			for _, j := range pick(g.s) {
				if j.Lang == g.lang || j.Lang == "" {
					in = append(in, j)
				}
			}
			// A judgement naming no Wasm platform spans the group.
			if i := slices.IndexFunc(in, func(j claims.Judgement) bool { return j.Wasm == "" }); i >= 0 {
				c := mapCell(in[i], mark)
				c.Span = len(g.ps)
				out, any = append(out, c), true
				continue
			}
			for _, p := range g.ps {
				i := slices.IndexFunc(in, func(j claims.Judgement) bool { return j.Wasm == p })
				if i < 0 {
					out = append(out, figures.MapCell{Empty: true})
					continue
				}
				out, any = append(out, mapCell(in[i], mark)), true
			}
		}
		return out, any
	}
	for _, c := range cs {
		row, _ := cells(func(s *model.Set) []claims.Judgement {
			var out []claims.Judgement
			for _, j := range judged[s] {
				if j.Claim.ID == c.ID && j.Main {
					out = append(out, j)
				}
			}
			return out
		}, true)
		m.Rows = append(m.Rows, figures.MapRow{Label: c.ID, Cells: row})
		// A row per later version judged post hoc on some dataset.
		var versions []int
		for _, s := range sets {
			for _, j := range judged[s] {
				if j.Claim.ID == c.ID && !j.Main && j.Version != nil && !slices.Contains(versions, j.Version.N) {
					versions = append(versions, j.Version.N)
				}
			}
		}
		// The latest version judged post hoc: the criterion as it stands
		// (intermediate revisions are in the CSV and the registry).
		if len(versions) > 0 {
			v := slices.Max(versions)
			row, any := cells(func(s *model.Set) []claims.Judgement {
				var out []claims.Judgement
				for _, j := range judged[s] {
					if j.Claim.ID == c.ID && !j.Main && j.Version != nil && j.Version.N == v {
						out = append(out, j)
					}
				}
				return out
			}, false)
			if any {
				m.Rows = append(m.Rows, figures.MapRow{Label: fmt.Sprintf("v%d, post hoc", v), Sub: true, Cells: row})
			}
		}
	}
	var left []string
	for _, s := range e.Model.Sets {
		if slices.Contains(sets, s) {
			continue
		}
		why := "measured no experiment a claim is about"
		if p := s.Power(claims.ThesisPlatforms); p.Underpowered() {
			why = fmt.Sprintf("%d repetitions: %s, underpowered", p.Reps, claims.NoVerdict)
		}
		left = append(left, s.Label+" ("+why+")")
	}
	if len(left) > 0 {
		m.Notes = append(m.Notes, "Not shown: "+strings.Join(left, "; ")+".")
	}
	m.Notes = append(m.Notes, "Every judgement of every dataset, with its criterion's version, value and detail: "+VerdictsFile+".")
	f, err := figures.DrawClaimMap(m)
	if err != nil {
		return nil, err
	}
	o := figures.DefaultOptions()
	f.Widen(2*len(figures.Specs)+70, o.DPI) // a pixel width of its own (see Figure.Widen)
	var png bytes.Buffer
	if err := f.Render(&png, "png", o.DPI); err != nil {
		return nil, err
	}
	var reads []doc.Read
	for _, s := range sets {
		reads = append(reads, doc.Read{Dataset: s.Label, Env: "started"})
	}
	reads = append(reads, doc.Read{File: e.Claims.Name})
	return &doc.Output{
		Figures:  []doc.Figure{{Name: "claim-map.png", PNG: png.Bytes(), Alt: f.Title}},
		Files:    files,
		Commands: []string{ReproduceAll(e.Model.Sets, a) + "  # " + VerdictsFile},
		Prov:     prov(ReproduceAll(e.Model.Sets, a), reads...),
	}, nil
}
