package launch

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"time"
)

// Program is one launcher program: what Main needs besides the common
// flags (Options).
type Program struct {
	// Name is the program's name in usage messages.
	Name string
	// Flags declares the program's own flags besides the common ones
	// (nil: none); the values land in variables the other functions read.
	Flags func(fl *flag.FlagSet)
	// Check validates the parsed flags (nil: nothing more to check); an
	// error is bad usage.
	Check func(o Options) error
	// Version returns what -version prints: the runtime's version. An
	// error means the runtime cannot run with these flags (a compiler the
	// library lacks); Main prints it on stderr and exits with ExitEngine,
	// which the runner takes for an unavailable platform.
	Version func() (string, error)
	// Run runs the module of o and returns the launcher's exit status
	// (ExitStatus of the guest's code, or what Report.Fail returned),
	// adding the phases to rep.
	Run func(o Options, rep *Report) int
}

// Main is a launcher's main function: it parses the command line (the
// common flags and the program's own), prints the version for -version,
// or runs the module, then finishes the report (launcher_ns, hwm_kib)
// and writes it to -report-fd. It exits with 2 on bad usage and never
// returns otherwise except after -version.
func Main(p Program) {
	start := time.Now()
	var o Options
	fl := flag.NewFlagSet(p.Name, flag.ContinueOnError)
	o.Register(fl)
	if p.Flags != nil {
		p.Flags(fl)
	}
	if err := o.Parse(fl, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			Usage(fl, err)
		}
		os.Exit(2)
	}
	if p.Check != nil {
		if err := p.Check(o); err != nil {
			Usage(fl, err)
			os.Exit(2)
		}
	}
	if o.Version {
		v, err := p.Version()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(ExitEngine)
		}
		fmt.Println(v)
		return
	}
	rep := &Report{}
	code := p.Run(o, rep)
	rep.Finish(start, o.ReportFD)
	os.Exit(code)
}

// ModuleVersion returns the version of the Go module at path linked into
// this program (a runtime or its binding), from the program's build
// information; "unknown" when it has none.
func ModuleVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "unknown"
}
