package fleet

import (
	"encoding/json"
	"os/exec"
	"slices"
	"testing"

	"github.com/edgewasm/edgewasm/internal/testenv"
)

// The example inventory parses, lists its boards in the group the
// playbook measures, and sets every setting the README documents; the
// playbook passes Ansible's syntax check against it.
func TestExampleInventory(t *testing.T) {
	inv := testenv.Tool(t, "ansible-inventory", "apt-get install ansible-core")
	out, err := exec.Command(inv, "-i", "inventory.example.ini", "--list").Output()
	if err != nil {
		t.Fatalf("ansible-inventory: %v", err)
	}
	var list struct {
		Meta struct {
			Hostvars map[string]map[string]any `json:"hostvars"`
		} `json:"_meta"`
		Boards struct {
			Hosts []string `json:"hosts"`
		} `json:"boards"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Boards.Hosts) == 0 {
		t.Fatal("the example inventory has no host in [boards]")
	}
	for _, h := range list.Boards.Hosts {
		vars := list.Meta.Hostvars[h]
		for _, k := range []string{"ansible_host", "profile", "platforms", "experiments", "langs", "remote_dir", "doctor_must_pass"} {
			if _, ok := vars[k]; !ok {
				t.Errorf("host %s: no %s", h, k)
			}
		}
		if p := vars["profile"]; !slices.Contains([]any{"quick", "thesis"}, p) {
			t.Errorf("host %s: profile %v", h, p)
		}
	}
	playbook := testenv.Tool(t, "ansible-playbook", "apt-get install ansible-core")
	if out, err := exec.Command(playbook, "--syntax-check", "-i", "inventory.example.ini", "site.yml").CombinedOutput(); err != nil {
		t.Errorf("ansible-playbook --syntax-check: %v\n%s", err, out)
	}
}
