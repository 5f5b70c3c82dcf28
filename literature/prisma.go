package literature

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// NamedCount is a labelled number in the flow (a database, a screening
// step, an exclusion reason).
type NamedCount struct {
	Name string `json:"name"`
	N    int    `json:"n"`
}

// Flow holds the numbers of a PRISMA 2020 flow diagram for new studies
// identified via databases (Page et al. 2021, BMJ 372:n71).
type Flow struct {
	Review      string       `json:"review"`
	Title       string       `json:"title"`
	Identified  int          `json:"identified"`
	PerDatabase []NamedCount `json:"per_database"`
	Duplicates  int          `json:"duplicates"`
	// DuplicatesNote says when the source removed duplicates later than
	// PRISMA's box order suggests (empty when they were removed first).
	DuplicatesNote  string       `json:"duplicates_note,omitempty"`
	Screened        int          `json:"screened"`
	ScreenExcluded  int          `json:"screen_excluded"`
	ScreenSteps     []NamedCount `json:"screen_steps"`
	Sought          int          `json:"sought"`
	NotRetrieved    int          `json:"not_retrieved"`
	Assessed        int          `json:"assessed"`
	Excluded        []NamedCount `json:"excluded"` // full papers, by reason
	Included        int          `json:"included"`
	IncludedReports int          `json:"included_reports"`
}

// ExcludedTotal is the number of full papers excluded.
func (f Flow) ExcludedTotal() int {
	n := 0
	for _, e := range f.Excluded {
		n += e.N
	}
	return n
}

// Flow computes the PRISMA 2020 counts of a review. The review is validated
// first, so every number either comes from the records or from arithmetic
// the records force: records screened = identified − duplicates, excluded
// at screening = the drops of the screening stages, reports sought = the
// count left before eligibility.
func (r *Review) Flow() (Flow, error) {
	if err := r.Validate(); err != nil {
		return Flow{}, err
	}
	f := Flow{Review: r.ID, Title: r.Protocol.Title}
	first, _ := r.Count(r.Stages[0].ID, AllPlatforms)
	f.Identified = first.N
	for _, p := range r.Protocol.Platforms {
		if c, ok := r.Count(r.Stages[0].ID, p.ID); ok {
			f.PerDatabase = append(f.PerDatabase, NamedCount{p.Name, c.N})
		}
	}
	screenedBefore := ""
	for i, s := range r.Stages[:len(r.Stages)-1] {
		d, _ := r.drop(i, AllPlatforms)
		switch s.Kind {
		case KindDeduplication:
			f.Duplicates += d
			if screenedBefore != "" {
				f.DuplicatesNote = "removed after " + screenedBefore + " in the source review"
			}
		case KindScreening:
			f.ScreenExcluded += d
			f.ScreenSteps = append(f.ScreenSteps, NamedCount{s.Name, d})
			screenedBefore = strings.ToLower(s.Name)
		}
	}
	f.Screened = f.Identified - f.Duplicates
	sought, _ := r.Count(r.Stages[len(r.Stages)-2].ID, AllPlatforms)
	f.Sought = sought.N
	byReason := map[string]int{}
	for _, p := range r.Papers {
		switch p.Decision {
		case DecisionNotRetrieved:
			f.NotRetrieved++
		case DecisionExcluded:
			byReason[p.ReasonCode]++
		case DecisionIncluded:
			f.IncludedReports++
		}
	}
	f.Assessed = f.Sought - f.NotRetrieved
	for _, rs := range r.Reasons {
		if n := byReason[rs.Code]; n > 0 {
			f.Excluded = append(f.Excluded, NamedCount{rs.Label, n})
		}
	}
	last, _ := r.Count(r.Stages[len(r.Stages)-1].ID, AllPlatforms)
	f.Included = last.N
	return f, nil
}

// PrismaHeader is the header of the PRISMA2020 R package's data template
// (Haddaway et al. 2022, Campbell Systematic Reviews 18:e1230).
var PrismaHeader = []string{"data", "node", "box", "description", "boxtext", "tooltips", "url", "n"}

// PrismaRow is one row of the PRISMA2020 package's CSV template.
type PrismaRow struct {
	Data, Node, Box, Description, BoxText, Tooltips, URL, N string
}

