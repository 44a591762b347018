/*
 * Where loaxactl's answers come from: loaxad's socket (greeting, one
 * request line with an optional descriptor, a reply read to OK or ERR),
 * or, with --db, query_run on a database file opened read-only.
 */
#ifndef CLIENT_H
#define CLIENT_H

#include "../proto/lx.h"
#include "reply.h"

/* lx_err codes of failures that are not loaxad's ERR answers. */
#define CLIENT_E_LINK (-1) /* the socket or database could not be used */
#define CLIENT_E_INPUT (-2) /* the request cannot be sent as it is */

#define CLIENT_TIMEOUT                                                         \
	300 /* seconds to wait for a reply (clip add                           \
	       decodes the whole file first) */

struct client;

/*
 * Connect to loaxad at path and read its greeting.  Returns a client to
 * client_close, or NULL with err CLIENT_E_LINK, the message naming path.
 */
struct client *client_connect(const char *path, struct lx_err *err);

/*
 * Open the database file at path read-only, to answer queries as loaxad
 * would.  Returns a client, or NULL with err CLIENT_E_LINK.
 */
struct client *client_open_db(const char *path, struct lx_err *err);

/*
 * Send the request argv[0..argc-1] (with descriptor fd unless fd < 0) and
 * append the reply's pairs to out.  Returns 0 on OK; -1 with err holding
 * loaxad's ERR code and message, or CLIENT_E_LINK (connection, protocol or
 * database trouble), or CLIENT_E_INPUT (too long, too many words).
 */
int client_request(struct client *c, int argc, const char *const *argv, int fd,
    struct reply *out, struct lx_err *err);

/* Close the connection or database; NULL is fine. */
void client_close(struct client *c);

#endif
