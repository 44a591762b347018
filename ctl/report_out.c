/*
 * Printing the quota report.  The records come ready from cmd_report.c;
 * here each format lays them out: field lists (their JSON and CSV names
 * are the contract), the table for people, the CSV rows, the JSON object,
 * the workbook's sheets and the printable page.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/i18n.h"
#include "../schedules/when.h"
#include "html.h"
#include "report_out.h"
#include "xlsx.h"

/* What people read, in one place. */
#define W_PERIOD N_("period")
#define W_MONTH N_("month")
#define W_FROM N_("from")
#define W_TO N_("to")
#define W_COMMUNE N_("commune")
#define W_DB N_("database")
#define W_QUOTA N_("quota (items a month)")
#define W_ITEMS N_("items")
#define W_AIRINGS N_("airings")
#define W_MET N_("quota met")
#define W_MONTHS N_("months")
#define W_MONTHS_MET N_("months met")
#define W_AIRTIME N_("airtime")
#define W_BEFORE_07 N_("before 07:00")
#define W_07_11 N_("07-11")
#define W_11_14 N_("11-14")
#define W_14_17 N_("14-17")
#define W_AFTER_17 N_("from 17:00")
#define W_RUNNING N_("running")
#define W_PENDING N_("to come")
#define W_PROJECTED N_("projected")
#define W_LOG_ROWS N_("log rows")
#define W_LOG_HEAD N_("log chain head")
#define W_GENERATED N_("made")
#define W_CLIP N_("clip")
#define W_SHA256 N_("sha256")
#define W_TITLE N_("title")
#define W_SCHEDULED N_("scheduled")
#define W_SCHEDULE N_("schedule")
#define W_STARTED N_("started")
#define W_STATUS N_("status")
#define W_REASON N_("reason")
#define W_ID N_("airing")
#define W_ROW N_("row")
#define W_COMMUNES_MET N_("communes met")
#define W_TOTAL N_("total")
#define W_NO_NAME N_("(no name)")
#define W_TITLE_REPORT N_("CCHC broadcast report")
#define W_TITLE_DISTRICT N_("CCHC broadcast report: communes")
#define W_SUB N_("%s, %s (%s to %s)")
#define W_SUB_DISTRICT N_("%zu communes, %s (%s to %s)")
#define W_CHART N_("CCHC items aired each month against the quota")
#define W_CHART_DISTRICT N_("months that met the quota, by commune")
#define W_QUOTA_LINE N_("quota %s")
#define W_MONTHS_LINE N_("%s months")
#define W_H_MONTHS N_("Month by month")
#define W_H_ITEMS N_("Items aired to the end (topic cchc)")
#define W_H_UPCOMING N_("Still scheduled this month")
#define W_H_AIRINGS N_("The airings")
#define W_H_LOG N_("The airing log")
#define W_H_COMMUNES N_("Communes")
#define W_LOG_LINE                                                             \
	N_("The airing log held %s rows when this report was made (%s); the "  \
	   "hash of its last row, the chain head, was %s.  \"loaxactl log "    \
	   "--verify\" checks the log against it.")
#define W_NOTHING N_("  none\n")
#define W_T_SUMMARY N_("Report")
#define W_T_MONTHS N_("Months")
#define W_T_ITEMS N_("Items")
#define W_T_AIRINGS N_("Airings")
#define W_T_COMMUNES N_("Communes")
#define W_T_LINE "%s: %s\n"

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define N LX_F_NULLABLE

/* The bands of the day, as every field list carries them. */
#define RPT_BANDS                                                              \
	{"before_07", "before_07", LX_T_INT, N, W_BEFORE_07, NULL},            \
	    {"07_11", "07_11", LX_T_INT, N, W_07_11, NULL},                    \
	    {"11_14", "11_14", LX_T_INT, N, W_11_14, NULL},                    \
	    {"14_17", "14_17", LX_T_INT, N, W_14_17, NULL},                    \
	{                                                                      \
		"after_17", "after_17", LX_T_INT, N, W_AFTER_17, NULL          \
	}

