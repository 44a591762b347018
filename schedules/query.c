/*
 * The read-only commands answered from a book, as protocol key: value
 * lines.  loaxad serves them; loaxactl --db runs them on a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/command.h"
#include "../proto/i18n.h"
#include "../proto/line.h"
#include "book.h"
#include "ics.h"
#include "query.h"
#include "wire.h"

/* A query's handler: argv[0] is its name, its arity already checked. */
typedef int query_fn(
    struct book *, char **, int, int64_t, struct buf *, struct lx_err *);

/* The book's callbacks, writing each record through schedules/wire.c. */
static int
query_put_clip(void *out, const struct clip *c)
{
	wire_put_clip(out, c);
	return 0;
}

static int
query_put_schedule(void *out, const struct schedule *s)
{
	wire_put_schedule(out, s);
	return 0;
}

static int
query_put_airing(void *out, const struct airing *a)
{
	wire_put_airing(out, a);
	return 0;
}

static int
query_put_occurrence(void *out, const struct occurrence *o)
{
	wire_put_occurrence(out, o);
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
	wire_put_clip(out, &c);
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
query_schedulenext(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	int64_t n = LX_NEXT_DEFAULT;

	if (argc > 1 && proto_int(argv[1], "count", 1, LX_MAX_NEXT, &n, err))
		return -1;
	return book_next(b, now, 0, (int)n, query_put_occurrence, out, err) < 0
	    ? -1
	    : 0;
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
		return lx_err_set(err, LX_E_ARG, _("empty range: from >= to"));
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
query_logverify(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	struct chain_verdict v;

	(void)argv, (void)argc, (void)now;
	if (book_log_verify(b, &v, err) == -1)
		return -1;
	buf_kv(out, "verdict", book_chain_problem_name(v.problem));
	buf_kv_int(out, "rows", v.rows);
	buf_kv(out, "head", v.head);
	buf_kv_int(out, "adopted", v.adopted);
	if (v.problem == CHAIN_OK)
		return 0;
	if (v.airing > 0)
		buf_kv_int(out, "airing", v.airing);
	else
		buf_kv(out, "airing", NULL);
	if (v.position > 0)
		buf_kv_int(out, "position", v.position);
	else
		buf_kv(out, "position", NULL);
	buf_kv(out, "why", v.why);
	return 0;
}

static int
query_put_item(void *arg, const struct report_item *it)
{
	struct buf *out = arg;

	buf_kv_int(out, "item", it->clip_id);
	buf_kv(out, "sha256", it->sha256);
	buf_kv(out, "title", it->title);
	buf_kv_int(out, "done", it->airings);
	buf_kv_int(out, "airtime", it->airtime);
	return 0;
}

/* What aired: items, airings, airtime (µs) and the bands of the day. */
static void
query_put_sum(struct buf *out, const struct report_sum *s)
{
	buf_kv_int(out, "items", s->items);
	buf_kv_int(out, "airings", s->airings);
	buf_kv_int(out, "airtime", s->airtime);
	for (int i = 0; i < REPORT_BANDS; i++)
		buf_kv_int(out, report_band_key[i], s->hours[i]);
}

/* The period's own pairs: who, the quota, the totals, the log's head. */
static int
query_put_period(
    struct book *b, const struct report *r, struct buf *out, struct lx_err *err)
{
	char commune[LX_MAX_COMMUNE], head[65];
	int64_t rows;

	if (book_meta_text(b, "commune", commune, sizeof commune, err) == -1 ||
	    book_log_head(b, &rows, head, err) == -1)
		return -1;
	buf_kv(out, "commune", commune);
	buf_kv_int(out, "quota", r->quota);
	buf_kv_int(out, "months", r->nmonths);
	buf_kv_int(out, "months_met", r->months_met);
	query_put_sum(out, &r->total);
	buf_kv_int(out, "met", r->months_met == r->nmonths);
	buf_kv_int(out, "pending", r->pending);
	buf_kv_int(out, "projected", r->projected);
	buf_kv_int(out, "log_rows", rows);
	buf_kv(out, "log_head", head);
	return 0;
}

static int
query_report(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	struct buf lists = {0};
	struct report r;
	int64_t edge[LX_MAX_MONTHS + 1];
	int rc;

	for (int i = 1; i < argc; i++)
		if (proto_int(argv[i], "month edge", INT64_MIN, INT64_MAX,
		        &edge[i - 1], err) == -1)
			return -1;
	rc = book_report(b, edge, argc - 1, now, &r, query_put_item,
	    query_put_occurrence, &lists, err);
	if (rc == 0)
		rc = query_put_period(b, &r, out, err);
	for (int i = 0; rc == 0 && i < r.nmonths; i++) {
		const struct report_month *m = &r.month[i];

		buf_kv(out, "month", m->label);
		buf_kv_int(out, "from", m->from);
		buf_kv_int(out, "to", m->to);
		query_put_sum(out, &m->sum);
		buf_kv_int(out, "met", m->met);
		buf_kv_int(out, "running", m->running);
		buf_kv_int(out, "pending", m->pending);
		buf_kv_int(out, "projected", m->projected);
	}
	if (rc == 0)
		buf_add(out, lists.p ? lists.p : "", lists.len);
	buf_free(&lists);
	return rc;
}

/* The schedules gathered for the calendar, with their clips. */
struct query_cal {
	struct book *book;
	struct schedule *s;
	struct clip *c;
	size_t n, cap;
};

static int
query_put_event(void *arg, const struct schedule *s)
{
	struct query_cal *cal = arg;

	if (cal->n == cal->cap) {
		cal->cap = cal->cap ? cal->cap * 2 : 16;
		cal->s = xrealloc(cal->s, cal->cap * sizeof *cal->s);
		cal->c = xrealloc(cal->c, cal->cap * sizeof *cal->c);
	}
	cal->s[cal->n] = *s;
	/* A clip removed since has no length or source to show. */
	if (book_clip_get(cal->book, s->clip_id, &cal->c[cal->n], NULL) == -1)
		memset(&cal->c[cal->n], 0, sizeof cal->c[0]);
	cal->n++;
	return 0;
}

/* The calendar's lines, each an `ics` pair (CRLF dropped). */
static void
query_put_ics(struct buf *out, const struct buf *text)
{
	const char *p = text->p, *end = text->p + text->len, *nl;
	char line[LX_MAX_LINE];

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
		line[strcspn(line, "\r")] = '\0';
		buf_kv(out, "ics", line);
		p = nl + 1;
	}
}

static int
query_scheduleexport(struct book *b, char **argv, int argc, int64_t now,
    struct buf *out, struct lx_err *err)
{
	struct query_cal cal = {b, NULL, NULL, 0, 0};
	struct ics_event *ev;
	struct buf text = {0};
	int rc;

	(void)argv, (void)argc;
	if (book_schedule_each(b, query_put_event, &cal, err) == -1)
		rc = -1;
	else {
		ev = xcalloc(cal.n ? cal.n : 1, sizeof *ev);
		for (size_t i = 0; i < cal.n; i++)
			ev[i] = (struct ics_event){cal.s[i].id, cal.s[i].title,
			    cal.s[i].dtstart, cal.s[i].rrule,
			    cal.c[i].rate > 0
			        ? (cal.c[i].frames + cal.c[i].rate - 1) /
			            cal.c[i].rate
			        : 0,
			    cal.c[i].source};
		rc = ics_write(&text, ev, cal.n, now, err);
		free(ev);
	}
	if (rc == 0)
		query_put_ics(out, &text);
	buf_free(&text);
	free(cal.s);
	free(cal.c);
	return rc;
}

/* The handler of each read-only command of the table. */
static query_fn *const query_fns[LX_CMD_COUNT] = {
    [LX_CMD_CLIPLIST] = query_cliplist,
    [LX_CMD_CLIPSHOW] = query_clipshow,
    [LX_CMD_LOG] = query_log,
    [LX_CMD_LOGVERIFY] = query_logverify,
    [LX_CMD_REPORT] = query_report,
    [LX_CMD_SCHEDULELIST] = query_schedulelist,
    [LX_CMD_SCHEDULEEXPORT] = query_scheduleexport,
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
		    err, LX_E_UNKNOWN, _("unknown command '%s'"), argv[0]);
	return query_fns[cmd](b, argv, argc, now, out, err);
}
