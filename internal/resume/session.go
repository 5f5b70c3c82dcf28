package resume

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/protocol"
)

// Session is the dataset side of one resumed run: what Plan found and
// decided, carried out by Apply.
type Session struct {
	dir       string
	rec       dataset.Environment // the record of the run resumed
	cfg       protocol.Config     // the configuration now (all its platforms)
	platforms []string            // the plan's platforms: those that ran
	scan      dataset.Scanned
	dec       Decision
	skipped   map[protocol.Key]bool // a forced resume without a platform
}

// Plan reads what the interrupted run in dir (recorded in rec) wrote to
// samples.csv and decides what is left of cfg's plan. The plan runs on
// cfg's platforms except those the recorded run found unavailable. It
// writes nothing; its errors are about the input (they name the file and
// line).
func Plan(dir string, rec dataset.Environment, cfg protocol.Config) (*Session, error) {
	s := &Session{dir: dir, rec: rec, cfg: cfg}
	for _, p := range cfg.Platforms {
		if _, was := rec.Unavailable[p]; !was {
			s.platforms = append(s.platforms, p)
		}
	}
	if len(s.platforms) == 0 {
		return nil, fmt.Errorf("%s: none of the platforms %v ran in this dataset", dir, cfg.Platforms)
	}
	path := filepath.Join(dir, dataset.SamplesFile)
	var err error
	if s.scan, err = dataset.Scan(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	planned := cfg
	planned.Platforms = s.platforms
	if s.dec, err = Decide(planned, s.scan.Rows, path); err != nil {
		return nil, err
	}
	return s, nil
}

// Platforms are the platforms the resumed plan runs on.
func (s *Session) Platforms() []string { return s.platforms }

// Recorded counts the planned invocations that are complete.
func (s *Session) Recorded() int { return len(s.dec.Recorded) }

// Remaining counts the planned invocations still to run.
func (s *Session) Remaining() int { return s.dec.Remaining }

// NothingToDo reports whether the dataset is complete, undamaged, and
// its last session finished (wrote its final environment), with the
// current columns.
func (s *Session) NothingToDo() bool {
	return s.Complete() && slices.Equal(s.scan.Columns, dataset.Columns)
}

// Complete reports whether every planned invocation is recorded, the file
// is undamaged and the last session finished; its header may be an older
// one (fewer extension columns).
func (s *Session) Complete() bool {
	return s.dec.Remaining == 0 && len(s.scan.Cut) == 0 && len(s.dec.Replaced) == 0 &&
		s.rec.Finished != nil && !s.rec.Interrupted
}

// Resumer is the session that resumes: its build, its --meta facts, and
// how its configuration differs from the record (Differences), which
// --force allowed.
type Resumer struct {
	Tool        dataset.Tool
	Meta        map[string]string
	Differences []string
	Force       bool
	// Settings are the settings now; with Differences they replace the
	// recorded ones.
	Settings dataset.Settings
}

// Apply carries out the repair Plan decided and records the resume in
// env (the record, updated and written back): the damaged end goes to
// resume-N-cut.txt, the rows to be replaced to resume-N-replaced.csv, and
// only when those are durable is samples.csv rewritten with the rows kept.
// unavailable lists the plan's platforms that could not be prepared now;
// only a forced resume goes on without them (their invocations stay
// missing). It returns samples.csv opened for appending.
func (s *Session) Apply(env *dataset.Environment, by Resumer, unavailable map[string]string, log io.Writer) (*dataset.Writer, error) {
	n, orphans := sideFiles(s.dir, *env)
	rec := dataset.Resume{At: time.Now().UTC(), Tool: by.Tool, Forced: len(by.Differences) > 0, Differences: slices.Clone(by.Differences),
		Recovered: orphans, Meta: by.Meta}
	s.skipped = map[protocol.Key]bool{}
	if len(unavailable) > 0 {
		var names []string
		for _, p := range slices.Sorted(maps.Keys(unavailable)) {
			names = append(names, p+" ("+unavailable[p]+")")
		}
		if !by.Force {
			return nil, fmt.Errorf("platforms that ran in %s are unavailable now: %s; resume where they are available, or pass --force to go on without them (their invocations stay missing)",
				s.dir, strings.Join(names, ", "))
		}
		rec.Forced = true
		for _, name := range names {
			rec.Differences = append(rec.Differences, "unavailable now, its invocations not run: "+name)
		}
		for _, st := range protocol.Plan(s.planned()) {
			if _, gone := unavailable[st.Platform]; gone && !st.Warmup() && !s.dec.Recorded[st.Key()] {
				s.skipped[st.Key()] = true
			}
		}
	}
	path := filepath.Join(s.dir, dataset.SamplesFile)
	if len(s.scan.Cut) > 0 {
		rec.CutBytes, rec.CutFile = len(s.scan.Cut), dataset.ResumeCutFile(n)
		if err := dataset.WriteFileAtomic(filepath.Join(s.dir, rec.CutFile), s.scan.Cut); err != nil {
			return nil, err
		}
	}
	if len(s.dec.Replaced) > 0 {
		rec.ReplacedRows, rec.ReplacedFile = len(s.dec.Replaced), dataset.ResumeReplacedFile(n)
		if err := dataset.WriteReplaced(filepath.Join(s.dir, rec.ReplacedFile), s.dec.Replaced); err != nil {
			return nil, err
		}
	}
	// Only after the side files are durable is samples.csv rewritten.
	if len(s.scan.Cut) > 0 || len(s.dec.Replaced) > 0 || !slices.Equal(s.scan.Columns, dataset.Columns) {
		if err := dataset.Rewrite(path, s.dec.Keep); err != nil {
			return nil, err
		}
	}
	w, err := dataset.Append(path)
	if err != nil {
		return nil, err
	}
	rec.Kept, rec.Remaining = len(s.dec.Recorded), s.dec.Remaining
	if len(by.Differences) > 0 {
		// Forced: from now on the dataset follows the configuration given;
		// the record keeps what it was.
		env.Profile, env.Platforms, env.Langs, env.Experiments = s.cfg.Profile, s.cfg.Platforms, s.cfg.Langs, s.cfg.Experiments
		settings := by.Settings
		env.Settings = &settings
	}
	env.Resumes = append(env.Resumes, rec)
	env.Finished, env.Interrupted = nil, false
	if err := dataset.WriteEnvironment(s.dir, *env); err != nil {
		w.Close()
		return nil, err
	}
	fmt.Fprintf(log, "resuming %s: %d invocations recorded, %d to run", s.dir, rec.Kept, rec.Remaining-len(s.skipped))
	if rec.CutBytes > 0 {
		fmt.Fprintf(log, "; cut %d damaged bytes from the end of %s (kept in %s: %s)", rec.CutBytes, dataset.SamplesFile, rec.CutFile, s.scan.CutReason)
	}
	if rec.ReplacedRows > 0 {
		fmt.Fprintf(log, "; %d rows of invocations that run again moved to %s", rec.ReplacedRows, rec.ReplacedFile)
	}
	fmt.Fprintln(log)
	return w, nil
}

// planned is the configuration of the resumed plan: cfg on the platforms
// that ran.
func (s *Session) planned() protocol.Config {
	c := s.cfg
	c.Platforms = s.platforms
	return c
}

// Pending returns the steps the resumed run executes with cfg (the run's
// configuration on Platforms, with what it needs to execute): the plan
// without what is recorded and without what a forced resume cannot run
// (Pending).
func (s *Session) Pending(cfg protocol.Config) []protocol.Step {
	done := maps.Clone(s.dec.Recorded)
	if done == nil {
		done = map[protocol.Key]bool{}
	}
	for k := range s.skipped {
		done[k] = true
	}
	return Pending(cfg, done)
}

// sideFiles returns the number for this resume's side files, the first
// that no file uses yet (a resume killed after writing its side files but
// before recording them leaves them behind; they must not be
// overwritten), and those unrecorded files, which the new record lists.
func sideFiles(dir string, env dataset.Environment) (int, []string) {
	recorded := map[string]bool{}
	for _, r := range env.Resumes {
		recorded[r.CutFile], recorded[r.ReplacedFile] = true, true
	}
	var orphans []string
	for _, pattern := range []string{dataset.ResumeCutFile(0), dataset.ResumeReplacedFile(0)} {
		matches, _ := filepath.Glob(filepath.Join(dir, strings.Replace(pattern, "0", "*", 1)))
		for _, m := range matches {
			if !recorded[filepath.Base(m)] {
				orphans = append(orphans, filepath.Base(m))
			}
		}
	}
	sort.Strings(orphans)
	n := len(env.Resumes) + 1
	for exists(filepath.Join(dir, dataset.ResumeCutFile(n))) || exists(filepath.Join(dir, dataset.ResumeReplacedFile(n))) {
		n++
	}
	return n, orphans
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
