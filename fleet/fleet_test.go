package fleet

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/report"
)

const (
	sshd       = "/usr/sbin/sshd"
	sftpServer = "/usr/lib/openssh/sftp-server"
	python     = "/usr/bin/python3"
	// The dataset every device measures: one experiment, one platform,
	// one language, the quick profile.
	profile = "quick"
)

// device is one "board": a network namespace with its own veth address
// and sshd, and its own remote_dir on the shared file system.
type device struct {
	name, ns, addr, dir string
}

// dataset returns the device's dataset folder on the "board".
func (d device) remote() string { return filepath.Join(d.dir, "data", d.name+"-"+profile) }

// TestFleetOfNamespaces runs the playbook against three devices, each a
// network namespace running Debian's sshd, driven from a fourth namespace
// (the controller), so all traffic stays inside namespaces the test
// created. A fifth inventory host refuses connections. The first playbook
// run fetches the datasets of two devices while the test kills the third
// device's run (SIGKILL) after its first rows; the second run resumes the
// killed run, fetches a dataset whose local copy was deleted without
// measuring again, and leaves the complete device alone.
func TestFleetOfNamespaces(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a bundle, creates network namespaces running sshd and drives Ansible for over a minute: -short")
	}
	if os.Geteuid() != 0 {
		testenv.Missing(t, "the fleet test creates network namespaces and runs sshd: run it as root")
	}
	ansible := testenv.Tool(t, "ansible-playbook", "apt-get install ansible-core")
	ip := testenv.Tool(t, "ip", "apt-get install iproute2")
	keygen := testenv.Tool(t, "ssh-keygen", "apt-get install openssh-client")
	testenv.Tool(t, "go", "install Go (go.mod says which)")
	testenv.Tool(t, "git", "apt-get install git")
	for _, f := range []string{sshd, sftpServer, python} {
		if _, err := os.Stat(f); err != nil {
			testenv.Missing(t, f+" is missing: apt-get install openssh-server python3")
		}
	}
	start := time.Now()
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	// Bundles, the boards' folders and datasets: hundreds of MB, removed
	// by the next test's sweep when this one is killed.
	tmp := testenv.TempDir(t, "fleet")
	dist, data := filepath.Join(tmp, "dist"), filepath.Join(tmp, "data")
	for _, d := range []string{dist, data} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bundle, sum := makeBundle(t, repo, dist)
	t.Logf("bundle %s built in %s", bundle, time.Since(start).Round(time.Second))

	// The key the controller logs in with.
	key := filepath.Join(tmp, "id_ed25519")
	mustRun(t, keygen, "-q", "-t", "ed25519", "-N", "", "-C", "edgewasm-fleet-test", "-f", key)

	// The namespaces are named for this test process (testenv.Netns): a
	// later test removes them, and ends their sshd and Ansible's SSH
	// masters, when this one is killed before its cleanups run.
	ctl := testenv.Netns(t, "fleet-ctl")
	var devs []device
	for i, name := range []string{"dev-a", "dev-b", "dev-c"} {
		d := device{name: name, ns: testenv.Netns(t, "fleet-"+name), addr: fmt.Sprintf("169.254.77.%d", 4*i+2), dir: filepath.Join(tmp, name)}
		// A veth pair: one end in the controller's namespace, the other in
		// the device's, a /30 of link-local addresses between them.
		host, peer := fmt.Sprintf("ewc%d", i), fmt.Sprintf("ewd%d", i)
		mustRun(t, ip, "-n", ctl, "link", "add", host, "type", "veth", "peer", "name", peer, "netns", d.ns)
		mustRun(t, ip, "-n", ctl, "addr", "add", fmt.Sprintf("169.254.77.%d/30", 4*i+1), "dev", host)
		mustRun(t, ip, "-n", ctl, "link", "set", host, "up")
		mustRun(t, ip, "-n", d.ns, "addr", "add", d.addr+"/30", "dev", peer)
		mustRun(t, ip, "-n", d.ns, "link", "set", peer, "up")
		startSSHD(t, ip, keygen, d, key+".pub", tmp)
		devs = append(devs, d)
	}
	a, b, c := devs[0], devs[1], devs[2]

	inventory := filepath.Join(tmp, "lab.ini")
	writeInventory(t, inventory, devs, key, dist, data)
	env := ansibleEnv(tmp, repo)
	playbook := func(label string, during func(ctx context.Context)) (int, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		defer cancel()
		logPath := filepath.Join(tmp, label+".log")
		logf, err := os.Create(logPath)
		if err != nil {
			t.Fatal(err)
		}
		defer logf.Close()
		cmd := exec.CommandContext(ctx, ip, "netns", "exec", ctl, ansible, "-i", inventory, filepath.Join(repo, "fleet", "site.yml"))
		cmd.Env, cmd.Stdout, cmd.Stderr = env, logf, logf
		began := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		if during != nil {
			hookCtx, stop := context.WithCancel(ctx)
			go func() { defer close(done); during(hookCtx) }()
			defer func() { stop(); <-done }()
		}
		err = cmd.Wait()
		out, _ := os.ReadFile(logPath)
		t.Logf("%s: ansible-playbook took %s (%v)", label, time.Since(began).Round(time.Second), err)
		if ctx.Err() != nil {
			t.Fatalf("%s: ansible-playbook did not finish in time:\n%s", label, out)
		}
		return cmd.ProcessState.ExitCode(), string(out)
	}

	// First run: a and b complete; c is killed after its first rows.
	var killed killReport
	rc, out := playbook("first", func(ctx context.Context) { killed = killAfterFirstRows(ctx, c) })
	if killed.err != nil {
		t.Fatalf("killing %s's run: %v\n%s", c.name, killed.err, out)
	}
	t.Logf("killed %s's run (pid %d) with %d rows in its samples.csv", c.name, killed.pid, killed.rows)
	recap := parseRecap(t, out)
	if rc == 0 || recap["dead"].unreachable != 1 || recap[c.name].failed != 1 || recap[a.name].failed != 0 || recap[b.name].failed != 0 {
		t.Fatalf("first run: exit %d, recap %+v; want a failure for %s and dead only\n%s", rc, recap, c.name, out)
	}
	if i := strings.Index(out, "fatal: ["+c.name+"]"); i >= 0 {
		t.Logf("the playbook said: %s", out[i:min(len(out), i+400)])
	}
	envA := checkFetched(t, a, data)
	checkFetched(t, b, data)
	if got := envA.Meta; got["fleet.inventory"] != "lab.ini" || got["fleet.bundle_sha256"] != sum || got["fleet.bundle"] != bundle ||
		got["fleet.device"] != a.name || got["fleet.playbook_version"] == "" || len(got["fleet.playbook_sha256"]) != 64 {
		t.Errorf("%s: environment.json meta %v", a.name, got)
	}
	if _, err := os.Stat(filepath.Join(data, c.name+"-"+profile)); !os.IsNotExist(err) {
		t.Fatalf("%s's incomplete dataset was fetched (%v)", c.name, err)
	}
	if e, err := dataset.ReadEnvironment(c.remote()); err != nil || e.Finished != nil {
		t.Fatalf("%s's run should be unfinished after the kill: %v, finished %v", c.name, err, e.Finished)
	}

	// Second run: a untouched, b fetched again without a run, c resumed.
	mtime := func(p string) time.Time {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.ModTime()
	}
	aLocal, aRemote := filepath.Join(data, a.name+"-"+profile, "samples.csv"), filepath.Join(a.remote(), "samples.csv")
	bRemote := filepath.Join(b.remote(), "samples.csv")
	before := map[string]time.Time{aLocal: mtime(aLocal), aRemote: mtime(aRemote), bRemote: mtime(bRemote)}
	if err := os.RemoveAll(filepath.Join(data, b.name+"-"+profile)); err != nil {
		t.Fatal(err)
	}
	logins := func(d device) int {
		b, _ := os.ReadFile(filepath.Join(tmp, "sshd-"+d.name, "sshd.log"))
		return bytes.Count(b, []byte("Accepted publickey"))
	}
	aLogins := logins(a)
	rc, out = playbook("second", nil)
	if n := logins(a) - aLogins; n != 0 {
		t.Errorf("the second run logged in to %s %d times; a device complete on the controller is not contacted", a.name, n)
	}
	recap = parseRecap(t, out)
	if recap["dead"].unreachable != 1 || recap[a.name].failed+recap[b.name].failed+recap[c.name].failed != 0 {
		t.Fatalf("second run: exit %d, recap %+v\n%s", rc, recap, out)
	}
	for p, was := range before {
		if now := mtime(p); !now.Equal(was) {
			t.Errorf("%s changed in the second run (%s → %s): a complete device was measured again", p, was, now)
		}
	}
	// Ansible folds long messages at spaces, where the path of the
	// temporary directory falls: compare words.
	if !strings.Contains(strings.Join(strings.Fields(out), " "), a.name+"-"+profile+" is complete") {
		t.Errorf("the second run did not say it skips %s:\n%s", a.name, out)
	}
	checkFetched(t, b, data)
	envC := checkFetched(t, c, data)
	if len(envC.Resumes) != 1 || envC.Resumes[0].Kept < 1 || envC.Resumes[0].Remaining < 1 ||
		envC.Resumes[0].Meta["fleet.bundle_sha256"] != sum || envC.Meta["fleet.device"] != c.name {
		t.Errorf("%s: resumes %+v, meta %v; want one resume that kept the rows before the kill", c.name, envC.Resumes, envC.Meta)
	}
	t.Logf("%s resumed: %d invocations kept, %d run after the kill", c.name, envC.Resumes[0].Kept, envC.Resumes[0].Remaining)
	// The resumed dataset holds exactly the row sets of an uninterrupted one.
	if ka, kc := rowKeys(t, a, data), rowKeys(t, c, data); ka != kc {
		t.Errorf("%s's resumed rows differ from %s's uninterrupted ones:\n%s\n---\n%s", c.name, a.name, kc, ka)
	}
	// make report finds the three datasets, and nothing else (no staging).
	found, err := report.Discover(data)
	want := []string{filepath.Join(data, a.name+"-"+profile), filepath.Join(data, b.name+"-"+profile), filepath.Join(data, c.name+"-"+profile)}
	if err != nil || !slices.Equal(found, want) {
		t.Errorf("datasets the report finds in %s: %v, %v; want %v", data, found, err, want)
	}
	t.Logf("fleet test: %s in all", time.Since(start).Round(time.Second))
}

