// Package peer is the far end of the network experiment: the machine on
// the device's local network that the thesis planned its network tests
// against (Napieralla 2020, §4.2), played by edgewasm's own Go code. A
// Job is one test's transfers against a workload that serves the HTTP/1.1
// subset of experiments/README.md ("network/server"); the peer runs them,
// at most Conns at a time, and reports what it saw of each: wall time
// from connect to the last byte, how many body bytes the receiving side
// got and the digest it computed. It does not judge them: the device
// compares the digests with the expected ones.
//
// Local runs the peer inside edgewasm (the default, on loopback). Serve
// runs it on a second machine (`edgewasm peer --listen ADDR`), and Dial
// connects a device to it over a small control connection
// (ControlProtocol). A peer connects only to the address a job names, and
// a remote peer only to the machine its control connection came from.
package peer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
)

// Directions, the device's: in an upload the workload sends.
const (
	Upload   = experiments.Upload   // the workload sends: the peer GETs /data
	Download = experiments.Download // the workload receives: the peer PUTs /data
)

// Limits of a Job, so that every loop of a peer is bounded.
const (
	MaxCount   = 100000
	MaxConns   = 1024
	MaxSize    = int64(1) << 40
	MaxTimeout = 24 * time.Hour
)

// Job is the transfers of one test.
type Job struct {
	Addr      string `json:"addr"`      // HOST:PORT of the workload
	Direction string `json:"direction"` // Upload or Download
	Size      int64  `json:"size"`      // body bytes per transfer
	Count     int    `json:"count"`     // transfers
	Conns     int    `json:"conns"`     // at most this many at once
	// Seed: transfer i carries the byte stream seeded with Seed+i.
	Seed uint64 `json:"seed"`
	// Timeout bounds each transfer, connect to last byte.
	Timeout time.Duration `json:"timeout_ns"`
}

// Validate checks a job against the limits.
func (j Job) Validate() error {
	if _, _, err := net.SplitHostPort(j.Addr); err != nil {
		return fmt.Errorf("job addr %q: want HOST:PORT", j.Addr)
	}
	switch {
	case j.Direction != Upload && j.Direction != Download:
		return fmt.Errorf("job direction %q: want %s or %s", j.Direction, Upload, Download)
	case j.Size < 0 || j.Size > MaxSize:
		return fmt.Errorf("job size %d: want 0..%d", j.Size, MaxSize)
	case j.Count < 1 || j.Count > MaxCount:
		return fmt.Errorf("job count %d: want 1..%d", j.Count, MaxCount)
	case j.Conns < 1 || j.Conns > MaxConns || j.Conns > j.Count:
		return fmt.Errorf("job conns %d: want 1..min(count %d, %d)", j.Conns, j.Count, MaxConns)
	case j.Timeout <= 0 || j.Timeout > MaxTimeout:
		return fmt.Errorf("job timeout %v: want (0, %v]", j.Timeout, MaxTimeout)
	}
	return nil
}

// Bound is the longest a job can take: its transfers run in at most
// ceil(Count/Conns) waves of at most Timeout each.
func (j Job) Bound() time.Duration {
	waves := (j.Count + j.Conns - 1) / j.Conns
	return time.Duration(waves) * j.Timeout
}

// Failure kinds of a transfer.
const (
	KindTimeout  = dataset.ReasonTimeout // the per-transfer timeout expired
	KindShort    = "short"               // the connection ended before every byte moved
	KindConnect  = "connect"             // no connection to the workload
	KindProtocol = "protocol"            // the workload's answer is not the HTTP subset's
)

