package dataset

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// EnvironmentFile is the name of the fingerprint inside a dataset directory.
const EnvironmentFile = "environment.json"

// SchemaVersion is bumped when samples.csv or environment.json change shape.
const SchemaVersion = 1

// Environment fingerprints the machine and software of one run and holds
// its full configuration, so a dataset can be interpreted without the
// command line that produced it.
type Environment struct {
	Schema    int       `json:"schema"`
	Tool      Tool      `json:"tool"`
	Host      Host      `json:"host"`
	Toolchain Toolchain `json:"toolchain"`
	Profile   Profile   `json:"profile"`
	// Platforms that were requested; Unavailable says why any could not run.
	Platforms   []string          `json:"platforms"`
	Unavailable map[string]string `json:"unavailable,omitempty"`
	Langs       []string          `json:"langs"`
	Experiments []string          `json:"experiments"`
	// Runners holds what each runner reported about itself (versions,
	// image IDs, cache sizes, fallbacks).
	Runners map[string]map[string]any `json:"runners,omitempty"`
	Started time.Time                 `json:"started"`
	// PrepareSeconds is how long the run took before Started: validating
	// the inputs, building the workloads and launchers, images and
	// compilation caches (the first session's; 0 when not recorded).
	PrepareSeconds float64    `json:"prepare_s,omitempty"`
	Finished       *time.Time `json:"finished,omitempty"`
	// Interrupted is true when the run was stopped before its plan ended.
	Interrupted bool `json:"interrupted,omitempty"`
	Samples     int  `json:"samples"`
	Failed      int  `json:"failed"`
	// Settings are the options besides the profile that shape what is
	// measured; a resumed run must use the same ones.
	Settings *Settings `json:"settings,omitempty"`
	// Resumes records every `run --resume` of this dataset, in order.
	Resumes []Resume `json:"resumes,omitempty"`
	// Warnings are the measurement-quality problems found during the run
	// and in its samples (see Warning).
	Warnings []Warning `json:"warnings,omitempty"`
	// Reruns records every `run --rerun-warned` of this dataset, in order:
	// the attempt its rows carry and the cells it re-ran.
	Reruns []Rerun `json:"reruns,omitempty"`
	// Baselines are the native baseline's readings, one entry per session.
	Baselines []Baseline `json:"baselines,omitempty"`
	// Interference sums what competed for the CPU in each session.
	Interference []Interference `json:"interference,omitempty"`

	// Harness is edgewasm's own cost during the run (the latest session's,
	// when the run was resumed).
	Harness *Harness `json:"harness,omitempty"`

	// Peer describes the far end of the network experiment: the built-in
	// peer, or a remote one with what it reported about itself.
	Peer map[string]any `json:"peer,omitempty"`

	// Meta holds the key=value facts given with `run --meta` by whoever
	// started the run (the fleet playbook records its version, the
	// bundle's checksum and the inventory's name). They describe, they do
	// not configure: a resume never compares them.
	Meta map[string]string `json:"meta,omitempty"`
	// Artifacts lists every binary the run used and where it came from
	// (built here or taken from a bundle), in the order obtained.
	Artifacts []Artifact `json:"artifacts,omitempty"`
	// Doctor holds the findings of `edgewasm doctor` at the start of the run.
	Doctor []Check `json:"doctor,omitempty"`
}

// Rerun records one `run --rerun-warned`: a later session that ran the
// named cells again (every repetition, after their warm-ups) and appended
// their rows with Attempt, keeping the earlier ones.
type Rerun struct {
	Attempt int       `json:"attempt"`
	At      time.Time `json:"at"`
	Tool    Tool      `json:"tool"`
	// Cells are those re-run (Cell.Attempt: the attempt they replace);
	// Kinds the warning kinds that named them.
	Cells []Cell   `json:"cells"`
	Kinds []string `json:"kinds"`
	// Meta holds the --meta facts given to this re-run.
	Meta map[string]string `json:"meta,omitempty"`
	// Differences is what differed from the recorded configuration when
	// --force let the re-run go on.
	Differences []string `json:"differences,omitempty"`
}

// Baseline is one session's native baseline: a fixed native C kernel run
// a few times at the start, the middle and the end of the session, outside
// the plan's samples, so that a change of the machine during the run shows.
type Baseline struct {
	Session int `json:"session"`
	// Workload is experiment/test/lang on Platform at Size.
	Workload string `json:"workload"`
	Platform string `json:"platform"`
	Size     int64  `json:"size"`
	// Readings in order (start, middle, end; fewer when the session was
	// interrupted).
	Readings []BaselineReading `json:"readings,omitempty"`
	// Drift is (max − min) / min of the readings' medians: how far the
	// machine moved during the session (NaN-free: 0 with fewer than two).
	Drift float64 `json:"drift"`
	// Error says why the baseline was not measured (no native platform).
	Error string `json:"error,omitempty"`
}

