package report

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/experiments"
)

// builtins is the command table of the cell language (README.md lists it).
func builtins() map[string]Command {
	envOnly := func(Args) []string { return []string{needEnv} }
	expNeeds := func(a Args) []string { return []string{needEnv, needExp(a.KV["exp"])} }
	m := map[string]Command{
		"environment": {Usage: "environment", Needs: envOnly, Run: runEnvironment},
		"protocol":    {Usage: "protocol", Needs: envOnly, Run: runProtocol},
		"deviations":  {Usage: "deviations", Needs: envOnly, Run: runDeviations},
		"env":         {Usage: "env field=cpu|cores|memory|arch|device|kernel|os|repetitions|profile|platforms|langs", Inline: true, Needs: envOnly, Run: runEnvField},
		"samples": {Usage: "samples [exp=E]  (successful invocations)", Inline: true, Needs: func(a Args) []string {
			if e, ok := a.KV["exp"]; ok {
				return []string{needEnv, needExp(e)}
			}
			return []string{needAll}
		}, Run: runSamples},
		"failures": {Usage: "failures exp=E  (table of failed invocations by reason)", Needs: expNeeds, Run: runFailures},
	}
	for k, v := range statsCommands() {
		m[k] = v
	}
	for k, v := range literatureCommands() {
		m[k] = v
	}
	return m
}