// template holds the fixed columns of the package's template
// (inst/extdata/PRISMA.csv) in its row order; N is filled from the flow.
var template = []PrismaRow{
	{"NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies", "Grey title box; Previous studies", "prevstud.html", ""},
	{"previous_studies", "node5", "box1", "Studies included in previous version of review", "Studies included in previous version of review", "Studies included in previous version of review", "previous_studies.html", ""},
	{"previous_reports", "NA", "box1", "Reports of studies included in previous version of review", "Reports of studies included in previous version of review", "NA", "previous_reports.html", ""},
	{"NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers", "Identification of new studies via databases and registers", "Yellow title box; Identification of new studies via databases and registers", "newstud.html", ""},
	{"database_results", "node7", "box2", "Records identified from: Databases", "Databases", "Records identified from: Databases and Registers", "database_results.html", ""},
	{"database_specific_results", "NA", "box2", "Records identified from: specific databases", "Specific Databases", "NA", "database_results.html", ""},
	{"register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA", ""},
	{"register_specific_results", "NA", "box2", "Records identified from: specific registers", "Specific Registers", "NA", "database_results.html", ""},
	{"NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods", "Identification of new studies via other methods", "Grey title box; Identification of new studies via other methods", "othstud.html", ""},
	{"website_results", "node17", "box11", "Records identified from: Websites", "Websites", "Records identified from: Websites, Organisations and Citation Searching", "website_results.html", ""},
	{"organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA", "NA", ""},
	{"citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching", "NA", "NA", ""},
	{"duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records", "duplicates.html", ""},
	{"excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools", "Records marked as ineligible by automation tools", "NA", "NA", ""},
	{"excluded_other", "NA", "box3", "Records removed for other reasons", "Records removed for other reasons", "NA", "NA", ""},
	{"records_screened", "node9", "box4", "Records screened (databases and registers)", "Records screened", "Records screened (databases and registers)", "records_screened.html", ""},
	{"records_excluded", "node10", "box5", "Records excluded (databases and registers)", "Records excluded", "Records excluded (databases and registers)", "records_excluded.html", ""},
	{"dbr_sought_reports", "node11", "box6", "Reports sought for retrieval (databases and registers)", "Reports sought for retrieval", "Reports sought for retrieval (databases and registers)", "dbr_sought_reports.html", ""},
	{"dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved (databases and registers)", "Reports not retrieved", "Reports not retrieved (databases and registers)", "dbr_notretrieved_reports.html", ""},
	{"other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)", "Reports sought for retrieval", "Reports sought for retrieval (other)", "other_sought_reports.html", ""},
	{"other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)", "Reports not retrieved", "Reports not retrieved (other)", "other_notretrieved_reports.html", ""},
	{"dbr_assessed", "node13", "box8", "Reports assessed for eligibility (databases and registers)", "Reports assessed for eligibility", "Reports assessed for eligibility (databases and registers)", "dbr_assessed.html", ""},
	{"dbr_excluded", "node14", "box9", "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded", "Reports excluded (databases and registers)", "dbrexcludedrecords.html", ""},
	{"other_assessed", "node20", "box14", "Reports assessed for eligibility (other)", "Reports assessed for eligibility", "Reports assessed for eligibility (other)", "other_assessed.html", ""},
	{"other_excluded", "node21", "box15", "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded", "Reports excluded (other)", "other_excluded.html", ""},
	{"new_studies", "node15", "box10", "New studies included in review", "New studies included in review", "New studies included in review", "new_studies.html", ""},
	{"new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies", "NA", "NA", ""},
	{"total_studies", "node22", "box16", "Total studies included in review", "Total studies included in review", "Total studies included in review", "total_studies.html", ""},
	{"total_reports", "NA", "box16", "Reports of total included studies", "Reports of total included studies", "NA", "NA", ""},
	{"identification", "node1", "identification", "Blue identification box", "Identification", "Blue identification box", "identification.html", ""},
	{"screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box", "screening.html", ""},
	{"included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html", ""},
}

// joinCounts renders counts the way the package expects in its text cells:
// "name, n; name, n". Commas and semicolons inside names would break that
// format, so they are replaced.
func joinCounts(cs []NamedCount) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		name := strings.NewReplacer(",", " ", ";", " ").Replace(c.Name)
		parts[i] = fmt.Sprintf("%s, %d", name, c.N)
	}
	return strings.Join(parts, "; ")
}

