package proc

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
)

//go:embed spawn/ewspawn.c
var spawnSource []byte

// Spawner starts programs through ewspawn, a tiny static C shim that
// starts the program with posix_spawn and reports its wall time (spawn to
// reaped exit, nothing else in between), CPU time and max RSS (see
// spawn/ewspawn.c for why Go's own children cannot be trusted on
// ru_maxrss). A nil *Spawner starts programs directly; max RSS is then not
// recorded, because it would be edgewasm's.
type Spawner struct {
	Path string
}

// NewSpawner compiles the shim into dir with the C compiler of tools,
// statically when the C library allows it (no dynamic loader on the
// measured path), else dynamically.
func NewSpawner(ctx context.Context, tools build.Tools, dir string) (*Spawner, error) {
	src := filepath.Join(dir, "ewspawn.c")
	if err := os.WriteFile(src, spawnSource, 0o644); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "ewspawn")
	err := build.NativeC(ctx, tools, src, "", out, true)
	if err != nil {
		err = build.NativeC(ctx, tools, src, "", out, false)
	}
	if err != nil {
		return nil, fmt.Errorf("the ewspawn shim: %w", err)
	}
	return &Spawner{Path: out}, nil
}

// FloorKiB is the part of every maxrss_kib that the shim contributes: the
// max RSS of a child that execs at once (posix_spawn shares the shim's
// address space until the exec, so the child inherits the shim's
// high-water mark, and no smaller figure can be reported).
func (s *Spawner) FloorKiB(ctx context.Context) (int64, error) {
	out, err := exec.CommandContext(ctx, s.Path, "-floor").Output()
	if err != nil {
		return 0, fmt.Errorf("%s -floor: %w", s.Path, err)
	}
	v, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "floor_kib=")
	n, perr := strconv.ParseInt(v, 10, 64)
	if !ok || perr != nil {
		return 0, fmt.Errorf("%s -floor: want floor_kib=N, got %q", s.Path, out)
	}
	return n, nil
}

// Info describes how the runner's processes are started, for
// environment.json: the method and the shim's floor (or why it is not
// known).
func (s *Spawner) Info(ctx context.Context) map[string]any {
	info := map[string]any{"method": "ewspawn shim: posix_spawn (vfork semantics), wait4 rusage of the workload itself; only spawn to reaped exit is timed"}
	if kib, err := s.FloorKiB(ctx); err != nil {
		info["floor_kib"] = "unknown: " + err.Error()
	} else {
		info["floor_kib"] = kib
	}
	return info
}

// spawnReport is what the shim reports about one program.
type spawnReport struct {
	pid     chan int // receives the program's pid once, then is closed
	done    chan struct{}
	final   map[string]int64 // wall_ns user_us sys_us maxrss_kib wstatus
	readErr error
}

// wrap rewrites cmd to run through the shim and starts reading its report;
// wantPID asks the shim for the program's pid (written right after the
// spawn, inside the timed interval: only protocols that do not time
// start-up with the shim's clock ask for it). It must be called before
// cmd.Start; the returned cleanup closes the parent's copy of the write
// end after Start.
func (s *Spawner) wrap(cmd *exec.Cmd, wantPID bool) (*spawnReport, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	fd := 3 + len(cmd.ExtraFiles)
	cmd.ExtraFiles = append(cmd.ExtraFiles, w)
	head := []string{s.Path}
	if wantPID {
		head = append(head, "-p")
	}
	cmd.Args = append(append(head, strconv.Itoa(fd), cmd.Path), cmd.Args[1:]...)
	cmd.Path = s.Path
	rep := &spawnReport{pid: make(chan int, 1), done: make(chan struct{}), final: map[string]int64{}}
	go func() {
		defer close(rep.done)
		defer r.Close()
		sc := bufio.NewScanner(r)
		sentPID := false
		for sc.Scan() {
			for _, f := range strings.Fields(sc.Text()) {
				k, v, ok := strings.Cut(f, "=")
				n, err := strconv.ParseInt(v, 10, 64)
				if !ok || err != nil {
					rep.readErr = fmt.Errorf("ewspawn: malformed report %q", sc.Text())
					continue
				}
				if k == "pid" && !sentPID {
					rep.pid <- int(n)
					sentPID = true
					continue
				}
				rep.final[k] = n
			}
		}
		if !sentPID {
			close(rep.pid)
		}
		if err := sc.Err(); err != nil && err != io.EOF {
			rep.readErr = err
		}
	}()
	return rep, func() { w.Close() }, nil
}

// apply adds the shim's measurements to res (wall time only when wall is
// set) and returns the program's wait status when the shim reported one.
func (rep *spawnReport) apply(res *runners.Result, wall bool) (syscall.WaitStatus, bool) {
	<-rep.done
	f := rep.final
	ws, ok := f["wstatus"]
	if !ok {
		return 0, false
	}
	if wall {
		res.AddDuration(dataset.WallMS, time.Duration(f["wall_ns"]))
	}
	res.AddDuration(dataset.UserMS, time.Duration(f["user_us"])*time.Microsecond)
	res.AddDuration(dataset.SysMS, time.Duration(f["sys_us"])*time.Microsecond)
	res.Add(dataset.MaxRSSKiB, float64(f["maxrss_kib"]), dataset.UnitKiB)
	return syscall.WaitStatus(ws), true
}
