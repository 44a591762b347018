/*
 * Looking ahead and back over the book: the next N airings across all
 * schedules (a merge, taking schedules in next_due order so it stops early)
 * and the quota report over a month or a longer period.  The report's SQL
 * is this file's own.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../proto/buf.h"
#include "book_int.h"
#include "when.h"

const int report_band_hour[REPORT_BANDS] = {0, 7, 11, 14, 17};
const char *const report_band_key[REPORT_BANDS] = {
    "before_07", "07_11", "11_14", "14_17", "after_17"};

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

/* Fill ns with the first ns->cap occurrences in [from, to), of clips of
 * topic `only` (NULL: all). */
static int
next_collect(struct book *b, struct next_set *ns, int64_t from, int64_t to,
    const char *only, struct lx_err *err)
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
		if (only != NULL && strcmp(topic, only) != 0)
			continue;
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

/* book_next of the clips of topic `only` (NULL: all). */
static int
next_of(struct book *b, int64_t from, int64_t to, int n, const char *only,
    int (*fn)(void *, const struct occurrence *), void *ctx, struct lx_err *err)
{
	struct next_set ns = {NULL, 0, n};
	int i;

	if (n <= 0)
		return 0;
	if (to <= 0)
		to = INT64_MAX;
	ns.v = xcalloc((size_t)n, sizeof *ns.v);
	if (next_collect(b, &ns, from, to, only, err) == -1) {
		free(ns.v);
		return -1;
	}
	for (i = 0; i < ns.len; i++)
		if (fn(ctx, &ns.v[i]) != 0)
			break;
	free(ns.v);
	return ns.len;
}

int
book_next(struct book *b, int64_t from, int64_t to, int n,
    int (*fn)(void *, const struct occurrence *), void *ctx, struct lx_err *err)
{
	return next_of(b, from, to, n, NULL, fn, ctx, err);
}

/* The done airings of the topic's clips in [?1, ?2): when, length. */
static const char report_sql_rows[] =
    "SELECT a.scheduled, a.started, a.frames * 1000000 / c.rate"
    " FROM airings a JOIN clips c ON c.id = a.clip_id"
    " WHERE a.scheduled >= ?1 AND a.scheduled < ?2 AND a.status = 'done'"
    " AND c.topic = ?3 ORDER BY a.scheduled";
/* Their distinct audio. */
static const char report_sql_shas[] =
    "SELECT DISTINCT c.sha256 FROM airings a JOIN clips c ON c.id = a.clip_id"
    " WHERE a.scheduled >= ?1 AND a.scheduled < ?2 AND a.status = 'done'"
    " AND c.topic = ?3 ORDER BY c.sha256";
/* The items: one per audio, named by the newest clip that aired it. */
static const char report_sql_items[] =
    "SELECT i.clip, c.sha256, c.title, i.n, i.airtime FROM"
    " (SELECT max(c.id) AS clip, count(*) AS n,"
    "   sum(a.frames * 1000000 / c.rate) AS airtime,"
    "   min(a.scheduled) AS first"
    "  FROM airings a JOIN clips c ON c.id = a.clip_id"
    "  WHERE a.scheduled >= ?1 AND a.scheduled < ?2 AND a.status = 'done'"
    "  AND c.topic = ?3 GROUP BY c.sha256) i"
    " JOIN clips c ON c.id = i.clip ORDER BY i.first, i.clip";
/* The live schedules of the topic's clips with an airing due before ?1. */
static const char report_sql_scheds[] =
    "SELECT " BOOK_SCHED_COLS ", c.sha256 FROM schedules s"
    " JOIN clips c ON c.id = s.clip_id"
    " WHERE s.next_due IS NOT NULL AND s.removed IS NULL"
    " AND s.next_due < ?1 AND c.topic = ?2";

