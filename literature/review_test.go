package literature

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadThesis(t *testing.T) *Review {
	t.Helper()
	r, err := Load(".", DefaultReview)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestThesisCounts(t *testing.T) {
	r := loadThesis(t)
	totals := map[string]int{"search": 140, "title": 37, "abstract": 13, "dedup": 7, "fulltext": 0}
	for stage, want := range totals {
		c, ok := r.Count(stage, AllPlatforms)
		if !ok || c.N != want || c.Basis != BasisReported {
			t.Errorf("%s total = %+v, want %d reported", stage, c, want)
		}
	}
	// Stages 1–3 per platform are printed in the thesis; 4–5 are derived.
	for _, c := range r.Counts {
		wantBasis := BasisReported
		if c.Platform != AllPlatforms && (c.Stage == "dedup" || c.Stage == "fulltext") {
			wantBasis = BasisDerived
		}
		if c.Basis != wantBasis {
			t.Errorf("counts.csv:%d %s/%s basis %s, want %s", c.Line, c.Stage, c.Platform, c.Basis, wantBasis)
		}
	}
	if gs, _ := r.Count("dedup", "google-scholar"); gs.N != 1 {
		t.Errorf("Google Scholar after duplicate removal = %d, want 1", gs.N)
	}
	if len(r.Duplicates) != 1 || r.Duplicates[0].N != 6 || r.Duplicates[0].Basis != BasisReported {
		t.Errorf("duplicates = %+v, want one reported row of 6", r.Duplicates)
	}
}

func TestThesisPapers(t *testing.T) {
	r := loadThesis(t)
	if len(r.Papers) != 7 {
		t.Fatalf("papers = %d, want the 7 of Table 5.1", len(r.Papers))
	}
	refs := []string{"6", "9", "14", "17", "4", "15", "21"} // Table 5.1 order
	for i, p := range r.Papers {
		if p.ThesisRef != refs[i] {
			t.Errorf("paper %d thesis_ref %s, want %s", i, p.ThesisRef, refs[i])
		}
		if p.Decision != DecisionExcluded || p.Reason == "" {
			t.Errorf("%s: decision %s reason %q; all were excluded with a reason", p.Key, p.Decision, p.Reason)
		}
	}
	faasm := r.Papers[6]
	if faasm.ObtainedFrom != "ArXiv.org" || faasm.FoundOn != "google-scholar" || faasm.FoundOnBasis != BasisDerived {
		t.Errorf("Faasm = %+v: want obtained from ArXiv.org as reported, found on google-scholar derived", faasm)
	}
}

func TestThesisFlow(t *testing.T) {
	f, err := loadThesis(t).Flow()
	if err != nil {
		t.Fatal(err)
	}
	got := []int{f.Identified, f.Duplicates, f.Screened, f.ScreenExcluded, f.Sought, f.NotRetrieved, f.Assessed, f.ExcludedTotal(), f.Included}
	want := []int{140, 6, 134, 127, 7, 0, 7, 7, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("flow numbers = %v, want %v", got, want)
			break
		}
	}
	if f.DuplicatesNote == "" {
		t.Error("the thesis removed duplicates after screening; the flow should say so")
	}
	var b bytes.Buffer
	if err := WritePrismaCSV(&b, f.Rows()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "data,node,box,description,boxtext,tooltips,url,n" {
		t.Errorf("header = %q", lines[0])
	}
	for _, want := range []string{
		"\ndatabase_results,node7,box2,",
		`,"ACM Digital Library, 14; IEEE Xplore, 11; ScienceDirect, 1; SpringerLink, 9; Google Scholar, 105"`,
		",duplicates.html,6\n",
		",records_screened.html,134\n",
		",records_excluded.html,127\n",
		",dbr_assessed.html,7\n",
		`,"No comparison with Docker, 3; No comparison with WebAssembly, 2; Indirect comparison only, 2"`,
		",new_studies.html,0\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("PRISMA CSV lacks %q", want)
		}
	}
}

