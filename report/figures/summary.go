package figures

import (
	"fmt"
	"math"
	"strconv"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/stats"
)

// summary is a cell's median with its bootstrap interval and, when
// normalized, its ratio to the native median.
type summary struct {
	c      cell
	med    stats.Interval
	ratio  stats.Interval
	status string
}

var nanInterval = stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}

// summarize computes the median interval of a cell and, if normalize, its
// ratio to native's median (native itself: 1, with native's own interval
// divided by its median, which shows the reference's noise).
func (d *data) summarize(o Options, k key, normalize bool) (summary, error) {
	s := summary{c: d.cells[k], med: nanInterval, ratio: nanInterval}
	s.status = s.c.status()
	if s.status != statusOK {
		return s, nil
	}
	var err error
	if s.med, err = stats.MedianCI(s.c.ok, o.Bootstrap); err != nil {
		return s, fmt.Errorf("%s %s/%s/%s/%s: %w", d.labels[k.ds], k.experiment, k.test, k.lang, k.platform, err)
	}
	if !normalize {
		return s, nil
	}
	base := k
	base.platform = dataset.Native
	bc := d.cells[base]
	switch {
	case bc.status() != statusOK:
		s.status = statusNoBaseline
	case k.platform == dataset.Native && s.med.Estimate > 0:
		m := s.med.Estimate
		s.ratio = stats.Interval{Estimate: 1, Lo: s.med.Lo / m, Hi: s.med.Hi / m, Level: s.med.Level, B: s.med.B}
	default:
		r, err := stats.MedianRatioCI(s.c.ok, bc.ok, o.Bootstrap)
		if err != nil {
			s.status = "ratio undefined: " + err.Error()
		} else {
			s.ratio = r
		}
	}
	return s, nil
}

// summaryHeader is the CSV header of summary rows after the caller's key
// columns; withRatio adds the normalized columns.
func summaryHeader(withRatio bool) []string {
	h := []string{"n_ok", "n", "median", "median_lo", "median_hi"}
	if withRatio {
		h = append(h, "ratio", "ratio_lo", "ratio_hi")
	}
	return append(h, "status")
}

func (s summary) row(withRatio bool, keys ...string) []string {
	r := append(keys, strconv.Itoa(len(s.c.ok)), strconv.Itoa(s.c.n), num(s.med.Estimate), num(s.med.Lo), num(s.med.Hi))
	if withRatio {
		r = append(r, num(s.ratio.Estimate), num(s.ratio.Lo), num(s.ratio.Hi))
	}
	return append(r, s.status)
}

// note is the label drawn instead of a bar: empty when there is a value.
func note(status string, v float64) string {
	switch {
	case status == statusOK && !math.IsNaN(v):
		return ""
	case status == statusOK:
		return "undefined"
	case len(status) > 16:
		return "undefined"
	}
	return status
}

// bar turns a summary into a bar: the ratio if normalized, else the median
// times scale. Incomplete cells are labelled n_ok/n; bars above cut carry
// their value; withValue labels every bar with its value.
func (s summary) bar(platform string, normalized bool, scale, cut float64, withValue bool) barCell {
	iv := s.med
	if normalized {
		iv = s.ratio
	}
	status := s.status
	if !normalized {
		status = s.c.status() // a missing baseline does not matter
	}
	b := barCell{platform: platform, y: iv.Estimate * scale, lo: iv.Lo * scale, hi: iv.Hi * scale}
	b.note = note(status, b.y)
	if b.note != "" {
		if status == statusAllFailed {
			b.note += " " + s.c.count()
		}
		return b
	}
	if len(s.c.ok) < s.c.n {
		b.top = s.c.count()
	}
	if withValue || b.y > cut {
		v := short(b.y)
		if normalized {
			v += "×"
		}
		b.top = join(b.top, v)
	}
	return b
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// ratioCut is where normalized bars are cut: when a panel's tallest
// interval exceeds 6× native (e.g. the interpreter) and most bars are
// below 4×, the axis stops at 4× so that those stay readable.
func ratioCut(ss []summary) float64 {
	top, low, all := 0.0, 0, 0
	for _, s := range ss {
		if math.IsNaN(s.ratio.Hi) {
			continue
		}
		top = math.Max(top, s.ratio.Hi)
		all++
		if s.ratio.Estimate <= 4 {
			low++
		}
	}
	if top > 6 && 2*low >= all {
		return 4
	}
	return math.Inf(1)
}
