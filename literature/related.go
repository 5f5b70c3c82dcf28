package literature

import (
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// File names of the tables beside the reviews.
const (
	FileLaterStudies  = "later-studies.csv"
	FileOrchestration = "orchestration.csv"
)

// Unknown is the value of a fact the sources do not establish.
const Unknown = "unknown"

var (
	checkedDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	yearOnly    = regexp.MustCompile(`^\d{4}$`)
)

// LaterStudy is a study published around or after the thesis that compares
// WebAssembly with containers or native code. These are related work: they
// are not part of any review's counts.
type LaterStudy struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Authors  []string `json:"authors"`
	Venue    string   `json:"venue"`
	Year     string   `json:"year"` // empty when not verified
	DOI      string   `json:"doi,omitempty"`
	Compared string   `json:"compared"` // wasm-vs-container | wasm-vs-native | position
	Measured string   `json:"measured"`
	Headline string   `json:"headline"` // "unknown" when not verified
	Hardware string   `json:"hardware"` // "unknown" when not verified
	Source   string   `json:"source"`
	Via      string   `json:"via"`
	Checked  string   `json:"checked"`
	Relation string   `json:"relation"`
	Note     string   `json:"note,omitempty"`
	// SameStudyAs names the record this one reports the same study as (a
	// thesis and the paper that came from it): they count once.
	SameStudyAs string `json:"same_study_as,omitempty"`
	Line        int    `json:"line"`
}

// Study is one distinct study: its first record and the records that
// report the same study (SameStudyAs).
type Study struct {
	LaterStudy
	Also []LaterStudy
}

// Records is the study's records, the first one first.
func (s Study) Records() []LaterStudy { return append([]LaterStudy{s.LaterStudy}, s.Also...) }

// Studies groups records into distinct studies, in file order.
func Studies(ss []LaterStudy) []Study {
	var out []Study
	at := map[string]int{}
	for _, s := range ss {
		if s.SameStudyAs == "" {
			at[s.ID] = len(out)
			out = append(out, Study{LaterStudy: s})
		}
	}
	for _, s := range ss {
		if i, ok := at[s.SameStudyAs]; ok && s.SameStudyAs != "" {
			out[i].Also = append(out[i].Also, s)
		}
	}
	return out
}

// LoadLaterStudies reads root/later-studies.csv.
func LoadLaterStudies(root string) ([]LaterStudy, error) {
	var out []LaterStudy
	path := filepath.Join(root, FileLaterStudies)
	header := []string{"id", "title", "authors", "venue", "year", "doi", "compared", "measured",
		"headline", "hardware", "source", "via", "checked", "relation", "note", "same_study_as"}
	seen := map[string]int{}
	errs := loadRows(path, header, func(rw row) error {
		s := LaterStudy{Title: rw.get("title"), Authors: splitList(rw.get("authors")), Venue: rw.get("venue"),
			Year: rw.get("year"), DOI: rw.get("doi"), Measured: rw.get("measured"), Headline: rw.get("headline"),
			Hardware: rw.get("hardware"), Via: rw.get("via"), Note: rw.get("note"), SameStudyAs: rw.get("same_study_as"), Line: rw.line}
		var err error
		if s.ID, err = rw.required("id"); err != nil {
			return err
		}
		if first, dup := seen[s.ID]; dup {
			return rw.errf("unique", "id %q already used on line %d", s.ID, first)
		}
		seen[s.ID] = rw.line
		if s.Compared, err = rw.oneOf("compared", "wasm-vs-container", "wasm-vs-native", "position"); err != nil {
			return err
		}
		for _, col := range []string{"title", "headline", "hardware", "source", "relation"} {
			if _, err := rw.required(col); err != nil {
				return rw.errf("required", "column %q is empty (write %q if the source does not establish it)", col, Unknown)
			}
		}
		s.Source, s.Relation = rw.get("source"), rw.get("relation")
		if s.Year != "" && !yearOnly.MatchString(s.Year) {
			return rw.errf("year", "want empty or a four-digit year, got %q", s.Year)
		}
		if s.Checked = rw.get("checked"); !checkedDate.MatchString(s.Checked) {
			return rw.errf("date", "checked: want YYYY-MM-DD, got %q", s.Checked)
		}
		if (s.Headline == Unknown || s.Hardware == Unknown) && s.Note == "" {
			return rw.errf("note", "an %q value needs a note saying what was not verified", Unknown)
		}
		out = append(out, s)
		return nil
	})
	// A record reports the same study as another record of the file, one
	// that is itself the study's first.
	for _, s := range out {
		if s.SameStudyAs == "" {
			continue
		}
		i := slices.IndexFunc(out, func(o LaterStudy) bool { return o.ID == s.SameStudyAs })
		switch {
		case s.SameStudyAs == s.ID:
			errs = append(errs, recErr(path, s.Line, "same-study", "same_study_as names the record itself"))
		case i < 0:
			errs = append(errs, recErr(path, s.Line, "same-study", "same_study_as %q: no record with that id", s.SameStudyAs))
		case out[i].SameStudyAs != "":
			errs = append(errs, recErr(path, s.Line, "same-study", "same_study_as %q: that record names %q in turn; name the study's first record", s.SameStudyAs, out[i].SameStudyAs))
		}
	}
	return out, errors.Join(errs...)
}

