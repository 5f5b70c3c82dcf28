package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/report/stats"
)

const statsTestdata = "report/stats/testdata"

func TestStatsFriedmanJSON(t *testing.T) {
	var out bytes.Buffer
	err := runStatsFriedman(context.Background(), statsFriedmanOptions{
		File: filepath.Join(statsTestdata, "thesis_incomplete.csv"), Format: "json",
		Posthoc: stats.PosthocTests, Stdout: &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Statistic float64  `json:"statistic"`
		DF        int      `json:"df"`
		P         *float64 `json:"p_value"`
		W         float64  `json:"kendall_w"`
		N, K      int
		Warnings  []string
		Posthoc   []struct {
			A, B, Test string
			Statistic  *float64
			PRaw       *float64 `json:"p_raw"`
			PAdjusted  *float64 `json:"p_adjusted"`
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	// Ten repetitions rank native < docker < wazero every time: Q = 20, W = 1.
	if got.Statistic != 20 || got.DF != 2 || got.P == nil || math.Abs(*got.P-math.Exp(-10)) > 1e-15 ||
		got.W != 1 || got.N != 10 || got.K != 3 {
		t.Errorf("friedman fields: %s", out.String())
	}
	if len(got.Warnings) != 2 {
		t.Errorf("warnings %q, want the two incomplete blocks", got.Warnings)
	}
	if len(got.Posthoc) != 9 {
		t.Fatalf("%d post-hoc rows, want 3 tests × 3 pairs", len(got.Posthoc))
	}
	for _, p := range got.Posthoc {
		if p.PRaw == nil || p.PAdjusted == nil {
			t.Errorf("post-hoc row without p: %+v", p)
		}
		if p.Test == stats.TestConover && p.Statistic != nil {
			t.Errorf("infinite Conover t should be null, got %v", *p.Statistic)
		}
	}
}

func TestStatsFriedmanText(t *testing.T) {
	var out bytes.Buffer
	err := runStatsFriedman(context.Background(), statsFriedmanOptions{
		File: filepath.Join(statsTestdata, "rounding.csv"), Format: "text",
		Posthoc: []string{stats.TestWilcoxon}, Stdout: &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"chi-squared = 11.1429, df = 2, p-value = 0.00380504", "n = 22 blocks, k = 3 treatments",
		"round out", "wilcoxon", "holm"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestStatsFriedmanBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, csv, want string }{
		{"nocol.csv", "block,treatment\n1,a\n", `nocol.csv:1: header lacks column "value"`},
		{"nan.csv", "block,treatment,value\n1,a,1\n1,b,slow\n", `nan.csv:3: column "value": "slow" is not a finite number`},
		{"dup.csv", "block,treatment,value\n1,a,1\n1,b,2\n1,a,3\n", `dup.csv:4: duplicate observation for block "1", treatment "a" (first at line 2)`},
		{"one.csv", "block,treatment,value\n1,a,1\n2,a,2\n", "one.csv:2: found 1 treatment(s)"},
		{"tied.csv", "block,treatment,value\n1,a,1\n1,b,1\n", "Friedman statistic is undefined"},
	}
	for _, c := range cases {
		file := filepath.Join(dir, c.name)
		if err := os.WriteFile(file, []byte(c.csv), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := runStatsFriedman(context.Background(), statsFriedmanOptions{File: file, Format: "text", Stdout: &out})
		assertExit2(t, c.name, err, c.want)
		if out.Len() != 0 {
			t.Errorf("%s: printed %q on bad input", c.name, out.String())
		}
	}
	err := runStatsFriedman(context.Background(), statsFriedmanOptions{File: filepath.Join(dir, "absent.csv"), Format: "text"})
	assertExit2(t, "absent", err, "absent.csv")
	err = runStatsFriedman(context.Background(), statsFriedmanOptions{File: "x.csv", Format: "yaml"})
	assertExit2(t, "format", err, `--format "yaml"`)
	err = runStatsFriedman(context.Background(), statsFriedmanOptions{File: "x.csv", Format: "text", Posthoc: []string{"dunn"}})
	assertExit2(t, "posthoc", err, `--posthoc "dunn"`)
}

func assertExit2(t *testing.T, name string, err error, want string) {
	t.Helper()
	var ec cli.ExitCoder
	if !errors.As(err, &ec) || ec.ExitCode() != exitBadArgs || !strings.Contains(err.Error(), want) {
		t.Errorf("%s: error %v, want exit code 2 with %q", name, err, want)
	}
}
