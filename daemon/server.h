/*
 * The control socket: a Unix stream socket (mode 0660, the operator group)
 * accepting up to LX_MAX_CLIENTS connections, each reading request lines
 * (with a passed descriptor, SCM_RIGHTS) and queueing replies.  What a
 * line means is the handler's business (commands.c).
 */
#ifndef SERVER_H
#define SERVER_H

#include <ev.h>
#include <stddef.h>
#include <sys/types.h>

#include "../proto/buf.h"
#include "../proto/lx.h"

/* Who is on the other end, read once at accept. */
struct client {
	uid_t uid;
	pid_t pid;
	char user[LX_MAX_USER]; /* uid's name, or the uid where it has none */
	int may_change; /* root, or a member of the operator group */
	int passed_fd; /* a descriptor passed with the request, or -1 */
	char lang[LX_MAX_LANG]; /* its messages' locale ("lang"); "": C */
};

/*
 * Answer one request line (len bytes, no newline): append the reply,
 * closed by OK or ERR, to out.  Return -1 to close the connection after
 * the reply is sent, or SERVER_LATER when the reply will come through
 * server_reply_later (the connection reads no further line until then).
 */
#define SERVER_LATER 1
typedef int server_handler(void *ctx, struct client *cl, const char *line,
    size_t len, struct buf *out);

struct server;

/*
 * Listen on path (stale socket unlinked, bound under umask 077, then
 * chmod 0660 and chgrp group when that group exists).  NULL with err.
 */
struct server *server_open(struct ev_loop *loop, const char *path,
    const char *group, server_handler *handler, void *ctx, struct lx_err *err);

/*
 * The reply (len bytes, closed by OK or ERR) to cl's request that its
 * handler answered SERVER_LATER; the connection then reads on.  A client
 * that went meanwhile is freed now.  Only on the loop's thread.
 */
void server_reply_later(struct client *cl, const char *reply, size_t len);

/* Close every connection and the socket, unlink it; NULL is fine. */
void server_close(struct server *s);

#endif
