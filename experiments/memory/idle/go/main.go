// Command idle is the Go port of experiments/memory/idle/main.c: it prints
// "ready", then blocks reading standard input until end of file and exits 0
// (1 on a read error). The runner measures memory while it waits, then
// closes stdin to stop it; that works alike natively, in Docker and in a
// WASI runtime, which has no signals. Besides the Go runtime's own heap it
// allocates one 512-byte buffer.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		os.Exit(1)
	}
	var buf [512]byte
	for {
		_, err := os.Stdin.Read(buf[:])
		if errors.Is(err, io.EOF) {
			os.Exit(0)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "idle: read stdin: %v\n", err)
			os.Exit(1)
		}
	}
}
