/*
 * loaxactl's side of the control socket, and its stand-in for --db: a
 * request goes out as one quoted line (with the clip's descriptor riding
 * on it for clipadd), and the reply comes back as pairs.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../proto/buf.h"
#include "../proto/command.h"
#include "../proto/line.h"
#include "../schedules/query.h"
#include "../schedules/book.h"
#include "../schedules/when.h"
#include "client.h"
#include "msg.h"
#include "opts.h"

#define CLIENT_MAX_LINE (1024 * 1024) /* one reply line, to bound memory */
#define CLIENT_CHUNK 65536
#define CLIENT_QUOTE(len) ((int)((len) < 60 ? (len) : 60)) /* in errors */

struct client {
	int fd; /* the socket, -1 with --db */
	struct book *book; /* --db */
	char name[LX_MAX_PATH];
	struct buf in; /* received, from pos on not yet read */
	size_t pos;
};

static struct client *
client_new(const char *name)
{
	struct client *c = xcalloc(1, sizeof *c);

	c->fd = -1;
	lx_strlcpy(c->name, name, sizeof c->name);
	return c;
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	if (c->fd != -1)
		close(c->fd);
	book_close(c->book);
	buf_free(&c->in);
	free(c);
}

/* Fill err with the failure of a call on the socket, errno intact. */
static int
client_fail(struct client *c, struct lx_err *err)
{
	const char *fmt = "%s: %s";

	if (errno == ENOENT || errno == ECONNREFUSED)
		fmt = MSG_E_HINT_RUNNING;
	else if (errno == EACCES || errno == EPERM)
		fmt = MSG_E_HINT_GROUP;
	return lx_err_set(err, CLIENT_E_LINK, fmt, c->name, strerror(errno));
}

/* The newline ending the next unread line, or NULL if none has come. */
static const char *
client_newline(const struct client *c)
{
	if (c->pos == c->in.len) /* in.p is NULL until the first read */
		return NULL;
	return memchr(c->in.p + c->pos, '\n', c->in.len - c->pos);
}

/*
 * The next line of the reply, without its newline, in *line and *len
 * (valid until the next call).  0, or -1 with err CLIENT_E_LINK.
 */
static int
client_read_line(
    struct client *c, const char **line, size_t *len, struct lx_err *err)
{
	char chunk[CLIENT_CHUNK];
	const char *nl;
	ssize_t n;

	while ((nl = client_newline(c)) == NULL) {
		if (c->in.len - c->pos > CLIENT_MAX_LINE)
			return lx_err_set(
			    err, CLIENT_E_LINK, MSG_E_LONG_LINE, c->name);
		buf_consume(&c->in, c->pos);
		c->pos = 0;
		n = recv(c->fd, chunk, sizeof chunk, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return lx_err_set(err, CLIENT_E_LINK, MSG_E_TIMEOUT,
			    c->name, CLIENT_TIMEOUT);
		if (n == -1)
			return client_fail(c, err);
		if (n == 0)
			return lx_err_set(
			    err, CLIENT_E_LINK, MSG_E_CLOSED, c->name);
		buf_add(&c->in, chunk, (size_t)n);
	}
	*line = c->in.p + c->pos;
	*len = (size_t)(nl - *line);
	c->pos += *len + 1;
	return 0;
}

/* Read "OK LOAXA <version>" and check that we speak that version. */
static int
client_greet(struct client *c, struct lx_err *err)
{
	const char *line, *key, *value;
	size_t len, klen, vlen;
	int64_t v;
	char word[16];
	int code;

	if (client_read_line(c, &line, &len, err) != 0)
		return -1;
	if (proto_reply_parse(line, len, &key, &klen, &value, &vlen, &code) ==
	    PROTO_ERR)
		return lx_err_set(err, CLIENT_E_LINK, "%s: %.*s", c->name,
		    CLIENT_QUOTE(vlen), value);
	if (len < 10 || len > 20 || memcmp(line, "OK LOAXA ", 9) != 0)
		return lx_err_set(err, CLIENT_E_LINK, MSG_E_GREETING, c->name,
		    CLIENT_QUOTE(len), line);
	memcpy(word, line + 9, len - 9);
	word[len - 9] = '\0';
	if (lx_int_parse(word, 0, INT32_MAX, &v) != 0)
		return lx_err_set(err, CLIENT_E_LINK, MSG_E_GREETING, c->name,
		    CLIENT_QUOTE(len), line);
	if (v != LX_PROTO_VERSION)
		return lx_err_set(err, CLIENT_E_LINK, MSG_E_PROTO_VERSION,
		    c->name, (int)v, LX_PROTO_VERSION);
	return 0;
}

/*
 * Ask loaxad to word its errors in our language (LC_MESSAGES), unless
 * that is English.  A daemon without that language answers in English:
 * only a broken connection is an error.
 */
static int
client_lang(struct client *c, struct lx_err *err)
{
	const char *name = setlocale(LC_MESSAGES, NULL);
	const char *argv[] = {"lang", name};
	struct reply r = {0};
	int rc = 0;

	if (name == NULL || strcmp(name, "C") == 0 ||
	    strcmp(name, "POSIX") == 0 || strncmp(name, "C.", 2) == 0)
		return 0;
	if (client_request(c, 2, argv, -1, &r, err) != 0 &&
	    err->code == CLIENT_E_LINK)
		rc = -1;
	reply_free(&r);
	return rc;
}

struct client *
client_connect(const char *path, struct lx_err *err)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct timeval tv = {.tv_sec = CLIENT_TIMEOUT};
	struct client *c;

