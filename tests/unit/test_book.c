/*
 * Unit tests for the book's look-ahead and its airing rows: book_next
 * merging many schedules against a plain expansion of each, next_due
 * moving as rows are written, finished rows that never change, and the
 * quota report, also against plain SQL over the same rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../schedules/book.h"
#include "../../schedules/when.h"
#include "check.h"
#include "fixture.h"

#define MAXSCHED 32
#define MAXN 600

struct occ {
	int64_t t;
	int64_t sid;
};

static struct schedule scheds[MAXSCHED];
static int nscheds;
static struct occ got[MAXN];
static int ngot;

/* A local time that must parse. */
static int64_t
L(const char *s)
{
	struct lx_err err;
	int64_t t;

	if (when_parse_local(s, &t, &err) == -1) {
		printf("bad time %s: %s\n", s, err.msg);
		exit(1);
	}
	return t;
}

static void
add_sched(struct book *b, int64_t clip, const char *start, const char *rule,
    int64_t now)
{
	struct schedule *s = &scheds[nscheds];
	struct lx_err err;

	memset(s, 0, sizeof *s);
	s->clip_id = clip;
	snprintf(s->dtstart, sizeof s->dtstart, "%s", start);
	snprintf(s->rrule, sizeof s->rrule, "%s", rule);
	if (book_schedule_add(b, s, now, &err) == -1) {
		printf("schedule add %s %s: %s\n", start, rule, err.msg);
		exit(1);
	}
	nscheds++;
}

static int
collect(void *ctx, const struct occurrence *o)
{
	(void)ctx;
	got[ngot].t = o->scheduled;
	got[ngot].sid = o->schedule_id;
	ngot++;
	return 0;
}

static int
occ_cmp(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->sid > y->sid) - (x->sid < y->sid);
}

/* The first n occurrences in [from, to) of the live schedules, expanded
 * one by one from each schedule's next_due and sorted. */
static int
plain_next(struct book *b, int64_t from, int64_t to, int n, struct occ *out)
{
	static struct occ all[MAXSCHED * MAXN];
	int nall = 0;

	for (int i = 0; i < nscheds; i++) {
		struct schedule s;
		struct recur *r;
		struct lx_err err;
		int64_t t;
		int more;

		if (book_schedule_get(b, scheds[i].id, &s, &err) == -1 ||
		    s.next_due < 0)
			continue;
		r = recur_new(s.dtstart, s.rrule, &err);
		t = s.next_due;
		more = 1;
		if (t < from)
			more = recur_next(r, from - 1, &t);
		for (int k = 0; more && t < to && k < n; k++) {
			all[nall].t = t;
			all[nall++].sid = s.id;
			more = recur_next(r, t, &t);
		}
		recur_free(r);
	}
	qsort(all, nall, sizeof *all, occ_cmp);
	if (nall > n)
		nall = n;
	memcpy(out, all, nall * sizeof *out);
	return nall;
}

/* book_next agrees with the plain expansion. */
static void
check_next(struct book *b, int64_t from, int64_t to, int n)
{
	static struct occ want[MAXN];
	struct lx_err err;
	int nwant = plain_next(b, from, to ? to : INT64_MAX, n, want);
	int rc;

	ngot = 0;
	rc = book_next(b, from, to, n, collect, NULL, &err);
	CHECK(rc == nwant);
	CHECK(ngot == nwant);
	for (int i = 0; i < ngot && i < nwant; i++)
		if (got[i].t != want[i].t || got[i].sid != want[i].sid) {
			printf("next n=%d #%d: got %lld/%lld want %lld/%lld\n",
			    n, i, (long long)got[i].t, (long long)got[i].sid,
			    (long long)want[i].t, (long long)want[i].sid);
			failed = 1;
			break;
		}
	for (int i = 1; i < ngot; i++)
		CHECK(occ_cmp(&got[i - 1], &got[i]) <= 0);
}

