package run

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners/tempdir"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// The test binary doubles as an `edgewasm run` process that tests can kill:
// with childEnv set, TestMain runs Run with the options it holds and
// scripted runners that pause up to childPause per invocation, and exits
// as the command would (0, 1 failed or interrupted, 2 bad input).
const childEnv = "EDGEWASM_RUN_CHILD"

const childPause = 4 * time.Millisecond

// childSpec is what a child runs.
type childSpec struct {
	Out, Resume, Experiments, Platforms, Langs string
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

func runChild(spec string) int {
	var s childSpec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	o := Options{Root: "../..", Profile: "quick", Platforms: s.Platforms, Langs: s.Langs, Experiments: s.Experiments,
		Out: s.Out, WasmMaxPages: wazero.DefaultMemoryLimitPages, Stdout: os.Stdout, NewRunner: fakeFactory(childPause, nil)}
	if s.Resume != "" {
		o = Options{Root: "../..", Resume: s.Resume, Settle: -1, Stdout: os.Stdout, NewRunner: fakeFactory(childPause, nil)}
	}
	err := Run(context.Background(), o)
	var bad *BadInput
	switch {
	case err == nil:
		return 0
	case errors.As(err, &bad):
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	fmt.Fprintln(os.Stderr, err)
	return 1
}

// startChild starts a child run of spec.
func startChild(t *testing.T, s childSpec) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	spec, _ := json.Marshal(s)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return cmd, &out, done
}

// killPoints is how many times TestKillAndResume kills a run.
const killPoints = 60

// TestKillAndResume kills runs with SIGKILL at killPoints random moments
// and resumes each after every kill until it finishes; then it starts a
// new dataset, until killPoints kills are spent. Every dataset must hold
// every invocation of its plan exactly once, complete, with the seq the
// plan gives it (the interleaved order), nothing failed, and nothing left
// behind. After some kills the test also damages the end of samples.csv as
// a kill in the middle of a write, or a power loss, would (half a row; a
// row set missing its last row): the resume must repair it and keep the
// cut bytes.
//
// The runs are real processes running the whole run path (validation,
// locking, resume, the protocol, the writer); only the runners are
// scripted, so each of the 108 invocations of a dataset takes a few
// milliseconds. An uninterrupted run first measures how long a whole run
// takes here; the kill moments are uniform over that, so they fall in
// every phase: validation, preparation, the repair, execution, the final
// write.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	isolateTemp(t)
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 13))
	spec := childSpec{Experiments: fakeExperiments, Platforms: "native,wazero,wazero-cold", Langs: "c"}

	s := spec
	s.Out = filepath.Join(t.TempDir(), "ds")
	t0 := time.Now()
	_, log, done := startChild(t, s)
	if err := <-done; err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, log.String())
	}
	whole := time.Since(t0)
	checkComplete(t, s.Out)

	var kills, datasets, runs, torn, partial, resumes, cuts int
	for kills < killPoints {
		datasets++
		out := filepath.Join(t.TempDir(), "ds")
		spec := spec
		spec.Out = out
		for {
			s := spec
			if _, err := os.Stat(filepath.Join(out, dataset.EnvironmentFile)); err == nil {
				s = childSpec{Resume: out}
			}
			runs++
			cmd, log, done := startChild(t, s)
			var err error
			killed := false
			delay := time.Duration(rng.Int64N(int64(whole)))
			if kills >= killPoints {
				delay = 5 * time.Minute
			}
			select {
			case err = <-done:
			case <-time.After(delay):
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				kills++
				killed = true
			}
			if !killed {
				if err != nil {
					t.Fatalf("dataset %d, run %d exited with %v:\n%s", datasets, runs, err, log.String())
				}
				break // finished
			}
			switch path := filepath.Join(out, dataset.SamplesFile); rng.IntN(5) {
			case 0:
				if damageTear(t, path, rng) {
					torn++
				}
			case 1:
				if damageDropLastRow(t, path) {
					partial++
				}
			}
		}
		ds := checkComplete(t, out)
		resumes += len(ds.Env.Resumes)
		listed := map[string]bool{}
		for i, r := range ds.Env.Resumes {
			for _, f := range r.Recovered {
				listed[f] = true
			}
			if r.CutBytes > 0 {
				listed[r.CutFile] = true
				b, err := os.ReadFile(filepath.Join(out, r.CutFile))
				if err != nil || len(b) != r.CutBytes {
					t.Errorf("resume %d: cut file %s: %d bytes (%v), record says %d", i+1, r.CutFile, len(b), err, r.CutBytes)
				}
			}
			if r.ReplacedRows > 0 {
				listed[r.ReplacedFile] = true
			}
		}
		// Every side file on disk is listed in environment.json: what a
		// resume cut or replaced is never lost, even when that resume was
		// killed before it recorded itself.
		files, _ := filepath.Glob(filepath.Join(out, "resume-*"))
		for _, f := range files {
			if !listed[filepath.Base(f)] {
				t.Errorf("side file %s is not listed in environment.json", filepath.Base(f))
			}
			if strings.HasSuffix(f, "-cut.txt") {
				cuts++
			}
		}
		// Nothing left behind: no scratch, no temporary files.
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			n := e.Name()
			if n != dataset.SamplesFile && n != dataset.EnvironmentFile && !strings.HasPrefix(n, "resume-") {
				t.Errorf("left in the dataset: %s", n)
			}
		}
	}
	if cuts < torn {
		t.Errorf("%d rows torn, %d cuts recorded", torn, cuts)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), tempdir.Prefix+"*")); len(left) > 0 {
		t.Errorf("left in the temporary directory: %v", left)
	}
	t.Logf("a whole run took %v; %d kill points over %d datasets (%d runs, %d resumes recorded); damaged ends: %d torn rows, %d partial row sets; %d cuts repaired",
		whole.Round(time.Millisecond), kills, datasets, runs, resumes, torn, partial, cuts)
}

