/*
 * The player: one thread that owns the ALSA device while an airing is on
 * air.  The daemon cues an airing ahead of its instant (pre-roll: the
 * device is opened and the first buffer decoded), and the thread writes
 * the first sample at the instant, timed against CLOCK_REALTIME.  Events
 * (started, ended) come back through a pipe the loop watches; the player
 * knows nothing of the loop or the book.
 */
#ifndef PLAYER_H
#define PLAYER_H

#include <stdint.h>

#include "../proto/lx.h"

struct player;

struct player_cue {
	int64_t id; /* the caller's airing id, echoed in events */
	int fd; /* the clip, open for reading; the player closes it */
	int64_t at; /* instant for the first sample; 0: as soon as ready */
};

enum player_event_kind {
	PLAYER_STARTED,
	PLAYER_ENDED,
	PLAYER_RELEASED /* after ENDED: the device is closed, cue again */
};

enum player_end {
	PLAYER_DONE, /* played to the last frame */
	PLAYER_STOPPED, /* player_stop() */
	PLAYER_FAILED /* device or decoding error, see reason */
};

struct player_event {
	enum player_event_kind kind;
	int64_t id;
	int64_t at; /* STARTED: first write; ENDED: drained or failed */
	int64_t frames; /* ENDED: frames played (a stop leaves out those
	                 * still queued in the device) */
	enum player_end end;
	int device_error; /* ENDED/FAILED: the device, not the clip, failed */
	char reason[256]; /* FAILED: ALSA's or libsndfile's text */
};

/*
 * Start the player thread for ALSA pcm `device` ("default", "hw:1", a pcm
 * named in an ALSA config).  The device is not opened until a cue.
 * Returns the player, or NULL with err.
 */
struct player *player_new(const char *device, struct lx_err *err);

/*
 * Whether the thread runs SCHED_FIFO at *priority (set either way): 0, or
 * the errno that refused it (EPERM: no CAP_SYS_NICE, RLIMIT_RTPRIO too low).
 */
int player_realtime(const struct player *p, int *priority);

/*
 * Stop any airing, join the thread, free; NULL is fine.  A thread stuck
 * in the device for over half a second is left behind (the process is ending).
 */
void player_free(struct player *p);

/* A descriptor that is readable while events are pending. */
int player_fd(const struct player *p);

/*
 * Hand an airing to the thread: it opens the device, decodes the first
 * buffer, waits for cue->at, writes, and plays to the end.  Takes cue->fd
 * in every case.  Returns 0, or -1 with err LX_E_BUSY when an airing is
 * already cued or playing.
 */
int player_cue(
    struct player *p, const struct player_cue *cue, struct lx_err *err);

/*
 * Ask the airing `id` to stop now (a no-op if it is not the current one).
 * Its PLAYER_ENDED event, with PLAYER_STOPPED, follows.
 */
void player_stop(struct player *p, int64_t id);

/*
 * 1 while an airing is cued or playing, until its ENDED event is read,
 * and while the thread still closes the device after it (a hung device
 * can hold it there; RELEASED follows).
 */
int player_busy(const struct player *p);

/*
 * A device that takes no frame for `us` µs (default 5 s) ends the
 * airing failed, reason "device not responding".
 */
void player_set_timeout(struct player *p, int64_t us);

/*
 * Take the next event into ev: 1 when there was one, 0 when none.  Call
 * when player_fd() is readable, until it returns 0.
 */
int player_event_next(struct player *p, struct player_event *ev);

/*
 * Try to open and close the device, to learn whether it is back after a
 * failure.  Must not be called while busy.  0, or -1 with err (ALSA's text).
 */
int player_probe(struct player *p, struct lx_err *err);

#endif