/* The report as one object: json members, the workbook's first sheet. */
static const struct lx_field period_fields[] = {
    {"period", "period", LX_T_STR, 0, W_PERIOD, NULL},
    {"month", "month", LX_T_STR, N, W_MONTH, NULL},
    {"from", "from", LX_T_STR, 0, W_FROM, NULL},
    {"to", "to", LX_T_STR, 0, W_TO, NULL},
    {"commune", "commune", LX_T_STR, N, W_COMMUNE, NULL},
    {"quota", "quota", LX_T_INT, 0, W_QUOTA, NULL},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, 0, W_MET, NULL},
    {"months", "months", LX_T_INT, 0, W_MONTHS, NULL},
    {"months_met", "months_met", LX_T_INT, 0, W_MONTHS_MET, NULL},
    {"airtime", "airtime", LX_T_SECONDS, 0, W_AIRTIME, NULL},
    RPT_BANDS,
    {"pending", "pending", LX_T_INT, 0, W_PENDING, NULL},
    {"projected", "projected", LX_T_INT, 0, W_PROJECTED, NULL},
    {"log_rows", "log_rows", LX_T_INT, 0, W_LOG_ROWS, NULL},
    {"log_head", "log_head", LX_T_STR, N, W_LOG_HEAD, NULL},
};

/* When the report was made: on the page and in the workbook, not in the
 * JSON or CSV, which stay the same for the same log. */
static const struct lx_field made_field[] = {
    {"generated", "generated", LX_T_INSTANT, 0, W_GENERATED, NULL},
};

/* A month (or the total) of the report. */
static const struct lx_field month_fields[] = {
    {"month", "month", LX_T_STR, 0, W_MONTH, NULL},
    {"from", "from", LX_T_STR, LX_F_DETAIL | N, W_FROM, NULL},
    {"to", "to", LX_T_STR, LX_F_DETAIL | N, W_TO, NULL},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, N, W_MET, NULL},
    {"airtime", "airtime", LX_T_SECONDS, 0, W_AIRTIME, NULL},
    RPT_BANDS,
    {"running", "running", LX_T_BOOL, LX_F_DETAIL | N, W_RUNNING, NULL},
    {"pending", "pending", LX_T_INT, LX_F_DETAIL | N, W_PENDING, NULL},
    {"projected", "projected", LX_T_INT, LX_F_DETAIL | N, W_PROJECTED, NULL},
};

/* The same for people: airtime as h:mm:ss. */
static const struct lx_field month_human[] = {
    {"month", "month", LX_T_STR, 0, W_MONTH, NULL},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, N, W_MET, NULL},
    {"airtime", "airtime_hms", LX_T_STR, 0, W_AIRTIME, NULL},
    RPT_BANDS,
};

static const struct lx_field clip_fields[] = {
    {"clip", "clip", LX_T_INT, 0, W_CLIP, NULL},
    {"title", "title", LX_T_STR, 0, W_TITLE, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"airtime", "airtime", LX_T_SECONDS, 0, W_AIRTIME, NULL},
    {"sha256", "sha256", LX_T_STR, LX_F_DETAIL, W_SHA256, NULL},
};

static const struct lx_field clip_human[] = {
    {"clip", "clip", LX_T_INT, 0, W_CLIP, NULL},
    {"title", "title", LX_T_STR, 0, W_TITLE, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"airtime", "airtime_hms", LX_T_STR, 0, W_AIRTIME, NULL},
};

static const struct lx_field up_fields[] = {
    {"scheduled", "scheduled", LX_T_INSTANT, 0, W_SCHEDULED, NULL},
    {"clip", "clip", LX_T_INT, 0, W_CLIP, NULL},
    {"title", "title", LX_T_STR, 0, W_TITLE, NULL},
    {"schedule", "schedule", LX_T_INT, N, W_SCHEDULE, NULL},
};

