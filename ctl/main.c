/*
 * loaxactl: the control tool.  Global options, the table of commands,
 * --help from that table, dispatch; and the helpers commands share to
 * parse, send and fail.  One request per run; errors are one line.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/lx.h"
#include "client.h"
#include "cmd.h"
#include "msg.h"

#define CTL_DAEMON 1 /* changes state or asks loaxad itself: not with --db */

struct ctl_cmd {
	const char *name;
	const char *sub; /* second word, or NULL */
	int flags;
	int (*run)(struct ctl *, int, char **);
	const char *usage;
};

static const struct ctl_cmd ctl_cmds[] = {
    {"clip", "add", CTL_DAEMON, cmd_clip_add, MSG_USAGE_CLIP_ADD},
    {"clip", "list", 0, cmd_clip_list, MSG_USAGE_CLIP_LIST},
    {"clip", "show", 0, cmd_clip_show, MSG_USAGE_CLIP_SHOW},
    {"clip", "rm", CTL_DAEMON, cmd_clip_rm, MSG_USAGE_CLIP_RM},
    {"log", NULL, 0, cmd_log, MSG_USAGE_LOG},
    {"play", NULL, CTL_DAEMON, cmd_play, MSG_USAGE_PLAY},
    {"report", NULL, 0, cmd_report, MSG_USAGE_REPORT},
    {"schedule", "add", CTL_DAEMON, cmd_schedule_add, MSG_USAGE_SCHEDULE_ADD},
    {"schedule", "list", 0, cmd_schedule_list, MSG_USAGE_SCHEDULE_LIST},
    {"schedule", "rm", CTL_DAEMON, cmd_schedule_rm, MSG_USAGE_SCHEDULE_RM},
    {"schedule", "next", 0, cmd_schedule_next, MSG_USAGE_SCHEDULE_NEXT},
    {"status", NULL, CTL_DAEMON, cmd_status, MSG_USAGE_STATUS},
    {"stop", NULL, CTL_DAEMON, cmd_stop, MSG_USAGE_STOP},
};

#define CTL_NCMDS (sizeof ctl_cmds / sizeof ctl_cmds[0])

