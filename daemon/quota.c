/*
 * The month's forecast, from the book's report for the running month: a
 * wall-clock timer each morning (QUOTA_HOUR local) logs a warning when the
 * month will fall short, from QUOTA_FROM_DAY on; status carries the same.
 */
#include <stdlib.h>
#include <time.h>

#include "../schedules/when.h"
#include "log.h"
#include "quota.h"

#define QUOTA_FROM_DAY 20 /* the day of the month the warning starts */
#define QUOTA_HOUR 8 /* the daily check, local time */

struct quota {
	struct book *book;
	struct ev_loop *loop;
	ev_periodic daily;
	/* The last report, kept while the book and the day are the same:
	 * status is asked often, the report walks the month's schedules. */
	struct report last;
	int64_t last_changes; /* book_changes() then; -1: none kept */
	int64_t last_day; /* the local day it was made */
};

/* This month's report as of now: 0, or -1 (logged). */
static int
quota_month(struct quota *q, int64_t now, struct report *r)
{
	int64_t from, to, day = when_day_start(now);
	int64_t changes = book_changes(q->book);
	char label[8];
	struct lx_err err;

	if (q->last_changes == changes && q->last_day == day) {
		*r = q->last;
		return 0;
	}
	when_month_of(now, &from, &to, label);
	if (book_report(q->book, (int64_t[]){from, to}, 2, now, r, NULL, NULL,
	        NULL, &err) == -1) {
		log_warnx("quota: %s", err.msg);
		return -1;
	}
	q->last = *r;
	q->last_changes = changes;
	q->last_day = day;
	return 0;
}

/* 1 when it is late enough in the month (now) to warn. */
static int
quota_late(int64_t now)
{
	time_t s = (time_t)(now / WHEN_SEC);
	struct tm tm;

	localtime_r(&s, &tm);
	return tm.tm_mday >= QUOTA_FROM_DAY;
}

/* 1 when the month will fall short and it is late enough to say so. */
static int
quota_at_risk(const struct report *r, int64_t now)
{
	return quota_late(now) && r->projected < r->quota;
}

/* Check, and log the warning when there is one. */
static void
quota_check(struct quota *q)
{
	int64_t now = when_now();
	struct report r;

	if (!quota_late(now)) /* no month's report before it can warn */
		return;
	if (quota_month(q, now, &r) == -1 || !quota_at_risk(&r, now))
		return;
	log_warnx("quota: %s: %lld of %lld items aired, %lld with what is "
	          "scheduled: the month will fall short",
	    r.month[0].label, (long long)r.month[0].sum.items,
	    (long long)r.quota, (long long)r.projected);
}

static void
quota_daily_cb(struct ev_loop *loop, ev_periodic *w, int revents)
{
	(void)loop, (void)revents;
	quota_check(w->data);
}

/* The next QUOTA_HOUR o'clock local after now (libev's clock). */
static ev_tstamp
quota_next(ev_periodic *w, ev_tstamp now)
{
	int64_t t = (int64_t)(now * WHEN_SEC);
	int64_t next = when_day_start(t) + QUOTA_HOUR * 3600 * WHEN_SEC;

	(void)w;
	if (next <= t)
		next =
		    when_day_start(when_day_start(t) + 36 * 3600 * WHEN_SEC) +
		    QUOTA_HOUR * 3600 * WHEN_SEC;
	return (ev_tstamp)next / WHEN_SEC;
}

struct quota *
quota_new(struct ev_loop *loop, struct book *b)
{
	struct quota *q = xcalloc(1, sizeof *q);

	q->book = b;
	q->loop = loop;
	q->last_changes = -1;
	ev_periodic_init(&q->daily, quota_daily_cb, 0, 0, quota_next);
	q->daily.data = q;
	ev_periodic_start(loop, &q->daily);
	quota_check(q);
	return q;
}

void
quota_status(struct quota *q, struct buf *out)
{
	int64_t now = when_now();
	struct report r;

	if (quota_month(q, now, &r) == -1)
		return;
	buf_kv(out, "quota_month", r.month[0].label);
	buf_kv_int(out, "quota", r.quota);
	buf_kv_int(out, "quota_items", r.month[0].sum.items);
	buf_kv_int(out, "quota_projected", r.projected);
	buf_kv_int(out, "quota_at_risk", quota_at_risk(&r, now));
}

void
quota_free(struct quota *q)
{
	if (q == NULL)
		return;
	ev_periodic_stop(q->loop, &q->daily);
	free(q);
}
