/*
 * The read-only commands answered from a book, as protocol key: value
 * lines.  loaxad serves them; loaxactl --db runs them on a file.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/command.h"
#include "../proto/line.h"
#include "book.h"
#include "query.h"

/* A query's handler: argv[0] is its name, its arity already checked. */
typedef int query_fn(
    struct book *, char **, int, int64_t, struct buf *, struct lx_err *);

/* An instant, or an empty value when unset (< 0). */
static void
query_kv_when(struct buf *out, const char *key, int64_t t)
{
	if (t < 0)
		buf_kv(out, key, NULL);
	else
		buf_kv_int(out, key, t);
}

static int
query_put_clip(void *arg, const struct clip *c)
{
	struct buf *out = arg;
	char dur[32];

	snprintf(dur, sizeof dur, "%.3f",
	    c->rate > 0 ? (double)c->frames / c->rate : 0.0);
	buf_kv_int(out, "clip", c->id);
	buf_kv(out, "title", c->title);
	buf_kv(out, "topic", c->topic);
	buf_kv(out, "source", c->source);
	buf_kv(out, "format", c->format);
	buf_kv_int(out, "rate", c->rate);
	buf_kv_int(out, "channels", c->channels);
	buf_kv_int(out, "frames", c->frames);
	buf_kv(out, "duration", dur);
	buf_kv_int(out, "bytes", c->bytes);
	buf_kv(out, "sha256", c->sha256);
	buf_kv_int(out, "added", c->added);
	return 0;
}

static int
query_cliplist(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	(void)argv, (void)argc, (void)now;
	return book_clip_each(b, query_put_clip, out, err);
}

static int
query_clipshow(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	struct clip c;
	int64_t id;

	(void)argc, (void)now;
	if (proto_int(argv[1], "clip id", 1, INT64_MAX, &id, err) == -1 ||
	    book_clip_get(b, id, &c, err) == -1)
		return -1;
	return query_put_clip(out, &c);
}

static int
query_put_schedule(void *arg, const struct schedule *s)
{
	struct buf *out = arg;

	buf_kv_int(out, "schedule", s->id);
	buf_kv_int(out, "clip", s->clip_id);
	buf_kv(out, "title", s->title);
	buf_kv(out, "start", s->dtstart);
	buf_kv(out, "rrule", s->rrule);
	buf_kv_int(out, "priority", s->priority);
	query_kv_when(out, "next", s->next_due);
	return 0;
}

static int
query_schedulelist(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	(void)argv, (void)argc, (void)now;
	return book_schedule_each(b, query_put_schedule, out, err);
}

static int
query_put_next(void *arg, const struct occurrence *o)
{
	struct buf *out = arg;

	buf_kv_int(out, "scheduled", o->scheduled);
	buf_kv_int(out, "clip", o->clip_id);
	buf_kv(out, "title", o->title);
	buf_kv_int(out, "schedule", o->schedule_id);
	return 0;
}

static int
query_schedulenext(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	int64_t n = 10;

	if (argc > 1 && proto_int(argv[1], "count", 1, LX_MAX_NEXT, &n, err))
		return -1;
	return book_next(b, now, 0, (int)n, query_put_next, out, err) < 0 ? -1
	                                                                  : 0;
}

static int
query_put_airing(void *arg, const struct airing *a)
{
	struct buf *out = arg;

	buf_kv_int(out, "airing", a->id);
	buf_kv_int(out, "clip", a->clip_id);
	buf_kv(out, "title", a->title);
	buf_kv(out, "topic", a->topic);
	if (a->schedule_id > 0)
		buf_kv_int(out, "schedule", a->schedule_id);
	else
		buf_kv(out, "schedule", NULL);
	buf_kv_int(out, "scheduled", a->scheduled);
	query_kv_when(out, "started", a->started);
	if (a->started >= 0)
		buf_kv_int(out, "late", a->started - a->scheduled);
	else
		buf_kv(out, "late", NULL);
	query_kv_when(out, "ended", a->ended);
	buf_kv_int(out, "frames", a->frames);
	buf_kv(out, "status", book_status_name(a->status));
	buf_kv(out, "reason", a->reason);
	return 0;
}

/* FROM and TO, instants with FROM < TO, from argv[1] and argv[2]. */
static int
query_range(char **argv, int64_t *from, int64_t *to, struct lx_err *err)
{
	if (proto_int(argv[1], "from instant", INT64_MIN, INT64_MAX, from,
	        err) == -1 ||
	    proto_int(argv[2], "to instant", INT64_MIN, INT64_MAX, to, err) ==
	        -1)
		return -1;
	if (*from >= *to)
		return lx_err_set(err, LX_E_ARG, "empty range: from >= to");
	return 0;
}

static int
query_log(struct book *b, char **argv, int argc, int64_t now, struct buf *out,
    struct lx_err *err)
{
	int64_t from, to, clip = 0;

	(void)now;
	if (query_range(argv, &from, &to, err) == -1)
		return -1;
	if (argc > 3 &&
	    proto_int(argv[3], "clip id", 1, INT64_MAX, &clip, err) == -1)
		return -1;
	return book_airing_each(b, from, to, clip, query_put_airing, out, err);
}

static int
query_put_item(void *arg, const struct clip *c, int64_t n)
{
	struct buf *out = arg;

	buf_kv_int(out, "item", c->id);
	buf_kv(out, "title", c->title);
	buf_kv_int(out, "done", n);
	return 0;
}

static int
query_put_upcoming(void *arg, const struct occurrence *o)
{
	struct buf *out = arg;

	buf_kv_int(out, "upcoming", o->scheduled);
	buf_kv_int(out, "clip", o->clip_id);
	buf_kv(out, "title", o->title);
	buf_kv_int(out, "schedule", o->schedule_id);
	return 0;
}

static int
query_report(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	struct buf items = {0};
	struct report r;
	int64_t from, to;
	int rc;

	(void)argc;
	if (query_range(argv, &from, &to, err) == -1)
		return -1;
	rc = book_report(b, from, to, now, &r, query_put_item,
	    query_put_upcoming, &items, err);
	if (rc == 0) {
		buf_kv_int(out, "quota", r.quota);
		buf_kv_int(out, "items", r.items);
		buf_kv_int(out, "airings", r.airings);
		buf_kv_int(out, "met", r.items >= r.quota);
		buf_kv_int(out, "pending", r.upcoming);
		buf_kv_int(out, "projected", r.projected);
		buf_add(out, items.p ? items.p : "", items.len);
	}
	buf_free(&items);
	return rc;
}

/* The handler of each read-only command of the table. */
static query_fn *const query_fns[LX_CMD_COUNT] = {
    [LX_CMD_CLIPLIST] = query_cliplist,
    [LX_CMD_CLIPSHOW] = query_clipshow,
    [LX_CMD_LOG] = query_log,
    [LX_CMD_REPORT] = query_report,
    [LX_CMD_SCHEDULELIST] = query_schedulelist,
    [LX_CMD_SCHEDULENEXT] = query_schedulenext,
};

int
query_answers(enum lx_cmd cmd)
{
	return cmd < LX_CMD_COUNT && query_fns[cmd] != NULL;
}

int
query_run(struct book *b, enum lx_cmd cmd, int argc, char **argv, int64_t now,
    struct buf *out, struct lx_err *err)
{
	if (!query_answers(cmd))
		return lx_err_set(
		    err, LX_E_UNKNOWN, "unknown command '%s'", argv[0]);
	return query_fns[cmd](b, argv, argc, now, out, err);
}
