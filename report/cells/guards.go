package cells

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/model"
)

// Guards make the paper fit the datasets it is given: a section, a
// sentence or a cell about something no dataset measured is left out,
// and the numbers of the sections, tables and figures that remain follow
// on without gaps.
//
//   - A heading holding {{ when COND }} (or {{ unless COND }}) is kept,
//     with its whole section (up to the next heading of the same or a
//     higher level), only if COND holds (or does not).
//   - In other prose, {{ when COND }} hides, unless COND holds, the text
//     from it to its {{ end }} in the same paragraph or list item, or to
//     the paragraph's end when there is none; guards nest. A paragraph or
//     list item left empty disappears.
//   - A cell with a "when: COND" line is shown only if COND holds.
//
// COND is the arguments of the when command: it holds when some dataset
// (of those data= selects; every one by default) measured the experiment
// exp= names (all of exp=cpu,startup; one of exp=cpu|memory), in the language lang= names, on every platform platform=
// names (a comma-separated list), on some platform of each kind kind=
// names (native, container, wasm; a comma-separated list), recording the
// metric metric= names (on every platform platform= names, or on some
// platform), with pi=yes (pi=no) on a Raspberry Pi (another machine), and
// with failed=yes (failed=no) with some invocation failed (none) there.
// judged=yes (judged=no) holds when some dataset has verdicts on the
// thesis's claims (none has: every one is underpowered or measured no
// experiment a claim is about). control=yes (control=no) holds when some
// launcher-control dataset (Inputs.Control) ran a launcher-based platform
// beside its control platform (none did); the other keys then do not
// apply.

// whenCommands are the conditions of the guards, printable with --cell.
func whenCommands() map[string]Command {
	every := func(a Args) []string {
		if _, ok := a.KV["control"]; ok {
			return []string{NeedControl}
		}
		return []string{NeedEvery}
	}
	usage := " [exp=E[,F…][|G…]] [platform=P[,Q…]] [kind=K[,K…]] [lang=L] [metric=M] [pi=yes|no] [failed=yes|no] [judged=yes|no] [data=…] | control=yes|no  (yes when some selected dataset measured that, or some launcher-control dataset has a launcher beside its control; the paper's guards)"
	return map[string]Command{
		"when":   {Usage: "when" + usage, Inline: true, Needs: every, Run: runWhen},
		"unless": {Usage: "unless" + usage, Inline: true, Needs: every, Run: runWhen},
	}
}

func runWhen(e *Engine, a Args) (*doc.Output, error) {
	ok, err := e.holds(a)
	if err != nil {
		return nil, err
	}
	if a.Verb == "unless" {
		ok = !ok
	}
	return &doc.Output{Text: map[bool]string{true: "yes", false: "no"}[ok]}, nil
}

// holds reports whether some dataset a selects measured what a names.
func (e *Engine) holds(a Args) (bool, error) {
	if v, ok := a.KV["control"]; ok {
		if len(a.keys) != 1 || (v != "yes" && v != "no") {
			return false, fmt.Errorf("%s: control=yes or control=no stands alone, got %s", a.Verb, a)
		}
		return (len(e.controlPairs()) > 0) == (v == "yes"), nil
	}
	if err := check(a, "exp", "platform", "kind", "lang", "metric", "pi", "failed", "judged"); err != nil {
		return false, err
	}
	if v := a.KV["judged"]; v != "" && (len(e.verdictSets()) > 0) != (v == "yes") {
		return false, nil
	}
	var sets []*model.Set
	if l := a.KV["data"]; strings.HasPrefix(l, dataWith) {
		// data=with:P selects nothing when no dataset ran P: the
		// condition is then false, not an error.
		for _, s := range e.Model.Sets {
			if slices.Contains(s.AllPlatforms(), strings.TrimPrefix(l, dataWith)) {
				sets = append(sets, s)
			}
		}
	} else if l == dataPrimary {
		sets = e.Model.Sets[:1]
	} else {
		var err error
		if sets, err = e.sets(a, false); err != nil {
			return false, err
		}
	}
	for _, s := range sets {
		if covers(s, a) {
			return true, nil
		}
	}
	return false, nil
}

// covers reports whether s measured what a condition names; exp= may
// name several experiments that must all be covered (cpu,startup) and
// alternatives of which one must be (cpu|memory).
func covers(s *model.Set, a Args) bool {
	for _, alt := range strings.Split(a.KV["exp"], "|") {
		all := true
		for _, exp := range strings.Split(alt, ",") {
			all = all && coversExp(s, strings.TrimSpace(exp), a)
		}
		if all {
			return true
		}
	}
	return false
}

