/*
 * Unit tests for daemon/conf.c: config text to struct, each error as
 * "FILE:LINE: message" and all of them, flags mapped to keys.  Includes
 * the module's .c to reach conf_find.
 */
#include <stdio.h>
#include <string.h>

#include "../../daemon/conf.c"
#include "check.h"

#define SEC INT64_C(1000000)

/* Parse text (a C string) as t.conf over the defaults; the error count. */
static int
parse(struct conf *c, const char *text, struct buf *errs)
{
	conf_defaults(c);
	buf_reset(errs);
	if (errs->p == NULL)
		buf_add(errs, "", 0);
	return conf_parse(c, text, strlen(text), "t.conf", errs);
}

/* text has exactly one error, on line `line`, with why in it. */
static void
one_error(int at, const char *text, int line, const char *why)
{
	struct buf errs = {0};
	struct conf c;
	char want[32];
	int n = parse(&c, text, &errs);

	snprintf(want, sizeof want, "t.conf:%d: ", line);
	if (n != 1 || strncmp(errs.p, want, strlen(want)) != 0 ||
	    strstr(errs.p, why) == NULL) {
		printf("line %d: want one '%s...%s', got %d: %s", at, want, why,
		    n, errs.p);
		failed = 1;
	}
	buf_free(&errs);
}

#define ONE_ERROR(text, line, why) one_error(__LINE__, text, line, why)

static void
test_defaults(void)
{
	struct buf errs = {0};
	struct conf c;

	CHECK_EQ(parse(&c, "", &errs), 0);
	CHECK_STR(c.state_dir, "/var/lib/loaxa");
	CHECK_STR(c.socket, LX_DEFAULT_SOCKET);
	CHECK_STR(c.device, "default");
	CHECK_STR(c.operator_group, "loaxa-operators");
	CHECK_EQ(c.max_delay, 900 * SEC);
	CHECK_EQ(c.catch_up, 600 * SEC);
	CHECK_EQ(c.preroll, 2 * SEC);
	CHECK_EQ(c.quota_per_month, 2);
	CHECK_EQ(c.max_clip_size, INT64_C(1) << 30);
	CHECK_EQ(c.min_free_space, INT64_C(64) << 20);
	CHECK_EQ(errs.len, 0);
	buf_free(&errs);
}

static void
test_forms(void)
{
	struct buf errs = {0};
	struct conf c;

	CHECK_EQ(parse(&c,
	             "state_dir /srv/loaxa\n"
	             "socket = /run/l.sock\n"
	             "device\thw:1,0\n"
	             "operator_group=radio\n"
	             "max_delay =30\n"
	             "catch_up= 5\n"
	             "  preroll_ms \t 250  \n"
	             "quota_per_month 4\n"
	             "commune   Xã Mỹ Luận  ",
	             &errs),
	    0);
	CHECK_STR(c.commune, "Xã Mỹ Luận");
	CHECK_STR(c.state_dir, "/srv/loaxa");
	CHECK_STR(c.socket, "/run/l.sock");
	CHECK_STR(c.device, "hw:1,0");
	CHECK_STR(c.operator_group, "radio");
	CHECK_EQ(c.max_delay, 30 * SEC);
	CHECK_EQ(c.catch_up, 5 * SEC);
	CHECK_EQ(c.preroll, 250 * INT64_C(1000));
	CHECK_EQ(c.quota_per_month, 4);
	/* A later line wins over an earlier one. */
	CHECK_EQ(parse(&c, "max_delay 1\nmax_delay 2\n", &errs), 0);
	CHECK_EQ(c.max_delay, 2 * SEC);
	/* Sizes: bytes, or K, M, G, T as powers of 1024. */
	CHECK_EQ(
	    parse(&c, "max_clip_size 2G\nmin_free_space 1000\n", &errs), 0);
	CHECK_EQ(c.max_clip_size, INT64_C(2) << 30);
	CHECK_EQ(c.min_free_space, 1000);
	CHECK_EQ(parse(&c, "max_clip_size 5K\nmin_free_space 3T\n", &errs), 0);
	CHECK_EQ(c.max_clip_size, 5 * 1024);
	CHECK_EQ(c.min_free_space, INT64_C(3) << 40);
	buf_free(&errs);
}

