/*
 * Unit tests for the airing log's hash chain: rows are chained as they
 * finish (done, failed, missed, recovered), an untouched log verifies, and
 * each way of changing the file behind the daemon's back (edit, delete,
 * insert, a changed clip) is caught and named; a version 1 log is chained
 * by the migration.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../schedules/book.h"
#include "../../schedules/when.h"
#include "check.h"
#include "fixture.h"

static char dir[] = "/tmp/test_chain.XXXXXX";
static char dbpath[128];

/* A manual airing of clip at t, finished as st. */
static int64_t
air(struct book *b, int64_t clip, int64_t t, enum airing_status st,
    const char *reason)
{
	struct airing_due d = {clip, 0, t, 0, "root"};
	struct lx_err err;
	int64_t id = book_airing_begin(b, &d, &err);

	CHECK(id > 0);
	CHECK(book_airing_started(b, id, t + 1500, &err) == 0);
	CHECK(book_airing_finish(
	          b, id, st, t + 60 * WHEN_SEC, 8000, reason, &err) == 0);
	return id;
}

/* Run sql on the closed database file, as the sqlite3 shell would. */
static void
shell(const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("shell: %s: %s\n", sql, msg);
		failed = 1;
	}
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* Verify a read-only open of the file. */
static struct chain_verdict
verify(void)
{
	struct chain_verdict v = {0};
	struct lx_err err;
	struct book *b = book_open(dbpath, BOOK_READONLY, &err);

	if (b == NULL) {
		printf("open: %s\n", err.msg);
		exit(1);
	}
	CHECK(book_log_verify(b, &v, &err) == 0);
	book_close(b);
	return v;
}

static void
copy(const char *from, const char *to)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	CHECK(system(cmd) == 0);
}

/* Restore the good file, change it with sql, verify: the problem and the
 * airing it names. */
static void
tamper(
    const char *good, const char *sql, enum chain_problem want, int64_t airing)
{
	struct chain_verdict v;

	copy(good, dbpath);
	shell(sql);
	v = verify();
	if (v.problem != want || v.airing != airing) {
		printf("after %s: %s airing %lld (%s), want %s airing %lld\n",
		    sql, book_chain_problem_name(v.problem),
		    (long long)v.airing, v.why, book_chain_problem_name(want),
		    (long long)airing);
		failed = 1;
	}
}

