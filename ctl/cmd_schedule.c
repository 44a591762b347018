/*
 * schedule add, list, rm, next.  schedule add turns the friendly
 * --at/--days form (or --once, or --rrule) into a start and a rule with
 * schedules/recur, and checks the rule here so a bad one sends nothing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../schedules/book.h"
#include "../schedules/describe.h"
#include "../schedules/recur.h"
#include "../schedules/when.h"
#include "cmd.h"
#include "msg.h"

#define SCHED_MAX_FIELDS 16 /* a schedule record's fields, and room */

struct sched_form {
	const char *at, *days, *from, *until; /* the friendly form */
	const char *once;
	const char *rrule, *start;
};

/* Which options go together; 0, or an exit status after an error. */
static int
sched_form_check(const struct ctl *c, const struct sched_form *f)
{
	if ((f->at != NULL) + (f->once != NULL) + (f->rrule != NULL) != 1)
		return ctl_fail(c, MSG_E_ONE_OF);
	if (f->at == NULL && f->days != NULL)
		return ctl_fail(c, MSG_E_ONLY_WITH_AT, "--days");
	if (f->at == NULL && f->from != NULL)
		return ctl_fail(c, MSG_E_ONLY_WITH_AT, "--from");
	if (f->at == NULL && f->until != NULL)
		return ctl_fail(c, MSG_E_ONLY_WITH_AT, "--until");
	if (f->rrule == NULL && f->start != NULL)
		return ctl_fail(c, MSG_E_START_ONLY);
	if (f->rrule != NULL && f->start == NULL)
		return ctl_fail(c, MSG_E_RRULE_START);
	return 0;
}

/* The start and rule the form means; 0, or -1 with err. */
static int
sched_form_rule(const struct sched_form *f, char *dtstart, char *rule, size_t n,
    struct lx_err *err)
{
	const char *r = f->rrule;

	if (f->at != NULL)
		return recur_friendly(f->at, f->days, f->from, f->until,
		    when_now(), dtstart, rule, n, err);
	rule[0] = '\0';
	if (f->once != NULL)
		return recur_dtstart(f->once, dtstart, err);
	if (strncmp(r, "RRULE:", 6) == 0)
		r += 6;
	if (lx_strlcpy(rule, r, n) != 0)
		return lx_err_set(err, LX_E_ARG, MSG_E_RRULE_LONG, n - 1);
	return recur_dtstart(f->start, dtstart, err);
}

/* Say the new schedule's id on stdout, its next airing on stderr. */
static int
sched_added(const struct ctl *c, const struct reply *r)
{
	struct reply_rec all = reply_all(r);
	const char *id = ctl_need(c, r, "schedule");
	const char *next = reply_get(&all, "next");
	static const struct lx_field f = {
	    "next", "next", LX_T_INSTANT, LX_F_NULLABLE, "", NULL};
	char when[64];

	if (id == NULL)
		return CTL_EXIT_LINK;
	printf("%s\n", id);
	if (next == NULL || *next == '\0')
		fprintf(stderr, _(MSG_SCHEDULE_ADDED_NONE), id);
	else
		fprintf(stderr, _(MSG_SCHEDULE_ADDED), id,
		    fmt_human(&f, next, when, sizeof when));
	return 0;
}

int
cmd_schedule_add(struct ctl *c, int argc, char **argv)
{
	struct sched_form f = {0};
	const char *arg = NULL;
	int force = 0;
	const struct opt opt[] = {
	    {"--force", NULL, &force, NULL, 0},
	    {"-f", NULL, &force, NULL, 0},
	    {"--at", &f.at, NULL, NULL, 0},
	    {"--days", &f.days, NULL, NULL, 0},
	    {"--from", &f.from, NULL, NULL, 0},
	    {"--until", &f.until, NULL, NULL, 0},
	    {"--once", &f.once, NULL, NULL, 0},
	    {"--rrule", &f.rrule, NULL, NULL, 0},
	    {"--start", &f.start, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	static const char *const args[] = {"CLIP", NULL};
	const struct opts o = {opt, args, &arg, NULL};
	char dtstart[RECUR_DTSTART_LEN], rule[LX_MAX_RRULE], ids[24];
	struct reply r = {0};
	struct lx_err err;
	int64_t clip, first;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "CLIP", arg, &clip)) != 0 ||
	    (rc = sched_form_check(c, &f)) != 0)
		return rc;
	if (sched_form_rule(&f, dtstart, rule, sizeof rule, &err) != 0 ||
	    book_schedule_first(dtstart, rule, when_now(), &first, &err) != 0)
		return ctl_fail(c, "%s", err.msg);
	snprintf(ids, sizeof ids, "%" PRId64, clip);
	rc = ctl_request(c, &r, -1, "scheduleadd", ids, dtstart, rule,
	    force ? "force" : NULL, NULL);
	if (rc == 0)
		rc = sched_added(c, &r);
	reply_free(&r);
	return rc;
}

/*
 * The schedules for people: each rule in words, in the user's language
 * ("05:30 thứ Hai, thứ Tư, thứ Sáu, từ 01/12/2026"), which also say the
 * start; scripts read the RRULE and the start in csv and json.
 */
static void
sched_print_words(const struct reply *r)
{
	struct lx_field f[SCHED_MAX_FIELDS];
	const struct lx_shape s = {f,
	    lx_shape_schedule.n < SCHED_MAX_FIELDS ? lx_shape_schedule.n
	                                           : SCHED_MAX_FIELDS};
	struct reply words = {0};
	const char *start = "";

	memcpy(f, lx_shape_schedule.field, s.n * sizeof f[0]);
	for (size_t i = 0; i < s.n; i++)
		if (strcmp(f[i].name, "start") == 0)
			f[i].flags |= LX_F_DETAIL;
	for (size_t i = 0; i < r->n; i++) {
		const char *k = reply_key(r, i), *v = reply_value(r, i);
		struct buf b = {0};

		if (strcmp(k, "start") == 0)
			start = v;
		if (strcmp(k, "rrule") == 0) {
			describe_rule(start, v, &b);
			v = b.len ? b.p : "";
		}
		reply_add(&words, k, strlen(k), v, strlen(v));
		buf_free(&b);
	}
	ctl_print_list(&words, &s, FMT_TABLE);
	reply_free(&words);
}

int
cmd_schedule_list(struct ctl *c, int argc, char **argv)
{
	return ctl_list(c, argc, argv, "schedulelist", &lx_shape_schedule,
	    sched_print_words);
}

int
cmd_schedule_rm(struct ctl *c, int argc, char **argv)
{
	return ctl_by_id(c, argc, argv, "schedulerm", MSG_SCHEDULE_REMOVED);
}

int
cmd_schedule_next(struct ctl *c, int argc, char **argv)
{
	const char *format = NULL, *arg = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	static const char *const args[] = {"[N]", NULL};
	const struct opts o = {opt, args, &arg, NULL};
	struct reply r = {0};
	enum fmt_kind kind;
	int64_t count = LX_NEXT_DEFAULT;
	char ns[24];
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_format(c, format, &kind)) != 0)
		return rc;
	if (arg != NULL && lx_int_parse(arg, 1, LX_MAX_NEXT, &count) != 0)
		return ctl_fail(c, MSG_E_BAD_COUNT, arg, LX_MAX_NEXT);
	snprintf(ns, sizeof ns, "%" PRId64, count);
	if ((rc = ctl_request(c, &r, -1, "schedulenext", ns, NULL)) == 0) {
		ctl_print_list(&r, &lx_shape_occurrence, kind);
	}
	reply_free(&r);
	return rc;
}
