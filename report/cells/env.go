package cells

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// envCommands describe the datasets: machines, software, protocol,
// platforms, workloads and deviations, all from environment.json.
func envCommands() map[string]Command {
	envOnly := func(Args) []string { return []string{NeedEnv} }
	every := func(Args) []string { return []string{NeedEveryEnv} }
	return map[string]Command{
		"environment": {Usage: "environment", Needs: envOnly, Run: runEnvironment},
		"protocol":    {Usage: "protocol", Needs: envOnly, Run: runProtocol},
		"platforms":   {Usage: "platforms  (what each platform is, with what its runner recorded)", Needs: envOnly, Run: runPlatforms},
		"toolchains":  {Usage: "toolchains  (compilers and runtimes, next to the thesis's)", Needs: envOnly, Run: runToolchains},
		"workloads":   {Usage: "workloads  (every test, what it computes, its size)", Needs: envOnly, Run: runWorkloads},
		"deviations":  {Usage: "deviations  (departures from the thesis's method: once, then per dataset)", Needs: envOnly, Run: runDeviations},
		"env": {Usage: "env field=" + strings.Join(slices.Sorted(maps.Keys(envFields)), "|") + " [data=all: a list field over every dataset]", Inline: true, Needs: func(a Args) []string {
			if a.KV["data"] == dataAll {
				return []string{NeedEveryEnv}
			}
			return []string{NeedEnv}
		}, Run: runEnvField},
		"hosts": {Usage: "hosts  (the machines of every dataset, as a phrase: \"one virtualized x86-64 machine\")", Inline: true, Needs: every, Run: runHosts},
		"pi":    {Usage: "pi  (one sentence: which datasets, if any, come from a Raspberry Pi)", Inline: true, Needs: every, Run: runPi},
		"samples": {Usage: "samples [exp=E]  (successful invocations)", Inline: true, Needs: func(a Args) []string {
			if e, ok := a.KV["exp"]; ok {
				return []string{NeedEnv, NeedExp(e)}
			}
			return []string{NeedAll}
		}, Run: runSamples},
		"failures": {Usage: "failures exp=E  (table of failed invocations by test and platform)", Needs: func(a Args) []string { return []string{NeedEnv, NeedExp(a.KV["exp"])} }, Run: runFailures},
	}
}

func runEnvironment(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"property"}}
	rows := []struct {
		name string
		get  func(*model.Set) string
	}{
		{"CPU", func(s *model.Set) string { return s.Env.Host.CPUModel }},
		{"cores", func(s *model.Set) string { return strconv.Itoa(s.Env.Host.Cores) }},
		{"memory", func(s *model.Set) string { return format.Size(s.Env.Host.MemTotalKiB << 10) }},
		{"architecture", func(s *model.Set) string { return s.Env.Host.Arch }},
		{"device model", func(s *model.Set) string { return format.Or(s.Env.Host.DeviceModel, "none (not a board)") }},
		{"virtualization detected", func(s *model.Set) string { return format.Or(s.Env.Host.Virtualized, "none") }},
		{"CPU governor", func(s *model.Set) string { return s.Env.Host.Governor }},
		{"kernel", func(s *model.Set) string { return s.Env.Host.Kernel }},
		{"operating system", func(s *model.Set) string { return s.Env.Host.OS }},
		{"edgewasm", func(s *model.Set) string {
			v := s.Env.Tool.Version + " " + short(s.Env.Tool.GitCommit)
			if s.Env.Tool.GitDirty {
				v += " (modified)"
			}
			return strings.TrimSpace(v)
		}},
		{"platforms measured", platformsMeasured},
		{"platforms unavailable", func(s *model.Set) string { return unavailable(s) }},
		{"run started (UTC)", func(s *model.Set) string { return s.Env.Started.UTC().Format("2006-01-02 15:04") }},
		{"run finished", func(s *model.Set) string {
			if !s.Finished() {
				return "NO: interrupted or still being written; its numbers may be incomplete"
			}
			return s.Time().Format("2006-01-02 15:04")
		}},
		{"invocations (failed)", func(s *model.Set) string { return fmt.Sprintf("%d (%d)", s.Env.Samples, s.Env.Failed) }},
		{"edgewasm's own peak RSS", harnessFacts},
	}
	for _, s := range sets {
		t.Header = append(t.Header, s.Label)
	}
	for _, r := range rows {
		row := []string{r.name}
		empty := true
		for _, s := range sets {
			v := r.get(s)
			if v != "" {
				empty = false
			} else {
				v = "—"
			}
			row = append(row, v)
		}
		if !empty {
			t.Rows = append(t.Rows, row)
		}
	}
	out := &doc.Output{Tables: []doc.Table{t}}
	for _, s := range sets {
		out.Commands = append(out.Commands, "jq .host,.tool "+s.Dir+"/"+dataset.EnvironmentFile)
	}
	return out, nil
}

