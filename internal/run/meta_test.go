package run

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

func TestParseMeta(t *testing.T) {
	got, err := parseMeta([]string{"fleet.inventory=lab,shelf 2.ini", "fleet.bundle_sha256=ab12", "empty="})
	want := map[string]string{"fleet.inventory": "lab,shelf 2.ini", "fleet.bundle_sha256": "ab12", "empty": ""}
	if err != nil || !maps.Equal(got, want) {
		t.Fatalf("parseMeta = %v, %v; want %v", got, err, want)
	}
	if got, err := parseMeta(nil); got != nil || err != nil {
		t.Errorf("no flags: %v, %v", got, err)
	}
	for _, bad := range [][]string{{"novalue"}, {"=v"}, {".k=v"}, {"k y=v"}, {"k=a\nb"}, {"k=1", "k=2"}, {strings.Repeat("k", 65) + "=v"}} {
		_, err := parseMeta(bad)
		var b *BadInput
		if !errors.As(err, &b) || !strings.Contains(err.Error(), "--meta") {
			t.Errorf("parseMeta(%q) = %v, want a BadInput naming --meta", bad, err)
		}
	}
}

// A new run records its --meta facts; a resume given other facts is not
// refused (they are no configuration) and records them in its own resume
// record, leaving those of the first session as they were.
func TestMetaRecordedAndNotComparedOnResume(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	ctx, cancel := context.WithCancel(context.Background())
	o := fakeOptions(out, interruptAfter(20, cancel))
	o.Meta = []string{"fleet.inventory=lab.ini", "fleet.bundle_sha256=1111"}
	if err := Run(ctx, o); err == nil {
		t.Fatal("the interrupted run reported success")
	}
	env, err := dataset.ReadEnvironment(out)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{"fleet.inventory": "lab.ini", "fleet.bundle_sha256": "1111"}
	if !maps.Equal(env.Meta, first) {
		t.Fatalf("meta of the new run: %v, want %v", env.Meta, first)
	}

	r := resumeOptions(out, fakeFactory(0, nil))
	r.Meta = []string{"fleet.inventory=lab.ini", "fleet.bundle_sha256=2222"}
	if err := Run(context.Background(), r); err != nil {
		t.Fatalf("resume with other meta: %v", err)
	}
	ds := checkComplete(t, out)
	if !maps.Equal(ds.Env.Meta, first) {
		t.Errorf("the resume changed the first session's meta: %v", ds.Env.Meta)
	}
	if len(ds.Env.Resumes) != 1 {
		t.Fatalf("%d resumes recorded", len(ds.Env.Resumes))
	}
	rec := ds.Env.Resumes[0]
	if rec.Meta["fleet.bundle_sha256"] != "2222" || rec.Forced || len(rec.Differences) > 0 {
		t.Errorf("resume record: meta %v, forced %v, differences %v", rec.Meta, rec.Forced, rec.Differences)
	}
}
