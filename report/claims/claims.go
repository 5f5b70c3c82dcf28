package claims

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// Claim is one quantitative claim of the thesis (a row of claims.csv) with
// the rule that checks it against a dataset.
type Claim struct {
	ID string
	// Of is the claim this row is a sensitivity analysis of ("" for a
	// claim of the thesis itself): the same claim read another way.
	Of                       string
	RQ, Text, Thesis, Source string
	// Kind: ratio (geometric mean of ratios of medians A/B within
	// [Lo, Hi], an empty bound open), order (medians ordered as in A,
	// "x<y<z"), penalty (ratio A/B larger for fsio read than write),
	// absolute (median of A in Test above Lo), or significant (A and B
	// differ significantly, A the larger, in every test).
	Kind, Exp, Metric string
	// A and B name platforms, or kinds of platform (native, container,
	// wasm) that stand for every platform of that kind; ":metric" after
	// one reads that side on another metric.
	A, B, Test string
	// Lang restricts the claim to one guest language; empty judges each
	// language separately.
	Lang   string
	Lo, Hi float64 // NaN when open
	// Scope "pi" makes an absolute claim comparable only on a Raspberry Pi.
	Scope string
	// Basis says why the band is what it is; the paper prints it.
	Basis string
	Line  int
}

// Verdicts. Each is defined once, in Words, and the paper prints
// those definitions.
const (
	Reproduced    = "reproduced"
	Consistent    = "consistent with"
	NotReproduced = "not reproduced"
	NotComparable = "not comparable"
	NoVerdict     = "no verdict"
)

// Words defines the verdicts, each with what it means, in the order the
// paper lists them.
var Words = [][2]string{
	{Reproduced, "the data support the claim at its stated strength: the 95 % interval lies wholly inside the band (or beyond the bound), and every test the claim covers agrees on its own."},
	{Consistent, "the estimate satisfies the claim but the evidence falls short of it: the interval reaches outside the band, or some test disagrees. The data do not contradict the claim; they do not establish it either."},
	{NotReproduced, "the estimate contradicts the claim: it lies outside the band, on the wrong side of the bound, or a step of an order is reversed."},
	{NotComparable, "the dataset cannot test the claim: a platform or experiment it names was not measured, or it concerns absolute times on the thesis's Raspberry Pi and the dataset comes from another machine."},
	{NoVerdict, "the dataset is underpowered: with its repetitions no pairwise test among the thesis's three platforms could reach significance (see the protocol), so no claim is judged on it; its numbers are still shown."},
}

// ThesisPlatforms is the size of the thesis's comparison: native, Docker
// and one Wasm platform. A dataset's power, and so whether it gets
// verdicts, is judged for pairwise tests among that many platforms.
const ThesisPlatforms = 3

// Kinds of platform a claim may name for "every platform of this kind".
var kinds = []string{dataset.KindNative, dataset.KindContainer, dataset.KindWasm}

// Columns are the columns of a claims table, in order (its header).
var Columns = []string{"id", "of", "rq", "claim", "thesis", "source", "kind", "exp", "metric", "a", "b", "test", "lang", "lo", "hi", "scope", "basis"}

