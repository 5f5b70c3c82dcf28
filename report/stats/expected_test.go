package stats

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// expected mirrors testdata/expected.json, written by testdata/gen_expected.py.
type expected struct {
	Datasets []struct {
		File     string
		Dropped  []string
		Friedman struct {
			Statistic, P, KendallW float64
			DF, N, K               int
		}
		Wilcoxon []struct {
			A, B        string
			V, P, PHolm float64
			N, Zeros    int
			Ties        bool
			Method      string
		}
		Conover []struct {
			A, B     string
			T        *float64 // null: infinite
			P, PHolm float64
		}
		Nemenyi []struct {
			A, B string
			Q, P float64
		}
	}
	StudentizedRange []struct {
		Q                 float64
		K                 int
		SfScipy, SfMpmath float64
	} `json:"studentized_range"`
}

func loadExpected(t *testing.T) expected {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The generator writes snake_case keys; map them onto the Go field names.
	r := strings.NewReplacer(`"kendall_w"`, `"kendallw"`, `"p_holm"`, `"pholm"`,
		`"sf_scipy"`, `"sfscipy"`, `"sf_mpmath"`, `"sfmpmath"`)
	var e expected
	if err := json.Unmarshal([]byte(r.Replace(string(b))), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Datasets) == 0 || len(e.StudentizedRange) == 0 {
		t.Fatal("expected.json holds no cases")
	}
	return e
}

// close reports whether got agrees with want to 1e-9 relative (plus 1e-15
// absolute, for values that are 0).
func close(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Abs(want)+1e-15
}

func check(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !close(got, want) {
		t.Errorf("%s = %.17g, want %.17g (diff %.3g)", what, got, want, got-want)
	}
}

func readMatrix(t *testing.T, file string) *Matrix {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ReadLong(f, file)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAgainstScipy(t *testing.T) {
	for _, ds := range loadExpected(t).Datasets {
		t.Run(ds.File, func(t *testing.T) {
			m := readMatrix(t, ds.File)
			f, err := Friedman(m)
			if err != nil {
				t.Fatal(err)
			}
			want := ds.Friedman
			check(t, "statistic", f.Statistic, want.Statistic)
			check(t, "p", f.P, want.P)
			check(t, "kendall W", f.KendallW, want.KendallW)
			if f.DF != want.DF || f.N != want.N || f.K != want.K {
				t.Errorf("df, n, k = %d, %d, %d; want %d, %d, %d", f.DF, f.N, f.K, want.DF, want.N, want.K)
			}
			if len(f.Warnings) != len(ds.Dropped) {
				t.Errorf("warnings %q, want one per dropped block %q", f.Warnings, ds.Dropped)
			}
			for i, b := range ds.Dropped {
				if i < len(f.Warnings) && !strings.Contains(f.Warnings[i], `"`+b+`"`) {
					t.Errorf("warning %q does not name block %s", f.Warnings[i], b)
				}
			}

			w, err := PairwiseWilcoxon(m)
			if err != nil {
				t.Fatal(err)
			}
			if len(w) != len(ds.Wilcoxon) {
				t.Fatalf("%d Wilcoxon pairs, want %d", len(w), len(ds.Wilcoxon))
			}
			for i, want := range ds.Wilcoxon {
				got := w[i]
				name := want.A + "-" + want.B
				if got.A != want.A || got.B != want.B {
					t.Fatalf("pair %d is %s-%s, want %s", i, got.A, got.B, name)
				}
				check(t, name+" V", got.Statistic, want.V)
				check(t, name+" p", got.P, want.P)
				check(t, name+" Holm p", got.PAdjusted, want.PHolm)
				wantMethod := map[string]string{"exact": MethodExact, "approx": MethodNormal}[want.Method]
				if got.Method != wantMethod {
					t.Errorf("%s method %q, want %q", name, got.Method, wantMethod)
				}
			}

			c, _ := m.Complete()
			idx := 0
			for a := range c.Treatments {
				for b := a + 1; b < len(c.Treatments); b++ {
					r, err := Wilcoxon(c.Column(a), c.Column(b))
					if err != nil {
						t.Fatal(err)
					}
					want := ds.Wilcoxon[idx]
					if r.N != want.N || r.Zeros != want.Zeros || r.Ties != want.Ties {
						t.Errorf("%s-%s: n, zeros, ties = %d, %d, %v; want %d, %d, %v",
							want.A, want.B, r.N, r.Zeros, r.Ties, want.N, want.Zeros, want.Ties)
					}
					idx++
				}
			}

			if len(ds.Conover) > 0 {
				c, err := Conover(m)
				if err != nil {
					t.Fatal(err)
				}
				for i, want := range ds.Conover {
					got := c[i]
					name := want.A + "-" + want.B
					if want.T == nil {
						if !math.IsInf(got.Statistic, 1) {
							t.Errorf("%s Conover t = %g, want +Inf", name, got.Statistic)
						}
					} else {
						check(t, name+" Conover t", got.Statistic, *want.T)
					}
					check(t, name+" Conover p", got.P, want.P)
					check(t, name+" Conover Holm p", got.PAdjusted, want.PHolm)
				}
			}

			nm, err := Nemenyi(m)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range ds.Nemenyi {
				got := nm[i]
				name := want.A + "-" + want.B
				check(t, name+" Nemenyi q", got.Statistic, want.Q)
				// scipy's studentized_range is accurate to about 1e-13 absolute.
				if math.Abs(got.P-want.P) > 1e-12 {
					t.Errorf("%s Nemenyi p = %.17g, want %.17g", name, got.P, want.P)
				}
			}
		})
	}
}
