/*
 * Unit tests for the book's look-ahead and its airing rows: book_next
 * merging many schedules against a plain expansion of each, next_due
 * moving as rows are written, finished rows that never change, and the
 * quota report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../schedules/book.h"
#include "../../schedules/when.h"
#include "check.h"

#define MAXSCHED 16
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

static int64_t
add_clip(struct book *b, const char *sha, const char *topic)
{
	struct clip c = {0};
	struct lx_err err;

	snprintf(c.sha256, sizeof c.sha256, "%s", sha);
	snprintf(c.title, sizeof c.title, "Tin %s", sha);
	snprintf(c.topic, sizeof c.topic, "%s", topic);
	snprintf(c.format, sizeof c.format, "WAV");
	c.rate = 8000;
	c.channels = 1;
	c.frames = 8000;
	c.bytes = 16044;
	if (book_clip_add(b, &c, &err) == -1) {
		printf("clip add: %s\n", err.msg);
		exit(1);
	}
	return c.id;
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
	    b, &(struct airing_due){s.clip_id, s.id, s.next_due, 0, -1}, &err);
	CHECK(id > 0);
	CHECK(book_airing_begin(b,
	          &(struct airing_due){
	              s.clip_id, s.id, L("2026-03-01 05:30"), 0, -1},
	          &err) == -1);
	check_next(b, now, 0, 50);
	CHECK(book_schedule_get(b, s.id, &s, &err) == 0);
	CHECK(s.next_due == L("2026-03-02 05:30"));
	CHECK(book_airing_missed(b,
	          &(struct airing_due){
	              s.clip_id, s.id, s.next_due, s.priority, -1},
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
	CHECK(book_airing_recover(b, &err) == 0);
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
	    &(struct airing_due){cchc2, 0, L("2026-03-01 08:00"), 0, 0}, &err);
	CHECK(book_airing_finish(b, id, AIRING_FAILED, L("2026-03-01 08:00"), 0,
	          "device", &err) == 0);
	id = book_airing_begin(b,
	    &(struct airing_due){other, 0, L("2026-03-01 09:00"), 0, 0}, &err);
	CHECK(book_airing_finish(b, id, AIRING_DONE, L("2026-03-01 09:01"),
	          8000, "", &err) == 0);
	CHECK(book_report(b, from, to, now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK(r.quota == 2);
	CHECK(r.items == 1);
	CHECK(r.airings == 1);
	CHECK(r.projected == 1); /* every upcoming airing is of clip 1 */
	CHECK(r.upcoming > 0);

	id = book_airing_begin(b,
	    &(struct airing_due){cchc2, 0, L("2026-03-02 08:00"), 0, 0}, &err);
	CHECK(book_airing_finish(b, id, AIRING_DONE, L("2026-03-02 08:01"),
	          8000, "", &err) == 0);
	CHECK(book_report(b, from, to, now, &r, NULL, NULL, NULL, &err) == 0);
	CHECK(r.items == 2);
	CHECK(r.airings == 2);
	/* Another month sees none of it. */
	CHECK(book_report(b, to, L("2026-05-01"), now, &r, NULL, NULL, NULL,
	          &err) == 0);
	CHECK(r.items == 0 && r.airings == 0);
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
