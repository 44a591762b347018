/*
 * The wire codec: request lines split into words, words quoted for
 * sending, reply lines classified.  No allocation; bounded by LX_MAX_*.
 */
#include <string.h>

#include "i18n.h"
#include "buf.h"
#include "line.h"

int
proto_split(
    const char *line, size_t len, struct proto_words *w, struct lx_err *err)
{
	size_t i = 0, o = 0;

	w->argc = 0;
	if (len >= LX_MAX_LINE)
		return lx_err_set(err, LX_E_LIMIT, _("line too long"));
	for (;;) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			return 0;
		if (w->argc == LX_MAX_ARGS)
			return lx_err_set(err, LX_E_LIMIT, _("too many words"));
		w->argv[w->argc++] = w->mem + o;
		if (line[i] == '"') {
			for (i++;; i++) {
				if (i == len)
					return lx_err_set(err, LX_E_ARG,
					    _("unterminated quote"));
				if (line[i] == '"')
					break;
				if (line[i] == '\\' && ++i == len)
					return lx_err_set(err, LX_E_ARG,
					    _("unterminated quote"));
				if (line[i] == '\0')
					return lx_err_set(err, LX_E_ARG,
					    _("NUL byte in line"));
				w->mem[o++] = line[i];
			}
			i++;
			if (i < len && line[i] != ' ' && line[i] != '\t')
				return lx_err_set(err, LX_E_ARG,
				    _("text after closing quote"));
		} else {
			for (; i < len && line[i] != ' ' && line[i] != '\t';
			     i++) {
				if (line[i] == '\0')
					return lx_err_set(err, LX_E_ARG,
					    _("NUL byte in line"));
				if (line[i] == '"')
					return lx_err_set(err, LX_E_ARG,
					    _("quote inside a word"));
				w->mem[o++] = line[i];
			}
		}
		w->mem[o++] = '\0';
	}
}

void
proto_quote(struct buf *b, const char *s)
{
	if (*s != '\0' && strpbrk(s, " \t\"\\") == NULL) {
		buf_add(b, s, strlen(s));
		return;
	}
	buf_add(b, "\"", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

int
proto_int(const char *s, const char *what, int64_t min, int64_t max,
    int64_t *out, struct lx_err *err)
{
	if (lx_int_parse(s, min, max, out) == -1)
		return lx_err_set(err, LX_E_ARG, "bad %s '%s'", what, s);
	return 0;
}

enum proto_reply
proto_reply_parse(const char *line, size_t len, const char **key, size_t *klen,
    const char **value, size_t *vlen, int *code)
{
	const char *colon;

	if (len == 2 && memcmp(line, "OK", 2) == 0)
		return PROTO_OK;
	if (len >= 4 && memcmp(line, "ERR ", 4) == 0) {
		size_t i = 4;
		int c = 0;

		while (i < len && line[i] >= '0' && line[i] <= '9' && c < 1000)
			c = c * 10 + (line[i++] - '0');
		if (i == 4 || i >= len || line[i] != ' ')
			return PROTO_BAD;
		*code = c;
		*value = line + i + 1;
		*vlen = len - i - 1;
		return PROTO_ERR;
	}
	colon = memchr(line, ':', len);
	if (colon == NULL || colon == line || colon + 1 == line + len ||
	    colon[1] != ' ')
		return PROTO_BAD;
	*key = line;
	*klen = (size_t)(colon - line);
	*value = colon + 2;
	*vlen = len - *klen - 2;
	return PROTO_KV;
}