// Transfer is what the peer saw of one transfer.
type Transfer struct {
	Seed uint64 `json:"seed"`
	// Start is when the transfer began, relative to the job's start; Wall
	// its duration from connect to the last byte (a download: to the
	// workload's answer, which comes after its last byte).
	Start time.Duration `json:"start_ns"`
	Wall  time.Duration `json:"wall_ns"`
	// Bytes is how many body bytes the receiving side got: the peer (an
	// upload) or the workload, by its answer (a download).
	Bytes int64 `json:"bytes"`
	// Digest is the receiving side's digest of them (FNV-1a 64 over
	// words, 16 hex digits); empty when the transfer failed before one.
	Digest string `json:"digest,omitempty"`
	// Kind is "" for a transfer that completed, else a Kind* constant.
	Kind  string `json:"kind,omitempty"`
	Error string `json:"error,omitempty"`
}

// Report is what the peer saw of a job.
type Report struct {
	Transfers []Transfer `json:"transfers"`
	// Total spans the first connect to the end of the last transfer.
	Total time.Duration `json:"total_ns"`
}

// Peer runs jobs.
type Peer interface {
	// Run runs a job and reports every transfer; an error means the peer
	// could not run it at all.
	Run(ctx context.Context, job Job) (Report, error)
	// Info describes the peer for environment.json.
	Info() map[string]any
	Close() error
}

// Local returns the built-in peer, which runs jobs inside this process.
func Local() Peer { return local{} }

type local struct{}

func (local) Run(ctx context.Context, job Job) (Report, error) {
	if err := job.Validate(); err != nil {
		return Report{}, err
	}
	return run(ctx, job), nil
}

func (local) Info() map[string]any {
	return map[string]any{"mode": "built-in", "where": "inside the edgewasm process, on the same machine"}
}

func (local) Close() error { return nil }

// run carries out a valid job: Conns workers take the transfers in order.
func run(ctx context.Context, job Job) Report {
	rep := Report{Transfers: make([]Transfer, job.Count)}
	next := make(chan int, job.Count)
	for i := range job.Count {
		next <- i
	}
	close(next)
	start := time.Now()
	var wg sync.WaitGroup
	for range job.Conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rep.Transfers[i] = transfer(ctx, job, job.Seed+uint64(i), start)
			}
		}()
	}
	wg.Wait()
	rep.Total = time.Since(start)
	return rep
}

const bufSize = 64 << 10

// transfer runs one transfer and classifies how it ended.
func transfer(ctx context.Context, job Job, seed uint64, jobStart time.Time) Transfer {
	t := Transfer{Seed: seed, Start: time.Since(jobStart)}
	t0 := time.Now()
	deadline := t0.Add(job.Timeout)
	fail := func(kind string, err error) Transfer {
		t.Wall, t.Kind, t.Error = time.Since(t0), kind, err.Error()
		return t
	}
	d := net.Dialer{Deadline: deadline}
	conn, err := d.DialContext(ctx, "tcp", job.Addr)
	if err != nil {
		if isTimeout(err) {
			return fail(KindTimeout, err)
		}
		return fail(KindConnect, err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(deadline); err != nil {
		return fail(KindConnect, err)
	}
	// After SetDeadline, which would undo a cancellation's deadline.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	br := bufio.NewReaderSize(conn, bufSize)
	var kind string
	if job.Direction == Upload {
		kind, err = get(conn, br, job.Size, seed, &t)
	} else {
		kind, err = put(conn, br, job.Size, seed, &t)
	}
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", err, ctx.Err())
		}
		if isTimeout(err) {
			kind = KindTimeout
		}
		return fail(kind, err)
	}
	t.Wall = time.Since(t0)
	return t
}

