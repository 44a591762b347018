/*
 * The protocol's commands: one sorted table shared by loaxad (arity and
 * permission are checked against it once, before any handler), by
 * loaxactl --db (which requests a database file can answer) and by
 * loaxactl's help (each command's synopsis).  Adding a command is one row
 * here and one handler in each program that answers it.
 */
#ifndef COMMAND_H
#define COMMAND_H

#include "i18n.h"
#include "lx.h"

#define LX_CMD_CHANGE 1 /* changes state: root or the operator group only */
#define LX_CMD_DAEMON 2 /* asks the running daemon: never from a --db file */
#define LX_CMD_FD 4 /* the request carries a descriptor (SCM_RIGHTS) */

/* The rows of lx_commands, in its order (sorted by name). */
enum lx_cmd {
	LX_CMD_CLIPADD,
	LX_CMD_CLIPLIST,
	LX_CMD_CLIPRM,
	LX_CMD_CLIPSHOW,
	LX_CMD_HELP,
	LX_CMD_LANG,
	LX_CMD_LOG,
	LX_CMD_LOGVERIFY,
	LX_CMD_PLAY,
	LX_CMD_REPORT,
	LX_CMD_SCHEDULEADD,
	LX_CMD_SCHEDULEEXPORT,
	LX_CMD_SCHEDULELIST,
	LX_CMD_SCHEDULENEXT,
	LX_CMD_SCHEDULERM,
	LX_CMD_STATUS,
	LX_CMD_STOP,
	LX_CMD_COUNT
};

struct lx_command {
	const char *name; /* the request's first word */
	int min_args; /* words after the name */
	int max_args;
	int flags; /* LX_CMD_* */
	const char *args; /* the words after the name: "CLIP [now]" */
	const char *ctl; /* loaxactl's words for it ("clip add"), or NULL */
	/*
	 * loaxactl's synopsis after those words (N_): forms separated by
	 * "\n", a form's continuation lines by "\n " (indented).
	 */
	const char *ctl_args;
};

/* The table, LX_CMD_COUNT rows sorted by name. */
extern const struct lx_command lx_commands[LX_CMD_COUNT];

/*
 * Check the table: names strictly sorted, arity within LX_MAX_ARGS, the
 * counts agreeing with the synopsis.  0, or -1 with err naming the first
 * bad row.  Both programs call it once at start.
 */
int lx_command_check_table(struct lx_err *err);

/* The row named `name`, or NULL (binary search). */
const struct lx_command *lx_command_find(const char *name);

/* The row's id: its index in lx_commands. */
enum lx_cmd lx_command_id(const struct lx_command *c);

/*
 * Check that `nargs` words after the name fit c.  0, or -1 with err
 * LX_E_ARG "usage: NAME ARGS".
 */
int lx_command_arity(const struct lx_command *c, int nargs, struct lx_err *err);

/* 1 if a database file alone can answer c (a read-only query). */
int lx_command_is_query(const struct lx_command *c);

/* The row loaxactl calls `word sub` (sub NULL: one word), or NULL. */
const struct lx_command *lx_command_by_ctl(const char *word, const char *sub);

#endif