static const struct lx_field log_fields[] = {
    {"id", "airing", LX_T_INT, 0, W_ID, NULL},
    {"clip", "clip", LX_T_INT, 0, W_CLIP, NULL},
    {"title", "title", LX_T_STR, 0, W_TITLE, NULL},
    {"schedule", "schedule", LX_T_INT, N, W_SCHEDULE, NULL},
    {"scheduled", "scheduled", LX_T_INSTANT, 0, W_SCHEDULED, NULL},
    {"started", "started", LX_T_INSTANT, N, W_STARTED, NULL},
    {"status", "status", LX_T_STR, 0, W_STATUS, NULL},
    {"reason", "reason", LX_T_STR, N, W_REASON, NULL},
};

/* Every row of the CSV file, whatever its kind (docs/reports.md). */
static const struct lx_field csv_fields[] = {
    {"row", "row", LX_T_STR, 0, W_ROW, NULL},
    {"period", "period", LX_T_STR, N, W_PERIOD, NULL},
    {"commune", "commune", LX_T_STR, N, W_COMMUNE, NULL},
    {"month", "month", LX_T_STR, N, W_MONTH, NULL},
    {"from", "from", LX_T_STR, N, W_FROM, NULL},
    {"to", "to", LX_T_STR, N, W_TO, NULL},
    {"quota", "quota", LX_T_INT, N, W_QUOTA, NULL},
    {"items", "items", LX_T_INT, N, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, N, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, N, W_MET, NULL},
    {"months", "months", LX_T_INT, N, W_MONTHS, NULL},
    {"months_met", "months_met", LX_T_INT, N, W_MONTHS_MET, NULL},
    {"airtime", "airtime", LX_T_SECONDS, N, W_AIRTIME, NULL},
    RPT_BANDS,
    {"running", "running", LX_T_BOOL, N, W_RUNNING, NULL},
    {"pending", "pending", LX_T_INT, N, W_PENDING, NULL},
    {"projected", "projected", LX_T_INT, N, W_PROJECTED, NULL},
    {"clip", "clip", LX_T_INT, N, W_CLIP, NULL},
    {"sha256", "sha256", LX_T_STR, N, W_SHA256, NULL},
    {"title", "title", LX_T_STR, N, W_TITLE, NULL},
    {"scheduled", "scheduled", LX_T_INSTANT, N, W_SCHEDULED, NULL},
    {"schedule", "schedule", LX_T_INT, N, W_SCHEDULE, NULL},
    {"db", "db", LX_T_STR, N, W_DB, NULL},
    {"log_rows", "log_rows", LX_T_INT, N, W_LOG_ROWS, NULL},
    {"log_head", "log_head", LX_T_STR, N, W_LOG_HEAD, NULL},
};

/* A district's commune (or total) row. */
static const struct lx_field commune_fields[] = {
    {"commune", "commune", LX_T_STR, N, W_COMMUNE, W_NO_NAME},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, N, W_MET, NULL},
    {"months_met", "months_met", LX_T_INT, 0, W_MONTHS_MET, NULL},
    {"months", "months", LX_T_INT, 0, W_MONTHS, NULL},
    {"airtime", "airtime", LX_T_SECONDS, 0, W_AIRTIME, NULL},
    RPT_BANDS,
    {"db", "db", LX_T_STR, LX_F_DETAIL | N, W_DB, NULL},
    {"log_rows", "log_rows", LX_T_INT, LX_F_DETAIL | N, W_LOG_ROWS, NULL},
    {"log_head", "log_head", LX_T_STR, LX_F_DETAIL | N, W_LOG_HEAD, NULL},
};

static const struct lx_field commune_human[] = {
    {"commune", "commune", LX_T_STR, N, W_COMMUNE, W_NO_NAME},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"met", "met", LX_T_BOOL, N, W_MET, NULL},
    {"months_met", "months_met", LX_T_INT, 0, W_MONTHS_MET, NULL},
    {"months", "months", LX_T_INT, 0, W_MONTHS, NULL},
    {"airtime", "airtime_hms", LX_T_STR, 0, W_AIRTIME, NULL},
};

static const struct lx_field district_fields[] = {
    {"period", "period", LX_T_STR, 0, W_PERIOD, NULL},
    {"from", "from", LX_T_STR, 0, W_FROM, NULL},
    {"to", "to", LX_T_STR, 0, W_TO, NULL},
    {"quota", "quota", LX_T_INT, 0, W_QUOTA, NULL},
};

