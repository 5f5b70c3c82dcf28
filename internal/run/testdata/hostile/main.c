/* A hostile guest for the sandbox tests (internal/run/hostile_test.go).
 * It tries what a guest must not be able to do and reports each attempt on
 * one line, "attempt=NAME result=denied|ALLOWED detail=...", so the test
 * can assert every outcome; it never stops at the first success.
 *
 *   hostile fs SCRATCH SECRET DIR [SKIP...]
 *                                   escape the scratch directory: "..",
 *                                   absolute paths, symbolic links planted
 *                                   by the host or made by the guest; the
 *                                   SKIP attempts are reported as skipped
 *                                   (the test's rerun after a runtime
 *                                   aborted on one)
 *   hostile mem MIB                 allocate and touch MIB MiB, 1 MiB at a
 *                                   time, beyond the memory limit
 *   hostile sys PORT                identity, capabilities, the root file
 *                                   system and the network
 *
 * The same source builds for wasm32-wasi (the Wasm platforms) and natively
 * (the container), so every platform faces the same attempts. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef __wasi__
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

static void report(const char *name, int allowed, const char *detail) {
    printf("attempt=%s result=%s detail=%s\n", name, allowed ? "ALLOWED" : "denied", detail);
    fflush(stdout);
}

/* The attempts not to make (fs SKIP arguments). */
static char **skips;
static int nskips;

static int skipped(const char *name) {
    for (int i = 0; i < nskips; i++)
        if (!strcmp(skips[i], name)) {
            printf("attempt=%s result=skipped detail=the runtime aborted on it before\n", name);
            fflush(stdout);
            return 1;
        }
    return 0;
}

/* try_read opens path and reports whether it could read anything; what it
 * read is printed so the test can also check that no secret leaked. */
static void try_read(const char *name, const char *path) {
    char buf[128] = {0};
    if (skipped(name))
        return;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        report(name, 0, strerror(errno));
        return;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) {
        report(name, 0, strerror(errno));
        return;
    }
    for (ssize_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == ' ')
            buf[i] = '_';
    report(name, 1, buf);
}

static void try_create(const char *name, const char *path) {
    if (skipped(name))
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        report(name, 0, strerror(errno));
        return;
    }
    int ok = write(fd, "pwned\n", 6) == 6;
    close(fd);
    report(name, ok, ok ? "created and written" : strerror(errno));
}

static char *join(const char *a, const char *b) {
    char *s = malloc(strlen(a) + strlen(b) + 2);
    sprintf(s, "%s/%s", a, b);
    return s;
}

static int fs_attacks(const char *scratch, const char *secret, const char *dir) {
    /* The control: the scratch directory itself works. */
    char *own = join(scratch, "own.txt");
    try_create("control-write", own);
    try_read("control-read", own);
    /* Links inside the directory keep working. */
    if (symlink("own.txt", join(scratch, "own-link")) == 0)
        try_read("control-symlink-read", join(scratch, "own-link"));
    else
        report("control-symlink-read", 0, strerror(errno));

    try_read("dotdot-read", join(scratch, "../secret.txt"));
    try_read("dotdot-deep-read", join(scratch, "../../../../../../../../etc/hostname"));
    try_create("dotdot-write", join(scratch, "../pwned-dotdot"));
    try_read("absolute-read", secret);
    try_read("absolute-etc", "/etc/hostname");
    try_create("absolute-write", join(dir, "pwned-absolute"));
    /* Links the host planted: link-out -> DIR (absolute), link-up -> ../secret.txt. */
    try_read("planted-symlink-absolute-read", join(scratch, "link-out/secret.txt"));
    try_read("planted-symlink-relative-read", join(scratch, "link-up"));
    try_create("planted-symlink-write", join(scratch, "link-out/pwned-symlink"));
    /* Links the guest makes itself. */
    if (symlink("../secret.txt", join(scratch, "mine-up")) == 0)
        try_read("own-symlink-relative-read", join(scratch, "mine-up"));
    else
        report("own-symlink-relative-read", 0, strerror(errno));
    if (symlink("/", join(scratch, "mine-root")) == 0)
        try_read("own-symlink-root-read", join(scratch, "mine-root/etc/hostname"));
    else
        report("own-symlink-root-read", 0, strerror(errno));
    if (symlink(dir, join(scratch, "mine-dir")) == 0)
        try_create("own-symlink-write", join(scratch, "mine-dir/pwned-own-symlink"));
    else
        report("own-symlink-write", 0, strerror(errno));
    /* A hard link to a file outside (fails for the same reasons). */
    if (link(secret, join(scratch, "hard")) == 0)
        try_read("hardlink-read", join(scratch, "hard"));
    else
        report("hardlink-read", 0, strerror(errno));
    return 0;
}

