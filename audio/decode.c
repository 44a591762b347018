/*
 * Decoding a clip with libsndfile into interleaved int16 frames, and the
 * import check that decodes a whole stream to count its frames, so that
 * a file that is not audio, or not audio to its end, is refused.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>

#include "decode.h"

#define COUNT_CHUNK 4096 /* frames per read while counting */
#define MAX_CHANNELS 8 /* more is not a clip for a loudspeaker */
#define MAX_RATE 384000
#define MP3_PEEK 256 /* bytes of the first frame searched for a length */

struct decoder {
	SNDFILE *sf;
	int channels;
	int format; /* libsndfile's SF_FORMAT_* word */
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

struct decoder *
decoder_open_fd(int fd, struct decode_info *info, struct lx_err *err)
{
	SF_INFO si = {0};
	struct decoder *d;
	SNDFILE *sf;

	if ((sf = sf_open_fd(fd, SFM_READ, &si, 0)) == NULL) {
		lx_err_set(err, LX_E_AUDIO, "not an audio file: %s",
		    sf_strerror(NULL));
		return NULL;
	}
	if (check_info(&si, err) == -1) {
		sf_close(sf);
		return NULL;
	}
	if ((d = malloc(sizeof *d)) == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		sf_close(sf);
		return NULL;
	}
	/* Overloud lossy frames clip instead of wrapping around. */
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	d->sf = sf;
	d->channels = si.channels;
	d->format = si.format;
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
	sf_close(d->sf);
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
 * 1 if the MP3 at the start of fd states its length in a Xing, Info or
 * VBRI frame.  Without one, libsndfile guesses the length from the first
 * frame's bitrate, and stops reading there even when the stream goes on.
 */
static int
mp3_has_length(int fd)
{
	unsigned char b[MP3_PEEK];
	off_t off = 0;
	ssize_t n;

	if (pread(fd, b, 10, 0) == 10 && memcmp(b, "ID3", 3) == 0)
		off = 10 + ((b[5] & 0x10) ? 10 : 0) +
		    ((b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 |
		        (b[8] & 0x7f) << 7 | (b[9] & 0x7f));
	if ((n = pread(fd, b, sizeof b, off)) < 4)
		return 0;
	return memmem(b, n, "Xing", 4) != NULL ||
	    memmem(b, n, "Info", 4) != NULL || memmem(b, n, "VBRI", 4) != NULL;
}

/*
 * Whether total, the frames decoded, is the whole clip: the length the
 * file states, where it states one, must all be there.
 */
static int
check_whole(
    int fd, int format, int64_t stated, int64_t total, struct lx_err *err)
{
	int major = format & SF_FORMAT_TYPEMASK;

	if (total == 0)
		return lx_err_set(
		    err, LX_E_AUDIO, "not an audio file: no audio frames");
	if (stated == SF_COUNT_MAX)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: truncated (no end of stream)");
	if (major == SF_FORMAT_MPEG && !mp3_has_length(fd)) {
		if (total < stated)
			return 0; /* libsndfile's guess was long: all read */
		return lx_err_set(err, LX_E_AUDIO,
		    "cannot decode to the end: MP3 without a length header "
		    "(Xing/Info); re-encode it");
	}
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
	int format;

	if (lseek(fd, 0, SEEK_SET) == -1)
		return lx_err_set(err, LX_E_AUDIO, "not an audio file: %m");
	if ((d = decoder_open_fd(fd, info, err)) == NULL)
		return -1;
	format = d->format;
	total = decode_all(d, err);
	decoder_close(d);
	if (total == -1 ||
	    check_whole(fd, format, info->frames, total, err) == -1)
		return -1;
	return total;
}
