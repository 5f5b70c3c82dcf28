package run

import (
	"errors"
	"fmt"
	"github.com/edgewasm/edgewasm/internal/protocol"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/host"
)

// Resuming an interrupted run (`edgewasm run --resume DIR`):
//
//  1. validate reads DIR/environment.json, takes the recorded
//     configuration for every option not given, and refuses (unless
//     --force) when the profile, sizes, platforms, languages, experiments,
//     settings, tool commit or machine differ from it;
//  2. planResume scans samples.csv (dataset.Scan: the complete rows, and
//     the damaged end a kill or power loss may leave) and decides what is
//     missing (protocol.Resume): invocations with no rows, with fewer
//     rows than their set_rows, recorded failed:interrupted, and the other
//     half of an fsio file pair. Nothing is written yet;
//  3. after the platforms are prepared, session.apply keeps the damaged
//     end in resume-N-cut.txt and the rows to be replaced in
//     resume-N-replaced.csv, rewrites samples.csv with the rows kept
//     (atomically), records the resume in environment.json and opens
//     samples.csv for appending;
//  4. Execute runs the plan of the original run, skipping what is
//     recorded: the same order, the same seq numbers, warm-ups again
//     before any test that still has repetitions to run.

// session is the dataset side of one run: a new dataset, or a resumed one.
type session struct {
	c         config
	platforms []string // the plan's platforms
	sc        dataset.Scanned
	res       protocol.Resumption
	w         *dataset.Writer
	skipped   map[protocol.Key]bool // a forced resume without a platform
}

// planResume reads what the interrupted run recorded and decides what is
// left; it writes nothing.
func planResume(c config, log io.Writer) (*session, error) {
	s := &session{c: c}
	for _, p := range c.platforms {
		if _, was := c.resume.Unavailable[p]; !was {
			s.platforms = append(s.platforms, p)
		}
	}
	if len(s.platforms) == 0 {
		return nil, badInput("%s: none of the platforms %v ran in this dataset", c.out, c.platforms)
	}
	path := filepath.Join(c.out, dataset.SamplesFile)
	var err error
	if s.sc, err = dataset.Scan(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, &BadInput{err}
	}
	cfg := protocol.Config{Profile: c.profile, Platforms: s.platforms, Langs: c.langs, Experiments: c.experiments}
	if s.res, err = protocol.Resume(cfg, s.sc.Rows, path); err != nil {
		return nil, &BadInput{err}
	}
	return s, nil
}

// nothingToDo reports whether the dataset is complete, undamaged, and
// its last session finished (wrote its final environment).
func (s *session) nothingToDo() bool {
	return s.res.Remaining == 0 && len(s.sc.Cut) == 0 && len(s.res.Replaced) == 0 &&
		slices.Equal(s.sc.Columns, dataset.Columns) && s.c.resume.Finished != nil && !s.c.resume.Interrupted
}

// apply carries out the repair planned by planResume and records the
// resume; unavailable lists the plan's platforms that could not be
// prepared now (only a forced resume goes on without them).
func (s *session) apply(env *dataset.Environment, unavailable map[string]string, log io.Writer) error {
	c := s.c
	n, orphans := sideFiles(c.out, *env)
	rec := dataset.Resume{At: time.Now().UTC(), Tool: c.tool, Forced: len(c.diffs) > 0, Differences: slices.Clone(c.diffs),
		Recovered: orphans, Meta: c.meta}
	s.skipped = map[protocol.Key]bool{}
	if len(unavailable) > 0 {
		var names []string
		for _, p := range slices.Sorted(maps.Keys(unavailable)) {
			names = append(names, p+" ("+unavailable[p]+")")
		}
		if !c.force {
			return fmt.Errorf("platforms that ran in %s are unavailable now: %s; resume where they are available, or pass --force to go on without them (their invocations stay missing)",
				c.out, strings.Join(names, ", "))
		}
		rec.Forced = true
		for _, name := range names {
			rec.Differences = append(rec.Differences, "unavailable now, its invocations not run: "+name)
		}
		cfg := protocol.Config{Profile: c.profile, Platforms: s.platforms, Langs: c.langs, Experiments: c.experiments}
		for _, st := range protocol.Plan(cfg) {
			if _, gone := unavailable[st.Platform]; gone && !st.Warmup() && !s.res.Recorded[st.Key()] {
				s.skipped[st.Key()] = true
			}
		}
	}
	path := filepath.Join(c.out, dataset.SamplesFile)
	if len(s.sc.Cut) > 0 {
		rec.CutBytes, rec.CutFile = len(s.sc.Cut), dataset.ResumeCutFile(n)
		if err := dataset.WriteFileAtomic(filepath.Join(c.out, rec.CutFile), s.sc.Cut); err != nil {
			return err
		}
	}
	if len(s.res.Replaced) > 0 {
		rec.ReplacedRows, rec.ReplacedFile = len(s.res.Replaced), dataset.ResumeReplacedFile(n)
		if err := dataset.WriteReplaced(filepath.Join(c.out, rec.ReplacedFile), s.res.Replaced); err != nil {
			return err
		}
	}
	// Only after the side files are durable is samples.csv rewritten.
	if len(s.sc.Cut) > 0 || len(s.res.Replaced) > 0 || !slices.Equal(s.sc.Columns, dataset.Columns) {
		if err := dataset.Rewrite(path, s.res.Keep); err != nil {
			return err
		}
	}
	var err error
	if s.w, err = dataset.Append(path); err != nil {
		return err
	}
	rec.Kept, rec.Remaining = len(s.res.Recorded), s.res.Remaining
	if len(c.diffs) > 0 {
		// Forced: from now on the dataset follows the configuration given;
		// the record keeps what it was.
		env.Profile, env.Platforms, env.Langs, env.Experiments = c.profile, c.platforms, c.langs, c.experiments
		settings := c.settings
		env.Settings = &settings
	}
	env.Resumes = append(env.Resumes, rec)
	env.Finished, env.Interrupted = nil, false
	if err := dataset.WriteEnvironment(c.out, *env); err != nil {
		return err
	}
	fmt.Fprintf(log, "resuming %s: %d invocations recorded, %d to run", c.out, rec.Kept, rec.Remaining-len(s.skipped))
	if rec.CutBytes > 0 {
		fmt.Fprintf(log, "; cut %d damaged bytes from the end of %s (kept in %s: %s)", rec.CutBytes, dataset.SamplesFile, rec.CutFile, s.sc.CutReason)
	}
	if rec.ReplacedRows > 0 {
		fmt.Fprintf(log, "; %d rows of invocations that run again moved to %s", rec.ReplacedRows, rec.ReplacedFile)
	}
	fmt.Fprintln(log)
	return nil
}

