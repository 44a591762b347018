/*
 * What airs when.  One absolute ev_periodic wakes the daemon a pre-roll
 * ahead of the next due airing; the book says what is due, the player
 * plays it, and every state change of an airing goes through here, logged
 * "old -> new (reason)".
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../schedules/when.h"
#include "../schedules/wire.h"
#include "../proto/i18n.h"
#include "log.h"
#include "onair.h"

#define ONAIR_MAX_MANUAL 16 /* manual airings waiting for the output */
#define ONAIR_BACKOFF_MAX 60. /* seconds between device probes, at most */
#define ONAIR_DB_RETRY 5. /* seconds before trying a failed write again */

/*
 * What waits to air is a struct airing_due: a schedule's next occurrence
 * (schedule_id > 0, from the book) or a manual request (schedule_id 0, in
 * memory until it gets its row).
 */

struct onair {
	struct ev_loop *loop;
	struct book *book;
	struct player *player;
	struct library *lib;
	struct onair_conf conf;
	ev_periodic due; /* the next airing's pre-roll */
	ev_timer deadline; /* the waiting airing's max_delay, or a retry */
	ev_timer retry; /* device back-off */
	ev_io events; /* the player's event pipe */
	int64_t boot; /* when this run started */
	int64_t blocked_since; /* the output was taken or lost at */
	int64_t free_since; /* ... and became free again at */
	int64_t cur_id; /* the airing cued or on air, 0 none */
	int64_t cur_clip;
	int64_t cur_schedule; /* 0: a manual airing */
	int64_t cur_scheduled;
	int64_t cur_started;
	char cur_title[LX_MAX_TITLE];
	const char *cur_stop_reason; /* the first stop asked for ... */
	int cur_stop_pending; /* ... wins: set until the next cue */
	int cur_withdrawn; /* a stop before the first sample is `missed` */
	char stop_reason[16 + LX_MAX_USER]; /* "stopped by NAME" */
	struct airing_due manual[ONAIR_MAX_MANUAL];
	int nmanual;
	struct airing_due preempt; /* play --now, waiting for the stop */
	int has_preempt;
	int device_down;
	char device_error[256]; /* ALSA's text */
	char device_reason[256]; /* what airings missed meanwhile say */
	double backoff;
};

static void onair_kick(struct onair *o);

/*
 * Ask the player to stop what is cued or on air.  The first stop's reason
 * stands; withdrawn: a stop before the first sample ends it missed.
 */
static void
onair_stop_current(struct onair *o, const char *reason, int withdrawn)
{
	if (o->cur_id == 0)
		return;
	if (!o->cur_stop_pending) {
		o->cur_stop_pending = 1;
		o->cur_stop_reason = reason;
		o->cur_withdrawn = withdrawn;
	}
	player_stop(o->player, o->cur_id);
}

/* Log an airing's state change; the book holds the record. */
static void
onair_log_change(int64_t id, int64_t clip, const char *from, const char *to,
    const char *reason)
{
	if (*reason != '\0')
		log_info("airing %lld (clip %lld): %s -> %s (%s)",
		    (long long)id, (long long)clip, log_status(from),
		    log_status(to), reason);
	else
		log_info("airing %lld (clip %lld): %s -> %s", (long long)id,
		    (long long)clip, log_status(from), log_status(to));
}

/* Finish the current airing's row and log it. */
static void
onair_finish(struct onair *o, int64_t id, enum airing_status st, int64_t ended,
    int64_t frames, const char *reason)
{
	struct lx_err err;

	if (book_airing_finish(o->book, id, st, ended, frames, reason, &err))
		log_warnx("airing %lld: %s", (long long)id, err.msg);
	else
		onair_log_change(
		    id, o->cur_clip, "playing", book_status_name(st), reason);
}

/* 1 while the output cannot take an airing. */
static int
onair_blocked(const struct onair *o)
{
	return player_busy(o->player) || o->device_down;
}

/* Why the output was unavailable. */
static const char *
onair_block_reason(const struct onair *o)
{
	return o->device_down ? o->device_reason : "busy";
}

