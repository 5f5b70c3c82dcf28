package run

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/internal/resume"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// fakeExperiments are the experiments a scripted runner can answer: all
// but network, whose transfers need a real server (fake.Runner is no
// runners.Server, so its network rows would be failed:unsupported).
const fakeExperiments = "cpu,memory,fsio,startup"

// fakeOptions runs those experiments in both languages on three platforms,
// all scripted (see honest), so a whole run takes a fraction of a second.
func fakeOptions(out string, f Factory) Options {
	return Options{Root: "../..", Profile: "quick", Platforms: "native,wazero,wazero-cold", Langs: "c,go",
		Experiments: fakeExperiments, Out: out, WasmMaxPages: wazero.DefaultMemoryLimitPages, Stdout: &bytes.Buffer{},
		NewRunner: f, Settle: 0}
}

// resumeOptions resumes out with every option taken from the record.
func resumeOptions(out string, f Factory) Options {
	return Options{Root: "../..", Resume: out, Settle: -1, Stdout: &bytes.Buffer{}, NewRunner: f}
}

// checkComplete asserts the dataset in out holds exactly one complete row
// set, all ok, for every invocation of its plan, with each metric once;
// and nothing else. With plannedSeq, each set must also carry the seq the
// plan gives it (the interleaved order is kept).
func checkComplete(t *testing.T, out string) *dataset.Dataset {
	t.Helper()
	return checkDataset(t, out, true)
}

func checkDataset(t *testing.T, out string, plannedSeq bool) *dataset.Dataset {
	t.Helper()
	ds, err := dataset.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg := planOf(ds.Env)
	missing, err := resume.Audit(cfg, append(append([]dataset.Sample{}, ds.Samples...), ds.Superseded...))
	if err != nil {
		t.Error(err)
	}
	if len(missing) > 0 {
		t.Errorf("%d invocations missing, e.g. %s", len(missing), missing[0])
	}
	planned := map[protocol.Key]bool{}
	seq := map[protocol.Key]int{}
	for _, st := range protocol.Plan(cfg) {
		planned[st.Key()] = !st.Warmup()
		seq[st.Key()] = st.Seq
	}
	for _, s := range append(append([]dataset.Sample{}, ds.Samples...), ds.Superseded...) {
		if !planned[protocol.KeyOf(s)] {
			t.Errorf("row of an unplanned invocation: %+v", s)
		}
		if plannedSeq && s.Seq != seq[protocol.KeyOf(s)] {
			t.Errorf("%s: seq %d, the plan numbers it %d", protocol.KeyOf(s), s.Seq, seq[protocol.KeyOf(s)])
		}
		if !s.OK() {
			t.Errorf("%s: status %s", protocol.KeyOf(s), s.Status)
		}
	}
	want := 0
	for _, p := range planned {
		if p {
			want++
		}
	}
	if ds.Env.Samples != want || ds.Env.Failed != 0 || ds.Env.Interrupted || ds.Env.Finished == nil {
		t.Errorf("environment: samples %d (want %d), failed %d, interrupted %v, finished %v",
			ds.Env.Samples, want, ds.Env.Failed, ds.Env.Interrupted, ds.Env.Finished)
	}
	return ds
}

// planOf is the configuration of the plan a dataset was recorded with.
func planOf(env dataset.Environment) protocol.Config {
	cfg := protocol.Config{Profile: env.Profile, Langs: env.Langs, Experiments: env.Experiments, Reruns: env.Reruns}
	for _, p := range env.Platforms {
		if _, gone := env.Unavailable[p]; !gone {
			cfg.Platforms = append(cfg.Platforms, p)
		}
	}
	return cfg
}

// interruptAfter is a factory whose runners cancel the run once n
// invocations have started.
func interruptAfter(n int64, cancel context.CancelFunc) Factory {
	var calls atomic.Int64
	inner := honest(0, nil)
	return func(name string, _ PlatformOptions) (runners.Runner, error) {
		return &fake.Runner{Platform: name, Func: func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
			if !isBaseline(inv) && calls.Add(1) == n {
				cancel()
			}
			return inner(ctx, inv, hold)
		}}, nil
	}
}