/* Prepare sql; NULL with err. */
static sqlite3_stmt *
report_prepare(struct book *b, const char *sql, struct lx_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		book_fail(b, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* A report statement over [from, to) of the topic; NULL with err. */
static sqlite3_stmt *
report_stmt(struct book *b, const char *sql, int64_t from, int64_t to,
    struct lx_err *err)
{
	sqlite3_stmt *st = report_prepare(b, sql, err);

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_text(st, 3, LX_TOPIC_QUOTA, -1, SQLITE_STATIC);
	return st;
}

/* Finalize st after its last step rc: 0, or -1 with err. */
static int
report_end(struct book *b, sqlite3_stmt *st, int rc, struct lx_err *err)
{
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		book_fail(b, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The band of the day instant t falls in, by its local hour. */
static int
report_band(int64_t t)
{
	time_t s = (time_t)(t / WHEN_SEC);
	struct tm tm;
	int i = REPORT_BANDS - 1;

	localtime_r(&s, &tm);
	while (i > 0 && tm.tm_hour < report_band_hour[i])
		i--;
	return i;
}

/* Add the month [from, to) to r. */
static int
report_add_month(
    struct report *r, int64_t from, int64_t to, int64_t now, struct lx_err *err)
{
	struct report_month *m;
	int64_t ms, me;

	if (r->nmonths == LX_MAX_MONTHS)
		return lx_err_set(err, LX_E_ARG,
		    "a report covers at most %d months", LX_MAX_MONTHS);
	m = &r->month[r->nmonths++];
	when_month_of(from, &ms, &me, m->label);
	m->from = from;
	m->to = to;
	m->running = now >= from && now < to;
	return 0;
}

/* The months: the edges given, or [edge[0], edge[1]) split at local
 * month starts. */
static int
report_months(struct report *r, const int64_t *edge, int n, int64_t now,
    struct lx_err *err)
{
	int64_t ms, me;
	char label[8];

	if (n < 2)
		return lx_err_set(err, LX_E_ARG, "empty period");
	for (int i = 0; i + 1 < n; i++)
		if (edge[i] >= edge[i + 1])
			return lx_err_set(
			    err, LX_E_ARG, "month bounds out of order");
	if (n > 2)
		for (int i = 0; i + 1 < n; i++)
			if (report_add_month(r, edge[i], edge[i + 1], now, err))
				return -1;
	for (int64_t t = edge[0]; n == 2 && t < edge[1]; t = me) {
		when_month_of(t, &ms, &me, label);
		if (report_add_month(
		        r, t, me < edge[1] ? me : edge[1], now, err) == -1)
			return -1;
	}
	return 0;
}

/* Add the done airings of [from, to) to their months and the total. */
static int
report_airings(struct book *b, struct report *r, struct lx_err *err)
{
	sqlite3_stmt *st = report_stmt(b, report_sql_rows, r->month[0].from,
	    r->month[r->nmonths - 1].to, err);
	struct report_sum *m;
	int i = 0, rc, band;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(st, 0);

		while (i + 1 < r->nmonths && t >= r->month[i].to)
			i++;
		m = &r->month[i].sum;
		band = report_band(book_col_int(st, 1, t));
		m->airings++;
		m->airtime += book_col_int(st, 2, 0);
		m->hours[band]++;
		r->total.airings++;
		r->total.airtime += book_col_int(st, 2, 0);
		r->total.hours[band]++;
	}
	return report_end(b, st, rc, err);
}

/* The distinct audio (sha256) aired done in [from, to), sorted, into *v;
 * returns how many, or -1. */
static int64_t
report_shas(struct book *b, int64_t from, int64_t to, char (**v)[65],
    struct lx_err *err)
{
	sqlite3_stmt *st = report_stmt(b, report_sql_shas, from, to, err);
	int64_t n = 0, cap = 0;
	int rc;

	*v = NULL;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*v = xrealloc(*v, (size_t)cap * sizeof **v);
		}
		book_col_text(st, 0, (*v)[n++], sizeof **v);
	}
	if (report_end(b, st, rc, err) == -1) {
		free(*v);
		*v = NULL;
		return -1;
	}
	return n;
}

static int
report_sha_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* How many occurrences schedule s has in [from, to), from its next_due. */
static int64_t
report_count(
    const struct schedule *s, int64_t from, int64_t to, struct lx_err *err)
{
	struct recur *r = recur_new(s->dtstart, s->rrule, err);
	int64_t t = s->next_due, n = 0;
	int more = 1;

	if (r == NULL)
		return -1;
	if (t < from)
		more = recur_next(r, from - 1, &t);
	for (; more && t < to; n++)
		more = recur_next(r, t, &t);
	recur_free(r);
	return n;
}

/*
 * The running month m's forecast: every cchc airing still to come in it
 * (from each schedule's next_due, so one waiting for the output counts),
 * and the distinct audio among them not aired yet.  Counted schedule by
 * schedule: nothing else crowds them out.
 */
static int
report_forecast(struct book *b, struct report_month *m, struct lx_err *err)
{
	sqlite3_stmt *st = report_prepare(b, report_sql_scheds, err);
	char(*aired)[65], (*fresh)[65] = NULL;
	int64_t naired, nfresh = 0, cap = 0, n = 0;
	struct schedule s;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, m->to);
	sqlite3_bind_text(st, 2, LX_TOPIC_QUOTA, -1, SQLITE_STATIC);
	if ((naired = report_shas(b, m->from, m->to, &aired, err)) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		book_row_schedule(st, &s);
		if ((n = report_count(&s, m->from, m->to, err)) == -1)
			break;
		m->pending += n;
		if (n == 0)
			continue;
		if (nfresh == cap) {
			cap = cap ? cap * 2 : 16;
			fresh = xrealloc(fresh, (size_t)cap * sizeof *fresh);
		}
		book_col_text(st, 9, fresh[nfresh], sizeof *fresh);
		if (naired == 0 ||
		    bsearch(fresh[nfresh], aired, (size_t)naired, sizeof *aired,
		        report_sha_cmp) == NULL)
			nfresh++;
	}
	if (fresh != NULL)
		qsort(fresh, (size_t)nfresh, sizeof *fresh, report_sha_cmp);
	m->projected = m->sum.items;
	for (int64_t i = 0; i < nfresh; i++)
		if (i == 0 || strcmp(fresh[i], fresh[i - 1]) != 0)
			m->projected++;
	free(aired);
	free(fresh);
	if (n == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	return report_end(b, st, rc, err);
}

/* The items over the period: r->total.items, and fn for each. */
static int
report_items(struct book *b, struct report *r,
    int (*fn)(void *, const struct report_item *), void *ctx,
    struct lx_err *err)
{
	sqlite3_stmt *st = report_stmt(b, report_sql_items, r->month[0].from,
	    r->month[r->nmonths - 1].to, err);
	struct report_item it;
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->total.items++;
		if (fn == NULL || stop)
			continue;
		it.clip_id = sqlite3_column_int64(st, 0);
		book_col_text(st, 1, it.sha256, sizeof it.sha256);
		book_col_text(st, 2, it.title, sizeof it.title);
		it.airings = sqlite3_column_int64(st, 3);
		it.airtime = book_col_int(st, 4, 0);
		stop = fn(ctx, &it) != 0;
	}
	return report_end(b, st, rc, err);
}

