/*
 * Command-line words to values: long options ("--title T", "--title=T",
 * "--now"), positional arguments by name, ids and counts parsed whole.
 * Errors are full sentences for "loaxactl: <command>: <error>".
 */
#ifndef OPTS_H
#define OPTS_H

#include <stdint.h>

#include "../proto/lx.h"

struct opt {
	const char *name; /* "--title" */
	const char **value; /* an option with a value stores it here */
	int *flag; /* an option without one sets this to 1 */
};

struct opts {
	const struct opt *opt; /* ends with { NULL } */
	const char *const *args; /* positional names, "[N]" optional; NULL
	                            ends; NULL: none */
	const char **val; /* positional values go here, NULL if absent */
};

/*
 * Parse argv[1..argc-1] against o.  Targets must start NULL/0.  Returns 0,
 * 1 when --help was given (stop and print usage), or -1 with err
 * (unknown option, option given twice, missing or extra argument).  With
 * `next` non-NULL, stops at the first positional word, whose index goes
 * in *next (argc when none); positionals are then not checked.
 */
int opts_parse(
    const struct opts *o, int argc, char **argv, int *next, struct lx_err *err);

/* Parse an id: a whole positive decimal integer.  0, or -1 with err naming
 * it as `what`. */
int opts_id(const char *what, const char *s, int64_t *id, struct lx_err *err);

#endif
