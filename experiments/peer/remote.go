package peer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"syscall"
	"time"
)

// ControlProtocol names the control protocol's version. A device and a
// remote peer exchange one JSON object per line over one TCP connection:
//
//	device → peer  {"hello":"edgewasm-peer/1"}
//	peer → device  {"hello":"edgewasm-peer/1","info":{…}}
//	device → peer  {"job":{…Job…}}                     (repeated)
//	peer → device  {"report":{…Report…}} or {"error":"…"}
//
// The device closes the connection when its run ends. The peer runs a
// job only against the machine the control connection came from: a job
// whose address names another host is refused.
const ControlProtocol = "edgewasm-peer/1"

// message is one line of the control protocol.
type message struct {
	Hello  string         `json:"hello,omitempty"`
	Info   map[string]any `json:"info,omitempty"`
	Job    *Job           `json:"job,omitempty"`
	Report *Report        `json:"report,omitempty"`
	Error  string         `json:"error,omitempty"`
}

// maxLine bounds one control message (a report of MaxCount transfers fits).
const maxLine = 64 << 20

// helloTimeout bounds the handshake on either side.
const helloTimeout = 10 * time.Second

// ServeOptions bound a remote peer.
type ServeOptions struct {
	// MaxIdle: Serve returns when no control connection has been open for
	// this long.
	MaxIdle time.Duration
	// SessionIdle: a session ends when its device sends nothing for this
	// long between jobs (0: MaxIdle). The device starts a new one when it
	// needs to.
	SessionIdle time.Duration
	// MaxSessions: Serve returns after this many control connections.
	MaxSessions int
	// MaxJobs bounds the jobs of one session.
	MaxJobs int
	// Version is edgewasm's version, reported to devices.
	Version string
}

// DefaultServeOptions are `edgewasm peer`'s defaults.
var DefaultServeOptions = ServeOptions{MaxIdle: 30 * time.Minute, MaxSessions: 1000, MaxJobs: 100000}

// Serve runs a remote peer on ln: it takes control connections one at a
// time (concurrent runs would disturb each other's measurements) and runs
// each job a device sends against that device. It logs one line per
// session and job to log and returns nil when MaxIdle passed without a
// connection, after MaxSessions sessions, or when ctx ends.
func Serve(ctx context.Context, ln net.Listener, o ServeOptions, log io.Writer) error {
	if o.MaxIdle <= 0 || o.MaxSessions < 1 || o.MaxJobs < 1 {
		return fmt.Errorf("peer: MaxIdle %v, MaxSessions %d, MaxJobs %d: want positive bounds", o.MaxIdle, o.MaxSessions, o.MaxJobs)
	}
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return errors.New("peer: want a TCP listener")
	}
	stop := context.AfterFunc(ctx, func() { tl.SetDeadline(time.Now()) })
	defer stop()
	for n := 0; n < o.MaxSessions; n++ {
		if err := tl.SetDeadline(time.Now().Add(o.MaxIdle)); err != nil {
			return err
		}
		// Checked after setting the deadline, which would otherwise undo
		// the one the cancellation set.
		if ctx.Err() != nil {
			return nil
		}
		conn, err := tl.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if isTimeout(err) {
				fmt.Fprintf(log, "peer: no device for %v: exiting\n", o.MaxIdle)
				return nil
			}
			return err
		}
		session(ctx, conn, o, log)
	}
	fmt.Fprintf(log, "peer: served %d sessions: exiting\n", o.MaxSessions)
	return nil
}

// session serves one control connection.
func session(ctx context.Context, conn net.Conn, o ServeOptions, log io.Writer) {
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	device := conn.RemoteAddr().(*net.TCPAddr)
	fmt.Fprintf(log, "peer: session from %s\n", device)
	sc := bufio.NewScanner(conn)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	enc := json.NewEncoder(conn)
	conn.SetDeadline(time.Now().Add(helloTimeout))
	if ctx.Err() != nil {
		return
	}
	var hello message
	if !sc.Scan() || json.Unmarshal(sc.Bytes(), &hello) != nil || hello.Hello != ControlProtocol {
		enc.Encode(message{Error: "want {\"hello\":\"" + ControlProtocol + "\"}"})
		fmt.Fprintf(log, "peer: %s: bad hello\n", device)
		return
	}
	if enc.Encode(message{Hello: ControlProtocol, Info: info(o.Version)}) != nil {
		return
	}
	idle := o.SessionIdle
	if idle <= 0 {
		idle = o.MaxIdle
	}
	for jobs := 0; jobs < o.MaxJobs; jobs++ {
		conn.SetDeadline(time.Now().Add(idle))
		if ctx.Err() != nil {
			return
		}
		if !sc.Scan() {
			fmt.Fprintf(log, "peer: %s: session ended after %d jobs\n", device, jobs)
			return
		}
		var m message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.Job == nil {
			enc.Encode(message{Error: "want {\"job\":{…}}"})
			return
		}
		job := *m.Job
		if err := checkJob(job, device); err != nil {
			fmt.Fprintf(log, "peer: %s: refused: %v\n", device, err)
			if enc.Encode(message{Error: err.Error()}) != nil {
				return
			}
			continue
		}
		conn.SetDeadline(time.Now().Add(job.Bound() + helloTimeout))
		if ctx.Err() != nil {
			return
		}
		rep := run(ctx, job)
		fmt.Fprintf(log, "peer: %s: %s %d × %d bytes over %d connections: %v\n", device, job.Direction, job.Count, job.Size, job.Conns, rep.Total.Round(time.Millisecond))
		if enc.Encode(message{Report: &rep}) != nil {
			return
		}
	}
	fmt.Fprintf(log, "peer: %s: %d jobs: ending the session\n", device, o.MaxJobs)
}

