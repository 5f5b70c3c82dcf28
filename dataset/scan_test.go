package dataset

import (
	"strings"
	"testing"
)

func TestScanCutsTheDamagedEnd(t *testing.T) {
	head := strings.Join(Columns, ",") + "\n"
	row := "cpu,aes,c,native,1,wall_ms,1.5,ms,ok,100,1,2026-01-02T03:04:05Z,1,1\n"
	cases := []struct {
		name, in string
		rows     int
		cut      string
		header   bool
	}{
		{"intact", head + row + row, 2, "", true},
		{"torn row", head + row + "cpu,aes,c,nat", 1, "cpu,aes,c,nat", true},
		{"torn number", head + row + row[:len(row)-3], 1, row[:len(row)-3], true},
		{"zeros after a power loss", head + row + "\x00\x00\x00\x00", 1, "\x00\x00\x00\x00", true},
		{"zeros, then rows", head + "\x00\x00\n" + row, 0, "\x00\x00\n" + row, true},
		{"torn header", head[:20], 0, head[:20], false},
		{"empty", "", 0, "", false},
	}
	for _, c := range cases {
		sc, err := ScanBytes([]byte(c.in), "x.csv")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(sc.Rows) != c.rows || string(sc.Cut) != c.cut || sc.Header != c.header {
			t.Errorf("%s: %d rows, cut %q, header %v; want %d, %q, %v", c.name, len(sc.Rows), sc.Cut, sc.Header, c.rows, c.cut, c.header)
		}
		if c.cut != "" && sc.CutLine < 1 {
			t.Errorf("%s: cut line %d", c.name, sc.CutLine)
		}
	}
	// More damage than an interruption leaves is reported, not cut.
	big := head + "garbage\n" + strings.Repeat(row, MaxCut/len(row)+1)
	if _, err := ScanBytes([]byte(big), "x.csv"); err == nil || !strings.HasPrefix(err.Error(), "x.csv:2: ") {
		t.Fatalf("large damage: %v", err)
	}
	if _, err := ScanBytes([]byte("not,a,header\n"), "x.csv"); err == nil || !strings.HasPrefix(err.Error(), "x.csv:1: ") {
		t.Fatalf("bad header: %v", err)
	}
}
