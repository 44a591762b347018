/*
 * The command table (proto/command.c): sorted, its arity agreeing with
 * its synopses, complete against docs/protocol.md, and every row answered
 * by loaxad, by the book where it is a query, and offered by loaxactl
 * where it has loaxactl words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ctl/cmd.h"
#include "../../daemon/commands.h"
#include "../../proto/command.c"
#include "../../schedules/query.h"
#include "check.h"

/* A table out of order, or whose counts disagree, is refused. */
static void
test_rows(void)
{
	struct lx_command rows[2] = {lx_commands[1], lx_commands[0]};
	struct lx_err err;

	CHECK(command_check_rows(lx_commands, LX_CMD_COUNT, &err) == 0);
	CHECK(command_check_rows(rows, 2, &err) == -1);
	CHECK(strstr(err.msg, "not sorted") != NULL);
	rows[0] = lx_commands[LX_CMD_PLAY];
	rows[0].max_args = 1;
	CHECK(command_check_rows(rows, 1, &err) == -1);
	CHECK(strstr(err.msg, "play") != NULL);
	rows[0] = lx_commands[LX_CMD_STOP];
	rows[0].ctl_args = NULL;
	CHECK(command_check_rows(rows, 1, &err) == -1);
}

/* Each row: found by name, a synopsis, and a handler on each side. */
static void
test_handlers(void)
{
	struct lx_err err = {0, ""};

	CHECK(commands_check(&err) == 0);
	CHECK(ctl_cmds_check(&err) == 0);
	if (err.msg[0] != '\0')
		printf("%s\n", err.msg);
	for (int i = 0; i < LX_CMD_COUNT; i++) {
		const struct lx_command *c = &lx_commands[i];

		CHECK(lx_command_find(c->name) == c);
		CHECK(lx_command_id(c) == (enum lx_cmd)i);
		CHECK(c->args != NULL);
		CHECK_EQ(query_answers((enum lx_cmd)i), lx_command_is_query(c));
		if (c->ctl == NULL)
			continue;
		CHECK(ctl_cmd_for((enum lx_cmd)i)->help != NULL);
		CHECK(c->ctl_args != NULL);
	}
	CHECK(lx_command_find("") == NULL);
	CHECK(lx_command_find("clip") == NULL);
	CHECK(lx_command_find("zzz") == NULL);
}

static void
test_arity(void)
{
	const struct lx_command *play = lx_command_find("play");
	struct lx_err err;

	CHECK(lx_command_arity(play, 0, &err) == -1);
	CHECK_EQ(err.code, LX_E_ARG);
	CHECK_STR(err.msg, "usage: play CLIP [now]");
	CHECK(lx_command_arity(play, 1, &err) == 0);
	CHECK(lx_command_arity(play, 2, &err) == 0);
	CHECK(lx_command_arity(play, 3, &err) == -1);
	CHECK(lx_command_arity(lx_command_find("stop"), 1, &err) == -1);
	CHECK_STR(err.msg, "usage: stop");
}

static void
test_ctl_words(void)
{
	CHECK(lx_command_by_ctl("clip", "add") == &lx_commands[LX_CMD_CLIPADD]);
	CHECK(lx_command_by_ctl("schedule", "next") ==
	    &lx_commands[LX_CMD_SCHEDULENEXT]);
	CHECK(lx_command_by_ctl("log", NULL) == &lx_commands[LX_CMD_LOG]);
	CHECK(lx_command_by_ctl("clip", NULL) == NULL);
	CHECK(lx_command_by_ctl("cli", "add") == NULL);
	CHECK(lx_command_by_ctl("help", NULL) == NULL);
	CHECK(lx_command_by_ctl("log", "x") == NULL);
}

/*
 * docs/protocol.md names each command in a heading "### `name ...`" (some
 * headings name two).  Every name there is in the table, and every row is
 * there.
 */
static void
test_documented(void)
{
	char line[512];
	int seen[LX_CMD_COUNT] = {0};
	FILE *f = fopen(LX_SOURCE_DIR "/docs/protocol.md", "r");

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;

		if (strncmp(line, "### ", 4) != 0)
			continue;
		while ((p = strchr(p, '`')) != NULL) {
			char name[64];
			const struct lx_command *c;
			size_t n = strcspn(p + 1, " `");

			snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
			c = lx_command_find(name);
			if (c == NULL)
				printf("docs/protocol.md: '%s' is not in the "
				       "command table\n",
				    name);
			CHECK(c != NULL);
			if (c != NULL)
				seen[lx_command_id(c)] = 1;
			p = strchr(p + 1, '`');
			if (p == NULL)
				break;
			p++;
		}
	}
	fclose(f);
	for (int i = 0; i < LX_CMD_COUNT; i++) {
		if (!seen[i])
			printf("command %s: not in docs/protocol.md\n",
			    lx_commands[i].name);
		CHECK(seen[i]);
	}
}

int
main(void)
{
	test_rows();
	test_handlers();
	test_arity();
	test_ctl_words();
	test_documented();
	return failed;
}
