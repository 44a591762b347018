/*
 * The schedule book: opening the database, its prepared statements, the
 * meta table, clips and schedules.  Airings are in airing.c, the queries
 * that look ahead (schedule next, the quota report) in report.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../proto/i18n.h"
#include "book_int.h"
#include "schema.h"

#define BOOK_MAX_BLOCKERS 20 /* schedules a refusal names one by one */

static const char *const book_sql[ST_COUNT] = {
    [ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [ST_META_SET] = "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [ST_CLIP_INSERT] =
        "INSERT INTO clips (sha256, title, topic, source, format, rate,"
        " channels, frames, bytes, added, added_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_CLIP_GET] = "SELECT " BOOK_CLIP_COLS " FROM clips c"
                    " WHERE c.id = ?1 AND c.removed IS NULL",
    [ST_CLIP_BY_SHA] = "SELECT " BOOK_CLIP_COLS " FROM clips c"
                       " WHERE c.sha256 = ?1 AND c.removed IS NULL",
    [ST_CLIP_EACH] = "SELECT " BOOK_CLIP_COLS " FROM clips c"
                     " WHERE c.removed IS NULL ORDER BY c.id",
    [ST_CLIP_USED] = "SELECT id FROM schedules WHERE clip_id = ?1"
                     " AND removed IS NULL AND next_due IS NOT NULL"
                     " ORDER BY id",
    [ST_CLIP_REMOVE] = "UPDATE clips SET removed = ?2"
                       " WHERE id = ?1 AND removed IS NULL",
    [ST_SCHED_INSERT] =
        "INSERT INTO schedules (clip_id, dtstart, rrule, priority,"
        " created, added_by, next_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_SCHED_GET] = "SELECT " BOOK_SCHED_COLS " FROM schedules s"
                     " JOIN clips c ON c.id = s.clip_id"
                     " WHERE s.id = ?1 AND s.removed IS NULL",
    [ST_SCHED_EACH] = "SELECT " BOOK_SCHED_COLS " FROM schedules s"
                      " JOIN clips c ON c.id = s.clip_id"
                      " WHERE s.removed IS NULL ORDER BY s.id",
    [ST_SCHED_DUE] = "SELECT " BOOK_SCHED_COLS " FROM schedules s"
                     " JOIN clips c ON c.id = s.clip_id"
                     " WHERE s.next_due IS NOT NULL AND s.removed IS NULL"
                     " ORDER BY s.next_due, s.id LIMIT 1",
    [ST_SCHED_COUNT_DUE] = "SELECT count(*) FROM schedules"
                           " WHERE next_due <= ?1 AND removed IS NULL",
    [ST_SCHED_REMOVE] = "UPDATE schedules SET removed = ?2, next_due = NULL"
                        " WHERE id = ?1 AND removed IS NULL",
    [ST_SCHED_SET_NEXT] = "UPDATE schedules SET next_due = ?2 WHERE id = ?1",
    [ST_SCHED_BY_NEXT] = "SELECT " BOOK_SCHED_COLS ", c.topic"
                         " FROM schedules s JOIN clips c ON c.id = s.clip_id"
                         " WHERE s.next_due IS NOT NULL"
                         " AND s.removed IS NULL AND s.next_due < ?1"
                         " ORDER BY s.next_due, s.id",
    [ST_AIR_INSERT] =
        "INSERT INTO airings (clip_id, schedule_id, scheduled, status,"
        " reason, priority, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_AIR_STARTED] = "UPDATE airings SET started = ?2"
                       " WHERE id = ?1 AND status = 'playing'",
    [ST_AIR_FINISH] = "UPDATE airings SET status = ?2, ended = ?3,"
                      " frames = ?4, reason = ?5"
                      " WHERE id = ?1 AND status = 'playing'"
                      " AND (?2 != 'missed' OR started IS NULL)",
    [ST_AIR_RECOVER] = "UPDATE airings SET status = 'interrupted',"
                       " reason = 'daemon stopped' WHERE status = 'playing'",
    [ST_AIR_PLAYING] = "SELECT id FROM airings WHERE status = 'playing'"
                       " ORDER BY id",
    [ST_AIR_EACH] = "SELECT a.id, a.clip_id, c.title, c.topic, a.schedule_id,"
                    " a.scheduled, a.started, a.ended, a.frames, a.status,"
                    " a.reason, a.priority, a.by FROM airings a"
                    " JOIN clips c ON c.id = a.clip_id"
                    " WHERE a.scheduled >= ?1 AND a.scheduled < ?2"
                    " ORDER BY a.scheduled, a.id",
    [ST_AIR_EACH_CLIP] =
        "SELECT a.id, a.clip_id, c.title, c.topic, a.schedule_id,"
        " a.scheduled, a.started, a.ended, a.frames, a.status,"
        " a.reason, a.priority, a.by FROM airings a"
        " JOIN clips c ON c.id = a.clip_id"
        " WHERE a.clip_id = ?3 AND a.scheduled >= ?1 AND a.scheduled < ?2"
        " ORDER BY a.scheduled, a.id",
};

int
book_fail(struct book *b, struct lx_err *err)
{
	return lx_err_set(
	    err, LX_E_IO, _("database: %s"), sqlite3_errmsg(b->db));
}

sqlite3_stmt *
book_stmt(struct book *b, enum book_stmt which, struct lx_err *err)
{
	sqlite3_stmt *st = b->st[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(b->db, book_sql[which], -1,
		        SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			book_fail(b, err);
			return NULL;
		}
		b->st[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Run a statement that returns no rows; 0 or -1 with err. */
static int
book_exec(struct book *b, const char *sql, struct lx_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		lx_err_set(err, LX_E_IO, _("database: %s"),
		    msg ? msg : sqlite3_errmsg(b->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
book_begin(struct book *b, struct lx_err *err)
{
	return book_exec(b, "BEGIN IMMEDIATE", err);
}

int
book_commit(struct book *b, struct lx_err *err)
{
	if (book_exec(b, "COMMIT", err) == -1) {
		book_rollback(b);
		return -1;
	}
	return 0;
}

void
book_rollback(struct book *b)
{
	if (!sqlite3_get_autocommit(b->db))
		sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
}

void
book_col_text(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	lx_strlcpy(dst, t ? (const char *)t : "", n);
}

int64_t
book_col_int(sqlite3_stmt *st, int i, int64_t def)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return def;
	return sqlite3_column_int64(st, i);
}

void
book_row_clip(sqlite3_stmt *st, struct clip *c)
{
	c->id = sqlite3_column_int64(st, 0);
	book_col_text(st, 1, c->sha256, sizeof c->sha256);
	book_col_text(st, 2, c->title, sizeof c->title);
	book_col_text(st, 3, c->topic, sizeof c->topic);
	book_col_text(st, 4, c->source, sizeof c->source);
	book_col_text(st, 5, c->format, sizeof c->format);
	c->rate = sqlite3_column_int(st, 6);
	c->channels = sqlite3_column_int(st, 7);
	c->frames = sqlite3_column_int64(st, 8);
	c->bytes = sqlite3_column_int64(st, 9);
	c->added = sqlite3_column_int64(st, 10);
	book_col_text(st, 11, c->added_by, sizeof c->added_by);
}

void
book_row_schedule(sqlite3_stmt *st, struct schedule *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->clip_id = sqlite3_column_int64(st, 1);
	book_col_text(st, 2, s->title, sizeof s->title);
	book_col_text(st, 3, s->dtstart, sizeof s->dtstart);
	book_col_text(st, 4, s->rrule, sizeof s->rrule);
	s->priority = sqlite3_column_int(st, 5);
	s->created = sqlite3_column_int64(st, 6);
	book_col_text(st, 7, s->added_by, sizeof s->added_by);
	s->next_due = book_col_int(st, 8, -1);
}

#define BOOK_BUSY_MS 5000 /* how long a statement waits out a lock */

/* Connection settings: WAL, full sync (a finished row survives a power
 * cut), foreign keys, a wait for a concurrent reader's lock.  A read-only
 * open only checks the schema: 0 current, 1 older (a private copy can be
 * migrated), -1 with err. */
static int
book_configure(struct book *b, struct lx_err *err)
{
	sqlite3_busy_timeout(b->db, BOOK_BUSY_MS);
	if (book_exec(b, "PRAGMA foreign_keys = ON", err) == -1)
		return -1;
	if (b->readonly)
		return schema_check(b->db, err);
	/* Checkpoint after every commit: writes are rare, and the main file
	 * then holds the whole record, so a copy of loaxa.db alone is
	 * complete. */
	if (book_exec(b, "PRAGMA journal_mode = WAL", err) == -1 ||
	    book_exec(b, "PRAGMA synchronous = FULL", err) == -1 ||
	    book_exec(b, "PRAGMA wal_autocheckpoint = 1", err) == -1)
		return -1;
	return schema_migrate(b->db, err);
}

/* Append path to uri (at *o, n bytes) with URI escapes; -1 if too long. */
static int
book_uri_path(const char *path, char *uri, size_t *o, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*o + 4 >= n)
			return -1;
		if (*p == '%' || *p == '?' || *p == '#') {
			uri[(*o)++] = '%';
			uri[(*o)++] = hex[*p >> 4];
			uri[(*o)++] = hex[*p & 15];
		} else {
			uri[(*o)++] = (char)*p;
		}
	}
	uri[*o] = '\0';
	return 0;
}

/* 1 if path+suffix exists (with at least min bytes). */
static int
book_beside(const char *path, const char *suffix, off_t min)
{
	char name[LX_MAX_PATH + 8];
	struct stat st;

	snprintf(name, sizeof name, "%s%s", path, suffix);
	return stat(name, &st) == 0 && st.st_size >= min;
}

/*
 * The URI that opens path read-only without writing beside it.  With a
 * -shm file (a live daemon's, or a copy taken with all three files)
 * SQLite reads the -wal through it: mode=ro.  With neither -shm nor a
 * non-empty -wal the file is complete: immutable=1 opens it even in a
 * folder we cannot write.  A -wal without its -shm needs a private copy
 * (returns 1).
 */
static int
book_ro_uri(const char *path, char *uri, size_t n)
{
	size_t o = 5;
	int shm = book_beside(path, "-shm", 0);

	if (!shm && book_beside(path, "-wal", 1))
		return 1;
	memcpy(uri, "file:", 5);
	if (book_uri_path(path, uri, &o, n) == -1)
		return -1;
	return lx_strlcpy(uri + o, shm ? "?mode=ro" : "?immutable=1", n - o);
}

/* Copy the file from to the new file to; 0, or -1 with err. */
static int
book_copy_file(const char *from, const char *to, struct lx_err *err)
{
	char chunk[65536];
	ssize_t n = 0;
	int in, out, rc = 0;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1)
		return lx_err_set(
		    err, LX_E_IO, "%.200s: %s", from, strerror(errno));
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	    -1) {
		close(in);
		return lx_err_set(
		    err, LX_E_IO, "%.200s: %s", to, strerror(errno));
	}
	while (rc == 0 && (n = read(in, chunk, sizeof chunk)) > 0)
		if (write(out, chunk, (size_t)n) != n)
			rc = lx_err_set(err, LX_E_IO, "%.200s: %s", to,
			    strerror(errno ? errno : ENOSPC));
	if (rc == 0 && n == -1)
		rc = lx_err_set(
		    err, LX_E_IO, "%.200s: %s", from, strerror(errno));
	close(in);
	if (close(out) == -1 && rc == 0)
		rc =
		    lx_err_set(err, LX_E_IO, "%.200s: %s", to, strerror(errno));
	return rc;
}

/* Remove the private copy's folder and what SQLite made in it. */
static void
book_drop_copy(struct book *b)
{
	static const char *const names[] = {"", "-wal", "-shm", "-journal"};
	char name[sizeof b->copy + 32];

	if (b->copy[0] == '\0')
		return;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(name, sizeof name, "%s/loaxa.db%s", b->copy, names[i]);
		unlink(name);
	}
	rmdir(b->copy);
	b->copy[0] = '\0';
}

/*
 * Copy path and its -wal into a private temp folder (b->copy) and return
 * the copy's path in db (n bytes): SQLite then reads the -wal with a -shm
 * of its own, and may migrate an older schema, never touching the
 * original.  0, or -1 with err.
 */
static int
book_make_copy(
    struct book *b, const char *path, char *db, size_t n, struct lx_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char from[LX_MAX_PATH + 8], to[LX_MAX_PATH + 8];

	snprintf(b->copy, sizeof b->copy, "%s/loaxa-db.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(b->copy) == NULL) {
		lx_err_set(
		    err, LX_E_IO, "%.200s: %s", b->copy, strerror(errno));
		b->copy[0] = '\0';
		return -1;
	}
	snprintf(db, n, "%s/loaxa.db", b->copy);
	if (book_copy_file(path, db, err) == -1)
		return -1;
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", db);
	if (book_beside(path, "-wal", 1) && book_copy_file(from, to, err) == -1)
		return -1;
	return 0;
}

/* Open name (a path, or a URI with SQLITE_OPEN_URI in oflags) into b
 * and configure it: as book_configure, or -1 with err. */
static int
book_connect(struct book *b, const char *name, int oflags, struct lx_err *err)
{
	if (sqlite3_open_v2(name, &b->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		return lx_err_set(err, LX_E_IO, "%s",
		    b->db ? sqlite3_errmsg(b->db) : "cannot open");
	return book_configure(b, err);
}

/* Open path read-only in place, else through a private copy. */
static int
book_open_ro(struct book *b, const char *path, struct lx_err *err)
{
	char uri[LX_MAX_PATH + 64];
	int rc = book_ro_uri(path, uri, sizeof uri);

	if (rc == -1)
		return lx_err_set(err, LX_E_ARG, "path too long");
	if (rc == 0) {
		rc = book_connect(
		    b, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
		/* A -wal we cannot read in place, or an older schema: a
		 * private copy can do both. */
		if (rc == 0 ||
		    (rc == -1 &&
		        (sqlite3_errcode(b->db) & 0xff) != SQLITE_CANTOPEN))
			return rc;
		sqlite3_close(b->db);
		b->db = NULL;
	}
	if (book_make_copy(b, path, uri, sizeof uri, err) == -1)
		return -1;
	b->readonly = 0; /* the copy is ours: it may be migrated */
	rc = book_connect(b, uri, SQLITE_OPEN_READWRITE, err);
	b->readonly = 1;
	return rc;
}

struct book *
book_open(const char *path, int flags, struct lx_err *err)
{
	struct book *b = calloc(1, sizeof *b);
	struct lx_err inner;
	int rc;

	if (b == NULL) {
		lx_err_set(err, LX_E_IO, _("out of memory"));
		return NULL;
	}
	b->readonly = (flags & BOOK_READONLY) != 0;
	if (b->readonly)
		rc = book_open_ro(b, path, &inner);
	else
		rc = book_connect(b, path,
		    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &inner);
	if (rc != 0) {
		lx_err_set(err, inner.code, "%.100s: %s", path, inner.msg);
		book_close(b);
		return NULL;
	}
	return b;
}

void
book_close(struct book *b)
{
	if (b == NULL)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(b->st[i]);
	sqlite3_close(b->db);
	book_drop_copy(b);
	free(b);
}

/* The WAL hook: SQLite's own checkpoint after each commit, then the
 * owner's callback. */
static int
book_wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct book *b = arg;

	(void)pages;
	sqlite3_wal_checkpoint_v2(
	    db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	b->on_commit(b->on_commit_ctx);
	return SQLITE_OK;
}

void
book_on_commit(struct book *b, void (*fn)(void *), void *ctx)
{
	b->on_commit = fn;
	b->on_commit_ctx = ctx;
	if (fn != NULL)
		sqlite3_wal_hook(b->db, book_wal_hook, b);
	else
		sqlite3_wal_autocheckpoint(b->db, 1);
}

int
book_checkpoint(struct book *b, struct lx_err *err)
{
	int rc;

	sqlite3_busy_timeout(b->db, 0);
	rc = sqlite3_wal_checkpoint_v2(
	    b->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(b->db, BOOK_BUSY_MS);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return 1;
	return rc == SQLITE_OK ? 0 : book_fail(b, err);
}

int64_t
book_changes(struct book *b)
{
	return sqlite3_total_changes64(b->db);
}

int
book_meta_text(
    struct book *b, const char *key, char *v, size_t n, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_META_GET, err);
	int rc;

	v[0] = '\0';
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		book_col_text(st, 0, v, n);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return rc == SQLITE_ROW;
}

int
book_meta_set_text(
    struct book *b, const char *key, const char *v, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_META_SET, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : book_fail(b, err);
}

int64_t
book_meta_int(struct book *b, const char *key, int64_t def)
{
	sqlite3_stmt *st = book_stmt(b, ST_META_GET, NULL);
	int64_t v = def;

	if (st == NULL)
		return def;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int
book_meta_set_int(
    struct book *b, const char *key, int64_t v, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_META_SET, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : book_fail(b, err);
}

/*
 * Who, a user's name (or their uid where they have none), as written in
 * added_by and by; "" as NULL.  Rows from before names hold the uid.
 */
void
book_bind_user(sqlite3_stmt *st, int i, const char *who)
{
	if (*who == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, who, -1, SQLITE_STATIC);
}

int
book_clip_check_new(struct book *b, const char *sha256, struct lx_err *err)
{
	struct clip dup;
	int rc = book_clip_by_sha(b, sha256, &dup, err);

	if (rc == 1)
		return lx_err_set(err, LX_E_EXIST,
		    _("file duplicates clip %lld (%s)"), (long long)dup.id,
		    dup.title);
	return rc;
}

int
book_clip_add(struct book *b, struct clip *c, struct lx_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (book_clip_check_new(b, c->sha256, err) == -1 ||
	    (st = book_stmt(b, ST_CLIP_INSERT, err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, c->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->topic, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->format, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, c->rate);
	sqlite3_bind_int(st, 7, c->channels);
	sqlite3_bind_int64(st, 8, c->frames);
	sqlite3_bind_int64(st, 9, c->bytes);
	sqlite3_bind_int64(st, 10, c->added);
	book_bind_user(st, 11, c->added_by);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	c->id = sqlite3_last_insert_rowid(b->db);
	return 0;
}

/* One clip row by statement and a bound id or sha: 1, 0 none, -1. */
static int
book_clip_one(
    struct book *b, sqlite3_stmt *st, struct clip *c, struct lx_err *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		book_row_clip(st, c);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return rc == SQLITE_ROW;
}

int
book_clip_get(struct book *b, int64_t id, struct clip *c, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_CLIP_GET, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = book_clip_one(b, st, c, err)) == -1)
		return -1;
	if (rc == 0)
		return lx_err_set(err, LX_E_NOENT, _("clip %lld: no such clip"),
		    (long long)id);
	return 0;
}

int
book_clip_by_sha(
    struct book *b, const char *sha256, struct clip *c, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_CLIP_BY_SHA, err);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	return book_clip_one(b, st, c, err);
}

/* The live schedules that use clip id, "1, 3, 5" (at most
 * BOOK_MAX_BLOCKERS, then "…"), into ids; how many, or -1. */
static int
book_clip_users(
    struct book *b, int64_t id, char *ids, size_t n, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_CLIP_USED, err);
	size_t len = 0;
	int rc, count = 0;

	if (st == NULL)
		return -1;
	ids[0] = '\0';
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count++ == BOOK_MAX_BLOCKERS)
			len += (size_t)snprintf(ids + len, n - len, ", …");
		else if (count <= BOOK_MAX_BLOCKERS)
			len += (size_t)snprintf(ids + len, n - len, "%s%lld",
			    count > 1 ? ", " : "",
			    (long long)sqlite3_column_int64(st, 0));
		if (len >= n)
			len = n - 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	return count;
}

int
book_clip_remove(struct book *b, int64_t id, int64_t now, struct lx_err *err)
{
	struct clip c;
	sqlite3_stmt *st;
	char ids[160];
	int rc, n;

	if (book_clip_get(b, id, &c, err) == -1 ||
	    (n = book_clip_users(b, id, ids, sizeof ids, err)) == -1)
		return -1;
	if (n > 0)
		return lx_err_set(err, LX_E_BUSY,
		    ngettext(
		        "clip %lld is used by schedule %s; remove it first",
		        "clip %lld is used by schedules %s; remove them first",
		        (unsigned long)n),
		    (long long)id, ids);
	if ((st = book_stmt(b, ST_CLIP_REMOVE, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : book_fail(b, err);
}

int
book_clip_each(struct book *b, int (*fn)(void *, const struct clip *),
    void *ctx, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_CLIP_EACH, err);
	struct clip c;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		book_row_clip(st, &c);
		if (fn(ctx, &c) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return 0;
}

int
book_schedule_next_after(
    const struct schedule *s, int64_t after, int64_t *out, struct lx_err *err)
{
	struct recur *r = recur_new(s->dtstart, s->rrule, err);
	int rc;

	if (r == NULL)
		return -1;
	rc = recur_next(r, after, out);
	recur_free(r);
	return rc;
}

int
book_schedule_first(const char *dtstart, const char *rrule, int64_t now,
    int64_t *first, struct lx_err *err)
{
	struct recur *r = recur_new(dtstart, rrule, err);
	int found;

	if (r == NULL)
		return -1;
	found = recur_next(r, now, first);
	recur_free(r);
	if (!found)
		return lx_err_set(err, LX_E_ARG,
		    _("the schedule never airs after now (start %s)"), dtstart);
	return 0;
}

int
book_schedule_add(
    struct book *b, struct schedule *s, int64_t now, struct lx_err *err)
{
	struct clip c;
	sqlite3_stmt *st;
	int rc;

	if (book_clip_get(b, s->clip_id, &c, err) == -1)
		return -1;
	if (book_schedule_first(s->dtstart, s->rrule, now, &s->next_due, err) ==
	    -1)
		return -1;
	if ((st = book_stmt(b, ST_SCHED_INSERT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->clip_id);
	sqlite3_bind_text(st, 2, s->dtstart, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->rrule, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, s->priority);
	sqlite3_bind_int64(st, 5, now);
	book_bind_user(st, 6, s->added_by);
	sqlite3_bind_int64(st, 7, s->next_due);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	s->id = sqlite3_last_insert_rowid(b->db);
	s->created = now;
	lx_strlcpy(s->title, c.title, sizeof s->title);
	return 0;
}

int
book_schedule_remove(
    struct book *b, int64_t id, int64_t now, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_REMOVE, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return book_fail(b, err);
	if (sqlite3_changes(b->db) == 0)
		return lx_err_set(err, LX_E_NOENT,
		    _("schedule %lld: no such schedule"), (long long)id);
	return 0;
}

/* One schedule row from a prepared statement: 1, 0 none, -1. */
static int
book_schedule_one(
    struct book *b, sqlite3_stmt *st, struct schedule *s, struct lx_err *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		book_row_schedule(st, s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return rc == SQLITE_ROW;
}

int
book_schedule_get(
    struct book *b, int64_t id, struct schedule *s, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_GET, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = book_schedule_one(b, st, s, err)) == -1)
		return -1;
	if (rc == 0)
		return lx_err_set(err, LX_E_NOENT,
		    _("schedule %lld: no such schedule"), (long long)id);
	return 0;
}

int
book_schedule_each(struct book *b, int (*fn)(void *, const struct schedule *),
    void *ctx, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_EACH, err);
	struct schedule s;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		book_row_schedule(st, &s);
		if (fn(ctx, &s) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return book_fail(b, err);
	return 0;
}

int
book_schedule_due(struct book *b, struct schedule *s, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_DUE, err);

	if (st == NULL)
		return -1;
	return book_schedule_one(b, st, s, err);
}

int64_t
book_schedule_count_due(struct book *b, int64_t t, struct lx_err *err)
{
	sqlite3_stmt *st = book_stmt(b, ST_SCHED_COUNT_DUE, err);
	int64_t n = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		book_fail(b, err);
	sqlite3_reset(st);
	return n;
}
