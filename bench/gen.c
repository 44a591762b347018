/*
 * The scale generator: fills a loaxa database with N clips, M schedules
 * and K airing rows over the past Y years, for bench/ to time queries on.
 * The schema is made by the book itself (book_open runs the migrations);
 * the rows go in through SQL into those tables, in large transactions,
 * each schedule's airings at the instants its own rule gives (the book's
 * recurrence code), oldest first, as a daemon would have written them,
 * and hash-chained in that order as the daemon chains rows it finishes.
 *
 * usage: gen DB CLIPS SCHEDULES AIRINGS YEARS QUIET_HOUR
 * QUIET_HOUR: no schedule airs between that local hour and three hours
 * later, so a daemon started on the file stays quiet while it is timed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "../schedules/book.h"
#include "../schedules/chain.h"
#include "../schedules/recur.h"

#define BATCH 1000000 /* rows per transaction */
#define US 1000000LL
#define WEEK (7 * 86400 * US)
#define MAX_WEEKLY 16 /* occurrences a week a rule may have */

/*
 * A schedule and its occurrences: every rule here repeats each week, so
 * the book's recurrence gives the first week's and the rest follow by
 * adding weeks (exact in a zone without DST: bench runs in Asia/Ho_Chi_Minh,
 * and the first weeks are checked against the book).
 */
struct sched {
	int64_t id, clip_id, frames, rate;
	struct recur *r;
	int64_t week[MAX_WEEKLY]; /* the first week's, ascending */
	int nweek;
	int64_t k; /* index of next */
	int64_t next; /* its next occurrence, INT64_MAX when none */
};

/* A min-heap of schedules by next occurrence. */
struct heap {
	struct sched **v;
	int n;
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int64_t
rnd_below(int64_t n)
{
	return (int64_t)(rnd() % (uint64_t)n);
}

static void
die(const char *what, sqlite3 *db)
{
	fprintf(stderr, "gen: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, db);
}

static sqlite3_stmt *
prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, db);
	return st;
}

static void
step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert", db);
	sqlite3_reset(st);
}

/* Commit every BATCH rows so the WAL stays small. */
static void
batch(sqlite3 *db, int64_t i)
{
	if (i % BATCH == BATCH - 1) {
		exec(db, "COMMIT");
		exec(db, "BEGIN");
	}
}

/* The schema, made by the book's own migrations. */
static void
make_schema(const char *path)
{
	struct lx_err err;
	struct book *b = book_open(path, 0, &err);

	if (b == NULL) {
		fprintf(stderr, "gen: %s\n", err.msg);
		exit(1);
	}
	book_close(b);
}

static void
gen_clips(sqlite3 *db, int64_t n, int64_t from)
{
	static const char *const formats[] = {"MP3", "MP3", "MP3", "WAV"};
	sqlite3_stmt *st = prepare(db,
	    "INSERT INTO clips (sha256, title, topic, source, format, rate,"
	    " channels, frames, bytes, added, added_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, 44100, ?6, ?7, ?8, ?9, 0)");
	char sha[65], title[128], source[64];

	for (int64_t i = 0; i < n; i++) {
		int64_t frames = 44100 * (30 + rnd_below(600));

		snprintf(sha, sizeof sha, "%016llx%016llx%016llx%016llx",
		    (unsigned long long)i, (unsigned long long)rnd(),
		    (unsigned long long)rnd(), (unsigned long long)rnd());
		snprintf(title, sizeof title,
		    "Tin cải cách hành chính số %lld: thủ tục trực tuyến",
		    (long long)i + 1);
		snprintf(source, sizeof source, "Kế hoạch số %lld/KH-UBND",
		    (long long)rnd_below(300) + 1);
		sqlite3_bind_text(st, 1, sha, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, rnd_below(10) < 7 ? "cchc" : "other",
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, source, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, formats[i % 4], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, 1 + (int)(i % 2));
		sqlite3_bind_int64(st, 7, frames);
		sqlite3_bind_int64(st, 8, frames / 11);
		sqlite3_bind_int64(st, 9, from + rnd_below(US * 86400 * 30));
		step(db, st);
		batch(db, i);
	}
	sqlite3_finalize(st);
}

