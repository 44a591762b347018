/*
 * The control socket and its connections: accept with peer credentials
 * (SO_PEERCRED, then all of the user's groups), read lines and passed
 * descriptors, write queued replies.  Limits close the connection.
 */
#include <errno.h>
#include <grp.h>
#include <stddef.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "server.h"

#define SERVER_MAX_FDS 4 /* descriptors taken from one read */

struct conn {
	struct server *srv;
	struct conn *next;
	int fd;
	ev_io rio;
	ev_io wio;
	struct client cl;
	struct buf in;
	struct buf out;
	int closing; /* close once out is flushed */
	int later; /* a reply is to come (SERVER_LATER) */
	int gone; /* the client went while a reply was to come */
};

struct server {
	struct ev_loop *loop;
	int fd;
	ev_io accept_io;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	gid_t group;
	int has_group;
	server_handler *handler;
	void *ctx;
	struct conn *conns;
	int nconns;
};

static void
conn_free(struct conn *c)
{
	struct server *s = c->srv;
	struct conn **pp;

	/* Its request still runs: free it when the reply comes. */
	if (c->later) {
		c->gone = 1;
		ev_io_stop(s->loop, &c->rio);
		ev_io_stop(s->loop, &c->wio);
		return;
	}

	for (pp = &s->conns; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	s->nconns--;
	ev_io_stop(s->loop, &c->rio);
	ev_io_stop(s->loop, &c->wio);
	close(c->fd);
	if (c->cl.passed_fd >= 0)
		close(c->cl.passed_fd);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c);
}

/* Start writing if there is something to write. */
static void
conn_flush_later(struct conn *c)
{
	if (c->out.len > 0)
		ev_io_start(c->srv->loop, &c->wio);
}

static void
conn_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct conn *c = w->data;
	ssize_t n;

	(void)loop, (void)revents;
	n = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == -1) {
		conn_free(c);
		return;
	}
	buf_consume(&c->out, (size_t)n);
	if (c->out.len > 0)
		return;
	ev_io_stop(c->srv->loop, &c->wio);
	if (c->closing)
		conn_free(c);
}

/* Keep descriptors passed with the data; the newest one wins. */
static void
conn_take_fds(struct conn *c, struct msghdr *msg)
{
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm != NULL;
	     cm = CMSG_NXTHDR(msg, cm)) {
		int n;

		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		n = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (int i = 0; i < n; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof fd);
			if (c->cl.passed_fd >= 0)
				close(c->cl.passed_fd);
			c->cl.passed_fd = fd;
		}
	}
}

/* Answer each complete line in c->in. */
static void
conn_lines(struct conn *c)
{
	char *nl;

	while (!c->closing && !c->later &&
	    (nl = memchr(c->in.p, '\n', c->in.len))) {
		size_t len = (size_t)(nl - c->in.p);
		int rc;

		if (len > 0 && c->in.p[len - 1] == '\r')
			len--;
		rc =
		    c->srv->handler(c->srv->ctx, &c->cl, c->in.p, len, &c->out);
		if (rc == -1)
			c->closing = 1;
		c->later = rc == SERVER_LATER;
		buf_consume(&c->in, (size_t)(nl - c->in.p) + 1);
	}
	if (!c->closing && c->in.len >= LX_MAX_LINE) {
		buf_printf(&c->out, "ERR %d line too long\n", LX_E_LIMIT);
		c->closing = 1;
	}
	if (!c->closing && c->out.len > LX_MAX_OUTQ) {
		log_warnx("client uid %u: too much unread output; closing",
		    (unsigned)c->cl.uid);
		conn_free(c);
		return;
	}
	if (c->closing || c->later)
		ev_io_stop(c->srv->loop, &c->rio);
	conn_flush_later(c);
}

void
server_reply_later(struct client *cl, const char *reply, size_t len)
{
	struct conn *c =
	    (struct conn *)(void *)((char *)cl - offsetof(struct conn, cl));

	c->later = 0;
	if (c->gone) {
		conn_free(c);
		return;
	}
	buf_add(&c->out, reply, len);
	ev_io_start(c->srv->loop, &c->rio);
	conn_lines(c);
}

static void
conn_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct conn *c = w->data;
	char data[LX_MAX_LINE];
	union {
		struct cmsghdr hdr;
		char space[CMSG_SPACE(SERVER_MAX_FDS * sizeof(int))];
	} ctl;
	struct iovec iov = {data, sizeof data};
	struct msghdr msg = {0};
	ssize_t n;

	(void)loop, (void)revents;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.space;
	msg.msg_controllen = sizeof ctl.space;
	n = recvmsg(c->fd, &msg, MSG_CMSG_CLOEXEC);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		conn_free(c);
		return;
	}
	conn_take_fds(c, &msg);
	buf_add(&c->in, data, (size_t)n);
	conn_lines(c);
}

/* Root, or the operator group among all of uid's groups (as id(1)). */
static int
server_may_change(
    struct server *s, const struct passwd *pw, uid_t uid, gid_t gid)
{
	gid_t groups[256];
	int n = 256;

	if (uid == 0)
		return 1;
	if (!s->has_group)
		return 0;
	if (gid == s->group)
		return 1;
	if (pw == NULL)
		return 0;
	if (getgrouplist(pw->pw_name, gid, groups, &n) == -1)
		return 0;
	for (int i = 0; i < n; i++)
		if (groups[i] == s->group)
			return 1;
	return 0;
}