// recapLine is one host's line of PLAY RECAP.
type recapLine struct{ ok, changed, unreachable, failed int }

var recapRE = regexp.MustCompile(`(?m)^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)`)

func parseRecap(t *testing.T, out string) map[string]recapLine {
	t.Helper()
	m := map[string]recapLine{}
	for _, g := range recapRE.FindAllStringSubmatch(out, -1) {
		n := func(i int) int { v, _ := strconv.Atoi(g[i]); return v }
		m[g[1]] = recapLine{n(2), n(3), n(4), n(5)}
	}
	if len(m) != 4 {
		t.Fatalf("PLAY RECAP lists %d hosts, want 4:\n%s", len(m), out)
	}
	return m
}

// checkFetched asserts that the controller holds d's complete dataset, the
// same bytes as on the board, and returns its environment.
func checkFetched(t *testing.T, d device, data string) dataset.Environment {
	t.Helper()
	local := filepath.Join(data, d.name+"-"+profile)
	env, err := dataset.ReadEnvironment(local)
	if err != nil {
		t.Fatalf("%s: %v", d.name, err)
	}
	if env.Finished == nil || env.Interrupted || env.Samples == 0 || env.Failed != 0 {
		t.Errorf("%s: finished %v, interrupted %v, %d invocations, %d failed", d.name, env.Finished, env.Interrupted, env.Samples, env.Failed)
	}
	for _, f := range []string{dataset.SamplesFile, dataset.EnvironmentFile} {
		l, err1 := os.ReadFile(filepath.Join(local, f))
		r, err2 := os.ReadFile(filepath.Join(d.remote(), f))
		if err1 != nil || err2 != nil || !bytes.Equal(l, r) {
			t.Errorf("%s: %s on the controller differs from the board's (%v, %v)", d.name, f, err1, err2)
		}
	}
	return env
}

