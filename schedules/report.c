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

/* The topic's clips, grouped by audio. */
static const char report_sql_clips[] =
    "SELECT id, rate, sha256 FROM clips WHERE topic = ?1 ORDER BY sha256, id";
/* The done airings in [?1, ?2), read off the covering index airings_done
 * alone (schema step 3): no clip is looked up row by row. */
static const char report_sql_done[] =
    "SELECT scheduled, started, clip_id, frames FROM airings"
    " WHERE status = 'done' AND scheduled >= ?1 AND scheduled < ?2"
    " ORDER BY scheduled";
static const char report_sql_title[] = "SELECT title FROM clips WHERE id = ?1";
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

#define REPORT_SLOT (15 * 60 * WHEN_SEC) /* a band is cached this long */

/* The topic's clips by id, each with its audio's index. */
struct report_clip {
	int64_t id, rate;
	int64_t audio;
};

/* One distinct audio of the topic, and what of it aired in the period. */
struct report_audio {
	char sha256[65];
	int64_t clip; /* the newest clip that aired it */
	int64_t airings, airtime, first;
	unsigned months; /* bit i: aired in month i */
};

/* The state of one pass over the period's done airings. */
struct report_pass {
	struct report_clip *clip;
	int64_t nclips;
	struct report_audio *audio;
	int64_t naudio;
	int64_t slot; /* the 15-minute slot whose band is cached, or -1 */
	int band;
};

static int
report_clip_cmp(const void *a, const void *b)
{
	const struct report_clip *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* The topic's clips and their distinct audio into p: 0, or -1 with err. */
static int
report_load_clips(struct book *b, struct report_pass *p, struct lx_err *err)
{
	sqlite3_stmt *st = report_prepare(b, report_sql_clips, err);
	int64_t cap = 0;
	char sha[65];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, LX_TOPIC_QUOTA, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (p->nclips == cap) {
			cap = cap ? cap * 2 : 16;
			p->clip =
			    xrealloc(p->clip, (size_t)cap * sizeof *p->clip);
			p->audio =
			    xrealloc(p->audio, (size_t)cap * sizeof *p->audio);
		}
		book_col_text(st, 2, sha, sizeof sha);
		if (p->naudio == 0 ||
		    strcmp(p->audio[p->naudio - 1].sha256, sha) != 0) {
			memset(&p->audio[p->naudio], 0, sizeof *p->audio);
			memcpy(p->audio[p->naudio++].sha256, sha, sizeof sha);
		}
		p->clip[p->nclips].id = sqlite3_column_int64(st, 0);
		p->clip[p->nclips].rate = sqlite3_column_int64(st, 1);
		p->clip[p->nclips++].audio = p->naudio - 1;
	}
	if (p->nclips > 0)
		qsort(p->clip, (size_t)p->nclips, sizeof *p->clip,
		    report_clip_cmp);
	return report_end(b, st, rc, err);
}

/* The band of t, cached for its 15-minute slot when the whole slot falls
 * in one band (any zone whose offset is whole quarter hours). */
static int
report_band_of(struct report_pass *p, int64_t t)
{
	int64_t slot = t >= 0 ? t / REPORT_SLOT : -1;

	if (slot >= 0 && slot == p->slot)
		return p->band;
	p->slot = -1;
	p->band = report_band(t);
	if (slot >= 0 && report_band(slot * REPORT_SLOT) == p->band &&
	    report_band((slot + 1) * REPORT_SLOT - 1) == p->band)
		p->slot = slot;
	return p->band;
}

/* Count one done airing of clip c (of the topic) in month i. */
static void
report_count_one(struct report *r, struct report_pass *p, int i,
    const struct report_clip *c, int64_t scheduled, int64_t started,
    int64_t frames)
{
	struct report_audio *a = &p->audio[c->audio];
	struct report_sum *m = &r->month[i].sum;
	/* As SQLite computes frames * 1000000 / rate: NULL (0) for rate 0. */
	int64_t len = c->rate != 0 ? frames * 1000000 / c->rate : 0;
	int band = report_band_of(p, started);

	m->airings++;
	m->airtime += len;
	m->hours[band]++;
	r->total.airings++;
	r->total.airtime += len;
	r->total.hours[band]++;
	if (!(a->months & 1u << i)) {
		a->months |= 1u << i;
		m->items++;
	}
	if (a->airings++ == 0) {
		r->total.items++;
		a->first = scheduled;
	}
	a->airtime += len;
	if (c->id > a->clip)
		a->clip = c->id;
}

/* One pass over the period's done airings: each month's and the period's
 * airings, airtime, hours and distinct items, and each item's. */
