/*
 * A small long-option parser over a table, so every command checks its
 * words the same way before anything is sent: unknown options, repeats,
 * missing and extra arguments, and numbers that are not whole numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "../proto/buf.h"
#include "msg.h"
#include "opts.h"

/* The table entry named by word ("--title" or "--title=…"), or NULL. */
static const struct opt *
opts_find(const struct opt *opt, const char *word, const char **eq)
{
	size_t len;

	*eq = strchr(word, '=');
	len = *eq ? (size_t)(*eq - word) : strlen(word);
	for (; opt != NULL && opt->name != NULL; opt++)
		if (strlen(opt->name) == len &&
		    memcmp(opt->name, word, len) == 0)
			return opt;
	return NULL;
}

/* Take option argv[*i] (and its value); returns 0, or -1 with err. */
static int
opts_take(
    const struct opts *o, int argc, char **argv, int *i, struct lx_err *err)
{
	const char *eq;
	const struct opt *op = opts_find(o->opt, argv[*i], &eq);

	if (op == NULL)
		return lx_err_set(err, LX_E_ARG, MSG_E_UNKNOWN_OPT, argv[*i]);
	if (op->flag != NULL) {
		if (eq != NULL)
			return lx_err_set(
			    err, LX_E_ARG, MSG_E_NO_VALUE, op->name);
		if (*op->flag)
			return lx_err_set(err, LX_E_ARG, MSG_E_TWICE, op->name);
		*op->flag = 1;
		return 0;
	}
	if (*op->value != NULL)
		return lx_err_set(err, LX_E_ARG, MSG_E_TWICE, op->name);
	if (eq != NULL)
		*op->value = eq + 1;
	else if (*i + 1 < argc)
		*op->value = argv[++*i];
	else
		return lx_err_set(err, LX_E_ARG, MSG_E_NEEDS_VALUE, op->name);
	return 0;
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
opts_parse(
    const struct opts *o, int argc, char **argv, int *next, struct lx_err *err)
{
	char **pos = xcalloc((size_t)argc + 1, sizeof pos[0]);
	int npos = 0, rc = 0, i, dashdash = 0;

	for (i = 1; i < argc && rc == 0; i++) {
		const char *w = argv[i];

		if (dashdash || w[0] != '-' || w[1] == '\0') {
			if (next != NULL)
				break;
			pos[npos++] = argv[i];
		} else if (strcmp(w, "--") == 0)
			dashdash = 1;
		else if (strcmp(w, "--help") == 0)
			rc = 1;
		else
			rc = opts_take(o, argc, argv, &i, err);
	}
	if (next != NULL)
		*next = i;
	else if (rc == 0)
		rc = opts_place(o, pos, npos, err);
	free(pos);
	return rc;
}

int
opts_id(const char *what, const char *s, int64_t *id, struct lx_err *err)
{
	if (lx_int_parse(s, 1, INT64_MAX, id) != 0)
		return lx_err_set(err, LX_E_ARG, MSG_E_BAD_ID, what, s);
	return 0;
}
