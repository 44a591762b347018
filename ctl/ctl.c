/*
 * What every loaxactl command shares: parsing its words, printing its
 * synopsis, sending its request (to loaxad, or to the --db file) and
 * failing in one line.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/command.h"
#include "../proto/lx.h"
#include "client.h"
#include "cmd.h"
#include "msg.h"

static void
ctl_vwarn(const char *what, const char *fmt, va_list ap)
{
	fputs(MSG_PROGNAME ": ", stderr);
	if (what != NULL)
		fprintf(stderr, "%s: ", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
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

void
ctl_usage_leads(char *lead, char *more, size_t n)
{
	const char *u = _(MSG_USAGE);

	snprintf(lead, n, "%s%s ", u, MSG_PROGNAME);
	snprintf(more, n, "%*s%s ", (int)fmt_width(u), "", MSG_PROGNAME);
}

void
ctl_forms(
    FILE *f, const char *lead, const char *more, const struct lx_command *cmd)
{
	const char *p = *cmd->ctl_args ? _(cmd->ctl_args) : "";
	int indent = (int)(strlen(more) + strlen(cmd->ctl) + 1);

	for (int first = 1; *p != '\0'; first = 0) {
		size_t n = strcspn(p, "\n");

		if (*p == ' ')
			fprintf(f, "%*s%.*s\n", indent, "", (int)n - 1, p + 1);
		else
			fprintf(f, "%s%s%s%.*s\n", first ? lead : more,
			    cmd->ctl, n ? " " : "", (int)n, p);
		p += n + (p[n] == '\n');
	}
	if (*cmd->ctl_args == '\0')
		fprintf(f, "%s%s\n", lead, cmd->ctl);
}

/* What the global options mean once all are read, wherever they stood:
 * CTL_GO, or the exit status after an error. */
static int
ctl_settle(struct ctl *c)
{
	const char *env = getenv("LOAXA_SOCKET");

	if (c->socket != NULL && c->ndbs > 0)
		return ctl_warn(MSG_E_SOCKET_AND_DB);
	c->db = c->ndbs > 0 ? c->dbs[0] : NULL;
	if (c->db != NULL && !lx_command_is_query(c->cmd))
		return ctl_fail(c, MSG_E_NEEDS_DAEMON);
	if (c->ndbs > 1 && lx_command_id(c->cmd) != LX_CMD_REPORT)
		return ctl_fail(c, MSG_E_DBS_REPORT);
	if (c->socket == NULL)
		c->socket = env != NULL && *env != '\0' ? env : CTL_SOCKET;
	return CTL_GO;
}

int
ctl_args(struct ctl *c, const struct opts *o, int argc, char **argv)
{
	const struct opt global[] = {
	    {"--socket", &c->socket, NULL, NULL, 0},
	    {"--db", c->dbs, NULL, &c->ndbs, CTL_MAX_DBS},
	    {NULL, NULL, NULL, NULL, 0},
	};
	struct opts all = *o;
	struct lx_err err;
	char prog[64], lead[64], more[64];

	all.more = global;
	snprintf(prog, sizeof prog, "%s: %s", MSG_PROGNAME, c->what);
	switch (opts_parse(&all, prog, argc, argv, NULL, &err)) {
	case 0:
		return ctl_settle(c);
	case 1:
		ctl_usage_leads(lead, more, sizeof lead);
		ctl_forms(stdout, lead, more, c->cmd);
		fputs("\n", stdout);
		fputs(ctl_cmd_for(lx_command_id(c->cmd))->help, stdout);
		return CTL_EXIT_OK;
	case OPTS_SAID:
		return CTL_EXIT_USAGE;
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

void
ctl_print_list(
    const struct reply *r, const struct lx_shape *shape, enum fmt_kind kind)
{
	struct reply_rec *recs;
	size_t n = reply_records(r, shape->field[0].key, NULL, &recs);
	struct lx_field *human = NULL;

	if (kind == FMT_TABLE)
		human = fmt_fields_human(shape->field, shape->n);
	fmt_list(stdout, kind, human ? human : shape->field, shape->n, recs, n);
	free(human);
	free(recs);
}

int
ctl_list(struct ctl *c, int argc, char **argv, const char *request,
    const struct lx_shape *shape, void (*table)(const struct reply *))
{
	const char *format = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts o = {opt, NULL, NULL, NULL};
	struct reply r = {0};
	enum fmt_kind kind;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) == CTL_GO &&
	    (rc = ctl_format(c, format, &kind)) == 0 &&
	    (rc = ctl_request(c, &r, -1, request, NULL)) == 0) {
		if (kind == FMT_TABLE && table != NULL)
			table(&r);
		else
			ctl_print_list(&r, shape, kind);
	}
	reply_free(&r);
	return rc;
}

int
ctl_by_id(
    struct ctl *c, int argc, char **argv, const char *request, const char *said)
{
	const char *arg = NULL;
	static const char *const args[] = {"ID", NULL};
	const struct opts o = {NULL, args, &arg, NULL};
	struct reply r = {0};
	char ids[24];
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "ID", arg, &id)) != 0)
		return rc;
	snprintf(ids, sizeof ids, "%" PRId64, id);
	rc = ctl_request(c, &r, -1, request, ids, NULL);
	if (rc == 0)
		fprintf(stderr, _(said), ids);
	reply_free(&r);
	return rc;
}
