/*
 * playtest: drive the player directly.  Cues FILE at now + DELAY_MS on an
 * ALSA pcm, prints each event with its lateness against the cue, and
 * optionally stops the airing STOP_MS after the cue.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../audio/player.h"

static const char *end_names[] = {"done", "stopped", "failed"};

static int64_t
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* Print ev; returns 1 once the airing has ended. */
static int
print_event(const struct player_event *ev, int64_t cue_at, int *status)
{
	if (ev->kind == PLAYER_STARTED) {
		printf("started at=%lld lateness_us=%lld\n", (long long)ev->at,
		    (long long)(ev->at - cue_at));
		return 0;
	}
	printf("ended at=%lld since_cue_us=%lld frames=%lld end=%s "
	       "device_error=%d reason=%s\n",
	    (long long)ev->at, (long long)(ev->at - cue_at),
	    (long long)ev->frames, end_names[ev->end], ev->device_error,
	    ev->reason);
	*status = ev->end == PLAYER_DONE ? 0
	    : ev->end == PLAYER_STOPPED  ? 3
	                                 : 1;
	return 1;
}

/* Wait for events until ENDED; stop the airing at stop_at (0: never). */
static int
run(struct player *p, struct player_cue *cue, int64_t stop_at)
{
	struct pollfd pfd = {.fd = player_fd(p), .events = POLLIN};
	struct player_event ev;
	int status = 1, ended = 0, timeout;

	while (!ended) {
		timeout = -1;
		if (stop_at > 0)
			timeout = stop_at > now_us()
			    ? (int)((stop_at - now_us()) / 1000)
			    : 0;
		if (poll(&pfd, 1, timeout) == 0) {
			player_stop(p, cue->id);
			stop_at = 0;
			continue;
		}
		while (player_event_next(p, &ev))
			ended |= print_event(&ev, cue->at, &status);
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct lx_err err;
	struct player *p;
	struct player_cue cue = {.id = 1};
	int64_t stop_at = 0;
	int status;

	if (argc < 3 || argc > 5) {
		fprintf(stderr,
		    "usage: playtest DEVICE FILE [DELAY_MS] "
		    "[STOP_MS]\n");
		return 2;
	}
	if ((cue.fd = open(argv[2], O_RDONLY | O_CLOEXEC)) == -1) {
		perror(argv[2]);
		return 1;
	}
	if ((p = player_new(argv[1], &err)) == NULL) {
		fprintf(stderr, "playtest: %s\n", err.msg);
		return 1;
	}
	cue.at = now_us() + (argc > 3 ? atoll(argv[3]) : 1000) * 1000;
	if (argc > 4)
		stop_at = cue.at + atoll(argv[4]) * 1000;
	printf("cue at=%lld\n", (long long)cue.at);
	if (player_cue(p, &cue, &err) == -1) {
		fprintf(stderr, "playtest: %s\n", err.msg);
		return 1;
	}
	status = run(p, &cue, stop_at);
	player_free(p);
	return status;
}
