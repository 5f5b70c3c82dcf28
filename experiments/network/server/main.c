/*
 * server: the network experiment's workload. A minimal HTTP/1.1 server (the
 * subset in experiments/README.md, "network/server") that sends and receives
 * the seeded byte stream, many connections at once in one thread.
 *
 *   server LIFETIME            serve on the listening socket inherited as
 *                              fd 3 (natively: from the runner; in a WASI
 *                              runtime: the pre-opened listener)
 *   server LIFETIME HOST:PORT  listen on HOST:PORT itself (in a container;
 *                              not available under WASI, which cannot bind)
 *   server --selftest          known-answer tests
 *
 * It prints "ready" once it accepts connections, and exits 0 after
 * answering POST /quit and finishing the transfers in flight, printing what
 * it served. LIFETIME (seconds, 1 to 86400) bounds its life: past it the
 * server exits 3 (natively an alarm ends it even while it is idle), so a
 * server whose runner vanished does not stay behind.
 *
 * How it waits. With no connection open it blocks in accept(): that is the
 * one wait that costs no CPU on every platform. With connections open, all
 * sockets are non-blocking: each round reads and writes on every
 * connection until it would block, and only a round that moved nothing
 * waits in poll(), for at most 1 ms. The cap exists for wazero, whose
 * poll_oneoff reports every non-blocking socket ready at once (and, with no
 * timeout, would sleep forever): there poll() is a 1 ms sleep. Natively it
 * returns as soon as a socket is ready, so the cap costs nothing while
 * data flows.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef __wasi__
#include <wasi/api.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#endif

#include "edgewasm.h"

#define MAX_LIFETIME 86400
#define MAX_BYTES (UINT64_C(1) << 40) /* largest GET or PUT body */
#define MAX_HEAD 8192                 /* request line plus headers */
#define BUF_SIZE (64 * 1024)
#define MAX_CONN 256
#define POLL_MS 1
#define EXIT_EXPIRED 3
#define LISTEN_FD 3

/* ---- the digest: FNV-1a 64 over 64-bit little-endian words ---- */

typedef struct {
	uint64_t h;
	uint8_t tail[8]; /* bytes of an incomplete word */
	unsigned n;
	uint64_t total;
} words;

static void words_init(words *w)
{
	w->h = EW_FNV_OFFSET;
	w->n = 0;
	w->total = 0;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static void words_add(words *w, const uint8_t *p, size_t n)
{
	w->total += n;
	while (w->n > 0 && n > 0) {
		w->tail[w->n++] = *p++;
		n--;
		if (w->n == 8) {
			w->h = (w->h ^ le64(w->tail)) * EW_FNV_PRIME;
			w->n = 0;
		}
	}
	if (w->n > 0) /* p ended inside the incomplete word */
		return;
	uint64_t h = w->h;
	for (; n >= 8; n -= 8, p += 8)
		h = (h ^ le64(p)) * EW_FNV_PRIME;
	w->h = h;
	memcpy(w->tail, p, n);
	w->n = (unsigned)n;
}

static uint64_t words_sum(const words *w) { return ew_fnv(w->h, w->tail, w->n); }

/* fill appends n bytes of the stream, as ew_bytes does. Whole words go
 * through a local copy of the generator's state: ew_bytes updates the state
 * through a pointer while storing through a uint8_t pointer, which may alias
 * it, so the compiler reloads and stores the state for every byte (about
 * twice as slow), and its byte loop is not merged into one store at -O2.
 * The stream is the same. */
static void fill(ew_rng *r, uint8_t *p, size_t n)
{
	if (r->left == 0) {
		uint64_t st = r->state;
		for (; n >= 8; n -= 8, p += 8) {
			uint64_t z = (st += UINT64_C(0x9e3779b97f4a7c15));
			z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
			z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
			z ^= z >> 31;
			/* written out, so that compilers merge them into one store */
			p[0] = (uint8_t)z, p[1] = (uint8_t)(z >> 8), p[2] = (uint8_t)(z >> 16);
			p[3] = (uint8_t)(z >> 24), p[4] = (uint8_t)(z >> 32), p[5] = (uint8_t)(z >> 40);
			p[6] = (uint8_t)(z >> 48), p[7] = (uint8_t)(z >> 56);
		}
		r->state = st;
	}
	ew_bytes(r, p, n);
}

/* ---- connections ---- */

enum state { HEAD, RECV, SEND, DONE };

typedef struct {
	int fd;
	enum state st;
	char head[MAX_HEAD + 1];
	size_t hlen;
	uint8_t *out; /* pending output: a response head, a body chunk */
	size_t off, len, cap;
	int out_body; /* out holds generated body bytes (counted in bytes_sent) */
	uint64_t left; /* body bytes still to send (GET) or receive (PUT) */
	ew_rng rng;
	words hash;
	int quit; /* this request was POST /quit */
} conn;

static conn *conns[MAX_CONN];
static int nconn;
static int quitting;
static uint64_t requests, bytes_sent, bytes_received;
static uint8_t rbuf[BUF_SIZE];

static int would_block(void) { return errno == EAGAIN || errno == EWOULDBLOCK; }

static void set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK)) < 0)
		ew_die(EW_EXIT_FAIL, "server: fcntl(%d, O_NONBLOCK): %s", fd, strerror(errno));
}