// harnessFacts is what edgewasm itself used: its peak resident memory
// (over the run, and while the plan was measured) and its CPU time while
// measuring; "" for datasets recorded before environment.json had them.
func harnessFacts(s *model.Set) string {
	h := s.Env.Harness
	if h == nil {
		return ""
	}
	mib := func(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }
	return fmt.Sprintf("%s measuring (%s preparing); CPU %.1f s of %.0f s",
		mib(h.MeasurePeakRSSKiB), mib(h.PeakRSSKiB), h.MeasureCPUMs/1e3, h.MeasureWallMs/1e3)
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

func unavailable(s *model.Set) string {
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(s.Env.Unavailable)) {
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

func runProtocol(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"setting", "thesis"}}
	for _, s := range sets {
		t.Header = append(t.Header, s.Label)
	}
	row := func(name, thesis string, get func(*model.Set) string) {
		r := []string{name, thesis}
		for _, s := range sets {
			r = append(r, get(s))
		}
		t.Rows = append(t.Rows, r)
	}
	row("profile", "—", func(s *model.Set) string { return s.Env.Profile.Name })
	row("repetitions", "10", func(s *model.Set) string { return strconv.Itoa(s.Env.Profile.Repetitions) })
	var exps []string
	for _, s := range sets {
		exps = append(exps, s.Experiments()...)
	}
	for _, x := range model.OrderExperiments(exps) {
		thesis := map[string]string{experiments.CPU: "1", experiments.FSIO: "0"}[x]
		if thesis == "" {
			thesis = "not stated"
		}
		row("warm-ups, "+x, thesis, func(s *model.Set) string {
			if !s.Measured(x) {
				return "not run"
			}
			return strconv.Itoa(s.Env.Profile.Warmups[x])
		})
	}
	row("platforms interleaved", "not stated", func(s *model.Set) string { return format.YesNo(s.Env.Profile.Interleave) })
	row("timeout per invocation", "—", func(s *model.Set) string { return format.Duration(s.Env.Profile.Timeout.D()) })
	o := e.Model.Opts
	row("significance level", "0.05", func(*model.Set) string { return strconv.FormatFloat(o.Alpha, 'g', -1, 64) })
	row("bootstrap resamples", "—", func(*model.Set) string { return strconv.Itoa(o.Bootstrap.B) })
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"jq .profile " + dirs(sets, " ", "/"+dataset.EnvironmentFile)}}, nil
}

// dirs joins the datasets' directories with sep, each followed by file
// ("" for the directory itself).
func dirs(sets []*model.Set, sep, file string) string {
	var ps []string
	for _, s := range sets {
		ps = append(ps, s.Dir+file)
	}
	return strings.Join(ps, sep)
}

// runPlatforms lists every platform of the datasets: its kind and runtime
// from dataset.Platforms, and what its runner recorded in
// environment.json (versions, engine, cache, the container's hardening).
func runPlatforms(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	var all []string
	for _, s := range sets {
		all = append(all, s.AllPlatforms()...)
	}
	t := doc.Table{Header: []string{"platform", "kind", "what runs", "as recorded"}}
	for _, p := range model.OrderPlatforms(all) {
		info, _ := dataset.Platform(p)
		var rec string
		for _, s := range sets {
			if r := s.Runner(p); r != nil {
				rec = runnerFacts(r)
				if h, ok := r["hardening"].(map[string]any); ok {
					t.Notes = append(t.Notes, fmt.Sprintf("Hardening of %s: %s.", p, hardening(p, h)))
				}
				break
			}
		}
		t.Rows = append(t.Rows, []string{p, format.Or(info.Kind, "—"), format.Or(info.Label, "—"), format.Or(rec, "—")})
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"jq .runners " + dirs(sets, " ", "/"+dataset.EnvironmentFile)}}, nil
}

