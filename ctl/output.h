/*
 * Where a command's output goes: stdout, or with -o FILE a file that
 * appears whole or not at all (written beside it under a temporary name,
 * renamed into place once complete).
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include "../proto/lx.h"

struct output {
	FILE *f; /* write here */
	const char *path; /* -o FILE, or NULL for stdout */
	char tmp[LX_MAX_PATH]; /* the temporary name, for writers that want a
	                          path (libxlsxwriter) */
};

/* Open path (NULL: stdout) for writing.  0, or -1 with err. */
int output_open(struct output *o, const char *path, struct lx_err *err);

/* The writer will write o->tmp by its path (and o->f is closed):
 * for a file, not stdout. */
void output_by_path(struct output *o);

/*
 * Finish: with ok, flush and move the file into place (or flush stdout);
 * without, remove what was written.  0, or -1 with err.
 */
int output_close(struct output *o, int ok, struct lx_err *err);

#endif