// rowKeys lists what identifies each row of d's fetched samples.csv
// (everything but the measured value, the timing and the order).
func rowKeys(t *testing.T, d device, data string) string {
	t.Helper()
	rows, err := dataset.ReadFile(filepath.Join(data, d.name+"-"+profile, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(rows))
	for _, s := range rows {
		keys = append(keys, fmt.Sprintf("%s/%s/%s/%s/%d/%s/%s", s.Experiment, s.Test, s.Lang, s.Platform, s.Rep, s.Metric, s.Status))
	}
	slices.Sort(keys)
	return strings.Join(keys, "\n")
}

// killReport is what killAfterFirstRows did.
type killReport struct {
	pid, rows int
	err       error
}

// killAfterFirstRows waits until d's samples.csv holds a row, then
// SIGKILLs d's `edgewasm run` (found by its --out argument), as a power
// cut would stop it.
func killAfterFirstRows(ctx context.Context, d device) killReport {
	samples := filepath.Join(d.remote(), dataset.SamplesFile)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return killReport{err: fmt.Errorf("%s never held a row before the playbook ended", samples)}
		case <-tick.C:
		}
		b, err := os.ReadFile(samples)
		if err != nil || bytes.Count(b, []byte("\n")) < 2 {
			continue
		}
		pid, err := findRun(d.remote())
		if err != nil {
			return killReport{err: err}
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			return killReport{err: err}
		}
		return killReport{pid: pid, rows: bytes.Count(b, []byte("\n")) - 1}
	}
}