/* accept_one accepts a connection and makes it non-blocking; -1 with errno. */
static int accept_one(int lfd)
{
#ifdef __wasi__
	/* Debian's wasi-libc has no accept(): call WASI's sock_accept. */
	__wasi_fd_t fd;
	__wasi_errno_t e = __wasi_sock_accept((__wasi_fd_t)lfd, __WASI_FDFLAGS_NONBLOCK, &fd);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return (int)fd;
#else
	int fd = accept(lfd, NULL, NULL);
	if (fd >= 0)
		set_nonblock(fd, 1);
	return fd;
#endif
}

static void out_reserve(conn *c, size_t n)
{
	if (c->cap < n) {
		free(c->out);
		c->out = ew_xmalloc(n, "a connection's output buffer");
		c->cap = n;
	}
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	}
	return "Error";
}

/* respond queues a response head (and a short body) and switches to SEND;
 * left is how many generated body bytes follow the head. */
static void respond(conn *c, int status, const char *ctype, uint64_t length, const char *body,
		    uint64_t left)
{
	out_reserve(c, 512 + (body ? strlen(body) : 0));
	int n = snprintf((char *)c->out, c->cap,
			 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %" PRIu64
			 "\r\nConnection: close\r\n\r\n%s",
			 status, reason(status), ctype, length, body ? body : "");
	c->off = 0;
	c->len = (size_t)n;
	c->out_body = 0;
	c->left = left;
	c->st = SEND;
}

static void respond_text(conn *c, int status, const char *body)
{
	respond(c, status, "text/plain", strlen(body), body, 0);
}

/* parse_u64 parses a decimal integer in [0, max]; zero only if allowed. */
static int parse_u64(const char *s, size_t n, uint64_t max, int zero, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 20)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (v > max || (v == 0 && !zero))
		return -1;
	*out = v;
	return 0;
}

/* query finds key=value in a query string; returns the value's length or -1. */
static long query(const char *q, size_t qn, const char *key, const char **val)
{
	size_t kn = strlen(key);
	const char *p = q, *end = q + qn;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if ((size_t)(stop - p) > kn && memcmp(p, key, kn) == 0 && p[kn] == '=') {
			*val = p + kn + 1;
			return (long)(stop - p - (long)kn - 1);
		}
		p = stop + 1;
	}
	return -1;
}

