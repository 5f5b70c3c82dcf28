package launch

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options are the flags every launcher understands, so that a runner
// starts each runtime's launcher the same way; Main declares them, and a
// launcher adds its own (Program.Flags).
type Options struct {
	Cache       string   // -cache: compiled-module cache directory
	Mount       string   // -mount: host directory seen at ScratchGuestPath
	MaxPages    uint     // -max-pages: guest memory limit in 64 KiB pages
	Env         []string // -env KEY=VALUE, repeatable
	ReportFD    int      // -report-fd
	CompileOnly bool     // -compile-only: fill the cache and exit
	Version     bool     // -version: print the runtime's version and exit
	Module      string   // the module file
	Args        []string // the guest's arguments after argv[0]
	// Plain (-plain) runs the runtime with its defaults: no memory cap or
	// limiter, the scratch directory pre-opened as the runtime maps
	// directories by default. The control platforms (wazero-plain, …)
	// run it, to show what edgewasm's sandbox settings cost.
	Plain bool
}

type envFlag struct{ env *[]string }

func (e envFlag) String() string {
	if e.env == nil {
		return ""
	}
	return strings.Join(*e.env, ",")
}

func (e envFlag) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	*e.env = append(*e.env, v)
	return nil
}

// Register declares the common flags on fl.
func (o *Options) Register(fl *flag.FlagSet) {
	fl.StringVar(&o.Cache, "cache", "", "compiled-module cache directory (empty: no cache)")
	fl.StringVar(&o.Mount, "mount", "", "host directory the guest sees at "+ScratchGuestPath+" (empty: no file system)")
	fl.UintVar(&o.MaxPages, "max-pages", 65536, "memory limit in 64 KiB pages (1 to 65536)")
	fl.Var(envFlag{&o.Env}, "env", "KEY=VALUE environment variable for the guest (repeatable)")
	fl.IntVar(&o.ReportFD, "report-fd", 0, "write the phase report to this file descriptor (0: none)")
	fl.BoolVar(&o.CompileOnly, "compile-only", false, "compile the module (filling -cache) and exit")
	fl.BoolVar(&o.Version, "version", false, "print the runtime's version and exit")
	fl.BoolVar(&o.Plain, "plain", false, "run the runtime with its defaults: no memory cap or limiter, the scratch directory pre-opened as the runtime maps directories by default (not with -max-pages)")
}

// Parse parses args (os.Args[1:]) into o after Register; it checks the
// values and takes the module and its arguments from what remains (none
// are needed with -version).
func (o *Options) Parse(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		return err
	}
	if o.Version {
		return nil
	}
	if fl.NArg() < 1 {
		return fmt.Errorf("no module given")
	}
	if o.MaxPages < 1 || o.MaxPages > 65536 {
		return fmt.Errorf("-max-pages %d: want 1..65536", o.MaxPages)
	}
	if o.Plain {
		maxPages := false
		fl.Visit(func(f *flag.Flag) { maxPages = maxPages || f.Name == "max-pages" })
		if maxPages {
			return fmt.Errorf("-plain runs without a memory cap: leave -max-pages out")
		}
	}
	if o.CompileOnly && o.Cache == "" {
		return fmt.Errorf("-compile-only needs -cache")
	}
	o.Module, o.Args = fl.Arg(0), fl.Args()[1:]
	return nil
}

// Argv is the guest's argv: the module's file name, then the arguments.
func (o *Options) Argv() []string {
	return append([]string{filepath.Base(o.Module)}, o.Args...)
}

// CacheFile is where a launcher keeps the compiled form of module in
// cache dir: named by the module's SHA-256 and tag (runtime, version and
// settings), so a changed module or runtime never loads a stale entry.
func CacheFile(dir string, module []byte, tag string) string {
	sum := sha256.Sum256(module)
	return filepath.Join(dir, hex.EncodeToString(sum[:])+"-"+tag+".bin")
}

// Finish adds launcher_ns (since start) and hwm_kib to the report and
// writes it to fd.
func (r *Report) Finish(start time.Time, fd int) {
	r.Add(KeyLauncher, time.Since(start).Nanoseconds())
	if kib, ok := PeakRSS(); ok {
		r.Add(KeyPeakRSS, kib)
	}
	r.WriteTo(fd)
}

// ExitStatus is the launcher's exit status for a guest's WASI exit code:
// the code itself, 1 when it does not fit in 1..255.
func ExitStatus(code int64) int {
	if code >= 0 && code <= 255 {
		return int(code)
	}
	return 1
}

// Usage prints a launcher's usage line and the flags on stderr.
func Usage(fl *flag.FlagSet, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\nusage: %s [flags] MODULE.wasm [ARGS...]\n", fl.Name(), err, fl.Name())
	fl.PrintDefaults()
}
