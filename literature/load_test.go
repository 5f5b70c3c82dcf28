package literature

import (
	"strings"
	"testing"
)

func TestLoadThesis(t *testing.T) {
	r, err := Load(".", DefaultReview)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Papers); got != 7 {
		t.Errorf("papers = %d, want 7", got)
	}
	if got := len(r.Bibliography); got != 24 {
		t.Errorf("bibliography = %d, want 24", got)
	}
}

func TestPrintFlow(t *testing.T) {
	r, _ := Load(".", DefaultReview)
	f, err := r.Flow()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	f.WriteText(&b)
	r.WriteStageTable(&b)
	WritePrismaCSV(&b, f.Rows())
	t.Log("\n" + b.String())
}

func TestDrawTmp(t *testing.T) {
	r, _ := Load(".", DefaultReview)
	if _, err := r.WriteFigures("/tmp/figs"); err != nil {
		t.Fatal(err)
	}
}
