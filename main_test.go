package main

import (
	"os"
	"path/filepath"
	"testing"
)

// cliEnv makes the test binary act as the edgewasm command, so a test can
// run the CLI somewhere else, such as inside a network namespace.
const cliEnv = "EDGEWASM_TEST_CLI"

// TestMain runs the CLI when asked to (cliEnv), else the tests, and then
// removes the binary that edgewasmBinary built.
func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) == "1" {
		os.Args[0] = "edgewasm"
		main()
		os.Exit(exitOK)
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}