// runnerFacts picks from a runner's report what identifies the platform,
// short: the engine and its compilation cache, every version (without its
// remarks in parentheses; an API version said once), the storage driver
// (the container's hardening, longer, is the table's note: see hardening).
func runnerFacts(r map[string]any) string {
	var parts []string
	if e, ok := r["engine"]; ok {
		parts = append(parts, fmt.Sprint(e))
	}
	if f, ok := r["fallback"]; ok {
		parts = append(parts, fmt.Sprintf("fallback: %v", f))
	}
	if c, ok := r["compilation_cache"]; ok {
		parts = append(parts, map[bool]string{true: "compilation cache", false: "no cache"}[c == true])
	}
	api := ""
	for _, k := range slices.Sorted(maps.Keys(r)) {
		name, ok := strings.CutSuffix(k, "_version")
		if !ok {
			continue
		}
		val := strings.TrimSpace(parenRE.ReplaceAllString(fmt.Sprint(r[k]), ""))
		switch name = strings.ReplaceAll(name, "_", " "); {
		case name == "api" || name == "daemon api":
			if api == "" || api != val {
				parts = append(parts, "API "+val)
			}
			api = val
		case name == "cgroup":
			parts = append(parts, "cgroup v"+val)
		case name == "cli":
			parts = append(parts, "CLI "+val)
		case name == "runtime" || strings.HasPrefix(strings.ToLower(val), name):
			parts = append(parts, val)
		case strings.HasSuffix(name, " go"):
			parts = append(parts, strings.TrimSuffix(name, " go")+"-go "+val)
		default:
			parts = append(parts, name+" "+val)
		}
	}
	if d, ok := r["storage_driver"]; ok {
		parts = append(parts, fmt.Sprint(d))
	}
	return strings.Join(parts, "; ")
}

// hardening describes a container's hardening as environment.json records
// it (runners/docker), in words: "no capabilities, no network, memory
// limit 1 GiB, …". A network variant of a platform (docker-bridge) runs
// only the network experiment, so only its network there is said.
func hardening(p string, h map[string]any) string {
	var out []string
	_, variant := dataset.NetworkVariantOf[p]
	for _, k := range slices.Sorted(maps.Keys(h)) {
		v := h[k]
		s := fmt.Sprint(v)
		switch k {
		case "cap_drop":
			if s == "ALL" {
				out = append(out, "no capabilities")
			} else if s != "" {
				out = append(out, "capabilities dropped: "+s)
			}
		case "cpuset":
			if s != "" {
				out = append(out, "CPUs "+s)
			}
		case "memory_bytes":
			if n, ok := v.(float64); ok && n > 0 {
				out = append(out, "memory limit "+format.Size(int64(n)))
			}
		case "network":
			if !variant {
				if s == "none" {
					out = append(out, "no network")
				} else {
					out = append(out, "network "+s)
				}
			}
		case "network_experiments":
			if m, ok := v.(map[string]any); ok {
				mode := fmt.Sprint(m["mode"])
				what := mode + " network"
				if _, published := m["published"]; published {
					what += ", port published"
				}
				if variant {
					out = append(out, what)
				} else {
					out = append(out, what+" in the network experiment")
				}
			}
		case "pids_limit":
			if n, ok := v.(float64); ok && n > 0 {
				out = append(out, fmt.Sprintf("at most %d processes", int64(n)))
			}
		case "read_only_rootfs":
			if v == true {
				out = append(out, "read-only root file system")
			}
		case "security_opt":
			if s != "" {
				out = append(out, strings.ReplaceAll(s, "-", " "))
			}
		case "user":
			if s != "" {
				out = append(out, "user "+s)
			}
		default:
			// A setting this version does not know: its name and a plain value.
			switch x := v.(type) {
			case float64:
				out = append(out, fmt.Sprintf("%s %s", strings.ReplaceAll(k, "_", " "), strconv.FormatFloat(x, 'f', -1, 64)))
			case string, bool:
				out = append(out, fmt.Sprintf("%s %v", strings.ReplaceAll(k, "_", " "), x))
			}
		}
	}
	return strings.Join(out, ", ")
}