// skip is Config.Recorded: what is recorded, and what a forced resume
// cannot run.
func (s *session) skip() map[protocol.Key]bool {
	out := maps.Clone(s.res.Recorded)
	if out == nil {
		out = map[protocol.Key]bool{}
	}
	for k := range s.skipped {
		out[k] = true
	}
	return out
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

// lockDir creates dir if needed and locks it for this process (flock on
// the directory itself, so no lock file is left behind; the kernel drops
// the lock when the process dies). A second run on the same dataset is
// refused.
func lockDir(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := dataset.SyncDir(filepath.Dir(dir)); err != nil {
		return nil, err
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another edgewasm run is writing %s", dir)
		}
		return nil, err
	}
	// A run killed in the middle of dataset.WriteFileAtomic leaves its
	// temporary file; nobody else writes here while we hold the lock.
	stale, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	for _, p := range stale {
		os.Remove(p)
	}
	return func() { f.Close() }, nil
}

// differences lists what differs between the recorded run and c.
func differences(env dataset.Environment, c config) []string {
	var out []string
	diff := func(what string, was, now any) {
		if fmt.Sprint(was) != fmt.Sprint(now) {
			out = append(out, fmt.Sprintf("%s: recorded %v, now %v", what, was, now))
		}
	}
	was, now := env.Profile, c.profile
	diff("profile", was.Name, now.Name)
	diff("repetitions", was.Repetitions, now.Repetitions)
	diff("fsio block", was.FSIOBlock, now.FSIOBlock)
	diff("timeout", was.Timeout.D(), now.Timeout.D())
	diff("interleave", was.Interleave, now.Interleave)
	for _, k := range sortedUnion(was.Warmups, now.Warmups) {
		diff("warm-ups of "+k, was.Warmups[k], now.Warmups[k])
	}
	for _, k := range sortedUnion(was.Sizes, now.Sizes) {
		diff("size of "+k+" ("+experiments.SizesFile+")", was.Sizes[k], now.Sizes[k])
	}
	diff("platforms", env.Platforms, c.platforms)
	diff("languages", env.Langs, c.langs)
	diff("experiments", env.Experiments, c.experiments)
	if env.Tool.GitCommit != "unknown" && c.tool.GitCommit != "unknown" {
		diff("tool commit", env.Tool.GitCommit, c.tool.GitCommit)
	}
	h := host.Fingerprint()
	diff("host", env.Host.Hostname, h.Hostname)
	diff("CPU model", env.Host.CPUModel, h.CPUModel)
	diff("architecture", env.Host.Arch, h.Arch)
	diff("cores", env.Host.Cores, h.Cores)
	if st := env.Settings; st != nil {
		diff("--cc", st.CC, c.settings.CC)
		diff("--settle", st.Settle.D(), c.settings.Settle.D())
		diff("--wasm-max-pages", st.WasmMaxPages, c.settings.WasmMaxPages)
		diff("--cpu", cpuString(st.CPU), cpuString(c.settings.CPU))
	}
	return out
}

func cpuString(p *int) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}

func sortedUnion[V any](a, b map[string]V) []string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
