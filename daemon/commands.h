/*
 * loaxad's side of the command table (proto/command.h): a handler for
 * each row.  Unknown commands, arity and permission are checked here once,
 * before any handler runs.
 */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <locale.h>
#include <stddef.h>

#include "../schedules/book.h"
#include "conf.h"
#include "ingest.h"
#include "library.h"
#include "onair.h"
#include "quota.h"
#include "server.h"

/* A language clients asked for, loaded once (newlocale). */
struct commands_lang {
	char name[LX_MAX_LANG];
	locale_t loc;
};

struct commands {
	struct book *book;
	struct library *lib;
	struct ingest *ingest;
	struct onair *onair;
	const struct conf *conf;
	struct quota *quota;
	struct commands_lang langs[LX_MAX_LANGS]; /* [0] is "C" once used */
	int nlangs;
};

/*
 * Check the command table and that loaxad has a handler for every row.
 * 0, or -1 with err naming the first problem; main() calls it at start.
 */
int commands_check(struct lx_err *err);

/*
 * The server_handler: answer one request line for cl, as cmds (ctx), in
 * the language cl asked for with "lang" (English if none).
 */
int commands_run(void *ctx, struct client *cl, const char *line, size_t len,
    struct buf *out);

/* Free the languages loaded for clients. */
void commands_free(struct commands *cmds);

#endif