/* The earliest thing waiting: 1 found, 0 none, -1 book error. */
static int
onair_pick(struct onair *o, struct airing_due *d)
{
	struct schedule s;
	struct lx_err err;
	int has_s = book_schedule_due(o->book, &s, &err);

	if (has_s == -1) {
		log_warnx("schedules: %s", err.msg);
		return -1;
	}
	if (o->nmanual > 0 &&
	    (!has_s || o->manual[0].scheduled <= s.next_due)) {
		*d = o->manual[0];
		return 1;
	}
	if (!has_s)
		return 0;
	*d = (struct airing_due){s.clip_id, s.id, s.next_due, s.priority, ""};
	return 1;
}

/* The longest an airing due may wait, and why it is missed after. */
static int64_t
onair_limit(const struct onair *o, const struct airing_due *d, const char **why)
{
	int manual = d->schedule_id == 0;
	int blocked_at_t =
	    (onair_blocked(o) && d->scheduled >= o->blocked_since) ||
	    d->scheduled < o->free_since;

	if (!manual && d->scheduled < o->boot) {
		*why = "not running";
		return o->conf.catch_up;
	}
	if (manual || blocked_at_t) {
		*why = onair_block_reason(o);
		return o->conf.max_delay;
	}
	*why = "clock jump";
	return o->conf.catch_up;
}

/* Drop the oldest manual request. */
static void
onair_pop_manual(struct onair *o)
{
	o->nmanual--;
	memmove(o->manual, o->manual + 1, o->nmanual * sizeof *o->manual);
}

/* The state an airing that has no row yet is in, for the log line. */
static const char *
onair_due_state(const struct airing_due *d)
{
	return d->schedule_id > 0 ? "due" : "requested";
}

/* Log d missed with why; 0, or -1 if the book could not be written. */
static int
onair_miss(struct onair *o, const struct airing_due *d, const char *why)
{
	struct lx_err err;
	int64_t id = book_airing_missed(o->book, d, why, &err);

	if (id == -1) {
		log_warnx("clip %lld: logging a missed airing: %s",
		    (long long)d->clip_id, err.msg);
		return -1;
	}
	onair_log_change(id, d->clip_id, onair_due_state(d), "missed", why);
	return 0;
}

/* Open the clip and hand it to the player; the row is already playing. */
static void
onair_hand(struct onair *o, int64_t id, const struct clip *clip,
    int64_t schedule_id, int64_t at, int64_t now)
{
	struct player_cue cue;
	struct lx_err err;

	o->cur_id = id;
	o->cur_clip = clip->id;
	o->cur_schedule = schedule_id;
	o->cur_scheduled = at;
	o->cur_started = -1;
	o->cur_stop_reason = "stopped by operator";
	o->cur_stop_pending = 0;
	o->cur_withdrawn = 0;
	lx_strlcpy(o->cur_title, clip->title, sizeof o->cur_title);
	cue.id = id;
	cue.at = at > now ? at : 0;
	if ((cue.fd = library_open_clip(o->lib, clip, &err)) == -1) {
		log_warnx("clip %lld: %s", (long long)clip->id, err.msg);
		onair_finish(
		    o, id, AIRING_FAILED, when_now(), 0, "clip damaged");
		o->cur_id = 0;
		return;
	}
	if (player_cue(o->player, &cue, &err) == -1) {
		onair_finish(o, id, AIRING_FAILED, when_now(), 0, err.msg);
		o->cur_id = 0;
		return;
	}
	if (!o->device_down)
		o->blocked_since = now;
}

/* Begin d's airing: the row, then the player.  -1 with err if the book
 * failed. */
static int
onair_cue(struct onair *o, const struct airing_due *d, int64_t now,
    struct lx_err *err)
{
	struct clip clip;
	int64_t id;

	if (book_clip_get(o->book, d->clip_id, &clip, err) == -1) {
		if (d->schedule_id > 0 || err->code != LX_E_NOENT) {
			log_warnx("%s", err->msg);
			return -1;
		}
		return onair_miss(o, d, "clip removed");
	}
	if ((id = book_airing_begin(o->book, d, err)) == -1) {
		log_warnx("clip %lld: %s", (long long)clip.id, err->msg);
		return -1;
	}
	onair_log_change(id, clip.id, onair_due_state(d), "playing", "");
	onair_hand(o, id, &clip, d->schedule_id, d->scheduled, now);
	return 0;
}

