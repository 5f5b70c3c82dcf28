package dataset

// Warning is a measurement-quality problem, typed and with advice, in the
// manner of hyperfine's warnings. A run stores its warnings in
// environment.json (Environment.Warnings), so the paper can show them
// beside the figures they concern. data/README.md documents every kind.
type Warning struct {
	Kind    string `json:"kind"`    // one of the Warn* kinds
	Message string `json:"message"` // what was observed, with the figures
	Advice  string `json:"advice"`  // what to do about it
	// Value is the figure that triggered the warning (a load average, a
	// coefficient of variation, a modified z-score, KiB of swap, …) and
	// Threshold the limit it crossed, in the same unit.
	Value     float64 `json:"value"`
	Threshold float64 `json:"threshold"`
	// The series a sample-based warning concerns: one experiment, test,
	// language, platform and metric across its repetitions. Empty for a
	// warning about the machine.
	Experiment string `json:"experiment,omitempty"`
	Test       string `json:"test,omitempty"`
	Lang       string `json:"lang,omitempty"`
	Platform   string `json:"platform,omitempty"`
	Metric     string `json:"metric,omitempty"`
	// Reps are the repetitions concerned (outliers, a slow first run).
	Reps []int `json:"reps,omitempty"`
	// Cells are the cells a warning advises re-running (the interference
	// kinds, WarnDrift and WarnStall), each at the attempt it concerns:
	// `run --rerun-warned` re-runs those still at that attempt.
	Cells []Cell `json:"cells,omitempty"`
	// Session is 0 for the first run of the dataset and n for the n-th
	// later session (a resume or a re-run, in the order they ran): a
	// machine warning belongs to the session that observed it. Sample-based
	// warnings are computed over the whole dataset (Session 0).
	Session int `json:"session"`
}

// Cell is one experiment, test, language and platform: the unit a
// re-run repeats, every repetition of it, at one attempt.
type Cell struct {
	Experiment string `json:"experiment"`
	Test       string `json:"test"`
	Lang       string `json:"lang"`
	Platform   string `json:"platform"`
	// Attempt is the attempt of the rows concerned (1: the run's own).
	Attempt int `json:"attempt"`
}

// CellOf returns the cell of a sample, at its attempt.
func CellOf(s Sample) Cell {
	return Cell{Experiment: s.Experiment, Test: s.Test, Lang: s.Lang, Platform: s.Platform, Attempt: s.AttemptOf()}
}

func (c Cell) String() string {
	return c.Experiment + "/" + c.Test + "/" + c.Lang + " on " + c.Platform
}

// Warning kinds.
const (
	// WarnLoad: the machine was busy when the run (or a resume) started.
	WarnLoad = "load"
	// WarnFrequency: the CPU frequency changed during the run.
	WarnFrequency = "cpu-frequency"
	// WarnThrottled: the CPU was throttled (temperature, under-voltage)
	// during the run.
	WarnThrottled = "throttled"
	// WarnSwap: swap was in use during the run.
	WarnSwap = "swap"
	// WarnOutliers: repetitions whose modified z-score exceeds 3.5
	// (Iglewicz and Hoaglin, 1993).
	WarnOutliers = "outliers"
	// WarnSlowFirst: the first repetition is an outlier on the slow side,
	// the mark of a missing warm-up.
	WarnSlowFirst = "slow-first-run"
	// WarnVariation: a high coefficient of variation across repetitions.
	WarnVariation = "variation"
	// WarnDrift: the native baseline, re-measured at the start, the middle
	// and the end of a session, moved by more than a set share; Cells are
	// those measured while it moved.
	WarnDrift = "baseline-drift"
	// WarnStall: the invocations of a cell spent more than a set share of
	// their time with runnable tasks waiting for a CPU (pressure stall);
	// Cells names them.
	WarnStall = "cpu-stall"
)

// WarningKinds lists the kinds in the order reports show them.
var WarningKinds = []string{WarnLoad, WarnFrequency, WarnThrottled, WarnSwap, WarnDrift, WarnStall, WarnSlowFirst, WarnOutliers, WarnVariation}
