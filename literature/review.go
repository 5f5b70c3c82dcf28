package literature

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// DefaultReview is the record set of the thesis's own search (Napieralla 2020).
const DefaultReview = "thesis-2020"

// The fixed file names of a review folder reviews/<id>/.
const (
	FileProtocol   = "protocol.csv"
	FileStages     = "stages.csv"
	FileCounts     = "counts.csv"
	FileDuplicates = "duplicates.csv"
	FileReasons    = "reasons.csv"
	FilePapers     = "papers.csv"
	FileReferences = "references.bib"
)

// AllPlatforms is the platform value of a counts.csv row holding a stage total.
const AllPlatforms = "all"

// Stage kinds, in the order PRISMA 2020 expects them.
const (
	KindIdentification = "identification"
	KindScreening      = "screening"
	KindDeduplication  = "deduplication"
	KindEligibility    = "eligibility"
)

// Bases of a number: taken from the source as printed, or forced by arithmetic.
const (
	BasisReported = "reported"
	BasisDerived  = "derived"
)

// Decisions on a full paper.
const (
	DecisionIncluded     = "included"
	DecisionExcluded     = "excluded"
	DecisionNotRetrieved = "not-retrieved"
)

// Review is one systematic search as recorded in reviews/<id>/.
type Review struct {
	ID           string      `json:"id"`
	Dir          string      `json:"dir"`
	Protocol     Protocol    `json:"protocol"`
	Stages       []Stage     `json:"stages"`
	Counts       []Count     `json:"counts"`
	Duplicates   []Duplicate `json:"duplicates"`
	Reasons      []Reason    `json:"reasons"`
	Papers       []Paper     `json:"papers"`
	Bibliography []Entry     `json:"bibliography"`
}

// Protocol is the search protocol: where, what and which criteria.
type Protocol struct {
	Title      string         `json:"title"`
	Question   string         `json:"question"`
	Conducted  string         `json:"conducted"`
	Guidelines string         `json:"guidelines,omitempty"` // a citation key
	Figure     string         `json:"figure,omitempty"`     // file name stem of the flow diagram
	Platforms  []Platform     `json:"platforms"`
	Terms      []string       `json:"terms"`
	Query      []Criterion    `json:"query"`
	DateFrom   string         `json:"date_from"`
	DateTo     string         `json:"date_to,omitempty"`
	Inclusion  []Criterion    `json:"inclusion"`
	Quality    []Criterion    `json:"quality"`
	Line       map[string]int `json:"-"` // "section/id" → line in protocol.csv
}

// Platform is a searched database or search engine.
type Platform struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Criterion is an identified rule of the protocol with its source.
type Criterion struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Source string `json:"source"`
}

// Stage is one step of the search and selection procedure.
type Stage struct {
	Order       int    `json:"order"`
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Source      string `json:"source"`
	Line        int    `json:"line"`
}

// Count is the number of records left after a stage, for one platform or
// for all of them (Platform == AllPlatforms).
type Count struct {
	Stage    string `json:"stage"`
	Platform string `json:"platform"`
	N        int    `json:"n"`
	Basis    string `json:"basis"`
	Note     string `json:"note"`
	Line     int    `json:"line"`
}

// Duplicate records how many records of a platform a deduplication stage
// removed as copies of records from other platforms.
type Duplicate struct {
	Stage       string   `json:"stage"`
	Platform    string   `json:"platform"`
	DuplicateOf []string `json:"duplicate_of"`
	N           int      `json:"n"`
	Basis       string   `json:"basis"`
	Note        string   `json:"note"`
	Line        int      `json:"line"`
}

// Reason is a coded reason for excluding a full paper.
type Reason struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Line        int    `json:"line"`
}

// Paper is a full paper sought in the eligibility stage.
type Paper struct {
	Key          string   `json:"key"`
	ThesisRef    string   `json:"thesis_ref,omitempty"`
	Title        string   `json:"title"`
	Authors      []string `json:"authors"`
	Year         int      `json:"year"`
	Venue        string   `json:"venue"`
	FoundOn      string   `json:"found_on"`
	FoundOnBasis string   `json:"found_on_basis"`
	ObtainedFrom string   `json:"obtained_from"`
	Decision     string   `json:"decision"`
	ReasonCode   string   `json:"reason_code,omitempty"`
	Reason       string   `json:"reason,omitempty"`
	Source       string   `json:"source"`
	Line         int      `json:"line"`
}

