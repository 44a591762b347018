/*
 * Inside the book: the handle, its prepared statements and the helpers
 * that book.c, airing.c and report.c share.  Not for use outside
 * schedules/.
 */
#ifndef BOOK_INT_H
#define BOOK_INT_H

#include <sqlite3.h>

#include "book.h"

enum book_stmt {
	ST_META_GET,
	ST_META_SET,
	ST_CLIP_INSERT,
	ST_CLIP_GET,
	ST_CLIP_BY_SHA,
	ST_CLIP_EACH,
	ST_CLIP_USED,
	ST_CLIP_REMOVE,
	ST_SCHED_INSERT,
	ST_SCHED_GET,
	ST_SCHED_EACH,
	ST_SCHED_DUE,
	ST_SCHED_COUNT_DUE,
	ST_SCHED_REMOVE,
	ST_SCHED_SET_NEXT,
	ST_SCHED_BY_NEXT,
	ST_AIR_INSERT,
	ST_AIR_STARTED,
	ST_AIR_FINISH,
	ST_AIR_RECOVER,
	ST_AIR_PLAYING,
	ST_AIR_EACH,
	ST_AIR_EACH_CLIP,
	ST_COUNT
};

struct book {
	sqlite3 *db;
	int readonly;
	char copy[LX_MAX_PATH]; /* a read-only open's private copy, or "" */
	void (*on_commit)(void *);
	void *on_commit_ctx;
	sqlite3_stmt *st[ST_COUNT];
};

/* The prepared statement, reset and unbound; NULL with err on failure. */
sqlite3_stmt *book_stmt(
    struct book *b, enum book_stmt which, struct lx_err *err);
/* Fill err from the connection's last error; returns -1. */
int book_fail(struct book *b, struct lx_err *err);
/* Begin an immediate transaction, commit it, roll it back. */
int book_begin(struct book *b, struct lx_err *err);
int book_commit(struct book *b, struct lx_err *err);
void book_rollback(struct book *b);
/* Copy column i as text into dst of size n ("" for NULL). */
void book_col_text(sqlite3_stmt *st, int i, char *dst, size_t n);
/* Bind who (a user's name or uid) at i; "" binds NULL. */
void book_bind_user(sqlite3_stmt *st, int i, const char *who);
/* Column i as an integer, or def when NULL. */
int64_t book_col_int(sqlite3_stmt *st, int i, int64_t def);
/* Fill c from a row of the clip columns starting at column 0. */
void book_row_clip(sqlite3_stmt *st, struct clip *c);
/* Fill s from a row of the schedule columns starting at column 0. */
void book_row_schedule(sqlite3_stmt *st, struct schedule *s);
/* The first occurrence of schedule s strictly after `after`: 1 found, 0
 * none, -1 bad rule. */
int book_schedule_next_after(
    const struct schedule *s, int64_t after, int64_t *out, struct lx_err *err);

#define BOOK_CLIP_COLS                                                         \
	"c.id, c.sha256, c.title, c.topic, c.source, c.format, c.rate, "       \
	"c.channels, c.frames, c.bytes, c.added, c.added_by"
#define BOOK_SCHED_COLS                                                        \
	"s.id, s.clip_id, c.title, s.dtstart, s.rrule, s.priority, "           \
	"s.created, s.added_by, s.next_due"

#endif
