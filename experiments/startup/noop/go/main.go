// Command noop is the Go port of experiments/startup/noop/main.c: it does
// nothing and exits 0 with no output, so what is measured is the cost of
// starting and ending a program, here including the Go runtime's own
// start-up.
package main

func main() {}