/*
 * Who the peer is: cl->user (uid's name, or the uid where it has none)
 * and cl->may_change: root, or the operator group among all of uid's
 * groups (as id(1)).
 */
static void
server_identify(struct server *s, struct client *cl, gid_t gid)
{
	struct passwd pw, *pwp = NULL;
	char pwbuf[4096];

	if (getpwuid_r(cl->uid, &pw, pwbuf, sizeof pwbuf, &pwp) != 0)
		pwp = NULL;
	/* A name the record cannot carry as one word of text: the uid. */
	if (pwp == NULL || pw.pw_name[0] == '\0' ||
	    lx_strlcpy(cl->user, pw.pw_name, sizeof cl->user) == -1 ||
	    !lx_utf8_valid(cl->user, strlen(cl->user)) ||
	    strpbrk(cl->user, " \t") != NULL)
		snprintf(cl->user, sizeof cl->user, "%u", (unsigned)cl->uid);
	cl->may_change = server_may_change(s, pwp, cl->uid, gid);
}

static void
server_accept_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct server *s = w->data;
	struct ucred cred;
	socklen_t len = sizeof cred;
	struct conn *c;
	int fd;

	(void)revents;
	fd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn("accept");
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1) {
		log_warn("SO_PEERCRED");
		close(fd);
		return;
	}
	if (s->nconns >= LX_MAX_CLIENTS) {
		dprintf(fd, "ERR %d too many connections\n", LX_E_LIMIT);
		close(fd);
		return;
	}
	c = xcalloc(1, sizeof *c);
	c->srv = s;
	c->fd = fd;
	c->cl.uid = cred.uid;
	c->cl.pid = cred.pid;
	c->cl.passed_fd = -1;
	server_identify(s, &c->cl, cred.gid);
	c->next = s->conns;
	s->conns = c;
	s->nconns++;
	ev_io_init(&c->rio, conn_read_cb, fd, EV_READ);
	ev_io_init(&c->wio, conn_write_cb, fd, EV_WRITE);
	c->rio.data = c->wio.data = c;
	ev_io_start(loop, &c->rio);
	buf_printf(&c->out, "OK LOAXA %d\n", LX_PROTO_VERSION);
	conn_flush_later(c);
}

/* Bind and listen on s->path; 0 or -1 with err. */
static int
server_listen(struct server *s, struct lx_err *err)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	mode_t old;
	int rc;

	memcpy(sun.sun_path, s->path, sizeof s->path);
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd == -1)
		return lx_err_set(err, LX_E_IO, "socket: %s", strerror(errno));
	/* A socket someone answers on is not stale: leave it alone. */
	if (connect(s->fd, (struct sockaddr *)&sun, sizeof sun) == 0)
		return lx_err_set(err, LX_E_IO,
		    "%s: another loaxad is listening there", s->path);
	close(s->fd);
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd == -1)
		return lx_err_set(err, LX_E_IO, "socket: %s", strerror(errno));
	if (unlink(s->path) == -1 && errno != ENOENT)
		return lx_err_set(
		    err, LX_E_IO, "%s: %s", s->path, strerror(errno));
	old = umask(0077);
	rc = bind(s->fd, (struct sockaddr *)&sun, sizeof sun);
	umask(old);
	if (rc == -1 || listen(s->fd, 16) == -1)
		return lx_err_set(
		    err, LX_E_IO, "%s: %s", s->path, strerror(errno));
	if (s->has_group && chown(s->path, (uid_t)-1, s->group) == -1)
		log_warn("%s: chgrp", s->path);
	if (chmod(s->path, 0660) == -1)
		return lx_err_set(
		    err, LX_E_IO, "%s: chmod: %s", s->path, strerror(errno));
	return 0;
}

struct server *
server_open(struct ev_loop *loop, const char *path, const char *group,
    server_handler *handler, void *ctx, struct lx_err *err)
{
	struct server *s = xcalloc(1, sizeof *s);
	struct group *gr = getgrnam(group);

	s->loop = loop;
	s->fd = -1;
	s->handler = handler;
	s->ctx = ctx;
	if (gr != NULL) {
		s->group = gr->gr_gid;
		s->has_group = 1;
	} else {
		log_warnx("group %s: no such group; only root may change state",
		    group);
	}
	if (lx_strlcpy(s->path, path, sizeof s->path) == -1) {
		lx_err_set(err, LX_E_ARG, "%s: socket path too long", path);
		free(s);
		return NULL;
	}
	if (server_listen(s, err) == -1) {
		if (s->fd >= 0)
			close(s->fd);
		free(s);
		return NULL;
	}
	ev_io_init(&s->accept_io, server_accept_cb, s->fd, EV_READ);
	s->accept_io.data = s;
	ev_io_start(loop, &s->accept_io);
	return s;
}

void
server_close(struct server *s)
{
	if (s == NULL)
		return;
	while (s->conns != NULL) {
		s->conns->later = 0;
		conn_free(s->conns);
	}
	ev_io_stop(s->loop, &s->accept_io);
	close(s->fd);
	unlink(s->path);
	free(s);
}
