package literature

import "testing"

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
