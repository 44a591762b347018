/*
 * MPEG audio (MP3, MP2, MP1) decoded with libmpg123, for decode.c: exact
 * length by scanning the stream, ID3 tags skipped, and no text of
 * libmpg123's own on stderr (its errors come back in lx_err).
 */
#ifndef MPEG_H
#define MPEG_H

#include <stdint.h>

#include "../proto/lx.h"
#include "decode.h"

struct mpeg;

/*
 * Open the MPEG audio stream in fd from offset 0 (fd stays the caller's)
 * and scan it for its exact length, in info->frames.  Returns the stream,
 * or NULL with err LX_E_AUDIO ("not an audio file: ...").
 */
struct mpeg *mpeg_open_fd(int fd, struct decode_info *info, struct lx_err *err);

/*
 * Read up to n frames into buf as interleaved int16.  Returns frames
 * read, 0 at the end, -1 with err LX_E_AUDIO on a decoding error.
 */
int64_t mpeg_read(struct mpeg *m, int16_t *buf, int64_t n, struct lx_err *err);

/* Close; NULL is fine. */
void mpeg_close(struct mpeg *m);

#endif