func TestResumeAfterInterrupt(t *testing.T) {
	isolateTemp(t)
	for _, n := range []int64{1, 37, 150, 250} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "ds")
			ctx, cancel := context.WithCancel(context.Background())
			err := Run(ctx, fakeOptions(out, interruptAfter(n, cancel)))
			if err == nil || !strings.Contains(err.Error(), "--resume") {
				t.Fatalf("interrupted run: %v", err)
			}
			before, err := dataset.ReadFile(filepath.Join(out, dataset.SamplesFile))
			if err != nil {
				t.Fatal(err)
			}
			interrupted := 0
			for _, s := range before {
				if s.Status == dataset.Failed("interrupted") {
					interrupted++
				}
			}
			var log bytes.Buffer
			o := resumeOptions(out, fakeFactory(0, nil))
			o.Stdout = &log
			if err := Run(context.Background(), o); err != nil {
				t.Fatalf("resume: %v\n%s", err, log.String())
			}
			ds := checkComplete(t, out)
			if len(ds.Env.Resumes) != 1 {
				t.Fatalf("%d resumes recorded", len(ds.Env.Resumes))
			}
			r := ds.Env.Resumes[0]
			if r.Kept+r.Remaining != ds.Env.Samples || r.Forced || r.At.IsZero() {
				t.Errorf("resume record %+v", r)
			}
			// The interrupted rows are not lost: they moved to the side file.
			if interrupted > 0 {
				side, err := os.ReadFile(filepath.Join(out, r.ReplacedFile))
				if err != nil || !bytes.Contains(side, []byte(resume.ReasonInterrupted)) {
					t.Errorf("replaced rows: %v\n%s", err, side)
				}
			}
			if !strings.Contains(log.String(), "resuming") {
				t.Errorf("log: %s", log.String())
			}
		})
	}
}

// A torn last row and an invocation cut short between two of its rows
// are repaired: the damaged bytes go to the cut file, the partial row set
// to the replaced file, and both invocations run again.
func TestResumeRepairsDamagedEnd(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	ctx, cancel := context.WithCancel(context.Background())
	_ = Run(ctx, fakeOptions(out, interruptAfter(90, cancel)))
	path := filepath.Join(out, dataset.SamplesFile)
	rows, err := dataset.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Drop the interrupted row set and the last row of the set before it,
	// then add half a row.
	last := rows[len(rows)-1].Seq
	keep := rows[:0]
	for _, s := range rows {
		if s.Seq != last {
			keep = append(keep, s)
		}
	}
	if err := dataset.Rewrite(path, keep[:len(keep)-1]); err != nil {
		t.Fatal(err)
	}
	torn := "cpu,aes,c,native,2,wall_ms,1.2"
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(torn)
	f.Close()

	var log bytes.Buffer
	o := resumeOptions(out, fakeFactory(0, nil))
	o.Stdout = &log
	if err := Run(context.Background(), o); err != nil {
		t.Fatalf("resume: %v\n%s", err, log.String())
	}
	ds := checkComplete(t, out)
	r := ds.Env.Resumes[0]
	if cut, err := os.ReadFile(filepath.Join(out, r.CutFile)); err != nil || string(cut) != torn || r.CutBytes != len(torn) {
		t.Errorf("cut file %q (%v), record %+v", cut, err, r)
	}
	side, err := os.ReadFile(filepath.Join(out, r.ReplacedFile))
	if err != nil || !bytes.Contains(side, []byte(resume.ReasonIncomplete)) {
		t.Errorf("replaced: %v\n%s", err, side)
	}
	if !strings.Contains(log.String(), "cut 30 damaged bytes") {
		t.Errorf("log: %s", log.String())
	}
}

