package claims

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/report/format"
)

// Version is one registered version of a claim's criterion: a row of the
// registry (claims-registry.csv). Version 1 is the criterion as first
// registered; each later one a revision, with when it was committed and
// why. The registry is data: judging a dataset never asks git.
type Version struct {
	ID string
	N  int
	// At is when the version was committed; Commit the commit.
	At     time.Time
	Commit string
	Criterion
	Reason string
	Line   int
}

// Short is the version as a table names it: "v2, 2026-11-25 19:35".
func (v Version) Short() string {
	return fmt.Sprintf("v%d, %s", v.N, v.At.UTC().Format("2006-01-02 15:04"))
}

// RegistryColumns are the columns of the registry, in order.
var RegistryColumns = []string{"id", "version", "at", "commit", "kind", "exp", "metric", "a", "b", "test", "lang", "lo", "hi", "scope", "reason"}

// Registry holds every version of every claim's criterion, in file order.
type Registry struct {
	Name     string
	versions map[string][]Version
}

var commitRE = regexp.MustCompile(`^[0-9a-f]{7,40}$`)

// ParseRegistry reads a registry. Every error names the file, the line
// and what was expected.
func ParseRegistry(name string, b []byte) (*Registry, error) {
	r := &Registry{Name: name, versions: map[string][]Version{}}
	err := readTable(name, b, RegistryColumns, func(rec []string, line int) error {
		v := Version{ID: rec[0], Commit: rec[3], Reason: rec[14], Line: line,
			Criterion: Criterion{Kind: rec[4], Exp: rec[5], Metric: rec[6], A: rec[7], B: rec[8], Test: rec[9], Lang: rec[10], Scope: rec[13]}}
		var err error
		if v.N, err = strconv.Atoi(rec[1]); err != nil || v.N < 1 {
			return fmt.Errorf("column version: %q: expected a version number 1, 2, …", rec[1])
		}
		if v.At, err = time.Parse(time.RFC3339, rec[2]); err != nil {
			return fmt.Errorf("column at: %q: expected an RFC 3339 time such as 2026-11-25T19:07:02Z", rec[2])
		}
		if !commitRE.MatchString(v.Commit) {
			return fmt.Errorf("column commit: %q: expected the commit's hash (7 to 40 lowercase hex digits)", v.Commit)
		}
		if v.ID == "" || v.Exp == "" || v.Metric == "" {
			return errors.New("id, exp and metric are required")
		}
		if strings.TrimSpace(v.Reason) == "" {
			return errors.New("column reason: say why the criterion is what it is (or why it changed)")
		}
		if v.Lo, v.Hi, err = parseBounds(rec[11:13], RegistryColumns[11:13]); err != nil {
			return err
		}
		if err := v.validate(); err != nil {
			return err
		}
		prev := r.versions[v.ID]
		if want := len(prev) + 1; v.N != want {
			return fmt.Errorf("claim %s: version %d, expected %d (versions count up from 1 in file order)", v.ID, v.N, want)
		}
		if len(prev) > 0 && v.At.Before(prev[len(prev)-1].At) {
			return fmt.Errorf("claim %s: version %d dated %s, before version %d (%s)", v.ID, v.N, rec[2], v.N-1, prev[len(prev)-1].At.UTC().Format(time.RFC3339))
		}
		r.versions[v.ID] = append(prev, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Versions lists a claim's versions, oldest first.
func (r *Registry) Versions(id string) []Version { return r.versions[id] }

// Check holds the claims table (named claimsName) to the registry: every
// claim is registered, every registered claim exists, and each claim's
// criterion is its latest registered version, so that a criterion changed
// in claims.csv without a recorded revision is an error.
func (r *Registry) Check(claimsName string, cs []Claim) error {
	var errs []error
	known := map[string]bool{}
	for _, c := range cs {
		known[c.ID] = true
		vs := r.versions[c.ID]
		if len(vs) == 0 {
			errs = append(errs, fmt.Errorf("%s:%d: claim %s is not registered in %s: add its version 1 with the date, commit and reason", claimsName, c.Line, c.ID, r.Name))
			continue
		}
		last := vs[len(vs)-1]
		if !last.Criterion.Equal(c.Criterion) {
			errs = append(errs, fmt.Errorf("%s:%d: claim %s: the criterion differs from its latest registered version (%s:%d, version %d): %s; record the change as version %d with its date, commit and reason",
				claimsName, c.Line, c.ID, r.Name, last.Line, last.N, strings.Join(c.Criterion.Changes(last.Criterion), "; "), last.N+1))
		}
	}
	for id, vs := range r.versions {
		if !known[id] {
			errs = append(errs, fmt.Errorf("%s:%d: claim %s is registered but not in %s", r.Name, vs[0].Line, id, claimsName))
		}
	}
	return errors.Join(errs...)
}

// InForce returns the version of a claim in force when a dataset started:
// the latest registered before start. ok is false when every version is
// later (the claim was registered after the data).
func (r *Registry) InForce(id string, start time.Time) (Version, bool) {
	vs := r.versions[id]
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].At.Before(start) {
			return vs[i], true
		}
	}
	return Version{}, false
}

// Changes lists what differs from an earlier criterion, as "field old →
// new".
func (c Criterion) Changes(from Criterion) []string {
	var out []string
	add := func(field, old, now string) {
		if old != now {
			out = append(out, fmt.Sprintf("%s %s → %s", field, old, now))
		}
	}
	or := func(s, empty string) string { return format.Or(s, empty) }
	add("kind", from.Kind, c.Kind)
	add("experiment", from.Exp, c.Exp)
	add("metric", from.Metric, c.Metric)
	add("a", or(from.A, "—"), or(c.A, "—"))
	add("b", or(from.B, "—"), or(c.B, "—"))
	add("test", or(from.Test, "every test"), or(c.Test, "every test"))
	lang := func(l string) string { return or(format.Lang(l), "each language") }
	add("lang", lang(from.Lang), lang(c.Lang))
	num := func(v float64) string {
		if math.IsNaN(v) {
			return "open"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if c.Kind == "ratio" && from.Kind == "ratio" {
		if num(from.Lo) != num(c.Lo) || num(from.Hi) != num(c.Hi) {
			out = append(out, fmt.Sprintf("%s → %s", strings.TrimPrefix(from.band(), "the "), strings.TrimPrefix(c.band(), "the ")))
		}
	} else {
		add("lo", num(from.Lo), num(c.Lo))
		add("hi", num(from.Hi), num(c.Hi))
	}
	add("scope", or(from.Scope, "any machine"), or(c.Scope, "any machine"))
	return out
}

// Change says what a version changed: "registered" for the first, the
// fields that differ from the version before for the others, or that the
// criterion stayed the same.
func (r *Registry) Change(v Version) string {
	if v.N == 1 {
		return "registered"
	}
	prev := r.versions[v.ID][v.N-2]
	ch := v.Criterion.Changes(prev.Criterion)
	if len(ch) == 0 {
		return "criterion unchanged"
	}
	return strings.Join(ch, "; ")
}