static const struct lx_field total_fields[] = {
    {"communes", "communes", LX_T_INT, 0, W_T_COMMUNES, NULL},
    {"communes_met", "communes_met", LX_T_INT, 0, W_COMMUNES_MET, NULL},
    {"items", "items", LX_T_INT, 0, W_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, W_AIRINGS, NULL},
    {"months_met", "months_met", LX_T_INT, 0, W_MONTHS_MET, NULL},
    {"airtime", "airtime", LX_T_SECONDS, 0, W_AIRTIME, NULL},
    RPT_BANDS,
};

/* The page's language: the messages' ("vi" under vi_VN), else English. */
static const char *
rpt_lang(void)
{
	const char *l = setlocale(LC_MESSAGES, NULL);

	return l != NULL && strncmp(l, "vi", 2) == 0 ? "vi" : "en";
}

/* f's nf fields and, last, when the report was made, into out (nf + 1
 * of room); returns nf + 1. */
static size_t
rpt_with_made(const struct lx_field *f, size_t nf, struct lx_field *out)
{
	memcpy(out, f, nf * sizeof *f);
	out[nf] = made_field[0];
	return nf + 1;
}

/* The records of r led by lead; *n of them, an array to free. */
static struct reply_rec *
rpt_recs(const struct reply *r, const char *lead, size_t *n)
{
	struct reply_rec *v;

	*n = reply_records(r, lead, NULL, &v);
	return v;
}

/* The records of r whose key `key` has value v. */
static struct reply_rec *
rpt_recs_where(const struct reply *r, const char *lead, const char *key,
    const char *v, size_t *n)
{
	struct reply_rec *all = rpt_recs(r, lead, n);
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		const char *x = reply_get(&all[i], key);

		if (x != NULL && strcmp(x, v) == 0)
			all[k++] = all[i];
	}
	*n = k;
	return all;
}

/*
 * Append to out a copy of rec led by key: value (replacing rec's own
 * key), for a row people read ("total" in words where a month or a
 * commune would be).
 */
static void
rpt_relabel(struct reply *out, const struct reply_rec *rec, const char *key,
    const char *value)
{
	reply_add(out, key, strlen(key), value, strlen(value));
	for (size_t p = rec->lo; p < rec->hi; p++) {
		const char *k = reply_key(rec->r, p);
		const char *v = reply_value(rec->r, p);

		if (strcmp(k, key) != 0)
			reply_add(out, k, strlen(k), v, strlen(v));
	}
}

/* The months and, last, the period's total as a row; *n records (an
 * array to free), their pairs in *store. */
static struct reply_rec *
rpt_month_rows(const struct rpt *r, struct reply *store, size_t *n)
{
	struct reply_rec head = reply_all(&r->head), *m, *all;
	size_t nm;

	m = rpt_recs(&r->months, "month", &nm);
	for (size_t i = 0; i < nm; i++)
		rpt_relabel(store, &m[i], "month", reply_get(&m[i], "month"));
	rpt_relabel(store, &head, "month", _(W_TOTAL));
	free(m);
	all = rpt_recs(store, "month", n);
	return all;
}

/* One CSV row per record of `recs`, prefixed by the period's pairs. */
static void
rpt_csv_add(struct reply *all, const char *row, const struct reply_rec *head,
    const struct reply_rec *recs, size_t n)
{
	static const char *const shared[] = {"period", "commune", NULL};

	for (size_t i = 0; i < n; i++) {
		reply_add(all, "row", 3, row, strlen(row));
		for (size_t k = 0; shared[k] != NULL; k++) {
			const char *v = reply_get(head, shared[k]);

			if (v != NULL && reply_get(&recs[i], shared[k]) == NULL)
				reply_add(all, shared[k], strlen(shared[k]), v,
				    strlen(v));
		}
		for (size_t p = recs[i].lo; p < recs[i].hi; p++) {
			const char *k = reply_key(recs[i].r, p);
			const char *v = reply_value(recs[i].r, p);

			if (strcmp(k, "row") != 0)
				reply_add(all, k, strlen(k), v, strlen(v));
		}
	}
}