// BaselineReading is the baseline measured once: the kernel times of its
// repetitions and their median.
type BaselineReading struct {
	At       string    `json:"at"` // "start", "middle" or "end"
	Time     time.Time `json:"time"`
	KernelMS []float64 `json:"kernel_ms"`
	MedianMS float64   `json:"median_ms"`
	// Error: a repetition failed (then KernelMS holds the others).
	Error string `json:"error,omitempty"`
}

// Interference sums the interference rows of one session's invocations:
// how much of their time other work took (steal) or made them wait
// (pressure stall).
type Interference struct {
	Session     int     `json:"session"`
	Invocations int     `json:"invocations"`
	WindowMS    float64 `json:"invocation_ms"` // the sum of invocation_ms
	StealMS     float64 `json:"steal_ms"`
	// StallMS is the sum of cpu_stall_ms; absent (and PSI says why) when
	// the kernel reports no CPU pressure.
	StallMS *float64 `json:"cpu_stall_ms,omitempty"`
	// StealShare and StallShare are StealMS and StallMS over WindowMS.
	StealShare float64  `json:"steal_share"`
	StallShare *float64 `json:"stall_share,omitempty"`
	// PSI is "" when /proc/pressure/cpu was read, else why not.
	PSI string `json:"psi,omitempty"`
	// Load1Max is the highest 1-minute load average at an invocation's start.
	Load1Max float64 `json:"load1_max"`
}

// Sessions is the number of the latest session of the run: 0 for the
// first, then one more for every resume and every re-run (Warning.Session,
// Baseline.Session).
func (e Environment) Sessions() int { return len(e.Resumes) + len(e.Reruns) }

// Harness is what edgewasm itself used while it ran: its resident memory
// competes with the workload on a small board, and its CPU time with the
// workload on a small CPU.
type Harness struct {
	// PeakRSSKiB is edgewasm's resident high-water mark (VmHWM) over the
	// whole run; PreparePeakRSSKiB that of the preparation (builds,
	// images, compilation caches); MeasurePeakRSSKiB that while the plan
	// was measured (VmHWM reset after preparation).
	PeakRSSKiB        int64 `json:"peak_rss_kib"`
	PreparePeakRSSKiB int64 `json:"prepare_peak_rss_kib"`
	MeasurePeakRSSKiB int64 `json:"measure_peak_rss_kib"`
	// MeasureCPUMs is edgewasm's own CPU time (user+system, every thread)
	// while the plan was measured, and MeasureWallMs that phase's length:
	// bookkeeping between samples, not spinning during them.
	MeasureCPUMs  float64 `json:"measure_cpu_ms"`
	MeasureWallMs float64 `json:"measure_wall_ms"`
	// MeasureMemoryLimitKiB is the Go runtime's soft memory limit while
	// measuring; TrimError says why edgewasm could not give back memory
	// after preparation (then the measuring figures include it).
	MeasureMemoryLimitKiB int64  `json:"measure_memory_limit_kib"`
	TrimError             string `json:"trim_error,omitempty"`
}

// Settings are a run's options that change measurements.
type Settings struct {
	CC           string   `json:"cc"`             // C compiler of native builds
	Settle       Duration `json:"settle"`         // memory: wait after the ready line
	WasmMaxPages uint     `json:"wasm_max_pages"` // Wasm guests' memory limit (64 KiB pages); also the containers' limit
	// AllPlatforms: the run was asked for every platform available here
	// (--platforms all); Platforms then lists them all.
	AllPlatforms bool `json:"all_platforms,omitempty"`
	// CPU is the core the workloads were pinned to (--cpu); nil when not
	// pinned. HarnessCPUs are the cores edgewasm itself then ran on.
	CPU         *int  `json:"cpu,omitempty"`
	HarnessCPUs []int `json:"harness_cpus,omitempty"`
}

// Resume records one `run --resume`.
type Resume struct {
	At   time.Time `json:"at"`
	Tool Tool      `json:"tool"` // the build that resumed
	// Forced: the configuration differed (Differences) and --force was given.
	Forced      bool     `json:"forced,omitempty"`
	Differences []string `json:"differences,omitempty"`
	// CutBytes were cut from the end of samples.csv (a row torn by the
	// interruption) and kept in CutFile.
	CutBytes int    `json:"cut_bytes"`
	CutFile  string `json:"cut_file,omitempty"`
	// ReplacedRows were taken out of samples.csv because their invocation
	// is run again (interrupted, cut short, or the other half of an fsio
	// file pair); they are kept in ReplacedFile with the reason.
	ReplacedRows int    `json:"replaced_rows"`
	ReplacedFile string `json:"replaced_file,omitempty"`
	// Kept invocations were already recorded; Remaining were still to run.
	Kept      int `json:"kept_invocations"`
	Remaining int `json:"remaining_invocations"`
	// Recovered lists side files that an earlier resume wrote but could not
	// record (it was killed in between); they hold what it cut or replaced.
	Recovered []string `json:"recovered_files,omitempty"`
	// Meta holds the --meta facts given to this resume (see
	// Environment.Meta, which keeps those of the first session).
	Meta map[string]string `json:"meta,omitempty"`
}