// Reviews lists the review IDs (folder names under root/reviews), sorted.
func Reviews(root string) ([]string, error) {
	des, err := os.ReadDir(filepath.Join(root, "reviews"))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range des {
		if d.IsDir() {
			ids = append(ids, d.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Load reads review reviewID from root/reviews/reviewID and validates it.
// root is the literature folder. On invalid records it returns the review
// as far as it could be read together with every problem found, each a
// *RecordError joined with errors.Join.
func Load(root, reviewID string) (*Review, error) {
	if reviewID == "" {
		reviewID = DefaultReview
	}
	dir := filepath.Join(root, "reviews", reviewID)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		ids, _ := Reviews(root)
		return nil, fmt.Errorf("review %q: no folder %s (available: %v)", reviewID, dir, ids)
	}
	r := &Review{ID: reviewID, Dir: dir}
	var errs []error
	steps := []struct {
		file string
		load func(path string) []error
	}{
		{FileProtocol, r.loadProtocol},
		{FileStages, r.loadStages},
		{FileCounts, r.loadCounts},
		{FileDuplicates, r.loadDuplicates},
		{FileReasons, r.loadReasons},
		{FilePapers, r.loadPapers},
		{FileReferences, r.loadReferences},
	}
	for _, s := range steps {
		errs = append(errs, s.load(filepath.Join(dir, s.file))...)
	}
	if err := errors.Join(errs...); err != nil {
		return r, err
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	return r, nil
}

// loadRows reads a table and applies fn to each row, collecting errors.
func loadRows(path string, header []string, fn func(row) error) []error {
	rows, err := readTable(path, header)
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, rw := range rows {
		if err := fn(rw); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func (r *Review) loadProtocol(path string) []error {
	p := &r.Protocol
	p.Line = map[string]int{}
	header := []string{"section", "id", "text", "source"}
	return loadRows(path, header, func(rw row) error {
		sec, err := rw.oneOf("section", "meta", "platform", "term", "query", "date", "inclusion", "quality")
		if err != nil {
			return err
		}
		id, err := rw.required("id")
		if err != nil {
			return err
		}
		k := sec + "/" + id
		if first, dup := p.Line[k]; dup {
			return rw.errf("unique", "%s %q already defined on line %d", sec, id, first)
		}
		p.Line[k] = rw.line
		text := rw.get("text")
		if text == "" && sec != "date" {
			return rw.errf("required", "column %q is empty", "text")
		}
		c := Criterion{ID: id, Text: text, Source: rw.get("source")}
		switch sec {
		case "meta":
			switch id {
			case "title":
				p.Title = text
			case "question":
				p.Question = text
			case "conducted":
				p.Conducted = text
			case "guidelines":
				p.Guidelines = text
			case "figure":
				p.Figure = text
			default:
				return rw.errf("vocabulary", "meta id: want title|question|conducted|guidelines|figure, got %q", id)
			}
		case "platform":
			p.Platforms = append(p.Platforms, Platform{ID: id, Name: text})
		case "term":
			p.Terms = append(p.Terms, text)
		case "query":
			p.Query = append(p.Query, c)
		case "date":
			switch id {
			case "from":
				p.DateFrom = text
			case "to":
				p.DateTo = text
			default:
				return rw.errf("vocabulary", "date id: want from|to, got %q", id)
			}
		case "inclusion":
			p.Inclusion = append(p.Inclusion, c)
		case "quality":
			p.Quality = append(p.Quality, c)
		}
		return nil
	})
}

func (r *Review) loadStages(path string) []error {
	header := []string{"order", "id", "kind", "name", "description", "source"}
	return loadRows(path, header, func(rw row) error {
		order, err := rw.count("order")
		if err != nil {
			return err
		}
		id, err := rw.required("id")
		if err != nil {
			return err
		}
		kind, err := rw.oneOf("kind", KindIdentification, KindScreening, KindDeduplication, KindEligibility)
		if err != nil {
			return err
		}
		name, err := rw.required("name")
		if err != nil {
			return err
		}
		r.Stages = append(r.Stages, Stage{Order: order, ID: id, Kind: kind, Name: name,
			Description: rw.get("description"), Source: rw.get("source"), Line: rw.line})
		return nil
	})
}

func (r *Review) loadCounts(path string) []error {
	header := []string{"stage", "platform", "n", "basis", "note"}
	return loadRows(path, header, func(rw row) error {
		c := Count{Stage: rw.get("stage"), Platform: rw.get("platform"), Note: rw.get("note"), Line: rw.line}
		var err error
		if c.N, err = rw.count("n"); err != nil {
			return err
		}
		if c.Basis, err = rw.oneOf("basis", BasisReported, BasisDerived); err != nil {
			return err
		}
		r.Counts = append(r.Counts, c)
		return nil
	})
}

func (r *Review) loadDuplicates(path string) []error {
	header := []string{"stage", "platform", "duplicate_of", "n", "basis", "note"}
	return loadRows(path, header, func(rw row) error {
		d := Duplicate{Stage: rw.get("stage"), Platform: rw.get("platform"),
			DuplicateOf: splitList(rw.get("duplicate_of")), Note: rw.get("note"), Line: rw.line}
		var err error
		if d.N, err = rw.count("n"); err != nil {
			return err
		}
		if d.Basis, err = rw.oneOf("basis", BasisReported, BasisDerived); err != nil {
			return err
		}
		r.Duplicates = append(r.Duplicates, d)
		return nil
	})
}

func (r *Review) loadReasons(path string) []error {
	header := []string{"code", "label", "description"}
	return loadRows(path, header, func(rw row) error {
		code, err := rw.required("code")
		if err != nil {
			return err
		}
		label, err := rw.required("label")
		if err != nil {
			return err
		}
		r.Reasons = append(r.Reasons, Reason{Code: code, Label: label, Description: rw.get("description"), Line: rw.line})
		return nil
	})
}

func (r *Review) loadPapers(path string) []error {
	header := []string{"key", "thesis_ref", "title", "authors", "year", "venue", "found_on",
		"found_on_basis", "obtained_from", "decision", "reason_code", "reason", "source"}
	return loadRows(path, header, func(rw row) error {
		p := Paper{ThesisRef: rw.get("thesis_ref"), Authors: splitList(rw.get("authors")),
			Venue: rw.get("venue"), FoundOn: rw.get("found_on"), ObtainedFrom: rw.get("obtained_from"),
			ReasonCode: rw.get("reason_code"), Reason: rw.get("reason"), Source: rw.get("source"), Line: rw.line}
		var err error
		if p.Key, err = rw.required("key"); err != nil {
			return err
		}
		if p.Title, err = rw.required("title"); err != nil {
			return err
		}
		y := rw.get("year")
		if p.Year, err = strconv.Atoi(y); err != nil || p.Year < 1900 || p.Year > 2200 {
			return rw.errf("year", "column \"year\": want a four-digit year, got %q", y)
		}
		if p.FoundOnBasis, err = rw.oneOf("found_on_basis", BasisReported, BasisDerived); err != nil {
			return err
		}
		if p.Decision, err = rw.oneOf("decision", DecisionIncluded, DecisionExcluded, DecisionNotRetrieved); err != nil {
			return err
		}
		r.Papers = append(r.Papers, p)
		return nil
	})
}

func (r *Review) loadReferences(path string) []error {
	es, err := ReadBibTeX(path)
	if err != nil {
		return []error{err}
	}
	r.Bibliography = es
	return nil
}

// Entry returns the bibliography entry with the given key.
func (r *Review) Entry(key string) (Entry, bool) {
	for _, e := range r.Bibliography {
		if e.Key == key {
			return e, true
		}
	}
	return Entry{}, false
}

// Platform returns the display name of a platform ID (the ID if unknown).
func (r *Review) Platform(id string) string {
	for _, p := range r.Protocol.Platforms {
		if p.ID == id {
			return p.Name
		}
	}
	return id
}

// Count returns the recorded count of a stage and platform.
func (r *Review) Count(stage, platform string) (Count, bool) {
	for _, c := range r.Counts {
		if c.Stage == stage && c.Platform == platform {
			return c, true
		}
	}
	return Count{}, false
}

func (r *Review) path(file string) string { return filepath.Join(r.Dir, file) }
