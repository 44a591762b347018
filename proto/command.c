/*
 * The command table and the checks made against it.  Rows are indexed by
 * enum lx_cmd, so a row's place is its id; lx_command_check_table proves
 * at start that the names are sorted, as bsearch needs.
 */
#include <stdlib.h>
#include <string.h>

#include "command.h"

const struct lx_command lx_commands[LX_CMD_COUNT] = {
    [LX_CMD_CLIPADD] = {"clipadd", 3, 3, LX_CMD_CHANGE | LX_CMD_FD,
        "TITLE TOPIC SOURCE", "clip add",
        N_("FILE [--title T] [--topic cchc] [--source REF]")},
    [LX_CMD_CLIPLIST] = {"cliplist", 0, 0, 0, "", "clip list",
        N_("[--format table|csv|json]")},
    [LX_CMD_CLIPRM] = {"cliprm", 1, 1, LX_CMD_CHANGE, "ID", "clip rm",
        N_("ID")},
    [LX_CMD_CLIPSHOW] = {"clipshow", 1, 1, 0, "ID", "clip show",
        N_("ID [--format table|csv|json]")},
    [LX_CMD_HELP] = {"help", 0, 0, LX_CMD_DAEMON, "", NULL, NULL},
    [LX_CMD_LANG] = {"lang", 1, 1, LX_CMD_DAEMON, "LOCALE", NULL, NULL},
    [LX_CMD_LOG] = {"log", 2, 3, 0, "FROM TO [CLIP]", "log",
        N_("[--month YYYY-MM | --from DATE --to DATE] [--clip ID]\n"
           " [--format table|csv|json|xlsx] [-o FILE]\n"
           "--verify [--format table|csv|json]")},
    [LX_CMD_LOGVERIFY] = {"logverify", 0, 0, 0, "", NULL, NULL},
    [LX_CMD_PLAY] = {"play", 1, 2, LX_CMD_CHANGE, "CLIP [now]", "play",
        N_("CLIP [--now]")},
    /* A period's month edges (up to LX_MAX_MONTHS months), or FROM TO
     * split at the daemon's month starts. */
    [LX_CMD_REPORT] = {"report", 2, 13, 0,
        "FROM TO [EDGE] [EDGE] [EDGE] [EDGE] [EDGE] [EDGE] [EDGE] [EDGE] "
        "[EDGE] [EDGE] [EDGE]",
        "report",
        N_("[--month YYYY-MM | --quarter YYYY-Qn | --half YYYY-Hn |\n"
           " --year YYYY] [--format table|csv|json|xlsx|html] [-o FILE]")},
    [LX_CMD_SCHEDULEADD] = {"scheduleadd", 3, 4, LX_CMD_CHANGE,
        "CLIP START RRULE [force]", "schedule add",
        N_("CLIP --at HH:MM[:SS] [--days mon,wed,fri|t2,t4,t6|daily]\n"
           " [--from DATE] [--until DATE] [--force]\n"
           "CLIP --once 'YYYY-MM-DD HH:MM[:SS]'\n"
           "CLIP --rrule 'FREQ=...' --start 'YYYY-MM-DD HH:MM[:SS]'")},
    [LX_CMD_SCHEDULEEXPORT] = {"scheduleexport", 0, 0, 0, "", "schedule export",
        N_("--ics [-o FILE]")},
    [LX_CMD_SCHEDULELIST] = {"schedulelist", 0, 0, 0, "", "schedule list",
        N_("[--format table|csv|json]")},
    [LX_CMD_SCHEDULENEXT] = {"schedulenext", 0, 1, 0, "[N]", "schedule next",
        N_("[N] [--format table|csv|json]")},
    [LX_CMD_SCHEDULERM] = {"schedulerm", 1, 1, LX_CMD_CHANGE, "ID",
        "schedule rm", N_("ID")},
    [LX_CMD_STATUS] = {"status", 0, 0, LX_CMD_DAEMON, "", "status",
        N_("[--format table|csv|json]")},
    [LX_CMD_STOP] = {"stop", 0, 0, LX_CMD_CHANGE, "", "stop", ""},
};

/* The words of a synopsis, and how many are not [optional]. */
static void
command_count(const char *args, int *min, int *max)
{
	*min = *max = 0;
	for (const char *p = args; *p != '\0';) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		*min += *p != '[';
		(*max)++;
		p += strcspn(p, " ");
	}
}

/* Check n rows of a command table; 0 or -1 with err. */
static int
command_check_rows(const struct lx_command *rows, int n, struct lx_err *err)
{
	for (int i = 0; i < n; i++) {
		const struct lx_command *c = &rows[i];
		int min, max;

		if (c->name == NULL || c->args == NULL)
			return lx_err_set(
			    err, LX_E_ARG, "command table: row %d is empty", i);
		if (i > 0 && strcmp(rows[i - 1].name, c->name) >= 0)
			return lx_err_set(err, LX_E_ARG,
			    "command table: '%s' is not sorted after '%s'",
			    c->name, rows[i - 1].name);
		command_count(c->args, &min, &max);
		if (min != c->min_args || max != c->max_args ||
		    max + 1 > LX_MAX_ARGS)
			return lx_err_set(err, LX_E_ARG,
			    "command table: '%s' takes %d to %d words, its "
			    "synopsis '%s' says %d to %d",
			    c->name, c->min_args, c->max_args, c->args, min,
			    max);
		if ((c->ctl == NULL) != (c->ctl_args == NULL))
			return lx_err_set(err, LX_E_ARG,
			    "command table: '%s' has loaxactl words but no "
			    "synopsis, or the other way round",
			    c->name);
	}
	return 0;
}

int
lx_command_check_table(struct lx_err *err)
{
	return command_check_rows(lx_commands, LX_CMD_COUNT, err);
}

static int
command_compare(const void *key, const void *row)
{
	return strcmp(key, ((const struct lx_command *)row)->name);
}

const struct lx_command *
lx_command_find(const char *name)
{
	return bsearch(name, lx_commands, LX_CMD_COUNT, sizeof lx_commands[0],
	    command_compare);
}

enum lx_cmd
lx_command_id(const struct lx_command *c)
{
	return (enum lx_cmd)(c - lx_commands);
}

int
lx_command_arity(const struct lx_command *c, int nargs, struct lx_err *err)
{
	if (nargs < c->min_args || nargs > c->max_args)
		return lx_err_set(err, LX_E_ARG, _("usage: %s%s%s"), c->name,
		    *c->args ? " " : "", c->args);
	return 0;
}

int
lx_command_is_query(const struct lx_command *c)
{
	return (c->flags & (LX_CMD_CHANGE | LX_CMD_DAEMON)) == 0;
}

const struct lx_command *
lx_command_by_ctl(const char *word, const char *sub)
{
	size_t n = strlen(word);

	for (int i = 0; i < LX_CMD_COUNT; i++) {
		const char *w = lx_commands[i].ctl;

		if (w == NULL || strncmp(w, word, n) != 0)
			continue;
		if (w[n] == '\0' && sub == NULL)
			return &lx_commands[i];
		if (w[n] == ' ' && sub != NULL && strcmp(w + n + 1, sub) == 0)
			return &lx_commands[i];
	}
	return NULL;
}