static void
test_comments_blanks(void)
{
	struct buf errs = {0};
	struct conf c;

	CHECK_EQ(parse(&c,
	             "# loaxad.conf\n"
	             "\n"
	             "   \t \n"
	             "\t# indented comment\n"
	             "max_delay 7 # seconds\n"
	             "device hw:2#not part of the value\n"
	             "catch_up 9\r\n"
	             "\r\n"
	             "#max_delay 99\n",
	             &errs),
	    0);
	CHECK_EQ(c.max_delay, 7 * SEC);
	CHECK_STR(c.device, "hw:2");
	CHECK_EQ(c.catch_up, 9 * SEC);
	buf_free(&errs);
}

static void
test_errors(void)
{
	ONE_ERROR("max_delay 5\n\nbogus 1\n", 3, "unknown key 'bogus'");
	ONE_ERROR("Max_Delay 5\n", 1, "unknown key 'Max_Delay'");
	ONE_ERROR("max-delay 5\n", 1, "unknown key 'max-delay'");
	ONE_ERROR("max_delay\n", 1, "max_delay: missing value");
	ONE_ERROR("device =  \n", 1, "device: missing value");
	ONE_ERROR("max_delay\r\n", 1, "max_delay: missing value");
	ONE_ERROR("state_dir var/lib/loaxa\n", 1, "not an absolute path");
	ONE_ERROR("socket ./loaxad.sock\n", 1, "not an absolute path");
	ONE_ERROR("socket ~/loaxad.sock\n", 1, "not an absolute path");
	ONE_ERROR("device two words\n", 1, "device: spaces in 'two words'");
	ONE_ERROR("state_dir /a b\n", 1, "spaces in");
	ONE_ERROR("max_delay -1\n", 1, "bad max_delay '-1'");
	ONE_ERROR("max_delay 1.5\n", 1, "bad max_delay '1.5'");
	ONE_ERROR("max_delay 10s\n", 1, "bad max_delay '10s'");
	ONE_ERROR("max_delay 0x10\n", 1, "bad max_delay");
	ONE_ERROR("max_delay 86400001\n", 1, "bad max_delay");
	ONE_ERROR("max_clip_size 1g\n", 1, "bad max_clip_size");
	ONE_ERROR("max_clip_size G\n", 1, "bad size 'G'");
	ONE_ERROR("max_clip_size -1M\n", 1, "bad max_clip_size");
	ONE_ERROR("min_free_space 9999999T\n", 1, "bad min_free_space");
	ONE_ERROR("preroll_ms 99999999999999999999\n", 1, "bad preroll_ms");
	ONE_ERROR("quota_per_month 0\n", 1, "bad quota_per_month '0'");
	ONE_ERROR("commune \xc3\x28\n", 1, "commune: not valid UTF-8 text");
	ONE_ERROR("commune\n", 1, "commune: missing value");
	ONE_ERROR("catch_up == 5\n", 1, "bad catch_up");
	ONE_ERROR("= 5\n", 1, "unknown key ''");
	ONE_ERROR("\n\nmax_delay 1\nmax_delay x\n", 4, "bad max_delay");
}

static void
test_limits(void)
{
	char text[LX_MAX_LINE + 64];
	struct buf errs = {0};
	struct conf c;

	/* A socket path past sun_path. */
	strcpy(text, "socket /");
	memset(text + 8, 's', 200);
	text[208] = '\0';
	ONE_ERROR(text, 1, "socket: value too long");
	/* A line past LX_MAX_LINE, then a good one still read. */
	memset(text, '#', LX_MAX_LINE + 10);
	strcpy(text + LX_MAX_LINE + 10, "\nmax_delay 3\n");
	ONE_ERROR(text, 1, "line too long");
	CHECK_EQ(parse(&c, text, &errs), 1);
	CHECK_EQ(c.max_delay, 3 * SEC);
	/* A NUL byte is named as such, and the next line is read. */
	conf_defaults(&c);
	buf_reset(&errs);
	CHECK_EQ(
	    conf_parse(&c, "device a\0b\nmax_delay 4", 22, "t.conf", &errs), 1);
	CHECK(strstr(errs.p, "t.conf:1: NUL byte") == errs.p);
	CHECK_EQ(c.max_delay, 4 * SEC);
	buf_free(&errs);
}

