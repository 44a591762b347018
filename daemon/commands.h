/*
 * The protocol's commands: one sorted table of name, arity, whether it
 * changes state, handler and usage.  Unknown commands, arity and
 * permission are checked here once, before any handler runs.
 */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stddef.h>

#include "../schedules/book.h"
#include "conf.h"
#include "library.h"
#include "onair.h"
#include "server.h"

struct commands {
	struct book *book;
	struct library *lib;
	struct onair *onair;
	const struct conf *conf;
};

/* The server_handler: answer one request line for cl, as cmds (ctx). */
int commands_run(void *ctx, struct client *cl, const char *line, size_t len,
    struct buf *out);

#endif