/* Occurrence k of s. */
static int64_t
sched_at(const struct sched *s, int64_t k)
{
	if (s->nweek == 0)
		return INT64_MAX;
	return s->week[k % s->nweek] + k / s->nweek * WEEK;
}

/* Learn s's first week from the book's recurrence after from, and check
 * three more weeks against it. */
static void
sched_learn(struct sched *s, int64_t from)
{
	int64_t t = from - 1;

	s->nweek = 0;
	while (s->nweek < MAX_WEEKLY && recur_next(s->r, t, &t) == 1 &&
	    (s->nweek == 0 || t < s->week[0] + WEEK))
		s->week[s->nweek++] = t;
	for (int64_t k = s->nweek; s->nweek > 0 && k < 4 * s->nweek; k++) {
		if (recur_next(s->r, sched_at(s, k - 1), &t) != 1 ||
		    t != sched_at(s, k)) {
			fprintf(stderr,
			    "gen: schedule %lld does not repeat "
			    "weekly here; run with "
			    "TZ=Asia/Ho_Chi_Minh\n",
			    (long long)s->id);
			exit(1);
		}
	}
}

/* The occurrence after s->next. */
static void
sched_advance(struct sched *s)
{
	s->next = sched_at(s, ++s->k);
}

/* A local hour outside [quiet, quiet + 3). */
static int
loud_hour(int quiet)
{
	int h;

	do
		h = 4 + (int)rnd_below(18);
	while ((h - quiet + 24) % 24 < 3);
	return h;
}

/* Schedule i's rule: twice daily, daily, or three days a week (about
 * 1.1 airings a day on average). */
static void
sched_rule(int64_t i, int quiet, char *rrule, size_t n, int *hour)
{
	int h2;

	*hour = loud_hour(quiet);
	switch (i % 10) {
	case 0:
	case 1:
	case 2:
		do
			h2 = loud_hour(quiet);
		while (h2 == *hour);
		snprintf(rrule, n, "FREQ=DAILY;BYHOUR=%d,%d", *hour, h2);
		break;
	case 3:
	case 4:
	case 5:
		snprintf(rrule, n, "FREQ=WEEKLY;BYDAY=MO,WE,FR");
		break;
	default:
		snprintf(rrule, n, "FREQ=DAILY");
	}
}

static void
gen_schedules(sqlite3 *db, struct sched *v, int64_t n, int64_t nclips,
    int64_t from, int quiet)
{
	sqlite3_stmt *st = prepare(db,
	    "INSERT INTO schedules (clip_id, dtstart, rrule, created, added_by)"
	    " VALUES (?1, ?2, ?3, ?4, 0)");
	char dtstart[64], rrule[96];
	struct lx_err err;
	struct tm tm;
	time_t t;
	int hour;

	for (int64_t i = 0; i < n; i++) {
		/* Started in the first weeks of the span, at a loud hour. */
		t = (time_t)((from + rnd_below(US * 86400 * 30)) / US);
		localtime_r(&t, &tm);
		sched_rule(i, quiet, rrule, sizeof rrule, &hour);
		snprintf(dtstart, sizeof dtstart, "%04d-%02d-%02dT%02d:%02d:00",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hour,
		    (int)rnd_below(60));
		v[i].id = i + 1;
		v[i].clip_id = 1 + rnd_below(nclips);
		v[i].rate = 44100;
		v[i].frames = 44100 * (30 + rnd_below(270));
		if ((v[i].r = recur_new(dtstart, rrule, &err)) == NULL) {
			fprintf(stderr, "gen: %s %s: %s\n", dtstart, rrule,
			    err.msg);
			exit(1);
		}
		sched_learn(&v[i], from);
		sqlite3_bind_int64(st, 1, v[i].clip_id);
		sqlite3_bind_text(st, 2, dtstart, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, rrule, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, from);
		step(db, st);
	}
	sqlite3_finalize(st);
}

static int
heap_less(const struct heap *h, int a, int b)
{
	return h->v[a]->next < h->v[b]->next ||
	    (h->v[a]->next == h->v[b]->next && h->v[a]->id < h->v[b]->id);
}

