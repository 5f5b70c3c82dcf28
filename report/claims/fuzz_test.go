package claims

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// The fuzz target below has a committed seed corpus under testdata/fuzz/;
// it runs for a bounded time with
//
//	go test ./report/claims -run '^$' -fuzz '^FuzzClaims$' -fuzztime 10s
//
// Its properties: nothing panics, every error of the reader names the
// file and the line, and every error of the judge names the claim.

var csvErr = regexp.MustCompile(`^fuzz\.csv:\d+: `)

// fuzzSet is a small synthetic dataset to judge claims on.
var fuzzSet = sync.OnceValues(func() (*model.Set, error) {
	c := synth.Default("fuzz")
	c.Reps, c.Platforms = 3, []string{dataset.Native, dataset.Docker, dataset.Wazero}
	d, err := synth.Dataset(c)
	if err != nil {
		return nil, err
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		return nil, err
	}
	return m.Primary(), nil
})

// FuzzClaims reads a claims table and judges what it accepts.
func FuzzClaims(f *testing.F) {
	// Seeds: testdata/fuzz/FuzzClaims, rows of the committed claims.
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, err := Parse("fuzz.csv", b)
		if err != nil {
			if !csvErr.MatchString(err.Error()) {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		s, err := fuzzSet()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if _, err := Judge(c, s); err != nil && !strings.Contains(err.Error(), c.ID) {
				t.Fatalf("judging %s: an error that does not name the claim: %v", c.ID, err)
			}
		}
	})
}

// FuzzRegistry reads a registry and checks the committed claims against
// what it accepts: nothing panics, and every error names the file and line.
func FuzzRegistry(f *testing.F) {
	// Seeds: testdata/fuzz/FuzzRegistry, rows of the committed registry.
	f.Fuzz(func(t *testing.T, b []byte) {
		reg, err := ParseRegistry("fuzz.csv", b)
		if err != nil {
			if !csvErr.MatchString(err.Error()) {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		cs, err := Parse("claims.csv", []byte(strings.Join(Columns, ",")+"\nx,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,b\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Check("claims.csv", cs); err != nil && !regexp.MustCompile(`(claims|fuzz)\.csv:\d+: `).MatchString(err.Error()) {
			t.Fatalf("a check error that names no file and line: %v", err)
		}
	})
}
