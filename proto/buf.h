/*
 * A growable byte buffer: replies are built in one, client output queues
 * are one.  Allocation failure aborts (xmalloc's rule).
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	char *p;
	size_t len;
	size_t cap;
};

/* Append n bytes. */
void buf_add(struct buf *b, const void *data, size_t n);
/* Append a printf-formatted string. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append "key: value\n"; value NULL writes "key: \n". */
void buf_kv(struct buf *b, const char *key, const char *value);
/* Append "key: <n>\n". */
void buf_kv_int(struct buf *b, const char *key, int64_t n);
/* Drop the first n bytes. */
void buf_consume(struct buf *b, size_t n);
/* Empty it, keeping the memory. */
void buf_reset(struct buf *b);
/* Free the memory; b may be reused after. */
void buf_free(struct buf *b);

/* Abort with a message on allocation failure; never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

#endif