/* Arm the timers for what comes next. */
static void
onair_arm(struct onair *o, int64_t now, int failed)
{
	struct airing_due d;
	const char *why;

	ev_periodic_stop(o->loop, &o->due);
	ev_timer_stop(o->loop, &o->deadline);
	if (failed) {
		ev_timer_set(&o->deadline, ONAIR_DB_RETRY, 0.);
		ev_timer_start(o->loop, &o->deadline);
		return;
	}
	if (onair_pick(o, &d) != 1)
		return;
	if (onair_blocked(o)) {
		int64_t at = d.scheduled + onair_limit(o, &d, &why) - now;

		ev_timer_set(&o->deadline, at > 0 ? at / 1e6 + 0.001 : 0., 0.);
		ev_timer_start(o->loop, &o->deadline);
		return;
	}
	log_debug("next airing due at %lld: armed %.3f s ahead",
	    (long long)d.scheduled,
	    (d.scheduled - o->conf.preroll - now) / 1e6);
	ev_periodic_set(
	    &o->due, (d.scheduled - o->conf.preroll) / 1e6, 0., NULL);
	ev_periodic_start(o->loop, &o->due);
}

/* Look at what is due: log what can no longer air, cue what can. */
static void
onair_kick(struct onair *o)
{
	int64_t now = when_now();
	struct airing_due d;
	struct lx_err err;
	const char *why;
	int rc, failed = 0;

	while ((rc = onair_pick(o, &d)) == 1) {
		/* A request leaves the queue only once its row is written:
		 * a failed write is tried again, not dropped. */
		if (now - d.scheduled > onair_limit(o, &d, &why)) {
			if ((failed = onair_miss(o, &d, why)) == -1)
				break;
			if (d.schedule_id == 0)
				onair_pop_manual(o);
			continue;
		}
		if (onair_blocked(o) || d.scheduled > now + o->conf.preroll)
			break;
		if ((failed = onair_cue(o, &d, now, &err)) == -1)
			break;
		if (d.schedule_id == 0)
			onair_pop_manual(o);
		now = when_now();
	}
	onair_arm(o, now, failed || rc == -1);
}

static void
onair_due_cb(struct ev_loop *loop, ev_periodic *w, int revents)
{
	(void)loop, (void)revents;
	onair_kick(w->data);
}

static void
onair_deadline_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop, (void)revents;
	onair_kick(w->data);
}

/* Probe the lost device; back off while it stays away. */
static void
onair_retry_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct onair *o = w->data;
	struct lx_err err;

	(void)revents;
	if (player_busy(o->player) || player_probe(o->player, &err) == -1) {
		o->backoff = o->backoff * 2 > ONAIR_BACKOFF_MAX
		    ? ONAIR_BACKOFF_MAX
		    : o->backoff * 2;
		ev_timer_set(w, o->backoff, 0.);
		ev_timer_start(loop, w);
		return;
	}
	log_info("device %s: back", o->conf.device);
	o->device_down = 0;
	o->free_since = when_now();
	onair_kick(o);
}

/* The device failed: stop using it until a probe succeeds. */
static void
onair_device_lost(struct onair *o, const char *reason)
{
	if (!o->device_down)
		o->blocked_since = when_now();
	o->device_down = 1;
	lx_strlcpy(o->device_error, reason, sizeof o->device_error);
	snprintf(o->device_reason, sizeof o->device_reason, "device: %.240s",
	    reason);
	o->backoff = 1.;
	log_warnx("device lost: %s; retrying", reason);
	ev_timer_stop(o->loop, &o->retry);
	ev_timer_set(&o->retry, o->backoff, 0.);
	ev_timer_start(o->loop, &o->retry);
}

/* The player let go of an airing: finish its row. */
static void
onair_ended(struct onair *o, const struct player_event *ev)
{
	static const enum airing_status st[] = {
	    [PLAYER_DONE] = AIRING_DONE,
	    [PLAYER_STOPPED] = AIRING_INTERRUPTED,
	    [PLAYER_FAILED] = AIRING_FAILED,
	};
	const char *reason = ev->end == PLAYER_STOPPED ? o->cur_stop_reason
	    : ev->end == PLAYER_FAILED                 ? ev->reason
	                                               : "";
	enum airing_status status = st[ev->end];

	/* Withdrawn and never sounded (its STARTED event came first if it
	 * had): missed, not interrupted. */
	if (ev->end == PLAYER_STOPPED && o->cur_withdrawn &&
	    o->cur_started < 0 && ev->frames == 0)
		status = AIRING_MISSED;
	onair_finish(o, ev->id, status, ev->at, ev->frames, reason);
	o->cur_id = 0;
	o->free_since = when_now();
	if (ev->end == PLAYER_FAILED && ev->device_error)
		onair_device_lost(o, ev->reason);
}