int
main(void)
{
	struct chain_verdict v;
	struct lx_err err;
	struct book *b;
	char good[160], head[65], rhead[65];
	int64_t t = 1772323200 * WHEN_SEC, rows; /* 2026-03-01 */
	int64_t c1, c2, id[6], playing;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(dbpath, sizeof dbpath, "%s/loaxa.db", dir);
	snprintf(good, sizeof good, "%s/good.db", dir);
	b = book_open(dbpath, 0, &err);
	if (b == NULL) {
		printf("open: %s\n", err.msg);
		return 1;
	}
	c1 = add_clip(b, "aa", "cchc");
	c2 = add_clip(b, "bb", "weather");
	id[0] = air(b, c1, t, AIRING_DONE, "");
	id[1] = air(b, c2, t + 3600 * WHEN_SEC, AIRING_DONE, "");
	id[2] = air(b, c1, t + 7200 * WHEN_SEC, AIRING_FAILED, "device:\nx\\y");
	id[3] = book_airing_missed(b,
	    &(struct airing_due){c1, 0, t + 9000 * WHEN_SEC, 0, ""}, "busy",
	    &err);
	CHECK(id[3] > 0);
	/* A row left playing is not in the chain until it is recovered. */
	playing = book_airing_begin(
	    b, &(struct airing_due){c1, 0, t + 9900 * WHEN_SEC, 0, ""}, &err);
	CHECK(book_log_verify(b, &v, &err) == 0);
	CHECK(v.problem == CHAIN_OK);
	CHECK_EQ(v.rows, 4);
	CHECK(book_log_head(b, &rows, head, &err) == 0);
	CHECK_EQ(rows, 4);
	CHECK_STR(head, v.head);
	CHECK_EQ(book_airing_recover(b, &err), 1);
	id[4] = playing;
	id[5] = air(b, c1, t + 10800 * WHEN_SEC, AIRING_DONE, "");
	CHECK(book_log_verify(b, &v, &err) == 0);
	CHECK(v.problem == CHAIN_OK && v.rows == 6 && v.adopted == 0);
	CHECK(book_log_head(b, &rows, rhead, &err) == 0);
	CHECK(strcmp(rhead, head) != 0);
	CHECK_STR(rhead, v.head);
	book_close(b);
	copy(dbpath, good);

	/* Untouched: ok.  Then each change is caught, naming the row. */
	v = verify();
	CHECK(v.problem == CHAIN_OK && v.rows == 6);
	tamper(good,
	    "UPDATE airings SET status = 'done' WHERE status = 'failed'",
	    CHAIN_EDITED, id[2]);
	tamper(good, "UPDATE airings SET frames = frames + 1 WHERE seq = 6",
	    CHAIN_EDITED, id[5]);
	tamper(good, "UPDATE clips SET topic = 'cchc' WHERE topic = 'weather'",
	    CHAIN_EDITED, id[1]);
	tamper(good, "UPDATE airings SET status = 'playing' WHERE seq = 3",
	    CHAIN_EDITED, id[2]);
	tamper(good, "DELETE FROM clips WHERE topic = 'weather'", CHAIN_EDITED,
	    id[1]);
	tamper(good, "DELETE FROM airings WHERE seq = 2", CHAIN_MISSING, id[2]);
	tamper(good, "DELETE FROM airings WHERE seq IN (2, 3)", CHAIN_MISSING,
	    id[3]);
	tamper(good, "DELETE FROM airings WHERE seq = 6", CHAIN_MISSING, 0);
	tamper(good,
	    "INSERT INTO airings (clip_id, scheduled, started, ended, frames,"
	    " status) VALUES (1, 1772400000000000, 1772400000000000,"
	    " 1772400060000000, 8000, 'done')",
	    CHAIN_INSERTED, 7);
	tamper(good,
	    "INSERT INTO airings (clip_id, scheduled, status, seq, hash)"
	    " VALUES (1, 1772400000000000, 'done', 7, 'ab')",
	    CHAIN_INSERTED, 7);
	/* A row given another row's hash. */
	tamper(good,
	    "UPDATE airings SET hash = (SELECT hash FROM airings WHERE seq = 2)"
	    " WHERE seq = 1",
	    CHAIN_EDITED, id[0]);

	/* A version 1 log: the migration chains its finished rows in id
	 * order, a batch at a time, and says how many it adopted; a row left
	 * playing waits. */
	copy(good, dbpath);
	shell(
	    "UPDATE airings SET status = 'playing', ended = NULL WHERE id = 6;"
	    /* More rows than the migration chains at a time. */
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < 1200) INSERT INTO airings (clip_id, scheduled,"
	    " status, reason) SELECT 1, 1772500000000000 + i, 'missed',"
	    " 'busy' FROM n;"
	    "DROP INDEX airings_chain; DROP INDEX airings_unchained;"
	    "DROP INDEX airings_done;"
	    "ALTER TABLE airings DROP COLUMN seq;"
	    "ALTER TABLE airings DROP COLUMN hash;"
	    "DELETE FROM meta WHERE key LIKE 'log_%';"
	    "PRAGMA user_version = 1;");
	b = book_open(dbpath, 0, &err);
	CHECK(b != NULL);
	if (b != NULL) {
		CHECK(book_log_verify(b, &v, &err) == 0);
		if (v.problem != CHAIN_OK || v.rows != 1205 ||
		    v.adopted != 1205)
			printf(
			    "after the migration: %s, %lld rows, %lld adopted, "
			    "airing %lld: %s\n",
			    book_chain_problem_name(v.problem),
			    (long long)v.rows, (long long)v.adopted,
			    (long long)v.airing, v.why);
		CHECK(v.problem == CHAIN_OK && v.rows == 1205 &&
		    v.adopted == 1205);
		CHECK_EQ(book_airing_recover(b, &err), 1);
		CHECK(book_log_verify(b, &v, &err) == 0);
		CHECK(v.problem == CHAIN_OK && v.rows == 1206 &&
		    v.adopted == 1205);
		book_close(b);
	}

	unlink(good);
	unlink(dbpath);
	snprintf(good, sizeof good, "%s-wal", dbpath);
	unlink(good);
	snprintf(good, sizeof good, "%s-shm", dbpath);
	unlink(good);
	rmdir(dir);
	if (!failed)
		printf("unit_chain: ok\n");
	return failed;
}