static void
ctl_vwarn(const char *what, const char *fmt, va_list ap)
{
	fputs(MSG_PROGNAME ": ", stderr);
	if (what != NULL)
		fprintf(stderr, "%s: ", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* "loaxactl: <message>", for errors that name no command. */
static int
ctl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ctl_vwarn(NULL, fmt, ap);
	va_end(ap);
	return CTL_EXIT_USAGE;
}

int
ctl_fail(const struct ctl *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ctl_vwarn(c->what, fmt, ap);
	va_end(ap);
	return CTL_EXIT_USAGE;
}

int
ctl_args(const struct ctl *c, const struct opts *o, int argc, char **argv)
{
	struct lx_err err;

	switch (opts_parse(o, argc, argv, NULL, &err)) {
	case 0:
		return CTL_GO;
	case 1:
		fputs(c->usage, stdout);
		return CTL_EXIT_OK;
	default:
		return ctl_fail(c, "%s", err.msg);
	}
}

int
ctl_id(const struct ctl *c, const char *what, const char *s, int64_t *id)
{
	struct lx_err err;

	if (opts_id(what, s, id, &err) != 0)
		return ctl_fail(c, "%s", err.msg);
	return 0;
}

int
ctl_format(const struct ctl *c, const char *s, enum fmt_kind *kind)
{
	struct lx_err err;

	if (fmt_kind_parse(s, kind, &err) != 0)
		return ctl_fail(c, "%s", err.msg);
	return 0;
}

/* Open the socket or the --db file on first use; 0 or an exit status. */
static int
ctl_link(struct ctl *c)
{
	struct lx_err err;

	if (c->link != NULL)
		return 0;
	c->link = c->db ? client_open_db(c->db, &err)
	                : client_connect(c->socket, &err);
	if (c->link == NULL) {
		ctl_warn("%s", err.msg);
		return CTL_EXIT_LINK;
	}
	return 0;
}

int
ctl_request(struct ctl *c, struct reply *out, int fd, ...)
{
	const char *argv[LX_MAX_ARGS + 1];
	struct lx_err err;
	int argc = 0, rc;
	va_list ap;

	va_start(ap, fd);
	while (argc <= LX_MAX_ARGS &&
	    (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	if ((rc = ctl_link(c)) != 0)
		return rc;
	if (client_request(c->link, argc, argv, fd, out, &err) == 0)
		return 0;
	if (err.code == CLIENT_E_LINK) {
		ctl_warn("%s", err.msg);
		return CTL_EXIT_LINK;
	}
	ctl_fail(c, "%s", err.msg);
	return err.code == CLIENT_E_INPUT ? CTL_EXIT_USAGE : CTL_EXIT_REFUSED;
}

const char *
ctl_need(const struct ctl *c, const struct reply *r, const char *key)
{
	struct reply_rec all = reply_all(r);
	const char *v = reply_get(&all, key);

	if (v == NULL)
		ctl_warn(MSG_E_NO_KEY, c->db ? c->db : c->socket, key);
	return v;
}

/* 1 if the command's words ask for --help (before any "--"). */
static int
ctl_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* --help of a command with subcommands: each one's usage lines. */
static int
ctl_group_usage(const char *name)
{
	for (size_t i = 0; i < CTL_NCMDS; i++) {
		const char *u = ctl_cmds[i].usage, *end;

		if (strcmp(ctl_cmds[i].name, name) != 0)
			continue;
		end = strstr(u, "\n\n");
		printf("%.*s\n", (int)(end ? end - u : (int)strlen(u)), u);
	}
	printf(MSG_GROUP_HELP, name);
	return CTL_EXIT_OK;
}

/* The subcommand names of name, "add, list, show, rm", into out. */
static const char *
ctl_subs(const char *name, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < CTL_NCMDS && len < n; i++)
		if (strcmp(ctl_cmds[i].name, name) == 0)
			len += (size_t)snprintf(out + len, n - len, "%s%s",
			    len ? ", " : "", ctl_cmds[i].sub);
	return out;
}

/*
 * Find the command at argv[0] (and argv[1]); *skip is how many words
 * name it less one.  NULL after an error or a group's --help, with *rc.
 */
static const struct ctl_cmd *
ctl_find(int argc, char **argv, int *skip, int *rc)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	char subs[128];
	int group = 0;

	*rc = CTL_EXIT_USAGE;
	for (size_t i = 0; i < CTL_NCMDS; i++) {
		if (strcmp(ctl_cmds[i].name, argv[0]) != 0)
			continue;
		*skip = ctl_cmds[i].sub != NULL;
		if (ctl_cmds[i].sub == NULL ||
		    (sub != NULL && strcmp(ctl_cmds[i].sub, sub) == 0))
			return &ctl_cmds[i];
		group = 1;
	}
	if (!group)
		ctl_warn("%s: " MSG_E_UNKNOWN_CMD, argv[0]);
	else if (sub == NULL || (sub[0] == '-' && strcmp(sub, "--help") != 0))
		ctl_warn("%s: " MSG_E_MISSING_SUB, argv[0],
		    ctl_subs(argv[0], subs, sizeof subs), argv[0]);
	else if (strcmp(sub, "--help") == 0)
		*rc = ctl_group_usage(argv[0]);
	else
		ctl_warn("%s %s: " MSG_E_UNKNOWN_SUB, argv[0], sub, argv[0]);
	return NULL;
}

/* Global options; returns CTL_GO with *next at the command, or a status. */
static int
ctl_global(struct ctl *c, int argc, char **argv, int *next)
{
	int version = 0;
	const struct opt gopt[] = {
	    {"--socket", &c->socket, NULL},
	    {"--db", &c->db, NULL},
	    {"--version", NULL, &version},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {gopt, NULL, NULL};
	struct lx_err err;

	switch (opts_parse(&o, argc, argv, next, &err)) {
	case 1:
		fputs(MSG_USAGE, stdout);
		return CTL_EXIT_OK;
	case -1:
		return ctl_warn("%s", err.msg);
	}
	if (version) {
		printf(MSG_VERSION, LX_VERSION, LX_PROTO_VERSION);
		return CTL_EXIT_OK;
	}
	if (c->socket != NULL && c->db != NULL)
		return ctl_warn(MSG_E_SOCKET_AND_DB);
	if (*next == argc)
		return ctl_warn(MSG_E_MISSING_CMD);
	return CTL_GO;
}

/* The socket: --socket, else $LOAXA_SOCKET, else the default. */
static const char *
ctl_socket(const char *flag)
{
	const char *env = getenv("LOAXA_SOCKET");

	if (flag != NULL)
		return flag;
	return env != NULL && *env != '\0' ? env : CTL_SOCKET;
}

/* Flush stdout; a full disk or closed pipe is an error too. */
static int
ctl_flush(int rc)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		ctl_warn("%s: %s", MSG_E_STDOUT, strerror(errno));
		return rc ? rc : CTL_EXIT_USAGE;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctl c = {0};
	const struct ctl_cmd *cmd;
	char what[64];
	int next, skip, rc;

	if ((rc = ctl_global(&c, argc, argv, &next)) != CTL_GO)
		return ctl_flush(rc);
	c.socket = ctl_socket(c.socket);
	if ((cmd = ctl_find(argc - next, argv + next, &skip, &rc)) == NULL)
		return ctl_flush(rc);
	snprintf(what, sizeof what, "%s%s%s", cmd->name, cmd->sub ? " " : "",
	    cmd->sub ? cmd->sub : "");
	c.what = what;
	c.usage = cmd->usage;
	next += skip;
	if ((cmd->flags & CTL_DAEMON) && c.db != NULL &&
	    !ctl_wants_help(argc - next, argv + next))
		return ctl_fail(&c, MSG_E_NEEDS_DAEMON);
	rc = cmd->run(&c, argc - next, argv + next);
	client_close(c.link);
	return ctl_flush(rc);
}

void
ctl_print_list(const struct reply *r, const char *first, enum fmt_kind kind,
    const struct fmt_field *fields, size_t nfields)
{
	struct reply_rec *recs;
	size_t n = reply_records(r, first, NULL, &recs);

	fmt_list(stdout, kind, fields, nfields, recs, n);
	free(recs);
}

int
ctl_list(struct ctl *c, int argc, char **argv, const char *request,
    const char *first, const struct fmt_field *fields, size_t nfields)
{
	const char *format = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {opt, NULL, NULL};
	struct reply r = {0};
	enum fmt_kind kind;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) == CTL_GO &&
	    (rc = ctl_format(c, format, &kind)) == 0 &&
	    (rc = ctl_request(c, &r, -1, request, NULL)) == 0)
		ctl_print_list(&r, first, kind, fields, nfields);
	reply_free(&r);
	return rc;
}

int
ctl_by_id(struct ctl *c, int argc, char **argv, const char *request)
{
	const char *arg = NULL;
	static const char *const args[] = {"ID", NULL};
	const struct opts o = {NULL, args, &arg};
	struct reply r = {0};
	char ids[24];
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "ID", arg, &id)) != 0)
		return rc;
	snprintf(ids, sizeof ids, "%" PRId64, id);
	rc = ctl_request(c, &r, -1, request, ids, NULL);
	reply_free(&r);
	return rc;
}
