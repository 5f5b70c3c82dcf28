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
	second := []dataset.Sample{wall("sha256", dataset.Docker, 1, 370, size/2), wall("sha256", dataset.Native, 1, 500, size)}
	est := EstimatePlan(cfg, [][]dataset.Sample{first, second}, 1)
	noData := EstimatePlan(cfg, nil, 1)
	arm := EstimatePlan(cfg, nil, ARMFactor)

	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	// native: 3 × median 20 ms for sha256 + the model for the others.
	modelNativeSHA := 3 * (refNativeMS["cpu/sha256"]*float64(size)/refSize["cpu/sha256"] + 1)
	if got, want := ms(est.PerPlatform[dataset.Native])-ms(noData.PerPlatform[dataset.Native]), 60-modelNativeSHA; abs(got-want) > 0.01 {
		t.Errorf("native sha256 from the first dataset: difference %.3f ms, want %.3f", got, want)
	}
	// docker: 270 ms fixed + (370-270) × 2 for double the size, 3 times.
	modelDockerSHA := 3 * (refNativeMS["cpu/sha256"]*float64(size)/refSize["cpu/sha256"] + 270)
	if got, want := ms(est.PerPlatform[dataset.Docker])-ms(noData.PerPlatform[dataset.Docker]), 3*(270+200)-modelDockerSHA; abs(got-want) > 0.01 {
		t.Errorf("docker sha256 scaled from the second dataset: difference %.3f ms, want %.3f", got, want)
	}
	if est.Sources[dataset.Native] != "earlier dataset and model" || noData.Sources[dataset.Native] != "model" {
		t.Errorf("sources %v / %v", est.Sources, noData.Sources)
	}
	if r := float64(arm.Total) / float64(noData.Total); abs(r-ARMFactor) > 1e-6 {
		t.Errorf("arm factor %.3f, want %d", r, ARMFactor)
	}
	// fsio writes one file per repetition and platform; at most one at once.
	fs := p.Sizes["fsio/fsio"]
	n := int64(len(Plan(cfg)))
	if est.BytesWritten != 2*3*fs+n*1200 || est.PeakDisk != fs+n*1200 {
		t.Errorf("bytes %d peak %d, want %d and %d", est.BytesWritten, est.PeakDisk, 2*3*fs+n*1200, fs+n*1200)
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
