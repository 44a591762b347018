/*
 * What every part of loaxa shares: the error record a failing call fills,
 * the protocol's error codes, and the limits, each named once.
 */
#ifndef LX_H
#define LX_H

#include <stddef.h>
#include <stdint.h>

#ifndef LX_VERSION /* from CMakeLists.txt's project(), the one place */
#error "LX_VERSION is defined by the build (CMakeLists.txt)"
#endif
#define LX_PROTO_VERSION 3 /* history in proto/line.h */
#define LX_DEFAULT_SOCKET "/run/loaxa/loaxad.sock"

#define LX_MAX_LINE 4096 /* one request line, newline included */
#define LX_MAX_ARGS 16 /* words in one request */
#define LX_MAX_CLIENTS 32 /* connections at once */
#define LX_MAX_OUTQ 4194304 /* bytes queued for one client */
#define LX_MAX_TITLE 512 /* bytes of a clip's title */
#define LX_MAX_TOPIC 64
#define LX_MAX_SOURCE 512
#define LX_MAX_RRULE 512
#define LX_MAX_PATH 4096
#define LX_MAX_NEXT 10000 /* schedule next N */
#define LX_NEXT_DEFAULT 10 /* schedule next without N */
#define LX_TOPIC_QUOTA "cchc" /* the topic the quota counts; clip add's */
#define LX_QUOTA_DEFAULT 2 /* distinct items a month (quota_per_month) */
#define LX_MAX_UPCOMING 1000 /* report: upcoming airings listed */
#define LX_MAX_LANG 64 /* a locale's name, "vi_VN.UTF-8" */
#define LX_MAX_LANGS 8 /* languages loaxad serves at once */
#define LX_MAX_MONTHS 12 /* report: months in one period */
#define LX_MAX_COMMUNE 128 /* bytes of a commune's name */
#define LX_MAX_USER 64 /* a user's name, or their uid where they have none */

/* The protocol's error codes: "ERR <code> <message>". Never renumber. */
enum lx_code {
	LX_OK = 0,
	LX_E_ARG = 1, /* malformed argument */
	LX_E_UNKNOWN = 2, /* unknown command */
	LX_E_PERM = 3, /* caller may not change state */
	LX_E_NOENT = 4, /* no such clip, schedule or file */
	LX_E_EXIST = 5, /* duplicate */
	LX_E_AUDIO = 6, /* not audio, or cannot be decoded */
	LX_E_BUSY = 7, /* refused while something is on air */
	LX_E_LIMIT = 8, /* a protocol limit was passed */
	LX_E_IO = 9, /* database or file system failure */
	LX_E_DEVICE = 10, /* sound device failure */
};

struct lx_err {
	int code;
	char msg[256];
};

/* Fill err (may be NULL) with code and a printf-style message; returns -1. */
int lx_err_set(struct lx_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copy src into dst of size n; returns -1 if it did not fit (dst holds a
 * truncated, terminated copy), else 0. */
int lx_strlcpy(char *dst, const char *src, size_t n);

/*
 * Decode the UTF-8 sequence at s (n > 0 bytes) into *cp; returns its
 * length.  A sequence that is not valid (overlong, a surrogate, past
 * U+10FFFF, cut short) is 0 with *cp U+FFFD.
 */
size_t lx_utf8_next(const char *s, size_t n, uint32_t *cp);

/* 1 if the n bytes at s are valid UTF-8 with no control characters. */
int lx_utf8_valid(const char *s, size_t n);

/*
 * Parse s, all of it, as a decimal integer (an optional '-', then digits)
 * in [min, max] into *out.  0, or -1 (out untouched).
 */
int lx_int_parse(const char *s, int64_t min, int64_t max, int64_t *out);

/*
 * The rule for a title, a source or any text a person gives: trimmed, in
 * place, of the space around it (ASCII and Unicode spaces); then valid
 * UTF-8 without control characters, shorter than max bytes, and not empty:
 * with empty_ok, "" (nothing given) passes, but space alone never does.
 * 0, or -1 with err LX_E_ARG naming it as `what`.
 * loaxad and loaxactl both apply it.
 */
int lx_text_clean(
    char *s, size_t max, const char *what, int empty_ok, struct lx_err *err);

/*
 * The rule for a topic: trimmed as text is, then 1 to LX_MAX_TOPIC-1
 * ASCII letters, digits, '-' and '_', lowered in place.  0, or -1 with
 * err LX_E_ARG.
 */
int lx_topic_clean(char *t, struct lx_err *err);

#endif
