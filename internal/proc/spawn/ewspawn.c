/*
 * ewspawn: run one program and report the program's own resource usage.
 *
 *   ewspawn FD PROGRAM [ARG...]
 *
 * Why this exists: Go starts children with clone(CLONE_VFORK|CLONE_VM), so a
 * child shares its parent's address space until it execs, and Linux carries
 * the parent's RSS high-water mark into the child's ru_maxrss at exec. Timed
 * from edgewasm directly, a 1 MiB C program reports edgewasm's own peak RSS.
 * This shim is tiny and uses a real fork(), so the workload's ru_maxrss is
 * its own (bounded below by this shim's few hundred KiB, as with GNU time).
 *
 * Protocol, on file descriptor FD (close-on-exec, so the workload never sees
 * it): "pid=N" right after fork, then after wait4 one line
 *   wall_ns=N user_us=N sys_us=N maxrss_kib=N wstatus=N
 * where wall_ns spans fork to reaped exit on CLOCK_MONOTONIC. stdin, stdout
 * and stderr pass through untouched. Exit status: the program's, or 128+signal;
 * 125 when the shim itself fails, 127 when the program cannot be executed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long usec(struct timeval tv) { return (long long)tv.tv_sec * 1000000LL + tv.tv_usec; }

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: ewspawn FD PROGRAM [ARG...]\n");
		return 125;
	}
	int fd = atoi(argv[1]);
	if (fd < 3 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "ewspawn: bad report fd %s\n", argv[1]);
		return 125;
	}
	FILE *report = fdopen(fd, "w");
	if (report == NULL) {
		perror("ewspawn: fdopen");
		return 125;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("ewspawn: fork");
		return 125;
	}
	if (pid == 0) {
		execv(argv[2], argv + 2);
		fprintf(stderr, "ewspawn: exec %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	fprintf(report, "pid=%d\n", (int)pid);
	fflush(report);
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("ewspawn: wait4");
			return 125;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long wall = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	fprintf(report, "wall_ns=%lld user_us=%lld sys_us=%lld maxrss_kib=%ld wstatus=%d\n",
		wall, usec(ru.ru_utime), usec(ru.ru_stime), ru.ru_maxrss, status);
	fclose(report);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
