/*
 * Every command's words through getopt_long, so they follow the GNU
 * conventions operators know: -h/--help, options before or after the
 * arguments, bundled short flags, "--" ending options.  Then positionals by
 * name, and the checks getopt does not make (an option given twice).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/buf.h"
#include "msg.h"
#include "opts.h"

#define OPTS_LONG 256 /* getopt's value of the first row */

/* The rows of both tables in one array; their number. */
static size_t
opts_rows(const struct opts *o, const struct opt ***rows)
{
	const struct opt *t[2] = {o->opt, o->more};
	size_t n = 0;

	*rows = NULL;
	for (int k = 0; k < 2; k++)
		for (const struct opt *p = t[k]; p != NULL && p->name; p++)
			n++;
	*rows = xcalloc(n + 1, sizeof **rows);
	n = 0;
	for (int k = 0; k < 2; k++)
		for (const struct opt *p = t[k]; p != NULL && p->name; p++)
			(*rows)[n++] = p;
	return n;
}

/* getopt's tables for the rows: long options and the short string. */
static void
opts_tables(const struct opt **rows, size_t n, int global, struct option *lo,
    char *shorts)
{
	size_t k = 0, s = 0;

	if (global)
		shorts[s++] = '+';
	shorts[s++] = 'h';
	for (size_t i = 0; i < n; i++) {
		const char *name = rows[i]->name;
		int arg = rows[i]->value ? required_argument : no_argument;

		if (name[1] != '-') {
			shorts[s++] = name[1];
			if (arg == required_argument)
				shorts[s++] = ':';
			continue;
		}
		lo[k++] =
		    (struct option){name + 2, arg, NULL, OPTS_LONG + (int)i};
	}
	lo[k++] = (struct option){"help", no_argument, NULL, 'h'};
	lo[k] = (struct option){NULL, 0, NULL, 0};
	shorts[s] = '\0';
}

/* Store one option's value (or flag); 0, or -1 with err. */
static int
opts_take(const struct opt *op, const char *v, struct lx_err *err)
{
	if (op->flag != NULL) {
		if (*op->flag)
			return lx_err_set(err, LX_E_ARG, MSG_E_TWICE, op->name);
		*op->flag = 1;
		return 0;
	}
	if (op->count != NULL) {
		if (*op->count == op->max)
			return lx_err_set(
			    err, LX_E_ARG, MSG_E_TOO_MANY, op->name, op->max);
		op->value[(*op->count)++] = v;
		return 0;
	}
	if (*op->value != NULL)
		return lx_err_set(err, LX_E_ARG, MSG_E_TWICE, op->name);
	*op->value = v;
	return 0;
}

/* The row getopt's answer ch means, or NULL. */
static const struct opt *
opts_row(const struct opt **rows, size_t n, int ch)
{
	if (ch >= OPTS_LONG && (size_t)(ch - OPTS_LONG) < n)
		return rows[ch - OPTS_LONG];
	for (size_t i = 0; i < n; i++)
		if (rows[i]->name[1] == ch && rows[i]->name[2] == '\0')
			return rows[i];
	return NULL;
}

/* Hand the positionals out by name; too few or too many is an error. */
static int
opts_place(const struct opts *o, char **pos, int npos, struct lx_err *err)
{
	int k = 0;

	for (; o->args != NULL && o->args[k] != NULL; k++) {
		if (k < npos)
			o->val[k] = pos[k];
		else if (o->args[k][0] != '[')
			return lx_err_set(
			    err, LX_E_ARG, MSG_E_MISSING_ARG, o->args[k]);
	}
	if (npos > k)
		return lx_err_set(err, LX_E_ARG, MSG_E_EXTRA_ARG, pos[k]);
	return 0;
}

int
opts_parse(const struct opts *o, const char *prog, int argc, char **argv,
    int *next, struct lx_err *err)
{
	const struct opt **rows;
	size_t n = opts_rows(o, &rows);
	struct option *lo = xcalloc(n + 2, sizeof *lo);
	char *shorts = xcalloc(2 * n + 4, 1), *argv0 = argv[0];
	int ch, rc = 0;

	opts_tables(rows, n, next != NULL, lo, shorts);
	argv[0] = (char *)prog; /* how getopt's messages name the command */
	optind = 0; /* a fresh scan: glibc starts over */
	opterr = 1;
	while (
	    rc == 0 && (ch = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		const struct opt *op = opts_row(rows, n, ch);

		if (ch == 'h')
			rc = 1;
		else if (op == NULL)
			rc = OPTS_SAID;
		else
			rc = opts_take(op, optarg, err);
	}
	argv[0] = argv0;
	if (next != NULL)
		*next = rc == 0 ? optind : argc;
	else if (rc == 0)
		rc = opts_place(o, argv + optind, argc - optind, err);
	free(shorts);
	free(lo);
	free(rows);
	return rc;
}

int
opts_id(const char *what, const char *s, int64_t *id, struct lx_err *err)
{
	if (lx_int_parse(s, 1, INT64_MAX, id) != 0)
		return lx_err_set(err, LX_E_ARG, MSG_E_BAD_ID, what, s);
	return 0;
}
