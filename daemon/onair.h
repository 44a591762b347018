/*
 * Airing orchestration: the one wall-clock timer for the next due airing,
 * pre-roll, the wait for a busy output, missed airings, manual plays and
 * preemption, device back-off, and recovery at start.  It drives the book
 * (what is due, the log) and the player (what sounds).
 */
#ifndef ONAIR_H
#define ONAIR_H

#include <ev.h>
#include <stdint.h>

#include "../audio/player.h"
#include "../proto/buf.h"
#include "../schedules/book.h"
#include "library.h"

struct onair;

struct onair_conf {
	int64_t max_delay; /* µs */
	int64_t catch_up; /* µs */
	int64_t preroll; /* µs */
	const char *device;
};

/* Set up; nothing happens until onair_start.  NULL with err. */
struct onair *onair_new(struct ev_loop *loop, struct book *b, struct player *p,
    struct library *lib, const struct onair_conf *conf, struct lx_err *err);

/*
 * Recover from the last run (rows left playing become interrupted, due
 * airings air late or are missed) and arm the timer.  0 or -1 with err.
 */
int onair_start(struct onair *o, struct lx_err *err);

/* New settings (a reload; the device stays): look again at what is due. */
void onair_set_conf(struct onair *o, const struct onair_conf *conf);

/* The schedules changed: look again at what is due next. */
void onair_changed(struct onair *o);

/*
 * A manual airing of clip_id asked for by `by` (a user's name): now = 1
 * preempts what is on air, else it waits for the output.  0 or -1 with err.
 */
int onair_play(struct onair *o, int64_t clip_id, int now, const char *by,
    struct lx_err *err);

/* Stop what is on air, for `by` (reason "stopped by BY"); its airing id
 * or 0. */
int64_t onair_stop(struct onair *o, const char *by);

/*
 * A schedule (schedule_id > 0) or a clip (clip_id > 0) was removed: if
 * the airing cued has not sounded yet, withdraw it (its row ends missed,
 * "schedule removed" or "clip removed").  Once on air it plays on.
 */
void onair_withdraw(struct onair *o, int64_t schedule_id, int64_t clip_id);

/* Append the status reply (device, on air, next) to out. */
void onair_status(struct onair *o, struct buf *out);

/*
 * Stop what is on air, wait for the player to let go, log it interrupted
 * (reason "daemon stopped"), stop the watchers and free; NULL is fine.
 */
void onair_free(struct onair *o);

#endif
