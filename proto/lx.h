/*
 * What every part of loaxa shares: the error record a failing call fills,
 * the protocol's error codes, and the limits, each named once.
 */
#ifndef LX_H
#define LX_H

#include <stddef.h>
#include <stdint.h>

#define LX_VERSION "0.1.0"
#define LX_PROTO_VERSION 1 /* history in proto/line.h */
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
#define LX_MAX_UPCOMING 1000 /* report: upcoming airings listed */

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

/* 1 if the n bytes at s are valid UTF-8 with no control characters. */
int lx_utf8_valid(const char *s, size_t n);

/* 1 if t is a topic: 1 to LX_MAX_TOPIC-1 ASCII letters, digits, '-' and
 * '_' (loaxad stores it in lower case). */
int lx_topic_valid(const char *t);

#endif
