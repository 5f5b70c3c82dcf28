package launch

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// parse registers the common flags on a fresh flag set and parses args.
func parse(args ...string) (Options, error) {
	var o Options
	fl := flag.NewFlagSet("launcher", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	o.Register(fl)
	err := o.Parse(fl, args)
	return o, err
}

// -plain is off by default, on when given, and refuses a memory cap.
func TestPlainFlag(t *testing.T) {
	o, err := parse("-max-pages", "100", "m.wasm", "a")
	if err != nil || o.Plain || o.MaxPages != 100 || o.Module != "m.wasm" || len(o.Args) != 1 {
		t.Fatalf("capped: %+v, %v", o, err)
	}
	o, err = parse("-plain", "-mount", "/tmp/x", "m.wasm")
	if err != nil || !o.Plain || o.Mount != "/tmp/x" || o.Module != "m.wasm" {
		t.Fatalf("plain: %+v, %v", o, err)
	}
	if o.MaxPages != 65536 {
		t.Errorf("plain: MaxPages = %d, want the flag's default 65536 (unused)", o.MaxPages)
	}
	if _, err := parse("-plain", "-max-pages", "100", "m.wasm"); err == nil || !strings.Contains(err.Error(), "-max-pages") {
		t.Errorf("-plain with -max-pages: %v, want an error naming -max-pages", err)
	}
	if _, err := parse("-plain=false", "-max-pages", "100", "m.wasm"); err != nil {
		t.Errorf("-plain=false with -max-pages: %v", err)
	}
}
