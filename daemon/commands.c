/*
 * loaxad's handler for each row of the command table (proto/command.c):
 * the commands that change state or ask the daemon itself are here, the
 * read-only queries are schedules/query.c's.  Arity and permission are
 * checked once, in commands_run, before any handler.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../proto/command.h"
#include "../proto/i18n.h"
#include "../proto/line.h"
#include "../schedules/query.h"
#include "../schedules/when.h"
#include "commands.h"
#include "log.h"

/* A command's handler: arity and permission are already checked. */
typedef int cmd_fn(struct commands *, struct client *, struct proto_words *,
    struct buf *, struct lx_err *);

static cmd_fn cmd_help;

/* A read-only query, answered from the book. */
static int
cmd_query(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	const struct lx_command *c = lx_command_find(w->argv[0]);

	(void)cl;
	return query_run(cmds->book, lx_command_id(c), w->argc, w->argv,
	    when_now(), out, err);
}

static void cmd_reply_err(struct buf *out, const struct lx_err *err);
static locale_t cmd_lang_get(struct commands *cmds, const char *name);

/* A clipadd whose import runs on the worker (ingest.c). */
struct cmd_import {
	struct ingest_job job; /* first: ingest_job_free frees it all */
	struct commands *cmds;
	struct client *cl;
	struct clip c;
};

/* Record the imported clip, refusing a duplicate; 0 or -1 with err. */
static int
cmd_clip_record(struct cmd_import *ci, struct lx_err *err)
{
	struct clip *c = &ci->c;
	const struct clip *got = &ci->job.im.clip;

	if (ci->job.rc == -1) {
		*err = ci->job.err;
		return -1;
	}
	/* A file already there is a clip's, or is the same bytes. */
	if (book_clip_check_new(ci->cmds->book, got->sha256, err) == -1)
		return -1;
	memcpy(c->sha256, got->sha256, sizeof c->sha256);
	memcpy(c->format, got->format, sizeof c->format);
	c->rate = got->rate;
	c->channels = got->channels;
	c->frames = got->frames;
	c->bytes = got->bytes;
	if (book_clip_add(ci->cmds->book, c, err) == -1) {
		if (!ci->job.existed)
			library_remove_sha(ci->cmds->lib, c->sha256);
		return -1;
	}
	return 0;
}

/* On the loop, the import done: record it and answer the client. */
static void
cmd_clip_imported(struct ingest_job *job)
{
	struct cmd_import *ci = (struct cmd_import *)job;
	locale_t was = job->loc ? uselocale(job->loc) : (locale_t)0;
	struct lx_err err = {0, ""};
	struct buf out = {0};

	if (cmd_clip_record(ci, &err) == -1) {
		cmd_reply_err(&out, &err);
	} else {
		log_info("clip %lld: added by %s (%s, %s, %.1f s)",
		    (long long)ci->c.id, ci->c.added_by, ci->c.title,
		    ci->c.format, (double)ci->c.frames / ci->c.rate);
		buf_kv_int(&out, "clip", ci->c.id);
		buf_add(&out, "OK\n", 3);
	}
	if (job->loc)
		uselocale(was);
	server_reply_later(ci->cl, out.p, out.len);
	buf_free(&out);
	ingest_job_free(job);
}

/* Check the request's words, then hand the import to the worker. */
static int
cmd_clipadd(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	struct cmd_import *ci;
	int fd = cl->passed_fd;

	(void)out;
	cl->passed_fd = -1;
	if (fd < 0)
		return lx_err_set(err, LX_E_ARG,
		    _("no file: pass the clip's descriptor with the request"));
	if (lx_text_clean(w->argv[1], LX_MAX_TITLE, _("title"), 0, err) ||
	    lx_topic_clean(w->argv[2], err) ||
	    lx_text_clean(w->argv[3], LX_MAX_SOURCE, _("source"), 1, err)) {
		close(fd);
		return -1;
	}
	ci = xcalloc(1, sizeof *ci);
	ci->job.fd = fd;
	ci->job.loc = cmd_lang_get(cmds, cl->lang[0] ? cl->lang : "C");
	ci->job.done = cmd_clip_imported;
	ci->cmds = cmds;
	ci->cl = cl;
	lx_strlcpy(ci->c.title, w->argv[1], sizeof ci->c.title);
	lx_strlcpy(ci->c.topic, w->argv[2], sizeof ci->c.topic);
	lx_strlcpy(ci->c.source, w->argv[3], sizeof ci->c.source);
	ci->c.added = when_now();
	lx_strlcpy(ci->c.added_by, cl->user, sizeof ci->c.added_by);
	if (ingest_start(cmds->ingest, &ci->job, err) == -1) {
		ingest_job_free(&ci->job);
		return -1;
	}
	return SERVER_LATER;
}

