package peer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/experiments/common/wordhash"
)

// stubServer serves the HTTP subset correctly on loopback (GET /data,
// PUT /data) and counts the connections it accepted.
type stubServer struct {
	ln    net.Listener
	mu    sync.Mutex
	conns int
}

func newStub(t *testing.T) *stubServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &stubServer{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
			go s.handle(c)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *stubServer) handle(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	line, _ := br.ReadString('\n')
	length := int64(0)
	for {
		h, err := br.ReadString('\n')
		if err != nil || strings.TrimSpace(h) == "" {
			break
		}
		if k, v, _ := strings.Cut(h, ":"); k == "Content-Length" {
			length, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return
	}
	if f[0] == "PUT" {
		h := wordhash.New()
		n, _ := io.CopyN(h, br, length)
		body := fmt.Sprintf("digest=%016x\nbytes=%d\n", h.Sum64(), n)
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		return
	}
	var n int64
	var seed uint64
	fmt.Sscanf(f[1], "/data?bytes=%d&seed=%d", &n, &seed)
	data := make([]byte, n)
	guest.NewRNG(seed).Bytes(data)
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", n)
	c.Write(data)
}

func TestLocalJobs(t *testing.T) {
	s := newStub(t)
	for _, dir := range []string{Upload, Download} {
		job := Job{Addr: s.ln.Addr().String(), Direction: dir, Size: 70001, Count: 7, Conns: 3, Seed: 10, Timeout: 10 * time.Second}
		rep, err := Local().Run(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Transfers) != 7 || rep.Total <= 0 {
			t.Fatalf("%s: %d transfers in %v", dir, len(rep.Transfers), rep.Total)
		}
		for i, tr := range rep.Transfers {
			want := fmt.Sprintf("%016x", wordhash.Stream(70001, 10+uint64(i)))
			if tr.Kind != "" || tr.Seed != 10+uint64(i) || tr.Bytes != 70001 || tr.Digest != want || tr.Wall <= 0 || tr.Start+tr.Wall > rep.Total {
				t.Errorf("%s transfer %d: %+v, want seed %d, 70001 bytes, digest %s", dir, i, tr, 10+i, want)
			}
		}
	}
	if s.conns != 14 {
		t.Errorf("%d connections, want one per transfer (14)", s.conns)
	}
}

func TestJobValidate(t *testing.T) {
	good := Job{Addr: "127.0.0.1:1", Direction: Upload, Size: 1, Count: 2, Conns: 2, Timeout: time.Second}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	if good.Bound() != time.Second {
		t.Errorf("Bound = %v, want one wave of 1 s", good.Bound())
	}
	for _, bad := range []func(*Job){
		func(j *Job) { j.Addr = "nohost" },
		func(j *Job) { j.Direction = "sideways" },
		func(j *Job) { j.Size = -1 },
		func(j *Job) { j.Size = MaxSize + 1 },
		func(j *Job) { j.Count = 0 },
		func(j *Job) { j.Count = MaxCount + 1 },
		func(j *Job) { j.Conns = 3 },
		func(j *Job) { j.Conns = 0 },
		func(j *Job) { j.Timeout = 0 },
		func(j *Job) { j.Timeout = MaxTimeout + 1 },
	} {
		j := good
		bad(&j)
		if err := j.Validate(); err == nil {
			t.Errorf("%+v: want an error", j)
		}
	}
}

func TestConnectRefusedAndTimeout(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	rep := run(context.Background(), Job{Addr: addr, Direction: Upload, Size: 10, Count: 1, Conns: 1, Timeout: time.Second})
	if rep.Transfers[0].Kind != KindConnect {
		t.Errorf("closed port: %+v, want kind connect", rep.Transfers[0])
	}
	// A listener that never answers: the transfer must time out, not hang.
	silent, _ := net.Listen("tcp", "127.0.0.1:0")
	defer silent.Close()
	rep = run(context.Background(), Job{Addr: silent.Addr().String(), Direction: Download, Size: 10, Count: 2, Conns: 2, Timeout: 300 * time.Millisecond})
	for _, tr := range rep.Transfers {
		if tr.Kind != KindTimeout {
			t.Errorf("silent server: %+v, want kind timeout", tr)
		}
	}
}

// startRemote runs Serve on loopback and returns its address and a
// function that waits for it to return.
func startRemote(t *testing.T, o ServeOptions) (string, func() (string, error)) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	var mu sync.Mutex
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), ln, o, lockedWriter{&log, &mu})
		ln.Close()
	}()
	return ln.Addr().String(), func() (string, error) {
		select {
		case err := <-done:
			mu.Lock()
			defer mu.Unlock()
			return log.String(), err
		case <-time.After(30 * time.Second):
			t.Fatal("Serve did not return")
			return "", nil
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestRemotePeer(t *testing.T) {
	s := newStub(t)
	addr, wait := startRemote(t, ServeOptions{MaxIdle: 5 * time.Second, MaxSessions: 2, MaxJobs: 10, Version: "test"})
	p, err := Dial(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	if host, ok := LocalAddr(p); !ok || host != "127.0.0.1" {
		t.Errorf("LocalAddr = %q, %v", host, ok)
	}
	info := p.Info()
	if info["mode"] != "remote" || info["peer"].(map[string]any)["edgewasm"] != "test" {
		t.Errorf("Info = %v", info)
	}
	job := Job{Addr: s.ln.Addr().String(), Direction: Download, Size: 1000, Count: 4, Conns: 2, Seed: 3, Timeout: 5 * time.Second}
	rep, err := p.Run(context.Background(), job)
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range rep.Transfers {
		if tr.Kind != "" || tr.Digest != fmt.Sprintf("%016x", wordhash.Stream(1000, 3+uint64(i))) {
			t.Errorf("transfer %d: %+v", i, tr)
		}
	}
	// The peer connects back only to the device that sent the job.
	elsewhere := job
	elsewhere.Addr = "127.0.0.2:" + strings.Split(job.Addr, ":")[1]
	if _, err := p.Run(context.Background(), elsewhere); err == nil || !strings.Contains(err.Error(), "only connects back") {
		t.Errorf("job for another host: %v, want a refusal", err)
	}
	// The session survives a refused job.
	if _, err := p.Run(context.Background(), job); err != nil {
		t.Errorf("after a refusal: %v", err)
	}
	p.Close()
	// A second session with a bad hello, then Serve stops: MaxSessions is 2.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(c, `{"hello":"other/9"}`+"\n")
	var m message
	json.NewDecoder(c).Decode(&m)
	c.Close()
	if m.Error == "" {
		t.Errorf("bad hello answered %+v, want an error", m)
	}
	log, err := wait()
	if err != nil || !strings.Contains(log, "served 2 sessions") || !strings.Contains(log, "refused") {
		t.Errorf("Serve: %v\n%s", err, log)
	}
}

// TestRemoteReconnects: a session the peer ended while idle is replaced
// by a new one.
func TestRemoteReconnects(t *testing.T) {
	s := newStub(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var log bytes.Buffer
	var mu sync.Mutex
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, ServeOptions{MaxIdle: time.Minute, SessionIdle: 100 * time.Millisecond, MaxSessions: 10, MaxJobs: 10}, lockedWriter{&log, &mu})
	}()
	p, err := Dial(context.Background(), ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ended := func() bool { mu.Lock(); defer mu.Unlock(); return strings.Contains(log.String(), "session ended") }
	for i := 0; i < 200 && !ended(); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !ended() {
		t.Fatalf("the idle session did not end:\n%s", log.String())
	}
	job := Job{Addr: s.ln.Addr().String(), Direction: Upload, Size: 100, Count: 1, Conns: 1, Timeout: 5 * time.Second}
	if rep, err := p.Run(context.Background(), job); err != nil || rep.Transfers[0].Kind != "" {
		t.Fatalf("after the idle session ended: %v %+v", err, rep)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
}

// TestServeExitsWhenIdle: nobody comes, the peer exits by itself.
func TestServeExitsWhenIdle(t *testing.T) {
	_, wait := startRemote(t, ServeOptions{MaxIdle: 200 * time.Millisecond, MaxSessions: 1, MaxJobs: 1})
	if log, err := wait(); err != nil || !strings.Contains(log, "no device for") {
		t.Errorf("Serve: %v\n%s", err, log)
	}
}
