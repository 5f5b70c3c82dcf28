package cells

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/figures"
	"github.com/edgewasm/edgewasm/report/model"
)

// Command is one verb of the cell language.
type Command struct {
	// Usage lists the arguments, for README.md and error messages.
	Usage string
	// Inline commands may appear in prose as {{ verb ... }}; the others
	// only as block cells.
	Inline bool
	// Needs names the data the command reads, as dependency keys
	// (see Engine.key); it decides when a cached output is stale.
	Needs func(a Args) []string
	// Run computes the output.
	Run func(e *Engine, a Args) (*doc.Output, error)
}

// Dependency keys a command can declare in Needs.
const (
	NeedEnv    = "env"    // environment.json of the selected datasets
	NeedAll    = "all"    // every row of the selected datasets
	NeedLit    = "lit"    // the literature records
	NeedClaims = "claims" // the claims file
	// NeedEveryEnv and NeedEvery are NeedEnv and NeedAll of every dataset,
	// whatever data= selects.
	NeedEveryEnv = "every-env"
	NeedEvery    = "every"
	// NeedControl is every row of the launcher-control datasets
	// (Inputs.Control).
	NeedControl = "control"
)

// NeedExp is the dependency key for the rows of one experiment.
func NeedExp(exp string) string { return needExpPrefix + exp }

const needExpPrefix = "exp:"

// Special dataset selections for data=.
const (
	dataPrimary = "primary" // the first dataset
	dataRest    = "rest"    // every dataset but the first
	dataWith    = "with:"   // with:P, the datasets that ran platform P
	dataAll     = "all"     // every dataset (env unites a list field over them)
	// dataPowered: the datasets with enough repetitions for verdicts that
	// measured what the cell names, or when none did the first dataset
	// that did (the primary when none did): the datasets of the results'
	// figures.
	dataPowered = "powered"
)

// Input is one of the paper's own files, named as the paper names it (in
// messages and in the commands it prints).
type Input struct {
	Name string
	Data []byte
}

// Inputs are what the commands read besides the datasets: the paper's
// own files, which package report builds into the binary, and the
// literature folder.
type Inputs struct {
	// Literature is the literature/ folder (prisma, excluded,
	// orchestration, later-studies, studies, references, orchestrators).
	Literature string
	// Claims is the claims table (report/claims reads it).
	Claims Input
	// Registry holds every registered version of the claims' criteria
	// (report/claims reads it); empty when a claims table of a reader's
	// own comes without one, whose criteria then carry no registration.
	Registry Input
	// Findings is the README's findings source: Markdown whose every
	// number is an inline expression (the findings command).
	Findings Input
	// References lists the works the paper cites beyond the thesis's
	// bibliography and the later studies (the references command).
	References Input
	// Workloads describes each test: what it computes and the unit of its
	// size (the workloads and across commands).
	Workloads Input
	// Control holds the launcher-control datasets (data/control/*: each
	// launcher-based Wasm platform beside its control platform,
	// dataset.ControlOf), kept apart from the paper's datasets; nil when
	// there are none. The launchers command reads them.
	Control *model.Model
}

// Engine executes commands against the analysis model.
type Engine struct {
	Model *model.Model
	Inputs
	cmds map[string]Command
	mu   sync.Mutex // guards the Stats of concurrent evaluations
}

// NewEngine returns an engine with every built-in command.
func NewEngine(m *model.Model, in Inputs) *Engine {
	return &Engine{Model: m, Inputs: in, cmds: builtins()}
}

// Define adds a command to the engine's language, or replaces the one of
// that verb: a caller's own cells (a test's, say) run, cache and number
// like the built-in ones.
func (e *Engine) Define(verb string, c Command) { e.cmds[verb] = c }

// builtins is the command table of the cell language (README.md lists it).
func builtins() map[string]Command {
	m := map[string]Command{}
	for _, part := range []map[string]Command{envCommands(), statsCommands(), sentenceCommands(), claimCommands(), figureCommands(), literatureCommands(), findingsCommands(), runtimeCommands(), scopeCommands(), threatCommands(), whenCommands(), claimMapCommands(), controlCommands()} {
		maps.Copy(m, part)
	}
	return m
}

// Commands lists the verbs in lexical order.
func (e *Engine) Commands() []string { return slices.Sorted(maps.Keys(e.cmds)) }

func (e *Engine) command(a Args, inline bool) (Command, error) {
	c, ok := e.cmds[a.Verb]
	if !ok {
		return c, fmt.Errorf("unknown command %q; known: %s", a.Verb, strings.Join(e.Commands(), ", "))
	}
	if inline && !c.Inline {
		// Block commands cannot sit in prose; any command can be printed.
		return c, fmt.Errorf("%s is a block command: use it in a ```cell fence, not inline", a.Verb)
	}
	return c, nil
}

