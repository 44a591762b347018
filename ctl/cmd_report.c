/*
 * report: the quota check over a month, a quarter, a half year or a year,
 * for the daemon's commune, a copy (--db FILE), or several copies brought
 * to the district (--db A --db B …: one row per commune and the total).
 * The book answers in wire terms; here they become the records
 * report_out.c prints (instants, seconds, dates as people and scripts
 * read them).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../schedules/when.h"
#include "client.h"
#include "cmd.h"
#include "msg.h"
#include "output.h"
#include "period.h"
#include "report_out.h"

#define REPORT_TOPIC "cchc" /* the airings behind the report */

struct report_opts {
	const char *when[4]; /* --month, --quarter, --half, --year */
	const char *format;
	const char *output;
};

static const char *const report_when[] = {
    [PERIOD_MONTH] = "--month",
    [PERIOD_QUARTER] = "--quarter",
    [PERIOD_HALF] = "--half",
    [PERIOD_YEAR] = "--year",
};

/* Append key: value to r. */
static void
report_put(struct reply *r, const char *key, const char *value)
{
	reply_add(r, key, strlen(key), value, strlen(value));
}

/* Copy the listed keys of rec to r, those present. */
static void
report_copy(
    struct reply *r, const struct reply_rec *rec, const char *const *keys)
{
	for (size_t i = 0; keys[i] != NULL; i++) {
		const char *v = reply_get(rec, keys[i]);

		if (v != NULL)
			report_put(r, keys[i], v);
	}
}

/* A span of us microseconds: key as decimal seconds (for scripts) and
 * key_hms as h:mm:ss (for people, rounded to the second). */
