// Package format is how the paper writes the model's numbers and the
// words around them: measurements with three significant digits and a
// readable unit, ratios, intervals, p-values, durations and byte counts,
// lists as prose, guest languages by name. The cell commands and the
// claims engine both write through it, so a number reads the same in a
// table, a sentence and a verdict.
//
// It sits on the model (it formats model.Interval) and below everything
// that writes text; units come from the schema (dataset.Unit…), never
// spelled here.
package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/model"
)

// NotMeasured is the text of a value the dataset does not hold.
const NotMeasured = "not measured"

// Unit is the unit of a metric, by the suffix of its name (data/README.md
// names every metric this way); "" when the name says none.
func Unit(metric string) string {
	switch {
	case strings.HasSuffix(metric, "_ms"):
		return dataset.UnitMS
	case strings.HasSuffix(metric, "_kib"):
		return dataset.UnitKiB
	case strings.HasSuffix(metric, "_ms_per_mib"):
		return dataset.UnitMSPerMiB
	case strings.HasSuffix(metric, "_mib_s"):
		return dataset.UnitMiBps
	case strings.HasSuffix(metric, "_pct"):
		return dataset.UnitPct
	case metric == dataset.Bytes:
		return dataset.UnitBytes
	}
	return ""
}

// Num prints a measurement with three significant digits (integers kept).
func Num(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return NotMeasured
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// WithUnit prints a value of a metric in a readable unit: KiB above 1024
// as MiB, ms above 1000 as s.
func WithUnit(v float64, metric string) string {
	switch u := Unit(metric); {
	case math.IsNaN(v):
		return NotMeasured
	case u == dataset.UnitKiB && math.Abs(v) >= 1024:
		return Num(v/1024) + " MiB"
	case u == dataset.UnitMS && math.Abs(v) >= 1000:
		return Num(v/1000) + " s"
	case u != "":
		return Num(v) + " " + u
	}
	return Num(v)
}

// P prints a p-value the way papers do.
func P(p float64) string {
	switch {
	case math.IsNaN(p):
		return "—"
	case p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// Ratio prints a ratio: two decimals below 10, one above.
func Ratio(v float64) string {
	switch {
	case math.IsNaN(v):
		return NotMeasured
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64) + "×"
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64) + "×"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + "×"
}

// Interval prints a ratio with its interval: "2.04× [1.94, 2.12]".
func Interval(iv model.Interval) string {
	return fmt.Sprintf("%s [%s, %s]", Ratio(iv.Estimate), strings.TrimSuffix(Ratio(iv.Lo), "×"), strings.TrimSuffix(Ratio(iv.Hi), "×"))
}

// Seconds formats a duration in seconds with three significant digits,
// in ms below one second.
func Seconds(t float64) string {
	if t < 1 {
		return strconv.FormatFloat(t*1000, 'g', 3, 64) + " " + dataset.UnitMS
	}
	return strconv.FormatFloat(t, 'g', 3, 64) + " s"
}

// Duration prints a duration as a person writes it: "30 min", "1 h 30 min",
// "45 s", "250 ms".
func Duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + " " + dataset.UnitMS
	case d%time.Second == 0 && d%time.Minute != 0:
		return fmt.Sprintf("%d s", d/time.Second)
	case d%time.Minute != 0:
		return Num(d.Seconds()) + " s"
	case d < time.Hour:
		return fmt.Sprintf("%d min", d/time.Minute)
	case d%time.Hour == 0:
		return fmt.Sprintf("%d h", d/time.Hour)
	}
	return fmt.Sprintf("%d h %d min", d/time.Hour, d%time.Hour/time.Minute)
}

// Bytes prints a byte count in binary units.
func Bytes(n int64) string {
	switch {
	case n <= 0:
		return "—"
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d %s", n>>10, dataset.UnitKiB)
	}
	return fmt.Sprintf("%d %s", n, dataset.UnitBytes)
}

// Size prints a byte count as a person writes it: an exact power of two
// as Bytes does ("64 MiB"), any other count with three significant digits
// in the largest binary unit below it ("23.5 GiB").
func Size(n int64) string {
	units := []string{dataset.UnitBytes, dataset.UnitKiB, "MiB", "GiB", "TiB"}
	if n <= 0 || n&(n-1) == 0 || n%(1<<10) == 0 && n < 1<<20 || n%(1<<20) == 0 && n < 1<<30 {
		return Bytes(n)
	}
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v, i = v/1024, i+1
	}
	return Num(v) + " " + units[i]
}

// List joins words as prose: "a", "a and b", "a, b and c".
func List(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Plural is one or many by n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// YesNo is "yes" or "no".
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Or is a, or b when a is empty.
func Or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Lang is a guest language as prose.
func Lang(l string) string {
	switch l {
	case dataset.LangC:
		return "C"
	case dataset.LangGo:
		return "Go"
	}
	return l
}

// Langs is Lang of each.
func Langs(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = Lang(l)
	}
	return out
}