func coversExp(s *model.Set, exp string, a Args) bool {
	langs, ps := s.AllLangs(), s.AllPlatforms()
	if exp != "" {
		if !s.Measured(exp) {
			return false
		}
		langs, ps = s.Langs(exp), s.Platforms(exp)
	}
	if l := a.KV["lang"]; l != "" && !slices.Contains(langs, l) {
		return false
	}
	if v := a.KV["platform"]; v != "" {
		for _, p := range strings.Split(v, ",") {
			if !slices.Contains(ps, strings.TrimSpace(p)) {
				return false
			}
		}
	}
	if v := a.KV["kind"]; v != "" {
		for _, k := range strings.Split(v, ",") {
			if len(s.PlatformsOfKind(exp, strings.TrimSpace(k))) == 0 {
				return false
			}
		}
	}
	if m := a.KV["metric"]; m != "" {
		on := ps
		if v := a.KV["platform"]; v != "" {
			on = strings.Split(v, ",")
		}
		has := func(p string) bool { return s.HasMetric(exp, strings.TrimSpace(p), m) }
		if a.KV["platform"] != "" && !all(on, has) || a.KV["platform"] == "" && !slices.ContainsFunc(on, has) {
			return false
		}
	}
	if v := a.KV["pi"]; v != "" && s.OnPi() != (v == "yes") {
		return false
	}
	if v := a.KV["failed"]; v != "" && failedOn(s, exp, a.KV["platform"]) != (v == "yes") {
		return false
	}
	return true
}

// all reports whether f holds for every element of v.
func all(v []string, f func(string) bool) bool {
	for _, x := range v {
		if !f(x) {
			return false
		}
	}
	return true
}

// failedOn reports whether an invocation of exp (of any experiment when
// exp is "") failed on one of the platforms (on any when platforms is "").
func failedOn(s *model.Set, exp, platforms string) bool {
	exps := s.Experiments()
	if exp != "" {
		exps = []string{exp}
	}
	for _, x := range exps {
		for _, f := range s.Failures(x) {
			if platforms == "" || slices.Contains(strings.Split(platforms, ","), f.Platform) {
				return true
			}
		}
	}
	return false
}

// cond evaluates a condition written as a guard: "when ARGS" or "unless
// ARGS".
func (e *Engine) cond(expr string) (bool, error) {
	a, err := ParseArgs(expr)
	if err != nil {
		return false, err
	}
	if a.Verb != "when" && a.Verb != "unless" {
		return false, fmt.Errorf("condition %q: expected when or unless", expr)
	}
	o, err := runWhen(e, a)
	if err != nil {
		return false, err
	}
	return o.Text == "yes", nil
}

var (
	guardRE = regexp.MustCompile(`\{\{\s*(when|unless|end)\b([^}]*)\}\}`)
	// secLabelRE is a heading's label, at its end: {#sec:NAME}.
	secLabelRE = regexp.MustCompile(`\s*\{#(sec:[a-z0-9][a-z0-9-]*)\}\s*$`)
)

// headingGuard removes the guards of a heading line and reports whether
// they all hold.
func (e *Engine) headingGuard(line string) (string, bool, error) {
	keep := true
	var firstErr error
	out := guardRE.ReplaceAllStringFunc(line, func(m string) string {
		sub := guardRE.FindStringSubmatch(m)
		if sub[1] == "end" {
			return ""
		}
		ok, err := e.cond(sub[1] + sub[2])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		keep = keep && ok
		return ""
	})
	return strings.TrimRight(strings.ReplaceAll(out, "  ", " "), " "), keep, firstErr
}

// spanGuards removes from a line of prose the text its false guards hide
// (see Guards) and the guards themselves. Guards nest: {{ end }} closes
// the innermost open one, and text is kept only when every guard around
// it holds.
func (e *Engine) spanGuards(line string) (string, error) {
	ms := guardRE.FindAllStringSubmatchIndex(line, -1)
	if ms == nil {
		return line, nil
	}
	var b strings.Builder
	var open []bool // the guards around the current text: whether each holds
	hiding := func() bool { return slices.Contains(open, false) }
	pos, trim := 0, false
	write := func(s string) {
		if trim {
			if b.Len() == 0 || strings.HasSuffix(b.String(), " ") {
				s = strings.TrimLeft(s, " ")
			}
			trim = false
		}
		b.WriteString(s)
	}
	for _, m := range ms {
		verb := line[m[2]:m[3]]
		if !hiding() {
			write(line[pos:m[0]])
		}
		pos = m[1]
		if verb == "end" {
			if len(open) == 0 {
				return "", fmt.Errorf("{{ end }} without a {{ when }} before it in the same paragraph")
			}
			open, trim = open[:len(open)-1], true
			continue
		}
		ok, err := e.cond(verb + line[m[4]:m[5]])
		if err != nil {
			return "", err
		}
		open, trim = append(open, ok), true
	}
	if !hiding() {
		write(line[pos:])
	}
	return strings.TrimRight(b.String(), " "), nil
}
