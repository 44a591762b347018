/*
 * A reply as loaxactl holds it: the key/value pairs of one answer, from
 * loaxad's socket or from query_run on a --db file, and the records
 * (runs of pairs led by one key) that lists are made of.
 */
#ifndef REPLY_H
#define REPLY_H

#include <stddef.h>

#include "../proto/buf.h"
#include "../proto/lx.h"

struct reply_pair {
	size_t key; /* offsets into text, each NUL-terminated */
	size_t value; /* "" means none (null) */
};

struct reply {
	struct buf text;
	struct reply_pair *pair;
	size_t n;
	size_t cap;
};

/* A run of pairs [lo, hi) of a reply: one record. */
struct reply_rec {
	const struct reply *r;
	size_t lo;
	size_t hi;
};

/* Append one pair (klen and vlen bytes; no NUL needed).  Never fails. */
void reply_add(struct reply *r, const char *key, size_t klen, const char *value,
    size_t vlen);

/*
 * Append the pairs of text, "key: value" lines as query_run writes them.
 * Returns 0, or -1 with err naming the first line that is not a pair.
 */
int reply_add_text(
    struct reply *r, const char *text, size_t len, struct lx_err *err);

/* Free the pairs; r may be reused after. */
void reply_free(struct reply *r);

/* The whole reply as one record. */
struct reply_rec reply_all(const struct reply *r);

/*
 * The records led by key `lead`: each starts at a pair with that key and
 * ends before the next one, or before a pair whose key is in `stops` (a
 * NULL-terminated list, or NULL).  *out is an array the caller frees with
 * free(); returns its length.
 */
size_t reply_records(const struct reply *r, const char *lead,
    const char *const *stops, struct reply_rec **out);

/* The pairs before the first whose key is in `leads` (NULL-terminated). */
struct reply_rec reply_head(const struct reply *r, const char *const *leads);

/* The value of key in rec, or NULL when it has no such key. */
const char *reply_get(const struct reply_rec *rec, const char *key);

/* Key and value of pair i of r. */
const char *reply_key(const struct reply *r, size_t i);
const char *reply_value(const struct reply *r, size_t i);

#endif
