/*
 * The airing log: one row per airing, written `playing` before the first
 * sample and finished once after the last.  A finished row is never
 * changed; each change is one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "../proto/buf.h"
#include "book_int.h"
#include "chain.h"

static const char *const airing_names[] = {
    [AIRING_PLAYING] = "playing",
    [AIRING_DONE] = "done",
    [AIRING_INTERRUPTED] = "interrupted",
    [AIRING_FAILED] = "failed",
    [AIRING_MISSED] = "missed",
};

const char *
book_status_name(enum airing_status s)
{
	return airing_names[s];
}

/* The status named `name`; AIRING_FAILED for a name this build lacks. */
static enum airing_status
airing_status_parse(const char *name)
{
	for (size_t i = 0; i < sizeof airing_names / sizeof *airing_names; i++)
		if (strcmp(airing_names[i], name) == 0)
			return (enum airing_status)i;
	return AIRING_FAILED;
}

/* Move schedule s's next_due past `after`, to the next occurrence or
 * none.  Part of the caller's transaction. */
static int
airing_advance(
    struct book *b, const struct schedule *s, int64_t after, struct lx_err *err)
{
	sqlite3_stmt *st;
	int64_t next;
	int rc;

	if ((rc = book_schedule_next_after(s, after, &next, err)) == -1)
		return -1;
	if ((st = book_stmt(b, ST_SCHED_SET_NEXT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->id);
	if (rc == 1)
		sqlite3_bind_int64(st, 2, next);
	else
		sqlite3_bind_null(st, 2);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : book_fail(b, err);
}

/* Insert d's row as status; for a scheduled one, check it is the
 * schedule's next_due and advance that.  Returns the id or -1; the caller
 * owns the transaction. */
static int64_t
airing_insert(struct book *b, const struct airing_due *d,
    enum airing_status status, const char *reason, struct lx_err *err)
{
	struct schedule s;
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if (d->schedule_id > 0) {
		if (book_schedule_get(b, d->schedule_id, &s, err) == -1)
			return -1;
		if (s.next_due != d->scheduled)
			return lx_err_set(err, LX_E_BUSY,
			    "schedule %lld: that occurrence is already logged",
			    (long long)d->schedule_id);
	}
	if ((st = book_stmt(b, ST_AIR_INSERT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, d->clip_id);
	if (d->schedule_id > 0)
		sqlite3_bind_int64(st, 2, d->schedule_id);
	sqlite3_bind_int64(st, 3, d->scheduled);
	sqlite3_bind_text(st, 4, airing_names[status], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, d->priority);
	book_bind_user(st, 7, d->by);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	id = sqlite3_last_insert_rowid(b->db);
	if (d->schedule_id > 0 && airing_advance(b, &s, d->scheduled, err))
		return -1;
	return id;
}

/* A new row in its own transaction; a finished one is chained in it. */
static int64_t
airing_new(struct book *b, const struct airing_due *d,
    enum airing_status status, const char *reason, struct lx_err *err)
{
	int64_t id;

	if (book_begin(b, err) == -1)
		return -1;
	if ((id = airing_insert(b, d, status, reason, err)) == -1 ||
	    (status != AIRING_PLAYING && chain_append(b->db, id, err) == -1)) {
		book_rollback(b);
		return -1;
	}
	return book_commit(b, err) == -1 ? -1 : id;
}

int64_t
book_airing_begin(
    struct book *b, const struct airing_due *d, struct lx_err *err)
{
	return airing_new(b, d, AIRING_PLAYING, "", err);
}

int64_t
book_airing_missed(struct book *b, const struct airing_due *d,
    const char *reason, struct lx_err *err)
{
	return airing_new(b, d, AIRING_MISSED, reason, err);
}

/* Run an UPDATE on one `playing` row; LX_E_BUSY if none matched. */
static int
airing_update(struct book *b, sqlite3_stmt *st, int64_t id, struct lx_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	if (sqlite3_changes(b->db) == 0)
		return lx_err_set(err, LX_E_BUSY,
		    "airing %lld: not playing; a finished row is not changed",
		    (long long)id);
	return 0;
}

int
book_airing_started(
    struct book *b, int64_t id, int64_t started, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_AIR_STARTED, err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, started);
	return airing_update(b, st, id, err);
}

int
book_airing_finish(struct book *b, int64_t id, enum airing_status status,
    int64_t ended, int64_t frames, const char *reason, struct lx_err *err)
{
	sqlite3_stmt *st;

	if (status == AIRING_PLAYING)
		return lx_err_set(err, LX_E_ARG,
		    "airing %lld: cannot finish as %s", (long long)id,
		    airing_names[status]);
	if (book_begin(b, err) == -1)
		return -1;
	if ((st = book_stmt(b, ST_AIR_FINISH, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, airing_names[status], -1, SQLITE_STATIC);
	if (status == AIRING_MISSED) { /* a missed row never sounded */
		sqlite3_bind_null(st, 3);
		sqlite3_bind_int64(st, 4, 0);
	} else {
		sqlite3_bind_int64(st, 3, ended);
		sqlite3_bind_int64(st, 4, frames);
	}
	sqlite3_bind_text(st, 5, reason ? reason : "", -1, SQLITE_STATIC);
	if (airing_update(b, st, id, err) == -1 ||
	    chain_append(b->db, id, err) == -1)
		goto fail;
	return book_commit(b, err);
fail:
	book_rollback(b);
	return -1;
}

/* The ids of the rows left `playing`, oldest first, into *ids (the
 * caller frees it).  Returns how many, or -1. */
static int
airing_playing_ids(struct book *b, int64_t **ids, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_AIR_PLAYING, err);
	int n = 0, cap = 0, rc;

	*ids = NULL;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xrealloc(*ids, (size_t)cap * sizeof **ids);
		}
		(*ids)[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return book_fail(b, err);
	}
	return n;
}

int
book_airing_recover(struct book *b, struct lx_err *err)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	int n, rc;

	if (book_begin(b, err) == -1)
		return -1;
	if ((n = airing_playing_ids(b, &ids, err)) <= 0) {
		book_rollback(b);
		return n;
	}
	if ((st = book_stmt(b, ST_AIR_RECOVER, err)) == NULL)
		goto fail;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		book_fail(b, err);
		goto fail;
	}
	/* In id order: the order they began, the best guess at their end. */
	for (int i = 0; i < n; i++)
		if (chain_append(b->db, ids[i], err) == -1)
			goto fail;
	free(ids);
	return book_commit(b, err) == -1 ? -1 : n;
fail:
	free(ids);
	book_rollback(b);
	return -1;
}

int
book_log_verify(struct book *b, struct chain_verdict *v, struct lx_err *err)
{
	return chain_verify(b->db, v, err);
}

int
book_log_head(struct book *b, int64_t *rows, char *head, struct lx_err *err)
{
	return chain_head(b->db, rows, head, err);
}

/* Fill a from a row of ST_AIR_EACH or ST_AIR_EACH_CLIP. */
static void
airing_row(sqlite3_stmt *st, struct airing *a)
{
	char status[16];

	a->id = sqlite3_column_int64(st, 0);
	a->clip_id = sqlite3_column_int64(st, 1);
	book_col_text(st, 2, a->title, sizeof a->title);
	book_col_text(st, 3, a->topic, sizeof a->topic);
	a->schedule_id = book_col_int(st, 4, 0);
	a->scheduled = sqlite3_column_int64(st, 5);
	a->started = book_col_int(st, 6, -1);
	a->ended = book_col_int(st, 7, -1);
	a->frames = sqlite3_column_int64(st, 8);
	book_col_text(st, 9, status, sizeof status);
	a->status = airing_status_parse(status);
	book_col_text(st, 10, a->reason, sizeof a->reason);
	a->priority = sqlite3_column_int(st, 11);
	book_col_text(st, 12, a->by, sizeof a->by);
}

int
book_airing_each(struct book *b, int64_t from, int64_t to, int64_t clip_id,
    int (*fn)(void *, const struct airing *), void *ctx, struct lx_err *err)
{
	sqlite3_stmt *st;
	struct airing a;
	int rc;

	st = book_stmt(b, clip_id > 0 ? ST_AIR_EACH_CLIP : ST_AIR_EACH, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	if (clip_id > 0)
		sqlite3_bind_int64(st, 3, clip_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		airing_row(st, &a);
		if (fn(ctx, &a) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return 0;
}