// checkJob validates a job and refuses one aimed anywhere but at the
// device that sent it.
func checkJob(job Job, device *net.TCPAddr) error {
	if err := job.Validate(); err != nil {
		return err
	}
	host, _, _ := net.SplitHostPort(job.Addr)
	ip := net.ParseIP(host)
	if ip == nil || !ip.Equal(device.IP) {
		return fmt.Errorf("job address %s: a peer only connects back to the device of its control connection (%s)", job.Addr, device.IP)
	}
	return nil
}

func info(version string) map[string]any {
	host, _ := os.Hostname()
	return map[string]any{"hostname": host, "goos": runtime.GOOS, "goarch": runtime.GOARCH,
		"go": runtime.Version(), "cpus": runtime.NumCPU(), "edgewasm": version}
}

// remote is a device's connection to a remote peer.
type remote struct {
	addr string
	conn net.Conn
	sc   *bufio.Scanner
	enc  *json.Encoder
	info map[string]any
}

// Dial connects to the remote peer at addr (HOST:PORT) and shakes hands.
func Dial(ctx context.Context, addr string) (Peer, error) {
	d := net.Dialer{Timeout: helloTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("peer %s: %w", addr, err)
	}
	r := &remote{addr: addr, conn: conn, sc: bufio.NewScanner(conn), enc: json.NewEncoder(conn)}
	r.sc.Buffer(make([]byte, 64<<10), maxLine)
	conn.SetDeadline(time.Now().Add(helloTimeout))
	m, err := r.exchange(message{Hello: ControlProtocol})
	if err == nil && m.Hello != ControlProtocol {
		err = fmt.Errorf("answered %q, want %q", m.Hello, ControlProtocol)
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("peer %s: handshake: %w", addr, err)
	}
	r.info = m.Info
	return r, nil
}

// LocalAddr is the address of this machine that faces the peer: where
// the device's workloads must listen for the peer to reach them.
func LocalAddr(p Peer) (string, bool) {
	r, ok := p.(*remote)
	if !ok {
		return "", false
	}
	host, _, err := net.SplitHostPort(r.conn.LocalAddr().String())
	return host, err == nil
}

func (r *remote) exchange(out message) (message, error) {
	if err := r.enc.Encode(out); err != nil {
		return message{}, err
	}
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			return message{}, err
		}
		return message{}, io.ErrUnexpectedEOF
	}
	var in message
	if err := json.Unmarshal(r.sc.Bytes(), &in); err != nil {
		return message{}, fmt.Errorf("malformed answer: %w", err)
	}
	if in.Error != "" {
		return in, errors.New(in.Error)
	}
	return in, nil
}

func (r *remote) Run(ctx context.Context, job Job) (Report, error) {
	if err := job.Validate(); err != nil {
		return Report{}, err
	}
	m, err := r.send(ctx, job)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		// The peer ended an idle session (ServeOptions.MaxIdle) before it
		// read the job: start a new session and send the job once more.
		r.conn.Close()
		var nr Peer
		if nr, err = Dial(ctx, r.addr); err == nil {
			*r = *nr.(*remote)
			m, err = r.send(ctx, job)
		}
	}
	if err != nil {
		return Report{}, fmt.Errorf("peer %s: %w", r.addr, err)
	}
	if m.Report == nil {
		return Report{}, fmt.Errorf("peer %s: an answer without a report", r.addr)
	}
	if len(m.Report.Transfers) != job.Count {
		return Report{}, fmt.Errorf("peer %s: a report of %d transfers, want %d", r.addr, len(m.Report.Transfers), job.Count)
	}
	return *m.Report, nil
}

// send sends a job and waits for its answer, for at most the job's bound.
func (r *remote) send(ctx context.Context, job Job) (message, error) {
	r.conn.SetDeadline(time.Now().Add(job.Bound() + 2*helloTimeout))
	stop := context.AfterFunc(ctx, func() { r.conn.SetDeadline(time.Now()) })
	defer stop()
	return r.exchange(message{Job: &job})
}

func (r *remote) Info() map[string]any {
	return map[string]any{"mode": "remote", "addr": r.addr, "protocol": ControlProtocol, "peer": r.info}
}

func (r *remote) Close() error { return r.conn.Close() }