static int ieq(const char *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* got_head handles a complete request head of hlen bytes; the bytes after it
 * (extra of them, already read) belong to a PUT body. */
static void got_head(conn *c, size_t hlen, size_t extra)
{
	char *h = c->head;
	char *eol = memchr(h, '\n', hlen);
	size_t ln = (size_t)(eol - h);
	if (ln > 0 && h[ln - 1] == '\r')
		ln--;
	/* request line: METHOD SP TARGET SP HTTP/1.x */
	char *sp1 = memchr(h, ' ', ln);
	char *sp2 = sp1 ? memchr(sp1 + 1, ' ', ln - (size_t)(sp1 + 1 - h)) : NULL;
	if (!sp1 || !sp2 || (size_t)(h + ln - (sp2 + 1)) != 8 || memcmp(sp2 + 1, "HTTP/1.", 7) != 0 ||
	    memchr(sp2 + 1, ' ', (size_t)(h + ln - (sp2 + 1)))) {
		respond_text(c, 400, "malformed request line\n");
		return;
	}
	const char *method = h, *target = sp1 + 1;
	size_t mn = (size_t)(sp1 - h), tn = (size_t)(sp2 - target);
	const char *q = memchr(target, '?', tn);
	size_t pn = q ? (size_t)(q - target) : tn;
	size_t qn = q ? tn - pn - 1 : 0;
	if (q)
		q++;
	/* headers: only Content-Length matters */
	int64_t clen = -1;
	char *p = eol + 1, *end = h + hlen;
	while (p < end) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		char *colon = memchr(p, ':', n);
		if (!colon) {
			respond_text(c, 400, "malformed header line\n");
			return;
		}
		size_t nn = (size_t)(colon - p);
		while (nn > 0 && p[nn - 1] == ' ')
			nn--;
		if (ieq(p, nn, "content-length")) {
			const char *v = colon + 1, *ve = p + n;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			uint64_t len;
			if (parse_u64(v, (size_t)(ve - v), MAX_BYTES, 1, &len) != 0) {
				respond_text(c, 400, "bad Content-Length\n");
				return;
			}
			clen = (int64_t)len;
		}
		p = e + 1;
	}
	requests++; /* a well-formed head */
	int is_data = pn == 5 && memcmp(target, "/data", 5) == 0;
	int is_quit = pn == 5 && memcmp(target, "/quit", 5) == 0;
	if (is_data && mn == 3 && memcmp(method, "GET", 3) == 0) {
		const char *bv, *sv;
		long bn = q ? query(q, qn, "bytes", &bv) : -1, sn = q ? query(q, qn, "seed", &sv) : -1;
		uint64_t bytes, seed;
		if (bn < 0 || sn < 0 || parse_u64(bv, (size_t)bn, MAX_BYTES, 1, &bytes) != 0 ||
		    parse_u64(sv, (size_t)sn, UINT64_MAX, 1, &seed) != 0) {
			respond_text(c, 400, "want /data?bytes=N&seed=S\n");
			return;
		}
		ew_rng_init(&c->rng, seed);
		respond(c, 200, "application/octet-stream", bytes, NULL, bytes);
	} else if (is_data && mn == 3 && memcmp(method, "PUT", 3) == 0) {
		if (clen < 0) {
			respond_text(c, 411, "PUT needs a Content-Length\n");
			return;
		}
		words_init(&c->hash);
		size_t take = extra < (uint64_t)clen ? extra : (size_t)clen;
		words_add(&c->hash, (const uint8_t *)h + hlen, take);
		bytes_received += take;
		c->left = (uint64_t)clen - take;
		c->st = RECV;
	} else if (is_quit && mn == 4 && memcmp(method, "POST", 4) == 0) {
		c->quit = 1;
		respond_text(c, 200, "bye\n");
	} else if (is_data || is_quit) {
		respond_text(c, 405, "method not allowed\n");
	} else {
		respond_text(c, 404, "not found\n");
	}
}

/* head_end returns the length of the head (through its empty line) within
 * the first n bytes, or 0 when it is not complete yet. */
