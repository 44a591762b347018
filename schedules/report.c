/*
 * Looking ahead and back over the book: the next N airings across all
 * schedules (a merge, taking schedules in next_due order so it stops early)
 * and the monthly quota report.
 */
#include <stdlib.h>
#include <string.h>

#include "../proto/buf.h"
#include "book_int.h"

/* The n earliest occurrences seen so far, kept sorted. */
struct next_set {
	struct occurrence *v;
	int len;
	int cap;
};

/* a before b: by instant, then schedule id. */
static int
next_before(int64_t t, int64_t sid, const struct occurrence *o)
{
	return t < o->scheduled || (t == o->scheduled && sid < o->schedule_id);
}

/* 1 if (t, sid) would enter a full set, or the set is not full. */
static int
next_wanted(const struct next_set *ns, int64_t t, int64_t sid)
{
	return ns->len < ns->cap || next_before(t, sid, &ns->v[ns->len - 1]);
}

/* Insert in order, dropping the last when full. */
static void
next_insert(struct next_set *ns, const struct occurrence *o)
{
	int i = ns->len < ns->cap ? ns->len++ : ns->len - 1;

	while (
	    i > 0 && next_before(o->scheduled, o->schedule_id, &ns->v[i - 1])) {
		ns->v[i] = ns->v[i - 1];
		i--;
	}
	ns->v[i] = *o;
}

/* Add schedule s's occurrences in [from, to) that belong in the set. */
static int
next_expand(struct next_set *ns, const struct schedule *s, const char *topic,
    int64_t from, int64_t to, struct lx_err *err)
{
	struct recur *r = recur_new(s->dtstart, s->rrule, err);
	struct occurrence o;
	int64_t t = s->next_due;
	int more = 1;

	if (r == NULL)
		return -1;
	o.schedule_id = s->id;
	o.clip_id = s->clip_id;
	lx_strlcpy(o.title, s->title, sizeof o.title);
	lx_strlcpy(o.topic, topic, sizeof o.topic);
	if (t < from)
		more = recur_next(r, from - 1, &t);
	while (more && t < to && next_wanted(ns, t, s->id)) {
		o.scheduled = t;
		next_insert(ns, &o);
		more = recur_next(r, t, &t);
	}
	recur_free(r);
	return 0;
}

/* Fill ns with the first ns->cap occurrences in [from, to). */
static int
next_collect(struct book *b, struct next_set *ns, int64_t from, int64_t to,
    struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_BY_NEXT, err);
	struct schedule s;
	char topic[LX_MAX_TOPIC];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		book_row_schedule(st, &s);
		book_col_text(st, 9, topic, sizeof topic);
		/* Sorted by next_due: no later schedule can do better. */
		if (!next_wanted(ns, s.next_due, s.id))
			break;
		if (next_expand(ns, &s, topic, from, to, err) == -1) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return 0;
}

int
book_next(struct book *b, int64_t from, int64_t to, int n,
    int (*fn)(void *, const struct occurrence *), void *ctx, struct lx_err *err)
{
	struct next_set ns = {NULL, 0, n};
	int i;

	if (n <= 0)
		return 0;
	if (to <= 0)
		to = INT64_MAX;
	ns.v = xcalloc((size_t)n, sizeof *ns.v);
	if (next_collect(b, &ns, from, to, err) == -1) {
		free(ns.v);
		return -1;
	}
	for (i = 0; i < ns.len; i++)
		if (fn(ctx, &ns.v[i]) != 0)
			break;
	free(ns.v);
	return ns.len;
}

/* What report() gathers while listing. */
struct report_ctx {
	struct report *r;
	int64_t *done_ids;
	int ndone;
	int64_t *new_ids;
	int nnew;
	int (*fn_up)(void *, const struct occurrence *);
	void *ctx;
};

/* 1 if id is among the n in v. */
static int
report_has(const int64_t *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

/* Count an upcoming airing and pass it on. */
static int
report_upcoming(void *arg, const struct occurrence *o)
{
	struct report_ctx *rc = arg;

	if (strcmp(o->topic, LX_TOPIC_QUOTA) == 0) {
		rc->r->upcoming++;
		if (!report_has(rc->done_ids, rc->ndone, o->clip_id) &&
		    !report_has(rc->new_ids, rc->nnew, o->clip_id))
			rc->new_ids[rc->nnew++] = o->clip_id;
	}
	return rc->fn_up ? rc->fn_up(rc->ctx, o) : 0;
}

/* The distinct cchc clips aired done in [from, to). */
static int
report_items(struct book *b, int64_t from, int64_t to, struct report_ctx *rc,
    int (*fn_item)(void *, const struct clip *, int64_t), void *ctx,
    struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_REPORT_ITEMS, err);
	struct clip c;
	int cap = 0, rv;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_text(st, 3, LX_TOPIC_QUOTA, -1, SQLITE_STATIC);
	while ((rv = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(st, 12);

		book_row_clip(st, &c);
		if (rc->ndone == cap) {
			cap = cap ? cap * 2 : 16;
			rc->done_ids = xrealloc(
			    rc->done_ids, (size_t)cap * sizeof *rc->done_ids);
		}
		rc->done_ids[rc->ndone++] = c.id;
		rc->r->items++;
		rc->r->airings += n;
		if (fn_item != NULL && fn_item(ctx, &c, n) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rv != SQLITE_ROW && rv != SQLITE_DONE)
		return book_fail(b, err);
	return 0;
}

int
book_report(struct book *b, int64_t from, int64_t to, int64_t now,
    struct report *r, int (*fn_item)(void *, const struct clip *, int64_t n),
    int (*fn_up)(void *, const struct occurrence *), void *ctx,
    struct lx_err *err)
{
	struct report_ctx rc = {r, NULL, 0, NULL, 0, fn_up, ctx};
	int rv = 0;

	memset(r, 0, sizeof *r);
	r->quota = book_meta_int(b, "quota_per_month", LX_QUOTA_DEFAULT);
	if (report_items(b, from, to, &rc, fn_item, ctx, err) == -1)
		rv = -1;
	rc.new_ids = xcalloc(LX_MAX_UPCOMING, sizeof *rc.new_ids);
	/* From the month's start, not now: an airing waiting for the output
	 * has no row yet and is still to come. */
	if (rv == 0 && now < to &&
	    book_next(
	        b, from, to, LX_MAX_UPCOMING, report_upcoming, &rc, err) == -1)
		rv = -1;
	r->projected = r->items + rc.nnew;
	free(rc.done_ids);
	free(rc.new_ids);
	return rv;
}