// runToolchains sets the compilers and runtimes of the datasets next to
// the thesis's (§4.2).
func runToolchains(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"role", "thesis"}}
	for _, s := range sets {
		t.Header = append(t.Header, s.Label)
	}
	const notRecorded = "not recorded"
	// What a dataset did not run has no toolchain to record: say so,
	// rather than "not recorded".
	ran := func(s *model.Set, kind, lang string) string {
		switch {
		case kind != "" && len(s.PlatformsOfKind("", kind)) == 0:
			return "no " + map[string]string{dataset.KindWasm: "Wasm", dataset.KindContainer: "container"}[kind] + " platform run"
		case lang != "" && !slices.Contains(s.AllLangs(), lang):
			return "no " + format.Lang(lang) + " guests run"
		}
		return ""
	}
	rows := []struct {
		role, thesis string
		kind, lang   string // what the dataset must have run for the row to apply
		get          func(*model.Set) string
	}{
		{"C compiler, native and container", "not stated", "", dataset.LangC, func(s *model.Set) string { return s.Env.Versions().CC }},
		{"C to WebAssembly", "Emscripten (version not stated)", dataset.KindWasm, dataset.LangC, func(s *model.Set) string {
			return format.Or(s.Env.Versions().WasmCC, "clang --target=wasm32-wasi with wasi-libc (version "+notRecorded+")")
		}},
		{"Go, native and wasip1", "— (no Go guests)", "", dataset.LangGo, func(s *model.Set) string { return s.Env.Versions().Go }},
		{"filesystem workload", "Rust, its Wasm toolchain", "", "", func(s *model.Set) string {
			if !s.Measured(experiments.FSIO) {
				return "not run in this dataset"
			}
			return "the C and Go programs above"
		}},
		{"Wasm runtime", "Wasmer (2020 release)", dataset.KindWasm, "", envFields["runtimes"]},
		{"container engine", "Docker (version not stated)", dataset.KindContainer, "", func(s *model.Set) string {
			var vs []string
			for _, p := range s.PlatformsOfKind("", dataset.KindContainer) {
				if v := s.RunnerString(p, "daemon_version"); v != "" {
					vs = append(vs, p+" "+v)
				}
			}
			return strings.Join(vs, ", ")
		}},
	}
	for _, r := range rows {
		row := []string{r.role, r.thesis}
		for _, s := range sets {
			v := ran(s, r.kind, r.lang)
			if v == "" {
				v = format.Or(r.get(s), notRecorded)
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"jq .toolchain,.runners " + dirs(sets, " ", "/"+dataset.EnvironmentFile)}}, nil
}

// workload is a row of the Workloads input: a test, what it computes and
// the unit of its size argument.
type workload struct{ exp, test, what, unit string }

// workloads reads the Workloads input (experiment,test,what,unit).
func (e *Engine) workloads() ([]workload, error) {
	recs, err := csv.NewReader(bytes.NewReader(e.Workloads.Data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", e.Workloads.Name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty, expected a header (experiment,test,workload,size) and a row per test", e.Workloads.Name)
	}
	var out []workload
	for _, r := range recs[1:] {
		out = append(out, workload{r[0], r[1], r[2], r[3]})
	}
	return out, nil
}