static void
test_next(struct book *b, int64_t clip, int64_t now)
{
	struct lx_err err;
	int64_t id;

	add_sched(b, clip, "2026-03-01T05:30:00", "FREQ=DAILY", now);
	add_sched(
	    b, clip, "2026-03-01T17:00:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR", now);
	add_sched(b, clip, "2026-03-05T12:00:00", "", now);
	add_sched(
	    b, clip, "2026-03-02T00:00:00", "FREQ=MINUTELY;INTERVAL=97", now);
	add_sched(
	    b, clip, "2026-01-31T06:00:00", "FREQ=MONTHLY;BYMONTHDAY=31", now);
	/* Same instants as the daily one: ties go by schedule id. */
	add_sched(b, clip, "2026-03-01T05:30:00",
	    "FREQ=DAILY;UNTIL=20260310T235959", now);
	add_sched(
	    b, clip, "2026-03-03T09:00:00", "FREQ=HOURLY;INTERVAL=5", now);
	CHECK(book_schedule_remove(b, scheds[6].id, now, &err) == 0);

	int ns[] = {1, 2, 5, 17, 100, 500};
	for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
		check_next(b, now, 0, ns[i]);
		check_next(b, L("2026-03-04 10:00"), 0, ns[i]);
		check_next(b, now, L("2026-03-31 06:00"), ns[i]);
	}

	/* Writing a row moves next_due: that occurrence is no longer next. */
	struct schedule s;
	CHECK(book_schedule_due(b, &s, &err) == 1);
	CHECK(s.next_due == L("2026-03-01 05:30"));
	id = book_airing_begin(
	    b, &(struct airing_due){s.clip_id, s.id, s.next_due, 0, ""}, &err);
	CHECK(id > 0);
	CHECK(book_airing_begin(b,
	          &(struct airing_due){
	              s.clip_id, s.id, L("2026-03-01 05:30"), 0, ""},
	          &err) == -1);
	check_next(b, now, 0, 50);
	CHECK(book_schedule_get(b, s.id, &s, &err) == 0);
	CHECK(s.next_due == L("2026-03-02 05:30"));
	CHECK(book_airing_missed(b,
	          &(struct airing_due){
	              s.clip_id, s.id, s.next_due, s.priority, ""},
	          "not running", &err) > 0);
	CHECK(book_schedule_get(b, s.id, &s, &err) == 0);
	CHECK(s.next_due == L("2026-03-03 05:30"));
	check_next(b, now, 0, 50);

	/* A finished row never changes again. */
	CHECK(
	    book_airing_started(b, id, L("2026-03-01 05:30") + 120, &err) == 0);
	CHECK(book_airing_finish(b, id, AIRING_DONE, L("2026-03-01 05:31"),
	          8000, "", &err) == 0);
	CHECK(book_airing_finish(b, id, AIRING_INTERRUPTED,
	          L("2026-03-01 05:32"), 10, "x", &err) == -1);
	CHECK(err.code == LX_E_BUSY);
	/* A cue withdrawn before its first sample ends missed; a started
	 * one cannot. */
	id = book_airing_begin(b,
	    &(struct airing_due){s.clip_id, 0, L("2026-03-01 06:00"), 0, ""},
	    &err);
	CHECK(id > 0);
	CHECK(book_airing_finish(b, id, AIRING_MISSED, L("2026-03-01 06:00"), 0,
	          "schedule removed", &err) == 0);
	id = book_airing_begin(b,
	    &(struct airing_due){s.clip_id, 0, L("2026-03-01 06:10"), 0, ""},
	    &err);
	CHECK(book_airing_started(b, id, L("2026-03-01 06:10"), &err) == 0);
	CHECK(book_airing_finish(b, id, AIRING_MISSED, L("2026-03-01 06:11"), 0,
	          "schedule removed", &err) == -1);
	CHECK(book_airing_finish(b, id, AIRING_INTERRUPTED,
	          L("2026-03-01 06:11"), 10, "schedule removed", &err) == 0);
	CHECK(book_airing_recover(b, &err) == 0);
}

