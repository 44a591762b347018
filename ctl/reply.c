/*
 * Replies as lists of key/value pairs kept in one text buffer, and the
 * records a list reply is cut into (MPD's shape: a record begins with its
 * first key).
 */
#include <stdlib.h>
#include <string.h>

#include "../proto/line.h"
#include "reply.h"

void
reply_add(struct reply *r, const char *key, size_t klen, const char *value,
    size_t vlen)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->pair = xrealloc(r->pair, r->cap * sizeof r->pair[0]);
	}
	r->pair[r->n].key = r->text.len;
	buf_add(&r->text, key, klen);
	buf_add(&r->text, "", 1);
	r->pair[r->n].value = r->text.len;
	buf_add(&r->text, value, vlen);
	buf_add(&r->text, "", 1);
	r->n++;
}

int
reply_add_text(
    struct reply *r, const char *text, size_t len, struct lx_err *err)
{
	const char *end = text + len;

	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		const char *key, *value;
		size_t klen, vlen;
		int code;

		if (proto_reply_parse(
		        text, n, &key, &klen, &value, &vlen, &code) != PROTO_KV)
			return lx_err_set(err, LX_E_ARG,
			    "not a reply line: %.*s", (int)(n < 60 ? n : 60),
			    text);
		reply_add(r, key, klen, value, vlen);
		text += n + (nl != NULL);
	}
	return 0;
}

void
reply_free(struct reply *r)
{
	buf_free(&r->text);
	free(r->pair);
	r->pair = NULL;
	r->n = r->cap = 0;
}

const char *
reply_key(const struct reply *r, size_t i)
{
	return r->text.p + r->pair[i].key;
}

const char *
reply_value(const struct reply *r, size_t i)
{
	return r->text.p + r->pair[i].value;
}

struct reply_rec
reply_all(const struct reply *r)
{
	struct reply_rec rec = {r, 0, r->n};

	return rec;
}

/* 1 if key is one of list (NULL-terminated; NULL is empty). */
static int
reply_key_in(const char *key, const char *const *list)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

size_t
reply_records(const struct reply *r, const char *lead, const char *const *stops,
    struct reply_rec **out)
{
	size_t n = 0;
	struct reply_rec *recs = NULL;

	for (size_t i = 0; i < r->n; i++)
		n += strcmp(reply_key(r, i), lead) == 0;
	*out = recs = xcalloc(n, sizeof recs[0]);
	n = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *key = reply_key(r, i);

		if (strcmp(key, lead) == 0) {
			recs[n].r = r;
			recs[n].lo = recs[n].hi = i;
			n++;
		} else if (reply_key_in(key, stops) || n == 0 ||
		    recs[n - 1].hi != i) {
			continue;
		}
		recs[n - 1].hi = i + 1;
	}
	return n;
}

struct reply_rec
reply_head(const struct reply *r, const char *const *leads)
{
	struct reply_rec rec = {r, 0, 0};

	while (rec.hi < r->n && !reply_key_in(reply_key(r, rec.hi), leads))
		rec.hi++;
	return rec;
}

const char *
reply_get(const struct reply_rec *rec, const char *key)
{
	for (size_t i = rec->lo; i < rec->hi; i++)
		if (strcmp(reply_key(rec->r, i), key) == 0)
			return reply_value(rec->r, i);
	return NULL;
}
