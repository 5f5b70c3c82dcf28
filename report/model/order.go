package model

import (
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// The orders of the report are defined here once, from the packages that
// own the names: platforms from dataset.Platforms, languages from
// dataset.Langs, experiments and their tests from package experiments.
// Names those lists lack follow, sorted, so new data still renders.

// OrderPlatforms sorts platform names in report order.
func OrderPlatforms(names []string) []string { return ordered(names, dataset.PlatformNames()) }

// OrderLangs sorts guest languages in report order.
func OrderLangs(names []string) []string { return ordered(names, dataset.Langs) }

// OrderExperiments sorts experiments in report order.
func OrderExperiments(names []string) []string { return ordered(names, experiments.Names) }

// OrderTests sorts the tests of an experiment in catalog order.
func OrderTests(exp string, names []string) []string { return ordered(names, experiments.Tests[exp]) }

// Kind is the platform's kind (dataset.KindNative, KindContainer, KindWasm),
// "" for a platform edgewasm does not know.
func Kind(platform string) string {
	if p, ok := dataset.Platform(platform); ok {
		return p.Kind
	}
	return ""
}

// Runtime is the runtime behind a platform (e.g. "wazero"), "" if none.
func Runtime(platform string) string {
	p, _ := dataset.Platform(platform)
	return p.Runtime
}

// Baseline is the platform every ratio is taken against.
const Baseline = dataset.Native

// ordered sorts names by their position in canon, unknown names last in
// lexical order, without duplicates.
func ordered(names, canon []string) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int {
		ia, ib := slices.Index(canon, a), slices.Index(canon, b)
		if ia < 0 {
			ia = len(canon)
		}
		if ib < 0 {
			ib = len(canon)
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(out)
}
