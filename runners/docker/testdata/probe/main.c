/* probe: a test workload for the Docker runner. Modes (argv[1]):
 *   probe          print uid, whether / is writable and whether a socket can reach the network
 *   exit N         exit with status N
 *   sleep          block forever
 *   write PATH     write "hello" to PATH
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
	if (argc < 2) {
		puts("noop");
		return 0;
	}
	if (strcmp(argv[1], "exit") == 0 && argc > 2)
		return atoi(argv[2]);
	if (strcmp(argv[1], "sleep") == 0) {
		for (;;)
			pause();
	}
	if (strcmp(argv[1], "write") == 0 && argc > 2) {
		FILE *f = fopen(argv[2], "w");
		if (!f) {
			fprintf(stderr, "open %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
		fputs("hello", f);
		return fclose(f) == 0 ? 0 : 1;
	}
	printf("uid=%d\n", (int)getuid());
	int fd = open("/probe", O_CREAT | O_WRONLY, 0644);
	printf("rootfs_writable=%d\n", fd >= 0);
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(0x01010101)};
	printf("network=%d\n", s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0);
	fprintf(stderr, "to stderr\n");
	return 0;
}
