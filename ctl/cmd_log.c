/*
 * log and report: what aired in a period of local days or a month, and
 * the month's quota check.  Local dates become instants here; the wire
 * and the book know only instants.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../schedules/when.h"
#include "cmd.h"
#include "msg.h"

#define NFIELDS(f) (sizeof(f) / sizeof((f)[0]))
#define LOG_DAY_LEN 10 /* "YYYY-MM-DD" */

static const struct lx_field report_fields[] = {
    {"month", "month", LX_T_STR, 0, MSG_H_MONTH, NULL},
    {"quota", "quota", LX_T_INT, 0, MSG_H_QUOTA, NULL},
    {"items", "items", LX_T_INT, 0, MSG_H_ITEMS, NULL},
    {"airings", "airings", LX_T_INT, 0, MSG_H_DONE, NULL},
    {"met", "met", LX_T_BOOL, 0, MSG_H_MET, NULL},
    {"pending", "pending", LX_T_INT, 0, MSG_H_PENDING, NULL},
    {"projected", "projected", LX_T_INT, 0, MSG_H_PROJECTED, NULL},
};

static const struct lx_field report_clip_fields[] = {
    {"clip", "item", LX_T_INT, 0, MSG_H_CLIP, NULL},
    {"title", "title", LX_T_STR, 0, MSG_H_TITLE, NULL},
    {"airings", "done", LX_T_INT, 0, MSG_H_AIRINGS, NULL},
};

struct log_period {
	const char *month, *from, *to; /* as given, or NULL */
	int64_t start, end; /* [start, end) */
	char label[8]; /* "YYYY-MM" of a month */
};

/* The local midnight starting the day `s` names; 0 or an exit status. */
static int
log_day(const struct ctl *c, const char *opt, const char *s, int64_t *t)
{
	struct lx_err err;

	if (strlen(s) != LOG_DAY_LEN || when_parse_local(s, t, &err) != 0)
		return ctl_fail(c, MSG_E_NOT_DATE, opt, s);
	return 0;
}

/* Turn --month or --from/--to (default: this month) into instants. */
static int
log_period_parse(const struct ctl *c, struct log_period *p)
{
	struct lx_err err;
	int64_t last;
	int rc;

	if (p->month != NULL && (p->from != NULL || p->to != NULL))
		return ctl_fail(c, MSG_E_MONTH_AND_DAYS);
	if ((p->from == NULL) != (p->to == NULL))
		return ctl_fail(c, MSG_E_FROM_TO);
	if (p->from != NULL) {
		if ((rc = log_day(c, "--from", p->from, &p->start)) != 0 ||
		    (rc = log_day(c, "--to", p->to, &last)) != 0)
			return rc;
		if (p->start > last)
			return ctl_fail(c, MSG_E_FROM_AFTER_TO);
		/* The next midnight, whether that day has 23, 24 or 25 h. */
		p->end = when_day_start(last + 36 * 3600 * WHEN_SEC);
		return 0;
	}
	if (p->month != NULL &&
	    when_parse_month(p->month, &p->start, &p->end, &err) != 0)
		return ctl_fail(c, "--month: %s", err.msg);
	when_month_of(
	    p->month ? p->start : when_now(), &p->start, &p->end, p->label);
	return 0;
}

int
cmd_log(struct ctl *c, int argc, char **argv)
{
	struct log_period p = {0};
	const char *format = NULL, *clip = NULL;
	const struct opt opt[] = {
	    {"--month", &p.month, NULL},
	    {"--from", &p.from, NULL},
	    {"--to", &p.to, NULL},
	    {"--clip", &clip, NULL},
	    {"--format", &format, NULL},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {opt, NULL, NULL};
	char from[24], to[24], ids[24];
	struct reply r = {0};
	enum fmt_kind kind;
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_format(c, format, &kind)) != 0 ||
	    (rc = log_period_parse(c, &p)) != 0 ||
	    (clip != NULL && (rc = ctl_id(c, "--clip", clip, &id)) != 0))
		return rc;
	snprintf(from, sizeof from, "%" PRId64, p.start);
	snprintf(to, sizeof to, "%" PRId64, p.end);
	if (clip != NULL)
		snprintf(ids, sizeof ids, "%" PRId64, id);
	rc = ctl_request(c, &r, -1, "log", from, to, clip ? ids : NULL, NULL);
	if (rc == 0) {
		ctl_print_list(&r, &lx_shape_airing, kind);
	}
	reply_free(&r);
	return rc;
}

/* The report's own pairs (before its lists), led by the month. */
static void
report_head(const struct reply *r, const char *label, struct reply *head)
{
	static const char *const lists[] = {"month", "item", "scheduled", NULL};
	struct reply_rec h = reply_head(r, lists);

	reply_add(head, "month", 5, label, strlen(label));
	for (size_t i = h.lo; i < h.hi; i++)
		reply_add(head, reply_key(r, i), strlen(reply_key(r, i)),
		    reply_value(r, i), strlen(reply_value(r, i)));
}

/* A list of the table form of the report, under its title. */
static void
report_table_list(const char *title, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n)
{
	fputs(title, stdout);
	if (n == 0)
		fputs(MSG_REPORT_NOTHING, stdout);
	else
		fmt_list(stdout, FMT_TABLE, f, nf, recs, n);
}

static void
report_print(enum fmt_kind kind, const struct reply *r, const char *label)
{
	static const char *const not_item[] = {"month", "item", NULL};
	static const char *const not_up[] = {"month", "scheduled", NULL};
	const struct lx_shape *occ = &lx_shape_occurrence;
	struct reply head = {0};
	struct reply_rec h, *items, *up;
	size_t ni = reply_records(r, "item", not_up, &items);
	size_t nu = reply_records(r, occ->field[0].key, not_item, &up);

	report_head(r, label, &head);
	h = reply_all(&head);
	if (kind == FMT_JSON) {
		fputc('{', stdout);
		fmt_json_members(
		    stdout, report_fields, NFIELDS(report_fields), &h);
		fputs(",\"clips\":", stdout);
		fmt_json_array(stdout, report_clip_fields,
		    NFIELDS(report_clip_fields), items, ni);
		fputs(",\"upcoming\":", stdout);
		fmt_json_array(stdout, occ->field, occ->n, up, nu);
		fputs("}\n", stdout);
	} else {
		fmt_one(
		    stdout, kind, report_fields, NFIELDS(report_fields), &h);
	}
	if (kind == FMT_TABLE) {
		report_table_list(MSG_REPORT_CLIPS, report_clip_fields,
		    NFIELDS(report_clip_fields), items, ni);
		report_table_list(
		    MSG_REPORT_UPCOMING, occ->field, occ->n, up, nu);
	}
	free(items);
	free(up);
	reply_free(&head);
}

int
cmd_report(struct ctl *c, int argc, char **argv)
{
	struct log_period p = {0};
	const char *format = NULL;
	const struct opt opt[] = {
	    {"--month", &p.month, NULL},
	    {"--format", &format, NULL},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {opt, NULL, NULL};
	struct reply r = {0};
	char from[24], to[24];
	enum fmt_kind kind;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_format(c, format, &kind)) != 0 ||
	    (rc = log_period_parse(c, &p)) != 0)
		return rc;
	snprintf(from, sizeof from, "%" PRId64, p.start);
	snprintf(to, sizeof to, "%" PRId64, p.end);
	if ((rc = ctl_request(c, &r, -1, "report", from, to, NULL)) == 0)
		report_print(kind, &r, p.label);
	reply_free(&r);
	return rc;
}