func TestCorruptRecords(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		wantFile             string
		wantLine             int
		wantRule             string
	}{
		{"platform counts do not add up", "counts.csv", "search,acm,14,", "search,acm,15,", "counts.csv", 2, "sum"},
		{"a count grows", "counts.csv", "title,springerlink,3,", "title,springerlink,10,", "counts.csv", 12, "monotone"},
		{"duplicates do not explain the drop", "duplicates.csv", "acm;ieee,6,", "acm;ieee,5,", "counts.csv", 20, "duplicates"},
		{"excluded without reason", "papers.csv", "docker-only,Builds on Docker; no comparison with WebAssembly,Table 5.1\nradovici", "docker-only,,Table 5.1\nradovici", "papers.csv", 4, "reason"},
		{"unknown reason code", "papers.csv", "excluded,indirect,WebAssembly", "excluded,nonsense,WebAssembly", "papers.csv", 3, "reason"},
		{"citation key does not resolve", "papers.csv", "hall2019execution,9", "hall2019nowhere,9", "papers.csv", 3, "citation"},
		{"thesis number mismatch", "papers.csv", "hall2019execution,9", "hall2019execution,10", "papers.csv", 3, "citation"},
		{"not a number", "counts.csv", "title,all,37,", "title,all,thirty-seven,", "counts.csv", 8, "count"},
		{"bad basis", "counts.csv", "title,all,37,reported", "title,all,37,guessed", "counts.csv", 8, "vocabulary"},
		{"bad header", "papers.csv", "key,thesis_ref,", "id,thesis_ref,", "papers.csv", 1, "header"},
		{"unknown platform", "counts.csv", "title,ieee,5,", "title,ieeee,5,", "counts.csv", 10, "platform"},
		{"paper count disagrees", "counts.csv", "dedup,all,7,", "dedup,all,8,", "papers.csv", 0, "papers"},
		{"stage kinds out of order", "stages.csv", "5,fulltext,eligibility", "5,fulltext,screening", "stages.csv", 6, "stage-kind"},
		{"duplicate of itself", "references.bib", "duplicateof = {haas2017bringing}", "duplicateof = {haas2017bringing-dup}", "references.bib", 81, "citation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := copyTree(t, ".")
			edit(t, filepath.Join(root, "reviews", DefaultReview, c.file), c.old, c.new)
			_, err := Load(root, DefaultReview)
			if err == nil {
				t.Fatal("Load accepted corrupt records")
			}
			re := findRecordError(err, c.wantFile, c.wantRule)
			if re == nil {
				t.Fatalf("no %s error in %s; got:\n%v", c.wantRule, c.wantFile, err)
			}
			if re.Line != c.wantLine {
				t.Errorf("line %d, want %d: %v", re.Line, c.wantLine, re)
			}
			if !strings.Contains(err.Error(), filepath.Join(root, "reviews", DefaultReview, c.wantFile)) {
				t.Errorf("message does not name the file: %v", err)
			}
		})
	}
}

func TestMissingReview(t *testing.T) {
	_, err := Load(".", "no-such-review")
	if err == nil || !strings.Contains(err.Error(), DefaultReview) {
		t.Errorf("want an error listing the available reviews, got %v", err)
	}
}

