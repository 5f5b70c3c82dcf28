// Command server is the Go port of experiments/network/server/main.c, the
// network experiment's workload: a minimal HTTP/1.1 server (the subset in
// experiments/README.md, "network/server") that sends and receives the
// seeded byte stream. Each connection is served by its own goroutine.
//
//	server LIFETIME            serve on the listening socket inherited as fd 3
//	                           (natively: from the runner; in a WASI runtime:
//	                           the pre-opened listener)
//	server LIFETIME HOST:PORT  listen on HOST:PORT itself (in a container)
//	server --selftest          known-answer tests
//
// It prints "ready" once it accepts connections and exits 0 after answering
// POST /quit, printing what it served. LIFETIME (seconds, 1 to 86400)
// bounds its life: when it expires the server exits 3, so a server whose
// runner vanished does not stay behind.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
)

const (
	maxLifetime = 86400
	maxBytes    = 1 << 40 // largest GET or PUT body
	maxHead     = 8192    // request line plus headers
	bufSize     = 64 << 10
	exitExpired = 3
)

// stats are what the server reports at exit.
type stats struct {
	requests, sent, received atomic.Uint64
}

func usage() {
	guest.Die(guest.ExitUsage, "usage: server LIFETIME [HOST:PORT] | server --selftest\n  LIFETIME: seconds, 1 to %d", maxLifetime)
}

func main() {
	a := os.Args[1:]
	if len(a) == 1 && a[0] == "--selftest" {
		guest.SelftestDone("server", selftest())
	}
	if len(a) < 1 || len(a) > 2 {
		usage()
	}
	life, ok := guest.ParseSize(a[0], maxLifetime)
	if !ok {
		usage()
	}
	if len(a) == 2 {
		if _, err := netip.ParseAddrPort(a[1]); err != nil {
			guest.Die(guest.ExitUsage, "server: %s: want HOST:PORT with a numeric host and port", a[1])
		}
	}
	ln, err := listener(a[1:])
	if err != nil {
		guest.Die(guest.ExitFail, "server: %v", err)
	}
	time.AfterFunc(time.Duration(life)*time.Second, func() {
		fmt.Fprintf(os.Stderr, "server: lifetime of %d s expired\n", life)
		os.Exit(exitExpired)
	})
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		os.Exit(guest.ExitFail)
	}
	var st stats
	var wg sync.WaitGroup
	quit := make(chan struct{})
	var once sync.Once
	go func() {
		<-quit
		ln.Close() // ends the accept loop
	}()
	for {
		c, err := ln.Accept()
		if err != nil {
			select {
			case <-quit:
			default:
				guest.Die(guest.ExitFail, "server: accept: %v", err)
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if serve(c, &st) {
				once.Do(func() { close(quit) })
			}
		}()
	}
	wg.Wait()
	fmt.Printf("requests=%d\nbytes_sent=%d\nbytes_received=%d\n", st.requests.Load(), st.sent.Load(), st.received.Load())
}

// listener returns the socket to serve: fd 3, or HOST:PORT when given.
func listener(addr []string) (net.Listener, error) {
	if len(addr) == 1 {
		return net.Listen("tcp", addr[0])
	}
	// Under wasip1 the Go runtime blocks the whole program in a read on a
	// blocking descriptor; non-blocking, fd 3 goes through its poller.
	// Natively FileListener makes its own non-blocking copy either way.
	if err := syscall.SetNonblock(3, true); err != nil {
		return nil, fmt.Errorf("fd 3: %w (the runner must pass a listening socket)", err)
	}
	f := os.NewFile(3, "listener")
	ln, err := net.FileListener(f)
	if err != nil {
		return nil, fmt.Errorf("fd 3 is not a listening socket: %w", err)
	}
	f.Close()
	return ln, nil
}

// request is a parsed request head.
type request struct {
	method, path  string
	query         map[string]string
	contentLength int64 // -1 when absent
}

// serve answers the one request of connection c and reports whether it
// was POST /quit.
func serve(c net.Conn, st *stats) (quit bool) {
	defer func() {
		// Half-close first: wazero's sock_shutdown sends the FIN that its
		// fd_close does not.
		if tc, ok := c.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
		c.Close()
	}()
	br := bufio.NewReaderSize(c, bufSize)
	req, err := readHead(br)
	if err != nil {
		respond(c, 400, err.Error()+"\n")
		return false
	}
	st.requests.Add(1)
	switch {
	case req.path == "/data" && req.method == "GET":
		n, ok1 := parseU64(req.query["bytes"], maxBytes, true)
		seed, ok2 := parseU64(req.query["seed"], ^uint64(0), true)
		if !ok1 || !ok2 {
			respond(c, 400, "want /data?bytes=N&seed=S\n")
			return false
		}
		sendStream(c, n, seed, st)
	case req.path == "/data" && req.method == "PUT":
		if req.contentLength < 0 {
			respond(c, 411, "PUT needs a Content-Length\n")
			return false
		}
		receive(c, br, uint64(req.contentLength), st)
	case req.path == "/quit" && req.method == "POST":
		respond(c, 200, "bye\n")
		return true
	case req.path == "/data" || req.path == "/quit":
		respond(c, 405, "method not allowed\n")
	default:
		respond(c, 404, "not found\n")
	}
	return false
}