/* The blocks escape into a global, so no compiler may elide them. */
static char *kept[1 << 16];

static int mem_attack(long mib) {
    long got = 0;
    if (mib > (long)(sizeof kept / sizeof kept[0]))
        mib = sizeof kept / sizeof kept[0];
    for (long i = 0; i < mib; i++) {
        char *p = malloc(1 << 20);
        if (!p) {
            printf("allocated_mib=%ld malloc failed\n", got);
            report("exceed-memory", 0, "malloc returned NULL at the limit");
            return 0;
        }
        memset(p, (int)i + 1, 1 << 20); /* touch every page */
        kept[i] = p;
        got++;
        printf("allocated_mib=%ld\n", got);
        fflush(stdout);
    }
    long sum = 0;
    for (long i = 0; i < got; i++)
        sum += kept[i][i % (1 << 20)];
    printf("checksum=%ld\n", sum);
    report("exceed-memory", 1, "allocated everything asked for");
    return 0;
}

static int sys_attacks(int port) {
#ifdef __wasi__
    (void)port;
    /* WASI preview 1 has no call that opens a socket; the only socket
     * calls work on pre-opened sockets, and there are none. */
    int open_socket = 0;
    for (int fd = 3; fd < 16; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode))
            open_socket = 1;
    }
    report("network-socket", open_socket, open_socket ? "a socket descriptor is open" : "no socket API, no socket descriptor");
    try_read("proc-status", "/proc/self/status");
    try_create("rootfs-write", "/pwned");
#else
    char line[256];
    printf("uid=%d euid=%d gid=%d\n", (int)getuid(), (int)geteuid(), (int)getgid());
    report("run-as-root", getuid() == 0 || geteuid() == 0, "uid and euid");
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10))
                fputs(line, stdout);
        fclose(f);
    } else {
        printf("status: %s\n", strerror(errno));
    }
    try_create("rootfs-write", "/pwned");
    report("rootfs-mkdir", mkdir("/pwned-dir", 0755) == 0, strerror(errno));
    /* Interfaces other than lo would be a network. */
    f = fopen("/proc/net/dev", "r");
    int others = 0;
    if (f) {
        while (fgets(line, sizeof line, f)) {
            char *colon = strchr(line, ':');
            if (!colon)
                continue;
            *colon = 0;
            char *name = line;
            while (*name == ' ')
                name++;
            printf("interface=%s\n", name);
            if (strcmp(name, "lo") != 0)
                others = 1;
        }
        fclose(f);
    }
    report("network-interfaces", others, others ? "an interface other than lo" : "lo only");
    /* The test listens on the host's 127.0.0.1:PORT: reaching it means
     * sharing the host's network. */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int c = s >= 0 ? connect(s, (struct sockaddr *)&a, sizeof a) : -1;
    report("network-host-loopback", c == 0, c == 0 ? "connected to the host" : strerror(errno));
    if (s >= 0)
        close(s);
#endif
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 5 && !strcmp(argv[1], "fs")) {
        skips = argv + 5;
        nskips = argc - 5;
        return fs_attacks(argv[2], argv[3], argv[4]);
    }
    if (argc >= 3 && !strcmp(argv[1], "mem"))
        return mem_attack(atol(argv[2]));
    if (argc >= 3 && !strcmp(argv[1], "sys"))
        return sys_attacks(atoi(argv[2]));
    fprintf(stderr, "usage: hostile fs SCRATCH SECRET DIR | mem MIB | sys PORT\n");
    return 2;
}
