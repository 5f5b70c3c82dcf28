package resume

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// Options are the options of `edgewasm run` that a resumed run takes from
// its record when the command line leaves them out. Each also has an unset
// value: "", Settle < 0, WasmMaxPages 0, CPU nil.
type Options struct {
	Profile, Platforms, Langs, Experiments string
	CC                                     string
	Settle                                 time.Duration
	WasmMaxPages                           uint
	CPU                                    *int
}

// The flags of Options, the names Open asks given about.
const (
	FlagProfile      = "profile"
	FlagPlatforms    = "platforms"
	FlagLangs        = "langs"
	FlagExperiments  = "experiments"
	FlagCC           = "cc"
	FlagSettle       = "settle"
	FlagWasmMaxPages = "wasm-max-pages"
	FlagCPU          = "cpu"
)

// ErrNoRun is returned by Open for a directory without a recorded run.
var ErrNoRun = errors.New("there is no run to resume there")

// Open reads the record (environment.json) of the run to resume in dir
// and gives every option of o that is not given the recorded value. An
// option is not given when it holds its unset value or when given (by flag
// name, e.g. FlagProfile) says the command line left it out; nil given
// means every option holding a value was given. It returns the record and
// whether the recorded run selected every platform ("all"). A directory
// without environment.json is an error wrapping ErrNoRun.
func Open(dir string, o *Options, given func(flag string) bool) (dataset.Environment, bool, error) {
	env, err := dataset.ReadEnvironment(dir)
	if errors.Is(err, os.ErrNotExist) {
		return env, false, fmt.Errorf("%s has no %s: %w", dir, dataset.EnvironmentFile, ErrNoRun)
	} else if err != nil {
		return env, false, err
	}
	if given == nil {
		given = func(string) bool { return true }
	}
	fill := func(flag string, s *string, v string) {
		if *s == "" || !given(flag) {
			*s = v
		}
	}
	fill(FlagProfile, &o.Profile, env.Profile.Name)
	fill(FlagExperiments, &o.Experiments, strings.Join(env.Experiments, ","))
	fill(FlagLangs, &o.Langs, strings.Join(env.Langs, ","))
	st := env.Settings
	if st == nil { // written before settings were recorded: the defaults then
		st = &dataset.Settings{CC: "cc", Settle: dataset.Duration(200 * time.Millisecond), WasmMaxPages: 16384}
	}
	// "all" meant every platform this build knew then: the recorded list.
	if experiments.IsAll(o.Platforms) && st.AllPlatforms {
		o.Platforms = ""
	}
	fill(FlagPlatforms, &o.Platforms, strings.Join(env.Platforms, ","))
	fill(FlagCC, &o.CC, st.CC)
	if o.Settle < 0 || !given(FlagSettle) {
		o.Settle = st.Settle.D()
	}
	if o.WasmMaxPages == 0 || !given(FlagWasmMaxPages) {
		o.WasmMaxPages = st.WasmMaxPages
	}
	if (o.CPU == nil || !given(FlagCPU)) && st.CPU != nil {
		cpu := *st.CPU
		o.CPU = &cpu
	}
	return env, st.AllPlatforms, nil
}

// Differences lists what differs between the configuration a run
// recorded (was) and the one it is resumed with (now: profile, platforms,
// languages, experiments, tool, host and settings).
func Differences(was, now dataset.Environment) []string {
	var out []string
	diff := func(what string, was, now any) {
		if fmt.Sprint(was) != fmt.Sprint(now) {
			out = append(out, fmt.Sprintf("%s: recorded %v, now %v", what, was, now))
		}
	}
	wp, np := was.Profile, now.Profile
	diff("profile", wp.Name, np.Name)
	diff("repetitions", wp.Repetitions, np.Repetitions)
	diff("fsio block", wp.FSIOBlock, np.FSIOBlock)
	diff("timeout", wp.Timeout.D(), np.Timeout.D())
	diff("interleave", wp.Interleave, np.Interleave)
	for _, k := range sortedUnion(wp.Warmups, np.Warmups) {
		diff("warm-ups of "+k, wp.Warmups[k], np.Warmups[k])
	}
	for _, k := range sortedUnion(wp.Sizes, np.Sizes) {
		diff("size of "+k+" ("+experiments.SizesFile+")", wp.Sizes[k], np.Sizes[k])
	}
	diff("platforms", was.Platforms, now.Platforms)
	diff("languages", was.Langs, now.Langs)
	diff("experiments", was.Experiments, now.Experiments)
	if was.Tool.GitCommit != "unknown" && now.Tool.GitCommit != "unknown" {
		diff("tool commit", was.Tool.GitCommit, now.Tool.GitCommit)
	}
	diff("host", was.Host.Hostname, now.Host.Hostname)
	diff("CPU model", was.Host.CPUModel, now.Host.CPUModel)
	diff("architecture", was.Host.Arch, now.Host.Arch)
	diff("cores", was.Host.Cores, now.Host.Cores)
	if ws, ns := was.Settings, now.Settings; ws != nil && ns != nil {
		diff("--cc", ws.CC, ns.CC)
		diff("--settle", ws.Settle.D(), ns.Settle.D())
		diff("--wasm-max-pages", ws.WasmMaxPages, ns.WasmMaxPages)
		diff("--cpu", cpuString(ws.CPU), cpuString(ns.CPU))
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
