/*
 * log: what aired in a period of local days or a month, as a table, CSV,
 * JSON or an Excel workbook; log --verify walks the log's hash chain.
 * Local dates become instants here; the wire and the book know only
 * instants.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../schedules/when.h"
#include "cmd.h"
#include "msg.h"
#include "output.h"
#include "xlsx.h"

#define NFIELDS(f) (sizeof(f) / sizeof((f)[0]))
#define LOG_DAY_LEN 10 /* "YYYY-MM-DD" */

static const struct lx_field verify_fields[] = {
    {"verdict", "verdict", LX_T_STR, 0, MSG_H_VERDICT, NULL},
    {"rows", "rows", LX_T_INT, 0, MSG_H_ROWS, NULL},
    {"head", "head", LX_T_STR, LX_F_NULLABLE, MSG_H_HEAD, NULL},
    {"adopted", "adopted", LX_T_INT, 0, MSG_H_ADOPTED, NULL},
    {"airing", "airing", LX_T_INT, LX_F_NULLABLE, MSG_H_AIRING, NULL},
    {"position", "position", LX_T_INT, LX_F_NULLABLE, MSG_H_POSITION, NULL},
    {"why", "why", LX_T_STR, LX_F_NULLABLE, MSG_H_WHY, NULL},
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

/* The verdict for people: ok with the head, or the first bad row. */
static void
log_verdict(const struct reply_rec *v)
{
	const char *verdict = reply_get(v, "verdict");
	const char *adopted = reply_get(v, "adopted");
	const char *airing = reply_get(v, "airing");

	if (strcmp(verdict, "ok") == 0) {
		printf(
		    MSG_VERIFY_OK, reply_get(v, "rows"), reply_get(v, "head"));
		if (adopted != NULL && strcmp(adopted, "0") != 0)
			printf(MSG_VERIFY_ADOPTED, adopted);
		fputc('\n', stdout);
		return;
	}
	if (airing != NULL && *airing != '\0')
		printf(MSG_VERIFY_BAD_ROW, verdict, airing,
		    reply_get(v, "position"), reply_get(v, "why"));
	else
		printf(MSG_VERIFY_BAD, verdict, reply_get(v, "why"));
}

/* log --verify: the chain walked by the book.  CTL_EXIT_BROKEN when a row
 * does not match. */
static int
log_verify(struct ctl *c, enum fmt_kind kind)
{
	struct reply r = {0};
	struct reply_rec all;
	const char *verdict;
	int rc;

	if ((rc = ctl_request(c, &r, -1, "logverify", NULL)) != 0)
		return rc;
	all = reply_all(&r);
	if ((verdict = ctl_need(c, &r, "verdict")) == NULL)
		rc = CTL_EXIT_LINK;
	else if (kind == FMT_TABLE)
		log_verdict(&all);
	else
		fmt_one(
		    stdout, kind, verify_fields, NFIELDS(verify_fields), &all);
	if (rc == 0 && strcmp(verdict, "ok") != 0)
		rc = CTL_EXIT_BROKEN;
	reply_free(&r);
	return rc;
}

/* --format: table, csv, json, or xlsx (with -o). */
static int
log_kind(const struct ctl *c, const char *s, const char *output, int *xlsx,
    enum fmt_kind *kind)
{
	*xlsx = s != NULL && strcmp(s, "xlsx") == 0;
	if (*xlsx && output == NULL)
		return ctl_fail(c, MSG_E_XLSX_OUTPUT);
	if (*xlsx) {
		*kind = FMT_TABLE;
		return 0;
	}
	if (fmt_kind_parse(s, kind, NULL) != 0)
		return ctl_fail(c, MSG_E_LOG_FORMAT, s);
	return 0;
}

/* Print the airings of r to -o FILE or stdout. */
static int
log_write(const struct ctl *c, const struct reply *r, int xlsx,
    enum fmt_kind kind, const char *path)
{
	const struct lx_shape *sh = &lx_shape_airing;
	struct reply_rec *recs;
	size_t n = reply_records(r, sh->field[0].key, NULL, &recs);
	struct output out;
	struct xlsx *x;
	struct lx_err err;
	int rc = 0;

	if (output_open(&out, path, &err) == -1) {
		free(recs);
		return ctl_fail(c, "%s", err.msg);
	}
	if (xlsx) {
		output_by_path(&out);
		if ((x = xlsx_open(out.tmp, &err)) == NULL ||
		    xlsx_table(x, MSG_SHEET_LOG, sh->field, sh->n, recs, n,
		        &err) == -1)
			rc = -1;
		if (xlsx_close(x, &err) == -1)
			rc = -1;
	} else {
		struct lx_field *human = NULL;

		if (kind == FMT_TABLE)
			human = fmt_fields_human(sh->field, sh->n);
		fmt_list(
		    out.f, kind, human ? human : sh->field, sh->n, recs, n);
		free(human);
	}
	free(recs);
	if (output_close(&out, rc == 0, &err) == -1 || rc == -1) {
		ctl_fail(c, "%s", err.msg);
		return CTL_EXIT_LINK;
	}
	return 0;
}

int
cmd_log(struct ctl *c, int argc, char **argv)
{
	struct log_period p = {0};
	const char *format = NULL, *clip = NULL, *output = NULL;
	int verify = 0, xlsx;
	const struct opt opt[] = {
	    {"--month", &p.month, NULL, NULL, 0},
	    {"--from", &p.from, NULL, NULL, 0},
	    {"--to", &p.to, NULL, NULL, 0},
	    {"--clip", &clip, NULL, NULL, 0},
	    {"--format", &format, NULL, NULL, 0},
	    {"-o", &output, NULL, NULL, 0},
	    {"--output", &output, NULL, NULL, 0},
	    {"--verify", NULL, &verify, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts o = {opt, NULL, NULL, NULL};
	char from[24], to[24], ids[24];
	struct reply r = {0};
	enum fmt_kind kind;
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO)
		return rc;
	if (verify && (p.month || p.from || p.to || clip || output))
		return ctl_fail(c, MSG_E_VERIFY_ALONE);
	if ((rc = log_kind(c, format, output, &xlsx, &kind)) != 0)
		return rc;
	if (verify)
		return xlsx ? ctl_fail(c, MSG_E_VERIFY_ALONE)
		            : log_verify(c, kind);
	if ((rc = log_period_parse(c, &p)) != 0 ||
	    (clip != NULL && (rc = ctl_id(c, "--clip", clip, &id)) != 0))
		return rc;
	snprintf(from, sizeof from, "%" PRId64, p.start);
	snprintf(to, sizeof to, "%" PRId64, p.end);
	if (clip != NULL)
		snprintf(ids, sizeof ids, "%" PRId64, id);
	rc = ctl_request(c, &r, -1, "log", from, to, clip ? ids : NULL, NULL);
	if (rc == 0)
		rc = log_write(c, &r, xlsx, kind, output);
	reply_free(&r);
	return rc;
}
