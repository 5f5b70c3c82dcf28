package claims

import (
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/report/format"
)

// The verdict words. A verdict reads on two axes, each word with one
// meaning, defined once in Words and printed by the paper: the direction
// of the difference against the thesis's, and its size against the
// thesis's band. Not comparable and no verdict stand alone.
const (
	// Direction.
	SameDirection = "same direction"
	Opposite      = "opposite direction"
	NoDifference  = "no detectable difference"
	Difference    = "detectable difference"
	// Size.
	Within  = "within the band"
	Larger  = "larger than the band"
	Smaller = "smaller than the band"
	// No judgement.
	NotComparable = "not comparable"
	NoVerdict     = "no verdict"
)

// Axes of the vocabulary, in the order the paper lists them.
const (
	AxisDirection = "direction"
	AxisSize      = "size"
	AxisNone      = "no judgement"
)

// Word is one verdict word with its axis and meaning.
type Word struct {
	Axis, Word, Meaning string
}

// Words defines the verdict words, in the order the paper lists them.
var Words = []Word{
	{AxisDirection, SameDirection, "the data show the difference the thesis found, the way it found it: the 95 % interval of the comparison lies wholly on the thesis's side of equality (for an order, every step; for a significance claim, significant that way in every test)."},
	{AxisDirection, Opposite, "the data show a difference the other way: the interval lies wholly on the other side of equality (for an order, some step is reversed; for a significance claim, significant the other way in some test)."},
	{AxisDirection, NoDifference, "the interval includes equality, so the data cannot tell which side is larger (for an order, some step; for a significance claim, not significant in some test and the other way in none). For a claim of parity, such as Docker ≈ native, this is what the thesis found."},
	{AxisDirection, Difference, "only for a claim of parity: the interval excludes equality, a difference the thesis did not report; its size says whether it stays within the thesis's band."},
	{AxisSize, Within, "the estimate lies inside the band the thesis's number rounds to (for a bound, on its far side). When the 95 % interval reaches outside the band, or some tests lie outside it, the verdict says so and names them."},
	{AxisSize, Larger, "the estimate lies above the band: a larger effect than the thesis reported."},
	{AxisSize, Smaller, "the estimate lies below the band: a smaller effect than the thesis reported (for a bound, short of it)."},
	{AxisNone, NotComparable, "the dataset cannot test the claim: a platform or experiment it names was not measured, or it concerns absolute times on the thesis's Raspberry Pi and the dataset comes from another machine."},
	{AxisNone, NoVerdict, "the dataset is underpowered: with its repetitions no pairwise test among the thesis's three platforms could reach significance (see the protocol), so no claim is judged on it; its numbers are still shown."},
}

// A claim without a band (an order, a penalty, a significance claim) has
// a direction only; an absolute time has a size only; the size of an
// effect in the opposite direction is not compared with the band.

// rank orders verdicts as Words lists their words: by the first word,
// then by the second.
func rank(verdict string) int {
	idx := func(w string) int {
		return slices.IndexFunc(Words, func(x Word) bool { return x.Word == w }) + 1
	}
	first, second, _ := strings.Cut(verdict, ", ")
	return idx(first)*(len(Words)+1) + idx(second)
}

// compose is the verdict of a direction and a size (either may be empty).
func compose(direction, size string) string {
	var parts []string
	for _, p := range []string{direction, size} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Cell is a judgement as a table cell: the verdict and what qualifies it
// (tests outside the band, the reason there is no verdict).
func (j Judgement) Cell() string {
	switch {
	case j.Reason != "":
		return j.Verdict + ": " + j.Reason
	case j.Detail != "":
		return j.Verdict + "; " + j.Detail
	}
	return j.Verdict
}

// Summarize puts a claim's judgements on one dataset into a phrase:
// grouped by verdict (in the order of Words), then by language, with each
// Wasm platform's value unless values is false and what qualifies it
// always, e.g. "same direction, within the band for C on wazero (2.04×;
// 4 of 8 tests outside the band: aes, …); same direction, larger than the
// band for Go on wazero (4.73×)". Not comparable and no verdict carry
// their reason instead of values.
func Summarize(js []Judgement, values bool) string {
	var verdicts []string
	for _, j := range js {
		if !slices.Contains(verdicts, j.Verdict) {
			verdicts = append(verdicts, j.Verdict)
		}
	}
	slices.SortStableFunc(verdicts, func(a, b string) int { return rank(a) - rank(b) })
	var parts []string
	for _, v := range verdicts {
		quiet := v == NotComparable || v == NoVerdict // no values, one reason
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
			var notes []string
			if values && !quiet && j.Short != "" {
				notes = append(notes, j.Short)
			}
			if !quiet && j.Detail != "" {
				notes = append(notes, j.Detail)
			}
			if quiet {
				reason = j.Reason
			}
			item := strings.Join(notes, "; ")
			switch {
			case j.Wasm != "" && item != "":
				item = j.Wasm + " (" + item + ")"
			case j.Wasm != "":
				item = j.Wasm
			}
			if item != "" {
				items[j.Lang] = append(items[j.Lang], item)
			}
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
				g += " (" + strings.Join(ws, "; ") + ")"
			}
			groups = append(groups, g)
		}
		p := v + " " + format.List(groups)
		if reason != "" {
			p += " (" + reason + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}
