/*
 * fsio: sequential file write and read in fixed-size blocks.
 *
 *   fsio write PATH BYTES BLOCK   create/truncate PATH, write BYTES bytes in
 *                                 BLOCK-byte write() calls, fsync, close
 *   fsio read PATH BLOCK          read PATH to the end in BLOCK-byte read() calls
 *
 * The content is the first BYTES bytes of the seeded byte stream, so a file
 * written by fsio has a digest that depends only on BYTES. kernel_ns is the
 * time spent inside the write() calls plus fsync() (write) or inside the
 * read() calls (read): each call is timed separately and the times summed, so
 * generating and hashing the data (done between calls) is not counted.
 * Output: digest = FNV-1a 64 of the bytes written or read, kernel_ns, bytes,
 * block. Exit 2 on bad usage, 1 on an I/O error.
 */
#include "edgewasm.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define MAX_BLOCK (UINT64_C(1) << 26)

static _Noreturn void usage(void)
{
	ew_die(EW_EXIT_USAGE, "usage: fsio write PATH BYTES BLOCK | fsio read PATH BLOCK\n"
			      "  BYTES: 1 to 2^40, BLOCK: 1 to %" PRIu64,
	       MAX_BLOCK);
}

/* write_all writes n bytes, retrying short writes; it returns the time spent in write(). */
static uint64_t write_all(int fd, const uint8_t *p, size_t n, const char *path)
{
	uint64_t spent = 0;
	while (n > 0) {
		uint64_t t0 = ew_now_ns();
		ssize_t w = write(fd, p, n);
		spent += ew_now_ns() - t0;
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ew_die(EW_EXIT_FAIL, "fsio: write %s: %s", path, w < 0 ? strerror(errno) : "wrote 0 bytes");
		p += w;
		n -= (size_t)w;
	}
	return spent;
}

static void do_write(const char *path, uint64_t bytes, size_t block)
{
	uint8_t *buf = ew_xmalloc(block, "block buffer");
	uint64_t h = EW_FNV_OFFSET, spent = 0;
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		ew_die(EW_EXIT_FAIL, "fsio: open %s for writing: %s", path, strerror(errno));
	for (uint64_t done = 0; done < bytes;) {
		size_t n = bytes - done < block ? (size_t)(bytes - done) : block;
		ew_bytes(&rng, buf, n);
		h = ew_fnv(h, buf, n);
		spent += write_all(fd, buf, n, path);
		done += n;
	}
	uint64_t t0 = ew_now_ns();
	if (fsync(fd) != 0)
		ew_die(EW_EXIT_FAIL, "fsio: fsync %s: %s", path, strerror(errno));
	spent += ew_now_ns() - t0;
	if (close(fd) != 0)
		ew_die(EW_EXIT_FAIL, "fsio: close %s: %s", path, strerror(errno));
	ew_report(h, spent);
	printf("bytes=%" PRIu64 "\nblock=%zu\n", bytes, block);
	free(buf);
}

static void do_read(const char *path, size_t block)
{
	uint8_t *buf = ew_xmalloc(block, "block buffer");
	uint64_t h = EW_FNV_OFFSET, spent = 0, bytes = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		ew_die(EW_EXIT_FAIL, "fsio: open %s for reading: %s", path, strerror(errno));
	for (;;) {
		uint64_t t0 = ew_now_ns();
		ssize_t r = read(fd, buf, block);
		spent += ew_now_ns() - t0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			ew_die(EW_EXIT_FAIL, "fsio: read %s: %s", path, strerror(errno));
		if (r == 0)
			break;
		h = ew_fnv(h, buf, (size_t)r);
		bytes += (uint64_t)r;
	}
	close(fd);
	ew_report(h, spent);
	printf("bytes=%" PRIu64 "\nblock=%zu\n", bytes, block);
	free(buf);
}

int main(int argc, char **argv)
{
	uint64_t bytes, block;
	if (argc == 5 && strcmp(argv[1], "write") == 0) {
		if (ew_parse_u64(argv[3], UINT64_C(1) << 40, &bytes) != 0 ||
		    ew_parse_u64(argv[4], MAX_BLOCK, &block) != 0)
			usage();
		do_write(argv[2], bytes, (size_t)block);
	} else if (argc == 4 && strcmp(argv[1], "read") == 0) {
		if (ew_parse_u64(argv[3], MAX_BLOCK, &block) != 0)
			usage();
		do_read(argv[2], (size_t)block);
	} else {
		usage();
	}
	return 0;
}
