/* idle: print "ready", block reading stdin until EOF, then print "bye". */
#include <stdio.h>

int main(void) {
	puts("ready");
	fflush(stdout);
	while (getchar() != EOF)
		;
	puts("bye");
	return 0;
}