/* A done cchc airing of clip at local time `when`. */
static void
aired(struct book *b, int64_t clip, const char *when, int64_t frames)
{
	struct lx_err err;
	int64_t t = L(when), id;

	id = book_airing_begin(
	    b, &(struct airing_due){clip, 0, t, 0, "root"}, &err);
	CHECK(id > 0);
	CHECK(book_airing_started(b, id, t + 300, &err) == 0);
	CHECK(book_airing_finish(
	          b, id, AIRING_DONE, t + 2 * WHEN_SEC, frames, "", &err) == 0);
}

static int nup;

static int
count_up(void *ctx, const struct occurrence *o)
{
	(void)ctx, (void)o;
	nup++;
	return 0;
}

static void
test_report(struct book *b, int64_t cchc2, int64_t other, int64_t now)
{
	int64_t from = L("2026-03-01"), to = L("2026-04-01"), id;
	struct report r;
	struct lx_err err;

	/* Clip 1 aired done once (test_next); add a failed cchc airing and a
	 * done one of another topic: neither counts. */
	id = book_airing_begin(b,
	    &(struct airing_due){cchc2, 0, L("2026-03-01 08:00"), 0, "root"},
	    &err);
	CHECK(book_airing_finish(b, id, AIRING_FAILED, L("2026-03-01 08:00"), 0,
	          "device", &err) == 0);
	id = book_airing_begin(b,
	    &(struct airing_due){other, 0, L("2026-03-01 09:00"), 0, "root"},
	    &err);
	CHECK(book_airing_finish(b, id, AIRING_DONE, L("2026-03-01 09:01"),
	          8000, "", &err) == 0);
	CHECK(book_report(b, (int64_t[]){from, to}, 2, now, &r, NULL, NULL,
	          NULL, &err) == 0);
	CHECK(r.quota == 2);
	CHECK(r.nmonths == 1 && r.month[0].running);
	CHECK(r.total.items == 1 && r.month[0].sum.items == 1);
	CHECK(r.total.airings == 1);
	CHECK(r.projected == 1); /* every upcoming airing is of clip 1 */
	CHECK(r.pending > 0);

	id = book_airing_begin(b,
	    &(struct airing_due){cchc2, 0, L("2026-03-02 08:00"), 0, "root"},
	    &err);
	CHECK(book_airing_finish(b, id, AIRING_DONE, L("2026-03-02 08:01"),
	          8000, "", &err) == 0);
	CHECK(book_report(b, (int64_t[]){from, to}, 2, now, &r, NULL, NULL,
	          NULL, &err) == 0);
	CHECK(r.total.items == 2);
	CHECK(r.total.airings == 2);
	CHECK(r.months_met == 1 && r.month[0].met);
	/* Another month sees none of it. */
	CHECK(book_report(b, (int64_t[]){to, L("2026-05-01")}, 2, now, &r, NULL,
	          NULL, NULL, &err) == 0);
	CHECK(r.total.items == 0 && r.total.airings == 0);
	CHECK(!r.month[0].running && r.pending == 0);
}

/*
 * A period over a year boundary, one month a quarter not met; airtime and
 * the bands of the day; an item is its audio (a clip removed and added
 * again under a new title counts once).
 */