// Framework is one row of the orchestration-support matrix (RQ3): an
// orchestrator or runtime integration as of the thesis (Era "2020") or as
// of the check date (Era "today").
type Framework struct {
	Framework          string `json:"framework"`
	Era                string `json:"era"`
	Wasm               string `json:"wasm"`
	Arm64              string `json:"arm64"`
	Armv7              string `json:"armv7"`
	RuntimeIndependent string `json:"runtime_independent"`
	Runtimes           string `json:"runtimes"`
	Networking         string `json:"networking"`
	Status             string `json:"status"`
	FirstRelease       string `json:"first_release"`
	Source             string `json:"source"`
	Checked            string `json:"checked"`
	Note               string `json:"note,omitempty"`
	// UnknownWhy says, for each cell whose value is unknown, why the
	// sources do not establish it (column unknown_why: "col: reason; …").
	UnknownWhy map[string]string `json:"unknown_why,omitempty"`
	Line       int               `json:"line"`
}

// Unknowns lists the columns of a framework whose value is unknown, in
// table order.
func (f Framework) Unknowns() []string {
	var out []string
	for _, c := range []struct{ col, v string }{{"wasm", f.Wasm}, {"arm64", f.Arm64}, {"armv7", f.Armv7},
		{"runtime_independent", f.RuntimeIndependent}, {"runtimes", f.Runtimes}, {"networking", f.Networking},
		{"status", f.Status}, {"first_release", f.FirstRelease}} {
		if c.v == Unknown {
			out = append(out, c.col)
		}
	}
	return out
}

// LoadOrchestration reads root/orchestration.csv.
func LoadOrchestration(root string) ([]Framework, error) {
	var out []Framework
	path := filepath.Join(root, FileOrchestration)
	header := []string{"framework", "era", "wasm", "arm64", "armv7", "runtime_independent", "runtimes",
		"networking", "status", "first_release", "source", "checked", "note", "unknown_why"}
	support := []string{"yes", "no", "partial", Unknown, "n/a"}
	seen := map[string]int{}
	errs := loadRows(path, header, func(rw row) error {
		f := Framework{Runtimes: rw.get("runtimes"), Status: rw.get("status"), FirstRelease: rw.get("first_release"),
			Note: rw.get("note"), Line: rw.line}
		var err error
		if f.Framework, err = rw.required("framework"); err != nil {
			return err
		}
		if f.Era, err = rw.oneOf("era", "2020", "today"); err != nil {
			return err
		}
		k := f.Framework + "/" + f.Era
		if first, dup := seen[k]; dup {
			return rw.errf("unique", "%s (%s) already on line %d", f.Framework, f.Era, first)
		}
		seen[k] = rw.line
		for _, c := range []struct {
			col string
			dst *string
		}{{"wasm", &f.Wasm}, {"arm64", &f.Arm64}, {"armv7", &f.Armv7},
			{"runtime_independent", &f.RuntimeIndependent}, {"networking", &f.Networking}} {
			if *c.dst, err = rw.oneOf(c.col, support...); err != nil {
				return err
			}
		}
		for _, col := range []string{"runtimes", "status", "first_release"} {
			if rw.get(col) == "" {
				return rw.errf("required", "column %q is empty (write %q if the sources do not establish it)", col, Unknown)
			}
		}
		if f.Source, err = rw.required("source"); err != nil {
			return err
		}
		if f.Checked = rw.get("checked"); !checkedDate.MatchString(f.Checked) {
			return rw.errf("date", "checked: want YYYY-MM-DD, got %q", f.Checked)
		}
		if f.UnknownWhy, err = unknownWhy(rw, f); err != nil {
			return err
		}
		out = append(out, f)
		return nil
	})
	return out, errors.Join(errs...)
}

// unknownWhy reads the column unknown_why ("col: reason; col: reason"):
// every unknown cell of the row must have a reason, and every reason must
// name an unknown cell.
func unknownWhy(rw row, f Framework) (map[string]string, error) {
	why := map[string]string{}
	if v := rw.get("unknown_why"); v != "" {
		for _, part := range strings.Split(v, ";") {
			col, reason, ok := strings.Cut(part, ":")
			col, reason = strings.TrimSpace(col), strings.TrimSpace(reason)
			if !ok || col == "" || reason == "" {
				return nil, rw.errf("unknown-why", "unknown_why: %q: want \"column: reason\" entries separated by ;", strings.TrimSpace(part))
			}
			why[col] = reason
		}
	}
	unknowns := f.Unknowns()
	for _, col := range unknowns {
		if why[col] == "" {
			return nil, rw.errf("unknown-why", "column %q is %q: say why in unknown_why (\"%s: …\")", col, Unknown, col)
		}
	}
	for col := range why {
		if !slices.Contains(unknowns, col) {
			return nil, rw.errf("unknown-why", "unknown_why names %q, whose value is not %q", col, Unknown)
		}
	}
	return why, nil
}