// runWorkloads lists every test of the datasets with what it computes and
// its size in each dataset, with units.
func runWorkloads(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a)
	if err != nil {
		return nil, err
	}
	ws, err := e.workloads()
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"experiment", "test", "what the program does", "size unit"}, Right: []bool{false, false, false, false}}
	for _, s := range sets {
		t.Header = append(t.Header, s.Label)
		t.Right = append(t.Right, true)
	}
	var exps []string
	for _, s := range sets {
		exps = append(exps, s.Experiments()...)
	}
	for _, x := range model.OrderExperiments(slices.Compact(slices.Sorted(slices.Values(exps)))) {
		var tests []string
		for _, s := range sets {
			tests = append(tests, s.Tests(x)...)
		}
		for _, test := range model.OrderTests(x, tests) {
			w := workload{what: "—", unit: "—"}
			for _, c := range ws {
				if c.exp == x && c.test == test {
					w = c
				}
			}
			row := []string{x, test, w.what, w.unit}
			for _, s := range sets {
				if !slices.Contains(s.Tests(x), test) {
					row = append(row, "not run")
					continue
				}
				row = append(row, sizeText(s.Env.Profile.Sizes, x, test, w.unit))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"jq .profile.sizes " + dirs(sets, " ", "/"+dataset.EnvironmentFile), "cat experiments/README.md"}}, nil
}

// sizeText is a test's size from a profile: the key exp/test, or the only
// key of the experiment (the fsio tests share one file size); byte counts
// in binary units, and for "files × bytes" the number of transfers (the
// profile's exp/files) times the size of each.
func sizeText(sizes map[string]int64, exp, test, unit string) string {
	v, ok := sizes[exp+"/"+test]
	if !ok {
		var keys []string
		for k := range sizes {
			if strings.HasPrefix(k, exp+"/") {
				keys = append(keys, k)
			}
		}
		if len(keys) != 1 {
			return "—"
		}
		v = sizes[keys[0]]
	}
	switch {
	case unit == filesTimesBytes:
		if n, ok := sizes[exp+"/"+experiments.ParamFiles]; ok {
			return fmt.Sprintf("%d × %s", n, format.Size(v))
		}
		return format.Size(v)
	case strings.HasPrefix(unit, "bytes"):
		return format.Size(v)
	}
	return strconv.FormatInt(v, 10)
}

// filesTimesBytes is the size unit (report/workloads.csv) of a test that
// moves several transfers of a size each.
const filesTimesBytes = "files × bytes"

// envFields are the values of the env command.
var envFields = map[string]func(s *model.Set) string{
	"cpu":            func(s *model.Set) string { return s.Env.Host.CPUModel },
	"cores":          func(s *model.Set) string { return strconv.Itoa(s.Env.Host.Cores) },
	"memory":         func(s *model.Set) string { return format.Size(s.Env.Host.MemTotalKiB << 10) },
	"arch":           func(s *model.Set) string { return s.Env.Host.Arch },
	"device":         func(s *model.Set) string { return s.Env.Host.DeviceModel },
	"kernel":         func(s *model.Set) string { return s.Env.Host.Kernel },
	"os":             func(s *model.Set) string { return s.Env.Host.OS },
	"virtualization": func(s *model.Set) string { return format.Or(s.Env.Host.Virtualized, "none detected") },
	"repetitions":    func(s *model.Set) string { return strconv.Itoa(s.Env.Profile.Repetitions) },
	"profile":        func(s *model.Set) string { return s.Env.Profile.Name },
	"platforms":      func(s *model.Set) string { return format.List(s.AllPlatforms()) },
	"langs":          func(s *model.Set) string { return format.List(format.Langs(s.AllLangs())) },
	"label":          func(s *model.Set) string { return s.Label },
	"invocations":    func(s *model.Set) string { return strconv.Itoa(s.Env.Samples) },
	"failed":         func(s *model.Set) string { return strconv.Itoa(s.Env.Failed) },
	"runtimes":       func(s *model.Set) string { return format.List(runtimes(s)) },
}

// runtimes lists the Wasm runtimes of a dataset with their versions, as
// their runners recorded them.
func runtimes(s *model.Set) []string {
	var vs []string
	for _, p := range s.PlatformsOfKind("", dataset.KindWasm) {
		rt := model.Runtime(p)
		ver := s.RunnerString(p, rt+"_version")
		if ver == "" {
			// The cgo runtimes record "runtime_version": "<runtime> <version> (…)".
			ver, _, _ = strings.Cut(strings.TrimPrefix(s.RunnerString(p, "runtime_version"), rt+" "), " ")
		}
		v := strings.TrimSpace(rt + " " + ver)
		if rt != "" && !slices.Contains(vs, v) {
			vs = append(vs, v)
		}
	}
	return vs
}

