/*
 * The book's schema and its migrations.  Step N takes user_version N-1 to
 * N and ends by setting it (no SQL is built at run time); steps are never
 * edited once released, only appended.
 */
#include "../proto/i18n.h"
#include "chain.h"
#include "schema.h"

/* A step: its SQL, then (may be NULL) what SQL alone cannot do, in the
 * same transaction. */
struct schema_step {
	const char *sql;
	int (*then)(sqlite3 *, struct lx_err *);
};

static const struct schema_step schema_steps[] = {
    /* 1: clips, schedules, airings, meta. */
    {"CREATE TABLE meta ("
     "  key TEXT PRIMARY KEY,"
     "  value TEXT NOT NULL"
     ");"
     "CREATE TABLE clips ("
     "  id INTEGER PRIMARY KEY,"
     "  sha256 TEXT NOT NULL,"
     "  title TEXT NOT NULL,"
     "  topic TEXT NOT NULL,"
     "  source TEXT NOT NULL DEFAULT '',"
     "  format TEXT NOT NULL,"
     "  rate INTEGER NOT NULL,"
     "  channels INTEGER NOT NULL,"
     "  frames INTEGER NOT NULL,"
     "  bytes INTEGER NOT NULL,"
     "  added INTEGER NOT NULL,"
     "  added_by INTEGER,"
     "  loudness REAL," /* EBU R128, LUFS: measured later */
     "  removed INTEGER"
     ");"
     "CREATE UNIQUE INDEX clips_sha256 ON clips(sha256)"
     "  WHERE removed IS NULL;"
     "CREATE TABLE schedules ("
     "  id INTEGER PRIMARY KEY,"
     "  clip_id INTEGER NOT NULL REFERENCES clips(id),"
     "  dtstart TEXT NOT NULL,"
     "  rrule TEXT NOT NULL DEFAULT '',"
     "  priority INTEGER NOT NULL DEFAULT 0,"
     "  created INTEGER NOT NULL,"
     "  added_by INTEGER,"
     "  next_due INTEGER,"
     "  removed INTEGER"
     ");"
     "CREATE INDEX schedules_next_due ON schedules(next_due)"
     "  WHERE next_due IS NOT NULL;"
     "CREATE TABLE airings ("
     "  id INTEGER PRIMARY KEY,"
     "  clip_id INTEGER NOT NULL REFERENCES clips(id),"
     "  schedule_id INTEGER REFERENCES schedules(id),"
     "  scheduled INTEGER NOT NULL,"
     "  started INTEGER,"
     "  ended INTEGER,"
     "  frames INTEGER NOT NULL DEFAULT 0,"
     "  status TEXT NOT NULL CHECK (status IN"
     "    ('playing', 'done', 'interrupted', 'failed', 'missed')),"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  priority INTEGER NOT NULL DEFAULT 0,"
     "  by INTEGER"
     ");"
     "CREATE UNIQUE INDEX airings_occurrence"
     "  ON airings(schedule_id, scheduled) WHERE schedule_id IS NOT NULL;"
     "CREATE INDEX airings_scheduled ON airings(scheduled);"
     "CREATE INDEX airings_clip ON airings(clip_id, scheduled);"
     "CREATE INDEX airings_playing ON airings(status)"
     "  WHERE status = 'playing';"
     "PRAGMA user_version = 1;",
        NULL},
    /* 2: the log's hash chain (docs/log-integrity.md); rows finished
     * before it are chained now, in id order. */
    {"ALTER TABLE airings ADD COLUMN seq INTEGER;"
     "ALTER TABLE airings ADD COLUMN hash TEXT;"
     "CREATE UNIQUE INDEX airings_chain ON airings(seq)"
     "  WHERE seq IS NOT NULL;"
     "CREATE INDEX airings_unchained ON airings(id) WHERE seq IS NULL;"
     "PRAGMA user_version = 2;",
        chain_adopt},
    /* 3: what a report reads of a done airing, in one index, so a
     * month's or a year's report reads no table row (docs/reports.md);
     * status too, or SQLite would read the row to test it. */
    {"CREATE INDEX airings_done"
     "  ON airings(scheduled, clip_id, started, frames, status)"
     "  WHERE status = 'done';"
     "PRAGMA user_version = 3;",
        NULL},
};

#define SCHEMA_NSTEPS ((int)(sizeof schema_steps / sizeof schema_steps[0]))

/* The database's user_version, or -1 with err. */
static int
schema_read_version(sqlite3 *db, struct lx_err *err)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return lx_err_set(
		    err, LX_E_IO, _("database: %s"), sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v < 0)
		return lx_err_set(
		    err, LX_E_IO, _("database: %s"), sqlite3_errmsg(db));
	return v;
}

/* Run step `to`, which sets user_version, in one transaction. */
static int
schema_step(sqlite3 *db, int to, struct lx_err *err)
{
	const struct schema_step *step = &schema_steps[to - 1];
	struct lx_err then = {0, "user_version not set"};
	char *msg = NULL;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE;", NULL, NULL, &msg) !=
	        SQLITE_OK ||
	    sqlite3_exec(db, step->sql, NULL, NULL, &msg) != SQLITE_OK ||
	    (step->then != NULL && step->then(db, &then) == -1) ||
	    schema_read_version(db, err) != to ||
	    sqlite3_exec(db, "COMMIT;", NULL, NULL, &msg) != SQLITE_OK) {
		lx_err_set(err, LX_E_IO,
		    _("database: migration to version %d: %s"), to,
		    msg ? msg : then.msg);
		sqlite3_free(msg);
		sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int
schema_migrate(sqlite3 *db, struct lx_err *err)
{
	int v = schema_read_version(db, err);

	if (v < 0)
		return -1;
	if (v > SCHEMA_NSTEPS)
		return lx_err_set(err, LX_E_IO,
		    _("database: schema version %d is newer than this loaxa (%d)"),
		    v, SCHEMA_NSTEPS);
	for (; v < SCHEMA_NSTEPS; v++)
		if (schema_step(db, v + 1, err) == -1)
			return -1;
	return 0;
}

int
schema_check(sqlite3 *db, struct lx_err *err)
{
	int v = schema_read_version(db, err);

	if (v < 0)
		return -1;
	if (v == 0)
		return lx_err_set(err, LX_E_IO, _("not a loaxa database"));
	if (v > SCHEMA_NSTEPS)
		return lx_err_set(err, LX_E_IO,
		    _("database: schema version %d is newer than this loaxa (%d)"),
		    v, SCHEMA_NSTEPS);
	return v < SCHEMA_NSTEPS;
}