// ResumeCutFile and ResumeReplacedFile name the side files of the n-th
// resume (1-based) inside the dataset directory.
func ResumeCutFile(n int) string      { return fmt.Sprintf("resume-%d-cut.txt", n) }
func ResumeReplacedFile(n int) string { return fmt.Sprintf("resume-%d-replaced.csv", n) }

// Tool identifies the edgewasm build that ran.
type Tool struct {
	Version   string `json:"version"`
	GitCommit string `json:"git_commit"`
	GitDirty  bool   `json:"git_dirty"`
}

// Host describes the machine.
type Host struct {
	CPUModel    string `json:"cpu_model"`
	Cores       int    `json:"cores"`
	MemTotalKiB int64  `json:"mem_total_kib"`
	Kernel      string `json:"kernel"`
	OS          string `json:"os"`
	Arch        string `json:"arch"`
	// DeviceModel is /proc/device-tree/model (e.g. "Raspberry Pi 3 Model B
	// Plus Rev 1.3") when present.
	DeviceModel string `json:"device_model,omitempty"`
	Governor    string `json:"cpufreq_governor,omitempty"`
	Hostname    string `json:"hostname,omitempty"`
	Virtualized string `json:"virtualization,omitempty"`
	// Emulated names the user-mode emulator edgewasm ran under (e.g.
	// "qemu-aarch64" when an arm64 build ran on an x86-64 kernel through
	// binfmt_misc); empty on real hardware. Timings of an emulated run
	// are functional evidence only, never comparable with real ones.
	Emulated string `json:"emulated,omitempty"`
	// KernelArch is the kernel's architecture (/proc/sys/kernel/arch or
	// uname), which differs from Arch under emulation.
	KernelArch string `json:"kernel_arch,omitempty"`
}

// Artifact records where one binary a run used came from: built here
// (source "local") or taken prebuilt from an unpacked bundle ("bundle"),
// with the compiler, flags and commit that built it.
type Artifact struct {
	Key      string   `json:"key"`              // what it is, e.g. "native-c:experiments/cpu/sha256/main.c:static"
	Source   string   `json:"source"`           // "local" or "bundle"
	Compiler string   `json:"compiler"`         // the compiler's first version line
	Flags    []string `json:"flags,omitempty"`  // compiler flags and target environment
	Target   string   `json:"target,omitempty"` // GOOS/GOARCH[/vN] it was built for
	Commit   string   `json:"commit,omitempty"` // the edgewasm commit it was built from
	SHA256   string   `json:"sha256"`
	Path     string   `json:"path,omitempty"` // in a bundle: relative to its root
}

// Check is one finding of `edgewasm doctor`: what was checked, what was
// found, whether that is good for a measurement, and how to fix it.
type Check struct {
	Name   string `json:"name"`
	Status string `json:"status"` // CheckOK, CheckWarn or CheckFail
	Value  string `json:"value"`
	Advice string `json:"advice,omitempty"`
}

// Check statuses.
const (
	CheckOK   = "ok"
	CheckWarn = "warn"
	CheckFail = "fail"
)

// Toolchain records compilers used to build the workloads.
type Toolchain struct {
	CC      string `json:"cc"`
	Go      string `json:"go"`
	WasmCC  string `json:"wasm_cc,omitempty"`
	Wazero  string `json:"wazero,omitempty"`
	Runtime string `json:"go_runtime"`
}

// Versions returns the toolchain section, with every empty field filled
// from what the runners reported (native: cc_version, go_version; wazero
// platforms: wazero_version), so datasets written before the section was
// filled still name their compilers.
func (e Environment) Versions() Toolchain {
	t := e.Toolchain
	str := func(platform, key string) string {
		s, _ := e.Runners[platform][key].(string)
		return s
	}
	if t.CC == "" {
		t.CC = str(Native, "cc_version")
	}
	if t.Go == "" {
		t.Go = str(Native, "go_version")
	}
	for _, p := range Platforms {
		if t.Wazero == "" && p.Runtime == "wazero" {
			t.Wazero = str(p.Name, "wazero_version")
		}
	}
	return t
}

