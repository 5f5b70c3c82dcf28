package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVocabularyCoversTheData: every metric of the committed datasets is
// in Metrics with the unit it was recorded in, every unit in Units, every
// platform in Platforms; and data/README.md documents every metric and
// unit (as `name`). Names are unique.
func TestVocabularyCoversTheData(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Metrics {
		if seen[m.Name] {
			t.Errorf("metric %s listed twice", m.Name)
		}
		seen[m.Name] = true
	}
	units := map[string]bool{}
	for _, u := range Units {
		units[u] = true
	}
	for _, m := range Metrics {
		if !units[m.Unit] {
			t.Errorf("metric %s: unit %q is not in Units", m.Name, m.Unit)
		}
	}
	dirs, err := filepath.Glob(filepath.Join("..", "data", "*", SamplesFile))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no committed datasets under ../data: %v", err)
	}
	for _, path := range dirs {
		samples, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range samples {
			if unit, ok := MetricUnit(s.Metric); !ok || unit != s.Unit {
				t.Fatalf("%s: metric %s in %s: dataset.Metrics has it %v with unit %q", path, s.Metric, s.Unit, ok, unit)
			}
			if _, ok := Platform(s.Platform); !ok {
				t.Fatalf("%s: platform %s is not in dataset.Platforms", path, s.Platform)
			}
		}
	}
	doc, err := os.ReadFile(filepath.Join("..", "data", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Metrics {
		if !strings.Contains(string(doc), "`"+m.Name+"`") {
			t.Errorf("data/README.md does not document the metric %s", m.Name)
		}
	}
	for _, u := range Units {
		if !strings.Contains(string(doc), "`"+u+"`") {
			t.Errorf("data/README.md does not list the unit %s", u)
		}
	}
}