// get receives one stream from the workload (an upload) and hashes it.
func get(conn net.Conn, br *bufio.Reader, size int64, seed uint64, t *Transfer) (string, error) {
	if _, err := fmt.Fprintf(conn, "GET /data?bytes=%d&seed=%d HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", size, seed, conn.RemoteAddr()); err != nil {
		return KindShort, err
	}
	status, length, err := readHead(br)
	if err != nil {
		return KindProtocol, err
	}
	if status != 200 {
		return KindProtocol, fmt.Errorf("GET answered %d", status)
	}
	switch {
	case length < 0:
		return KindProtocol, errors.New("GET answer without Content-Length")
	case length < size:
		return KindShort, fmt.Errorf("Content-Length %d, asked for %d", length, size)
	case length > size:
		return KindProtocol, fmt.Errorf("Content-Length %d, asked for %d", length, size)
	}
	h := wordhash.New()
	buf := make([]byte, bufSize)
	for t.Bytes < length {
		n, err := br.Read(buf[:min(int64(len(buf)), length-t.Bytes)])
		h.Write(buf[:n])
		t.Bytes += int64(n)
		if err != nil && t.Bytes < length {
			t.Digest = fmt.Sprintf("%016x", h.Sum64())
			return KindShort, fmt.Errorf("after %d of %d bytes: %w", t.Bytes, length, err)
		}
	}
	t.Digest = fmt.Sprintf("%016x", h.Sum64())
	return "", nil
}

// put sends one stream to the workload (a download) and reads back what
// the workload counted and digested.
func put(conn net.Conn, br *bufio.Reader, size int64, seed uint64, t *Transfer) (string, error) {
	if _, err := fmt.Fprintf(conn, "PUT /data?seed=%d HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", seed, conn.RemoteAddr(), size); err != nil {
		return KindShort, err
	}
	rng := guest.NewRNG(seed)
	buf := make([]byte, bufSize)
	for sent := int64(0); sent < size; {
		p := buf[:min(int64(len(buf)), size-sent)]
		rng.Bytes(p)
		n, err := conn.Write(p)
		sent += int64(n)
		if err != nil {
			return KindShort, fmt.Errorf("after sending %d of %d bytes: %w", sent, size, err)
		}
	}
	status, length, err := readHead(br)
	if err != nil {
		return KindShort, fmt.Errorf("no answer after the body: %w", err)
	}
	if status != 200 || length < 0 || length > 4096 {
		return KindProtocol, fmt.Errorf("PUT answered %d with Content-Length %d", status, length)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(br, body); err != nil {
		return KindProtocol, fmt.Errorf("PUT answer body: %w", err)
	}
	for _, line := range strings.Split(string(body), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "digest":
			t.Digest = v
		case "bytes":
			t.Bytes, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	if t.Digest == "" {
		return KindProtocol, fmt.Errorf("PUT answer without a digest: %q", body)
	}
	if t.Bytes != size {
		return KindShort, fmt.Errorf("the workload received %d of %d bytes", t.Bytes, size)
	}
	return "", nil
}

// readHead reads a response's status line and headers, returning the
// status and the Content-Length (-1 when absent).
func readHead(br *bufio.Reader) (int, int64, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return 0, -1, err
	}
	f := strings.Fields(line)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/1.") {
		return 0, -1, fmt.Errorf("malformed status line %q", strings.TrimSpace(line))
	}
	status, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, -1, fmt.Errorf("malformed status line %q", strings.TrimSpace(line))
	}
	length := int64(-1)
	for n := 0; ; n++ {
		if n > 100 {
			return 0, -1, errors.New("more than 100 header lines")
		}
		h, err := br.ReadString('\n')
		if err != nil {
			return 0, -1, err
		}
		h = strings.TrimRight(h, "\r\n")
		if h == "" {
			return status, length, nil
		}
		if k, v, ok := strings.Cut(h, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			if length, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil || length < 0 {
				return 0, -1, fmt.Errorf("bad Content-Length %q", v)
			}
		}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// Quit asks the workload at addr to exit (POST /quit) and waits for its
// answer, for at most timeout.
func Quit(ctx context.Context, addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	dl, _ := ctx.Deadline()
	conn.SetDeadline(dl)
	if _, err := fmt.Fprintf(conn, "POST /quit HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", addr); err != nil {
		return err
	}
	br := bufio.NewReader(conn)
	status, _, err := readHead(br)
	if err != nil {
		return fmt.Errorf("quit: %w", err)
	}
	if status != 200 {
		return fmt.Errorf("quit answered %d", status)
	}
	return nil
}