/* A started airing: record the instant its first sample was written. */
static void
onair_started(struct onair *o, const struct player_event *ev)
{
	struct lx_err err;

	o->cur_started = ev->at;
	if (book_airing_started(o->book, ev->id, ev->at, &err) == -1)
		log_warnx("airing %lld: %s", (long long)ev->id, err.msg);
	log_info("airing %lld (clip %lld): on air, %.3f ms after its instant",
	    (long long)ev->id, (long long)o->cur_clip,
	    (ev->at - o->cur_scheduled) / 1000.);
}

/* Act on one player event; 1 if an airing ended. */
static int
onair_event(struct onair *o, const struct player_event *ev)
{
	if (ev->kind == PLAYER_STARTED) {
		onair_started(o, ev);
		return 0;
	}
	if (ev->kind == PLAYER_ENDED)
		onair_ended(o, ev);
	return 1; /* ENDED or RELEASED: the output may be free */
}

static void
onair_events_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct onair *o = w->data;
	struct player_event ev;
	struct lx_err err;
	int ended = 0;

	(void)loop, (void)revents;
	while (player_event_next(o->player, &ev) == 1)
		ended |= onair_event(o, &ev);
	if (!ended)
		return;
	if (o->has_preempt) {
		o->has_preempt = 0;
		onair_cue(o, &o->preempt, when_now(), &err);
	}
	onair_kick(o);
}

struct onair *
onair_new(struct ev_loop *loop, struct book *b, struct player *p,
    struct library *lib, const struct onair_conf *conf, struct lx_err *err)
{
	struct onair *o = calloc(1, sizeof *o);

	if (o == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		return NULL;
	}
	o->loop = loop;
	o->book = b;
	o->player = p;
	o->lib = lib;
	o->conf = *conf;
	ev_periodic_init(&o->due, onair_due_cb, 0., 0., NULL);
	ev_timer_init(&o->deadline, onair_deadline_cb, 0., 0.);
	ev_timer_init(&o->retry, onair_retry_cb, 0., 0.);
	ev_io_init(&o->events, onair_events_cb, player_fd(p), EV_READ);
	o->due.data = o->deadline.data = o->retry.data = o->events.data = o;
	return o;
}

int
onair_start(struct onair *o, struct lx_err *err)
{
	int n = book_airing_recover(o->book, err);

	if (n == -1)
		return -1;
	if (n > 0)
		log_info(ngettext("%d airing left playing by the last run: "
		                  "playing -> interrupted (daemon stopped)",
		             "%d airings left playing by the last run: "
		             "playing -> interrupted (daemon stopped)",
		             (unsigned long)n),
		    n);
	o->boot = when_now();
	ev_io_start(o->loop, &o->events);
	onair_kick(o);
	return 0;
}

void
onair_set_conf(struct onair *o, const struct onair_conf *conf)
{
	o->conf = *conf;
	onair_kick(o);
}

void
onair_changed(struct onair *o)
{
	onair_kick(o);
}

int
onair_play(struct onair *o, int64_t clip_id, int now, const char *by,
    struct lx_err *err)
{
	struct airing_due r = {clip_id, 0, when_now(), 0, ""};
	struct clip clip;

	lx_strlcpy(r.by, by, sizeof r.by);
	if (book_clip_get(o->book, clip_id, &clip, err) == -1)
		return -1;
	if (!now) {
		if (o->nmanual == ONAIR_MAX_MANUAL)
			return lx_err_set(err, LX_E_LIMIT,
			    "%d manual airings are already waiting",
			    ONAIR_MAX_MANUAL);
		o->manual[o->nmanual++] = r;
		onair_kick(o);
		return 0;
	}
	if (!player_busy(o->player)) {
		o->device_down = 0; /* asked for now: try the device anyway */
		if (onair_cue(o, &r, r.scheduled, err) == -1)
			return -1;
		onair_kick(o);
		return 0;
	}
	if (o->has_preempt) /* two --now before the first took effect */
		onair_miss(o, &o->preempt, "preempted");
	o->preempt = r;
	o->has_preempt = 1;
	onair_stop_current(o, "preempted", 0);
	return 0;
}