	if (lx_strlcpy(sun.sun_path, path, sizeof sun.sun_path) != 0) {
		lx_err_set(err, CLIENT_E_LINK, MSG_E_PATH_LONG, path);
		return NULL;
	}
	c = client_new(path);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd == -1 ||
	    connect(c->fd, (struct sockaddr *)&sun, sizeof sun) == -1 ||
	    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == -1) {
		client_fail(c, err);
		client_close(c);
		return NULL;
	}
	if (client_greet(c, err) != 0 || client_lang(c, err) != 0) {
		client_close(c);
		return NULL;
	}
	return c;
}

struct client *
client_open_db(const char *path, struct lx_err *err)
{
	struct client *c = client_new(path);
	struct stat st;

	if (stat(path, &st) == -1) {
		lx_err_set(err, CLIENT_E_LINK, "%s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		lx_err_set(err, CLIENT_E_LINK, MSG_E_NOT_FILE, path);
	} else if ((c->book = book_open(path, BOOK_READONLY, err)) == NULL) {
		char msg[sizeof err->msg];

		/* Name the file once, whether or not the book did. */
		memcpy(msg, err->msg, sizeof msg);
		if (strstr(msg, path) == NULL)
			lx_err_set(err, CLIENT_E_LINK, "%s: %s", path, msg);
		err->code = CLIENT_E_LINK;
	} else {
		return c;
	}
	client_close(c);
	return NULL;
}

/* Write the whole line; the descriptor, if any, rides on its first byte. */
static int
client_send(
    struct client *c, const char *p, size_t len, int fd, struct lx_err *err)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} cm;

	while (len > 0) {
		struct iovec iov = {(void *)p, len};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
		ssize_t n;

		if (fd >= 0) {
			memset(&cm, 0, sizeof cm);
			mh.msg_control = cm.b;
			mh.msg_controllen = sizeof cm.b;
			cm.h.cmsg_level = SOL_SOCKET;
			cm.h.cmsg_type = SCM_RIGHTS;
			cm.h.cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(&cm.h), &fd, sizeof fd);
		}
		n = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return client_fail(c, err);
		p += n;
		len -= (size_t)n;
		fd = -1;
	}
	return 0;
}

/* The request as one line: words quoted, newline-terminated. */
static int
client_line(
    struct buf *line, int argc, const char *const *argv, struct lx_err *err)
{
	if (argc > LX_MAX_ARGS)
		return lx_err_set(
		    err, CLIENT_E_INPUT, MSG_E_REQUEST_WORDS, LX_MAX_ARGS);
	for (int i = 0; i < argc; i++) {
		if (strpbrk(argv[i], "\r\n") != NULL)
			return lx_err_set(
			    err, CLIENT_E_INPUT, MSG_E_REQUEST_NEWLINE);
		if (i > 0)
			buf_add(line, " ", 1);
		proto_quote(line, argv[i]);
	}
	buf_add(line, "\n", 1);
	if (line->len > LX_MAX_LINE)
		return lx_err_set(
		    err, CLIENT_E_INPUT, MSG_E_REQUEST_LONG, LX_MAX_LINE);
	return 0;
}

/* Read reply lines into out up to OK (0) or ERR (-1, err is its own). */
static int
client_reply(struct client *c, struct reply *out, struct lx_err *err)
{
	const char *line, *key, *value;
	size_t len, klen, vlen;
	int code;

	for (;;) {
		if (client_read_line(c, &line, &len, err) != 0)
			return -1;
		switch (proto_reply_parse(
		    line, len, &key, &klen, &value, &vlen, &code)) {
		case PROTO_KV:
			reply_add(out, key, klen, value, vlen);
			break;
		case PROTO_OK:
			return 0;
		case PROTO_ERR:
			return lx_err_set(err, code, "%.*s", (int)vlen, value);
		default:
			return lx_err_set(err, CLIENT_E_LINK, MSG_E_BAD_LINE,
			    c->name, CLIENT_QUOTE(len), line);
		}
	}
}

/* Answer a query from the --db book, as loaxad would. */
static int
client_query(struct client *c, int argc, const char *const *argv,
    struct reply *out, struct lx_err *err)
{
	const struct lx_command *cmd = lx_command_find(argv[0]);
	struct buf b = {0};
	int rc;

	if (cmd == NULL || !lx_command_is_query(cmd) ||
	    !query_answers(lx_command_id(cmd)))
		return lx_err_set(err, CLIENT_E_INPUT, MSG_E_NEEDS_DAEMON);
	if (lx_command_arity(cmd, argc - 1, err) == -1)
		return -1;
	/* query_run only reads argv; its prototype is the server's. */
	rc = query_run(c->book, lx_command_id(cmd), argc, (char **)argv,
	    when_now(), &b, err);
	if (rc == 0 && reply_add_text(out, b.p ? b.p : "", b.len, err) != 0) {
		err->code = CLIENT_E_LINK;
		rc = -1;
	} else if (rc != 0 && err->code == LX_OK)
		err->code = LX_E_IO;
	buf_free(&b);
	return rc;
}

int
client_request(struct client *c, int argc, const char *const *argv, int fd,
    struct reply *out, struct lx_err *err)
{
	struct buf line = {0};
	int rc;

	if (c->book != NULL)
		return client_query(c, argc, argv, out, err);
	rc = client_line(&line, argc, argv, err);
	if (rc == 0)
		rc = client_send(c, line.p, line.len, fd, err);
	if (rc == 0)
		rc = client_reply(c, out, err);
	buf_free(&line);
	return rc;
}