static int
report_pass(
    struct book *b, struct report *r, struct report_pass *p, struct lx_err *err)
{
	sqlite3_stmt *st = report_prepare(b, report_sql_done, err);
	struct report_clip key, *c;
	int i = 0, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->month[0].from);
	sqlite3_bind_int64(st, 2, r->month[r->nmonths - 1].to);
	p->slot = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(st, 0);

		key.id = sqlite3_column_int64(st, 2);
		if (p->nclips == 0 ||
		    (c = bsearch(&key, p->clip, (size_t)p->nclips,
		         sizeof *p->clip, report_clip_cmp)) == NULL)
			continue;
		while (i + 1 < r->nmonths && t >= r->month[i].to)
			i++;
		report_count_one(r, p, i, c, t, book_col_int(st, 1, t),
		    sqlite3_column_int64(st, 3));
	}
	return report_end(b, st, rc, err);
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
 * and the distinct audio among them not aired yet (aired: the month's
 * aired audio, sorted).  Counted schedule by schedule: nothing else
 * crowds them out.
 */
static int
report_forecast(struct book *b, struct report_month *m, char (*aired)[65],
    int64_t naired, struct lx_err *err)
{
	sqlite3_stmt *st = report_prepare(b, report_sql_scheds, err);
	char(*fresh)[65] = NULL;
	int64_t nfresh = 0, cap = 0, n = 0;
	struct schedule s;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, m->to);
	sqlite3_bind_text(st, 2, LX_TOPIC_QUOTA, -1, SQLITE_STATIC);
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
	free(fresh);
	if (n == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	return report_end(b, st, rc, err);
}

static int
report_item_cmp(const void *a, const void *b)
{
	const struct report_audio *x = *(const struct report_audio *const *)a;
	const struct report_audio *y = *(const struct report_audio *const *)b;

	if (x->first != y->first)
		return (x->first > y->first) - (x->first < y->first);
	return (x->clip > y->clip) - (x->clip < y->clip);
}

/* fn for each item over the period, first aired first, named by the
 * newest clip that aired it. */
static int
report_items(struct book *b, struct report_pass *p,
    int (*fn)(void *, const struct report_item *), void *ctx,
    struct lx_err *err)
{
	sqlite3_stmt *st;
	struct report_audio **v;
	struct report_item it;
	int64_t n = 0;
	int rc = SQLITE_DONE;

	if (fn == NULL || p->naudio == 0)
		return 0;
	if ((st = report_prepare(b, report_sql_title, err)) == NULL)
		return -1;
	v = xcalloc((size_t)p->naudio, sizeof *v);
	for (int64_t i = 0; i < p->naudio; i++)
		if (p->audio[i].airings > 0)
			v[n++] = &p->audio[i];
	if (n > 0)
		qsort(v, (size_t)n, sizeof *v, report_item_cmp);
	for (int64_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, v[i]->clip);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		it.clip_id = v[i]->clip;
		lx_strlcpy(it.sha256, v[i]->sha256, sizeof it.sha256);
		book_col_text(st, 0, it.title, sizeof it.title);
		it.airings = v[i]->airings;
		it.airtime = v[i]->airtime;
		rc = SQLITE_DONE;
		if (fn(ctx, &it) != 0)
			break;
	}
	free(v);
	return report_end(b, st, rc, err);
}

/* Each month's quota check, and the running month's forecast from the
 * audio p saw aired in it. */
static int
report_each_month(struct book *b, struct report *r, const struct report_pass *p,
    struct lx_err *err)
{
	for (int i = 0; i < r->nmonths; i++) {
		struct report_month *m = &r->month[i];
		char(*aired)[65] = NULL;
		int64_t naired = 0;
		int rc;

		m->met = m->sum.items >= r->quota;
		m->projected = m->sum.items;
		r->months_met += m->met;
		if (!m->running)
			continue;
		/* p->audio is sorted by sha256, so aired is too. */
		if (m->sum.items > 0)
			aired = xcalloc((size_t)m->sum.items, sizeof *aired);
		for (int64_t j = 0; j < p->naudio; j++)
			if (p->audio[j].months & 1u << i)
				memcpy(aired[naired++], p->audio[j].sha256,
				    sizeof *aired);
		rc = report_forecast(b, m, aired, naired, err);
		free(aired);
		if (rc == -1)
			return -1;
		r->pending = m->pending;
		r->projected = m->projected;
	}
	return 0;
}

int
book_report(struct book *b, const int64_t *edge, int n, int64_t now,
    struct report *r, int (*fn_item)(void *, const struct report_item *),
    int (*fn_up)(void *, const struct occurrence *), void *ctx,
    struct lx_err *err)
{
	struct report_pass p = {NULL, 0, NULL, 0, -1, 0};
	int rc;

	memset(r, 0, sizeof *r);
	r->quota = book_meta_int(b, "quota_per_month", LX_QUOTA_DEFAULT);
	rc = report_months(r, edge, n, now, err) == -1 ||
	    report_load_clips(b, &p, err) == -1 ||
	    report_pass(b, r, &p, err) == -1 ||
	    report_each_month(b, r, &p, err) == -1 ||
	    report_items(b, &p, fn_item, ctx, err) == -1;
	free(p.clip);
	free(p.audio);
	if (rc)
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