int64_t
onair_stop(struct onair *o, const char *by)
{
	char why[sizeof o->stop_reason];

	snprintf(why, sizeof why, "stopped by %s", by);
	if (o->has_preempt) { /* stop wins over a play --now not yet on */
		o->has_preempt = 0;
		onair_miss(o, &o->preempt, why);
	}
	if (!o->cur_stop_pending) /* else the first stop's reason stands */
		lx_strlcpy(o->stop_reason, why, sizeof o->stop_reason);
	onair_stop_current(o, o->stop_reason, 0);
	return o->cur_id;
}

void
onair_withdraw(struct onair *o, int64_t schedule_id, int64_t clip_id)
{
	if (o->cur_id == 0 || o->cur_started >= 0)
		return;
	if (schedule_id > 0 && o->cur_schedule == schedule_id)
		onair_stop_current(o, "schedule removed", 1);
	else if (clip_id > 0 && o->cur_clip == clip_id)
		onair_stop_current(o, "clip removed", 1);
}

/* Append the next scheduled airing to the status reply, as a record. */
static int
onair_put_next(void *out, const struct occurrence *oc)
{
	wire_put_occurrence(out, oc);
	return 0;
}

void
onair_status(struct onair *o, struct buf *out)
{
	int64_t now = when_now(), waiting;
	struct lx_err err;

	buf_kv(out, "device", o->conf.device);
	buf_kv(out, "device_state", o->device_down ? "down" : "ok");
	if (o->device_down)
		buf_kv(out, "device_error", o->device_error);
	if (o->cur_id != 0) {
		buf_kv_int(out, "on_air", o->cur_id);
		buf_kv(out, "on_air_state",
		    o->cur_started >= 0 ? "playing" : "cued");
		buf_kv_int(out, "on_air_at", o->cur_scheduled);
		buf_kv_int(out, "on_air_clip", o->cur_clip);
		buf_kv(out, "on_air_title", o->cur_title);
		if (o->cur_started >= 0)
			buf_kv_int(out, "on_air_since", o->cur_started);
		else
			buf_kv(out, "on_air_since", NULL);
	} else {
		buf_kv(out, "on_air", NULL);
	}
	waiting = book_schedule_count_due(o->book, now, &err);
	buf_kv_int(out, "waiting", o->nmanual + (waiting > 0 ? waiting : 0));
	book_next(o->book, now, 0, 1, onair_put_next, out, &err);
}

/*
 * Wait (at most a second) for the player's ENDED event after a stop; a
 * player stuck in a hung device does not hold the row: it ends here.
 */
static void
onair_drain(struct onair *o)
{
	struct pollfd pfd = {player_fd(o->player), POLLIN, 0};
	struct player_event ev;

	for (int i = 0; i < 10 && o->cur_id != 0; i++) {
		poll(&pfd, 1, 100);
		while (player_event_next(o->player, &ev) == 1)
			onair_event(o, &ev);
	}
	if (o->cur_id == 0)
		return;
	log_warnx("airing %lld: the device holds the player; ending it "
	          "without it",
	    (long long)o->cur_id);
	onair_finish(o, o->cur_id, AIRING_INTERRUPTED, when_now(), 0,
	    o->cur_stop_reason);
	o->cur_id = 0;
}

void
onair_free(struct onair *o)
{
	if (o == NULL)
		return;
	if (o->cur_id != 0) {
		onair_stop_current(o, "daemon stopped", 0);
		onair_drain(o);
	}
	if (o->has_preempt)
		onair_miss(o, &o->preempt, "daemon stopped");
	for (int i = 0; i < o->nmanual; i++)
		onair_miss(o, &o->manual[i], "daemon stopped");
	ev_periodic_stop(o->loop, &o->due);
	ev_timer_stop(o->loop, &o->deadline);
	ev_timer_stop(o->loop, &o->retry);
	ev_io_stop(o->loop, &o->events);
	free(o);
}
