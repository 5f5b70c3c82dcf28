// Command fsio is the Go port of experiments/fsio/fsio/main.c: sequential
// file write and read in fixed-size blocks, through package os.
//
//	fsio write PATH BYTES BLOCK   create/truncate PATH, write BYTES bytes in
//	                              BLOCK-byte File.Write calls, File.Sync, close
//	fsio read PATH BLOCK          read PATH to the end in BLOCK-byte File.Read calls
//
// The content is the first BYTES bytes of the seeded byte stream. kernel_ns
// is the time spent inside the Write calls plus Sync (write) or inside the
// Read calls (read), each call timed separately and summed. Output: digest
// = FNV-1a 64 of the bytes written or read, kernel_ns, bytes, block. Exit 2
// on bad usage, 1 on an I/O error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

const maxBlock = 1 << 26

func usage() {
	guest.Die(guest.ExitUsage, "usage: fsio write PATH BYTES BLOCK | fsio read PATH BLOCK\n  BYTES: 1 to 2^40, BLOCK: 1 to %d", maxBlock)
}

func report(h uint64, spent time.Duration, bytes uint64, block int) {
	guest.Report(h, spent)
	fmt.Printf("bytes=%d\nblock=%d\n", bytes, block)
}

func doWrite(path string, bytes uint64, block int) {
	buf := make([]byte, block)
	h, spent := guest.FNVOffset, time.Duration(0)
	rng := guest.NewRNG(guest.Seed)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		guest.Die(guest.ExitFail, "fsio: %v", err)
	}
	for done := uint64(0); done < bytes; {
		p := buf[:min(uint64(block), bytes-done)]
		rng.Bytes(p)
		h = guest.FNV(h, p)
		t0 := time.Now()
		_, err := f.Write(p) // retries short writes until p is written or fails
		spent += time.Since(t0)
		if err != nil {
			guest.Die(guest.ExitFail, "fsio: %v", err)
		}
		done += uint64(len(p))
	}
	t0 := time.Now()
	err = f.Sync()
	spent += time.Since(t0)
	if err != nil {
		guest.Die(guest.ExitFail, "fsio: %v", err)
	}
	if err := f.Close(); err != nil {
		guest.Die(guest.ExitFail, "fsio: %v", err)
	}
	report(h, spent, bytes, block)
}

func doRead(path string, block int) {
	buf := make([]byte, block)
	h, spent, bytes := guest.FNVOffset, time.Duration(0), uint64(0)
	f, err := os.Open(path)
	if err != nil {
		guest.Die(guest.ExitFail, "fsio: %v", err)
	}
	for {
		t0 := time.Now()
		n, err := f.Read(buf)
		spent += time.Since(t0)
		h = guest.FNV(h, buf[:n])
		bytes += uint64(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			guest.Die(guest.ExitFail, "fsio: %v", err)
		}
	}
	f.Close()
	report(h, spent, bytes, block)
}

func main() {
	a := os.Args[1:]
	switch {
	case len(a) == 4 && a[0] == "write":
		bytes, ok1 := guest.ParseSize(a[2], 1<<40)
		block, ok2 := guest.ParseSize(a[3], maxBlock)
		if !ok1 || !ok2 {
			usage()
		}
		doWrite(a[1], bytes, int(block))
	case len(a) == 3 && a[0] == "read":
		block, ok := guest.ParseSize(a[2], maxBlock)
		if !ok {
			usage()
		}
		doRead(a[1], int(block))
	default:
		usage()
	}
}
