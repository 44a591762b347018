/*
 * The read-only commands, answered from a book: loaxad serves them on the
 * socket and loaxactl --db answers them itself from a database file, so a
 * copy brought from a commune reads exactly as the live daemon would.
 */
#ifndef QUERY_H
#define QUERY_H

#include <stdint.h>

#include "../proto/buf.h"
#include "../proto/lx.h"

struct book;

/*
 * 1 if `name` is a read-only query: cliplist, clipshow, schedulelist,
 * schedulenext, log, report.
 */
int query_known(const char *name);

/*
 * Answer the request argv[0..argc-1] from b as the protocol's key: value
 * lines appended to out (no closing OK).  `now` is the instant the answer
 * is for.  Returns 0, or -1 with err (arity, bad argument, no such clip).
 */
int query_run(struct book *b, int argc, char **argv, int64_t now,
    struct buf *out, struct lx_err *err);

/* The usage of a query ("clipshow ID"), or NULL if it is not one. */
const char *query_usage(const char *name);

#endif
