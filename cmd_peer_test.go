package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/run"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

func TestPeerBadUsage(t *testing.T) {
	for _, o := range []peerOptions{
		{Listen: "7800", MaxIdle: time.Minute, MaxSessions: 1},
		{Listen: "127.0.0.1:0", MaxIdle: 0, MaxSessions: 1},
		{Listen: "127.0.0.1:0", MaxIdle: time.Minute, MaxSessions: 0},
	} {
		o.Stdout = &bytes.Buffer{}
		if err := runPeer(context.Background(), o); runExitCode(t, err) != exitBadArgs {
			t.Errorf("%+v: %v, want exit 2", o, err)
		}
	}
}

// netns is a network namespace with a veth pair to the host, made by a
// test and removed when it ends.
type netns struct {
	name, hostIf, peerIf string
	hostIP, peerIP       string
}

// ip runs an iproute2 command; it fails the test when the command fails.
func ip(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// newNetns creates a namespace (testenv.Netns: named for this process,
// removed even after a kill, by the next test's sweep) with veth ewnwaN
// (host) – ewnwbN (namespace) on a /30 of 10.231.0.0/16 that no interface
// here uses, each direction shaped by tbf to rate (a Raspberry Pi 3 B+
// moves about 300 Mbit/s over its USB-attached Ethernet). The pair is
// created with one end already in the namespace, so deleting the
// namespace always takes both ends.
func newNetns(t *testing.T, rate string) netns {
	t.Helper()
	if os.Geteuid() != 0 {
		testenv.Missing(t, "the remote-peer test creates a network namespace: it needs root")
	}
	testenv.Tool(t, "ip", "apt-get install iproute2")
	testenv.Tool(t, "tc", "apt-get install iproute2")
	addrs, err := exec.Command("ip", "-o", "-4", "addr").Output()
	if err != nil {
		t.Fatal(err)
	}
	id := os.Getpid() % 100000
	n := netns{hostIf: fmt.Sprintf("ewnwa%d", id), peerIf: fmt.Sprintf("ewnwb%d", id)}
	for k := 0; k < 250; k++ {
		net := fmt.Sprintf("10.231.%d.", (id+k)%250)
		if !strings.Contains(string(addrs), " "+net) {
			n.hostIP, n.peerIP = net+"1", net+"2"
			break
		}
	}
	if n.hostIP == "" {
		t.Fatal("no free /30 in 10.231.0.0/16")
	}
	t.Cleanup(func() {
		// After testenv.Netns's cleanup, which deletes the namespace.
		if names, _ := testenv.Namespaces(); slices.Contains(names, n.name) {
			t.Errorf("namespace %s left behind", n.name)
		}
		// The kernel destroys the pair with the namespace, once the last
		// process in it has exited: shortly after.
		for deadline := time.Now().Add(10 * time.Second); exec.Command("ip", "link", "show", n.hostIf).Run() == nil; {
			if time.Now().After(deadline) {
				t.Errorf("interface %s left behind", n.hostIf)
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	n.name = testenv.Netns(t, "peer")
	in := []string{"ip", "netns", "exec", n.name}
	ip(t, "ip", "link", "add", n.hostIf, "type", "veth", "peer", "name", n.peerIf, "netns", n.name)
	ip(t, "ip", "addr", "add", n.hostIP+"/30", "dev", n.hostIf)
	ip(t, "ip", "link", "set", n.hostIf, "up")
	ip(t, append(in, "ip", "addr", "add", n.peerIP+"/30", "dev", n.peerIf)...)
	ip(t, append(in, "ip", "link", "set", n.peerIf, "up")...)
	shape := []string{"root", "tbf", "rate", rate, "burst", "256kb", "latency", "50ms"}
	ip(t, append([]string{"tc", "qdisc", "add", "dev", n.hostIf}, shape...)...)
	ip(t, append(append(in, "tc", "qdisc", "add", "dev", n.peerIf), shape...)...)
	return n
}

// counter reads a statistics counter of the host's end of the veth pair.
func (n netns) counter(t *testing.T, name string) int64 {
	b, err := os.ReadFile(filepath.Join("/sys/class/net", n.hostIf, "statistics", name))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return v
}

// TestRemotePeerInNetns runs the network experiment with the peer on
// "another machine": `edgewasm peer` inside a network namespace this test
// creates, reached over a rate-limited veth pair. Every transfer must be
// verified, its bytes must have crossed the veth, the peer must exit by
// itself after the session, and nothing may be left behind.
func TestRemotePeerInNetns(t *testing.T) {
	if testing.Short() {
		t.Skip("creates a network namespace and moves the network experiment's data through a shaped veth: -short")
	}
	const rate = "300mbit"
	n := newNetns(t, rate)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	peerAddr := n.peerIP + ":7800"
	cmd := exec.Command("ip", "netns", "exec", n.name, self, "peer", "--listen", peerAddr, "--max-idle", "2m", "--max-sessions", "1")
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// One goroutine reads the peer's log, then reaps it; the cleanup kills
	// a peer still running and waits for both.
	listening := make(chan string, 1)
	exited := make(chan error, 1)
	var peerLog strings.Builder
	go func() {
		lines := bufio.NewScanner(out)
		for first := true; lines.Scan(); first = false {
			if first {
				listening <- lines.Text()
			}
			peerLog.WriteString(lines.Text() + "\n")
		}
		close(listening)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		cmd.Process.Kill() // harmless when it has exited
		<-exited
		exited <- nil
	})
	select {
	case line := <-listening:
		if !strings.Contains(line, "listening on "+peerAddr) {
			t.Fatalf("peer did not start: %q, stderr %q", line, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("peer did not start within 30 s; stderr %q", stderr.String())
	}

	tx0, rx0 := n.counter(t, "tx_bytes"), n.counter(t, "rx_bytes")
	dir := filepath.Join(t.TempDir(), "ds")
	var log bytes.Buffer
	err = runRun(context.Background(), run.Options{Root: ".", Profile: "quick", Platforms: "native", Langs: "c,go",
		Experiments: "network", Out: dir, CC: "cc", Stdout: &log, WasmMaxPages: wazero.DefaultMemoryLimitPages, Peer: peerAddr})
	if err != nil {
		t.Fatalf("run --peer: %v\n%s", err, log.String())
	}
	tx, rx := n.counter(t, "tx_bytes")-tx0, n.counter(t, "rx_bytes")-rx0

	select {
	case err := <-exited:
		exited <- err // for the cleanup
		if err != nil {
			t.Errorf("peer exited with %v; stderr %q", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Errorf("peer still running 30 s after its one session ended")
	}
	if !strings.Contains(peerLog.String(), "session ended after 32 jobs") {
		t.Errorf("peer log:\n%s", peerLog.String())
	}

	ds, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Env.Peer["mode"] != "remote" || ds.Env.Peer["addr"] != peerAddr || ds.Env.Peer["peer"] == nil {
		t.Errorf("environment.json peer: %v", ds.Env.Peer)
	}
	var up, down float64
	invocations := map[string]bool{}
	for _, s := range ds.Samples {
		if !s.OK() {
			t.Errorf("failed: %+v", s)
		}
		invocations[fmt.Sprint(s.Test, s.Lang, s.Rep)] = true
		switch {
		case s.Metric == "bytes" && strings.HasPrefix(s.Test, "upload"):
			up += s.Value
		case s.Metric == "bytes":
			down += s.Value
		case s.Metric == "throughput_mib_s" && s.Value > 300e6/8/(1<<20)*1.1:
			// tbf holds every transfer to the rate (plus its 256 KiB burst).
			t.Errorf("%s/%s rep %d: %.1f MiB/s through a %s link", s.Test, s.Lang, s.Rep, s.Value, rate)
		}
	}
	if len(invocations) != 24 {
		t.Errorf("%d invocations, want 4 tests × 2 languages × 3 repetitions", len(invocations))
	}
	// Uploads leave through the host's end of the veth, downloads arrive.
	if float64(tx) < up || float64(rx) < down || up == 0 || down == 0 {
		t.Errorf("veth moved %d bytes out and %d in; the uploads were %.0f bytes, the downloads %.0f", tx, rx, up, down)
	}
}
