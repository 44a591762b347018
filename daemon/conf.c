/*
 * The table of settings, and the parser that fills it from a config
 * file's text or from flags.  Pure: no I/O.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/i18n.h"
#include "../proto/line.h"
#include "conf.h"

enum conf_type {
	CONF_PATH,
	CONF_WORD,
	CONF_TEXT, /* UTF-8, spaces allowed */
	CONF_SECS,
	CONF_MSECS,
	CONF_COUNT,
	CONF_BYTES /* with an optional K, M, G or T (powers of 1024) */
};

struct conf_key {
	const char *name;
	enum conf_type type;
	size_t offset;
	size_t size;
	const char *arg;
	const char *help;
	int restart; /* 1: a running loaxad keeps its value until restarted */
};

#define CONF_STR(f) offsetof(struct conf, f), sizeof(((struct conf *)0)->f)
#define CONF_INT(f) offsetof(struct conf, f), 0

static const struct conf_key conf_keys[] = {
    {"state_dir", CONF_PATH, CONF_STR(state_dir), "DIR",
        N_("database and clip library (/var/lib/loaxa)"), 1},
    {"socket", CONF_PATH, CONF_STR(socket), "PATH",
        N_("control socket (/run/loaxa/loaxad.sock)"), 1},
    {"device", CONF_WORD, CONF_STR(device), "ALSA_PCM",
        N_("ALSA pcm to play on (default)"), 1},
    {"operator_group", CONF_WORD, CONF_STR(operator_group), "GROUP",
        N_("group allowed to change state (loaxa-operators)"), 1},
    {"max_delay", CONF_SECS, CONF_INT(max_delay), "SECS",
        N_("longest wait for a busy output before missed (900)"), 0},
    {"catch_up", CONF_SECS, CONF_INT(catch_up), "SECS",
        N_("airings due this long ago while down still air (600)"), 0},
    {"preroll_ms", CONF_MSECS, CONF_INT(preroll), "MS",
        N_("open the device and decode this far ahead (2000)"), 0},
    {"device_timeout", CONF_SECS, CONF_INT(device_timeout), "SECS",
        N_("a device taking no sound this long fails the airing (5)"), 0},
    {"quota_per_month", CONF_COUNT, CONF_INT(quota_per_month), "N",
        N_("distinct CCHC items required a month (2)"), 0},
    {"max_clip_size", CONF_BYTES, CONF_INT(max_clip_size), "BYTES",
        N_("largest clip file imported, K/M/G suffix allowed (1G)"), 1},
    {"min_free_space", CONF_BYTES, CONF_INT(min_free_space), "BYTES",
        N_("free space an import must leave in the library (64M)"), 1},
    {"commune", CONF_TEXT, CONF_STR(commune), "NAME",
        N_("the commune's name, for reports (none)"), 0},
};

#define CONF_NKEYS (sizeof conf_keys / sizeof conf_keys[0])

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	lx_strlcpy(c->state_dir, "/var/lib/loaxa", sizeof c->state_dir);
	lx_strlcpy(c->socket, LX_DEFAULT_SOCKET, sizeof c->socket);
	lx_strlcpy(c->device, "default", sizeof c->device);
	lx_strlcpy(
	    c->operator_group, "loaxa-operators", sizeof c->operator_group);
	c->max_delay = 900 * INT64_C(1000000);
	c->catch_up = 600 * INT64_C(1000000);
	c->preroll = 2000 * INT64_C(1000);
	c->device_timeout = 5 * INT64_C(1000000);
	c->quota_per_month = LX_QUOTA_DEFAULT;
	c->max_clip_size = INT64_C(1) << 30;
	c->min_free_space = INT64_C(64) << 20;
}

/* A size: digits, then K, M, G or T (KiB...); 0 or -1 with err. */
static int
conf_bytes(const char *name, const char *v, int64_t *out, struct lx_err *err)
{
	static const char units[] = "KMGT";
	char num[32];
	size_t n = strlen(v);
	const char *u;
	int shift = 0;

	if (n > 0 && (u = strchr(units, v[n - 1])) != NULL && *u != '\0') {
		shift = 10 * (int)(u - units + 1);
		n--;
	}
	if (n == 0 || n >= sizeof num)
		return lx_err_set(
		    err, LX_E_ARG, _("%s: bad size '%s'"), name, v);
	memcpy(num, v, n);
	num[n] = '\0';
	if (proto_int(num, name, 0, INT64_MAX >> shift, out, err) == -1)
		return -1;
	*out <<= shift;
	return 0;
}

static const struct conf_key *
conf_find(const char *name)
{
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (strcmp(conf_keys[i].name, name) == 0)
			return &conf_keys[i];
	return NULL;
}

/* Store a string value; paths must be absolute, words plain. */
static int
conf_set_str(
    struct conf *c, const struct conf_key *k, const char *v, struct lx_err *err)
{
	char *dst = (char *)c + k->offset;