static int
cmd_cliprm(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	struct clip c;
	int64_t id;

	(void)out;
	if (proto_int(w->argv[1], "clip id", 1, INT64_MAX, &id, err) == -1 ||
	    book_clip_get(cmds->book, id, &c, err) == -1 ||
	    book_clip_remove(cmds->book, id, when_now(), err) == -1)
		return -1;
	library_remove(cmds->lib, &c);
	log_info("clip %lld: removed by %s", (long long)id, cl->user);
	onair_withdraw(cmds->onair, 0, id);
	return 0;
}

static int
cmd_scheduleadd(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	struct schedule s = {0};
	int force = w->argc == 5, rc;
	int64_t now = when_now(), twin;

	if (force && strcmp(w->argv[4], "force") != 0)
		return lx_command_arity(
		    &lx_commands[LX_CMD_SCHEDULEADD], -1, err);
	if (proto_int(w->argv[1], "clip id", 1, INT64_MAX, &s.clip_id, err) ||
	    recur_dtstart(w->argv[2], s.dtstart, err) == -1)
		return -1;
	if (lx_strlcpy(s.rrule, w->argv[3], sizeof s.rrule) == -1)
		return lx_err_set(err, LX_E_ARG, _("rule too long"));
	lx_strlcpy(s.added_by, cl->user, sizeof s.added_by);
	/* The same airings twice would be logged and counted twice. */
	if (!force &&
	    (rc = book_schedule_twin(cmds->book, &s, now, &twin, err)) != 0)
		return rc == -1
		    ? -1
		    : lx_err_set(err, LX_E_EXIST,
		          _("schedule %lld already airs clip %lld "
		            "at these times (--force adds it anyway)"),
		          (long long)twin, (long long)s.clip_id);
	if (book_schedule_add(cmds->book, &s, now, err) == -1)
		return -1;
	log_info("schedule %lld: added by %s (clip %lld, %s%s%s)",
	    (long long)s.id, cl->user, (long long)s.clip_id, s.dtstart,
	    *s.rrule ? " " : "", s.rrule);
	buf_kv_int(out, "schedule", s.id);
	buf_kv_int(out, "next", s.next_due);
	onair_changed(cmds->onair);
	return 0;
}

static int
cmd_schedulerm(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	int64_t id;

	(void)out;
	if (proto_int(w->argv[1], "schedule id", 1, INT64_MAX, &id, err) ||
	    book_schedule_remove(cmds->book, id, when_now(), err) == -1)
		return -1;
	log_info("schedule %lld: removed by %s", (long long)id, cl->user);
	onair_withdraw(cmds->onair, id, 0);
	onair_changed(cmds->onair);
	return 0;
}

static int
cmd_play(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	int64_t id;
	int now = w->argc == 3;

	(void)out;
	if (now && strcmp(w->argv[2], "now") != 0)
		return lx_command_arity(&lx_commands[LX_CMD_PLAY], -1, err);
	if (proto_int(w->argv[1], "clip id", 1, INT64_MAX, &id, err) == -1 ||
	    onair_play(cmds->onair, id, now, cl->user, err) == -1)
		return -1;
	if (now)
		log_info("clip %lld: manual airing at once requested by %s",
		    (long long)id, cl->user);
	else
		log_info("clip %lld: manual airing requested by %s",
		    (long long)id, cl->user);
	return 0;
}

static int
cmd_stop(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	int64_t id = onair_stop(cmds->onair, cl->user);

	(void)w, (void)err;
	if (id == 0) {
		buf_kv(out, "stopped", NULL);
		return 0;
	}
	log_info("airing %lld: stop requested by %s", (long long)id, cl->user);
	buf_kv_int(out, "stopped", id);
	return 0;
}

/* 1 if name can be a locale's name: letters, digits, and _ . @ -. */
static int
cmd_lang_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= LX_MAX_LANG)
		return 0;
	return strspn(name,
	           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	           "0123456789_.@-") == n;
}

/*
 * The messages locale named name (loaded on first use, kept for later
 * clients); (locale_t)0 if this machine does not have it, or the cache
 * is full.
 */
static locale_t
cmd_lang_get(struct commands *cmds, const char *name)
{
	locale_t loc;

	for (int i = 0; i < cmds->nlangs; i++)
		if (strcmp(cmds->langs[i].name, name) == 0)
			return cmds->langs[i].loc;
	if (cmds->nlangs == LX_MAX_LANGS ||
	    (loc = newlocale(LC_MESSAGES_MASK, name, (locale_t)0)) ==
	        (locale_t)0)
		return (locale_t)0;
	lx_strlcpy(cmds->langs[cmds->nlangs].name, name, LX_MAX_LANG);
	cmds->langs[cmds->nlangs++].loc = loc;
	return loc;
}

static int
cmd_lang(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	const char *name = w->argv[1];

	(void)out;
	if (!cmd_lang_valid(name) || cmd_lang_get(cmds, name) == (locale_t)0)
		return lx_err_set(err, LX_E_ARG,
		    _("language '%.64s': not on this machine"), name);
	lx_strlcpy(cl->lang, name, sizeof cl->lang);
	return 0;
}

