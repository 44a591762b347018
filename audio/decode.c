/*
 * Decoding a clip into interleaved int16 frames (libsndfile, or libmpg123
 * for MPEG audio), and the import check that decodes a whole stream to
 * count its frames, so that a file that is not audio, or not audio to its
 * end, is refused.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>

#include "decode.h"
#include "mpeg.h"

#define COUNT_CHUNK 4096 /* frames per read while counting */
#define MAX_CHANNELS 8 /* more is not a clip for a loudspeaker */
#define MAX_RATE 384000

struct decoder {
	SNDFILE *sf; /* NULL when mpeg decodes */
	struct mpeg *mpeg;
	int channels;
};

static const struct {
	int major;
	const char *name;
} major_names[] = {
    {SF_FORMAT_WAV, "WAV"},
    {SF_FORMAT_WAVEX, "WAV"},
    {SF_FORMAT_RF64, "WAV"},
    {SF_FORMAT_W64, "W64"},
    {SF_FORMAT_AIFF, "AIFF"},
    {SF_FORMAT_AU, "AU"},
    {SF_FORMAT_CAF, "CAF"},
    {SF_FORMAT_FLAC, "FLAC"},
    {SF_FORMAT_MPEG, "MP3"},
};

/* Names of the codecs inside containers, and of the other MPEG layers. */
static const char *
minor_name(int major, int minor)
{
	if (major == SF_FORMAT_OGG && minor == SF_FORMAT_OPUS)
		return "OGG/OPUS";
	if (major == SF_FORMAT_OGG && minor == SF_FORMAT_VORBIS)
		return "OGG/VORBIS";
	if (major == SF_FORMAT_OGG)
		return "OGG";
	if (major == SF_FORMAT_MPEG && minor == SF_FORMAT_MPEG_LAYER_I)
		return "MP1";
	if (major == SF_FORMAT_MPEG && minor == SF_FORMAT_MPEG_LAYER_II)
		return "MP2";
	return NULL;
}

/* The short name the clip table shows, from libsndfile's format word. */
static void
format_name(int format, char *out, size_t n)
{
	int major = format & SF_FORMAT_TYPEMASK;
	SF_FORMAT_INFO fi = {.format = major};
	const char *name;
	size_t i;

	if ((name = minor_name(major, format & SF_FORMAT_SUBMASK)) != NULL) {
		lx_strlcpy(out, name, n);
		return;
	}
	for (i = 0; i < sizeof major_names / sizeof major_names[0]; i++) {
		if (major_names[i].major == major) {
			lx_strlcpy(out, major_names[i].name, n);
			return;
		}
	}
	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &fi, sizeof fi) != 0 ||
	    fi.extension == NULL)
		fi.extension = "audio";
	lx_strlcpy(out, fi.extension, n);
	for (i = 0; out[i] != '\0'; i++)
		out[i] = toupper((unsigned char)out[i]);
}

/* Refuse what libsndfile opened but no loudspeaker should play. */
static int
check_info(const SF_INFO *si, struct lx_err *err)
{
	if (si->channels < 1 || si->channels > MAX_CHANNELS)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: %d channels", si->channels);
	if (si->samplerate < 1000 || si->samplerate > MAX_RATE)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: sample rate %d", si->samplerate);
	return 0;
}

/*
 * MPEG audio goes to libmpg123, which finds its exact length and plays
 * every MP3 mpg123 plays: what libsndfile calls MPEG, or cannot open
 * (*sferr, its reason, is kept for the error then).
 */
static struct decoder *
decoder_open_mpeg(
    int fd, struct decode_info *info, const char *sferr, struct lx_err *err)
{
	struct lx_err merr;
	struct decoder *d;
	struct mpeg *m;

	if ((m = mpeg_open_fd(fd, info, &merr)) == NULL) {
		if (sferr != NULL)
			lx_err_set(
			    err, LX_E_AUDIO, "not an audio file: %s", sferr);
		else
			*err = merr;
		return NULL;
	}
	if ((d = calloc(1, sizeof *d)) == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		mpeg_close(m);
		return NULL;
	}
	d->mpeg = m;
	d->channels = info->channels;
	return d;
}

struct decoder *
decoder_open_fd(int fd, struct decode_info *info, struct lx_err *err)
{
	SF_INFO si = {0};
	struct decoder *d;
	SNDFILE *sf;

	if ((sf = sf_open_fd(fd, SFM_READ, &si, 0)) == NULL)
		return decoder_open_mpeg(fd, info, sf_strerror(NULL), err);
	if ((si.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG) {
		sf_close(sf);
		return decoder_open_mpeg(fd, info, NULL, err);
	}
	if (check_info(&si, err) == -1) {
		sf_close(sf);
		return NULL;
	}
	if ((d = calloc(1, sizeof *d)) == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		sf_close(sf);
		return NULL;
	}
	/* Overloud lossy frames clip instead of wrapping around. */
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	d->sf = sf;
	d->channels = si.channels;
	info->rate = si.samplerate;
	info->channels = si.channels;
	info->frames = si.frames;
	format_name(si.format, info->format, sizeof info->format);
	return d;
}

int64_t
decoder_read(struct decoder *d, int16_t *buf, int64_t n, struct lx_err *err)
{
	sf_count_t got;

	if (d->mpeg != NULL)
		return mpeg_read(d->mpeg, buf, n, err);
	got = sf_readf_short(d->sf, buf, n);
	if (got < n && sf_error(d->sf) != SF_ERR_NO_ERROR)
		return lx_err_set(
		    err, LX_E_AUDIO, "cannot decode: %s", sf_strerror(d->sf));
	return got;
}

void
decoder_close(struct decoder *d)
{
	if (d == NULL)
		return;
	if (d->sf != NULL)
		sf_close(d->sf);
	mpeg_close(d->mpeg);
	free(d);
}

/* Decode to the end; the frame count, or -1 with err. */
static int64_t
decode_all(struct decoder *d, struct lx_err *err)
{
	struct lx_err rerr;
	int16_t *buf;
	int64_t total = 0, got;

	if ((buf = malloc(sizeof *buf * COUNT_CHUNK * d->channels)) == NULL)
		return lx_err_set(err, LX_E_IO, "out of memory");
	while ((got = decoder_read(d, buf, COUNT_CHUNK, &rerr)) > 0)
		total += got;
	free(buf);
	if (got == -1)
		return lx_err_set(
		    err, LX_E_AUDIO, "not an audio file: %s", rerr.msg);
	return total;
}

/*
 * Whether total, the frames decoded, is the whole clip: the length the
 * file states, where it states one, must all be there.
 */
static int
check_whole(int64_t stated, int64_t total, struct lx_err *err)
{
	if (total == 0)
		return lx_err_set(
		    err, LX_E_AUDIO, "not an audio file: no audio frames");
	if (stated == SF_COUNT_MAX)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: truncated (no end of stream)");
	if (total < stated)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: truncated (%lld of %lld frames)",
		    (long long)total, (long long)stated);
	return 0;
}

int64_t
decoder_count(int fd, struct decode_info *info, struct lx_err *err)
{
	struct decoder *d;
	int64_t total;

	if (lseek(fd, 0, SEEK_SET) == -1)
		return lx_err_set(err, LX_E_AUDIO, "not an audio file: %m");
	if ((d = decoder_open_fd(fd, info, err)) == NULL)
		return -1;
	total = decode_all(d, err);
	decoder_close(d);
	if (total == -1 || check_whole(info->frames, total, err) == -1)
		return -1;
	return total;
}