func runEnvironment(e *Engine, a Args) (*Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	t := Table{Header: []string{"property"}}
	rows := []struct {
		name string
		get  func(*Set) string
	}{
		{"CPU", func(s *Set) string { return s.Env.Host.CPUModel }},
		{"cores", func(s *Set) string { return strconv.Itoa(s.Env.Host.Cores) }},
		{"memory", func(s *Set) string { return fmt.Sprintf("%d MiB", s.Env.Host.MemTotalKiB/1024) }},
		{"architecture", func(s *Set) string { return s.Env.Host.Arch }},
		{"device model", func(s *Set) string { return s.Env.Host.DeviceModel }},
		{"virtualization", func(s *Set) string { return s.Env.Host.Virtualized }},
		{"CPU governor", func(s *Set) string { return s.Env.Host.Governor }},
		{"kernel", func(s *Set) string { return s.Env.Host.Kernel }},
		{"operating system", func(s *Set) string { return s.Env.Host.OS }},
		{"C compiler", func(s *Set) string { return s.Env.Versions().CC }},
		{"Go", func(s *Set) string { return s.Env.Versions().Go }},
		{"Wasm C compiler", func(s *Set) string { return s.Env.Versions().WasmCC }},
		{"wazero", func(s *Set) string { return s.Env.Versions().Wazero }},
		{"edgewasm", func(s *Set) string {
			v := s.Env.Tool.Version + " " + short(s.Env.Tool.GitCommit)
			if s.Env.Tool.GitDirty {
				v += " (modified)"
			}
			return strings.TrimSpace(v)
		}},
		{"platforms measured", func(s *Set) string { return strings.Join(measuredPlatforms(s), ", ") }},
		{"platforms unavailable", func(s *Set) string { return unavailable(s) }},
		{"run started (UTC)", func(s *Set) string { return s.Env.Started.UTC().Format("2006-01-02 15:04") }},
		{"invocations (failed)", func(s *Set) string { return fmt.Sprintf("%d (%d)", s.Env.Samples, s.Env.Failed) }},
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
	out := &Output{Tables: []Table{t}}
	for _, s := range sets {
		out.Commands = append(out.Commands, "jq .host,.toolchain "+s.Dir+"/environment.json")
	}
	return out, nil
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

func unavailable(s *Set) string {
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(s.Env.Unavailable)) {
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// measuredPlatforms lists every platform with at least one row.
func measuredPlatforms(s *Set) []string {
	var all []string
	for _, e := range experiments.Names {
		for _, p := range s.Platforms(e) {
			addUnique(&all, p)
		}
	}
	return ordered(all, platformOrder)
}

func runProtocol(e *Engine, a Args) (*Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	t := Table{Header: []string{"setting", "thesis (Napieralla 2020)"}}
	for _, s := range sets {
		t.Header = append(t.Header, s.Label)
	}
	row := func(name, thesis string, get func(*Set) string) {
		r := []string{name, thesis}
		for _, s := range sets {
			r = append(r, get(s))
		}
		t.Rows = append(t.Rows, r)
	}
	row("profile", "—", func(s *Set) string { return s.Env.Profile.Name })
	row("repetitions", "10", func(s *Set) string { return strconv.Itoa(s.Env.Profile.Repetitions) })
	for _, x := range experiments.Names {
		thesis := map[string]string{"cpu": "1", "fsio": "0"}[x]
		if thesis == "" {
			thesis = "not stated"
		}
		row("warm-ups, "+x, thesis, func(s *Set) string { return strconv.Itoa(s.Env.Profile.Warmups[x]) })
	}
	row("interleaved platforms", "not stated", func(s *Set) string { return yesNo(s.Env.Profile.Interleave) })
	row("fsio file size", "1 GB", func(s *Set) string { return bytesText(s.Env.Profile.Sizes["fsio/fsio"]) })
	row("fsio block size", "not stated", func(s *Set) string { return bytesText(s.Env.Profile.FSIOBlock) })
	for _, x := range experiments.CPUTests {
		row("size, cpu/"+x, "not stated", func(s *Set) string {
			if v, ok := s.Env.Profile.Sizes["cpu/"+x]; ok {
				return strconv.FormatInt(v, 10)
			}
			return "—"
		})
	}
	row("timeout per invocation", "—", func(s *Set) string { return s.Env.Profile.Timeout.D().String() })
	return &Output{Tables: []Table{t}}, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// bytesText prints a byte count in binary units.
func bytesText(n int64) string {
	switch {
	case n <= 0:
		return "—"
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func runEnvField(e *Engine, a Args) (*Output, error) {
	vals, err := need(a, []string{"field"})
	if err != nil {
		return nil, err
	}
	f := vals[0]
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	s := sets[0]
	h := s.Env.Host
	v, ok := map[string]string{
		"cpu": h.CPUModel, "cores": strconv.Itoa(h.Cores), "memory": fmt.Sprintf("%d MiB", h.MemTotalKiB/1024),
		"arch": h.Arch, "device": h.DeviceModel, "kernel": h.Kernel, "os": h.OS,
		"repetitions": strconv.Itoa(s.Env.Profile.Repetitions), "profile": s.Env.Profile.Name,
		"platforms": strings.Join(measuredPlatforms(s), ", "), "langs": strings.Join(s.Env.Langs, ", "),
		"label": s.Label,
	}[f]
	if !ok {
		return nil, fmt.Errorf("env: unknown field %q", f)
	}
	if v == "" {
		v = "not recorded"
	}
	return &Output{Text: v, Commands: []string{reproduce(s, a)}}, nil
}

func runSamples(e *Engine, a Args) (*Output, error) {
	if err := check(a, "exp"); err != nil {
		return nil, err
	}
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	s := sets[0]
	n := 0
	for k, v := range s.ok {
		if k.metric == "wall_ms" && (a.KV["exp"] == "" || k.exp == a.KV["exp"]) {
			n += len(v)
		}
	}
	return &Output{Text: strconv.Itoa(n), Commands: []string{reproduce(s, a)}}, nil
}

func runFailures(e *Engine, a Args) (*Output, error) {
	vals, err := need(a, []string{"exp"})
	if err != nil {
		return nil, err
	}
	exp := vals[0]
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &Output{}
	for _, s := range sets {
		t := Table{Title: s.Label, Header: []string{"test", "lang", "platform", "failed invocations"}, Right: []bool{false, false, false, true}}
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				for _, p := range s.Platforms(exp) {
					if n := s.Failed(exp, test, l, p); n > 0 {
						t.Rows = append(t.Rows, []string{test, l, p, strconv.Itoa(n)})
					}
				}
			}
		}
		if len(t.Rows) == 0 {
			t.Notes = append(t.Notes, "No invocation failed.")
		}
		out.Tables = append(out.Tables, t)
		out.Commands = append(out.Commands, fmt.Sprintf("grep ',failed:' %s/samples.csv | grep '^%s,'", s.Dir, exp))
	}
	return out, nil
}