// damageTear appends the first bytes of a row (a write cut short).
func damageTear(t *testing.T, path string, rng *rand.Rand) bool {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 || b[len(b)-1] != '\n' {
		return false
	}
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	if len(lines) < 2 {
		return false
	}
	row := lines[1+rng.IntN(len(lines)-1)]
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = f.Write(row[:1+rng.IntN(len(row)-1)])
	return err == nil
}

// damageDropLastRow removes the last row when its invocation has more than
// one: a row set written in part.
func damageDropLastRow(t *testing.T, path string) bool {
	sc, err := dataset.Scan(path)
	if err != nil || len(sc.Cut) > 0 || len(sc.Rows) < 2 {
		return false
	}
	last := sc.Rows[len(sc.Rows)-1]
	if last.SetRows < 2 || sc.Rows[len(sc.Rows)-2].Seq != last.Seq {
		return false
	}
	b, _ := os.ReadFile(path)
	i := bytes.LastIndexByte(b[:len(b)-1], '\n')
	return os.WriteFile(path, b[:i+1], 0o644) == nil
}

// TestSignalsInterrupt: SIGTERM and SIGHUP stop a run as Ctrl-C does: the
// invocation in flight is recorded failed:interrupted, the exit status is
// 1, and the run can be resumed.
func TestSignalsInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	isolateTemp(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "ds")
			cmd, log, done := startChild(t, childSpec{Out: out, Experiments: fakeExperiments, Platforms: "native,wazero", Langs: "c,go"})
			// Wait until the first invocations are recorded, then signal.
			deadline := time.Now().Add(time.Minute)
			for {
				b, _ := os.ReadFile(filepath.Join(out, dataset.SamplesFile))
				if bytes.Count(b, []byte("\n")) > 10 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no samples after a minute:\n%s", log.String())
				}
				time.Sleep(5 * time.Millisecond)
			}
			cmd.Process.Signal(sig)
			err := <-done
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(log.String(), "--resume") {
				t.Fatalf("exit %v:\n%s", err, log.String())
			}
			ds, err := dataset.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			// The signal came during an invocation (recorded
			// failed:interrupted) or between two (nothing in flight).
			last := ds.Samples[len(ds.Samples)-1]
			if !last.OK() && last.Status != dataset.Failed("interrupted") || !ds.Env.Interrupted {
				t.Fatalf("last row %+v, interrupted %v", last, ds.Env.Interrupted)
			}
			_, log2, done2 := startChild(t, childSpec{Resume: out})
			if err := <-done2; err != nil {
				t.Fatalf("resume: %v\n%s", err, log2.String())
			}
			checkComplete(t, out)
		})
	}
}
