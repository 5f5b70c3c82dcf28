package format

import (
	"math"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/model"
)

func TestNumbersReadAsInThePaper(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Num(2.0449), "2.04"},
		{Num(12.34), "12.3"},
		{Num(1234.5), "1234"},
		{Num(0.012345), "0.0123"},
		{Num(math.NaN()), NotMeasured},
		{WithUnit(1536, dataset.FootprintKiB), "1.50 MiB"},
		{WithUnit(1500, dataset.WallMS), "1.50 s"},
		{WithUnit(12, dataset.WallMS), "12.0 ms"},
		{WithUnit(3, "throughput_mib_s"), "3.00 MiB/s"},
		{WithUnit(3, dataset.Bytes), "3.00 B"},
		{WithUnit(3, "processes"), "3.00"},
		{Ratio(2.046), "2.05×"},
		{Ratio(23.46), "23.5×"},
		{Interval(model.Interval{Estimate: 2.04, Lo: 1.94, Hi: 2.12}), "2.04× [1.94, 2.12]"},
		{P(0.0004), "< 0.001"},
		{P(0.0123), "0.012"},
		{Seconds(0.0123), "12.3 ms"},
		{Seconds(12.34), "12.3 s"},
		{Bytes(1 << 30), "1 GiB"},
		{Bytes(3 << 10), "3 KiB"},
		{Bytes(1000), "1000 B"},
		{List([]string{"a", "b", "c"}), "a, b and c"},
		{List([]string{"a"}), "a"},
		{Lang(dataset.LangGo), "Go"},
		{Plural(2, "test", "tests"), "tests"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		64 << 20: "64 MiB", 1 << 30: "1 GiB", 3 << 10: "3 KiB", 200000: "195 KiB",
		24105 << 20: "23.5 GiB", 1073741824 + 1: "1.00 GiB", 512: "512 B", 0: "—",
	} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30 min", 2 * time.Minute: "2 min", 90 * time.Minute: "1 h 30 min", 2 * time.Hour: "2 h",
		45 * time.Second: "45 s", 1500 * time.Millisecond: "1.50 s", 250 * time.Millisecond: "250 ms", 0: "—",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}
