package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// Set is one loaded dataset with the indexes the cells query.
type Set struct {
	Label string // directory base name; unique among the rendered sets
	Dir   string // as given on the command line
	Env   dataset.Environment
	// Raw is the dataset as loaded, for the figures package.
	Raw *dataset.Dataset
	// ok holds the values of successful samples by key; failed counts the
	// failed invocations (wall_ms rows) by the same key without metric.
	ok     map[sampleKey][]float64
	reps   map[sampleKey][]int // repetition of each value in ok
	failed map[sampleKey]int
	hashes map[string]string // experiment → hash of its rows; "" → environment.json
	exps   map[string]*expIndex
}

type sampleKey struct{ exp, test, lang, platform, metric string }

type expIndex struct{ tests, langs, platforms, metrics []string }

// LoadSet reads a dataset directory. Errors name the file and the problem.
func LoadSet(dir string) (*Set, error) {
	envPath := filepath.Join(dir, dataset.EnvironmentFile)
	env, err := dataset.ReadEnvironment(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: missing: a dataset directory holds %s and %s (written by edgewasm run)", envPath, dataset.SamplesFile, dataset.EnvironmentFile)
		}
		return nil, err
	}
	samplesPath := filepath.Join(dir, dataset.SamplesFile)
	samples, err := dataset.ReadFile(samplesPath)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: missing: a dataset directory holds %s and %s (written by edgewasm run)", samplesPath, dataset.SamplesFile, dataset.EnvironmentFile)
		}
		return nil, err
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("%s: no samples (only a header)", samplesPath)
	}
	s := &Set{
		Label: filepath.Base(filepath.Clean(dir)), Dir: filepath.ToSlash(filepath.Clean(dir)), Env: env,
		Raw: &dataset.Dataset{Dir: dir, Env: env, Samples: samples},
		ok:  map[sampleKey][]float64{}, reps: map[sampleKey][]int{}, failed: map[sampleKey]int{}, hashes: map[string]string{}, exps: map[string]*expIndex{},
	}
	hs := map[string]hashWriter{}
	for _, x := range samples {
		k := sampleKey{x.Experiment, x.Test, x.Lang, x.Platform, x.Metric}
		if x.OK() {
			s.ok[k] = append(s.ok[k], x.Value)
			s.reps[k] = append(s.reps[k], x.Rep)
		} else if x.Metric == "wall_ms" {
			k.metric = ""
			s.failed[k]++
		}
		ix := s.exps[x.Experiment]
		if ix == nil {
			ix = &expIndex{}
			s.exps[x.Experiment] = ix
		}
		addUnique(&ix.tests, x.Test)
		addUnique(&ix.langs, x.Lang)
		addUnique(&ix.platforms, x.Platform)
		addUnique(&ix.metrics, x.Metric)
		h, ok := hs[x.Experiment]
		if !ok {
			h = newHashWriter()
			hs[x.Experiment] = h
		}
		fmt.Fprintf(h, "%s|%s|%s|%s|%d|%s|%s|%s|%d\n", x.Experiment, x.Test, x.Lang, x.Platform, x.Rep, x.Metric, dataset.FormatValue(x.Value), x.Status, x.Size)
	}
	for e, h := range hs {
		s.hashes[e] = h.sum()
	}
	envJSON, _ := json.Marshal(env)
	s.hashes[""] = hashBytes(envJSON)
	for e, ix := range s.exps {
		ix.tests = ordered(ix.tests, experiments.Tests[e])
		ix.langs = ordered(ix.langs, []string{"c", "go"})
		ix.platforms = ordered(ix.platforms, platformOrder)
		slices.Sort(ix.metrics)
	}
	return s, nil
}

// platformOrder is the column order of platforms in every table.
var platformOrder = []string{"native", "docker", "wazero", "wazero-cold", "wazero-interp"}

func addUnique(list *[]string, v string) {
	if !slices.Contains(*list, v) {
		*list = append(*list, v)
	}
}

// ordered sorts names by their position in canon, unknown names last in
// lexical order.
func ordered(names, canon []string) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int {
		ia, ib := slices.Index(canon, a), slices.Index(canon, b)
		if ia < 0 {
			ia = len(canon)
		}
		if ib < 0 {
			ib = len(canon)
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	return out
}

// Values returns the successful measurements of one cell of the design, in
// file order.
func (s *Set) Values(exp, test, lang, platform, metric string) []float64 {
	return s.ok[sampleKey{exp, test, lang, platform, metric}]
}

// Failed is the number of failed invocations of one test on one platform.
func (s *Set) Failed(exp, test, lang, platform string) int {
	return s.failed[sampleKey{exp, test, lang, platform, ""}]
}

// Measured reports whether the dataset holds any row of the experiment.
func (s *Set) Measured(exp string) bool { return s.exps[exp] != nil }

// Tests, Langs and Platforms list what the dataset holds for an experiment,
// in report order.
func (s *Set) Tests(exp string) []string     { return s.index(exp).tests }
func (s *Set) Langs(exp string) []string     { return s.index(exp).langs }
func (s *Set) Platforms(exp string) []string { return s.index(exp).platforms }

func (s *Set) index(exp string) *expIndex {
	if ix := s.exps[exp]; ix != nil {
		return ix
	}
	return &expIndex{}
}

// Hash is the content hash of the rows of one experiment (exp "" is
// environment.json), the unit of cache invalidation.
func (s *Set) Hash(exp string) string {
	if h, ok := s.hashes[exp]; ok {
		return h
	}
	return "absent"
}

// Time is the dataset's own timestamp (finish, else start), used as the
// PDF's creation date.
func (s *Set) Time() time.Time {
	if s.Env.Finished != nil {
		return s.Env.Finished.UTC()
	}
	return s.Env.Started.UTC()
}

// Arm reports whether the dataset was measured on an ARM machine, and
// Pi whether on a Raspberry Pi (the thesis's device).
func (s *Set) Arm() bool {
	a := strings.ToLower(s.Env.Host.Arch)
	return strings.HasPrefix(a, "arm") || strings.HasPrefix(a, "aarch64")
}

// Pi reports whether the device-tree model names a Raspberry Pi.
func (s *Set) Pi() bool { return strings.Contains(s.Env.Host.DeviceModel, "Raspberry Pi") }

type hashWriter struct {
	h interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}
}

func newHashWriter() hashWriter                  { return hashWriter{sha256.New()} }
func (w hashWriter) Write(p []byte) (int, error) { return w.h.Write(p) }
func (w hashWriter) sum() string                 { return hex.EncodeToString(w.h.Sum(nil)) }
func hashBytes(b []byte) string                  { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
