package run

import (
	"regexp"
	"strings"
	"unicode"
)

// metaKey is what a --meta key may look like: a name such as
// fleet.bundle_sha256.
var metaKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// parseMeta turns the --meta flags ("key=value", each key once) into the
// map that environment.json records; nil when there are none.
func parseMeta(flags []string) (map[string]string, error) {
	if len(flags) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, f := range flags {
		k, v, ok := strings.Cut(f, "=")
		if !ok || !metaKey.MatchString(k) {
			return nil, badInput("--meta %q: want key=value, the key made of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", f)
		}
		if strings.ContainsFunc(v, unicode.IsControl) {
			return nil, badInput("--meta %s: the value holds a control character (a newline?)", k)
		}
		if _, dup := out[k]; dup {
			return nil, badInput("--meta %s is given twice", k)
		}
		out[k] = v
	}
	return out, nil
}
