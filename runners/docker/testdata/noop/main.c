/* noop: exit at once (stand-in for experiments/startup/noop). */
int main(void) { return 0; }
