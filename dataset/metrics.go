package dataset

// The rest of the vocabulary of the metric and unit columns (names.go
// holds the first names): every metric a platform or the protocol records,
// with its unit. data/README.md documents each; runners and the protocol
// take the names from here, and a test of the repository
// (literals_test.go) fails on a metric, unit, platform or status name
// spelled out anywhere else.

// More units (network experiment).
const (
	UnitBytes    = "B"      // bytes
	UnitMiBps    = "MiB/s"  // throughput
	UnitPct      = "%"      // a share of one core
	UnitMSPerMiB = "ms/MiB" // CPU time per MiB moved
)

// Units lists every unit of the unit column.
var Units = []string{UnitMS, UnitKiB, UnitCount, UnitBytes, UnitMiBps, UnitPct, UnitMSPerMiB}

// Metrics of every platform that runs a process (native, the Wasm
// launchers): the ewspawn shim's readings.
const (
	UserMS    = "user_ms"    // CPU time in user mode (rusage)
	SysMS     = "sys_ms"     // CPU time in the kernel (rusage)
	MaxRSSKiB = "maxrss_kib" // peak resident set (rusage)
)

// Metrics of the memory experiment (and ReadyMS of the network one).
const (
	PSSKiB    = "pss_kib"   // proportional set size of the workload's processes
	Processes = "processes" // processes summed into PSSKiB
	ReadyMS   = "ready_ms"  // start to the workload's ready line
	// CgroupMemoryKiB and ShimPSSKiB are Docker's: the container's cgroup
	// and its containerd-shim.
	CgroupMemoryKiB = "cgroup_memory_kib"
	ShimPSSKiB      = "shim_pss_kib"
)

// Docker's phases of one container (docker run --rm through the Engine
// API), and the CLI's own timing.
const (
	CreateMS = "create_ms"
	AttachMS = "attach_ms"
	StartMS  = "start_ms"
	WaitMS   = "wait_ms"
	RemoveMS = "remove_ms"
	CLIMS    = "cli_ms"
)

// The phases of a Wasm launcher, and its own peak resident set.
const (
	SetupMS       = "setup_ms"
	CompileMS     = "compile_ms"
	InstantiateMS = "instantiate_ms"
	RunMS         = "run_ms"
	LauncherMS    = "launcher_ms"
	HWMKiB        = "hwm_kib"
)

// Metrics of the network experiment.
const (
	TotalMS         = "total_ms"
	TransferMS      = "transfer_ms"
	LatencyMedianMS = "latency_median_ms"
	LatencyP95MS    = "latency_p95_ms"
	Bytes           = "bytes"
	ThroughputMiBps = "throughput_mib_s"
	TransferUserMS  = "transfer_user_ms"
	TransferSysMS   = "transfer_sys_ms"
	CPUMSPerMiB     = "cpu_ms_per_mib"
	IdleUserMS      = "idle_user_ms"
	IdleSysMS       = "idle_sys_ms"
	IdleWindowMS    = "idle_window_ms"
	IdleCPUPct      = "idle_cpu_pct"
	// IdleVoluntarySwitches and IdleInvoluntarySwitches are the context
	// switches of the workload's process over the idle window: a server
	// that blocks while idle switches voluntarily at each wake-up and
	// barely uses the CPU; one that polls without ever blocking keeps a
	// core busy with next to no voluntary switch.
	IdleVoluntarySwitches   = "idle_voluntary_switches"
	IdleInvoluntarySwitches = "idle_involuntary_switches"
	// ProxyUserMS and ProxySysMS are the CPU time of Docker's userland
	// port proxy (docker-bridge): HelperUserMS and HelperSysMS of the
	// helper named ProxyHelper.
	ProxyUserMS = "proxy_user_ms"
	ProxySysMS  = "proxy_sys_ms"
)

