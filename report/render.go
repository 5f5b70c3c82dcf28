package report

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/cells"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/model"
)

// PaperSource is the committed paper (report/paper.src.md), built into the
// binary so that `edgewasm report` works from any directory.
//
//go:embed paper.src.md
var PaperSource []byte

// ClaimsCSV is the committed table of the thesis's quantitative claims
// (report/claims.csv).
//
//go:embed claims.csv
var ClaimsCSV []byte

// RegistryCSV is the committed registry of the claims' criteria: every
// version of each with its date, commit and reason
// (report/claims-registry.csv).
//
//go:embed claims-registry.csv
var RegistryCSV []byte

// referencesCSV holds the works the paper cites beyond the thesis's
// bibliography and the later studies: the thesis itself, the runtime and
// the statistical methods (the references command).
//
//go:embed references.csv
var referencesCSV []byte

// workloadsCSV describes each test: what it computes and the unit of its
// size argument (experiments/README.md has the full contract; the
// workloads command).
//
//go:embed workloads.csv
var workloadsCSV []byte

// Names of the built-in files, as messages and the paper's commands name
// them.
const (
	paperSourceName = "report/paper.src.md"
	claimsName      = "report/claims.csv"
	registryName    = "report/claims-registry.csv"
	findingsName    = "report/findings.src.md"
	referencesName  = "report/references.csv"
	workloadsName   = "report/workloads.csv"
)

// Config is the input of Render.
type Config struct {
	// Data lists dataset directories; the first is the primary one that
	// inline values in the prose read.
	Data []string `json:"data"`
	// Out is the directory that receives paper.{md,html,pdf,ipynb},
	// figures/ and csv/.
	Out string `json:"out"`
	// Source is a paper source file; empty means the embedded paper.
	Source string `json:"source,omitempty"`
	// Claims is a claims CSV file; empty means the embedded one.
	Claims string `json:"claims,omitempty"`
	// Registry is the registry of the claims' criteria; empty means the
	// embedded one with the embedded claims, and none with a claims file
	// of one's own (its criteria then carry no registration).
	Registry string `json:"registry,omitempty"`
	// Literature is the literature/ folder of the repository.
	Literature string `json:"literature"`
	// Control is the folder of the launcher-control datasets (make
	// control writes data/control/HOST): a dataset directory itself, or a
	// folder of them. Empty or missing: none, and the paper leaves the
	// launcher control out. They are never among Data's datasets.
	Control string `json:"control,omitempty"`
	// Cache is the cell cache directory: empty means Out/.cache, "off"
	// disables caching.
	Cache string `json:"cache,omitempty"`
	// Readme, when set, is a Markdown file whose findings block (between
	// FindingsBegin and FindingsEnd) is rewritten from the same datasets.
	Readme string `json:"readme,omitempty"`
	// Figures, when set, is a folder that receives every figure of
	// report/figures drawn from all the datasets (SVG, PNG and CSV each),
	// as `edgewasm figures` writes them, from the same model.
	Figures string `json:"figures,omitempty"`
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case len(c.Data) == 0:
		return errors.New("no dataset given: pass at least one --data DIR (written by edgewasm run)")
	case c.Out == "":
		return errors.New("no output directory given (--out)")
	}
	if c.Literature != "" {
		if st, err := os.Stat(c.Literature); err != nil || !st.IsDir() {
			return fmt.Errorf("literature folder %s not found: the paper's review, related work and references are read from the repository's literature/ folder; run from the repository root or pass --literature DIR", c.Literature)
		}
	}
	return nil
}

// Result summarizes a render.
type Result struct {
	Files []string // written, relative to Out, sorted
	Stats cells.Stats
}

