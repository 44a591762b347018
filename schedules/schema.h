/*
 * The book's schema: one list of migrations, applied forward by
 * PRAGMA user_version.  The only place table definitions live.
 */
#ifndef SCHEMA_H
#define SCHEMA_H

#include <sqlite3.h>

#include "../proto/lx.h"

/*
 * Bring db up to this build's schema version, each step in its own transaction.
 * A database newer than this build is refused (LX_E_IO).  0 or -1 with err.
 */
int schema_migrate(sqlite3 *db, struct lx_err *err);

/* For read-only opens: 0 if db is at this build's version, 1 if it is
 * older (a copy of it can be migrated), else -1 with err. */
int schema_check(sqlite3 *db, struct lx_err *err);

#endif
