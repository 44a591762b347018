/*
 * Command-line words to values with getopt_long: long options ("--title
 * T", "--title=T", "--now"), their short forms ("-o FILE", bundled "-fh"),
 * -h/--help, "--" ending options, and options anywhere among the
 * positional arguments, which are then handed out by name.
 */
#ifndef OPTS_H
#define OPTS_H

#include <stdint.h>

#include "../proto/lx.h"

struct opt {
	/* "--title"; a short form ("-o") is a row of its own with the same
	 * target as its long form */
	const char *name;
	const char **value; /* an option with a value stores it here */
	int *flag; /* an option without one sets this to 1 */
	int *count; /* non-NULL: value is an array of max, appended to */
	int max;
};

struct opts {
	const struct opt *opt; /* ends with { NULL }; may be NULL */
	const char *const *args; /* positional names, "[N]" optional; NULL
	                            ends; NULL: none */
	const char **val; /* positional values go here, NULL if absent */
	const struct opt *more; /* a second table (the global options) */
};

#define OPTS_SAID (-2) /* opts_parse: getopt has printed the error */

/*
 * Parse argv[1..argc-1] against o; getopt's own messages (glibc's, in the
 * user's language) name the command as `prog` ("loaxactl: clip add").
 * Targets must start NULL/0.  Returns 0, 1 when -h or --help was given
 * (stop and print usage), OPTS_SAID after getopt printed an error, or -1
 * with err (an option given twice, a missing or extra argument).  With
 * `next` non-NULL, stops at the first positional word, whose index goes in
 * *next (argc when none); positionals are then not checked.  argv's words
 * after argv[0] may be reordered.
 */
int opts_parse(const struct opts *o, const char *prog, int argc, char **argv,
    int *next, struct lx_err *err);

/* Parse an id: a whole positive decimal integer.  0, or -1 with err naming
 * it as `what`. */
int opts_id(const char *what, const char *s, int64_t *id, struct lx_err *err);

#endif
