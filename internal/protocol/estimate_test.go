package protocol

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
)

func wall(test, platform string, rep int, ms float64, size int64) dataset.Sample {
	return dataset.Sample{Experiment: experiments.CPU, Test: test, Lang: dataset.LangC, Platform: platform, Rep: rep,
		Metric: dataset.WallMS, Value: ms, Unit: dataset.UnitMS, Status: dataset.StatusOK, Size: size}
}

func TestEstimatePlan(t *testing.T) {
	p, err := experiments.LoadProfile("../..", "quick")
	if err != nil {
		t.Fatal(err)
	}
	p.Warmups[experiments.CPU], p.Repetitions = 0, 3
	cfg := Config{Profile: p, Platforms: []string{dataset.Native, dataset.Docker}, Langs: []string{dataset.LangC}, Experiments: []string{experiments.CPU, experiments.FSIO}}
	size := p.Sizes["cpu/sha256"]
	// The first dataset has sha256 on native at the same size; the second
	// at half the size on docker (only its part above docker's fixed cost
	// scales) and a native value the first one overrides.
	first := []dataset.Sample{wall("sha256", dataset.Native, 1, 10, size), wall("sha256", dataset.Native, 2, 30, size), wall("sha256", dataset.Native, 3, 20, size),
		wall("sha256", dataset.Native, 0, 9999, size)}
	wait := wall("sha256", dataset.Docker, 1, 100, size/2)
	wait.Metric = dataset.WaitMS
	second := []dataset.Sample{wall("sha256", dataset.Docker, 1, 370, size/2), wait, wall("sha256", dataset.Native, 1, 500, size)}
	est := EstimatePlan(cfg, [][]dataset.Sample{first, second}, 1)
	noData := EstimatePlan(cfg, nil, 1)
	arm := EstimatePlan(cfg, nil, ARMFactor)

	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	// native: 3 × median 20 ms for sha256 + the model for the others.
	modelNativeSHA := 3 * (refNativeMS["cpu/sha256"]*float64(size)/refSize["cpu/sha256"] + 1)
	if got, want := ms(est.PerPlatform[dataset.Native])-ms(noData.PerPlatform[dataset.Native]), 60-modelNativeSHA; abs(got-want) > 0.01 {
		t.Errorf("native sha256 from the first dataset: difference %.3f ms, want %.3f", got, want)
	}
	// docker: its container's wait (100 ms) doubles with the size, the
	// rest (270 ms) stays: 270 + 200, 3 times.
	modelDockerSHA := 3 * (refNativeMS["cpu/sha256"]*float64(size)/refSize["cpu/sha256"] + 270)
	if got, want := ms(est.PerPlatform[dataset.Docker])-ms(noData.PerPlatform[dataset.Docker]), 3*(270+200)-modelDockerSHA; abs(got-want) > 0.01 {
		t.Errorf("docker sha256 scaled from the second dataset: difference %.3f ms, want %.3f", got, want)
	}
	if est.Sources[dataset.Native] != "earlier dataset and model" || noData.Sources[dataset.Native] != "model" {
		t.Errorf("sources %v / %v", est.Sources, noData.Sources)
	}
	if r := float64(arm.Total-arm.Baseline) / float64(noData.Total-noData.Baseline); abs(r-ARMFactor) > 1e-6 || arm.Baseline != ARMFactor*noData.Baseline {
		t.Errorf("arm factor %.3f, want %d", r, ARMFactor)
	}
	// fsio writes one file per repetition and platform; at most one at once.
	fs := p.Sizes["fsio/fsio"]
	n := int64(len(Plan(cfg)))
	if est.BytesWritten != 2*3*fs+n*1600 || est.PeakDisk != fs+n*1600 {
		t.Errorf("bytes %d peak %d, want %d and %d", est.BytesWritten, est.PeakDisk, 2*3*fs+n*1600, fs+n*1600)
	}
	var out bytes.Buffer
	est.Print(&out, cfg, Plan(cfg))
	for _, want := range []string{"plan: profile quick, 3 repetitions", "cpu      sha256         c   on docker", "total", "bytes written: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("Print lacks %q:\n%s", want, out.String())
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{512: "512 B", 4 << 20: "4 MiB", 1536: "1.5 KiB", 1 << 30: "1 GiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// metric is an ok row of rep 1 of test on platform at size.
func metric(exp, test, platform, name string, v float64, size int64) dataset.Sample {
	return dataset.Sample{Experiment: exp, Test: test, Lang: dataset.LangGo, Platform: platform, Rep: 1, Metric: name, Value: v,
		Unit: dataset.UnitMS, Status: dataset.StatusOK, Size: size}
}

// What scales with the size and what does not: a launcher's guest run
// scales and its compilation does not; natively, what exceeds the start-up
// scales; the network's transfers scale with the bytes moved, its idle
// window is the profile's and its start-up stays; invocation_ms, where
// recorded, is the invocation's time; an invocation the platform cannot
// run takes what its failure took.
func TestEstimateScaling(t *testing.T) {
	p, err := experiments.LoadProfile("../..", "thesis")
	if err != nil {
		t.Fatal(err)
	}
	prior := []dataset.Sample{
		metric("cpu", "aes", "wasmer-cold", dataset.WallMS, 1300, 1000), metric("cpu", "aes", "wasmer-cold", dataset.RunMS, 100, 1000),
		metric("cpu", "aes", dataset.Native, dataset.WallMS, 52, 1000), metric("startup", "noop", dataset.Native, dataset.WallMS, 2, 0),
		metric("cpu", "xor", dataset.Native, dataset.WallMS, 50, 1000), metric("cpu", "xor", dataset.Native, dataset.InvocationMS, 60, 1000),
		metric("network", "upload-many", dataset.Native, dataset.WallMS, 400, 1<<20), metric("network", "upload-many", dataset.Native, dataset.TotalMS, 80, 1<<20),
		metric("network", "upload-many", dataset.Native, dataset.IdleWindowMS, 300, 1<<20), metric("network", "upload-many", dataset.Native, dataset.Bytes, 16<<20, 1<<20),
	}
	unsupported := metric("network", "upload", dataset.Wasmtime, dataset.InvocationMS, 0.3, 1<<20)
	unsupported.Status = dataset.Failed(dataset.ReasonUnsupported + ": no sockets")
	prior = append(prior, unsupported)
	med := priorMedians(prior)
	step := func(exp, test, platform string, size int64) float64 {
		ms, ok := stepMS(Step{Experiment: exp, Test: test, Lang: dataset.LangGo, Platform: platform, Rep: 1, Size: size}, p, med, 1)
		if !ok {
			t.Fatalf("%s/%s on %s: not from the prior", exp, test, platform)
		}
		return ms
	}
	if got := step("cpu", "aes", "wasmer-cold", 16000); got != 1200+1600 {
		t.Errorf("compile 1200 ms kept, run 100 ms × 16: %v", got)
	}
	if got := step("cpu", "aes", dataset.Native, 16000); got != 2+50*16 {
		t.Errorf("start-up 2 ms kept, the rest × 16: %v", got)
	}
	if got := step("cpu", "xor", dataset.Native, 1000); got != 60 {
		t.Errorf("invocation_ms preferred to wall_ms: %v", got)
	}
	// thesis: 64 files of 16 MiB, 1 s idle: 1 GiB, 64 times the prior's bytes.
	bytes := float64(p.Sizes["network/upload-many"] * p.Sizes["network/files"])
	want := (400 - 80 - 300) + float64(p.Sizes["network/idle-ms"]) + 80*bytes/(16<<20)
	if got := step("network", "upload-many", dataset.Native, p.Sizes["network/upload-many"]); abs(got-want) > 1e-9 {
		t.Errorf("network: %v, want %v", got, want)
	}
	// A platform that cannot run a test fails at once, at any size.
	if got := step("network", "upload", dataset.Wasmtime, p.Sizes["network/upload"]); got != 0.3 {
		t.Errorf("unsupported: %v ms, want the failed invocation's 0.3", got)
	}
}