// Parse reads a claims table. name is the file it came from; every
// error names it, the line and what was expected.
func Parse(name string, b []byte) ([]Claim, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1 // the header is checked by name first
	csvErr := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d: %v (expected %d comma-separated columns: %s)", name, pe.Line, pe.Err, len(Columns), strings.Join(Columns, ","))
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	header, err := r.Read()
	if err == io.EOF || (err == nil && strings.Join(header, ",") != strings.Join(Columns, ",")) {
		return nil, fmt.Errorf("%s:1: header must be %s", name, strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, csvErr(err)
	}
	r.FieldsPerRecord = len(Columns)
	var out []Claim
	ids := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(err)
		}
		line, _ := r.FieldPos(0)
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
		}
		c := Claim{ID: rec[0], Of: rec[1], RQ: rec[2], Text: rec[3], Thesis: rec[4], Source: rec[5], Kind: rec[6], Exp: rec[7], Metric: rec[8],
			A: rec[9], B: rec[10], Test: rec[11], Lang: rec[12], Scope: rec[15], Basis: rec[16], Line: line}
		for j, p := range []*float64{&c.Lo, &c.Hi} {
			*p = math.NaN()
			if v := rec[13+j]; v != "" {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
					return nil, bad("column %s: %q is not a finite number", Columns[13+j], v)
				}
				*p = f
			}
		}
		if c.ID == "" || c.Exp == "" || c.Metric == "" {
			return nil, bad("id, exp and metric are required")
		}
		if prev, dup := ids[c.ID]; dup {
			return nil, bad("id %q already used on line %d", c.ID, prev)
		}
		ids[c.ID] = line
		if c.Of != "" {
			i := slices.IndexFunc(out, func(d Claim) bool { return d.ID == c.Of })
			switch {
			case i < 0:
				return nil, bad("of=%q: expected the id of a claim on an earlier line", c.Of)
			case out[i].Of != "":
				return nil, bad("of=%q: that claim is itself a sensitivity row; name the claim it reads", c.Of)
			}
		}
		if err := c.validate(); err != nil {
			return nil, bad("%v", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// validate checks a claim's rule.
func (c Claim) validate() error {
	lo, hi := !math.IsNaN(c.Lo), !math.IsNaN(c.Hi)
	sides := func() error {
		for _, s := range []string{c.A, c.B} {
			if err := tokenOK(s); err != nil {
				return err
			}
		}
		return nil
	}
	switch c.Kind {
	case "ratio":
		if !lo && !hi {
			return errors.New("a ratio claim needs lo, hi or both")
		}
		if lo && hi && c.Lo > c.Hi {
			return fmt.Errorf("lo %g above hi %g", c.Lo, c.Hi)
		}
		return sides()
	case "penalty":
		return sides()
	case "significant":
		if !lo || !(c.Lo > 0 && c.Lo < 1) {
			return errors.New("a significant claim needs lo, the significance level, in (0, 1)")
		}
		return sides()
	case "order":
		ps := strings.Split(c.A, "<")
		if len(ps) < 2 {
			return fmt.Errorf("a: %q: expected platforms in order, as x<y<z", c.A)
		}
		for _, p := range ps {
			if err := tokenOK(p); err != nil {
				return err
			}
		}
		return nil
	case "absolute":
		if c.Test == "" || !lo {
			return errors.New("an absolute claim needs test and lo")
		}
		return tokenOK(c.A)
	}
	return fmt.Errorf("column kind: %q: expected ratio, order, penalty, absolute or significant", c.Kind)
}

// tokenOK checks a side: "platform" or "kind", optionally ":metric".
func tokenOK(s string) error {
	p, m, hasM := strings.Cut(s, ":")
	if p == "" || strings.ContainsAny(p, " <,") || (hasM && (m == "" || strings.ContainsAny(m, " :<,"))) {
		return fmt.Errorf("platform %q: expected a platform or one of %s, optionally followed by :metric", s, strings.Join(kinds, ", "))
	}
	return nil
}

// Criterion describes the rule in words, with the metric and languages it
// is judged on.
func (c Claim) Criterion() string {
	return c.rule() + " (" + c.Metric + ")"
}

func (c Claim) rule() string {
	a, b := strings.ReplaceAll(c.A, ":", " "), strings.ReplaceAll(c.B, ":", " ")
	switch c.Kind {
	case "ratio":
		switch {
		case math.IsNaN(c.Hi):
			return fmt.Sprintf("%s/%s > %g", a, b, c.Lo)
		case math.IsNaN(c.Lo):
			return fmt.Sprintf("%s/%s < %g", a, b, c.Hi)
		}
		return fmt.Sprintf("%g ≤ %s/%s ≤ %g", c.Lo, a, b, c.Hi)
	case "order":
		return "medians " + strings.ReplaceAll(a, "<", " < ")
	case "penalty":
		return fmt.Sprintf("%s/%s: read > write", a, b)
	case "absolute":
		return fmt.Sprintf("median %s %s > %g %s", a, c.Test, c.Lo, format.Unit(c.Metric))
	}
	return fmt.Sprintf("%s > %s, p < %g in every test", a, b, c.Lo)
}

// Judgement is a claim judged on one dataset, for one language and one
// binding of its kinds to platforms (the Wasm platform it is judged on).
type Judgement struct {
	Claim Claim
	Set   *model.Set
	Lang  string
	// Wasm is the Wasm platform the claim is judged on, "" when it names
	// no Wasm platform.
	Wasm string
	// Value is what we measured, in full; Short the headline number.
	Value, Short string
	Verdict      string
	Reason       string // why, for anything but reproduced
}

// Column is the judgement's column in a verdict table.
func (j Judgement) Column() string {
	if j.Wasm == "" {
		return "every platform"
	}
	return j.Wasm
}

// Judge evaluates a claim on a dataset: one judgement per language and
// per Wasm platform the claim covers.
func Judge(c Claim, s *model.Set) ([]Judgement, error) {
	one := func(verdict, reason string) []Judgement {
		return []Judgement{{Claim: c, Set: s, Lang: c.Lang, Value: format.NotMeasured, Short: format.NotMeasured, Verdict: verdict, Reason: reason}}
	}
	if !s.Measured(c.Exp) {
		return one(NotComparable, c.Exp+" not measured"), nil
	}
	langs := s.Langs(c.Exp)
	if c.Lang != "" {
		if !slices.Contains(langs, c.Lang) {
			return one(NotComparable, format.Lang(c.Lang)+" guests not measured"), nil
		}
		langs = []string{c.Lang}
	}
	bindings, missing := c.bindings(s)
	if missing != "" {
		return one(NotComparable, missing), nil
	}
	power := s.Power(ThesisPlatforms)
	var out []Judgement
	for _, l := range langs {
		for _, b := range bindings {
			j := Judgement{Claim: c, Set: s, Lang: l, Wasm: b[dataset.KindWasm]}
			if err := j.judge(b); err != nil {
				return nil, err
			}
			if power.Underpowered() && j.Verdict != NotComparable {
				j.Verdict = NoVerdict
				j.Reason = "underpowered"
			}
			out = append(out, j)
		}
	}
	return out, nil
}

// bindings expands the kinds a claim names into platforms of the dataset:
// every combination, e.g. one binding per Wasm platform. missing says
// which named platform or kind the dataset lacks.
func (c Claim) bindings(s *model.Set) ([]map[string]string, string) {
	var tokens []string
	for _, side := range append(strings.Split(c.A, "<"), c.B) {
		p, _, _ := strings.Cut(side, ":")
		if p != "" && !slices.Contains(tokens, p) {
			tokens = append(tokens, p)
		}
	}
	out := []map[string]string{{}}
	for _, t := range tokens {
		var ps []string
		if slices.Contains(kinds, t) {
			ps = s.PlatformsOfKind(c.Exp, t)
			if len(ps) == 0 {
				return nil, "no " + t + " platform measured in " + c.Exp
			}
		} else {
			if !slices.Contains(s.Platforms(c.Exp), t) {
				return nil, t + " " + c.Exp + " not measured"
			}
			ps = []string{t}
		}
		var next []map[string]string
		for _, b := range out {
			for _, p := range ps {
				nb := map[string]string{}
				for k, v := range b {
					nb[k] = v
				}
				nb[t] = p
				next = append(next, nb)
			}
		}
		out = next
	}
	return out, ""
}

// bind resolves a side under a binding: platform and metric.
func (c Claim) bind(side string, b map[string]string) model.Side {
	p, m, ok := strings.Cut(side, ":")
	if v, found := b[p]; found {
		p = v
	}
	if !ok {
		m = c.Metric
	}
	return model.Side{Platform: p, Metric: m}
}

func (j *Judgement) judge(b map[string]string) error {
	c, s := j.Claim, j.Set
	switch c.Kind {
	case "ratio":
		return j.ratio(c.bind(c.A, b), c.bind(c.B, b))
	case "order":
		var sides []model.Side
		for _, p := range strings.Split(c.A, "<") {
			sides = append(sides, c.bind(p, b))
		}
		return j.order(sides)
	case "penalty":
		return j.penalty(c.bind(c.A, b), c.bind(c.B, b))
	case "absolute":
		a := c.bind(c.A, b)
		sum, err := s.Summary(model.Key{Exp: c.Exp, Test: c.Test, Lang: j.Lang, Platform: a.Platform, Metric: a.Metric})
		if err != nil {
			return err
		}
		if sum.Status != model.StatusOK {
			j.Value, j.Short, j.Verdict, j.Reason = format.NotMeasured, format.NotMeasured, NotComparable, a.Platform+" "+sum.Status
			return nil
		}
		m := sum.Median
		j.Short = format.WithUnit(m.Estimate, a.Metric)
		j.Value = fmt.Sprintf("%s [%s, %s]", j.Short, format.Num(m.Lo), format.Num(m.Hi))
		switch {
		case c.Scope == "pi" && !s.OnPi():
			j.Verdict = NotComparable
			j.Reason = fmt.Sprintf("an absolute time on the thesis's Raspberry Pi 3 B+; %s ran on %s (%s)", s.Label, format.Or(s.Env.Host.DeviceModel, s.Env.Host.CPUModel), s.Env.Host.Arch)
		case m.Lo > c.Lo:
			j.Verdict = Reproduced
		case m.Estimate > c.Lo:
			j.Verdict, j.Reason = Consistent, "the interval reaches the bound"
		default:
			j.Verdict, j.Reason = NotReproduced, "the median is below the bound"
		}
		return nil
	case "significant":
		return j.significant(c.bind(c.A, b), c.bind(c.B, b), b)
	}
	return fmt.Errorf("claim %s: unknown kind %q", c.ID, c.Kind)
}

func (j *Judgement) geo(a, b model.Side, test string) (model.GeoMean, bool, error) {
	g, err := j.Set.GeoMean(query(j.Claim.Exp, a, b, test, j.Lang))
	if errors.Is(err, model.ErrNotMeasured) {
		j.Value, j.Short, j.Verdict, j.Reason = format.NotMeasured, format.NotMeasured, NotComparable, fmt.Sprintf("%s or %s has no %s values", a.Platform, b.Platform, j.Lang)
		return g, false, nil
	}
	return g, err == nil, err
}

// query is the model query of a ratio: a over b in exp, narrowed to one
// test and language when given.
func query(exp string, a, b model.Side, test, lang string) model.Query {
	q := model.Query{Exp: exp, A: a, B: b}
	if test != "" {
		q.Tests = []string{test}
	}
	if lang != "" {
		q.Langs = []string{lang}
	}
	return q
}

func (j *Judgement) ratio(a, b model.Side) error {
	c := j.Claim
	g, ok, err := j.geo(a, b, c.Test)
	if !ok {
		return err
	}
	iv := g.Interval
	j.Short = format.Ratio(iv.Estimate)
	j.Value = format.Interval(iv)
	lo, hi := g.Range()
	if len(g.Tests) > 1 {
		j.Value += fmt.Sprintf("; tests %s–%s", strings.TrimSuffix(format.Ratio(lo), "×"), format.Ratio(hi))
	}
	in := func(v float64) bool {
		return (math.IsNaN(c.Lo) || v > c.Lo || (v == c.Lo && !math.IsNaN(c.Hi))) && (math.IsNaN(c.Hi) || v < c.Hi || (v == c.Hi && !math.IsNaN(c.Lo)))
	}
	var outside []string
	for _, t := range g.Tests {
		if !in(t.Ratio) {
			outside = append(outside, t.Test)
		}
	}
	switch {
	case !in(iv.Estimate):
		j.Verdict, j.Reason = NotReproduced, "the estimate lies outside "+c.band()
	case !in(iv.Lo) || !in(iv.Hi):
		j.Verdict, j.Reason = Consistent, "the 95 % interval reaches outside "+c.band()
	case len(outside) > 0:
		j.Verdict, j.Reason = Consistent, fmt.Sprintf("%d of %d tests lie outside %s (%s)", len(outside), len(g.Tests), c.band(), strings.Join(outside, ", "))
	default:
		j.Verdict = Reproduced
	}
	return nil
}

// band is the claim's acceptance region in words.
func (c Claim) band() string {
	switch {
	case math.IsNaN(c.Hi):
		return fmt.Sprintf("the bound %g×", c.Lo)
	case math.IsNaN(c.Lo):
		return fmt.Sprintf("the bound %g×", c.Hi)
	}
	return fmt.Sprintf("the band %g–%g×", c.Lo, c.Hi)
}

func (j *Judgement) order(sides []model.Side) error {
	var meds []string
	j.Verdict = Reproduced
	for i, sd := range sides {
		med, err := j.Set.PooledMedian(j.Claim.Exp, j.Lang, sd)
		if errors.Is(err, model.ErrNotMeasured) {
			j.Value, j.Short, j.Verdict, j.Reason = format.NotMeasured, format.NotMeasured, NotComparable, sd.Platform+" has no values"
			return nil
		}
		rel := ""
		if i > 0 {
			g, ok, err := j.geo(sd, sides[i-1], "")
			if !ok {
				return err
			}
			rel = " < "
			switch {
			case !(g.Interval.Estimate > 1):
				rel = " > "
				j.Verdict, j.Reason = NotReproduced, fmt.Sprintf("%s uses more than %s (%s)", sides[i-1].Platform, sd.Platform, format.Ratio(1/g.Interval.Estimate))
			case !(g.Interval.Lo > 1) && j.Verdict == Reproduced:
				j.Verdict, j.Reason = Consistent, fmt.Sprintf("the interval of %s/%s reaches 1", sd.Platform, sides[i-1].Platform)
			}
		}
		meds = append(meds, rel+sd.Platform+" "+format.WithUnit(med, sd.Metric))
	}
	j.Value = strings.Join(meds, "")
	j.Short = j.Value
	return nil
}

func (j *Judgement) penalty(a, b model.Side) error {
	r, ok, err := j.geo(a, b, "read")
	if !ok {
		return err
	}
	w, ok, err := j.geo(a, b, "write")
	if !ok {
		return err
	}
	j.Value = fmt.Sprintf("read %s, write %s", format.Interval(r.Interval), format.Interval(w.Interval))
	j.Short = fmt.Sprintf("read %s, write %s", format.Ratio(r.Interval.Estimate), format.Ratio(w.Interval.Estimate))
	switch {
	case !(r.Interval.Estimate > w.Interval.Estimate):
		j.Verdict, j.Reason = NotReproduced, "the read ratio is not above the write ratio"
	case !(r.Interval.Lo > w.Interval.Hi):
		j.Verdict, j.Reason = Consistent, "the two intervals overlap"
	default:
		j.Verdict = Reproduced
	}
	return nil
}

// significant: in each test, a Friedman test over the thesis's three
// kinds of platform (the baseline, every container, the Wasm platform
// judged) and, when it rejects, the Holm-adjusted Wilcoxon signed-rank
// test of the pair; a must be the larger.
func (j *Judgement) significant(a, b model.Side, bind map[string]string) error {
	c, s := j.Claim, j.Set
	alpha := c.Lo
	family := []string{model.Baseline}
	family = append(family, s.PlatformsOfKind(c.Exp, dataset.KindContainer)...)
	if w := bind[dataset.KindWasm]; w != "" {
		family = append(family, w)
	}
	for _, p := range []string{a.Platform, b.Platform} {
		if !slices.Contains(family, p) {
			family = append(family, p)
		}
	}
	family = model.OrderPlatforms(family)
	n, with, against := 0, 0, 0
	var short []string
	for _, t := range s.Tests(c.Exp) {
		_, f, err := s.Friedman(c.Exp, t, j.Lang, c.Metric, family)
		if err != nil {
			short = append(short, t+": "+strings.TrimPrefix(err.Error(), s.Label+" "))
			continue
		}
		n++
		if f.N < model.MinReps(s.Options().Alpha, len(family)*(len(family)-1)/2) {
			short = append(short, fmt.Sprintf("%s: %d complete repetitions", t, f.N))
		}
		if !(f.P < alpha) {
			continue
		}
		pairs, err := s.Posthoc(c.Exp, t, j.Lang, c.Metric, family, model.PosthocWilcoxon)
		if err != nil {
			return err
		}
		for _, p := range pairs {
			if !((p.A == a.Platform && p.B == b.Platform) || (p.A == b.Platform && p.B == a.Platform)) || !(p.PAdjusted < alpha) {
				continue
			}
			ma := s.Median(model.Key{Exp: c.Exp, Test: t, Lang: j.Lang, Platform: a.Platform, Metric: c.Metric})
			mb := s.Median(model.Key{Exp: c.Exp, Test: t, Lang: j.Lang, Platform: b.Platform, Metric: c.Metric})
			if ma > mb {
				with++
			} else {
				against++
			}
		}
	}
	if n == 0 {
		j.Value, j.Short, j.Verdict, j.Reason = format.NotMeasured, format.NotMeasured, NotComparable, "no test could be computed: "+strings.Join(short, "; ")
		return nil
	}
	j.Value = fmt.Sprintf("%d of %d %s", with, n, format.Plural(n, "test", "tests"))
	if against > 0 {
		j.Value += fmt.Sprintf(" (%d the other way)", against)
	}
	j.Short = j.Value
	switch {
	case against > 0 || with == 0:
		j.Verdict, j.Reason = NotReproduced, fmt.Sprintf("%s is not significantly the larger in any test", a.Platform)
		if against > 0 {
			j.Reason = fmt.Sprintf("%s is significantly the smaller in %d %s", a.Platform, against, format.Plural(against, "test", "tests"))
		}
	case with < n:
		j.Verdict, j.Reason = Consistent, fmt.Sprintf("significant in %d of %d %s", with, n, format.Plural(n, "test", "tests"))
	default:
		j.Verdict = Reproduced
	}
	if len(short) > 0 && j.Verdict != NotReproduced {
		j.Reason = strings.TrimPrefix(j.Reason+"; ", "; ") + "not every test could be computed in full: " + strings.Join(short, "; ")
	}
	return nil
}

// phrase is how a verdict reads in a sentence.
func phrase(verdict string) string {
	if verdict == Consistent {
		return "consistent with the data"
	}
	return verdict
}

// Summarize puts a claim's judgements on one dataset into a phrase:
// grouped by verdict (in the order of Words), then by language, with each
// Wasm platform's value unless values is false, e.g. "consistent with the
// data for C on wazero (2.04×); not reproduced for Go on wazero (4.73×)".
// Not comparable and no verdict carry their reason instead of values.
func Summarize(js []Judgement, values bool) string {
	var parts []string
	for _, w := range Words {
		v := w[0]
		quiet := v == NotComparable || v == NoVerdict // no values, one reason
		bare := quiet || !values
		var langs []string
		items := map[string][]string{}
		onPlatforms := map[string]bool{}
		reason := ""
		for _, j := range js {
			if j.Verdict != v {
				continue
			}
			if !slices.Contains(langs, j.Lang) {
				langs = append(langs, j.Lang)
			}
			onPlatforms[j.Lang] = onPlatforms[j.Lang] || j.Wasm != ""
			switch {
			case bare:
				if quiet {
					reason = j.Reason
				}
				if j.Wasm != "" {
					items[j.Lang] = append(items[j.Lang], j.Wasm)
				}
			case j.Wasm != "":
				items[j.Lang] = append(items[j.Lang], j.Wasm+" ("+j.Short+")")
			default:
				items[j.Lang] = append(items[j.Lang], j.Short)
			}
		}
		if len(langs) == 0 {
			continue
		}
		var groups []string
		for _, l := range langs {
			g := "for " + format.Lang(l)
			if l == "" {
				g = "for every language"
			}
			ws := items[l]
			switch {
			case len(ws) == 0:
			case onPlatforms[l]:
				g += " on " + format.List(ws)
			default:
				g += " (" + strings.Join(ws, ", ") + ")"
			}
			groups = append(groups, g)
		}
		p := phrase(v) + " " + format.List(groups)
		if reason != "" {
			p += " (" + reason + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}
