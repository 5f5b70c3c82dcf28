package literature

import (
	"errors"
	"regexp"
	"strconv"
)

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Validate checks a review's internal consistency: the protocol is complete,
// stages run identification → screening/deduplication → eligibility, the
// per-platform counts add up to the stage totals, no count grows from one
// stage to the next, recorded duplicates account for the drop at
// deduplication, the full papers match the counts, every excluded paper has
// a reason and every citation key resolves. Each problem is a *RecordError;
// all of them are returned joined.
func (r *Review) Validate() error {
	var errs []error
	add := func(e *RecordError) { errs = append(errs, e) }
	r.validateProtocol(add)
	r.validateStages(add)
	if len(errs) > 0 { // counts cannot be checked against a broken protocol or stage list
		return errors.Join(errs...)
	}
	r.validateCounts(add)
	r.validateDuplicates(add)
	r.validateBibliography(add)
	r.validatePapers(add)
	return errors.Join(errs...)
}

func (r *Review) validateProtocol(add func(*RecordError)) {
	p := &r.Protocol
	f := r.path(FileProtocol)
	line := func(k string) int { return p.Line[k] }
	if p.Title == "" {
		add(recErr(f, 0, "protocol", "no meta,title row"))
	}
	if len(p.Platforms) == 0 {
		add(recErr(f, 0, "protocol", "no platform rows: a search needs at least one platform"))
	}
	if len(p.Terms) == 0 {
		add(recErr(f, 0, "protocol", "no term rows: a search needs at least one term"))
	}
	if !datePattern.MatchString(p.DateFrom) {
		add(recErr(f, line("date/from"), "date", "date,from: want YYYY, YYYY-MM or YYYY-MM-DD, got %q", p.DateFrom))
	}
	if p.DateTo != "" {
		if !datePattern.MatchString(p.DateTo) {
			add(recErr(f, line("date/to"), "date", "date,to: want empty or YYYY[-MM[-DD]], got %q", p.DateTo))
		} else if p.DateTo < p.DateFrom {
			add(recErr(f, line("date/to"), "date", "date,to %s is before date,from %s", p.DateTo, p.DateFrom))
		}
	}
	for _, pl := range p.Platforms {
		if pl.ID == AllPlatforms {
			add(recErr(f, line("platform/"+pl.ID), "platform", "%q is reserved for stage totals", AllPlatforms))
		}
	}
	if p.Guidelines != "" {
		if _, ok := r.Entry(p.Guidelines); !ok {
			add(recErr(f, line("meta/guidelines"), "citation", "guidelines key %q is not in %s", p.Guidelines, FileReferences))
		}
	}
}

func (r *Review) validateStages(add func(*RecordError)) {
	f := r.path(FileStages)
	if len(r.Stages) < 2 {
		add(recErr(f, 0, "stages", "want at least an identification and an eligibility stage, got %d stages", len(r.Stages)))
		return
	}
	seen := map[string]int{}
	for i, s := range r.Stages {
		if s.Order != i+1 {
			add(recErr(f, s.Line, "stage-order", "want order %d (rows in order, numbered from 1), got %d", i+1, s.Order))
		}
		if first, dup := seen[s.ID]; dup {
			add(recErr(f, s.Line, "unique", "stage %q already defined on line %d", s.ID, first))
		}
		seen[s.ID] = s.Line
		last := i == len(r.Stages)-1
		switch {
		case i == 0 && s.Kind != KindIdentification:
			add(recErr(f, s.Line, "stage-kind", "the first stage must be %s, got %s", KindIdentification, s.Kind))
		case last && s.Kind != KindEligibility:
			add(recErr(f, s.Line, "stage-kind", "the last stage must be %s, got %s", KindEligibility, s.Kind))
		case i > 0 && !last && s.Kind != KindScreening && s.Kind != KindDeduplication:
			add(recErr(f, s.Line, "stage-kind", "middle stages must be %s or %s, got %s", KindScreening, KindDeduplication, s.Kind))
		}
	}
}

