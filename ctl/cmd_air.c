/*
 * play, stop, status: what is on air now.  These ask the running loaxad,
 * never a --db file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

static const struct lx_field status_fields[] = {
    {"version", "version", LX_T_STR, 0, "version", NULL},
    {"protocol", "protocol", LX_T_INT, 0, "protocol", NULL},
    {"device", "device", LX_T_STR, 0, "device", NULL},
    {"device_state", "device_state", LX_T_STR, 0, "device_state", NULL},
    {"device_error", "device_error", LX_T_STR, LX_F_NULLABLE, "device_error",
        NULL},
    {"on_air", "on_air", LX_T_INT, 0, "on_air", NULL},
    {"on_air_state", "on_air_state", LX_T_STR, LX_F_NULLABLE, "on_air_state",
        NULL},
    {"on_air_at", "on_air_at", LX_T_INSTANT, 0, "on_air_at", NULL},
    {"on_air_clip", "on_air_clip", LX_T_INT, 0, "on_air_clip", NULL},
    {"on_air_title", "on_air_title", LX_T_STR, LX_F_NULLABLE, "on_air_title",
        NULL},
    {"on_air_since", "on_air_since", LX_T_INSTANT, 0, "on_air_since", NULL},
    {"waiting", "waiting", LX_T_INT, 0, "waiting", NULL},
};

/* This month's forecast (the daemon's quota.c), after the next airing. */
static const struct lx_field quota_fields[] = {
    {"quota_month", "quota_month", LX_T_STR, LX_F_NULLABLE, "quota_month",
        NULL},
    {"quota", "quota", LX_T_INT, 0, "quota", NULL},
    {"quota_items", "quota_items", LX_T_INT, 0, "quota_items", NULL},
    {"quota_projected", "quota_projected", LX_T_INT, 0, "quota_projected",
        NULL},
    {"quota_at_risk", "quota_at_risk", LX_T_BOOL, 0, "quota_at_risk", NULL},
};

#define STATUS_NFIELDS (sizeof status_fields / sizeof status_fields[0])
#define QUOTA_NFIELDS (sizeof quota_fields / sizeof quota_fields[0])
#define STATUS_NEXT "next" /* the next airing's fields: next, next_clip, … */
#define STATUS_MAX (STATUS_NFIELDS + 8 + QUOTA_NFIELDS)

/* A status reply flattened for scripts: its own pairs, then the next
 * airing's (an occurrence record) named next, next_clip, … */
struct status_flat {
	struct lx_field f[STATUS_MAX];
	char names[STATUS_MAX][32];
	size_t n;
	struct reply pairs;
};

int
cmd_play(struct ctl *c, int argc, char **argv)
{
	const char *arg = NULL;
	int now = 0;
	const struct opt opt[] = {
	    {"--now", NULL, &now, NULL, 0},
	    {"-n", NULL, &now, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	static const char *const args[] = {"CLIP", NULL};
	const struct opts o = {opt, args, &arg, NULL};
	struct reply r = {0}, title = {0};
	char ids[24];
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "CLIP", arg, &id)) != 0)
		return rc;
	snprintf(ids, sizeof ids, "%" PRId64, id);
	/* The title first, to say what airs; an unknown clip stops here. */
	if ((rc = ctl_request(c, &title, -1, "clipshow", ids, NULL)) == 0 &&
	    (rc = ctl_request(
	         c, &r, -1, "play", ids, now ? "now" : NULL, NULL)) == 0) {
		struct reply_rec all = reply_all(&title);
		const char *t = reply_get(&all, "title");

		fprintf(stderr, now ? _(MSG_PLAYING_NOW) : _(MSG_PLAYING_NEXT),
		    ids, t ? t : "");
	}
	reply_free(&title);
	reply_free(&r);
	return rc;
}

int
cmd_stop(struct ctl *c, int argc, char **argv)
{
	const struct opts o = {NULL, NULL, NULL, NULL};
	struct reply r = {0};
	struct reply_rec all;
	const char *id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_request(c, &r, -1, "stop", NULL)) != 0)
		goto out;
	all = reply_all(&r);
	id = reply_get(&all, "stopped");
	if (id != NULL && *id != '\0')
		fprintf(stderr, _(MSG_STOPPED), id);
	else
		fputs(_(MSG_NOTHING_ON_AIR), stderr);
out:
	reply_free(&r);
	return rc;
}

/* The value of key, "" when absent. */
static const char *
status_get(const struct reply_rec *rec, const char *key)
{
	const char *v = reply_get(rec, key);

	return v ? v : "";
}

/* An instant of the status for people. */
static const char *
status_when(const struct reply_rec *rec, const char *key, char *tmp, size_t n)
{
	static const struct lx_field f = {"", "", LX_T_INSTANT, 0, "", NULL};

	return fmt_human(&f, reply_get(rec, key), tmp, n);
}