static void
test_periods(struct book *b)
{
	int64_t now = L("2027-06-15 12:00"), c, c2, w;
	struct report r;
	struct lx_err err;

	c = add_clip(b, "p1", "cchc");
	w = add_clip(b, "p2", "cchc");
	aired(b, c, "2026-11-03 05:30", 16000); /* 2 s */
	aired(b, w, "2026-11-20 17:00", 8000);
	aired(b, c, "2026-12-01 06:59", 8000);
	aired(b, c, "2026-12-31 23:59", 8000);
	aired(b, c, "2027-01-01 00:00", 8000);
	CHECK(book_clip_remove(b, c, now, &err) == 0);
	c2 = add_clip(b, "p1", "cchc"); /* the same audio again */
	CHECK(c2 != c);
	aired(b, c2, "2027-01-10 07:00", 8000);
	aired(b, w, "2027-01-11 11:00", 8000);
	aired(b, w, "2027-02-11 14:00", 8000);
	aired(b, c2, "2027-02-12 16:59", 8000);
	aired(b, w, "2027-03-02 13:59", 8000);

	/* Q4 2026 .. Q1 2027: six months, over the new year. */
	CHECK(book_report(b, (int64_t[]){L("2026-10-01"), L("2027-04-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK_EQ(r.nmonths, 6);
	CHECK_STR(r.month[0].label, "2026-10");
	CHECK_STR(r.month[3].label, "2027-01");
	CHECK_EQ(r.month[0].sum.items, 0);
	CHECK_EQ(r.month[1].sum.items, 2);
	CHECK_EQ(r.month[2].sum.items, 1); /* two airings of one item */
	CHECK_EQ(r.month[2].sum.airings, 2);
	CHECK_EQ(r.month[3].sum.items, 2); /* c and c2 are one item */
	CHECK_EQ(r.month[3].sum.airings, 3);
	CHECK_EQ(r.month[4].sum.items, 2);
	CHECK_EQ(r.month[5].sum.items, 1);
	CHECK_EQ(r.months_met, 3);
	CHECK_EQ(r.total.items, 2);
	CHECK_EQ(r.total.airings, 10);
	CHECK_EQ(r.total.airtime, 11 * WHEN_SEC);
	CHECK_EQ(r.month[1].sum.airtime, 3 * WHEN_SEC);
	/* before 07: 05:30, 06:59, 00:00; 07-11: 07:00; 11-14: 11:00,
	 * 13:59; 14-17: 14:00, 16:59; after 17: 17:00, 23:59. */
	CHECK_EQ(r.total.hours[0], 3);
	CHECK_EQ(r.total.hours[1], 1);
	CHECK_EQ(r.total.hours[2], 2);
	CHECK_EQ(r.total.hours[3], 2);
	CHECK_EQ(r.total.hours[4], 2);
	CHECK_EQ(r.month[1].sum.hours[0] + r.month[1].sum.hours[4], 2);
	for (int i = 0; i < r.nmonths; i++)
		CHECK(!r.month[i].running && r.month[i].pending == 0);

	/* Q1 2027 alone: the quarter's boundaries, January's both clips one
	 * item. */
	CHECK(book_report(b, (int64_t[]){L("2027-01-01"), L("2027-04-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK_EQ(r.nmonths, 3);
	CHECK_EQ(r.total.items, 2);
	CHECK_EQ(r.months_met, 2);
	/* Explicit month edges, as loaxactl sends them: Dec and Jan. */
	CHECK(
	    book_report(b,
	        (int64_t[]){L("2026-12-01"), L("2027-01-01"), L("2027-02-01")},
	        3, now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK_EQ(r.nmonths, 2);
	CHECK_EQ(r.total.items, 2);
	CHECK_EQ(r.total.airings, 5);
	CHECK(book_report(b, (int64_t[]){L("2027-02-01"), L("2027-01-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == -1);
	/* Thirteen months is one too many. */
	CHECK(book_report(b, (int64_t[]){L("2026-01-01"), L("2027-02-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == -1);
	CHECK(err.code == LX_E_ARG);
}

/*
 * The forecast of a running month is exact however busy other topics
 * are: 1500 minutely airings of a weather clip come before one cchc
 * airing, which still counts.
 */
static void
test_forecast(struct book *b)
{
	int64_t now = L("2028-05-20 00:00"), w, c, c3;
	struct report r;
	struct lx_err err;

	/* The earlier tests' schedules go: this month is the new ones'. */
	for (int i = 0; i < nscheds; i++)
		book_schedule_remove(b, scheds[i].id, now, &err);
	w = add_clip(b, "f1", "weather");
	c = add_clip(b, "f2", "cchc");
	c3 = add_clip(b, "f3", "cchc");
	add_sched(b, w, "2028-05-20T00:01:00", "FREQ=MINUTELY;COUNT=1500", now);
	add_sched(b, c, "2028-05-21T06:00:00", "", now);
	add_sched(b, c3, "2028-05-22T06:00:00", "FREQ=DAILY;COUNT=3", now);
	add_sched(b, c3, "2028-06-02T06:00:00", "", now); /* next month */
	nup = 0;
	CHECK(book_report(b, (int64_t[]){L("2028-05-01"), L("2028-06-01")}, 2,
	          now, &r, NULL, count_up, NULL, &err) == 0);
	CHECK(r.month[0].running);
	CHECK_EQ(r.pending, 4);
	CHECK_EQ(r.projected, 2);
	CHECK_EQ(nup, 4); /* only cchc airings are listed */
	/* One of c3 aired already: projected counts it once. */
	aired(b, c3, "2028-05-19 06:00", 8000);
	CHECK(book_report(b, (int64_t[]){L("2028-05-01"), L("2028-06-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK_EQ(r.projected, 2);
	CHECK_EQ(r.month[0].sum.items, 1);
	/* A quarter: only the running month forecasts. */
	CHECK(book_report(b, (int64_t[]){L("2028-04-01"), L("2028-07-01")}, 2,
	          now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK(!r.month[0].running && r.month[1].running && !r.month[2].running);
	CHECK_EQ(r.month[1].pending, 4);
	CHECK_EQ(r.month[2].pending, 0);
}

/* The one value of sql over [?1, ?2) = [from, to); -2 if it fails. */
static int64_t
sql_value(sqlite3 *db, const char *sql, int64_t from, int64_t to)
{
	sqlite3_stmt *st;
	int64_t v = -2;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* `what` over the done cchc airings in [from, to), by SQL of its own. */
static int64_t
sql_figure(sqlite3 *db, const char *what, int64_t from, int64_t to)
{
	char sql[512];

	snprintf(sql, sizeof sql,
	    "SELECT %s FROM (SELECT a.frames * 1000000 / c.rate AS len,"
	    " c.sha256 AS sha, CAST(strftime('%%H', a.started / 1000000,"
	    " 'unixepoch', 'localtime') AS INTEGER) AS h"
	    " FROM airings a JOIN clips c ON c.id = a.clip_id"
	    " WHERE a.status = 'done' AND c.topic = 'cchc'"
	    " AND a.scheduled >= ?1 AND a.scheduled < ?2)",
	    what);
	return sql_value(db, sql, from, to);
}

static int64_t nitems, item_airings;

static int
count_item(void *ctx, const struct report_item *it)
{
	(void)ctx;
	nitems++;
	item_airings += it->airings;
	return 0;
}

/*
 * A year of random airings (done and failed, two topics, an audio removed
 * and added again) against the same figures computed by plain SQL over
 * the rows, the hours by SQLite's own localtime.
 */
static void
test_against_sql(struct book *b, const char *path)
{
	static const char *const band_sql[REPORT_BANDS] = {"total(h < 7)",
	    "total(h >= 7 AND h < 11)", "total(h >= 11 AND h < 14)",
	    "total(h >= 14 AND h < 17)", "total(h >= 17)"};
	int64_t clip[6], edge[13], now = L("2031-01-01 00:00"), id, t;
	struct report r;
	struct lx_err err;
	sqlite3 *db;

	clip[0] = add_clip(b, "x1", "cchc");
	clip[1] = add_clip(b, "x2", "cchc");
	clip[2] = add_clip(b, "x3", "weather");
	clip[3] = add_clip(b, "x4", "cchc");
	CHECK(book_clip_remove(b, clip[0], now, &err) == 0);
	clip[4] = add_clip(b, "x1", "cchc"); /* the same audio again */
	clip[5] = add_clip(b, "x5", "cchc");
	srand(7);
	for (int i = 0; i < 400; i++) {
		t = L("2029-01-01 00:00") +
		    (int64_t)(rand() % (365 * 24 * 60)) * 60 * WHEN_SEC +
		    rand() % WHEN_SEC;
		id = book_airing_begin(b,
		    &(struct airing_due){clip[rand() % 6], 0, t, 0, "root"},
		    &err);
		CHECK(id > 0);
		CHECK(book_airing_started(
		          b, id, t + rand() % (30 * WHEN_SEC), &err) == 0);
		CHECK(
		    book_airing_finish(b, id,
		        rand() % 5 ? AIRING_DONE : AIRING_FAILED,
		        t + 40 * WHEN_SEC, 1 + rand() % 50000, "", &err) == 0);
	}
	for (int i = 0; i <= 12; i++)
		edge[i] =
		    when_from_local(2029 + i / 12, i % 12 + 1, 1, 0, 0, 0);
	nitems = item_airings = 0;
	CHECK(book_report(b, edge, 13, now, &r, count_item, NULL, NULL, &err) ==
	    0);
	CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	for (int i = 0; i < 12; i++) {
		const struct report_sum *m = &r.month[i].sum;
		int64_t f = edge[i], to = edge[i + 1];

		CHECK_EQ(m->airings, sql_figure(db, "count(*)", f, to));
		CHECK_EQ(
		    m->items, sql_figure(db, "count(DISTINCT sha)", f, to));
		CHECK_EQ(m->airtime, sql_figure(db, "total(len)", f, to));
		for (int k = 0; k < REPORT_BANDS; k++)
			CHECK_EQ(
			    m->hours[k], sql_figure(db, band_sql[k], f, to));
	}
	CHECK_EQ(
	    r.total.airings, sql_figure(db, "count(*)", edge[0], edge[12]));
	CHECK_EQ(r.total.items,
	    sql_figure(db, "count(DISTINCT sha)", edge[0], edge[12]));
	CHECK_EQ(r.total.items, 4); /* x1 (added twice), x2, x4, x5 */
	CHECK_EQ(nitems, r.total.items);
	CHECK_EQ(item_airings, r.total.airings);
	sqlite3_close(db);
}

int
main(void)
{
	char path[] = "/tmp/test_book.XXXXXX";
	char db[64];
	struct lx_err err;
	struct book *b;
	int64_t now, c1, c2, c3;

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mkdtemp(path) == NULL)
		return 1;
	snprintf(db, sizeof db, "%s/loaxa.db", path);
	if ((b = book_open(db, 0, &err)) == NULL) {
		printf("open: %s\n", err.msg);
		return 1;
	}
	now = L("2026-03-01 00:00");
	c1 = add_clip(b, "aa", "cchc");
	c2 = add_clip(b, "bb", "cchc");
	c3 = add_clip(b, "cc", "weather");
	test_next(b, c1, now);
	test_report(b, c2, c3, now);
	test_periods(b);
	test_forecast(b);
	test_against_sql(b, db);
	book_close(b);

	/* Read-only opens see the same. */
	CHECK((b = book_open(db, BOOK_READONLY, &err)) != NULL);
	CHECK(b == NULL || book_schedule_count_due(b, now, &err) == 0);
	book_close(b);
	unlink(db);
	snprintf(db, sizeof db, "%s/loaxa.db-wal", path);
	unlink(db);
	snprintf(db, sizeof db, "%s/loaxa.db-shm", path);
	unlink(db);
	rmdir(path);
	if (!failed)
		printf("unit_book: ok\n");
	return failed;
}
