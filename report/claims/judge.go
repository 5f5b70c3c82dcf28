package claims

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// Judgement is a claim judged on one dataset, for one language and one
// binding of its kinds to platforms (the Wasm platform it is judged on),
// under one version of its criterion (Claim.Criterion is the one judged).
type Judgement struct {
	Claim Claim
	Set   *model.Set
	Lang  string
	// Wasm is the Wasm platform the claim is judged on, "" when it names
	// no Wasm platform.
	Wasm string
	// Value is what we measured, in full; Short the headline number.
	Value, Short string
	// Direction and Size are the verdict's two axes (either may be empty:
	// see Words); Verdict is the two together, or not comparable or no
	// verdict.
	Direction, Size, Verdict string
	// Detail qualifies the verdict: the tests outside the band, an
	// interval reaching outside it, the step of an order that fails.
	Detail string
	// Reason says why a claim is not comparable or has no verdict.
	Reason string
	// Version is the registered version of the criterion judged (nil when
	// judged without a registry); PostHoc is true when that version was
	// registered after the dataset started. Main marks the judgements a
	// summary reports: those under the version in force when the dataset
	// started (or, for a claim registered after the data, the latest);
	// the other versions are sensitivity rows.
	Version *Version
	PostHoc bool
	Main    bool
}

// Column is the judgement's column in a verdict table.
func (j Judgement) Column() string {
	if j.Wasm == "" {
		return "every platform"
	}
	return j.Wasm
}

// Judged reports whether the judgement has a verdict on the two axes.
func (j Judgement) Judged() bool { return j.Verdict != NotComparable && j.Verdict != NoVerdict }

func (j *Judgement) verdict(direction, size, detail string) {
	j.Direction, j.Size, j.Detail = direction, size, detail
	j.Verdict = compose(direction, size)
}

func (j *Judgement) none(verdict, reason string) {
	j.Value, j.Short, j.Direction, j.Size, j.Detail = format.NotMeasured, format.NotMeasured, "", "", ""
	j.Verdict, j.Reason = verdict, reason
}