// sets returns the datasets a command addresses: data=LABEL picks one,
// data=primary the first, data=rest all but the first and data=with:P
// those that ran platform P (a section about platforms only some datasets
// have); otherwise inline expressions read the first dataset and blocks
// all.
func (e *Engine) sets(a Args, inline bool) ([]*model.Set, error) {
	all := e.Model.Sets
	l, ok := a.KV["data"]
	switch {
	case len(all) == 0:
		return nil, nil
	case !ok && inline, ok && l == dataPrimary:
		return []*model.Set{e.primary(a)}, nil
	case !ok, l == dataAll:
		return all, nil
	case l == dataRest:
		return all[1:], nil
	case l == dataPowered:
		var out []*model.Set
		for _, s := range all {
			if measures(s, a) && !s.Power(claims.ThesisPlatforms).Underpowered() {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			out = []*model.Set{e.primary(a)}
		}
		return out, nil
	case strings.HasPrefix(l, dataWith):
		p := strings.TrimPrefix(l, dataWith)
		var with []*model.Set
		for _, s := range all {
			if slices.Contains(s.AllPlatforms(), p) {
				with = append(with, s)
			}
		}
		if len(with) == 0 {
			return nil, fmt.Errorf("data=%s: no dataset ran platform %s", l, p)
		}
		// The first of them that measured what the cell asks for (the
		// other datasets have their own appendix).
		for _, s := range with {
			if measures(s, a) {
				return []*model.Set{s}, nil
			}
		}
		return with[:1], nil
	}
	s, err := e.Model.Set(l)
	if err != nil {
		return nil, fmt.Errorf("data=%s: %v (or %s, %s)", l, err, dataPrimary, dataRest)
	}
	return []*model.Set{s}, nil
}

// primary returns the dataset a command reads by default: the first one
// that measured what the command names (see measures), so that a question
// one dataset did not ask (another runtime, the network, a language) is
// answered by the first dataset that did; the first dataset when none did
// or nothing is named.
func (e *Engine) primary(a Args) *model.Set {
	for _, s := range e.Model.Sets {
		if measures(s, a) {
			return s
		}
	}
	return e.Model.Sets[0]
}

// measures reports whether s measured the experiment a command names
// (exp=) on every platform it names (a=, b=, platform=) in the language
// it names (lang=). A command that names no experiment asks nothing
// particular: every dataset measures it.
func measures(s *model.Set, a Args) bool {
	exp := a.KV["exp"]
	if spec, ok := figures.ByID(a.KV["id"]); ok && exp == "" && a.Verb == "figure" {
		exp = spec.Exp // a figure of the paper names its experiment by its id
	}
	if exp == "" {
		return true
	}
	if !s.Measured(exp) {
		return false
	}
	if l := a.KV["lang"]; l != "" && !slices.Contains(s.Langs(exp), l) {
		return false
	}
	ps := s.Platforms(exp)
	for _, k := range []string{"a", "b", "platform"} {
		if v := a.KV[k]; v != "" {
			if p, _, _ := strings.Cut(v, ":"); !slices.Contains(ps, p) {
				return false
			}
		}
	}
	return true
}

// one returns the dataset an inline command reads: the primary one
// unless data= picks another.
func (e *Engine) one(a Args) (*model.Set, error) {
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%s: data=%s selects no dataset", a.Verb, a.KV["data"])
	}
	return sets[0], nil
}

// blocks checks a block command's arguments (known lists the optional
// ones besides data=) and returns the datasets it addresses.
func (e *Engine) blocks(a Args, known ...string) ([]*model.Set, error) {
	if err := check(a, known...); err != nil {
		return nil, err
	}
	return e.sets(a, false)
}

// req returns a required argument.
func req(a Args, key string) (string, error) {
	v, ok := a.KV[key]
	if !ok || v == "" {
		return "", fmt.Errorf("%s: missing argument %s=", a.Verb, key)
	}
	return v, nil
}

// need checks a against every argument the command knows (required, then
// optional) and returns the values of the required ones in order.
func need(a Args, required []string, optional ...string) ([]string, error) {
	if err := check(a, append(slices.Clone(required), optional...)...); err != nil {
		return nil, err
	}
	vals := make([]string, len(required))
	for i, k := range required {
		v, err := req(a, k)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// check rejects arguments the command does not know.
func check(a Args, known ...string) error {
	for _, k := range a.keys {
		if k != "data" && !slices.Contains(known, k) {
			return fmt.Errorf("%s: unknown argument %s= (known: %s)", a.Verb, k, strings.Join(append(known, "data"), ", "))
		}
	}
	return nil
}

// Reproduce is the command a reader runs to get the output of one cell
// for one dataset. It names the dataset directory as given on the command
// line and nothing of the output folder, so the paper's bytes do not
// depend on where it is written.
func Reproduce(s *model.Set, a Args) string {
	b := Args{Verb: a.Verb, KV: map[string]string{}}
	for _, k := range a.keys {
		if k != "data" {
			b.KV[k] = a.KV[k]
			b.keys = append(b.keys, k)
		}
	}
	return fmt.Sprintf("edgewasm report --data %s --cell '%s'", s.Dir, b)
}

// ReproduceAll is Reproduce for a command that reads every dataset (the
// first the primary one).
func ReproduceAll(sets []*model.Set, a Args) string {
	var b strings.Builder
	b.WriteString("edgewasm report")
	for _, s := range sets {
		b.WriteString(" --data " + s.Dir)
	}
	fmt.Fprintf(&b, " --cell '%s'", a)
	return b.String()
}