static size_t head_end(const char *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (h[i] != '\n')
			continue;
		if (i + 1 < n && h[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && h[i + 1] == '\r' && h[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* finish ends a connection: the FIN first (under wazero, close() alone does
 * not end the TCP connection; shutdown() does), then close. */
static void finish(conn *c)
{
	shutdown(c->fd, SHUT_WR);
	close(c->fd);
	c->st = DONE;
	if (c->quit)
		quitting = 1;
}

/* reply_digest answers a PUT whose body has been read. */
static void reply_digest(conn *c)
{
	char body[64];
	snprintf(body, sizeof body, "digest=%016" PRIx64 "\nbytes=%" PRIu64 "\n", words_sum(&c->hash),
		 c->hash.total);
	respond_text(c, 200, body);
}

/* step moves what it can on one connection without blocking; it returns 1
 * when it moved at least one byte or changed state. */
static int step(conn *c)
{
	int moved = 0;
	for (;;) {
		ssize_t n;
		switch (c->st) {
		case HEAD:
			n = read(c->fd, c->head + c->hlen, MAX_HEAD - c->hlen);
			if (n < 0 && would_block())
				return moved;
			if (n <= 0) { /* closed or failed before a whole head: nothing to answer */
				finish(c);
				return 1;
			}
			moved = 1;
			c->hlen += (size_t)n;
			size_t e = head_end(c->head, c->hlen);
			if (e > 0) {
				got_head(c, e, c->hlen - e);
				if (c->st == RECV && c->left == 0)
					reply_digest(c);
			} else if (c->hlen == MAX_HEAD) {
				respond_text(c, 400, "request head too long\n");
			}
			break;
		case RECV:
			n = read(c->fd, rbuf, c->left < BUF_SIZE ? (size_t)c->left : BUF_SIZE);
			if (n < 0 && would_block())
				return moved;
			if (n <= 0) {
				fprintf(stderr, "server: PUT: %s with %" PRIu64 " bytes still to come\n",
					n == 0 ? "connection closed" : strerror(errno), c->left);
				finish(c);
				return 1;
			}
			moved = 1;
			words_add(&c->hash, rbuf, (size_t)n);
			bytes_received += (uint64_t)n;
			c->left -= (uint64_t)n;
			if (c->left == 0)
				reply_digest(c);
			break;
		case SEND:
			if (c->off == c->len) {
				if (c->left == 0) {
					finish(c);
					return 1;
				}
				size_t k = c->left < BUF_SIZE ? (size_t)c->left : BUF_SIZE;
				out_reserve(c, BUF_SIZE);
				fill(&c->rng, c->out, k);
				c->off = 0;
				c->len = k;
				c->out_body = 1;
				c->left -= k;
			}
			n = write(c->fd, c->out + c->off, c->len - c->off);
			if (n < 0 && would_block())
				return moved;
			if (n < 0) {
				fprintf(stderr, "server: send: %s\n", strerror(errno));
				finish(c);
				return 1;
			}
			moved = 1;
			c->off += (size_t)n;
			if (c->out_body)
				bytes_sent += (uint64_t)n;
			break;
		case DONE:
			return 1;
		}
	}
}

static void add_conn(int fd)
{
	conn *c = ew_xmalloc(sizeof *c, "a connection");
	memset(c, 0, sizeof *c);
	c->fd = fd;
	c->st = HEAD;
	conns[nconn++] = c;
}

/* serve runs the accept/transfer loop until POST /quit. */
static void serve(int lfd, uint64_t deadline)
{
	static struct pollfd pfd[MAX_CONN + 1];
	if (fputs("ready\n", stdout) == EOF || fflush(stdout) != 0)
		exit(EW_EXIT_FAIL);
	for (;;) {
		if (ew_now_ns() > deadline)
			ew_die(EXIT_EXPIRED, "server: lifetime expired");
		if (nconn == 0) {
			if (quitting)
				return;
			/* Idle: block in accept(), the wait that costs no CPU anywhere. */
			set_nonblock(lfd, 0);
			int fd;
			while ((fd = accept_one(lfd)) < 0 && errno == EINTR)
				;
			if (fd < 0)
				ew_die(EW_EXIT_FAIL, "server: accept: %s", strerror(errno));
			set_nonblock(lfd, 1);
			add_conn(fd);
		}
		int moved = 0;
		while (!quitting && nconn < MAX_CONN) {
			int fd = accept_one(lfd);
			if (fd < 0) {
				if (would_block() || errno == EINTR)
					break;
				ew_die(EW_EXIT_FAIL, "server: accept: %s", strerror(errno));
			}
			add_conn(fd);
			moved = 1;
		}
		for (int i = 0; i < nconn; i++)
			moved |= step(conns[i]);
		int k = 0;
		for (int i = 0; i < nconn; i++) {
			if (conns[i]->st == DONE) {
				free(conns[i]->out);
				free(conns[i]);
			} else {
				conns[k++] = conns[i];
			}
		}
		nconn = k;
		if (moved || nconn == 0)
			continue;
		int n = 0;
		if (!quitting)
			pfd[n++] = (struct pollfd){.fd = lfd, .events = POLLIN};
		for (int i = 0; i < nconn; i++)
			pfd[n++] = (struct pollfd){.fd = conns[i]->fd,
						   .events = conns[i]->st == SEND ? POLLOUT : POLLIN};
		if (poll(pfd, (nfds_t)n, POLL_MS) < 0 && errno != EINTR)
			ew_die(EW_EXIT_FAIL, "server: poll: %s", strerror(errno));
	}
}

#ifndef __wasi__
/* listen_on binds HOST:PORT (a numeric IPv4 or [IPv6] address) and listens.
 * inet_pton rather than getaddrinfo: the static build needs no resolver. */
static int listen_on(const char *addr)
{
	const char *colon = strrchr(addr, ':');
	uint64_t port;
	if (!colon || colon == addr || ew_parse_u64(colon + 1, 65535, &port) != 0)
		ew_die(EW_EXIT_USAGE, "server: %s: want HOST:PORT with a numeric host and port", addr);
	char host[64];
	const char *h = addr;
	size_t hn = (size_t)(colon - addr);
	if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']')
		h++, hn -= 2;
	if (hn >= sizeof host)
		ew_die(EW_EXIT_USAGE, "server: %s: host too long", addr);
	memcpy(host, h, hn);
	host[hn] = '\0';
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	socklen_t sl;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		sl = sizeof *v4;
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		sl = sizeof *v6;
	} else {
		ew_die(EW_EXIT_USAGE, "server: %s: %s is not a numeric IPv4 or IPv6 address", addr, host);
	}
	int fd = socket(ss.ss_family, SOCK_STREAM, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, 128) < 0)
		ew_die(EW_EXIT_FAIL, "server: listen on %s: %s", addr, strerror(errno));
	return fd;
}
#endif

static int selftest(void)
{
	int bad = ew_selftest_common();
	words w;
	words_init(&w);
	bad += ew_check_u64("words \"\"", words_sum(&w), EW_FNV_OFFSET);
	words_add(&w, (const uint8_t *)"abc", 3);
	bad += ew_check_u64("words \"abc\"", words_sum(&w), ew_fnv(EW_FNV_OFFSET, "abc", 3));
	const uint8_t nine[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	words_init(&w);
	words_add(&w, nine, 9);
	uint64_t word = EW_FNV_OFFSET ^ UINT64_C(0x0807060504030201); /* bytes 1..8, little-endian */
	bad += ew_check_u64("words 1..9", words_sum(&w), ew_fnv(word * EW_FNV_PRIME, nine + 8, 1));
	/* fill gives the stream of ew_bytes, in pieces of any size */
	static uint8_t a[1000], b[1000];
	ew_rng ra, rb;
	ew_rng_init(&ra, 5);
	ew_rng_init(&rb, 5);
	ew_bytes(&ra, a, sizeof a);
	static const size_t piece[] = {8, 3, 64, 5, 1, 919};
	for (size_t k = 0, off = 0; k < sizeof piece / sizeof piece[0]; off += piece[k++])
		fill(&rb, b + off, piece[k]);
	if (memcmp(a, b, sizeof a) != 0) {
		fprintf(stderr, "selftest fill: differs from ew_bytes\n");
		bad++;
	}
	static const size_t sizes[] = {0, 1, 7, 8, 9, 1000};
	static uint8_t data[1000];
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t n = sizes[k];
		ew_rng r;
		ew_rng_init(&r, EW_SEED);
		ew_bytes(&r, data, n);
		words whole, parts;
		words_init(&whole);
		words_init(&parts);
		words_add(&whole, data, n);
		for (size_t i = 0; i < n; i += 3)
			words_add(&parts, data + i, n - i < 3 ? n - i : 3);
		char name[32];
		snprintf(name, sizeof name, "words pieces %zu", n);
		bad += ew_check_u64(name, words_sum(&parts), words_sum(&whole));
	}
	return bad;
}

#ifndef __wasi__
static void expired(int sig)
{
	(void)sig;
	static const char msg[] = "server: lifetime expired\n";
	ssize_t n = write(2, msg, sizeof msg - 1);
	(void)n;
	_exit(EXIT_EXPIRED);
}
#endif

static _Noreturn void usage(void)
{
	ew_die(EW_EXIT_USAGE, "usage: server LIFETIME [HOST:PORT] | server --selftest\n"
			      "  LIFETIME: seconds, 1 to %d", MAX_LIFETIME);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--selftest") == 0)
		return ew_selftest_done("server", selftest());
	uint64_t life;
	if (argc < 2 || argc > 3 || ew_parse_u64(argv[1], MAX_LIFETIME, &life) != 0)
		usage();
	int lfd = LISTEN_FD;
	if (argc == 3) {
#ifdef __wasi__
		ew_die(EW_EXIT_USAGE, "server: WASI cannot listen on an address: run with a pre-opened listener");
#else
		lfd = listen_on(argv[2]);
#endif
	}
	if (fcntl(lfd, F_GETFL) < 0)
		ew_die(EW_EXIT_FAIL, "server: fd %d: %s (want a listening socket there, or HOST:PORT)", lfd,
		       strerror(errno));
#ifndef __wasi__
	/* The alarm ends the server even while it blocks in accept(). */
	signal(SIGALRM, expired);
	alarm((unsigned)life);
#endif
	serve(lfd, ew_now_ns() + life * UINT64_C(1000000000));
	close(lfd);
	printf("requests=%" PRIu64 "\nbytes_sent=%" PRIu64 "\nbytes_received=%" PRIu64 "\n", requests,
	       bytes_sent, bytes_received);
	return 0;
}
