/*
 * One loaxactl run: where it talks to, which command runs, and the
 * helpers every command uses to parse its words, send its request and
 * fail in one line.  The commands themselves are in ctl/cmd_*.c.
 */
#ifndef CMD_H
#define CMD_H

#include <stdint.h>
#include <stdio.h>

#include "../proto/command.h"
#include "../proto/lx.h"
#include "format.h"
#include "opts.h"
#include "reply.h"

#define CTL_SOCKET LX_DEFAULT_SOCKET /* without --socket, $LOAXA_SOCKET */

/* Exit status; MSG_USAGE tells users the same. */
#define CTL_EXIT_OK 0
#define CTL_EXIT_USAGE 1 /* bad usage or input: nothing was sent */
#define CTL_EXIT_LINK 2 /* loaxad unreachable, or the --db file */
#define CTL_EXIT_REFUSED 3 /* loaxad answered ERR */
#define CTL_EXIT_BROKEN 4 /* log --verify: a row does not match */
#define CTL_GO (-1) /* ctl_args: parsed, go on */

struct client;

#define CTL_MAX_DBS 200 /* --db FILE given again (report: a district) */

struct ctl {
	const char *socket; /* loaxad's socket */
	const char *db; /* --db FILE (the first), or NULL */
	const char *dbs[CTL_MAX_DBS]; /* every --db, in order */
	int ndbs;
	const char *what; /* the command, "clip add", naming errors */
	const struct lx_command *cmd; /* its row of the command table */
	struct client *link; /* opened by the first request */
};

/* loaxactl's side of a row of the command table (proto/command.c). */
struct ctl_cmd {
	int (*run)(struct ctl *, int, char **); /* argv[0]: its last word */
	const char *help; /* --help after the synopsis */
};

/* loaxactl's handler of row id; its run is NULL for a row it lacks. */
const struct ctl_cmd *ctl_cmd_for(enum lx_cmd id);

/*
 * Check the table, and that loaxactl has a handler for exactly the rows
 * with loaxactl words.  0, or -1 with err.
 */
int ctl_cmds_check(struct lx_err *err);

/* Print "loaxactl: <message>" on stderr; returns CTL_EXIT_USAGE. */
int ctl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The leads of usage lines in the user's language: "usage: loaxactl " into
 * lead, and as many blanks (by display width) then "loaxactl " into more;
 * n bytes each.
 */
void ctl_usage_leads(char *lead, char *more, size_t n);

/*
 * Print cmd's loaxactl synopsis to f, one form a line: the first led by
 * `lead`, the others by `more`, continuation lines indented under the
 * arguments.
 */
void ctl_forms(
    FILE *f, const char *lead, const char *more, const struct lx_command *cmd);

/* Print "loaxactl: <what>: <message>" on stderr; returns CTL_EXIT_USAGE. */
int ctl_fail(const struct ctl *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Parse a command's words (argv[0] is the command) against o and the
 * global options (--socket, --db), which may stand anywhere.  Returns
 * CTL_GO to go on, or the exit status to return: 0 after printing the
 * usage for -h/--help, CTL_EXIT_USAGE after printing an error.
 */
int ctl_args(struct ctl *c, const struct opts *o, int argc, char **argv);

/* Parse an id argument named `what`; 0, or CTL_EXIT_USAGE after an error. */
int ctl_id(const struct ctl *c, const char *what, const char *s, int64_t *id);

/* Parse --format (NULL: table); 0, or CTL_EXIT_USAGE after an error. */
int ctl_format(const struct ctl *c, const char *s, enum fmt_kind *kind);

/*
 * Send the request made of the words after fd (NULL ends them), with the
 * descriptor fd unless it is -1, and append the reply to out.  Returns 0,
 * or the exit status after printing the error.
 */
int ctl_request(struct ctl *c, struct reply *out, int fd, ...)
    __attribute__((sentinel));

/*
 * The value of key in r, which the reply must have: NULL after printing an
 * error (the caller returns CTL_EXIT_LINK).
 */
const char *ctl_need(
    const struct ctl *c, const struct reply *r, const char *key);

/* Print the records of r of that shape (each led by its first key). */
void ctl_print_list(
    const struct reply *r, const struct lx_shape *shape, enum fmt_kind kind);

/*
 * A list command that takes only --format: send `request` and print the
 * records of that shape; as a table for people with `table` when it is
 * not NULL.  Returns the exit status.
 */
int ctl_list(struct ctl *c, int argc, char **argv, const char *request,
    const struct lx_shape *shape, void (*table)(const struct reply *));

/*
 * A command whose one argument is an id and whose reply is OK alone: send
 * `request ID`, then say `said` (N_, "%s" the id) on stderr.  Returns the
 * exit status.
 */
int ctl_by_id(struct ctl *c, int argc, char **argv, const char *request,
    const char *said);

/* The commands: argv[0] is the command's last word; return exit status. */
int cmd_clip_add(struct ctl *c, int argc, char **argv);
int cmd_clip_list(struct ctl *c, int argc, char **argv);
int cmd_clip_show(struct ctl *c, int argc, char **argv);
int cmd_clip_rm(struct ctl *c, int argc, char **argv);
int cmd_schedule_add(struct ctl *c, int argc, char **argv);
int cmd_schedule_list(struct ctl *c, int argc, char **argv);
int cmd_schedule_rm(struct ctl *c, int argc, char **argv);
int cmd_schedule_next(struct ctl *c, int argc, char **argv);
int cmd_play(struct ctl *c, int argc, char **argv);
int cmd_stop(struct ctl *c, int argc, char **argv);
int cmd_status(struct ctl *c, int argc, char **argv);
int cmd_log(struct ctl *c, int argc, char **argv);
int cmd_report(struct ctl *c, int argc, char **argv);
int cmd_schedule_export(struct ctl *c, int argc, char **argv);

#endif