/* The next airing's record in r, led by the occurrence's first key. */
static struct reply_rec
status_next(const struct reply *r)
{
	const char *lead = lx_shape_occurrence.field[0].key;
	struct reply_rec rec = {r, r->n, r->n};

	for (size_t i = 0; i < r->n; i++)
		if (strcmp(reply_key(r, i), lead) == 0) {
			rec.lo = i;
			break;
		}
	return rec;
}

/* Flatten r: the status's pairs, then the next airing's, renamed. */
static void
status_flatten(const struct reply *r, struct status_flat *fl)
{
	const struct lx_shape *occ = &lx_shape_occurrence;
	struct reply_rec head = status_next(r), next = head;
	const char *v;

	head.lo = 0;
	next.hi = r->n;
	fl->n = 0;
	for (size_t i = 0; i < STATUS_NFIELDS; i++)
		fl->f[fl->n++] = status_fields[i];
	for (size_t i = 0; i < occ->n && fl->n < STATUS_MAX; i++) {
		struct lx_field *f = &fl->f[fl->n];

		*f = occ->field[i];
		snprintf(fl->names[fl->n], sizeof fl->names[0], "%s%s%s",
		    STATUS_NEXT, i ? "_" : "", i ? occ->field[i].name : "");
		f->name = f->key = fl->names[fl->n++];
		f->flags |= LX_F_NULLABLE;
	}
	for (size_t i = 0; i < STATUS_NFIELDS; i++)
		if ((v = reply_get(&head, status_fields[i].key)) != NULL)
			reply_add(&fl->pairs, status_fields[i].key,
			    strlen(status_fields[i].key), v, strlen(v));
	for (size_t i = 0; next.lo < next.hi && i < occ->n; i++)
		if ((v = reply_get(&next, occ->field[i].key)) != NULL) {
			const char *k = fl->names[STATUS_NFIELDS + i];

			reply_add(&fl->pairs, k, strlen(k), v, strlen(v));
		}
	for (size_t i = 0; i < QUOTA_NFIELDS && fl->n < STATUS_MAX; i++) {
		fl->f[fl->n++] = quota_fields[i];
		if ((v = reply_get(&head, quota_fields[i].key)) != NULL)
			reply_add(&fl->pairs, quota_fields[i].key,
			    strlen(quota_fields[i].key), v, strlen(v));
	}
}

/* status for people: a few lines, local times. */
static void
status_print(const struct reply *r)
{
	struct reply_rec rec = reply_all(r), next = status_next(r);
	char when[64];

	printf(MSG_ST_VERSION, status_get(&rec, "version"),
	    status_get(&rec, "protocol"));
	if (*status_get(&rec, "device_error") != '\0')
		printf(MSG_ST_DEVICE_DOWN, status_get(&rec, "device"),
		    status_get(&rec, "device_state"),
		    status_get(&rec, "device_error"));
	else
		printf(MSG_ST_DEVICE, status_get(&rec, "device"),
		    status_get(&rec, "device_state"));
	if (strcmp(status_get(&rec, "on_air_state"), "cued") == 0)
		printf(MSG_ST_CUED, status_get(&rec, "on_air"),
		    status_get(&rec, "on_air_clip"),
		    status_get(&rec, "on_air_title"),
		    status_when(&rec, "on_air_at", when, sizeof when));
	else if (*status_get(&rec, "on_air") != '\0')
		printf(MSG_ST_ON_AIR, status_get(&rec, "on_air"),
		    status_get(&rec, "on_air_clip"),
		    status_get(&rec, "on_air_title"),
		    status_when(&rec, "on_air_since", when, sizeof when));
	else
		fputs(MSG_ST_OFF_AIR, stdout);
	printf(MSG_ST_WAITING, status_get(&rec, "waiting"));
	next.hi = r->n;
	if (next.lo < next.hi)
		printf(MSG_ST_NEXT,
		    status_when(&next, "scheduled", when, sizeof when),
		    status_get(&next, "clip"), status_get(&next, "title"),
		    status_get(&next, "schedule"));
	else
		fputs(MSG_ST_NO_NEXT, stdout);
	if (strcmp(status_get(&rec, "quota_at_risk"), "1") == 0)
		printf(MSG_ST_QUOTA_RISK, status_get(&rec, "quota_month"),
		    status_get(&rec, "quota_items"), status_get(&rec, "quota"),
		    status_get(&rec, "quota_projected"));
}

int
cmd_status(struct ctl *c, int argc, char **argv)
{
	const char *format = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts o = {opt, NULL, NULL, NULL};
	struct reply r = {0};
	struct status_flat fl = {0};
	struct reply_rec all;
	enum fmt_kind kind;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_format(c, format, &kind)) != 0 ||
	    (rc = ctl_request(c, &r, -1, "status", NULL)) != 0)
		goto out;
	if (kind == FMT_TABLE) {
		status_print(&r);
		goto out;
	}
	status_flatten(&r, &fl);
	all = reply_all(&fl.pairs);
	fmt_one(stdout, kind, fl.f, fl.n, &all);
out:
	reply_free(&fl.pairs);
	reply_free(&r);
	return rc;
}
