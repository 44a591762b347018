/*
 * The airing log's hash chain (docs/log-integrity.md): a row's hash is
 * SHA-256 over the previous row's hash and the row's record, a fixed text
 * of its fields.  Appended in the transaction that finishes a row; walked
 * by `log --verify`.  This file owns its SQL.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "book.h"
#include "chain.h"

#define CHAIN_ZERO                                                             \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* The record's fields: its name in the record, then the column. */
static const char *const chain_fields[][2] = {
    {"airing", "a.id"},
    {"clip", "a.clip_id"},
    {"sha256", "c.sha256"},
    {"topic", "c.topic"},
    {"rate", "c.rate"},
    {"schedule", "a.schedule_id"},
    {"scheduled", "a.scheduled"},
    {"started", "a.started"},
    {"ended", "a.ended"},
    {"frames", "a.frames"},
    {"status", "a.status"},
    {"reason", "a.reason"},
    {"priority", "a.priority"},
    {"by", "a.by"},
};

#define CHAIN_NFIELDS ((int)(sizeof chain_fields / sizeof chain_fields[0]))
#define CHAIN_COLS                                                                \
	"a.id, a.seq, a.hash, c.id, a.id, a.clip_id, c.sha256, c.topic, c.rate, " \
	"a.schedule_id, a.scheduled, a.started, a.ended, a.frames, "              \
	"a.status, a.reason, a.priority, a.by"
#define CHAIN_COL0 4 /* the first of the record's columns */
#define CHAIN_BATCH 512 /* rows the migration chains at a time */
#define CHAIN_FROM " FROM airings a LEFT JOIN clips c ON c.id = a.clip_id"

static const char chain_sql_row[] =
    "SELECT " CHAIN_COLS CHAIN_FROM " WHERE a.id = ?1";
static const char chain_sql_walk[] =
    "SELECT " CHAIN_COLS CHAIN_FROM " WHERE a.seq IS NOT NULL ORDER BY a.seq";
static const char chain_sql_set[] =
    "UPDATE airings SET seq = ?2, hash = ?3 WHERE id = ?1 AND seq IS NULL";
static const char chain_sql_meta_get[] =
    "SELECT value FROM meta WHERE key = ?1";
static const char chain_sql_meta_set[] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char chain_sql_unchained[] =
    "SELECT id FROM airings WHERE seq IS NULL AND status <> 'playing'"
    " ORDER BY id LIMIT 1";
static const char chain_sql_stray[] =
    "SELECT " CHAIN_COLS CHAIN_FROM
    " WHERE a.seq IS NULL AND a.status <> 'playing' AND a.id > ?1"
    " ORDER BY a.id LIMIT ?2";

static const char *const chain_problems[] = {
    [CHAIN_OK] = "ok",
    [CHAIN_EDITED] = "edited",
    [CHAIN_MISSING] = "missing",
    [CHAIN_INSERTED] = "inserted",
};

const char *
book_chain_problem_name(enum chain_problem p)
{
	return chain_problems[p];
}

static int
chain_fail(sqlite3 *db, struct lx_err *err)
{
	return lx_err_set(err, LX_E_IO, "database: %s", sqlite3_errmsg(db));
}

