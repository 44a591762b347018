/*
 * The airing log's hash chain: each finished row carries its position in
 * finishing order and a SHA-256 over its own content and the previous
 * row's hash, so an edited, deleted or inserted row shows.  The recipe is
 * in docs/log-integrity.md.  Only schedules/ uses this header.
 */
#ifndef CHAIN_H
#define CHAIN_H

#include <sqlite3.h>
#include <stdint.h>

#include "../proto/lx.h"

struct chain_verdict;

/*
 * Chain the finished airing row `id` as the next position: its position
 * and hash, and the log's recorded length and head in the meta table.
 * Part of the caller's transaction, the one that finishes the row.
 * LX_E_BUSY if the row is already chained or still playing.  0 or -1.
 */
int chain_append(sqlite3 *db, int64_t id, struct lx_err *err);

/*
 * Chain every finished row that has no position yet, in id order, and
 * record how many rows the chain held before (meta `log_adopted`).  For
 * the migration that brings in the chain; part of its transaction.
 */
int chain_adopt(sqlite3 *db, struct lx_err *err);

/*
 * Walk the chain in position order and fill v: ok with the row count and
 * head, or the first row that does not match and why.  -1 with err only
 * when the database cannot be read.
 */
int chain_verify(sqlite3 *db, struct chain_verdict *v, struct lx_err *err);

/* The recorded length and head (65 bytes; "" when empty): 0 or -1. */
int chain_head(sqlite3 *db, int64_t *rows, char *head, struct lx_err *err);

#endif
