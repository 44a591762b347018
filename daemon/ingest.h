/*
 * Imports off the event loop: one worker thread checks, copies, hashes,
 * fsyncs and renames a clip into the library (library_import and
 * library_commit) while the loop goes on; the result comes back to the
 * loop (an ev_async), where the book is written.  One import at a time.
 */
#ifndef INGEST_H
#define INGEST_H

#include <ev.h>
#include <locale.h>

#include "library.h"

struct ingest;
struct ingest_job;

/* Called on the loop when a job is done; it owns the job (ingest_job_free). */
typedef void ingest_done(struct ingest_job *job);

struct ingest_job {
	int fd; /* the passed file; closed by ingest_job_free */
	locale_t loc; /* messages in the client's language, or 0 */
	ingest_done *done;
	void *ctx; /* the caller's */
	struct import im; /* the result: sha256, format, frames... */
	int existed; /* the library already held a file of this sha256 */
	int rc; /* 0, or -1 with err */
	struct lx_err err;
};

/* Start the worker thread for lib on loop.  NULL with err. */
struct ingest *ingest_new(
    struct ev_loop *loop, struct library *lib, struct lx_err *err);

/*
 * Hand job to the worker.  0, or -1 with err LX_E_BUSY when an import is
 * already running (job stays the caller's).
 */
int ingest_start(
    struct ingest *ing, struct ingest_job *job, struct lx_err *err);

/* Close the job's descriptor and free it; NULL is fine. */
void ingest_job_free(struct ingest_job *job);

/*
 * Wait for the import running, if any (its result is dropped: nothing is
 * recorded, its temp copy removed), stop the worker and free; NULL is fine.
 */
void ingest_free(struct ingest *ing);

#endif