/* The CSV file: month rows, the total, items, airings to come. */
static void
rpt_csv(const struct rpt *r, FILE *out)
{
	struct reply_rec head = reply_all(&r->head), *m, *c, *u, *all;
	size_t nm, nc, nu, n;
	struct reply rows = {0};

	m = rpt_recs(&r->months, "month", &nm);
	c = rpt_recs(&r->clips, "clip", &nc);
	u = rpt_recs(&r->up, "scheduled", &nu);
	rpt_csv_add(&rows, "month", &head, m, nm);
	rpt_csv_add(&rows, "total", &head, &head, 1);
	rpt_csv_add(&rows, "clip", &head, c, nc);
	rpt_csv_add(&rows, "upcoming", &head, u, nu);
	n = reply_records(&rows, "row", NULL, &all);
	fmt_list(out, FMT_CSV, csv_fields, NF(csv_fields), all, n);
	free(all);
	free(m);
	free(c);
	free(u);
	reply_free(&rows);
}

static void
rpt_json(const struct rpt *r, FILE *out)
{
	struct reply_rec head = reply_all(&r->head), *m, *c, *u;
	size_t nm, nc, nu;

	m = rpt_recs(&r->months, "month", &nm);
	c = rpt_recs(&r->clips, "clip", &nc);
	u = rpt_recs(&r->up, "scheduled", &nu);
	fputc('{', out);
	fmt_json_members(out, period_fields, NF(period_fields), &head);
	fputs(",\"by_month\":", out);
	fmt_json_array(out, month_fields, NF(month_fields), m, nm);
	fputs(",\"clips\":", out);
	fmt_json_array(out, clip_fields, NF(clip_fields), c, nc);
	fputs(",\"upcoming\":", out);
	fmt_json_array(out, up_fields, NF(up_fields), u, nu);
	fputs("}\n", out);
	free(m);
	free(c);
	free(u);
}

/* "label: value" of a field of head, as people read it. */
static void
rpt_line(FILE *out, const struct reply_rec *head, const struct lx_field *f)
{
	char tmp[64];

	fprintf(out, W_T_LINE, _(f->head),
	    fmt_human(f, reply_get(head, f->key), tmp, sizeof tmp));
}

