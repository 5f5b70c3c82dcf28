/*
 * idle: the memory experiment's program. It prints "ready", then blocks
 * reading standard input until end of file and exits 0. The runner measures
 * memory while it waits, then closes stdin to stop it. Reading stdin is the
 * one way to block and be released that works alike natively, in Docker
 * (with stdin attached) and in a WASI runtime (which has no signals).
 * It allocates nothing beyond a small static buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char buf[512];
	if (fputs("ready\n", stdout) == EOF || fflush(stdout) != 0)
		return 1;
	for (;;) {
		ssize_t n = read(0, buf, sizeof buf);
		if (n == 0)
			return 0;
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "idle: read stdin: %s\n", strerror(errno));
			return 1;
		}
	}
}
