/* Prints the CPUs this process may run on (its Cpus_allowed_list), for the
 * test of --cpu pinning. */
#include <stdio.h>
#include <string.h>

int main(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    if (!f)
        return 1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Cpus_allowed_list:", 18) == 0)
            fputs(line, stdout);
    fclose(f);
    return 0;
}
