/*
 * The read-only commands, answered from a book: loaxad serves them on the
 * socket and loaxactl --db answers them itself from a database file, so a
 * copy brought from a commune reads exactly as the live daemon would.
 * Which commands they are, and their arity, is proto/command.c's table.
 */
#ifndef QUERY_H
#define QUERY_H

#include <stdint.h>

#include "../proto/buf.h"
#include "../proto/command.h"
#include "../proto/lx.h"

struct book;

/* 1 if the book answers command cmd here (a read-only query). */
int query_answers(enum lx_cmd cmd);

/*
 * Answer the request argv[0..argc-1], command cmd with its arity already
 * checked against the table, from b as the protocol's key: value lines
 * appended to out (no closing OK).  `now` is the instant the answer is
 * for.  Returns 0, or -1 with err (bad argument, no such clip).
 */
int query_run(struct book *b, enum lx_cmd cmd, int argc, char **argv,
    int64_t now, struct buf *out, struct lx_err *err);

#endif