/* Each month's distinct items, whether it met the quota, and the running
 * month's forecast. */
static int
report_each_month(struct book *b, struct report *r, struct lx_err *err)
{
	char(*shas)[65];

	for (int i = 0; i < r->nmonths; i++) {
		struct report_month *m = &r->month[i];
		int64_t n = report_shas(b, m->from, m->to, &shas, err);

		if (n == -1)
			return -1;
		free(shas);
		m->sum.items = n;
		m->met = n >= r->quota;
		m->projected = n;
		r->months_met += m->met;
		if (m->running) {
			if (report_forecast(b, m, err) == -1)
				return -1;
			r->pending = m->pending;
			r->projected = m->projected;
		}
	}
	return 0;
}

int
book_report(struct book *b, const int64_t *edge, int n, int64_t now,
    struct report *r, int (*fn_item)(void *, const struct report_item *),
    int (*fn_up)(void *, const struct occurrence *), void *ctx,
    struct lx_err *err)
{
	memset(r, 0, sizeof *r);
	r->quota = book_meta_int(b, "quota_per_month", LX_QUOTA_DEFAULT);
	if (report_months(r, edge, n, now, err) == -1 ||
	    report_airings(b, r, err) == -1 ||
	    report_each_month(b, r, err) == -1 ||
	    report_items(b, r, fn_item, ctx, err) == -1)
		return -1;
	for (int i = 0; i < r->nmonths; i++) {
		const struct report_month *m = &r->month[i];

		/* From the month's start, not now: an airing waiting for the
		 * output has no row yet and is still to come. */
		if (m->running && fn_up != NULL &&
		    next_of(b, m->from, m->to, LX_MAX_UPCOMING, LX_TOPIC_QUOTA,
		        fn_up, ctx, err) == -1)
			return -1;
	}
	return 0;
}
