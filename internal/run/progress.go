package run

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/protocol"
)

// progress shows a run's advance: a redrawn bar with ETA on a terminal, one
// plain line per invocation otherwise (logs, CI).
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	drawn bool
}

func newProgress(w io.Writer, tty bool) *progress {
	return &progress{w: w, tty: tty, start: time.Now()}
}

func (p *progress) event(e protocol.Event) {
	if !p.tty {
		fmt.Fprintf(p.w, "[%d/%d] %s: %s (%s)\n", e.Index, e.Total, e.Step, e.Status, e.Elapsed.Round(time.Millisecond))
		return
	}
	elapsed := time.Since(p.start)
	eta := time.Duration(float64(elapsed) / float64(e.Index) * float64(e.Total-e.Index))
	const width = 30
	filled := width * e.Index / e.Total
	bar := strings.Repeat("#", filled) + strings.Repeat("-", width-filled)
	line := fmt.Sprintf("[%s] %d/%d ETA %s  %s", bar, e.Index, e.Total, eta.Round(time.Second), e.Step)
	if e.Status != dataset.StatusOK {
		// Failures scroll above the bar so they are not overwritten.
		fmt.Fprintf(p.w, "\r\033[K%s: %s\n", e.Step, e.Status)
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