static int
cmd_status(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	(void)cl, (void)w, (void)err;
	buf_kv(out, "version", LX_VERSION);
	buf_kv_int(out, "protocol", LX_PROTO_VERSION);
	/* Before onair's: its next airing, an occurrence record, ends it. */
	quota_status(cmds->quota, out);
	onair_status(cmds->onair, out);
	return 0;
}

/* The handler of each row of the command table that loaxad answers. */
static cmd_fn *const handlers[LX_CMD_COUNT] = {
    [LX_CMD_CLIPADD] = cmd_clipadd,
    [LX_CMD_CLIPLIST] = cmd_query,
    [LX_CMD_CLIPRM] = cmd_cliprm,
    [LX_CMD_CLIPSHOW] = cmd_query,
    [LX_CMD_HELP] = cmd_help,
    [LX_CMD_LANG] = cmd_lang,
    [LX_CMD_LOG] = cmd_query,
    [LX_CMD_LOGVERIFY] = cmd_query,
    [LX_CMD_PLAY] = cmd_play,
    [LX_CMD_REPORT] = cmd_query,
    [LX_CMD_SCHEDULEADD] = cmd_scheduleadd,
    [LX_CMD_SCHEDULEEXPORT] = cmd_query,
    [LX_CMD_SCHEDULELIST] = cmd_query,
    [LX_CMD_SCHEDULENEXT] = cmd_query,
    [LX_CMD_SCHEDULERM] = cmd_schedulerm,
    [LX_CMD_STATUS] = cmd_status,
    [LX_CMD_STOP] = cmd_stop,
};

static int
cmd_help(struct commands *cmds, struct client *cl, struct proto_words *w,
    struct buf *out, struct lx_err *err)
{
	(void)cmds, (void)cl, (void)w, (void)err;
	for (int i = 0; i < LX_CMD_COUNT; i++)
		buf_printf(out, "command: %s%s%s%s\n", lx_commands[i].name,
		    *lx_commands[i].args ? " " : "", lx_commands[i].args,
		    lx_commands[i].flags & LX_CMD_CHANGE ? " (change)" : "");
	return 0;
}

int
commands_check(struct lx_err *err)
{
	if (lx_command_check_table(err) == -1)
		return -1;
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if (handlers[i] == NULL)
			return lx_err_set(err, LX_E_UNKNOWN,
			    "command %s: loaxad has no handler",
			    lx_commands[i].name);
	return 0;
}

/* Append "ERR <code> <message>" for err. */
static void
cmd_reply_err(struct buf *out, const struct lx_err *err)
{
	size_t start = out->len;

	buf_printf(out, "ERR %d %s\n", err->code, err->msg);
	for (size_t i = start; i + 1 < out->len; i++)
		if (out->p[i] == '\n' || out->p[i] == '\r')
			out->p[i] = ' ';
}

/* Answer the request line: commands_run without the language. */
static int
commands_dispatch(
    void *ctx, struct client *cl, const char *line, size_t len, struct buf *out)
{
	struct proto_words w;
	const struct lx_command *cmd;
	struct lx_err err = {0, ""};
	size_t mark = out->len;
	int rc;

	if (proto_split(line, len, &w, &err) == -1) {
		cmd_reply_err(out, &err);
		return err.code == LX_E_LIMIT ? -1 : 0;
	}
	if (w.argc == 0)
		return 0;
	cmd = lx_command_find(w.argv[0]);
	if (cmd == NULL)
		rc = lx_err_set(&err, LX_E_UNKNOWN,
		    _("unknown command '%.64s'"), w.argv[0]);
	else if (lx_command_arity(cmd, w.argc - 1, &err) == -1)
		rc = -1;
	else if ((cmd->flags & LX_CMD_CHANGE) && !cl->may_change)
		rc = lx_err_set(&err, LX_E_PERM,
		    _("permission denied: only root and the members of group "
		      "%s may change what airs"),
		    ((struct commands *)ctx)->conf->operator_group);
	else
		rc = handlers[lx_command_id(cmd)](ctx, cl, &w, out, &err);
	if (rc == SERVER_LATER)
		return SERVER_LATER;
	if (rc == -1) {
		out->len = mark; /* an error reply is ERR alone */
		cmd_reply_err(out, &err);
		return 0;
	}
	buf_add(out, "OK\n", 3);
	return 0;
}

int
commands_run(
    void *ctx, struct client *cl, const char *line, size_t len, struct buf *out)
{
	struct commands *cmds = ctx;
	locale_t loc = cmd_lang_get(cmds, cl->lang[0] ? cl->lang : "C");
	locale_t was = loc ? uselocale(loc) : (locale_t)0;
	int rc = commands_dispatch(ctx, cl, line, len, out);

	if (loc)
		uselocale(was);
	return rc;
}

void
commands_free(struct commands *cmds)
{
	for (int i = 0; i < cmds->nlangs; i++)
		freelocale(cmds->langs[i].loc);
	cmds->nlangs = 0;
}