// Profile is the measurement protocol: repetitions, warm-ups, sizes and
// limits. It is serialized into every dataset.
type Profile struct {
	Name string `json:"name"`
	// Repetitions is the number of recorded invocations per test and
	// platform (the thesis used 10).
	Repetitions int `json:"repetitions"`
	// Warmups maps an experiment to its unrecorded warm-up invocations per
	// test and platform (thesis: 1 for cpu, 0 for fsio).
	Warmups map[string]int `json:"warmups"`
	// Sizes maps "experiment/test" to the workload's size argument.
	Sizes map[string]int64 `json:"sizes"`
	// FSIOBlock is the read/write block size of the fsio workload, bytes.
	FSIOBlock int64 `json:"fsio_block"`
	// Timeout bounds one invocation.
	Timeout Duration `json:"timeout"`
	// Interleave: repetition r runs on every platform before r+1 starts,
	// with the platform order rotated by one each repetition.
	Interleave bool `json:"interleave"`
}

// Validate checks the profile.
func (p Profile) Validate() error {
	switch {
	case p.Name == "":
		return fmt.Errorf("profile: empty name")
	case p.Repetitions < 1:
		return fmt.Errorf("profile %s: repetitions %d: want ≥ 1", p.Name, p.Repetitions)
	case p.Timeout.D() <= 0:
		return fmt.Errorf("profile %s: timeout must be positive", p.Name)
	case p.FSIOBlock <= 0:
		return fmt.Errorf("profile %s: fsio_block must be positive", p.Name)
	}
	for k, v := range p.Warmups {
		if v < 0 {
			return fmt.Errorf("profile %s: warmups[%s] = %d: want ≥ 0", p.Name, k, v)
		}
	}
	for k, v := range p.Sizes {
		if v <= 0 {
			return fmt.Errorf("profile %s: sizes[%s] = %d: want > 0", p.Name, k, v)
		}
	}
	return nil
}

// Duration is a time.Duration that reads and writes as a string ("2m0s").
type Duration time.Duration

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON implements json.Unmarshaler.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: want a string like \"90s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// WriteEnvironment writes env into dir atomically and durably (see
// WriteFileAtomic), so a reader never sees half a file, even after a power
// loss.
func WriteEnvironment(dir string, env Environment) error {
	b, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, EnvironmentFile), append(b, '\n'))
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory: write, sync, rename over path, sync the directory. A crash at
// any point leaves either the old file or the new one.
func WriteFileAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp := filepath.Join(dir, "."+base+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return SyncDir(dir)
}

// ReadEnvironment reads dir/environment.json.
func ReadEnvironment(dir string) (Environment, error) {
	path := filepath.Join(dir, EnvironmentFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return Environment{}, err
	}
	return ParseEnvironment(b, path)
}

// ParseEnvironment decodes an environment.json document; name (the file)
// and the line of the offending value start every error.
func ParseEnvironment(b []byte, name string) (Environment, error) {
	var env Environment
	if err := json.Unmarshal(b, &env); err != nil {
		return Environment{}, fmt.Errorf("%s:%d: %v", name, jsonErrorLine(b, err, func() any { return new(Environment) }), err)
	}
	if env.Schema != SchemaVersion {
		return Environment{}, fmt.Errorf("%s:%d: schema %d: this edgewasm reads schema %d", name, jsonKeyLine(b, "schema"), env.Schema, SchemaVersion)
	}
	return env, nil
}

// Dataset is a loaded dataset directory.
type Dataset struct {
	Dir     string
	Env     Environment
	Samples []Sample
	// Superseded are the rows of earlier attempts of re-run cells.
	Superseded []Sample
}

// Load reads a dataset directory: samples.csv and environment.json.
// Samples holds the latest attempt of every invocation (one row set per
// invocation, as readers expect); the rows of earlier attempts of cells
// that were re-run (`run --rerun-warned`) are in Superseded.
func Load(dir string) (*Dataset, error) {
	env, err := ReadEnvironment(dir)
	if err != nil {
		return nil, err
	}
	s, err := ReadFile(filepath.Join(dir, SamplesFile))
	if err != nil {
		return nil, err
	}
	latest, superseded := LatestAttempts(s)
	return &Dataset{Dir: dir, Env: env, Samples: latest, Superseded: superseded}, nil
}

// LatestAttempts splits samples into the rows of each invocation's latest
// attempt and those of its earlier attempts, keeping the file order.
func LatestAttempts(samples []Sample) (latest, superseded []Sample) {
	type inv struct {
		experiment, test, lang, platform string
		rep                              int
	}
	last := map[inv]int{}
	for _, s := range samples {
		k := inv{s.Experiment, s.Test, s.Lang, s.Platform, s.Rep}
		last[k] = max(last[k], s.AttemptOf())
	}
	for _, s := range samples {
		if s.AttemptOf() == last[inv{s.Experiment, s.Test, s.Lang, s.Platform, s.Rep}] {
			latest = append(latest, s)
		} else {
			superseded = append(superseded, s)
		}
	}
	return latest, superseded
}
