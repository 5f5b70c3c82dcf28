package literature

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Fuzz targets for the literature records: nothing may panic, and every
// error names its file and, for a problem with a record, its line. CI runs
// each for a few seconds (.ci/fuzz); `go test` runs their seeds.

// fileLevel are the rules whose errors concern a file as a whole (a
// required row that is absent), reported with line 0.
var fileLevel = map[string]bool{"protocol": true, "stages": true, "stage-total": true}

var locatedErr = regexp.MustCompile(`^[^:\n]+:[1-9][0-9]*: `)

// checkLocated fails unless every error in err's tree names a file and a
// line (or is a file-level RecordError).
func checkLocated(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			checkLocated(t, e)
		}
		return
	}
	var re *RecordError
	if errors.As(err, &re) {
		if re.File == "" || (re.Line < 1 && !fileLevel[re.Rule]) {
			t.Fatalf("error without file and line: %#v", re)
		}
		return
	}
	if !locatedErr.MatchString(err.Error()) {
		t.Fatalf("error without file and line: %v", err)
	}
}

func FuzzBibTeX(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("reviews", DefaultReview, FileReferences))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("@article{a,\n title = {x {y} z},\n year = 2020\n}\n@book{a, title=\"q\"}"))
	f.Add([]byte("% c\n@misc{k, note = {unbalanced}\n"))
	f.Add([]byte("@string{x = \"y\"}\n@misc{k, a = x # y}"))
	f.Add([]byte("@misc{k,\n t = {\\'e\\\"o --},\n t = {dup}}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := parseBibTeX("x/references.bib", string(b))
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) || re.File != "x/references.bib" || re.Line < 1 {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		for _, e := range entries {
			if e.Key == "" || e.Line < 1 {
				t.Fatalf("entry %+v", e)
			}
			for k := range e.Fields {
				_ = e.Text(k)
			}
		}
	})
}

// literatureFiles are the CSV records FuzzLiteratureCSV replaces, one at a
// time, in a copy of the literature folder.
var literatureFiles = []string{
	FileLaterStudies, FileOrchestration,
	filepath.Join("reviews", DefaultReview, FileProtocol),
	filepath.Join("reviews", DefaultReview, FileStages),
	filepath.Join("reviews", DefaultReview, FileCounts),
	filepath.Join("reviews", DefaultReview, FileDuplicates),
	filepath.Join("reviews", DefaultReview, FileReasons),
	filepath.Join("reviews", DefaultReview, FilePapers),
}

func FuzzLiteratureCSV(f *testing.F) {
	root := copyTree(f, ".")
	originals := map[string][]byte{}
	for i, rel := range literatureFiles {
		b, err := os.ReadFile(rel)
		if err != nil {
			f.Fatal(err)
		}
		originals[rel] = b
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("id,title\n\"unterminated\n"))
	f.Add(uint8(2), []byte("section,id,text,source\nmeta,title,x,y\nplatform,\ufeffx,,\n"))
	f.Add(uint8(4), []byte("stage,platform,n,source\nx,all,-1,\n"))
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		rel := literatureFiles[int(which)%len(literatureFiles)]
		path := filepath.Join(root, rel)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(path, originals[rel], 0o644)
		var err error
		switch rel {
		case FileLaterStudies:
			_, err = LoadLaterStudies(root)
		case FileOrchestration:
			_, err = LoadOrchestration(root)
		default:
			_, err = Load(root, DefaultReview)
		}
		checkLocated(t, err)
	})
}
