package cells

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/edgewasm/edgewasm/report/doc"
)

// cacheSchema is bumped when Output changes shape.
const cacheSchema = "report-cache-3"

// Cache stores cell outputs on disk under Dir, one JSON file per key. The
// key hashes the command, the content of the data it reads and the
// executable that computes it, so a rebuilt edgewasm never reuses an
// output of older code.
type Cache struct {
	Dir string // "" disables the cache
}

func (c Cache) path(key string) string { return filepath.Join(c.Dir, key[:2], key+".json") }

func (c Cache) get(key string) (*doc.Output, bool) {
	if c.Dir == "" {
		return nil, false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	var o doc.Output
	if json.Unmarshal(b, &o) != nil {
		return nil, false // a damaged entry is recomputed
	}
	return &o, true
}

func (c Cache) put(key string, o *doc.Output) error {
	if c.Dir == "" {
		return nil
	}
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	// A temporary file of its own, then a rename: cells are evaluated
	// concurrently, and a reader never sees half an entry.
	tmp, err := os.CreateTemp(filepath.Dir(p), key+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), p)
}

var exeHash = sync.OnceValue(func() string {
	p, err := os.Executable()
	if err != nil {
		return "unknown-executable"
	}
	f, err := os.Open(p)
	if err != nil {
		return "unknown-executable"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown-executable"
	}
	return hex.EncodeToString(h.Sum(nil))
})

// key is the cache key of a command: its canonical text, whether it is
// inline, the executable, the paper's own files, and the hashes of
// everything it declares it reads. The output folder is not
// part of it: no output names it, so a cache can move with the paper.
func (e *Engine) key(a Args, inline bool, c Command) (string, error) {
	sets, err := e.sets(a, inline)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\ninline=%v\n", cacheSchema, exeHash(), a, inline)
	// The paper's own files besides the claims (which a command declares
	// it reads): the executable holds them when package report gives
	// them, but an engine may be given others.
	fmt.Fprintf(h, "findings %s\nreferences %s\nworkloads %s\n", hashBytes(e.Findings.Data), hashBytes(e.References.Data), hashBytes(e.Workloads.Data))
	needs := c.Needs(a)
	slices.Sort(needs)
	for _, n := range needs {
		if n == NeedEveryEnv || n == NeedEvery {
			// Commands that describe every dataset whatever the
			// selection (the title's hosts, the Pi sentence).
			sets, n = e.Model.Sets, map[string]string{NeedEveryEnv: NeedEnv, NeedEvery: NeedAll}[n]
		}
		switch {
		case n == NeedEnv || n == NeedAll || strings.HasPrefix(n, needExpPrefix):
			for _, s := range sets {
				fmt.Fprintf(h, "%s %s %s", s.Label, s.Dir, s.Hash(""))
				switch {
				case n == NeedAll:
					fmt.Fprintf(h, " %s", strings.Join(s.Hashes(), " "))
				case n != NeedEnv:
					fmt.Fprintf(h, " %s", s.Hash(strings.TrimPrefix(n, needExpPrefix)))
				}
				fmt.Fprintln(h)
			}
		case n == NeedLit:
			lh, err := treeHash(e.Literature)
			if err != nil {
				return "", err
			}
			fmt.Fprintln(h, "lit", lh)
		case n == NeedClaims:
			fmt.Fprintln(h, "claims", e.Claims.Name, hashBytes(e.Claims.Data), e.Registry.Name, hashBytes(e.Registry.Data))
		case n == NeedControl:
			fmt.Fprintln(h, "control")
			if e.Control != nil {
				for _, s := range e.Control.Sets {
					fmt.Fprintf(h, "%s %s %s %s\n", s.Label, s.Dir, s.Hash(""), strings.Join(s.Hashes(), " "))
				}
			}
		default:
			return "", fmt.Errorf("%s: unknown dependency %q", a.Verb, n)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// treeHash hashes every regular file under root (names and contents), in
// lexical order; a missing root hashes as such.
func treeHash(root string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == root {
				fmt.Fprintln(h, "missing")
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s %s\n", filepath.ToSlash(rel), hashBytes(b))
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// Stats counts what a render did with its cells.
type Stats struct {
	Executed []string // commands that ran, sorted
	Cached   int      // commands whose output came from the cache
}

// Eval runs one command (or takes it from the cache).
func (e *Engine) Eval(src string, inline bool, cache Cache, st *Stats) (*doc.Output, error) {
	a, err := ParseArgs(src)
	if err != nil {
		return nil, err
	}
	c, err := e.command(a, inline)
	if err != nil {
		return nil, err
	}
	if l := a.KV["data"]; strings.HasPrefix(l, dataWith) {
		if _, err := e.sets(a, inline); err != nil {
			// A section about a platform these datasets lack says so.
			return &doc.Output{Placeholder: "No dataset ran platform " + strings.TrimPrefix(l, dataWith) + "."}, nil
		}
	}
	k, err := e.key(a, inline, c)
	if err != nil {
		return nil, err
	}
	if o, ok := cache.get(k); ok {
		e.mu.Lock()
		st.Cached++
		e.mu.Unlock()
		return o, nil
	}
	o, err := e.run(c, a)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	st.Executed = append(st.Executed, a.String())
	e.mu.Unlock()
	return o, cache.put(k, o)
}

// Print evaluates one command without the cache and renders it as text:
// Markdown for prose values and text cells, aligned plain text for tables,
// file names for figures.
func (e *Engine) Print(command string) (string, error) {
	a, err := ParseArgs(command)
	if err != nil {
		return "", err
	}
	c, err := e.command(a, false)
	if err != nil {
		return "", err
	}
	o, err := e.run(c, a)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if o.Placeholder != "" {
		b.WriteString(o.Placeholder + "\n")
	}
	if o.Text != "" {
		b.WriteString(o.Text + "\n")
	}
	for _, t := range o.Tables {
		b.WriteString(t.Plain() + "\n\n")
	}
	for _, f := range o.Figures {
		fmt.Fprintf(&b, "figure %s (%d bytes of PNG; rendered by edgewasm report)\n", f.Name, len(f.PNG))
	}
	return b.String(), nil
}

func hashBytes(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
