/*
 * The error record and the small string helpers every part uses.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lx.h"

int
lx_err_set(struct lx_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
lx_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n == 0)
		return -1;
	if (len >= n) {
		memcpy(dst, src, n - 1);
		dst[n - 1] = '\0';
		return -1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

/* Length of the UTF-8 sequence led by c, 0 if c cannot lead one. */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

size_t
lx_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = utf8_len(p[0]);
	uint32_t c;

	*cp = 0xfffd;
	if (len == 0 || len > n)
		return 0;
	c = len == 1 ? p[0] : p[0] & (0xffu >> (len + 1));
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
lx_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = lx_utf8_next(s + i, n - i, &cp);

		if (len == 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			return 0;
		i += len;
	}
	return 1;
}

int
lx_int_parse(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *d = *s == '-' ? s + 1 : s;
	char *end;
	long long v;

	if (*d < '0' || *d > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* 1 for the code points a text is trimmed of: spaces, ASCII and not. */
static int
lx_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x205f ||
	    c == 0x3000 || c == 0xfeff;
}

/* Trim s in place of the space around it. */
static void
lx_trim(char *s)
{
	size_t n = strlen(s), i = 0, end = 0;

	while (i < n) { /* first non-space */
		uint32_t c;
		size_t len = lx_utf8_next(s + i, n - i, &c);

		if (len == 0 || !lx_is_space(c))
			break;
		i += len;
	}
	end = i;
	for (size_t j = i; j < n;) { /* end of the last non-space */
		uint32_t c;
		size_t len = lx_utf8_next(s + j, n - j, &c);

		if (len == 0) /* a bad byte is not a space: the check says so */
			len = 1;
		if (c == 0xfffd || !lx_is_space(c))
			end = j + len;
		j += len;
	}
	memmove(s, s + i, end - i);
	s[end - i] = '\0';
}

int
lx_text_clean(
    char *s, size_t max, const char *what, int empty_ok, struct lx_err *err)
{
	int given = *s != '\0';
	size_t n;

	lx_trim(s);
	n = strlen(s);
	if (n == 0 && (given || !empty_ok))
		return lx_err_set(err, LX_E_ARG, _("%s: empty"), what);
	if (n >= max)
		return lx_err_set(err, LX_E_ARG, _("%s: longer than %zu bytes"),
		    what, max - 1);
	if (!lx_utf8_valid(s, n))
		return lx_err_set(err, LX_E_ARG,
		    _("%s: not UTF-8 text without control characters"), what);
	return 0;
}

int
lx_topic_clean(char *t, struct lx_err *err)
{
	size_t n;

	lx_trim(t);
	n = strlen(t);
	if (n == 0 || n >= LX_MAX_TOPIC ||
	    strspn(t,
	        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "0123456789-_") != n)
		return lx_err_set(err, LX_E_ARG,
		    _("topic '%.64s': not a word of letters, digits, - and _ "
		      "(such as %s)"),
		    t, LX_TOPIC_QUOTA);
	for (; *t != '\0'; t++)
		*t = (char)tolower((unsigned char)*t);
	return 0;
}