static void
heap_swap(struct heap *h, int a, int b)
{
	struct sched *t = h->v[a];

	h->v[a] = h->v[b];
	h->v[b] = t;
}

static void
heap_down(struct heap *h, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && heap_less(h, l, m))
			m = l;
		if (r < h->n && heap_less(h, r, m))
			m = r;
		if (m == i)
			return;
		heap_swap(h, i, m);
		i = m;
	}
}

/* The airing row of occurrence s->next: mostly done, some not. */
static void
bind_airing(sqlite3_stmt *st, const struct sched *s)
{
	int64_t late = 60 + rnd_below(400), k = rnd_below(1000);
	int64_t len = s->frames * US / s->rate;

	sqlite3_bind_int64(st, 1, s->clip_id);
	sqlite3_bind_int64(st, 2, s->id);
	sqlite3_bind_int64(st, 3, s->next);
	if (k < 985) { /* done */
		sqlite3_bind_int64(st, 4, s->next + late);
		sqlite3_bind_int64(st, 5, s->next + late + len);
		sqlite3_bind_int64(st, 6, s->frames);
		sqlite3_bind_text(st, 7, "done", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, "", -1, SQLITE_STATIC);
	} else if (k < 995) {
		sqlite3_bind_null(st, 4);
		sqlite3_bind_null(st, 5);
		sqlite3_bind_int64(st, 6, 0);
		sqlite3_bind_text(st, 7, "missed", -1, SQLITE_STATIC);
		sqlite3_bind_text(
		    st, 8, k < 990 ? "busy" : "not running", -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 4, s->next + late);
		sqlite3_bind_int64(st, 5, s->next + late + len / 3);
		sqlite3_bind_int64(st, 6, s->frames / 3);
		sqlite3_bind_text(st, 7, "interrupted", -1, SQLITE_STATIC);
		sqlite3_bind_text(
		    st, 8, "stopped by operator", -1, SQLITE_STATIC);
	}
}

/* Every schedule back to its first occurrence after from. */
static void
heap_fill(struct heap *h, struct sched *v, int64_t n)
{
	h->n = (int)n;
	for (int64_t i = 0; i < n; i++) {
		v[i].k = 0;
		v[i].next = sched_at(&v[i], 0);
		h->v[i] = &v[i];
	}
	for (int64_t i = n / 2; i >= 0; i--)
		heap_down(h, (int)i);
}

/* How many occurrences all schedules have in [from, until). */
static int64_t
count_occurrences(struct heap *h, struct sched *v, int64_t nsched, int64_t from,
    int64_t until)
{
	int64_t total = 0;

	(void)from;
	heap_fill(h, v, nsched);
	while (h->n > 0 && h->v[0]->next < until) {
		total++;
		sched_advance(h->v[0]);
		heap_down(h, 0);
	}
	return total;
}

/*
 * The last n occurrences before `until`, across all schedules, in time
 * order: the log begins where that many fit.  Returns the rows made.
 */
static int64_t
gen_airings(sqlite3 *db, struct sched *v, int64_t nsched, int64_t n,
    int64_t from, int64_t until)
{
	sqlite3_stmt *st = prepare(db,
	    "INSERT INTO airings (clip_id, schedule_id, scheduled, started,"
	    " ended, frames, status, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	struct heap h = {calloc((size_t)nsched, sizeof *h.v), 0};
	int64_t skip, i = 0;

	if (h.v == NULL)
		die("out of memory", NULL);
	skip = count_occurrences(&h, v, nsched, from, until) - n;
	heap_fill(&h, v, nsched);
	while (h.n > 0 && h.v[0]->next < until) {
		struct sched *s = h.v[0];

		if (skip-- <= 0) {
			bind_airing(st, s);
			step(db, st);
			batch(db, i++);
		}
		sched_advance(s);
		heap_down(&h, 0);
	}
	free(h.v);
	sqlite3_finalize(st);
	return i;
}

/* Each schedule's next_due: the first occurrence with no row. */
static void
gen_next_due(sqlite3 *db, struct sched *v, int64_t n)
{
	sqlite3_stmt *st =
	    prepare(db, "UPDATE schedules SET next_due = ?2 WHERE id = ?1");

	for (int64_t i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, v[i].id);
		if (v[i].next == INT64_MAX)
			sqlite3_bind_null(st, 2);
		else
			sqlite3_bind_int64(st, 2, v[i].next);
		step(db, st);
		recur_free(v[i].r);
	}
	sqlite3_finalize(st);
}

