/*
 * noop: the startup experiment's program. It does nothing and exits 0 at
 * once with no output, so what is measured is the platform's cost of
 * starting and ending a program.
 */
int main(void)
{
	return 0;
}