// Load reads the datasets into the analysis model, and the source and the
// claims of a configuration, and gives the cell engine the paper's files.
func Load(cfg Config) (*cells.Engine, *cells.Source, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	m, err := model.Load(cfg.Data, model.DefaultOptions())
	if err != nil {
		return nil, nil, err
	}
	name, src := paperSourceName, PaperSource
	if cfg.Source != "" {
		if src, err = os.ReadFile(cfg.Source); err != nil {
			return nil, nil, err
		}
		name = cfg.Source
	}
	cname, table := claimsName, ClaimsCSV
	if cfg.Claims != "" {
		if table, err = os.ReadFile(cfg.Claims); err != nil {
			return nil, nil, err
		}
		cname = filepath.ToSlash(cfg.Claims)
	}
	cs, err := claims.Parse(cname, table)
	if err != nil {
		return nil, nil, err
	}
	reg := cells.Input{}
	switch {
	case cfg.Registry != "":
		b, err := os.ReadFile(cfg.Registry)
		if err != nil {
			return nil, nil, err
		}
		reg = cells.Input{Name: filepath.ToSlash(cfg.Registry), Data: b}
	case cfg.Claims == "":
		reg = cells.Input{Name: registryName, Data: RegistryCSV}
	}
	if reg.Data != nil {
		r, err := claims.ParseRegistry(reg.Name, reg.Data)
		if err != nil {
			return nil, nil, err
		}
		if err := r.Check(cname, cs); err != nil {
			return nil, nil, err
		}
	}
	source, err := cells.Parse(name, src)
	if err != nil {
		return nil, nil, err
	}
	control, err := loadControl(cfg.Control)
	if err != nil {
		return nil, nil, err
	}
	return cells.NewEngine(m, cells.Inputs{
		Control:    control,
		Literature: cfg.Literature,
		Claims:     cells.Input{Name: cname, Data: table},
		Registry:   reg,
		Findings:   cells.Input{Name: findingsName, Data: findingsSource},
		References: cells.Input{Name: referencesName, Data: referencesCSV},
		Workloads:  cells.Input{Name: workloadsName, Data: workloadsCSV},
	}), source, nil
}

// Render evaluates the paper and writes it in every format.
func Render(cfg Config) (*Result, error) {
	e, src, err := Load(cfg)
	if err != nil {
		return nil, err
	}
	return render(e, src, cfg)
}

// render is the paper's pipeline: the engine turns the source into a
// document, the writers turn the document into files; then the figures
// folder and the README's findings, from the same engine and cache.
func render(e *cells.Engine, src *cells.Source, cfg Config) (*Result, error) {
	cache := cells.Cache{Dir: cfg.Cache}
	switch cfg.Cache {
	case "":
		cache.Dir = filepath.Join(cfg.Out, ".cache")
	case "off":
		cache.Dir = ""
	}
	res := &Result{}
	d, err := e.Assemble(src, cache, &res.Stats)
	if err != nil {
		return nil, err
	}
	files, err := files(d)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		p := filepath.Join(cfg.Out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, f.Path)
	}
	slices.Sort(res.Files)
	if err := removeStale(cfg.Out, res.Files); err != nil {
		return nil, err
	}
	if cfg.Figures != "" {
		if err := saveFigures(e, cfg.Figures, cache, &res.Stats); err != nil {
			return nil, err
		}
	}
	if cfg.Readme != "" {
		f, err := findings(e, cache)
		if err != nil {
			return nil, err
		}
		if err := SpliceFindings(cfg.Readme, f); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// staleDirs are the folders of the output that hold only what a render
// writes (figures and their CSV, the tables beside the paper).
var staleDirs = []string{"figures", "csv"}

// removeStale removes from the render's own folders of out the files of
// an earlier render that this one did not write (a figure of a dataset
// no longer given, a table the paper no longer has), so that the folder
// holds what the paper links and nothing else. Files of other kinds are
// left alone.
func removeStale(out string, wrote []string) error {
	keep := map[string]bool{}
	for _, f := range wrote {
		keep[filepath.FromSlash(f)] = true
	}
	for _, d := range staleDirs {
		root := filepath.Join(out, d)
		err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			if err != nil || de.IsDir() {
				return err
			}
			rel, err := filepath.Rel(out, p)
			if err != nil {
				return err
			}
			switch filepath.Ext(p) {
			case ".png", ".csv", ".txt":
				if !keep[rel] {
					return os.Remove(p)
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// saveFigures writes every figure of the datasets into dir (--figures):
// the files of the figure-files command, cached like any cell's output.
func saveFigures(e *cells.Engine, dir string, cache cells.Cache, st *cells.Stats) error {
	o, err := e.Eval(cells.CmdFigureFiles, false, cache, st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range o.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Path), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loadControl reads the launcher-control datasets under dir (ControlDatasets)
// into a model of their own; nil when there are none.
func loadControl(dir string) (*model.Model, error) {
	dirs, err := ControlDatasets(dir)
	if err != nil || len(dirs) == 0 {
		return nil, err
	}
	m, err := model.Load(dirs, model.DefaultOptions())
	if err != nil {
		return nil, fmt.Errorf("launcher-control datasets (%s): %w", dir, err)
	}
	return m, nil
}

// ControlDatasets lists the launcher-control datasets of a folder: the
// folder itself when it holds a dataset, else the dataset directories
// directly under it (as Discover finds them); none when dir is empty or
// does not exist.
func ControlDatasets(dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, dataset.SamplesFile)); err == nil {
		return []string{dir}, nil
	}
	dirs, err := Discover(dir)
	if err != nil {
		return nil, nil // a folder without datasets yet: none
	}
	return dirs, nil
}