// listFields are the env fields that are lists: with data=all, env gives
// their union over every dataset.
var listFields = map[string]func(s *model.Set) []string{
	"platforms": func(s *model.Set) []string { return s.AllPlatforms() },
	"langs":     func(s *model.Set) []string { return s.AllLangs() },
	"runtimes":  runtimes,
}

func runEnvField(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"field"})
	if err != nil {
		return nil, err
	}
	get, ok := envFields[vals[0]]
	if !ok {
		return nil, fmt.Errorf("env: unknown field %q (known: %s)", vals[0], strings.Join(slices.Sorted(maps.Keys(envFields)), ", "))
	}
	if a.KV["data"] == dataAll {
		list, ok := listFields[vals[0]]
		if !ok {
			return nil, fmt.Errorf("env: data=%s unites a list field (%s), not %s", dataAll, strings.Join(slices.Sorted(maps.Keys(listFields)), ", "), vals[0])
		}
		var all []string
		for _, s := range e.Model.Sets {
			for _, v := range list(s) {
				if !slices.Contains(all, v) {
					all = append(all, v)
				}
			}
		}
		switch vals[0] {
		case "platforms":
			all = model.OrderPlatforms(all)
		case "langs":
			all = format.Langs(model.OrderLangs(all))
		}
		return &doc.Output{Text: format.Or(format.List(all), "not recorded")}, nil
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	v := get(s)
	if v == "" {
		v = "not recorded"
	}
	return &doc.Output{Text: v, Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), envRead(s, envPaths[vals[0]]))}, nil
}

// archName is an architecture as prose.
func archName(arch string) string {
	switch strings.ToLower(arch) {
	case "amd64", "x86_64":
		return "x86-64"
	case "arm64", "aarch64":
		return "64-bit ARM"
	case "arm", "armv7l", "armv6l", "armhf":
		return "32-bit ARM"
	}
	return arch
}

// hostPhrase describes one machine: "a virtualized x86-64 machine (AMD
// EPYC, 2 cores)".
func hostPhrase(s *model.Set) string {
	h := s.Env.Host
	what := archName(h.Arch) + " machine"
	if h.DeviceModel != "" {
		what = h.DeviceModel + " (" + archName(h.Arch) + ")"
	}
	if h.Virtualized != "" {
		what = "virtualized " + what
	}
	return fmt.Sprintf("%s (%s, %d cores)", what, format.Or(h.CPUModel, "CPU not recorded"), h.Cores)
}

// hosts groups the datasets by machine.
func hosts(sets []*model.Set) (phrases []string, labels [][]string) {
	for _, s := range sets {
		p := hostPhrase(s)
		if i := slices.Index(phrases, p); i >= 0 {
			labels[i] = append(labels[i], s.Label)
			continue
		}
		phrases = append(phrases, p)
		labels = append(labels, []string{s.Label})
	}
	return phrases, labels
}

func runHosts(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	phrases, _ := hosts(e.Model.Sets)
	text := "one " + phrases[0]
	if len(phrases) > 1 {
		text = fmt.Sprintf("%d machines (%s)", len(phrases), format.List(phrases))
	}
	var reads []doc.Read
	for _, s := range e.Model.Sets {
		reads = append(reads, envRead(s, "host"))
	}
	cmd := "jq .host " + dirs(e.Model.Sets, " ", "/"+dataset.EnvironmentFile)
	return &doc.Output{Text: text, Commands: []string{cmd}, Prov: prov(cmd, reads...)}, nil
}

