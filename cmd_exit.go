package main

// What every subcommand shares: the version it records and the exit codes
// it returns (each command's help lists them).

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes shared by every subcommand.
const (
	exitOK      = 0
	exitFailed  = 1 // ran, but something failed (recorded in the output)
	exitBadArgs = 2 // bad usage or bad input: nothing was run
)

const exitCodesHelp = `
EXIT CODES:
   0  success
   1  the command ran but something failed (see its summary)
   2  bad usage or bad input; nothing was done`