// writeReview writes a synthetic review: a 2026 replication with two
// platforms, duplicates removed before screening, one paper not retrieved,
// one excluded and one included.
func writeReview(t *testing.T, root, id string) {
	t.Helper()
	dir := filepath.Join(root, "reviews", id)
	files := map[string]string{
		FileProtocol: `section,id,text,source
meta,title,Replication with the thesis protocol,synthetic
meta,question,RQ1 again,synthetic
meta,conducted,2026,synthetic
platform,acm,ACM Digital Library,synthetic
platform,ieee,IEEE Xplore,synthetic
term,webassembly,WebAssembly,synthetic
term,docker,Docker,synthetic
date,from,2017,synthetic
date,to,2026-12-31,synthetic
inclusion,IC1,English,synthetic
quality,QA1,Containers,synthetic
`,
		FileStages: `order,id,kind,name,description,source
1,search,identification,Search,,synthetic
2,dedup,deduplication,Duplicates,,synthetic
3,title,screening,Title,,synthetic
4,fulltext,eligibility,Full text,,synthetic
`,
		FileCounts: `stage,platform,n,basis,note
search,all,30,reported,
search,acm,12,reported,
search,ieee,18,reported,
dedup,all,26,reported,
dedup,acm,12,reported,
dedup,ieee,14,reported,
title,all,3,reported,
fulltext,all,1,reported,
`,
		FileDuplicates: `stage,platform,duplicate_of,n,basis,note
dedup,ieee,acm,4,reported,
`,
		FileReasons: `code,label,description
wasm-only,No comparison with Docker,
`,
		FilePapers: `key,thesis_ref,title,authors,year,venue,found_on,found_on_basis,obtained_from,decision,reason_code,reason,source
p1,,Included paper,A; B,2024,V,acm,reported,ACM,included,,,synthetic
p2,,Excluded paper,C,2023,V,ieee,reported,IEEE,excluded,wasm-only,no Docker,synthetic
p3,,Missing paper,D,2025,V,ieee,reported,,not-retrieved,,,synthetic
`,
		FileReferences: `@misc{p1, title = {Included paper}, year = {2024}}
@misc{p2, title = {Excluded paper}, year = {2023}}
@misc{p3, title = {Missing paper}, year = {2025}}
`,
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSyntheticReview(t *testing.T) {
	root := t.TempDir()
	writeReview(t, root, "replication-2026")
	ids, err := Reviews(root)
	if err != nil || len(ids) != 1 || ids[0] != "replication-2026" {
		t.Fatalf("Reviews = %v, %v", ids, err)
	}
	r, err := Load(root, "replication-2026")
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Flow()
	if err != nil {
		t.Fatal(err)
	}
	got := []int{f.Identified, f.Duplicates, f.Screened, f.ScreenExcluded, f.Sought, f.NotRetrieved, f.Assessed, f.ExcludedTotal(), f.Included}
	want := []int{30, 4, 26, 23, 3, 1, 2, 1, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("flow = %v, want %v", got, want)
		}
	}
	if f.DuplicatesNote != "" {
		t.Errorf("duplicates were removed first; note = %q", f.DuplicatesNote)
	}
	paths, err := r.WriteFigures(filepath.Join(root, "figs"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(paths[0]) != "prisma-replication-2026.svg" {
		t.Errorf("figure = %s", paths[0])
	}
	// An included count that disagrees with papers.csv is caught.
	edit(t, filepath.Join(root, "reviews", "replication-2026", FileCounts), "fulltext,all,1,", "fulltext,all,0,")
	if _, err := Load(root, "replication-2026"); findRecordError(err, FilePapers, "papers") == nil {
		t.Errorf("included count mismatch not caught: %v", err)
	}
}

func TestFiguresDeterministic(t *testing.T) {
	r := loadThesis(t)
	a, b := t.TempDir(), t.TempDir()
	if _, err := r.WriteFigures(a); err != nil {
		t.Fatal(err)
	}
	if _, err := r.WriteFigures(b); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".svg", ".csv"} {
		x, _ := os.ReadFile(filepath.Join(a, "prisma-thesis"+ext))
		y, _ := os.ReadFile(filepath.Join(b, "prisma-thesis"+ext))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d vs %d bytes)", ext, len(x), len(y))
		}
	}
	svg, _ := os.ReadFile(filepath.Join(a, "prisma-thesis.svg"))
	for _, want := range []string{"Records identified from databases (n = 140)", "Records screened (n = 134)", "Indirect comparison only (n = 2)"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// The committed figure data must match the records.
	committed, err := os.ReadFile("../figures/prisma-thesis.csv")
	if err != nil {
		t.Fatalf("committed figure data: %v (run: edgewasm literature figures)", err)
	}
	fresh, _ := os.ReadFile(filepath.Join(a, "prisma-thesis.csv"))
	if !bytes.Equal(committed, fresh) {
		t.Error("figures/prisma-thesis.csv is stale: run `edgewasm literature figures`")
	}
}

func TestPaperOutsideDateWindow(t *testing.T) {
	root := t.TempDir()
	writeReview(t, root, "r")
	edit(t, filepath.Join(root, "reviews", "r", FilePapers), "Excluded paper,C,2023", "Excluded paper,C,2027")
	if re := findRecordError(func() error { _, err := Load(root, "r"); return err }(), FilePapers, "date"); re == nil || re.Line != 3 {
		t.Errorf("paper after date,to not caught at line 3: %v", re)
	}
}