// runPi is the paper's sentence on the thesis's device, computed from the
// device model each environment.json recorded.
func runPi(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	var pi, other []string
	for _, s := range e.Model.Sets {
		if s.OnPi() {
			pi = append(pi, fmt.Sprintf("%s (%s)", s.Label, s.Env.Host.DeviceModel))
		} else {
			other = append(other, s.Label)
		}
	}
	var text string
	phrases, _ := hosts(e.Model.Sets)
	switch {
	case len(pi) == 0:
		n := "its one dataset was"
		switch len(other) {
		case 1:
		case 2:
			n = "both datasets were"
		default:
			n = fmt.Sprintf("all %d datasets were", len(other))
		}
		on := "on one " + phrases[0]
		if len(phrases) > 1 {
			on = "on " + format.List(phrases)
		}
		text = fmt.Sprintf("No dataset in this paper comes from a Raspberry Pi: %s measured %s, so the thesis's absolute times on its Raspberry Pi 3 Model B+ are not tested here.", n, on)
	case len(other) == 0:
		text = fmt.Sprintf("Every dataset comes from a Raspberry Pi: %s.", format.List(pi))
	default:
		text = fmt.Sprintf("%s from a Raspberry Pi; %s from other machines.", format.List(pi), format.List(other))
		if len(pi) == 1 {
			text = strings.Replace(text, " from a", " comes from a", 1)
		} else {
			text = strings.Replace(text, " from a", " come from a", 1)
		}
	}
	var reads []doc.Read
	for _, s := range e.Model.Sets {
		reads = append(reads, envRead(s, "host.device_model"))
	}
	cmd := "jq .host.device_model " + dirs(e.Model.Sets, " ", "/"+dataset.EnvironmentFile)
	return &doc.Output{Text: text, Commands: []string{cmd}, Prov: prov(cmd, reads...)}, nil
}

func runSamples(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a, "exp"); err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, x := range s.Experiments() {
		if a.KV["exp"] != "" && x != a.KV["exp"] {
			continue
		}
		for _, t := range s.Tests(x) {
			for _, l := range s.Langs(x) {
				for _, p := range s.Platforms(x) {
					n += len(s.Values(model.Key{Exp: x, Test: t, Lang: l, Platform: p, Metric: dataset.WallMS}))
				}
			}
		}
	}
	return &doc.Output{Text: strconv.Itoa(n), Commands: []string{Reproduce(s, a)},
		Prov: prov(Reproduce(s, a), samples(s, a.KV["exp"], nil, nil, nil, []string{dataset.WallMS}))}, nil
}

func runFailures(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"exp"})
	if err != nil {
		return nil, err
	}
	exp := vals[0]
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &doc.Output{}
	var clean, measured []string
	for _, s := range sets {
		if !s.Measured(exp) {
			continue
		}
		measured = append(measured, s.Label)
		fs := s.Failures(exp)
		if len(fs) == 0 {
			clean = append(clean, s.Label)
			continue
		}
		t, file := failureTable(s, exp, fs)
		out.Tables = append(out.Tables, t)
		out.Files = append(out.Files, file)
		out.Commands = append(out.Commands, fmt.Sprintf("grep ',%s' %s/%s | grep '^%s,'", dataset.FailedPrefix, s.Dir, dataset.SamplesFile, exp))
	}
	if len(measured) == 0 {
		out.Text = fmt.Sprintf("*No dataset measured the %s experiment.*", exp)
		return out, nil
	}
	if len(clean) == 0 {
		return out, nil
	}
	none := fmt.Sprintf("No invocation of the %s experiment failed in %s.", exp, format.List(clean))
	if len(out.Tables) == 0 {
		out.Text = "*" + none + "*"
	} else {
		last := &out.Tables[len(out.Tables)-1]
		last.Notes = append(last.Notes, none)
	}
	return out, nil
}

