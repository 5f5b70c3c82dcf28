package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/model"
)

// unitOf is the unit of a metric by its suffix.
func unitOf(metric string) string {
	switch {
	case strings.HasSuffix(metric, "_ms"):
		return "ms"
	case strings.HasSuffix(metric, "_kib"):
		return "KiB"
	case strings.HasSuffix(metric, "_ms_per_mib"):
		return "ms/MiB"
	case strings.HasSuffix(metric, "_mib_s"):
		return "MiB/s"
	case strings.HasSuffix(metric, "_pct"):
		return "%"
	case metric == "bytes":
		return "B"
	}
	return ""
}

// num prints a measurement with three significant digits (integers kept).
func num(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return notMeasured
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// withUnit prints a value of a metric in a readable unit: KiB above 1024
// as MiB, ms above 1000 as s.
func withUnit(v float64, metric string) string {
	switch u := unitOf(metric); {
	case math.IsNaN(v):
		return notMeasured
	case u == "KiB" && math.Abs(v) >= 1024:
		return num(v/1024) + " MiB"
	case u == "ms" && math.Abs(v) >= 1000:
		return num(v/1000) + " s"
	case u != "":
		return num(v) + " " + u
	}
	return num(v)
}

// pval prints a p-value the way papers do.
func pval(p float64) string {
	switch {
	case math.IsNaN(p):
		return "—"
	case p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// ratioText prints a ratio: two decimals below 10, one above.
func ratioText(v float64) string {
	switch {
	case math.IsNaN(v):
		return notMeasured
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64) + "×"
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64) + "×"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + "×"
}

// intervalText prints an estimate with its interval: "2.04× [1.94, 2.12]".
func intervalText(iv model.Interval) string {
	return fmt.Sprintf("%s [%s, %s]", ratioText(iv.Estimate), strings.TrimSuffix(ratioText(iv.Lo), "×"), strings.TrimSuffix(ratioText(iv.Hi), "×"))
}

// seconds formats a duration in seconds with three significant digits,
// in ms below one second.
func seconds(t float64) string {
	if t < 1 {
		return strconv.FormatFloat(t*1000, 'g', 3, 64) + " ms"
	}
	return strconv.FormatFloat(t, 'g', 3, 64) + " s"
}

// bytesText prints a byte count in binary units.
func bytesText(n int64) string {
	switch {
	case n <= 0:
		return "—"
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// list joins words as prose: "a", "a and b", "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// langName is a guest language as prose.
func langName(l string) string {
	switch l {
	case "c":
		return "C"
	case "go":
		return "Go"
	}
	return l
}