var reasons = map[int]string{200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 411: "Length Required"}

func head(status int, length uint64, ctype string) string {
	return fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
		status, reasons[status], ctype, length)
}

func respond(c net.Conn, status int, body string) {
	_, _ = io.WriteString(c, head(status, uint64(len(body)), "text/plain")+body)
}

// sendStream answers GET /data: the first n bytes of the stream seeded
// with seed.
func sendStream(c net.Conn, n, seed uint64, st *stats) {
	if _, err := io.WriteString(c, head(200, n, "application/octet-stream")); err != nil {
		return
	}
	rng := guest.NewRNG(seed)
	buf := make([]byte, bufSize)
	for left := n; left > 0; {
		p := buf[:min(uint64(len(buf)), left)]
		rng.Bytes(p)
		k, err := c.Write(p)
		st.sent.Add(uint64(k))
		if err != nil {
			fmt.Fprintf(os.Stderr, "server: GET: %v after %d of %d bytes\n", err, n-left+uint64(k), n)
			return
		}
		left -= uint64(k)
	}
}

// receive answers PUT /data: it reads the n-byte body, hashes it and
// replies with the digest.
func receive(c net.Conn, br *bufio.Reader, n uint64, st *stats) {
	h := wordhash.New()
	buf := make([]byte, bufSize)
	for left := n; left > 0; {
		k, err := br.Read(buf[:min(uint64(len(buf)), left)])
		h.Write(buf[:k])
		st.received.Add(uint64(k))
		left -= uint64(k)
		if err != nil && left > 0 {
			fmt.Fprintf(os.Stderr, "server: PUT: %v after %d of %d bytes\n", err, n-left, n)
			return
		}
	}
	body := fmt.Sprintf("digest=%016x\nbytes=%d\n", h.Sum64(), h.Bytes())
	_, _ = io.WriteString(c, head(200, uint64(len(body)), "text/plain")+body)
}

// readHead reads the request line and headers (at most maxHead bytes).
func readHead(br *bufio.Reader) (request, error) {
	req := request{contentLength: -1}
	used := 0
	line := func() (string, error) {
		s, err := br.ReadString('\n')
		used += len(s)
		if used > maxHead {
			return "", errors.New("request head too long")
		}
		if err != nil {
			return "", errors.New("connection closed inside the request head")
		}
		return strings.TrimRight(s, "\r\n"), nil
	}
	first, err := line()
	if err != nil {
		return req, err
	}
	f := strings.Split(first, " ")
	if len(f) != 3 || !strings.HasPrefix(f[2], "HTTP/1.") {
		return req, errors.New("malformed request line")
	}
	req.method = f[0]
	target, query, _ := strings.Cut(f[1], "?")
	req.path, req.query = target, map[string]string{}
	for _, kv := range strings.Split(query, "&") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			req.query[k] = v
		}
	}
	for {
		h, err := line()
		if err != nil {
			return req, err
		}
		if h == "" {
			return req, nil
		}
		name, value, ok := strings.Cut(h, ":")
		if !ok {
			return req, errors.New("malformed header line")
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, ok := parseU64(strings.TrimSpace(value), maxBytes, true)
			if !ok {
				return req, errors.New("bad Content-Length")
			}
			req.contentLength = int64(v)
		}
	}
}

// parseU64 parses a decimal integer in [0, max] (positive only unless
// zero is allowed).
func parseU64(s string, max uint64, zero bool) (uint64, bool) {
	if s == "" || len(s) > 20 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v > max || (v == 0 && !zero) {
		return 0, false
	}
	return v, true
}

// selftest checks the shared helpers and the stream digest (FNV-1a 64
// over little-endian words) against values worked out by hand and by the
// byte-wise FNV.
func selftest() int {
	bad := guest.SelftestCommon()
	h := wordhash.New()
	bad += guest.CheckU64(`words ""`, h.Sum64(), guest.FNVOffset)
	h.Write([]byte("abc"))
	bad += guest.CheckU64(`words "abc"`, h.Sum64(), guest.FNV(guest.FNVOffset, []byte("abc")))
	w := wordhash.New()
	w.Write([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	word := guest.FNVOffset ^ 0x0807060504030201 // the bytes 1..8, little-endian
	bad += guest.CheckU64("words 1..9", w.Sum64(), guest.FNV(word*guest.FNVPrime, []byte{9}))
	for _, n := range []int{0, 1, 7, 8, 9, 1000} {
		data := make([]byte, n)
		guest.NewRNG(guest.Seed).Bytes(data)
		whole, parts := wordhash.New(), wordhash.New()
		whole.Write(data)
		for i := 0; i < n; i += 3 {
			parts.Write(data[i:min(i+3, n)])
		}
		bad += guest.CheckU64(fmt.Sprintf("words pieces %d", n), parts.Sum64(), whole.Sum64())
	}
	return bad
}