// failureTable groups the failed invocations of one dataset by platform
// and reason: a platform that cannot run an experiment at all is one row,
// not one per test, and reasons that differ only in the numbers of a path
// (one scratch file per repetition) are one reason. Every failed
// invocation with its full reason goes to a CSV beside the paper, which
// the table's note links.
func failureTable(s *model.Set, exp string, fs []model.Failure) (doc.Table, doc.File) {
	type group struct {
		platform, reason string
		tests            map[string][]string // lang → tests
		n                int
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	var full bytes.Buffer
	w := csv.NewWriter(&full)
	w.Write([]string{"dataset", "experiment", "test", "lang", "platform", "rep", "reason"})
	for _, f := range fs {
		w.Write([]string{s.Label, f.Exp, f.Test, f.Lang, f.Platform, strconv.Itoa(f.Rep), f.Reason})
		k := [2]string{f.Platform, reasonPattern(f.Reason)}
		g := byKey[k]
		if g == nil {
			g = &group{platform: f.Platform, reason: k[1], tests: map[string][]string{}}
			byKey[k] = g
			groups = append(groups, g)
		}
		if !slices.Contains(g.tests[f.Lang], f.Test) {
			g.tests[f.Lang] = append(g.tests[f.Lang], f.Test)
		}
		g.n++
	}
	w.Flush()
	slices.SortStableFunc(groups, func(a, b *group) int {
		return slices.Index(s.Platforms(exp), a.platform) - slices.Index(s.Platforms(exp), b.platform)
	})
	t := doc.Table{Title: s.Label, Header: []string{"platform", "tests", "failed", "reason"}, Right: []bool{false, false, true, false}}
	for _, g := range groups {
		var parts []string
		for _, l := range model.OrderLangs(slices.Collect(maps.Keys(g.tests))) {
			tests := model.OrderTests(exp, g.tests[l])
			what := strings.Join(tests, ", ")
			if len(tests) == len(s.Tests(exp)) && len(tests) > 1 {
				what = fmt.Sprintf("all %d tests", len(tests))
			}
			parts = append(parts, format.Lang(l)+": "+what)
		}
		t.Rows = append(t.Rows, []string{g.platform, strings.Join(parts, "; "), strconv.Itoa(g.n), shortReason(g.reason)})
	}
	path := fmt.Sprintf("csv/failures-%s-%s.csv", s.Label, exp)
	t.Notes = append(t.Notes, fmt.Sprintf("failed: invocations (one per reason when an invocation gave several). Reasons that differ only in the numbers of a path are grouped, and long ones shortened; every failed invocation with its full reason: [%s](%s).", path, path))
	return t, doc.File{Path: path, Data: full.Bytes()}
}

var digitsRE = regexp.MustCompile(`[0-9]+`)

// reasonPattern is a failure reason with the numbers in its paths (a
// scratch file per repetition, say) replaced by N.
func reasonPattern(r string) string {
	words := strings.Fields(r)
	for i, w := range words {
		if strings.Contains(w, "/") {
			words[i] = digitsRE.ReplaceAllString(w, "N")
		}
	}
	return strings.Join(words, " ")
}

// maxReason is the longest reason a table shows; the CSV has all of it.
const maxReason = 80

var parenRE = regexp.MustCompile(`\s*\([^()]*\)`)

// shortReason fits a reason into maxReason characters: its paths by their
// last element, without its parenthetical remarks, then cut after its
// last clause that fits, or at a word.
func shortReason(r string) string {
	if utf8.RuneCountInString(r) <= maxReason {
		return r
	}
	words := strings.Fields(r)
	for i, w := range words {
		if strings.HasPrefix(w, "/") && strings.Count(w, "/") > 1 {
			words[i] = w[strings.LastIndex(strings.TrimSuffix(w, ":"), "/")+1:]
		}
	}
	if r = strings.Join(words, " "); utf8.RuneCountInString(r) <= maxReason {
		return r
	}
	r = parenRE.ReplaceAllString(r, "")
	if utf8.RuneCountInString(r) <= maxReason {
		return r
	}
	cut := string([]rune(r)[:maxReason-1])
	for _, sep := range []string{": ", "; ", ", ", " "} {
		if i := strings.LastIndex(cut, sep); i > maxReason/3 {
			return cut[:i] + " …"
		}
	}
	return cut + "…"
}

// platformsMeasured names a dataset's platforms, or, when it ran most of
// the platforms edgewasm knows (the control platforms aside: "all" never
// runs them), those it did not run: a cell short enough to read.
func platformsMeasured(s *model.Set) string {
	ps := s.AllPlatforms()
	known := dataset.MainPlatformNames()
	var missing []string
	for _, p := range known {
		if !slices.Contains(ps, p) {
			missing = append(missing, p)
		}
	}
	others := slices.DeleteFunc(slices.Clone(ps), func(p string) bool { return slices.Contains(known, p) })
	list := strings.Join(ps, ", ")
	text := fmt.Sprintf("all %d", len(ps)-len(others))
	if len(missing) > 0 {
		text = "all but " + strings.Join(missing, ", ")
	}
	if len(others) > 0 {
		text += "; and " + strings.Join(others, ", ")
	}
	if len(text) < len(list) {
		return text
	}
	return list
}
