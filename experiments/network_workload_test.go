package experiments_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/common/guest"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/native"
)

// nativeServers builds the network workload in C and Go with the native
// runner.
func nativeServers(t *testing.T) (*native.Runner, []runners.Workload) {
	t.Helper()
	testenv.CC(t)
	root := repoRoot(t)
	ws := protocol.Workloads(root, []string{experiments.Network}, dataset.Langs)
	for _, w := range ws { // let go test's cache see the sources
		for _, f := range []string{"main.c", "main.go"} {
			os.ReadFile(filepath.Join(w.Dir, f))
		}
	}
	r, err := native.New(native.Config{BuildDir: t.TempDir(), Tools: strict})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	if err := r.Prepare(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	return r, ws
}

// TestNetworkWorkloadsNative runs the four tests against the C and Go
// servers natively, at a size that is not a multiple of the digest's
// 8-byte words, and checks every row is verified.
func TestNetworkWorkloadsNative(t *testing.T) {
	r, _ := nativeServers(t)
	root := repoRoot(t)
	p, err := experiments.LoadProfile(root, "quick")
	if err != nil {
		t.Fatal(err)
	}
	p.Repetitions = 1
	p.Warmups[experiments.Network] = 0
	p.Sizes["network/timeout-ms"] = 60000
	for _, test := range experiments.Tests[experiments.Network] {
		p.Sizes["network/"+test] = 300007
	}
	cfg := protocol.Config{Root: root, Profile: p, Platforms: []string{dataset.Native}, Langs: dataset.Langs, Experiments: []string{experiments.Network}}
	path := filepath.Join(t.TempDir(), dataset.SamplesFile)
	w, err := dataset.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := protocol.Execute(context.Background(), cfg, protocol.Plan(cfg), map[string]runners.Runner{dataset.Native: r}, w, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	samples, err := dataset.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Invocations != 8 || sum.Failed != 0 {
		t.Errorf("%d invocations, %d failed (%v), want 8 and 0", sum.Invocations, sum.Failed, sum.Reasons)
	}
	files := float64(p.Sizes["network/files"])
	for _, s := range samples {
		if s.Metric == "bytes" && s.Value != 300007 && s.Value != 300007*files {
			t.Errorf("%s/%s: %v bytes", s.Test, s.Lang, s.Value)
		}
		if s.Metric == "maxrss_kib" && s.Value <= 0 {
			t.Errorf("%s/%s: maxrss_kib %v", s.Test, s.Lang, s.Value)
		}
	}
}

// exchange sends a raw request to addr and returns the whole answer.
func exchange(t *testing.T, addr, req string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, req)
	b, err := io.ReadAll(c)
	if err != nil {
		t.Errorf("%q: %v", req, err)
	}
	return string(b)
}

// TestNetworkProtocolByHand speaks the HTTP subset to each server as
// curl would, including what it must refuse, then stops it.
func TestNetworkProtocolByHand(t *testing.T) {
	r, ws := nativeServers(t)
	first := make([]byte, 13)
	guest.NewRNG(guest.Seed).Bytes(first)
	for _, w := range ws {
		t.Run(w.Lang, func(t *testing.T) {
			inv := runners.Invocation{Workload: w, Args: []string{"60"}, Timeout: time.Minute, Listen: &runners.Listen{Host: "127.0.0.1"}}
			res, err := r.Serve(context.Background(), inv, func(ctx context.Context, ep runners.Endpoint, res *runners.Result) error {
				cases := []struct{ req, status, body string }{
					{"GET /data?bytes=13&seed=2020 HTTP/1.1\r\nHost: x\r\n\r\n", "200 OK", string(first)},
					{"GET /data?seed=2020&bytes=0 HTTP/1.0\n\n", "200 OK", ""},
					{"PUT /data HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", "200 OK", fmt.Sprintf("digest=%016x\nbytes=3\n", guest.FNV(guest.FNVOffset, []byte("abc")))},
					{"PUT /data HTTP/1.1\r\ncontent-length:  0 \r\n\r\n", "200 OK", fmt.Sprintf("digest=%016x\nbytes=0\n", guest.FNVOffset)},
					{"GET /nope HTTP/1.1\r\n\r\n", "404 Not Found", "not found\n"},
					{"DELETE /data HTTP/1.1\r\n\r\n", "405 Method Not Allowed", "method not allowed\n"},
					{"PUT /data HTTP/1.1\r\n\r\n", "411 Length Required", "PUT needs a Content-Length\n"},
					{"GET /data?bytes=x&seed=1 HTTP/1.1\r\n\r\n", "400 Bad Request", "want /data?bytes=N&seed=S\n"},
					{"GET /data?bytes=1 HTTP/1.1\r\n\r\n", "400 Bad Request", "want /data?bytes=N&seed=S\n"},
					{"PUT /data HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "400 Bad Request", "bad Content-Length\n"},
					{"hello\r\n\r\n", "400 Bad Request", "malformed request line\n"},
				}
				for _, c := range cases {
					got := exchange(t, ep.Addr, c.req)
					head, body, _ := strings.Cut(got, "\r\n\r\n")
					wantHead := fmt.Sprintf("HTTP/1.1 %s\r\n", c.status)
					if !strings.HasPrefix(head+"\r\n", wantHead) || body != c.body ||
						!strings.Contains(head, fmt.Sprintf("Content-Length: %d\r\n", len(c.body))) || !strings.Contains(head, "Connection: close") {
						t.Errorf("%q:\n got %q\nwant %s with body %q", c.req, got, wantHead, c.body)
					}
				}
				if got := exchange(t, ep.Addr, "POST /quit HTTP/1.1\r\nContent-Length: 0\r\n\r\n"); !strings.HasSuffix(got, "\r\n\r\nbye\n") {
					t.Errorf("quit: %q", got)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("serve: %v (stderr %q)", err, res.Stderr)
			}
			// Well-formed heads are counted (all but two), body bytes only.
			if want := "ready\nrequests=10\nbytes_sent=13\nbytes_received=3\n"; string(res.Stdout) != want {
				t.Errorf("stdout %q, want %q", res.Stdout, want)
			}
			if _, ok := res.Metric("ready_ms"); !ok {
				t.Error("no ready_ms")
			}
		})
	}
}

// TestNetworkServerCommandLine: --selftest, usage errors, a missing
// socket, and the lifetime bound, which ends a server nobody stops.
func TestNetworkServerCommandLine(t *testing.T) {
	testenv.CC(t)
	root := repoRoot(t)
	for _, lang := range dataset.Langs {
		t.Run(lang, func(t *testing.T) {
			w := protocol.Workload(root, experiments.Network, "upload", lang)
			bin := filepath.Join(t.TempDir(), "server")
			if err := build.Workload(context.Background(), strict, lang, w.Dir, w.Include, bin, false); err != nil {
				t.Fatal(err)
			}
			if r := run(t, nil, bin, "--selftest"); r.code != 0 || r.stdout != "selftest=ok\n" {
				t.Errorf("--selftest: %+v", r)
			}
			for _, bad := range [][]string{nil, {"0"}, {"86401"}, {"x"}, {"1", "2", "3"}, {"5", "nohost"}} {
				if r := run(t, nil, bin, bad...); r.code != 2 {
					t.Errorf("%q: exit %d, want 2 (%s)", bad, r.code, r.stderr)
				}
			}
			if r := run(t, nil, bin, "5"); r.code != 1 || !strings.Contains(r.stderr, "3") {
				t.Errorf("no fd 3: exit %d (%s), want 1 naming fd 3", r.code, r.stderr)
			}
			f, addr, err := listenFile(t)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "1")
			cmd.ExtraFiles = []*os.File{f}
			out, _ := cmd.StdoutPipe()
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			line, _ := bufio.NewReader(out).ReadString('\n')
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatal("server with a 1 s lifetime still running after 30 s")
			}
			if line != "ready\n" || cmd.ProcessState.ExitCode() != 3 {
				t.Errorf("lifetime 1 s: %q, exit %d after %v; want ready and exit 3", line, cmd.ProcessState.ExitCode(), time.Since(start))
			}
			if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				c.Close()
				t.Errorf("%s still accepts after the server exited", addr)
			}
		})
	}
}

// listenFile opens a TCP listener on loopback for a server to inherit as
// its fd 3, as the native runner hands it over.
func listenFile(t *testing.T) (*os.File, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	defer ln.Close()
	f, err := ln.(*net.TCPListener).File()
	return f, ln.Addr().String(), err
}
