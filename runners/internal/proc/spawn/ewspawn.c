/*
 * ewspawn: run one program and report the program's own resource usage.
 *
 *   ewspawn [-p] FD PROGRAM [ARG...]
 *
 * Why this exists: Go starts children with clone(CLONE_VFORK|CLONE_VM), so a
 * child shares its parent's address space until it execs, and Linux carries
 * the parent's RSS high-water mark into the child's ru_maxrss at exec. Timed
 * from edgewasm directly, a 1 MiB C program reports edgewasm's own peak RSS.
 * This shim is tiny and static, so the mark its child inherits is the
 * shim's own: the floor of every maxrss_kib (measured by `ewspawn -floor`,
 * recorded in environment.json; a few hundred KiB, as with GNU time).
 *
 * The measured interval holds the workload only. The shim starts it the
 * cheapest way the platform allows, posix_spawn (vfork semantics, as
 * hyperfine -N and Go's os/exec do: no page tables copied), between two
 * CLOCK_MONOTONIC readings that bracket posix_spawn and the wait4 that
 * reaps it. Nothing is allocated, printed or parsed in between, unless -p
 * asks for the program's pid right after the spawn (the resident and
 * server protocols need it; they do not time start-up with this clock).
 *
 * Protocol, on file descriptor FD (close-on-exec, so the workload never sees
 * it): with -p, "pid=N" right after the spawn; then after wait4 one line
 *   wall_ns=N user_us=N sys_us=N maxrss_kib=N wstatus=N
 * stdin, stdout and stderr pass through untouched. Exit status: the
 * program's, or 128+signal; 125 when the shim itself fails, 127 when the
 * program cannot be executed.
 *
 *   ewspawn -floor
 * prints "floor_kib=N": the maxrss of a child that execs at once, the part
 * of every maxrss_kib this shim contributes.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long usec(struct timeval tv) { return (long long)tv.tv_sec * 1000000LL + tv.tv_usec; }

/* floor: spawn this shim itself with no arguments (it exits 125 at once,
 * after its own start-up) and report its maxrss. */
static int floor_kib(const char *self) {
	char *argv[] = {(char *)self, NULL};
	pid_t pid;
	int status;
	struct rusage ru;
	int err = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ);
	if (err != 0) {
		fprintf(stderr, "ewspawn: spawn itself: %s\n", strerror(err));
		return 125;
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("ewspawn: wait4");
			return 125;
		}
	printf("floor_kib=%ld\n", ru.ru_maxrss);
	return 0;
}

int main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "-floor") == 0)
		return floor_kib(argv[0]);
	int wantPID = 0;
	int a = 1;
	if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		wantPID = 1;
		a = 2;
	}
	if (argc < a + 2)
		return 125; /* also the -floor child: exit before any output */
	int fd = atoi(argv[a]);
	if (fd < 3 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "ewspawn: bad report fd %s\n", argv[a]);
		return 125;
	}
	char **prog = argv + a + 1;
	char pidline[32];
	int status, err;
	pid_t pid;
	struct rusage ru;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = posix_spawn(&pid, prog[0], NULL, NULL, prog, environ);
	if (err == 0) {
		if (wantPID) {
			int n = snprintf(pidline, sizeof pidline, "pid=%d\n", (int)pid);
			if (write(fd, pidline, (size_t)n) != n) {
				/* the reader is gone; the measurement goes on */
			}
		}
		while (wait4(pid, &status, 0, &ru) < 0)
			if (errno != EINTR) {
				perror("ewspawn: wait4");
				return 125;
			}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	if (err != 0) {
		fprintf(stderr, "ewspawn: exec %s: %s\n", prog[0], strerror(err));
		return 127;
	}
	long long wall = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	dprintf(fd, "wall_ns=%lld user_us=%lld sys_us=%lld maxrss_kib=%ld wstatus=%d\n",
		wall, usec(ru.ru_utime), usec(ru.ru_stime), ru.ru_maxrss, status);
	close(fd);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
