/*
 * The clip library: a directory the daemon owns, each clip a file named
 * by its sha256.  Imports copy from a descriptor the client passed (never a
 * path it named) to a temp name, fsync, decode-check, then rename.
 */
#ifndef LIBRARY_H
#define LIBRARY_H

#include "../proto/lx.h"
#include "../schedules/book.h"

struct library;

/* One import in progress: the temp copy and what was learned of it. */
struct import {
	char tmp[LX_MAX_PATH];
	struct clip clip; /* sha256, format, rate, channels, frames, bytes */
};

/*
 * Open (creating, mode 0750) the library directory, removing (and
 * logging) the temp copies an interrupted import left there.  Imports
 * are refused over max_clip bytes, or when they would leave less than
 * min_free bytes free.  NULL with err.
 */
struct library *library_open(
    const char *dir, int64_t max_clip, int64_t min_free, struct lx_err *err);
/* Close; NULL is fine. */
void library_close(struct library *lib);

/*
 * Check that fd is a regular file within the size limit and the space
 * left, and that it decodes to its end; then copy it to a temp file in
 * the library while hashing it, and fsync.  Fills im.  On error nothing
 * is left behind: -1 with err (LX_E_ARG not a regular file, LX_E_AUDIO
 * not audio or empty, LX_E_LIMIT over max_clip, LX_E_IO no space, a
 * write failed, or the file changed meanwhile).
 */
int library_import(
    struct library *lib, int fd, struct import *im, struct lx_err *err);
/*
 * Rename the temp copy to its sha256 name and fsync the directory.  When
 * a file of that name is there already (the same bytes), the temp copy
 * goes instead and *existed is 1.  On error the temp copy is removed:
 * -1 with err LX_E_IO.
 */
int library_commit(
    struct library *lib, struct import *im, int *existed, struct lx_err *err);
/* Remove the temp copy of an import that will not be committed. */
void library_abort(struct library *lib, struct import *im);

/*
 * Open clip c's file for playing, after checking its size and sha256 still
 * match.  Returns the descriptor (the caller closes it), or -1 with err
 * LX_E_IO "clip damaged: ..." when the file is missing or changed.
 */
int library_open_clip(
    struct library *lib, const struct clip *c, struct lx_err *err);

/* Delete clip c's file from the library (after the book removed it). */
void library_remove(struct library *lib, const struct clip *c);
/* Delete the library file of that sha256 (a clip never recorded). */
void library_remove_sha(struct library *lib, const char *sha256);

#endif
