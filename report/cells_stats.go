package report

// statsCommands are the commands backed by report/stats.
func statsCommands() map[string]Command {
	none := func(Args) []string { return nil }
	ph := func(usage string, inline bool) Command {
		return Command{Usage: usage, Inline: inline, Needs: none, Run: func(*Engine, Args) (*Output, error) {
			return notYet("the statistics package (report/stats)"), nil
		}}
	}
	return map[string]Command{
		"medians":  ph("medians exp=E metric=M", false),
		"friedman": ph("friedman exp=E metric=M", false),
		"posthoc":  ph("posthoc exp=E test=T metric=M [method=wilcoxon|nemenyi|conover]", false),
		"median":   ph("median exp=E test=T platform=P metric=M [lang=c]", true),
		"ratio":    ph("ratio exp=E metric=M a=P b=Q [test=T] [lang=c]", true),
		"claims":   ph("claims", false),
		"boxplot":  ph("boxplot exp=E metric=M", false),
	}
}

// literatureCommands are the commands backed by literature/.
func literatureCommands() map[string]Command {
	none := func(Args) []string { return nil }
	ph := func(usage string) Command {
		return Command{Usage: usage, Needs: none, Run: func(*Engine, Args) (*Output, error) {
			return notYet("the literature package (literature/)"), nil
		}}
	}
	return map[string]Command{
		"prisma":        ph("prisma"),
		"excluded":      ph("excluded"),
		"orchestration": ph("orchestration"),
		"later-studies": ph("later-studies"),
		"references":    ph("references"),
	}
}