	if (*v == '\0')
		return lx_err_set(err, LX_E_ARG, _("%s: empty value"), k->name);
	if (k->type == CONF_PATH && v[0] != '/')
		return lx_err_set(err, LX_E_ARG,
		    _("%s: '%s' is not an absolute path"), k->name, v);
	if (k->type == CONF_TEXT && !lx_utf8_valid(v, strlen(v)))
		return lx_err_set(
		    err, LX_E_ARG, _("%s: not valid UTF-8 text"), k->name);
	if (k->type != CONF_TEXT && strpbrk(v, " \t") != NULL)
		return lx_err_set(
		    err, LX_E_ARG, _("%s: spaces in '%s'"), k->name, v);
	if (lx_strlcpy(dst, v, k->size) == -1)
		return lx_err_set(
		    err, LX_E_ARG, _("%s: value too long"), k->name);
	return 0;
}

int
conf_set(struct conf *c, const char *key, const char *value, struct lx_err *err)
{
	const struct conf_key *k = conf_find(key);
	int64_t n, *dst;

	if (k == NULL)
		return lx_err_set(err, LX_E_ARG, _("unknown key '%s'"), key);
	if (k->type == CONF_PATH || k->type == CONF_WORD ||
	    k->type == CONF_TEXT)
		return conf_set_str(c, k, value, err);
	dst = (int64_t *)(void *)((char *)c + k->offset);
	if (k->type == CONF_BYTES)
		return conf_bytes(k->name, value, dst, err);
	if (proto_int(value, k->name, k->type == CONF_COUNT ? 1 : 0,
	        INT64_C(86400000), &n, err) == -1)
		return -1;
	if (k->type == CONF_SECS)
		n *= INT64_C(1000000);
	else if (k->type == CONF_MSECS)
		n *= INT64_C(1000);
	*dst = n;
	return 0;
}

/* Parse one line (a copy the caller owns); 0 for blank or comment. */
static int
conf_line(struct conf *c, char *line, struct lx_err *err)
{
	char *key, *value, *end;

	if ((end = strchr(line, '#')) != NULL)
		*end = '\0';
	key = line + strspn(line, " \t\r");
	if (*key == '\0')
		return 0;
	value = key + strcspn(key, " \t\r=");
	if (*value != '\0')
		*value++ = '\0';
	value += strspn(value, " \t");
	if (*value == '=')
		value += 1 + strspn(value + 1, " \t");
	end = value + strlen(value);
	while (end > value && strchr(" \t\r", end[-1]) != NULL)
		*--end = '\0';
	if (*value == '\0' && conf_find(key) != NULL)
		return lx_err_set(err, LX_E_ARG, _("%s: missing value"), key);
	return conf_set(c, key, value, err);
}

int
conf_parse(struct conf *c, const char *text, size_t len, const char *fname,
    struct buf *errs)
{
	char line[LX_MAX_LINE];
	struct lx_err err;
	size_t i = 0;
	int lineno = 0, nerr = 0;

	while (i < len) {
		const char *why;
		size_t n = 0;

		lineno++;
		while (i < len && text[i] != '\n') {
			if (n < sizeof line - 1)
				line[n++] = text[i];
			i++;
		}
		i++;
		line[n] = '\0';
		if (n == sizeof line - 1)
			why = _("line too long");
		else if (memchr(line, '\0', n) != NULL)
			why = _("NUL byte in line");
		else if (conf_line(c, line, &err) == -1)
			why = err.msg;
		else
			continue;
		buf_printf(errs, "%s:%d: %s\n", fname, lineno, why);
		nerr++;
	}
	return nerr;
}

int
conf_flag_name(size_t i, char *flag, size_t n)
{
	size_t j;

	if (i >= CONF_NKEYS || strlen(conf_keys[i].name) >= n)
		return -1;
	for (j = 0; conf_keys[i].name[j] != '\0'; j++)
		flag[j] =
		    conf_keys[i].name[j] == '_' ? '-' : conf_keys[i].name[j];
	flag[j] = '\0';
	return 0;
}

int
conf_flag_key(const char *flag, char *key, size_t n)
{
	size_t i;

	if (strncmp(flag, "--", 2) != 0 || strlen(flag + 2) >= n)
		return -1;
	for (i = 0; flag[2 + i] != '\0'; i++)
		key[i] = flag[2 + i] == '-' ? '_' : flag[2 + i];
	key[i] = '\0';
	return conf_find(key) != NULL ? 0 : -1;
}

void
conf_usage(struct buf *out)
{
	char flag[64];

	for (size_t i = 0; conf_flag_name(i, flag, sizeof flag) == 0; i++)
		buf_printf(out, "  --%-16s %-9s %s\n", flag, conf_keys[i].arg,
		    _(conf_keys[i].help));
}

int
conf_keep_restart_key(struct conf *c, const struct conf *old, size_t *i)
{
	for (; *i < CONF_NKEYS; (*i)++) {
		const struct conf_key *k = &conf_keys[*i];
		char *dst = (char *)c + k->offset;
		const char *was = (const char *)old + k->offset;

		size_t size = k->size ? k->size : sizeof(int64_t);

		if (!k->restart ||
		    (k->size ? strcmp(dst, was) : memcmp(dst, was, size)) == 0)
			continue;
		memcpy(dst, was, size);
		return (int)(*i)++;
	}
	return -1;
}

const char *
conf_key_name(size_t i)
{
	return i < CONF_NKEYS ? conf_keys[i].name : NULL;
}