/* Every bad line is reported, each with its number; good lines apply. */
static void
test_all_errors(void)
{
	struct buf errs = {0};
	struct conf c;
	int n = parse(&c,
	    "bogus 1\n"
	    "max_delay 60\n"
	    "state_dir relative\n"
	    "# fine\n"
	    "catch_up x\n"
	    "device hw:3\n"
	    "other = thing\n",
	    &errs);

	CHECK_EQ(n, 4);
	CHECK_STR(errs.p,
	    "t.conf:1: unknown key 'bogus'\n"
	    "t.conf:3: state_dir: 'relative' is not an absolute path\n"
	    "t.conf:5: bad catch_up 'x'\n"
	    "t.conf:7: unknown key 'other'\n");
	CHECK_EQ(c.max_delay, 60 * SEC);
	CHECK_STR(c.device, "hw:3");
	CHECK_STR(c.state_dir, "/var/lib/loaxa");
	CHECK_EQ(c.catch_up, 600 * SEC);
	buf_free(&errs);
}

static void
test_flags(void)
{
	char key[64], tiny[4];
	struct lx_err err;
	struct conf c;

	CHECK(conf_flag_key("--max-delay", key, sizeof key) == 0);
	CHECK_STR(key, "max_delay");
	CHECK(conf_flag_key("--state-dir", key, sizeof key) == 0);
	CHECK_STR(key, "state_dir");
	CHECK(conf_flag_key("--preroll-ms", key, sizeof key) == 0);
	CHECK_STR(key, "preroll_ms");
	CHECK(conf_flag_key("--quota-per-month", key, sizeof key) == 0);
	CHECK_STR(key, "quota_per_month");
	CHECK(conf_flag_key("--socket", key, sizeof key) == 0);
	CHECK_STR(key, "socket");
	CHECK(conf_flag_key("--bogus", key, sizeof key) == -1);
	CHECK(conf_flag_key("max-delay", key, sizeof key) == -1);
	CHECK(conf_flag_key("-max-delay", key, sizeof key) == -1);
	CHECK(conf_flag_key("--", key, sizeof key) == -1);
	CHECK(conf_flag_key("--max-delay", tiny, sizeof tiny) == -1);
	/* Each key has a flag, and each flag's help names it. */
	for (size_t i = 0; i < CONF_NKEYS; i++) {
		char flag[64];
		struct buf usage = {0};

		snprintf(flag, sizeof flag, "--%s", conf_keys[i].name);
		for (char *p = flag + 2; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		CHECK(conf_flag_key(flag, key, sizeof key) == 0);
		CHECK_STR(key, conf_keys[i].name);
		conf_usage(&usage);
		CHECK(strstr(usage.p, flag) != NULL);
		buf_free(&usage);
	}
	conf_defaults(&c);
	CHECK(conf_set(&c, "max_delay", "12", &err) == 0);
	CHECK_EQ(c.max_delay, 12 * SEC);
	CHECK(conf_set(&c, "nope", "12", &err) == -1);
	CHECK(err.code == LX_E_ARG && strstr(err.msg, "unknown key") != NULL);
}

/* A reload keeps what only a restart can change, and names it. */
static void
test_restart_keys(void)
{
	struct conf old, n;
	size_t i = 0;
	int k;

	conf_defaults(&old);
	conf_defaults(&n);
	lx_strlcpy(n.device, "hw:9", sizeof n.device);
	lx_strlcpy(n.socket, "/tmp/other.sock", sizeof n.socket);
	n.max_delay = 7 * SEC;
	n.min_free_space = 1;
	k = conf_keep_restart_key(&n, &old, &i);
	CHECK(k >= 0);
	CHECK_STR(conf_key_name((size_t)k), "socket");
	k = conf_keep_restart_key(&n, &old, &i);
	CHECK(k >= 0);
	CHECK_STR(conf_key_name((size_t)k), "device");
	k = conf_keep_restart_key(&n, &old, &i);
	CHECK(k >= 0);
	CHECK_STR(conf_key_name((size_t)k), "min_free_space");
	CHECK_EQ(n.min_free_space, old.min_free_space);
	CHECK(conf_keep_restart_key(&n, &old, &i) == -1);
	CHECK_STR(n.device, "default");
	CHECK_STR(n.socket, old.socket);
	CHECK_EQ(n.max_delay, 7 * SEC);
	CHECK(conf_key_name(CONF_NKEYS) == NULL);
}

int
main(void)
{
	test_defaults();
	test_forms();
	test_comments_blanks();
	test_errors();
	test_limits();
	test_all_errors();
	test_flags();
	test_restart_keys();
	printf("%s\n", failed ? "FAIL" : "ok");
	return failed;
}