// Metrics of every invocation, whatever the platform: how long the
// protocol waited for it and what else competed for the CPU meanwhile
// (the machine's, not the workload's: steal and pressure stall are
// system-wide deltas over InvocationMS).
const (
	// InvocationMS is the protocol's own time of the invocation: from just
	// before the runner starts it to just after the runner returns. It is
	// the window of StealMS and CPUStallMS.
	InvocationMS = "invocation_ms"
	// StealMS is the CPU time the hypervisor gave to other guests over the
	// window (/proc/stat, the cpu line's steal, every CPU summed).
	StealMS = "steal_ms"
	// CPUStallMS is how long at least one runnable task waited for a CPU
	// over the window (/proc/pressure/cpu, "some" total; Linux ≥ 4.20 with
	// PSI, absent otherwise).
	CPUStallMS = "cpu_stall_ms"
	// Load1 is the 1-minute load average when the invocation started.
	Load1 = "load1"
)

// InterferenceMetrics are the metrics of every invocation above, which
// describe the machine rather than the workload.
var InterferenceMetrics = []string{InvocationMS, StealMS, CPUStallMS, Load1}

// ProxyHelper is the name of Docker's userland port proxy among the
// processes that carry a served workload's traffic; its CPU time becomes
// ProxyUserMS and ProxySysMS.
const ProxyHelper = "proxy"

// HelperUserMS and HelperSysMS are the metrics of the CPU time of a helper
// process that carries a served workload's traffic, by the helper's name.
func HelperUserMS(helper string) string { return helper + "_user_ms" }

// HelperSysMS: see HelperUserMS.
func HelperSysMS(helper string) string { return helper + "_sys_ms" }

// MetricInfo is a metric name with its unit.
type MetricInfo struct {
	Name string `json:"name"`
	Unit string `json:"unit"`
}

// Metrics lists every metric edgewasm records, with its unit, in the order
// of data/README.md.
var Metrics = []MetricInfo{
	{WallMS, UnitMS}, {UserMS, UnitMS}, {SysMS, UnitMS}, {MaxRSSKiB, UnitKiB}, {KernelMS, UnitMS},
	{PSSKiB, UnitKiB}, {Processes, UnitCount}, {FootprintKiB, UnitKiB}, {MemAvailDropKiB, UnitKiB}, {ReadyMS, UnitMS},
	{CreateMS, UnitMS}, {AttachMS, UnitMS}, {StartMS, UnitMS}, {WaitMS, UnitMS}, {RemoveMS, UnitMS}, {CLIMS, UnitMS},
	{CgroupMemoryKiB, UnitKiB}, {ShimPSSKiB, UnitKiB},
	{SetupMS, UnitMS}, {CompileMS, UnitMS}, {InstantiateMS, UnitMS}, {RunMS, UnitMS}, {LauncherMS, UnitMS}, {HWMKiB, UnitKiB},
	{TotalMS, UnitMS}, {TransferMS, UnitMS}, {LatencyMedianMS, UnitMS}, {LatencyP95MS, UnitMS}, {Bytes, UnitBytes},
	{ThroughputMiBps, UnitMiBps}, {TransferUserMS, UnitMS}, {TransferSysMS, UnitMS}, {CPUMSPerMiB, UnitMSPerMiB},
	{IdleUserMS, UnitMS}, {IdleSysMS, UnitMS}, {IdleWindowMS, UnitMS}, {IdleCPUPct, UnitPct},
	{IdleVoluntarySwitches, UnitCount}, {IdleInvoluntarySwitches, UnitCount},
	{ProxyUserMS, UnitMS}, {ProxySysMS, UnitMS},
	{InvocationMS, UnitMS}, {StealMS, UnitMS}, {CPUStallMS, UnitMS}, {Load1, UnitCount},
}

// MetricUnit returns the unit of a named metric.
func MetricUnit(name string) (string, bool) {
	for _, m := range Metrics {
		if m.Name == name {
			return m.Unit, true
		}
	}
	return "", false
}
