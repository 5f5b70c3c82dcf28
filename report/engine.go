package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Command is one verb of the cell language.
type Command struct {
	// Usage lists the arguments, for README.md and error messages.
	Usage string
	// Inline commands may appear in prose as {{ verb ... }}; the others
	// only as block cells.
	Inline bool
	// Needs names the data the command reads, as dependency keys
	// (see Engine.depKeys); it decides when a cached output is stale.
	Needs func(a Args) []string
	// Run computes the output.
	Run func(e *Engine, a Args) (*Output, error)
}

// Dependency keys a command can declare in Needs.
const (
	needEnv    = "env"    // environment.json of the selected datasets
	needAll    = "all"    // every row of the selected datasets
	needLit    = "lit"    // the literature records
	needClaims = "claims" // report/claims.csv
)

// needExp is the dependency key for the rows of one experiment.
func needExp(exp string) string { return "exp:" + exp }

// Engine executes commands against the datasets.
type Engine struct {
	Sets    []*Set
	LitRoot string // the literature/ folder
	Out     string // output directory, as given (printed in commands)
	Claims  []byte // claims.csv
	cmds    map[string]Command
}

// NewEngine returns an engine with every built-in command.
func NewEngine(sets []*Set, litRoot string, claims []byte) *Engine {
	return &Engine{Sets: sets, LitRoot: litRoot, Claims: claims, cmds: builtins()}
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

// sets returns the datasets a command addresses: data=LABEL picks one;
// otherwise inline expressions read the first dataset and blocks all.
func (e *Engine) sets(a Args, inline bool) ([]*Set, error) {
	if l, ok := a.KV["data"]; ok {
		for _, s := range e.Sets {
			if s.Label == l {
				return []*Set{s}, nil
			}
		}
		var have []string
		for _, s := range e.Sets {
			have = append(have, s.Label)
		}
		return nil, fmt.Errorf("data=%s: no such dataset; loaded: %s", l, strings.Join(have, ", "))
	}
	if inline {
		return e.Sets[:1], nil
	}
	return e.Sets, nil
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

// reproduce is the command a reader runs to get the output of one cell
// for one dataset.
func reproduce(s *Set, a Args) string {
	b := Args{Verb: a.Verb, KV: map[string]string{}}
	for _, k := range a.keys {
		if k != "data" {
			b.KV[k] = a.KV[k]
			b.keys = append(b.keys, k)
		}
	}
	return fmt.Sprintf("edgewasm report --data %s --cell '%s'", s.Dir, b)
}

// notMeasured is the text of a value the dataset does not hold.
const notMeasured = "not measured"

// notYet returns the placeholder of a cell whose producer has not landed.
func notYet(part string) *Output {
	return &Output{Placeholder: "Not yet available: " + part + " has not landed in this build of edgewasm."}
}