// Rows returns the flow as rows of the PRISMA2020 package's template: the
// template's fixed columns with n filled in. Boxes the review does not use
// (previous studies, registers, other methods) get 0, as in the template,
// and the unused reason lists get NA. Title rows keep n = 0.
func (f Flow) Rows() []PrismaRow {
	itoa := strconv.Itoa
	n := map[string]string{
		"database_results":          itoa(f.Identified),
		"database_specific_results": joinCounts(f.PerDatabase),
		"register_specific_results": "NA",
		"other_excluded":            "NA",
		"duplicates":                itoa(f.Duplicates),
		"records_screened":          itoa(f.Screened),
		"records_excluded":          itoa(f.ScreenExcluded),
		"dbr_sought_reports":        itoa(f.Sought),
		"dbr_notretrieved_reports":  itoa(f.NotRetrieved),
		"dbr_assessed":              itoa(f.Assessed),
		"dbr_excluded":              joinCounts(f.Excluded),
		"new_studies":               itoa(f.Included),
		"new_reports":               itoa(f.IncludedReports),
		"total_studies":             itoa(f.Included),
		"total_reports":             itoa(f.IncludedReports),
	}
	if len(f.Excluded) == 0 {
		n["dbr_excluded"] = "NA"
	}
	rows := make([]PrismaRow, len(template))
	for i, t := range template {
		t.N = "0"
		if v, ok := n[t.Data]; ok {
			t.N = v
		}
		rows[i] = t
	}
	return rows
}

// WritePrismaCSV writes rows with PrismaHeader in the package's CSV format.
func WritePrismaCSV(w io.Writer, rows []PrismaRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(PrismaHeader); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Data, r.Node, r.Box, r.Description, r.BoxText, r.Tooltips, r.URL, r.N}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes the flow as an indented plain-text outline.
func (f Flow) WriteText(w io.Writer) error {
	var b strings.Builder
	line := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent))
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	list := func(cs []NamedCount) {
		for _, c := range cs {
			line(2, "%s: %d", c.Name, c.N)
		}
	}
	line(0, "PRISMA 2020 flow, review %s: %s", f.Review, f.Title)
	line(0, "Identification")
	line(1, "Records identified from databases: %d", f.Identified)
	list(f.PerDatabase)
	if f.DuplicatesNote != "" {
		line(1, "Duplicate records removed: %d (%s)", f.Duplicates, f.DuplicatesNote)
	} else {
		line(1, "Duplicate records removed: %d", f.Duplicates)
	}
	line(0, "Screening")
	line(1, "Records screened: %d", f.Screened)
	line(1, "Records excluded: %d", f.ScreenExcluded)
	list(f.ScreenSteps)
	line(1, "Reports sought for retrieval: %d", f.Sought)
	line(1, "Reports not retrieved: %d", f.NotRetrieved)
	line(1, "Reports assessed for eligibility: %d", f.Assessed)
	line(1, "Reports excluded: %d", f.ExcludedTotal())
	list(f.Excluded)
	line(0, "Included")
	line(1, "New studies included in review: %d", f.Included)
	line(1, "Reports of new included studies: %d", f.IncludedReports)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteStageTable writes the records left after each stage per platform as
// text; derived numbers carry a trailing "*".
func (r *Review) WriteStageTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s", "Stage")
	for _, p := range r.Protocol.Platforms {
		fmt.Fprintf(&b, " %*s", max(6, len(p.ID)), p.ID)
	}
	fmt.Fprintf(&b, " %6s\n", AllPlatforms)
	cell := func(stage, platform string, width int) {
		c, ok := r.Count(stage, platform)
		v := "-"
		if ok {
			v = strconv.Itoa(c.N)
			if c.Basis == BasisDerived {
				v += "*"
			}
		}
		fmt.Fprintf(&b, " %*s", width, v)
	}
	for _, s := range r.Stages {
		fmt.Fprintf(&b, "%-28s", fmt.Sprintf("%d %s", s.Order, s.Name))
		for _, p := range r.Protocol.Platforms {
			cell(s.ID, p.ID, max(6, len(p.ID)))
		}
		cell(s.ID, AllPlatforms, 6)
		b.WriteByte('\n')
	}
	b.WriteString("* derived by arithmetic from reported numbers; - not reported\n")
	_, err := io.WriteString(w, b.String())
	return err
}
