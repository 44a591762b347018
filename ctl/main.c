/*
 * loaxactl: the control tool.  Global options, finding the command in
 * the table, --help from that table, dispatch.  One request per run;
 * errors are one line.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/command.h"
#include "../proto/i18n.h"
#include "../proto/lx.h"
#include "client.h"
#include "cmd.h"
#include "msg.h"

/* 1 if the command's words ask for --help (before any "--"). */
static int
ctl_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* 1 if the row belongs to loaxactl's command `word` ("clip"). */
static int
ctl_in_group(const struct lx_command *cmd, const char *word)
{
	size_t n = strlen(word);

	return cmd->ctl != NULL && strncmp(cmd->ctl, word, n) == 0 &&
	    (cmd->ctl[n] == ' ' || cmd->ctl[n] == '\0');
}

/* --help of a command with subcommands: each one's synopsis. */
static int
ctl_group_usage(const char *word)
{
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if (ctl_in_group(&lx_commands[i], word))
			ctl_forms(stdout, "usage: loaxactl ",
			    "       loaxactl ", &lx_commands[i]);
	printf(MSG_GROUP_HELP, word);
	return CTL_EXIT_OK;
}

/* The subcommand names of word, "add, list, rm, show", into out. */
static const char *
ctl_subs(const char *word, char *out, size_t n)
{
	size_t len = 0, w = strlen(word);

	out[0] = '\0';
	for (int i = 0; i < LX_CMD_COUNT && len < n; i++)
		if (ctl_in_group(&lx_commands[i], word) &&
		    lx_commands[i].ctl[w] == ' ')
			len += (size_t)snprintf(out + len, n - len, "%s%s",
			    len ? ", " : "", lx_commands[i].ctl + w + 1);
	return out;
}

/*
 * Find the command at argv[0] (and argv[1]); *skip is how many words
 * name it less one.  NULL after an error or a group's --help, with *rc.
 */
static const struct lx_command *
ctl_find(int argc, char **argv, int *skip, int *rc)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	const struct lx_command *cmd;
	char subs[128];
	int group = 0;

	*rc = CTL_EXIT_USAGE;
	*skip = 0;
	if ((cmd = lx_command_by_ctl(argv[0], NULL)) != NULL)
		return cmd;
	if (sub != NULL && (cmd = lx_command_by_ctl(argv[0], sub)) != NULL) {
		*skip = 1;
		return cmd;
	}
	for (int i = 0; i < LX_CMD_COUNT; i++)
		group |= ctl_in_group(&lx_commands[i], argv[0]);
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

/* loaxactl --help: the synopsis of every command, from the table. */
static void
ctl_usage(void)
{
	fputs(MSG_USAGE_HEAD, stdout);
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if (lx_commands[i].ctl != NULL)
			ctl_forms(stdout, "  ", "  ", &lx_commands[i]);
	fputs(MSG_USAGE_TAIL, stdout);
}

/*
 * Take every --db FILE (or --db=FILE) before the command out of argv
 * into c->dbs, closing the gap: --db alone may be given more than once.
 * Returns the new argc, or -1 after an error.
 */
static int
ctl_take_dbs(struct ctl *c, int argc, char **argv)
{
	int i, k = 1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *v = NULL;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--db=", 5) == 0)
			v = argv[i] + 5;
		else if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 == argc) {
				ctl_warn(MSG_E_NEEDS_VALUE, "--db");
				return -1;
			}
			v = argv[++i];
		} else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			argv[k++] = argv[i++];
		if (v == NULL) {
			argv[k++] = argv[i];
			continue;
		}
		if (c->ndbs == CTL_MAX_DBS) {
			ctl_warn(MSG_E_TOO_MANY, "--db", CTL_MAX_DBS);
			return -1;
		}
		c->dbs[c->ndbs++] = v;
	}
	while (i < argc)
		argv[k++] = argv[i++];
	argv[k] = NULL;
	c->db = c->ndbs > 0 ? c->dbs[0] : NULL;
	return k;
}

/* Global options; returns CTL_GO with *next at the command, or a status. */
static int
ctl_global(struct ctl *c, int *argc, char **argv, int *next)
{
	int version = 0;
	const struct opt gopt[] = {
	    {"--socket", &c->socket, NULL},
	    {"--version", NULL, &version},
	    {NULL, NULL, NULL},
	};
	const struct opts o = {gopt, NULL, NULL};
	struct lx_err err;

	if ((*argc = ctl_take_dbs(c, *argc, argv)) == -1)
		return CTL_EXIT_USAGE;
	switch (opts_parse(&o, *argc, argv, next, &err)) {
	case 1:
		ctl_usage();
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
	if (*next == *argc)
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
	const struct lx_command *cmd;
	struct lx_err err;
	int next, skip, rc;

	lx_i18n_init();
	if (ctl_cmds_check(&err) == -1)
		return ctl_flush(ctl_warn("%s", err.msg));
	if ((rc = ctl_global(&c, &argc, argv, &next)) != CTL_GO)
		return ctl_flush(rc);
	c.socket = ctl_socket(c.socket);
	if ((cmd = ctl_find(argc - next, argv + next, &skip, &rc)) == NULL)
		return ctl_flush(rc);
	c.what = cmd->ctl;
	c.cmd = cmd;
	next += skip;
	if (!lx_command_is_query(cmd) && c.db != NULL &&
	    !ctl_wants_help(argc - next, argv + next))
		return ctl_fail(&c, MSG_E_NEEDS_DAEMON);
	if (c.ndbs > 1 && lx_command_id(cmd) != LX_CMD_REPORT)
		return ctl_fail(&c, MSG_E_DBS_REPORT);
	rc = ctl_cmd_for(lx_command_id(cmd))->run(&c, argc - next, argv + next);
	client_close(c.link);
	return ctl_flush(rc);
}