// JudgeRegistered judges a claim on a dataset under its registered
// criterion: the version in force when the dataset started, then, marked
// post hoc, every later version that compares something else. A claim
// registered only after the dataset started is judged under its latest
// version, marked post hoc. With no registry (reg nil) the claim's own
// criterion is judged, unmarked.
func JudgeRegistered(c Claim, reg *Registry, s *model.Set) ([]Judgement, error) {
	if reg == nil {
		return Judge(c, s)
	}
	vs := reg.Versions(c.ID)
	if len(vs) == 0 {
		return nil, fmt.Errorf("claim %s is not registered in %s", c.ID, reg.Name)
	}
	main, ok := reg.InForce(c.ID, s.Env.Started)
	if !ok {
		main = vs[len(vs)-1]
	}
	var out []Judgement
	add := func(v Version, postHoc, isMain bool) error {
		cv := c
		cv.Criterion = v.Criterion
		js, err := Judge(cv, s)
		if err != nil {
			return err
		}
		for i := range js {
			js[i].Version, js[i].PostHoc, js[i].Main = &v, postHoc, isMain
		}
		out = append(out, js...)
		return nil
	}
	if err := add(main, !ok, true); err != nil {
		return nil, err
	}
	seen := []Criterion{main.Criterion}
	for _, v := range vs[main.N:] {
		if slices.ContainsFunc(seen, v.Criterion.Equal) {
			continue
		}
		seen = append(seen, v.Criterion)
		if err := add(v, true, false); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Judge evaluates a claim's criterion on a dataset: one judgement per
// language and per Wasm platform the claim covers.
func Judge(c Claim, s *model.Set) ([]Judgement, error) {
	one := func(verdict, reason string) []Judgement {
		j := Judgement{Claim: c, Set: s, Lang: c.Lang, Main: true}
		j.none(verdict, reason)
		return []Judgement{j}
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
			j := Judgement{Claim: c, Set: s, Lang: l, Wasm: c.wasm(b), Main: true}
			if err := j.judge(b); err != nil {
				return nil, fmt.Errorf("claim %s: %w", c.ID, err)
			}
			if power.Underpowered() && j.Verdict != NotComparable {
				j.Direction, j.Size, j.Detail = "", "", ""
				j.Verdict, j.Reason = NoVerdict, "underpowered"
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

// wasm is the Wasm platform a binding judges: the one bound to the kind,
// or a Wasm platform the claim names itself.
func (c Claim) wasm(b map[string]string) string {
	if w := b[dataset.KindWasm]; w != "" {
		return w
	}
	for _, side := range append(strings.Split(c.A, "<"), c.B) {
		if p, _, _ := strings.Cut(side, ":"); p != "" && model.Kind(p) == dataset.KindWasm {
			return p
		}
	}
	return ""
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
	c := j.Claim
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
		return j.absolute(c.bind(c.A, b))
	case "significant":
		if c.A == "" {
			return j.differ()
		}
		return j.significant(c.bind(c.A, b), c.bind(c.B, b), b)
	}
	return fmt.Errorf("unknown kind %q", c.Kind)
}

// sign is the direction an interval shows: +1 wholly above one, -1 wholly
// below, 0 when it includes one.
func sign(iv model.Interval) int {
	switch {
	case iv.Lo > 1:
		return 1
	case iv.Hi < 1:
		return -1
	}
	return 0
}

// direction names the data's direction against the thesis's.
func direction(thesis, data int) string {
	switch {
	case data == 0:
		return NoDifference
	case thesis == 0:
		return Difference
	case data == thesis:
		return SameDirection
	}
	return Opposite
}

func (j *Judgement) geo(a, b model.Side, test string) (model.GeoMean, bool, error) {
	g, err := j.Set.GeoMean(query(j.Claim.Exp, a, b, test, j.Lang))
	if errors.Is(err, model.ErrNotMeasured) {
		j.none(NotComparable, fmt.Sprintf("%s or %s has no %s values", a.Platform, b.Platform, format.Lang(j.Lang)))
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

// in reports whether a ratio lies in the criterion's band (a one-sided
// band excludes its bound, a two-sided one includes its edges).
func (c Criterion) in(v float64) bool {
	return (math.IsNaN(c.Lo) || v > c.Lo || (v == c.Lo && !math.IsNaN(c.Hi))) && (math.IsNaN(c.Hi) || v < c.Hi || (v == c.Hi && !math.IsNaN(c.Lo)))
}

// size places an estimate against the band.
func (c Criterion) size(v float64) string {
	switch {
	case c.in(v):
		return Within
	case !math.IsNaN(c.Hi) && v >= c.Hi:
		return Larger
	}
	return Smaller
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
	dir := direction(c.thesisSign(), sign(iv))
	if dir == Opposite {
		j.verdict(dir, "", "")
		return nil
	}
	size := c.size(iv.Estimate)
	var outside []string
	for _, t := range g.Tests {
		if c.size(t.Ratio) != size {
			outside = append(outside, t.Test)
		}
	}
	detail := ""
	switch {
	case len(outside) > 0 && len(g.Tests) > 1:
		detail = fmt.Sprintf("%d of %d tests %s: %s", len(outside), len(g.Tests), outsideWords[size], strings.Join(outside, ", "))
	case size == Within && (!c.in(iv.Lo) || !c.in(iv.Hi)):
		detail = "the 95 % interval reaches outside the band"
	}
	j.verdict(dir, size, detail)
	return nil
}

// outsideWords says where the tests that disagree with a size verdict
// lie.
var outsideWords = map[string]string{Within: "outside the band", Larger: "not above the band", Smaller: "not below the band"}

func (j *Judgement) order(sides []model.Side) error {
	var meds []string
	dir, detail := SameDirection, ""
	for i, sd := range sides {
		med, err := j.Set.PooledMedian(j.Claim.Exp, j.Lang, sd)
		if errors.Is(err, model.ErrNotMeasured) {
			j.none(NotComparable, sd.Platform+" has no values")
			return nil
		}
		rel := ""
		if i > 0 {
			g, ok, err := j.geo(sd, sides[i-1], "")
			if !ok {
				return err
			}
			rel = " < "
			if g.Interval.Estimate < 1 {
				rel = " > "
			}
			step := fmt.Sprintf("%s/%s %s", sd.Platform, sides[i-1].Platform, format.Interval(g.Interval))
			switch sign(g.Interval) {
			case -1:
				if dir != Opposite {
					dir, detail = Opposite, step+": reversed"
				}
			case 0:
				if dir == SameDirection {
					dir, detail = NoDifference, step+": the interval includes 1"
				}
			}
		}
		meds = append(meds, rel+sd.Platform+" "+format.WithUnit(med, sd.Metric))
	}
	j.Value = strings.Join(meds, "")
	j.Short = j.Value
	j.verdict(dir, "", detail)
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
	case r.Interval.Lo > w.Interval.Hi:
		j.verdict(SameDirection, "", "")
	case r.Interval.Hi < w.Interval.Lo:
		j.verdict(Opposite, "", "")
	default:
		j.verdict(NoDifference, "", "")
	}
	return nil
}

func (j *Judgement) absolute(a model.Side) error {
	c, s := j.Claim, j.Set
	sum, err := s.Summary(model.Key{Exp: c.Exp, Test: c.Test, Lang: j.Lang, Platform: a.Platform, Metric: a.Metric})
	if err != nil {
		return err
	}
	if sum.Status != model.StatusOK {
		j.none(NotComparable, a.Platform+" "+sum.Status)
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
		j.verdict("", Within, "")
	case m.Estimate > c.Lo:
		j.verdict("", Within, "the 95 % interval reaches the bound")
	default:
		j.verdict("", Smaller, "")
	}
	return nil
}

// testVerdicts turns per-test directions into a claim's: same when every
// test agrees with the thesis, opposite when any goes the other way, no
// detectable difference otherwise, with the tests that differ named.
func (j *Judgement) testVerdicts(tests, same, other, short []string) {
	n := len(tests)
	j.Value = fmt.Sprintf("%d of %d %s", len(same), n, format.Plural(n, "test", "tests"))
	if len(other) > 0 {
		j.Value += fmt.Sprintf(" (%d the other way)", len(other))
	}
	j.Short = j.Value
	detail := ""
	dir := SameDirection
	switch {
	case len(other) > 0:
		dir = Opposite
		detail = "significant the other way in " + strings.Join(other, ", ")
	case len(same) < n:
		dir = NoDifference
		var not []string
		for _, t := range tests {
			if !slices.Contains(same, t) {
				not = append(not, t)
			}
		}
		detail = "not significant in " + strings.Join(not, ", ")
	}
	if len(short) > 0 {
		detail = strings.TrimPrefix(detail+"; ", "; ") + "not every test could be computed in full: " + strings.Join(short, "; ")
	}
	j.verdict(dir, "", detail)
}

// significant: in each test, a Friedman test over the thesis's three
// kinds of platform (the baseline, every container, the Wasm platform
// judged) and, when it rejects, the Holm-adjusted Wilcoxon signed-rank
// test of the pair; a must be the larger.
func (j *Judgement) significant(a, b model.Side, bind map[string]string) error {
	c, s := j.Claim, j.Set
	alpha := c.Lo
	family := ThesisFamily(s, c.Exp, j.Wasm)
	for _, p := range []string{a.Platform, b.Platform} {
		if !slices.Contains(family, p) {
			family = append(family, p)
		}
	}
	family = model.OrderPlatforms(family)
	var tests, with, against, short []string
	for _, t := range s.Tests(c.Exp) {
		_, f, err := s.Friedman(c.Exp, t, j.Lang, c.Metric, family)
		if err != nil {
			short = append(short, t+": "+strings.TrimPrefix(err.Error(), s.Label+" "))
			continue
		}
		tests = append(tests, t)
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
				with = append(with, t)
			} else {
				against = append(against, t)
			}
		}
	}
	if len(tests) == 0 {
		j.none(NotComparable, "no test could be computed: "+strings.Join(short, "; "))
		return nil
	}
	j.testVerdicts(tests, with, against, short)
	return nil
}

// differ: the platforms differ, the Friedman test over every platform the
// dataset measured in the experiment rejecting in every test.
func (j *Judgement) differ() error {
	c, s := j.Claim, j.Set
	var tests, sig, short []string
	for _, t := range s.Tests(c.Exp) {
		_, f, err := s.Friedman(c.Exp, t, j.Lang, c.Metric, s.Platforms(c.Exp))
		if err != nil {
			short = append(short, t+": "+strings.TrimPrefix(err.Error(), s.Label+" "))
			continue
		}
		tests = append(tests, t)
		if f.P < c.Lo {
			sig = append(sig, t)
		}
	}
	if len(tests) == 0 {
		j.none(NotComparable, "no test could be computed: "+strings.Join(short, "; "))
		return nil
	}
	j.testVerdicts(tests, sig, nil, short)
	return nil
}

// ThesisFamily is the thesis's comparison for one Wasm platform: native,
// every container platform of the experiment and that Wasm platform (the
// three platforms of the thesis's Friedman tests), in report order.
func ThesisFamily(s *model.Set, exp, wasm string) []string {
	family := []string{model.Baseline}
	family = append(family, s.PlatformsOfKind(exp, dataset.KindContainer)...)
	if wasm != "" {
		family = append(family, wasm)
	}
	return model.OrderPlatforms(family)
}
