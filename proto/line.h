/*
 * The wire codec both sides use: a request line split into words, words
 * quoted for sending, reply lines classified.  Parsers take a buffer and
 * a length and return an error, so each can be fuzzed alone.
 *
 * Protocol version history (LX_PROTO_VERSION in proto/lx.h):
 *   1  first version.
 *   2  one shape per record (proto/shape.c): report's upcoming airings
 *      and status's next airing are occurrence records led by
 *      "scheduled:", as schedulenext's; clips and schedules carry
 *      added_by, airings topic, priority and by.
 *   3  report covers a period: month records before the items, the
 *      period's totals, airtime and hours of the day, items counted by
 *      their audio (sha256), the commune and the log's chain head.
 */
#ifndef LINE_H
#define LINE_H

#include <stddef.h>
#include <stdint.h>

#include "lx.h"

struct buf;

struct proto_words {
	int argc;
	char *argv[LX_MAX_ARGS];
	char mem[LX_MAX_LINE]; /* argv points in here */
};

/*
 * Split one request line (len bytes, no newline) into words.  Words are
 * separated by spaces or tabs; "…" quotes a word, inside which \" and \\
 * escape.  UTF-8 passes through untouched.  Returns 0, or -1 with err
 * (LX_E_ARG for bad quoting or a NUL byte, LX_E_LIMIT for too many words or
 * too long a line).
 */
int proto_split(
    const char *line, size_t len, struct proto_words *w, struct lx_err *err);

/* Append s to b as one word, quoted when it needs to be. */
void proto_quote(struct buf *b, const char *s);

/*
 * Parse s, all of it, as a decimal integer in [min, max] into *out.
 * Returns 0, or -1 with err LX_E_ARG naming `what`.
 */
int proto_int(const char *s, const char *what, int64_t min, int64_t max,
    int64_t *out, struct lx_err *err);

enum proto_reply {
	PROTO_KV, /* "key: value" */
	PROTO_OK, /* "OK" */
	PROTO_ERR, /* "ERR <code> <message>" */
	PROTO_BAD /* anything else */
};

/*
 * Classify one reply line (len bytes, no newline).  For PROTO_KV, *key and
 * *value point into line and *klen, *vlen give their lengths.  For
 * PROTO_ERR, *code is the code and *value, *vlen the message.
 */
enum proto_reply proto_reply_parse(const char *line, size_t len,
    const char **key, size_t *klen, const char **value, size_t *vlen,
    int *code);

#endif