// The fsio write and read of one repetition run together: a resume after
// the write of a repetition runs that write again before its read.
func TestResumeRunsAFilePairAgain(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	ctx, cancel := context.WithCancel(context.Background())
	o := fakeOptions(out, nil)
	o.Experiments, o.Platforms, o.Langs = "fsio", "native", "c"
	// Invocation 4 is the read of rep 2: it is interrupted after its write.
	o.NewRunner = interruptAfter(4, cancel)
	_ = Run(ctx, o)
	o2 := resumeOptions(out, fakeFactory(0, nil))
	if err := Run(context.Background(), o2); err != nil {
		t.Fatal(err)
	}
	ds := checkComplete(t, out)
	side, err := os.ReadFile(filepath.Join(out, ds.Env.Resumes[0].ReplacedFile))
	if err != nil || !bytes.Contains(side, []byte(resume.ReasonFilePair)) || !bytes.Contains(side, []byte("fsio,write,c,native,2,")) {
		t.Errorf("replaced: %v\n%s", err, side)
	}
}

func TestResumeRefusesAnotherConfiguration(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	ctx, cancel := context.WithCancel(context.Background())
	o := fakeOptions(out, interruptAfter(20, cancel))
	o.Langs = "c"
	_ = Run(ctx, o)

	o2 := resumeOptions(out, fakeFactory(0, nil))
	o2.Langs, o2.WasmMaxPages = "c,go", 100
	err := Run(context.Background(), o2)
	var bad *BadInput
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "languages: recorded [c], now [c go]") ||
		!strings.Contains(err.Error(), "--wasm-max-pages: recorded 16384, now 100") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	// A recorded commit other than this checkout's.
	env, _ := dataset.ReadEnvironment(out)
	env.Tool.GitCommit = strings.Repeat("0", 40)
	dataset.WriteEnvironment(out, env)
	if err := Run(context.Background(), resumeOptions(out, fakeFactory(0, nil))); !errors.As(err, &bad) || !strings.Contains(err.Error(), "tool commit: recorded 0000") {
		t.Fatalf("err = %v", err)
	}
	// --force goes on, with the new languages, and records why.
	o2.WasmMaxPages, o2.Force = 0, true
	if err := Run(context.Background(), o2); err != nil {
		t.Fatal(err)
	}
	env, _ = dataset.ReadEnvironment(out)
	if r := env.Resumes[0]; !r.Forced || len(r.Differences) != 2 {
		t.Fatalf("resume record %+v", r)
	}
	ds := checkDataset(t, out, false)
	goRows := 0
	for _, s := range ds.Samples {
		if s.Lang == "go" {
			goRows++
		}
	}
	if goRows == 0 {
		t.Error("forced resume did not run the Go guests")
	}
}

func TestResumeNothingToDoAndNoDataset(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	o.Experiments = "startup"
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, dataset.EnvironmentFile))
	var log bytes.Buffer
	o2 := resumeOptions(out, fakeFactory(0, nil))
	o2.Stdout = &log
	if err := Run(context.Background(), o2); err != nil || !strings.Contains(log.String(), "nothing to resume") {
		t.Fatalf("%v: %s", err, log.String())
	}
	after, _ := os.ReadFile(filepath.Join(out, dataset.EnvironmentFile))
	if !bytes.Equal(before, after) {
		t.Error("a resume with nothing to do rewrote environment.json")
	}
	// A new run into the same directory is refused; so is a resume of a
	// directory with no run.
	var bad *BadInput
	if err := Run(context.Background(), o); !errors.As(err, &bad) || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("second run into %s: %v", out, err)
	}
	if err := Run(context.Background(), resumeOptions(t.TempDir(), nil)); !errors.As(err, &bad) || !strings.Contains(err.Error(), "no run to resume") {
		t.Fatalf("resume of an empty directory: %v", err)
	}
}

// isolateTemp gives the test its own temporary directory and registry of
// owned directories, so the sweep at the start of each run only ever sees
// this test's directories.
func isolateTemp(t *testing.T) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("EDGEWASM_OWNED_DIRS", t.TempDir())
}