static void
report_span(struct reply *r, const char *key, int64_t us)
{
	long long s = (long long)((us + 500000) / 1000000);
	char v[32], k[32];

	snprintf(v, sizeof v, "%lld.%06lld", (long long)(us / 1000000),
	    (long long)(us % 1000000));
	report_put(r, key, v);
	snprintf(k, sizeof k, "%s_hms", key);
	snprintf(
	    v, sizeof v, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	report_put(r, k, v);
}

/* The wire's microseconds at key wire of rec, as report_span. */
static void
report_seconds(struct reply *r, const char *key, const struct reply_rec *rec,
    const char *wire)
{
	const char *v = reply_get(rec, wire);

	report_span(r, key, v ? strtoll(v, NULL, 10) : 0);
}

/* The local date of instant t, "YYYY-MM-DD" in every language. */
static void
report_date(struct reply *r, const char *key, int64_t t)
{
	time_t secs = (time_t)(t / WHEN_SEC - (t % WHEN_SEC < 0));
	struct tm tm;
	char s[32];

	localtime_r(&secs, &tm);
	snprintf(s, sizeof s, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	report_put(r, key, s);
}

/* The bands of the day and the counts every record carries. */
static const char *const report_counts[] = {"items", "airings", "before_07",
    "07_11", "11_14", "14_17", "after_17", NULL};

/* The period's own pairs, from the reply's head. */
static void
report_head(
    struct rpt *out, const struct reply *r, const struct period *p, int64_t now)
{
	static const char *const keys[] = {"commune", "quota", "met", "months",
	    "months_met", "pending", "projected", "log_rows", "log_head", NULL};
	static const char *const lists[] = {"month", "item", "scheduled", NULL};
	struct reply_rec h = reply_head(r, lists);
	char t[32];

	report_put(&out->head, "period", p->label);
	report_put(
	    &out->head, "month", p->kind == PERIOD_MONTH ? p->label : "");
	report_date(&out->head, "from", p->from);
	report_date(&out->head, "to", p->to - 1);
	report_copy(&out->head, &h, keys);
	report_copy(&out->head, &h, report_counts);
	report_seconds(&out->head, "airtime", &h, "airtime");
	snprintf(t, sizeof t, "%" PRId64, now);
	report_put(&out->head, "generated", t);
}

/* The months of a period: their edges as wire words, and labels. */
struct report_edges {
	int n; /* edges: months + 1 */
	char word[LX_MAX_MONTHS + 1][24];
	char label[LX_MAX_MONTHS][8];
};

/* Split p at local month starts, as this machine's clock reads them. */
static void
report_edges(const struct period *p, struct report_edges *e)
{
	int64_t t = p->from, ms, me;

	e->n = 0;
	while (t < p->to && e->n < LX_MAX_MONTHS) {
		when_month_of(t, &ms, &me, e->label[e->n]);
		snprintf(e->word[e->n++], sizeof e->word[0], "%" PRId64, t);
		t = me;
	}
	snprintf(e->word[e->n++], sizeof e->word[0], "%" PRId64, p->to);
}

/* The month records, named as this machine names them. */
static void
report_months(
    struct rpt *out, const struct reply *r, const struct report_edges *e)
{
	static const char *const stops[] = {"item", "scheduled", NULL};
	static const char *const keys[] = {
	    "met", "running", "pending", "projected", NULL};
	struct reply_rec *m;
	size_t n = reply_records(r, "month", stops, &m);

	for (size_t i = 0; i < n; i++) {
		report_put(&out->months, "month",
		    (int)i < e->n - 1 ? e->label[i]
		                      : reply_get(&m[i], "month"));
		report_date(&out->months, "from",
		    strtoll(reply_get(&m[i], "from"), NULL, 10));
		report_date(&out->months, "to",
		    strtoll(reply_get(&m[i], "to"), NULL, 10) - 1);
		report_copy(&out->months, &m[i], report_counts);
		report_copy(&out->months, &m[i], keys);
		report_seconds(&out->months, "airtime", &m[i], "airtime");
	}
	free(m);
}

/* The items, and the airings still to come. */
static void
report_lists(struct rpt *out, const struct reply *r)
{
	static const char *const not_item[] = {"month", "scheduled", NULL};
	static const char *const not_up[] = {"month", "item", NULL};
	static const char *const up_keys[] = {
	    "clip", "title", "schedule", NULL};
	struct reply_rec *v;
	size_t n = reply_records(r, "item", not_item, &v);

	for (size_t i = 0; i < n; i++) {
		report_put(&out->clips, "clip", reply_get(&v[i], "item"));
		report_put(&out->clips, "title", reply_get(&v[i], "title"));
		report_put(&out->clips, "airings", reply_get(&v[i], "done"));
		report_seconds(&out->clips, "airtime", &v[i], "airtime");
		report_put(&out->clips, "sha256", reply_get(&v[i], "sha256"));
	}
	free(v);
	/* The occurrences still to come (proto/shape.c's occurrence). */
	n = reply_records(r, "scheduled", not_up, &v);
	for (size_t i = 0; i < n; i++) {
		report_put(
		    &out->up, "scheduled", reply_get(&v[i], "scheduled"));
		report_copy(&out->up, &v[i], up_keys);
	}
	free(v);
}

/* The airings of the period's cchc clips, as the log has them. */
static void
report_log(struct rpt *out, const struct reply *lg)
{
	struct reply_rec *v;
	size_t n = reply_records(lg, "airing", NULL, &v);

	for (size_t i = 0; i < n; i++) {
		const char *topic = reply_get(&v[i], "topic");

		if (topic == NULL || strcmp(topic, REPORT_TOPIC) != 0)
			continue;
		for (size_t p = v[i].lo; p < v[i].hi; p++)
			report_put(
			    &out->log, reply_key(lg, p), reply_value(lg, p));
	}
	free(v);
}

/* Ask the book for the period's report (and, for the workbook and the
 * page, its log) and build out.  0 or an exit status. */
static int
report_fetch(
    struct ctl *c, const struct period *p, int with_log, struct rpt *out)
{
	struct reply r = {0}, lg = {0};
	struct report_edges e;
	const char *w[LX_MAX_MONTHS + 2] = {NULL};
	int rc;

	report_edges(p, &e);
	for (int i = 0; i < e.n; i++)
		w[i] = e.word[i];
	/* The edges, then NULLs: ctl_request stops at the first. */
	_Static_assert(LX_MAX_MONTHS == 12, "report passes up to 13 edges");
	rc = ctl_request(c, &r, -1, "report", w[0], w[1], w[2], w[3], w[4],
	    w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12], (char *)NULL);
	if (rc == 0 && with_log)
		rc = ctl_request(c, &lg, -1, "log", w[0], w[e.n - 1], NULL);
	if (rc == 0) {
		report_head(out, &r, p, when_now());
		report_months(out, &r, &e);
		report_lists(out, &r);
		report_log(out, &lg);
	}
	reply_free(&r);
	reply_free(&lg);
	return rc;
}

/* The sums a district's total carries. */
struct report_sum {
	int64_t communes, met, items, airings, months_met, airtime_us;
	int64_t hours[5]; /* the bands of the day, report_counts' last five */
	char months[16]; /* the period's months, the first commune's */
	char quota[24]; /* likewise its quota */
};

/* Add one commune's report as a district row. */
static void
report_commune(struct rpt_district *d, const char *db, const struct rpt *r,
    struct report_sum *sum)
{
	static const char *const keys[] = {"commune", "met", "months",
	    "months_met", "airtime", "airtime_hms", "log_rows", "log_head",
	    NULL};
	struct reply_rec h = reply_all(&r->head);
	const char *met = reply_get(&h, "met");

	report_put(&d->rows, "row", "commune");
	report_copy(&d->rows, &h, keys);
	report_copy(&d->rows, &h, report_counts);
	for (int k = 0; k < 5; k++)
		sum->hours[k] +=
		    strtoll(reply_get(&h, report_counts[2 + k]), NULL, 10);
	report_put(&d->rows, "db", db);
	sum->communes++;
	sum->met += met != NULL && strcmp(met, "1") == 0;
	sum->items += strtoll(reply_get(&h, "items"), NULL, 10);
	sum->airings += strtoll(reply_get(&h, "airings"), NULL, 10);
	sum->months_met += strtoll(reply_get(&h, "months_met"), NULL, 10);
	sum->airtime_us +=
	    (int64_t)(strtod(reply_get(&h, "airtime"), NULL) * 1e6 + 0.5);
}

/* The district's total row and its own pairs. */
static void
report_total(
    struct rpt_district *d, const struct report_sum *s, const struct period *p)
{
	char v[64];

	report_put(&d->rows, "row", "total");
#define PUT(k, x)                                                              \
	snprintf(v, sizeof v, "%lld", (long long)(x));                         \
	report_put(&d->rows, k, v)
	PUT("communes", s->communes);
	PUT("communes_met", s->met);
	PUT("items", s->items);
	PUT("airings", s->airings);
	PUT("months_met", s->months_met);
	for (int k = 0; k < 5; k++) {
		PUT(report_counts[2 + k], s->hours[k]);
	}
	report_put(&d->rows, "months", s->months);
	report_put(&d->rows, "met", s->met == s->communes ? "1" : "0");
#undef PUT
	report_span(&d->rows, "airtime", s->airtime_us);
	report_put(&d->head, "period", p->label);
	report_date(&d->head, "from", p->from);
	report_date(&d->head, "to", p->to - 1);
	report_put(&d->head, "quota", s->quota);
	snprintf(v, sizeof v, "%" PRId64, when_now());
	report_put(&d->head, "generated", v);
}

/* Each --db in turn, read-only: one row per commune.  0 or a status. */
static int
report_district(struct ctl *c, const struct period *p, struct rpt_district *d)
{
	struct report_sum sum = {0, 0, 0, 0, 0, 0, {0, 0, 0, 0, 0}, "0", ""};
	int rc = 0;

	for (int i = 0; i < c->ndbs && rc == 0; i++) {
		struct rpt r = {0};
		struct reply_rec h;

		client_close(c->link);
		c->link = NULL;
		c->db = c->dbs[i];
		if ((rc = report_fetch(c, p, 0, &r)) == 0) {
			h = reply_all(&r.head);
			if (i == 0) {
				lx_strlcpy(sum.quota, reply_get(&h, "quota"),
				    sizeof sum.quota);
				lx_strlcpy(sum.months, reply_get(&h, "months"),
				    sizeof sum.months);
			}
			report_commune(d, c->dbs[i], &r, &sum);
		}
		rpt_free(&r);
	}
	if (rc == 0)
		report_total(d, &sum, p);
	return rc;
}

/* The period asked for: one of --month … --year, else this month. */
static int
report_period(
    const struct ctl *c, const struct report_opts *o, struct period *p)
{
	struct lx_err err;
	int given = -1;

	for (int k = 0; k < 4; k++) {
		if (o->when[k] == NULL)
			continue;
		if (given != -1)
			return ctl_fail(c, MSG_E_ONE_PERIOD);
		given = k;
	}
	if (given == -1) {
		period_of(PERIOD_MONTH, when_now(), p);
		return 0;
	}
	if (period_parse((enum period_kind)given, o->when[given], p, &err))
		return ctl_fail(c, "%s: %s", report_when[given], err.msg);
	return 0;
}

/* --format: table, csv, json, xlsx (needs -o) or html. */
static int
report_kind(
    const struct ctl *c, const struct report_opts *o, enum rpt_kind *kind)
{
	static const char *const names[] = {[RPT_TABLE] = "table",
	    [RPT_CSV] = "csv",
	    [RPT_JSON] = "json",
	    [RPT_XLSX] = "xlsx",
	    [RPT_HTML] = "html"};

	*kind = RPT_TABLE;
	for (int k = 0; o->format != NULL && k <= RPT_HTML; k++)
		if (strcmp(o->format, names[k]) == 0) {
			*kind = (enum rpt_kind)k;
			break;
		} else if (k == RPT_HTML)
			return ctl_fail(c, MSG_E_REPORT_FORMAT, o->format);
	if (*kind == RPT_XLSX && o->output == NULL)
		return ctl_fail(c, MSG_E_XLSX_OUTPUT);
	return 0;
}

/* Print what was fetched to -o FILE or stdout; 0 or an exit status. */
static int
report_write(const struct ctl *c, const struct report_opts *o,
    enum rpt_kind kind, const struct rpt *r, const struct rpt_district *d)
{
	struct output out;
	struct lx_err err;
	int rc;

	if (output_open(&out, o->output, &err) == -1)
		return ctl_fail(c, "%s", err.msg);
	if (kind == RPT_XLSX)
		output_by_path(&out);
	rc = d ? rpt_print_district(d, kind, out.f, out.tmp, &err)
	       : rpt_print(r, kind, out.f, out.tmp, &err);
	if (output_close(&out, rc == 0, &err) == -1 || rc == -1) {
		ctl_fail(c, "%s", err.msg);
		return CTL_EXIT_LINK;
	}
	return 0;
}

int
cmd_report(struct ctl *c, int argc, char **argv)
{
	struct report_opts o = {{NULL, NULL, NULL, NULL}, NULL, NULL};
	const struct opt opt[] = {
	    {"--month", &o.when[PERIOD_MONTH], NULL, NULL, 0},
	    {"--quarter", &o.when[PERIOD_QUARTER], NULL, NULL, 0},
	    {"--half", &o.when[PERIOD_HALF], NULL, NULL, 0},
	    {"--year", &o.when[PERIOD_YEAR], NULL, NULL, 0},
	    {"--format", &o.format, NULL, NULL, 0},
	    {"-o", &o.output, NULL, NULL, 0},
	    {"--output", &o.output, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts os = {opt, NULL, NULL, NULL};
	struct rpt r = {0};
	struct rpt_district d = {0};
	enum rpt_kind kind;
	struct period p;
	int rc;

	if ((rc = ctl_args(c, &os, argc, argv)) != CTL_GO ||
	    (rc = report_period(c, &o, &p)) != 0 ||
	    (rc = report_kind(c, &o, &kind)) != 0)
		return rc;
	if (c->ndbs > 1)
		rc = report_district(c, &p, &d);
	else
		rc = report_fetch(
		    c, &p, kind == RPT_XLSX || kind == RPT_HTML, &r);
	if (rc == 0)
		rc = report_write(c, &o, kind, &r, c->ndbs > 1 ? &d : NULL);
	rpt_free(&r);
	rpt_free_district(&d);
	return rc;
}