static sqlite3_stmt *
chain_prepare(sqlite3 *db, const char *sql, struct lx_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		chain_fail(db, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Run st to its end, finalize it: 0, or -1 with err. */
static int
chain_done(sqlite3 *db, sqlite3_stmt *st, struct lx_err *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		chain_fail(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* A meta value as text into v (n bytes), "" when absent: 0 or -1. */
static int
chain_meta_get(
    sqlite3 *db, const char *key, char *v, size_t n, struct lx_err *err)
{
	sqlite3_stmt *st = chain_prepare(db, chain_sql_meta_get, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	v[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		lx_strlcpy(v, (const char *)sqlite3_column_text(st, 0), n);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return chain_fail(db, err);
	return 0;
}

static int
chain_meta_set(sqlite3 *db, const char *key, const char *v, struct lx_err *err)
{
	sqlite3_stmt *st = chain_prepare(db, chain_sql_meta_set, err);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	return chain_done(db, st, err);
}

int
chain_head(sqlite3 *db, int64_t *rows, char *head, struct lx_err *err)
{
	char n[32];

	if (chain_meta_get(db, "log_length", n, sizeof n, err) == -1 ||
	    chain_meta_get(db, "log_head", head, 65, err) == -1)
		return -1;
	*rows = strtoll(n, NULL, 10);
	return 0;
}

/* Feed v to the hash, '\' and newline escaped so the record reads one way. */
static void
chain_feed_value(struct sha256_ctx *h, const char *v)
{
	const char *p;

	while ((p = strpbrk(v, "\\\n")) != NULL) {
		sha256_update(h, (size_t)(p - v), (const uint8_t *)v);
		sha256_update(
		    h, 2, (const uint8_t *)(*p == '\n' ? "\\n" : "\\\\"));
		v = p + 1;
	}
	sha256_update(h, strlen(v), (const uint8_t *)v);
}

/* The hash of row st (a CHAIN_COLS row) at `position` after prev (hex). */
static void
chain_hash_row(
    sqlite3_stmt *st, int64_t position, const char *prev, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256_ctx h;
	char line[64];
	int n;

	sha256_init(&h);
	sha256_update(&h, 64, (const uint8_t *)prev);
	n = snprintf(line, sizeof line, "\nloaxa airing 1\nposition %lld\n",
	    (long long)position);
	sha256_update(&h, (size_t)n, (const uint8_t *)line);
	for (int i = 0; i < CHAIN_NFIELDS; i++) {
		const unsigned char *v =
		    sqlite3_column_text(st, CHAIN_COL0 + i);

		sha256_update(&h, strlen(chain_fields[i][0]),
		    (const uint8_t *)chain_fields[i][0]);
		sha256_update(&h, 1, (const uint8_t *)" ");
		chain_feed_value(&h, v ? (const char *)v : "");
		sha256_update(&h, 1, (const uint8_t *)"\n");
	}
	sha256_digest(&h, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

/* Record the chain's new length and head. */
static int
chain_set_head(sqlite3 *db, int64_t rows, const char *head, struct lx_err *err)
{
	char n[32];

	snprintf(n, sizeof n, "%lld", (long long)rows);
	if (chain_meta_set(db, "log_length", n, err) == -1 ||
	    chain_meta_set(db, "log_head", head, err) == -1)
		return -1;
	return 0;
}

int
chain_append(sqlite3 *db, int64_t id, struct lx_err *err)
{
	char head[65], hash[65];
	const unsigned char *status;
	sqlite3_stmt *st;
	int64_t rows;
	int rc;

	if (chain_head(db, &rows, head, err) == -1)
		return -1;
	if (head[0] == '\0')
		lx_strlcpy(head, CHAIN_ZERO, sizeof head);
	if ((st = chain_prepare(db, chain_sql_row, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return chain_fail(db, err);
		return lx_err_set(
		    err, LX_E_NOENT, "airing %lld: no such row", (long long)id);
	}
	status = sqlite3_column_text(st, CHAIN_COL0 + 10);
	if (sqlite3_column_type(st, 1) != SQLITE_NULL ||
	    (status && strcmp((const char *)status, "playing") == 0)) {
		sqlite3_finalize(st);
		return lx_err_set(err, LX_E_BUSY,
		    "airing %lld: playing or already chained", (long long)id);
	}
	chain_hash_row(st, rows + 1, head, hash);
	sqlite3_finalize(st);
	if ((st = chain_prepare(db, chain_sql_set, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, rows + 1);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	if (chain_done(db, st, err) == -1)
		return -1;
	return chain_set_head(db, rows + 1, hash, err);
}

/* Chain up to CHAIN_BATCH stray rows after id *last, in id order, after
 * the chain's rows and head.  Returns how many, or -1.  The rows are read
 * first and written after, never while a statement walks the table. */
static int
chain_adopt_batch(
    sqlite3 *db, int64_t *last, int64_t *rows, char *head, struct lx_err *err)
{
	sqlite3_stmt *st = chain_prepare(db, chain_sql_stray, err), *up;
	int64_t id[CHAIN_BATCH];
	char hash[CHAIN_BATCH][65];
	int n = 0, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *last);
	sqlite3_bind_int(st, 2, CHAIN_BATCH);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id[n] = sqlite3_column_int64(st, 0);
		chain_hash_row(
		    st, *rows + n + 1, n ? hash[n - 1] : head, hash[n]);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return chain_fail(db, err);
	if ((up = chain_prepare(db, chain_sql_set, err)) == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, id[i]);
		sqlite3_bind_int64(up, 2, *rows + i + 1);
		sqlite3_bind_text(up, 3, hash[i], -1, SQLITE_STATIC);
		if (sqlite3_step(up) != SQLITE_DONE) {
			sqlite3_finalize(up);
			return chain_fail(db, err);
		}
	}
	sqlite3_finalize(up);
	if (n > 0) {
		*last = id[n - 1];
		*rows += n;
		memcpy(head, hash[n - 1], 65);
	}
	return n;
}

int
chain_adopt(sqlite3 *db, struct lx_err *err)
{
	char head[65], n[32];
	int64_t rows, last = 0;
	int got;

	if (chain_head(db, &rows, head, err) == -1)
		return -1;
	if (head[0] == '\0')
		lx_strlcpy(head, CHAIN_ZERO, sizeof head);
	while ((got = chain_adopt_batch(db, &last, &rows, head, err)) > 0)
		;
	if (got == -1)
		return -1;
	snprintf(n, sizeof n, "%lld", (long long)rows);
	if (rows > 0 && chain_set_head(db, rows, head, err) == -1)
		return -1;
	return chain_meta_set(db, "log_adopted", n, err);
}

/* Fill v with a problem at row `airing` (position pos) and return 0. */
static int chain_bad(struct chain_verdict *v, enum chain_problem p,
    int64_t airing, int64_t pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
chain_bad(struct chain_verdict *v, enum chain_problem p, int64_t airing,
    int64_t pos, const char *fmt, ...)
{
	va_list ap;

	v->problem = p;
	v->airing = airing;
	v->position = pos;
	va_start(ap, fmt);
	vsnprintf(v->why, sizeof v->why, fmt, ap);
	va_end(ap);
	return 0;
}

/* Check one row of the walk against the row before; 1 if it is good. */
static int
chain_check_row(
    sqlite3_stmt *st, struct chain_verdict *v, int64_t length, char *prev)
{
	int64_t id = sqlite3_column_int64(st, 0),
	        pos = sqlite3_column_int64(st, 1);
	const unsigned char *stored = sqlite3_column_text(st, 2);
	const unsigned char *status = sqlite3_column_text(st, CHAIN_COL0 + 10);
	int64_t want = v->rows + 1;
	char hash[65];

	if (pos < want)
		return chain_bad(v, CHAIN_INSERTED, id, pos,
		    "position %lld is taken twice", (long long)pos);
	if (pos > length)
		return chain_bad(v, CHAIN_INSERTED, id, pos,
		    "position %lld is past the log's recorded length %lld",
		    (long long)pos, (long long)length);
	if (pos > want)
		return chain_bad(v, CHAIN_MISSING, id, pos,
		    pos == want + 1
		        ? "the row at position %lld before it is gone"
		        : "the rows at positions %lld to %lld before "
		          "it are gone",
		    (long long)want, (long long)pos - 1);
	if (sqlite3_column_type(st, 3) == SQLITE_NULL)
		return chain_bad(v, CHAIN_EDITED, id, pos,
		    "its clip %lld is gone from the clips table",
		    (long long)sqlite3_column_int64(st, CHAIN_COL0 + 1));
	if (status == NULL || strcmp((const char *)status, "playing") == 0)
		return chain_bad(v, CHAIN_EDITED, id, pos,
		    "a finished row was set back to playing");
	chain_hash_row(st, pos, prev, hash);
	if (stored == NULL || strcmp((const char *)stored, hash) != 0)
		return chain_bad(v, CHAIN_EDITED, id, pos,
		    "its content does not match its hash");
	memcpy(prev, hash, 65);
	v->rows++;
	return 1;
}

/* After the walk: the recorded length and head, and unchained rows. */
static int
chain_check_end(sqlite3 *db, struct chain_verdict *v, int64_t length,
    const char *head, struct lx_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (v->rows < length)
		return chain_bad(v, CHAIN_MISSING, 0, v->rows + 1,
		    "the log recorded %lld rows; the rows from position %lld "
		    "on are gone",
		    (long long)length, (long long)v->rows + 1);
	if (v->rows > 0 && strcmp(head, v->head) != 0)
		return chain_bad(v, CHAIN_EDITED, 0, v->rows,
		    "the last row's hash is not the head the log recorded");
	if ((st = chain_prepare(db, chain_sql_unchained, err)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		chain_bad(v, CHAIN_INSERTED, sqlite3_column_int64(st, 0), 0,
		    "a finished row that is not in the chain");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return chain_fail(db, err);
	return 0;
}

int
chain_verify(sqlite3 *db, struct chain_verdict *v, struct lx_err *err)
{
	char head[65], prev[65] = CHAIN_ZERO, n[32];
	sqlite3_stmt *st;
	int64_t length;
	int rc;

	memset(v, 0, sizeof *v);
	if (chain_head(db, &length, head, err) == -1 ||
	    chain_meta_get(db, "log_adopted", n, sizeof n, err) == -1)
		return -1;
	v->adopted = strtoll(n, NULL, 10);
	if ((st = chain_prepare(db, chain_sql_walk, err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!chain_check_row(st, v, length, prev))
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return chain_fail(db, err);
	lx_strlcpy(v->head, v->rows > 0 ? prev : "", sizeof v->head);
	if (v->problem != CHAIN_OK)
		return 0;
	return chain_check_end(db, v, length, head, err);
}
