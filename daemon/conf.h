/*
 * loaxad's settings: one table of keys, read from loaxad.conf ("key value"
 * or "key = value" a line, # comments) and from flags (--key-name VALUE),
 * flags winning.  Parsing is a pure function, text to struct.
 */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>
#include <stdint.h>

#include "../proto/buf.h"
#include "../proto/lx.h"

/* SYSCONFDIR/loaxa/loaxad.conf: /etc/loaxa/loaxad.conf for a /usr build */
#define CONF_DEFAULT_FILE LX_CONF_FILE

struct conf {
	char state_dir[LX_MAX_PATH];
	char socket[108]; /* sun_path */
	char device[256];
	char operator_group[64];
	int64_t max_delay; /* µs */
	int64_t catch_up; /* µs */
	int64_t preroll; /* µs */
	int64_t device_timeout; /* µs */
	int64_t quota_per_month;
	int64_t max_clip_size; /* bytes */
	int64_t min_free_space; /* bytes */
	char commune[LX_MAX_COMMUNE]; /* "" when not set */
};

/* The defaults: /var/lib/loaxa, /run/loaxa/loaxad.sock, "default", ... */
void conf_defaults(struct conf *c);

/*
 * Apply the text of a config file (len bytes; fname names it in errors).
 * Every error is appended to errs as "FILE:LINE: message\n".  Returns the
 * number of errors.
 */
int conf_parse(struct conf *c, const char *text, size_t len, const char *fname,
    struct buf *errs);

/*
 * Set one key ("max_delay") from its text value.  Returns 0, or -1 with
 * err LX_E_ARG ("unknown key", "bad value").
 */
int conf_set(
    struct conf *c, const char *key, const char *value, struct lx_err *err);

/*
 * The key a flag names: "--max-delay" -> "max_delay" written into key
 * (size n).  Returns 0, or -1 if no key has that flag.
 */
int conf_flag_key(const char *flag, char *key, size_t n);

/*
 * The flag of the i-th key, "max-delay" (no dashes), into flag (size n):
 * 0, or -1 past the last key.
 */
int conf_flag_name(size_t i, char *flag, size_t n);

/*
 * A reload: find the next key, from *i on, that a running loaxad cannot
 * change (state_dir, socket, device, operator_group, max_clip_size,
 * min_free_space) and whose value in c
 * differs from old; put old's value back into c.  Returns that key's
 * index (for conf_key_name) and moves *i past it, or -1 when none is left.
 */
int conf_keep_restart_key(struct conf *c, const struct conf *old, size_t *i);

/* The name of the i-th key ("max_delay"), or NULL past the last. */
const char *conf_key_name(size_t i);

/* Append the flags' help ("  --max-delay SECS  ...\n") to out. */
void conf_usage(struct buf *out);

#endif