/*
 * The airings table's indexes, as the schema made them, dropped for the
 * bulk load: indexes built once after it are much faster than kept up
 * row by row.  Returns their SQL, to run again with index_restore.
 */
static char *
index_drop(sqlite3 *db)
{
	sqlite3_stmt *st = prepare(db,
	    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
	    " AND tbl_name = 'airings' AND sql IS NOT NULL");
	char *all = sqlite3_mprintf("%s", ""),
	     *drop = sqlite3_mprintf("%s", "");

	while (sqlite3_step(st) == SQLITE_ROW) {
		char *a = sqlite3_mprintf(
		    "%s%s;", all, (const char *)sqlite3_column_text(st, 1));
		char *d = sqlite3_mprintf("%sDROP INDEX \"%w\";", drop,
		    (const char *)sqlite3_column_text(st, 0));

		sqlite3_free(all);
		sqlite3_free(drop);
		all = a;
		drop = d;
	}
	sqlite3_finalize(st);
	exec(db, drop);
	sqlite3_free(drop);
	return all;
}

/*
 * Chain every row in id order (finishing order here) with the book's own
 * chain code, as if the daemon had chained each as it finished: the rows
 * are not ones a migration adopted, so log_adopted goes.
 */
static void
gen_chain(sqlite3 *db)
{
	struct lx_err err;

	exec(db, "BEGIN");
	if (chain_adopt(db, &err) == -1) {
		fprintf(stderr, "gen: chain: %s\n", err.msg);
		exit(1);
	}
	exec(db, "DELETE FROM meta WHERE key = 'log_adopted'");
	exec(db, "COMMIT");
}

static void
index_restore(sqlite3 *db, char *sql)
{
	exec(db, sql);
	sqlite3_free(sql);
}

int
main(int argc, char **argv)
{
	int64_t nclips, nsched, nair, now, from, made;
	struct sched *v;
	sqlite3 *db;
	char *indexes;
	int quiet;

	if (argc != 7) {
		fprintf(stderr,
		    "usage: gen DB CLIPS SCHEDULES AIRINGS YEARS "
		    "QUIET_HOUR\n");
		return 2;
	}
	nclips = atoll(argv[2]);
	nsched = atoll(argv[3]);
	nair = atoll(argv[4]);
	quiet = atoi(argv[6]);
	now = (int64_t)time(NULL) * US;
	from = now - (int64_t)(atof(argv[5]) * 365.25 * 86400) * US;
	if (nclips < 1 || nsched < 1 || nair < 0 || from >= now)
		return fprintf(stderr, "gen: bad numbers\n"), 2;
	make_schema(argv[1]);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die(argv[1], db);
	exec(db, "PRAGMA journal_mode = DELETE");
	exec(db, "PRAGMA journal_mode = OFF");
	exec(db, "PRAGMA synchronous = OFF");
	exec(db, "PRAGMA cache_size = -1048576");
	indexes = index_drop(db);
	exec(db, "BEGIN");
	gen_clips(db, nclips, from);
	if ((v = calloc((size_t)nsched, sizeof *v)) == NULL)
		die("out of memory", NULL);
	gen_schedules(db, v, nsched, nclips, from, quiet);
	made = gen_airings(db, v, nsched, nair, from, now - 60 * US);
	gen_next_due(db, v, nsched);
	exec(db, "COMMIT");
	gen_chain(db);
	index_restore(db, indexes);
	exec(db, "PRAGMA journal_mode = WAL");
	sqlite3_close(db);
	free(v);
	printf("%lld clips, %lld schedules, %lld airings\n", (long long)nclips,
	    (long long)nsched, (long long)made);
	return 0;
}
