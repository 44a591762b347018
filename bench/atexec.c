/*
 * What a technician would write without loaxa, done as well as it can be:
 * sleep precisely until an instant on CLOCK_REALTIME, then exec a player.
 *
 * usage: atexec EPOCH_MICROSECONDS PROGRAM [ARG...]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec at;
	long long us;

	if (argc < 3) {
		fprintf(stderr, "usage: atexec EPOCH_US PROGRAM [ARG...]\n");
		return 2;
	}
	us = atoll(argv[1]);
	at.tv_sec = us / 1000000;
	at.tv_nsec = us % 1000000 * 1000;
	while (
	    clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, NULL) == EINTR)
		;
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
