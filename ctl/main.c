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
	char lead[64], more[64];
	int first = 1;

	ctl_usage_leads(lead, more, sizeof lead);
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if (ctl_in_group(&lx_commands[i], word)) {
			ctl_forms(
			    stdout, first ? lead : more, more, &lx_commands[i]);
			first = 0;
		}
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
		ctl_warn(MSG_E_UNKNOWN_CMD, argv[0]);
	else if (sub != NULL &&
	    (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0))
		*rc = ctl_group_usage(argv[0]);
	else if (sub == NULL || sub[0] == '-')
		ctl_warn(MSG_E_MISSING_SUB, argv[0],
		    ctl_subs(argv[0], subs, sizeof subs), argv[0]);
	else
		ctl_warn(MSG_E_UNKNOWN_SUB, argv[0], sub, argv[0]);
	return NULL;
}

/* loaxactl --help: the synopsis of every command, from the table. */
static void
ctl_usage(void)
{
	fputs(_(MSG_USAGE_HEAD), stdout);
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if (lx_commands[i].ctl != NULL)
			ctl_forms(stdout, "  ", "  ", &lx_commands[i]);
	fputs(_(MSG_USAGE_TAIL), stdout);
}

/*
 * The global options before the command; returns CTL_GO with *next at the
 * command, or an exit status.  They may also follow the command (ctl_args).
 */
static int
ctl_global(struct ctl *c, int argc, char **argv, int *next)
{
	int version = 0;
	const struct opt gopt[] = {
	    {"--socket", &c->socket, NULL, NULL, 0},
	    {"--db", c->dbs, NULL, &c->ndbs, CTL_MAX_DBS},
	    {"--version", NULL, &version, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts o = {gopt, NULL, NULL, NULL};
	struct lx_err err;

	switch (opts_parse(&o, MSG_PROGNAME, argc, argv, next, &err)) {
	case 1:
		ctl_usage();
		return CTL_EXIT_OK;
	case OPTS_SAID:
		return CTL_EXIT_USAGE;
	case -1:
		return ctl_warn("%s", err.msg);
	}
	if (version) {
		printf(MSG_VERSION, LX_VERSION, LX_PROTO_VERSION);
		return CTL_EXIT_OK;
	}
	if (*next == argc)
		return ctl_warn(MSG_E_MISSING_CMD);
	return CTL_GO;
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
	if ((rc = ctl_global(&c, argc, argv, &next)) != CTL_GO)
		return ctl_flush(rc);
	if ((cmd = ctl_find(argc - next, argv + next, &skip, &rc)) == NULL)
		return ctl_flush(rc);
	c.what = cmd->ctl;
	c.cmd = cmd;
	next += skip;
	rc = ctl_cmd_for(lx_command_id(cmd))->run(&c, argc - next, argv + next);
	client_close(c.link);
	return ctl_flush(rc);
}