/* The field of list f named name. */
static const struct lx_field *
rpt_field(const struct lx_field *f, size_t nf, const char *name)
{
	for (size_t i = 0; i < nf; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

/* A table for people, its headings in the user's language. */
static void
rpt_list_human(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *rec, size_t n)
{
	struct lx_field *h = fmt_fields_human(f, nf);

	fmt_list(out, FMT_TABLE, h, nf, rec, n);
	free(h);
}

static void
rpt_table(const struct rpt *r, FILE *out)
{
	static const char *const lines[] = {"commune", "period", "from", "to",
	    "quota", "months_met", "log_rows", "log_head", NULL};
	struct reply_rec head = reply_all(&r->head), *m, *c, *u;
	struct reply store = {0};
	size_t nm, nc, nu;

	for (size_t i = 0; lines[i] != NULL; i++)
		rpt_line(out, &head,
		    rpt_field(period_fields, NF(period_fields), lines[i]));
	m = rpt_month_rows(r, &store, &nm);
	c = rpt_recs(&r->clips, "clip", &nc);
	u = rpt_recs(&r->up, "scheduled", &nu);
	fprintf(out, "\n%s:\n", _(W_H_MONTHS));
	rpt_list_human(out, month_human, NF(month_human), m, nm);
	fprintf(out, "\n%s:\n", _(W_H_ITEMS));
	if (nc == 0)
		fputs(_(W_NOTHING), out);
	else
		rpt_list_human(out, clip_human, NF(clip_human), c, nc);
	if (strcmp(
	        reply_get(&head, "pending") ? reply_get(&head, "pending") : "0",
	        "0") != 0) {
		fprintf(out, "\n%s:\n", _(W_H_UPCOMING));
		rpt_line(out, &head,
		    rpt_field(period_fields, NF(period_fields), "pending"));
		rpt_line(out, &head,
		    rpt_field(period_fields, NF(period_fields), "projected"));
		rpt_list_human(out, up_fields, NF(up_fields), u, nu);
	}
	free(m);
	free(c);
	free(u);
	reply_free(&store);
}

static int
rpt_xlsx(const struct rpt *r, const char *path, struct lx_err *err)
{
	struct reply_rec head = reply_all(&r->head), *m, *c, *a;
	struct lx_field pf[NF(period_fields) + 1];
	struct xlsx *x = xlsx_open(path, err);
	size_t nm, nc, na;
	int rc = 0;

	if (x == NULL)
		return -1;
	m = rpt_recs(&r->months, "month", &nm);
	c = rpt_recs(&r->clips, "clip", &nc);
	a = rpt_recs(&r->log, "airing", &na);
	if (xlsx_table(x, _(W_T_MONTHS), month_fields, NF(month_fields), m, nm,
	        err) == -1 ||
	    xlsx_table(x, _(W_T_AIRINGS), log_fields, NF(log_fields), a, na,
	        err) == -1 ||
	    xlsx_table(x, _(W_T_ITEMS), clip_fields, NF(clip_fields), c, nc,
	        err) == -1 ||
	    xlsx_pairs(x, _(W_T_SUMMARY), pf,
	        rpt_with_made(period_fields, NF(period_fields), pf), &head,
	        err) == -1)
		rc = -1;
	free(m);
	free(c);
	free(a);
	if (xlsx_close(x, err) == -1)
		rc = -1;
	return rc;
}

/* A value of head, "" when absent. */
static const char *
rpt_get(const struct reply_rec *head, const char *key)
{
	const char *v = reply_get(head, key);

	return v ? v : "";
}

/* The chart of items per month against the quota. */
static void
rpt_html_chart(FILE *out, const struct reply_rec *head,
    const struct reply_rec *m, size_t nm)
{
	struct html_bar *bars = calloc(nm ? nm : 1, sizeof *bars);
	int64_t quota = strtoll(rpt_get(head, "quota"), NULL, 10);
	char line[64];

	for (size_t i = 0; bars != NULL && i < nm; i++) {
		bars[i].label = rpt_get(&m[i], "month");
		bars[i].value = strtoll(rpt_get(&m[i], "items"), NULL, 10);
		bars[i].hatched = bars[i].value < quota;
	}
	snprintf(line, sizeof line, _(W_QUOTA_LINE), rpt_get(head, "quota"));
	if (bars != NULL)
		html_chart(out, _(W_CHART), bars, nm, quota, line);
	free(bars);
}

/* The page's closing paragraph: the log's head and when it was read. */
static void
rpt_html_log(FILE *out, const struct reply_rec *head)
{
	char when[32], text[512];

	when_format_human(
	    strtoll(rpt_get(head, "generated"), NULL, 10), when, sizeof when);
	snprintf(text, sizeof text, _(W_LOG_LINE), rpt_get(head, "log_rows"),
	    when, rpt_get(head, "log_head"));
	html_heading(out, _(W_H_LOG));
	html_para(out, text);
}

/* The page's title and subtitle. */
static void
rpt_html_begin(FILE *out, const struct reply_rec *head)
{
	const char *commune = rpt_get(head, "commune");
	char sub[512];

	snprintf(sub, sizeof sub, _(W_SUB), *commune ? commune : _(W_NO_NAME),
	    rpt_get(head, "period"), rpt_get(head, "from"),
	    rpt_get(head, "to"));
	html_begin(out, rpt_lang(), _(W_TITLE_REPORT), sub);
}

static void
rpt_html(const struct rpt *r, FILE *out)
{
	struct reply_rec head = reply_all(&r->head), *m, *all, *c, *a;
	struct reply store = {0};
	size_t nm, nall, nc, na;
	int *strong;

	m = rpt_recs(&r->months, "month", &nm);
	all = rpt_month_rows(r, &store, &nall);
	c = rpt_recs(&r->clips, "clip", &nc);
	a = rpt_recs(&r->log, "airing", &na);
	rpt_html_begin(out, &head);
	rpt_html_chart(out, &head, m, nm);
	strong = calloc(nall ? nall : 1, sizeof *strong);
	if (strong != NULL && nall > 0)
		strong[nall - 1] = 1;
	html_heading(out, _(W_H_MONTHS));
	html_table(out, month_human, NF(month_human), all, nall, strong);
	html_heading(out, _(W_H_ITEMS));
	html_table(out, clip_human, NF(clip_human), c, nc, NULL);
	html_heading(out, _(W_H_AIRINGS));
	html_table(out, log_fields, NF(log_fields), a, na, NULL);
	rpt_html_log(out, &head);
	html_end(out);
	free(strong);
	free(m);
	free(all);
	free(c);
	free(a);
	reply_free(&store);
}

int
rpt_print(const struct rpt *r, enum rpt_kind kind, FILE *out, const char *path,
    struct lx_err *err)
{
	switch (kind) {
	case RPT_TABLE:
		rpt_table(r, out);
		return 0;
	case RPT_CSV:
		rpt_csv(r, out);
		return 0;
	case RPT_JSON:
		rpt_json(r, out);
		return 0;
	case RPT_XLSX:
		return rpt_xlsx(r, path, err);
	case RPT_HTML:
		rpt_html(r, out);
		return 0;
	}
	return 0;
}

/* The district's rows as people read them: the total named in words;
 * *n records (an array to free), their pairs in *store. */
static struct reply_rec *
rpt_district_rows(const struct rpt_district *d, struct reply *store, size_t *n)
{
	struct reply_rec *all = rpt_recs(&d->rows, "row", n);

	for (size_t i = 0; i < *n; i++)
		if (strcmp(rpt_get(&all[i], "row"), "total") == 0)
			rpt_relabel(store, &all[i], "commune", _(W_TOTAL));
		else
			rpt_relabel(store, &all[i], "row", "commune");
	free(all);
	return rpt_recs(store, "commune", n);
}

/* The chart of months met per commune against the period's months. */
static void
rpt_district_chart(FILE *out, const struct reply_rec *c, size_t nc)
{
	struct html_bar *bars = calloc(nc ? nc : 1, sizeof *bars);
	const char *months = nc ? rpt_get(&c[0], "months") : "0";
	char line[64];
	const char *fmt;

	for (size_t i = 0; bars != NULL && i < nc; i++) {
		const char *name = rpt_get(&c[i], "commune");

		bars[i].label = *name ? name : _(W_NO_NAME);
		bars[i].value = strtoll(rpt_get(&c[i], "months_met"), NULL, 10);
		bars[i].hatched = strcmp(rpt_get(&c[i], "met"), "1") != 0;
	}
	/* Never NULL; said so, as the sanitizer build cannot tell. */
	fmt = _(W_MONTHS_LINE);
	snprintf(line, sizeof line, fmt != NULL ? fmt : W_MONTHS_LINE, months);
	if (bars != NULL && nc > 0)
		html_chart(out, _(W_CHART_DISTRICT), bars, nc,
		    strtoll(months, NULL, 10), line);
	free(bars);
}

static void
rpt_district_html(const struct rpt_district *d, FILE *out)
{
	struct reply_rec head = reply_all(&d->head), *c, *all;
	struct lx_field df[NF(district_fields) + 1];
	struct reply store = {0};
	size_t nc, nall;
	char sub[512];
	int *strong;

	c = rpt_recs_where(&d->rows, "row", "row", "commune", &nc);
	all = rpt_district_rows(d, &store, &nall);
	snprintf(sub, sizeof sub, _(W_SUB_DISTRICT), nc,
	    rpt_get(&head, "period"), rpt_get(&head, "from"),
	    rpt_get(&head, "to"));
	html_begin(out, rpt_lang(), _(W_TITLE_DISTRICT), sub);
	rpt_district_chart(out, c, nc);
	strong = calloc(nall ? nall : 1, sizeof *strong);
	if (strong != NULL && nall > 0)
		strong[nall - 1] = 1;
	html_heading(out, _(W_H_COMMUNES));
	html_table(out, commune_human, NF(commune_human), all, nall, strong);
	html_pairs(out, df,
	    rpt_with_made(district_fields, NF(district_fields), df), &head);
	html_end(out);
	free(strong);
	free(c);
	free(all);
	reply_free(&store);
}

static int
rpt_district_xlsx(
    const struct rpt_district *d, const char *path, struct lx_err *err)
{
	struct reply_rec head = reply_all(&d->head), *all;
	struct lx_field df[NF(district_fields) + 1];
	struct xlsx *x = xlsx_open(path, err);
	struct reply store = {0};
	size_t nall;
	int rc = 0;

	if (x == NULL)
		return -1;
	all = rpt_district_rows(d, &store, &nall);
	if (xlsx_table(x, _(W_T_COMMUNES), commune_fields, NF(commune_fields),
	        all, nall, err) == -1 ||
	    xlsx_pairs(x, _(W_T_SUMMARY), df,
	        rpt_with_made(district_fields, NF(district_fields), df), &head,
	        err) == -1)
		rc = -1;
	free(all);
	reply_free(&store);
	if (xlsx_close(x, err) == -1)
		rc = -1;
	return rc;
}

static void
rpt_district_json(const struct rpt_district *d, FILE *out)
{
	struct reply_rec head = reply_all(&d->head), *c, *t;
	size_t nc, nt;

	c = rpt_recs_where(&d->rows, "row", "row", "commune", &nc);
	t = rpt_recs_where(&d->rows, "row", "row", "total", &nt);
	fputc('{', out);
	fmt_json_members(out, district_fields, NF(district_fields), &head);
	fputs(",\"communes\":", out);
	fmt_json_array(out, commune_fields, NF(commune_fields), c, nc);
	fputs(",\"total\":", out);
	if (nt > 0) {
		fputc('{', out);
		fmt_json_members(out, total_fields, NF(total_fields), &t[0]);
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fputs("}\n", out);
	free(c);
	free(t);
}

/* The district as a table for people. */
static void
rpt_district_table(const struct rpt_district *d, FILE *out)
{
	struct reply_rec head = reply_all(&d->head), *all;
	struct reply store = {0};
	size_t n;

	for (size_t i = 0; i < NF(district_fields); i++)
		rpt_line(out, &head, &district_fields[i]);
	fputc('\n', out);
	all = rpt_district_rows(d, &store, &n);
	rpt_list_human(out, commune_human, NF(commune_human), all, n);
	free(all);
	reply_free(&store);
}

/* The district as CSV: a row per commune, then the total. */
static void
rpt_district_csv(const struct rpt_district *d, FILE *out)
{
	struct reply_rec head = reply_all(&d->head), *all;
	struct reply rows = {0};
	size_t n;

	all = rpt_recs(&d->rows, "row", &n);
	for (size_t i = 0; i < n; i++)
		rpt_csv_add(&rows, rpt_get(&all[i], "row"), &head, &all[i], 1);
	free(all);
	n = reply_records(&rows, "row", NULL, &all);
	fmt_list(out, FMT_CSV, csv_fields, NF(csv_fields), all, n);
	free(all);
	reply_free(&rows);
}

int
rpt_print_district(const struct rpt_district *d, enum rpt_kind kind, FILE *out,
    const char *path, struct lx_err *err)
{
	switch (kind) {
	case RPT_XLSX:
		return rpt_district_xlsx(d, path, err);
	case RPT_HTML:
		rpt_district_html(d, out);
		break;
	case RPT_JSON:
		rpt_district_json(d, out);
		break;
	case RPT_TABLE:
		rpt_district_table(d, out);
		break;
	case RPT_CSV:
		rpt_district_csv(d, out);
		break;
	}
	return 0;
}

void
rpt_free(struct rpt *r)
{
	reply_free(&r->head);
	reply_free(&r->months);
	reply_free(&r->clips);
	reply_free(&r->up);
	reply_free(&r->log);
}

void
rpt_free_district(struct rpt_district *d)
{
	reply_free(&d->head);
	reply_free(&d->rows);
}
