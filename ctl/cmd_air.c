/*
 * play, stop, status: what is on air now.  These ask the running loaxad,
 * never a --db file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"

static const struct fmt_field status_fields[] = {
    {"version", "version", FMT_STR, 0, "version", NULL},
    {"protocol", "protocol", FMT_INT, 0, "protocol", NULL},
    {"device", "device", FMT_STR, 0, "device", NULL},
    {"device_state", "device_state", FMT_STR, 0, "device_state", NULL},
    {"device_error", "device_error", FMT_STR, FMT_NULLABLE, "device_error",
        NULL},
    {"on_air", "on_air", FMT_INT, 0, "on_air", NULL},
    {"on_air_state", "on_air_state", FMT_STR, FMT_NULLABLE, "on_air_state",
        NULL},
    {"on_air_at", "on_air_at", FMT_INSTANT, 0, "on_air_at", NULL},
    {"on_air_clip", "on_air_clip", FMT_INT, 0, "on_air_clip", NULL},
    {"on_air_title", "on_air_title", FMT_STR, FMT_NULLABLE, "on_air_title",
        NULL},
    {"on_air_since", "on_air_since", FMT_INSTANT, 0, "on_air_since", NULL},
    {"waiting", "waiting", FMT_INT, 0, "waiting", NULL},
    {"next", "next", FMT_INSTANT, 0, "next", NULL},
    {"next_clip", "next_clip", FMT_INT, 0, "next_clip", NULL},
    {"next_title", "next_title", FMT_STR, FMT_NULLABLE, "next_title", NULL},
    {"next_schedule", "next_schedule", FMT_INT, 0, "next_schedule", NULL},
};

#define STATUS_NFIELDS (sizeof status_fields / sizeof status_fields[0])

int
cmd_play(struct ctl *c, int argc, char **argv)
{
	const char *arg = NULL;
	int now = 0;
	const struct opt opt[] = {
	    {"--now", NULL, &now},
	    {NULL, NULL, NULL},
	};
	static const char *const args[] = {"CLIP", NULL};
	const struct opts o = {opt, args, &arg};
	struct reply r = {0};
	char ids[24];
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "CLIP", arg, &id)) != 0)
		return rc;
	snprintf(ids, sizeof ids, "%" PRId64, id);
	rc = ctl_request(c, &r, -1, "play", ids, now ? "now" : NULL, NULL);
	reply_free(&r);
	return rc;
}

int
cmd_stop(struct ctl *c, int argc, char **argv)
{
	const struct opts o = {NULL, NULL, NULL};
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
		printf(MSG_STOPPED, id);
	else
		fputs(MSG_NOTHING_ON_AIR, stdout);
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
	static const struct fmt_field f = {"", "", FMT_INSTANT, 0, "", NULL};

	return fmt_human(&f, reply_get(rec, key), tmp, n);
}

/* status for people: a few lines, local times. */
static void
status_print(const struct reply *r)
{
	struct reply_rec rec = reply_all(r);
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
	if (*status_get(&rec, "next") != '\0')
		printf(MSG_ST_NEXT,
		    status_when(&rec, "next", when, sizeof when),
		    status_get(&rec, "next_clip"),
		    status_get(&rec, "next_title"),
		    status_get(&rec, "next_schedule"));
	else
		fputs(MSG_ST_NO_NEXT, stdout);
}

int
cmd_status(struct ctl *c, int argc, char **argv)
{
	const char *format = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {opt, NULL, NULL};
	struct reply r = {0};
	struct reply_rec all;
	enum fmt_kind kind;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_format(c, format, &kind)) != 0 ||
	    (rc = ctl_request(c, &r, -1, "status", NULL)) != 0)
		goto out;
	all = reply_all(&r);
	if (kind == FMT_TABLE)
		status_print(&r);
	else
		fmt_one(stdout, kind, status_fields, STATUS_NFIELDS, &all);
out:
	reply_free(&r);
	return rc;
}
