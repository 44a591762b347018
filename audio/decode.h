/*
 * Decoding a clip with libsndfile (WAV, FLAC, Ogg/Vorbis, Opus, MP3) into
 * interleaved signed 16-bit frames, the form the player writes to ALSA.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stdint.h>

#include "../proto/lx.h"

struct decoder;

struct decode_info {
	int rate;
	int channels;
	int64_t frames; /* as libsndfile reports it */
	char format[32]; /* "WAV", "FLAC", "OGG/VORBIS", "OGG/OPUS", "MP3" */
};

/*
 * Open the audio in fd (read from its current offset, which should be 0).
 * The decoder does not own fd: the caller closes it after decoder_close.
 * Returns a decoder, or NULL with err LX_E_AUDIO ("not an audio file: ...").
 */
struct decoder *decoder_open_fd(
    int fd, struct decode_info *info, struct lx_err *err);

/*
 * Read up to n frames into buf (n * channels int16_t).  Returns frames
 * read, 0 at the end, -1 with err on a decoding error.
 */
int64_t decoder_read(
    struct decoder *d, int16_t *buf, int64_t n, struct lx_err *err);

/* Close; NULL is fine. */
void decoder_close(struct decoder *d);

/*
 * Decode the whole stream to count its frames: the check made at import
 * so a clip that cannot be decoded to the end is refused.  Returns the
 * frame count (> 0), or -1 with err LX_E_AUDIO.
 */
int64_t decoder_count(int fd, struct decode_info *info, struct lx_err *err);

#endif