func (r *Review) stage(id string) (Stage, bool) {
	for _, s := range r.Stages {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

func (r *Review) knownPlatform(id string) bool {
	for _, p := range r.Protocol.Platforms {
		if p.ID == id {
			return true
		}
	}
	return false
}

func (r *Review) validateCounts(add func(*RecordError)) {
	f := r.path(FileCounts)
	seen := map[string]int{}
	for _, c := range r.Counts {
		if _, ok := r.stage(c.Stage); !ok {
			add(recErr(f, c.Line, "stage", "unknown stage %q (see %s)", c.Stage, FileStages))
		}
		if c.Platform != AllPlatforms && !r.knownPlatform(c.Platform) {
			add(recErr(f, c.Line, "platform", "unknown platform %q (want %q or a platform id of %s)", c.Platform, AllPlatforms, FileProtocol))
		}
		k := c.Stage + "/" + c.Platform
		if first, dup := seen[k]; dup {
			add(recErr(f, c.Line, "unique", "stage %s platform %s already counted on line %d", c.Stage, c.Platform, first))
		}
		seen[k] = c.Line
	}
	for _, s := range r.Stages {
		total, ok := r.Count(s.ID, AllPlatforms)
		if !ok {
			add(recErr(f, 0, "stage-total", "no %q row for stage %q", AllPlatforms, s.ID))
			continue
		}
		sum, n := 0, 0
		for _, p := range r.Protocol.Platforms {
			if c, ok := r.Count(s.ID, p.ID); ok {
				sum += c.N
				n++
			}
		}
		switch {
		case n == len(r.Protocol.Platforms) && sum != total.N:
			add(recErr(f, total.Line, "sum", "stage %s: platform counts add up to %d, total says %d", s.ID, sum, total.N))
		case sum > total.N:
			add(recErr(f, total.Line, "sum", "stage %s: the %d platform counts given already add up to %d, more than the total %d", s.ID, n, sum, total.N))
		}
	}
	for i := 1; i < len(r.Stages); i++ {
		prev, cur := r.Stages[i-1].ID, r.Stages[i].ID
		for _, pl := range append([]string{AllPlatforms}, platformIDs(r.Protocol.Platforms)...) {
			a, okA := r.Count(prev, pl)
			b, okB := r.Count(cur, pl)
			if okA && okB && b.N > a.N {
				add(recErr(f, b.Line, "monotone", "%s grows from %d after stage %s to %d after stage %s", pl, a.N, prev, b.N, cur))
			}
		}
	}
}

func platformIDs(ps []Platform) []string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// drop returns how many records stage i removed (0 for the first stage) and
// whether both totals are recorded.
func (r *Review) drop(i int, platform string) (int, bool) {
	if i == 0 {
		return 0, true
	}
	a, okA := r.Count(r.Stages[i-1].ID, platform)
	b, okB := r.Count(r.Stages[i].ID, platform)
	return a.N - b.N, okA && okB
}

func (r *Review) validateDuplicates(add func(*RecordError)) {
	f := r.path(FileDuplicates)
	for _, d := range r.Duplicates {
		s, ok := r.stage(d.Stage)
		if !ok {
			add(recErr(f, d.Line, "stage", "unknown stage %q", d.Stage))
		} else if s.Kind != KindDeduplication {
			add(recErr(f, d.Line, "stage-kind", "stage %q is %s, not %s", d.Stage, s.Kind, KindDeduplication))
		}
		if !r.knownPlatform(d.Platform) {
			add(recErr(f, d.Line, "platform", "unknown platform %q", d.Platform))
		}
		for _, o := range d.DuplicateOf {
			if !r.knownPlatform(o) || o == d.Platform {
				add(recErr(f, d.Line, "platform", "duplicate_of %q: want another platform id of %s", o, FileProtocol))
			}
		}
	}
	cf := r.path(FileCounts)
	for i, s := range r.Stages {
		if s.Kind != KindDeduplication {
			continue
		}
		sum := 0
		for _, d := range r.Duplicates {
			if d.Stage == s.ID {
				sum += d.N
			}
		}
		total, _ := r.Count(s.ID, AllPlatforms)
		if dr, ok := r.drop(i, AllPlatforms); ok && dr != sum {
			add(recErr(cf, total.Line, "duplicates", "stage %s removes %d records but %s records %d duplicates", s.ID, dr, FileDuplicates, sum))
		}
		for _, p := range r.Protocol.Platforms {
			want := 0
			for _, d := range r.Duplicates {
				if d.Stage == s.ID && d.Platform == p.ID {
					want += d.N
				}
			}
			c, _ := r.Count(s.ID, p.ID)
			if dr, ok := r.drop(i, p.ID); ok && dr != want {
				add(recErr(cf, c.Line, "duplicates", "stage %s removes %d %s records but %s records %d for it", s.ID, dr, p.ID, FileDuplicates, want))
			}
		}
	}
}

func (r *Review) validateBibliography(add func(*RecordError)) {
	f := r.path(FileReferences)
	refs := map[string]string{}
	for _, e := range r.Bibliography {
		for _, field := range []string{"title", "year"} {
			if e.Fields[field] == "" {
				add(recErr(f, e.Line, "required", "entry %q has no %s", e.Key, field))
			}
		}
		if d, ok := e.Fields["duplicateof"]; ok {
			if o, found := r.Entry(d); !found || d == e.Key {
				add(recErr(f, e.Line, "citation", "entry %q: duplicateof %q does not name another entry", e.Key, d))
			} else if _, chained := o.Fields["duplicateof"]; chained {
				add(recErr(f, e.Line, "citation", "entry %q: duplicateof %q, which is itself a duplicate; point to the original", e.Key, d))
			}
		}
		if n, ok := e.Fields["thesisref"]; ok {
			if first, dup := refs[n]; dup {
				add(recErr(f, e.Line, "unique", "thesisref %s already used by %q", n, first))
			}
			refs[n] = e.Key
		}
	}
}

func (r *Review) validatePapers(add func(*RecordError)) {
	f := r.path(FilePapers)
	reasons := map[string]bool{}
	for _, rs := range r.Reasons {
		if reasons[rs.Code] {
			add(recErr(r.path(FileReasons), rs.Line, "unique", "reason code %q given twice", rs.Code))
		}
		reasons[rs.Code] = true
	}
	seen := map[string]int{}
	for _, p := range r.Papers {
		if first, dup := seen[p.Key]; dup {
			add(recErr(f, p.Line, "unique", "paper %q already listed on line %d", p.Key, first))
		}
		seen[p.Key] = p.Line
		if _, ok := r.Entry(p.Key); !ok {
			add(recErr(f, p.Line, "citation", "key %q is not in %s", p.Key, FileReferences))
		}
		if p.ThesisRef != "" && !r.refMatches(p.ThesisRef, p.Key) {
			add(recErr(f, p.Line, "citation", "thesis_ref %s is not an entry with thesisref = {%s} for %q or a duplicate of it", p.ThesisRef, p.ThesisRef, p.Key))
		}
		if !r.knownPlatform(p.FoundOn) {
			add(recErr(f, p.Line, "platform", "found_on %q is not a platform id of %s", p.FoundOn, FileProtocol))
		}
		if from, err := strconv.Atoi(r.Protocol.DateFrom[:min(4, len(r.Protocol.DateFrom))]); err == nil && p.Year < from {
			add(recErr(f, p.Line, "date", "year %d is before the protocol's date,from %s", p.Year, r.Protocol.DateFrom))
		}
		if to, err := strconv.Atoi(r.Protocol.DateTo[:min(4, len(r.Protocol.DateTo))]); err == nil && p.Year > to {
			add(recErr(f, p.Line, "date", "year %d is after the protocol's date,to %s", p.Year, r.Protocol.DateTo))
		}
		switch p.Decision {
		case DecisionExcluded:
			if p.ReasonCode == "" || p.Reason == "" {
				add(recErr(f, p.Line, "reason", "excluded paper %q needs both reason_code and reason", p.Key))
			} else if !reasons[p.ReasonCode] {
				add(recErr(f, p.Line, "reason", "reason_code %q is not in %s", p.ReasonCode, FileReasons))
			}
		case DecisionIncluded:
			if p.ReasonCode != "" {
				add(recErr(f, p.Line, "reason", "included paper %q has an exclusion reason_code", p.Key))
			}
		}
	}
	// The papers are the reports sought in the eligibility stage.
	n := len(r.Stages)
	elig := r.Stages[n-1].ID
	before := r.Stages[n-2].ID
	check := func(platform string, match func(Paper) bool) {
		sought, included := 0, 0
		for _, p := range r.Papers {
			if match(p) {
				sought++
				if p.Decision == DecisionIncluded {
					included++
				}
			}
		}
		if c, ok := r.Count(before, platform); ok && c.N != sought {
			add(recErr(f, 0, "papers", "%d papers for %s but %s line %d leaves %d after stage %s", sought, platform, FileCounts, c.Line, c.N, before))
		}
		if c, ok := r.Count(elig, platform); ok && c.N != included {
			add(recErr(f, 0, "papers", "%d papers for %s are included but %s line %d says %d after stage %s", included, platform, FileCounts, c.Line, c.N, elig))
		}
	}
	check(AllPlatforms, func(Paper) bool { return true })
	for _, pl := range r.Protocol.Platforms {
		id := pl.ID
		check(id, func(p Paper) bool { return p.FoundOn == id })
	}
}

// refMatches reports whether bibliography entry number ref is key or a
// duplicate of key.
func (r *Review) refMatches(ref, key string) bool {
	for _, e := range r.Bibliography {
		if e.Fields["thesisref"] == ref {
			return e.Key == key || e.Fields["duplicateof"] == key
		}
	}
	return false
}
