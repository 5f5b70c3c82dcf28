package literature

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
)

// The functions in this file are the `edgewasm literature` subcommands.
// root is the repository's literature/ folder. Every error is about the
// input (a broken record, an unknown format) and names what is wrong.

// Prisma prints a review's PRISMA 2020 flow: format csv is the PRISMA2020
// R package's data template; text is the flow as an outline followed by
// the records left after each stage per platform.
func Prisma(w io.Writer, root, review, format string) error {
	if format != "csv" && format != "text" {
		return fmt.Errorf("--format: want csv or text, got %q", format)
	}
	r, err := Load(root, review)
	if err != nil {
		return err
	}
	f, err := r.Flow()
	if err != nil {
		return err
	}
	if format == "csv" {
		return WritePrismaCSV(w, f.Rows())
	}
	if err := f.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return r.WriteStageTable(w)
}

// Check validates every review, the later-studies table and the
// orchestration matrix, printing ok or FAIL per file and every broken rule
// as FILE:LINE: RULE: MESSAGE. It returns the number of problems.
func Check(w io.Writer, root string) (int, error) {
	ids, err := Reviews(root)
	if err != nil {
		return 0, fmt.Errorf("%s: no reviews folder: run from the repository root or pass --root (%v)", root, err)
	}
	problems := 0
	report := func(name string, err error) {
		if err == nil {
			fmt.Fprintf(w, "ok    %s\n", name)
			return
		}
		fmt.Fprintf(w, "FAIL  %s\n", name)
		for _, line := range strings.Split(err.Error(), "\n") {
			problems++
			fmt.Fprintf(w, "      %s\n", line)
		}
	}
	for _, id := range ids {
		_, err := Load(root, id)
		report("reviews/"+id, err)
	}
	_, err = LoadLaterStudies(root)
	report(FileLaterStudies, err)
	_, err = LoadOrchestration(root)
	report(FileOrchestration, err)
	return problems, nil
}

// Figures draws the PRISMA flow of one review (every review when review is
// "") into out as SVG, PNG and CSV, printing each path written.
func Figures(w io.Writer, root, review, out string) error {
	ids := []string{review}
	if review == "" {
		var err error
		if ids, err = Reviews(root); err != nil {
			return fmt.Errorf("%s: %v", root, err)
		}
	}
	for _, id := range ids {
		r, err := Load(root, id)
		if err != nil {
			return err
		}
		paths, err := r.WriteFigures(out)
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintln(w, p)
		}
	}
	return nil
}

// Daemon is what a container engine reports about its runtimes.
type Daemon struct {
	Engine   string            `json:"engine"`
	API      string            `json:"api_version"`
	Default  string            `json:"default_runtime"`
	Runtimes map[string]string `json:"runtimes"` // name → path (may be empty)
}

// Runtimes reports the Wasm runtimes and containerd shims this machine
// offers: those the container engine registers (daemon asks it; nil skips
// it, and an unreachable engine is reported, not an error) and those on
// pathEnv, as text or json.
func Runtimes(ctx context.Context, w io.Writer, format, pathEnv string, daemon func(context.Context) (Daemon, error)) error {
	if format != "text" && format != "json" {
		return fmt.Errorf("--format: want text or json, got %q", format)
	}
	out := struct {
		Daemon      *Daemon `json:"daemon,omitempty"`
		DaemonError string  `json:"daemon_error,omitempty"`
		Path        []Tool  `json:"path"`
	}{Path: ScanPath(ctx, pathEnv)}
	if daemon == nil {
		out.DaemonError = "not asked"
	} else if d, err := daemon(ctx); err != nil {
		out.DaemonError = err.Error()
	} else {
		out.Daemon = &d
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if out.Daemon != nil {
		fmt.Fprintf(w, "Docker daemon %s (API %s), default runtime %s\n", out.Daemon.Engine, out.Daemon.API, out.Daemon.Default)
		names := make([]string, 0, len(out.Daemon.Runtimes))
		for n := range out.Daemon.Runtimes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(w, "  runtime %-24s %s\n", n, out.Daemon.Runtimes[n])
		}
	} else {
		fmt.Fprintf(w, "Docker daemon: not available (%s)\n", out.DaemonError)
	}
	fmt.Fprintln(w, "On PATH:")
	if len(out.Path) == 0 {
		fmt.Fprintln(w, "  no Wasm runtime, containerd shim or OCI runtime found")
	}
	for _, t := range out.Path {
		extra := ""
		if t.Name == "crun" {
			extra = "  wasm handlers: none"
			if len(t.Wasm) > 0 {
				extra = "  wasm handlers: " + strings.Join(t.Wasm, ",")
			}
		}
		fmt.Fprintf(w, "  %-16s %-32s %s%s\n", t.Kind, t.Name, t.Path, extra)
	}
	return nil
}

// Dir is the literature folder of a repository root.
func Dir(repoRoot string) string { return filepath.Join(repoRoot, "literature") }
