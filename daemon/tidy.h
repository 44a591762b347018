/*
 * Keeping the database whole in one file: after a quiet spell with no
 * write, the WAL is checkpointed into loaxa.db and truncated, so a copy
 * of loaxa.db (with or without its -wal) holds the whole record.
 */
#ifndef TIDY_H
#define TIDY_H

#include <ev.h>

#include "../schedules/book.h"

struct tidy;

/* Watch b's commits on loop; tidy_free undoes it.  Never fails. */
struct tidy *tidy_new(struct ev_loop *loop, struct book *b);

/* Stop watching and free; NULL is fine. */
void tidy_free(struct tidy *t);

#endif