// findRun returns the pid of the edgewasm run writing dir.
func findRun(dir string) (int, error) {
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
		if len(args) < 4 || filepath.Base(args[0]) != "edgewasm" || args[1] != "run" {
			continue
		}
		for i, a := range args[:len(args)-1] {
			if a == "--out" && args[i+1] == dir {
				return strconv.Atoi(filepath.Base(filepath.Dir(p)))
			}
		}
	}
	return 0, fmt.Errorf("no `edgewasm run --out %s` process", dir)
}

// writeInventory writes the test's inventory: the three devices, a host
// that refuses connections, and the group variables of the example
// inventory set for a short run.
func writeInventory(t *testing.T, path string, devs []device, key, dist, data string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("[boards]\n")
	for _, d := range devs {
		fmt.Fprintf(&b, "%s ansible_host=%s remote_dir=%s\n", d.name, d.addr, d.dir)
	}
	// Port 1 of a device: nothing listens there, the connection is refused.
	fmt.Fprintf(&b, "dead ansible_host=%s ansible_port=1 remote_dir=%s\n", devs[0].addr, filepath.Join(filepath.Dir(devs[0].dir), "dead"))
	fmt.Fprintf(&b, `
[boards:vars]
ansible_user=root
ansible_ssh_private_key_file=%s
profile=%s
platforms=native
experiments=cpu
langs=c
doctor_must_pass=false
run_poll=2
dist_dir=%s
data_dir=%s
`, key, profile, dist, data)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ansibleEnv is the environment of ansible-playbook: the fleet's
// ansible.cfg, every file Ansible writes inside tmp, no host key checks
// (the devices' keys are new each time), no SSH configuration of the
// machine. The SSH master connections run in the controller's namespace,
// whose processes the cleanup ends.
func ansibleEnv(tmp, repo string) []string {
	env := os.Environ()
	for k, v := range map[string]string{
		"ANSIBLE_CONFIG":               filepath.Join(repo, "fleet", "ansible.cfg"),
		"ANSIBLE_HOME":                 filepath.Join(tmp, "ansible-home"),
		"ANSIBLE_LOCAL_TEMP":           filepath.Join(tmp, "ansible-local"),
		"ANSIBLE_REMOTE_TEMP":          filepath.Join(tmp, "ansible-remote"),
		"ANSIBLE_ASYNC_DIR":            filepath.Join(tmp, "ansible-async"),
		"ANSIBLE_PYTHON_INTERPRETER":   python,
		"ANSIBLE_HOST_KEY_CHECKING":    "False",
		"ANSIBLE_SSH_ARGS":             "-F /dev/null -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=/dev/null -o ConnectTimeout=20",
		"ANSIBLE_SSH_CONTROL_PATH_DIR": filepath.Join(tmp, "cp"),
		"ANSIBLE_NOCOLOR":              "1",
		"ANSIBLE_FORCE_COLOR":          "0",
	} {
		env = append(env, k+"="+v)
	}
	return env
}

// startSSHD runs Debian's sshd in d's namespace on d's address, with a
// host key of its own and the test's key authorized for root, and waits
// until it listens (it writes its PID file then).
func startSSHD(t *testing.T, ip, keygen string, d device, authorized, tmp string) {
	t.Helper()
	dir := filepath.Join(tmp, "sshd-"+d.name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// sshd's privilege separation directory (openssh-server's tmpfiles.d
	// creates it at boot; a container may not have it).
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		t.Fatal(err)
	}
	hostKey, pidFile := filepath.Join(dir, "host_ed25519"), filepath.Join(dir, "sshd.pid")
	mustRun(t, keygen, "-q", "-t", "ed25519", "-N", "", "-f", hostKey)
	config := filepath.Join(dir, "sshd_config")
	conf := fmt.Sprintf(`ListenAddress %s
Port 22
HostKey %s
PidFile %s
AuthorizedKeysFile %s
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp %s
`, d.addr, hostKey, pidFile, authorized, sftpServer)
	if err := os.WriteFile(config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "sshd.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(ip, "netns", "exec", d.ns, sshd, "-D", "-e", "-f", config)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logf.Close() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Errorf("sshd of %s did not exit", d.name)
		}
	})
	deadline := time.After(20 * time.Second)
	for {
		if _, err := os.Stat(pidFile); err == nil {
			return
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "sshd.log"))
			t.Fatalf("sshd of %s exited: %v\n%s", d.name, err, log)
		case <-deadline:
			t.Fatalf("sshd of %s wrote no PID file in 20 s", d.name)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func mustRun(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
