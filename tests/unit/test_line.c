/*
 * Unit tests for proto/line.c: request lines split into words, words
 * quoted and split back, reply lines classified, integers read strictly.
 */
#include <stdio.h>
#include <string.h>

#include "../../proto/buf.h"
#include "../../proto/line.h"
#include "check.h"

/* Split line (a C string) and want exactly the words given, NULL-ended. */
static void
split_ok(int line, const char *s, const char *const *want)
{
	struct proto_words w;
	struct lx_err err;
	int i;

	if (proto_split(s, strlen(s), &w, &err) == -1) {
		printf("line %d: split '%s': %s\n", line, s, err.msg);
		failed = 1;
		return;
	}
	for (i = 0; want[i] != NULL && i < w.argc; i++)
		if (strcmp(w.argv[i], want[i]) != 0) {
			printf("line %d: word %d: want '%s', got '%s'\n", line,
			    i, want[i], w.argv[i]);
			failed = 1;
		}
	if (want[i] != NULL || i != w.argc) {
		printf("line %d: '%s': %d words, not as many as wanted\n", line,
		    s, w.argc);
		failed = 1;
	}
}

#define SPLIT(s, ...)                                                          \
	split_ok(__LINE__, s, (const char *const[]){__VA_ARGS__, NULL})

/* Split len bytes at s and want an error with code and why in it. */
static void
split_bad(int line, const char *s, size_t len, int code, const char *why)
{
	struct proto_words w;
	struct lx_err err = {0, ""};

	if (proto_split(s, len, &w, &err) != -1 || err.code != code ||
	    strstr(err.msg, why) == NULL) {
		printf("line %d: want error %d '%s', got %d '%s'\n", line, code,
		    why, err.code, err.msg);
		failed = 1;
	}
}

#define SPLIT_BAD(s, code, why) split_bad(__LINE__, s, strlen(s), code, why)

static void
test_split(void)
{
	SPLIT("status", "status");
	SPLIT("  clip\tlist  ", "clip", "list");
	SPLIT("clip add \"/srv/my clips/a.wav\"", "clip", "add",
	    "/srv/my clips/a.wav");
	SPLIT("say \"a \\\"b\\\" c\"", "say", "a \"b\" c");
	SPLIT("say \"back\\\\slash\"", "say", "back\\slash");
	SPLIT("say back\\slash", "say", "back\\slash");
	SPLIT("title \"\"", "title", "");
	SPLIT("\"\" \"\"\t\"\"", "", "", "");
	SPLIT("\"tab\tinside\"", "tab\tinside");
	SPLIT("title \"Tin s\xe1\xbb\x9bm\" \xc4\x91\xc3\xa2y", "title",
	    "Tin s\xe1\xbb\x9bm", "\xc4\x91\xc3\xa2y");
	SPLIT("16 words: 3 4 5 6 7 8 9 10 11 12 13 14 15 16", "16",
	    "words:", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
	    "14", "15", "16");
}

static void
test_split_empty(void)
{
	struct proto_words w;
	struct lx_err err;

	CHECK(proto_split("", 0, &w, &err) == 0 && w.argc == 0);
	CHECK(proto_split(" \t ", 3, &w, &err) == 0 && w.argc == 0);
	/* len counts, not the terminator: "ab" is one word "a" here. */
	CHECK(proto_split("ab", 1, &w, &err) == 0 && w.argc == 1);
	CHECK(w.argc == 1 && strcmp(w.argv[0], "a") == 0);
}

static void
test_split_bad(void)
{
	char big[LX_MAX_LINE + 1];

	SPLIT_BAD("say \"abc", LX_E_ARG, "unterminated quote");
	SPLIT_BAD("say \"abc\\", LX_E_ARG, "unterminated quote");
	SPLIT_BAD("say \"abc\\\"", LX_E_ARG, "unterminated quote");
	SPLIT_BAD("say \"", LX_E_ARG, "unterminated quote");
	SPLIT_BAD("say \"a\"b", LX_E_ARG, "text after closing quote");
	SPLIT_BAD("say a\"b\"", LX_E_ARG, "quote inside a word");
	split_bad(__LINE__, "say a\0b", 7, LX_E_ARG, "NUL byte");
	split_bad(__LINE__, "say \"a\0b\"", 9, LX_E_ARG, "NUL byte");
	split_bad(__LINE__, "\0", 1, LX_E_ARG, "NUL byte");
	SPLIT_BAD("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", LX_E_LIMIT,
	    "too many words");
	SPLIT_BAD("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 \"\"", LX_E_LIMIT,
	    "too many words");
	memset(big, 'x', sizeof big);
	split_bad(__LINE__, big, LX_MAX_LINE, LX_E_LIMIT, "line too long");
	big[LX_MAX_LINE - 1] = '\0';
	SPLIT(big, big);
}

/* proto_quote s, split the result back and want s again. */
static void
round_trip(int line, const char *s)
{
	struct proto_words w;
	struct lx_err err;
	struct buf b = {0};

	buf_add(&b, "say ", 4);
	proto_quote(&b, s);
	buf_add(&b, " end", 4);
	if (proto_split(b.p, b.len, &w, &err) == -1 || w.argc != 3 ||
	    strcmp(w.argv[1], s) != 0 || strcmp(w.argv[2], "end") != 0) {
		printf("line %d: '%s' quoted as '%s' did not come back\n", line,
		    s, b.p);
		failed = 1;
	}
	buf_free(&b);
}

static void
test_quote(void)
{
	static const char *const tricky[] = {"", "plain", "two words",
	    "tab\there", "\"", "\\", "\\\"", "\"\"", "a\"b\\c", "trailing\\",
	    " lead", "trail ", "\"quoted\"", "Tin s\xe1\xbb\x9bm \xe2\x9c\x93",
	    "FREQ=WEEKLY;BYDAY=MO", "a'b", "#", "\r"};
	struct buf b = {0};

	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
		round_trip(__LINE__, tricky[i]);
	proto_quote(&b, "plain");
	proto_quote(&b, " ");
	proto_quote(&b, "");
	proto_quote(&b, "a\"b\\");
	CHECK_STR(b.p, "plain\" \"\"\"\"a\\\"b\\\\\"");
	buf_free(&b);
}

/* Classify s; want type, and key/value/code as the type has them. */
static void
reply_ok(int line, const char *s, enum proto_reply want, const char *key,
    const char *value, int code)
{
	const char *k = NULL, *v = NULL;
	size_t klen = 0, vlen = 0;
	int c = -1;
	enum proto_reply got =
	    proto_reply_parse(s, strlen(s), &k, &klen, &v, &vlen, &c);

	if (got != want ||
	    (key != NULL &&
	        (klen != strlen(key) || memcmp(k, key, klen) != 0)) ||
	    (value != NULL &&
	        (vlen != strlen(value) || memcmp(v, value, vlen) != 0)) ||
	    (want == PROTO_ERR && c != code)) {
		printf("line %d: '%s': want type %d, got %d\n", line, s, want,
		    got);
		failed = 1;
	}
}

#define REPLY(s, want, key, value, code)                                       \
	reply_ok(__LINE__, s, want, key, value, code)

static void
test_reply(void)
{
	REPLY("OK", PROTO_OK, NULL, NULL, 0);
	REPLY("ERR 4 clip 12: no such clip", PROTO_ERR, NULL,
	    "clip 12: no such clip", 4);
	REPLY("ERR 10 sound device failure", PROTO_ERR, NULL,
	    "sound device failure", 10);
	REPLY("ERR 1 ", PROTO_ERR, NULL, "", 1);
	REPLY("title: morning news", PROTO_KV, "title", "morning news", 0);
	REPLY("title: ", PROTO_KV, "title", "", 0);
	REPLY("next: 2026-11-23T05:30:00+07:00", PROTO_KV, "next",
	    "2026-11-23T05:30:00+07:00", 0);
	REPLY("a: b: c", PROTO_KV, "a", "b: c", 0);
	REPLY("", PROTO_BAD, NULL, NULL, 0);
	REPLY("OK ", PROTO_BAD, NULL, NULL, 0);
	REPLY("OKAY", PROTO_BAD, NULL, NULL, 0);
	REPLY("ok", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR ", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR 4", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR x no code", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR  4 two spaces", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR 4x bad", PROTO_BAD, NULL, NULL, 0);
	REPLY("ERR 99999 too big", PROTO_BAD, NULL, NULL, 0);
	REPLY("title:", PROTO_BAD, NULL, NULL, 0);
	REPLY("title:value", PROTO_BAD, NULL, NULL, 0);
	REPLY(": value", PROTO_BAD, NULL, NULL, 0);
	REPLY("no colon here", PROTO_BAD, NULL, NULL, 0);
}

static void
test_reply_bounds(void)
{
	const char *k, *v;
	size_t klen, vlen;
	int code;

	/* Only len bytes count: the rest of the string is not looked at. */
	CHECK(proto_reply_parse("OKAY", 2, &k, &klen, &v, &vlen, &code) ==
	    PROTO_OK);
	CHECK(proto_reply_parse("key: value", 4, &k, &klen, &v, &vlen, &code) ==
	    PROTO_BAD);
	CHECK(proto_reply_parse("key: value", 5, &k, &klen, &v, &vlen, &code) ==
	    PROTO_KV);
	CHECK(klen == 3 && vlen == 0);
	CHECK(proto_reply_parse("ERR 12 x", 6, &k, &klen, &v, &vlen, &code) ==
	    PROTO_BAD);
}

/* proto_int(s) in [min, max]: want (ok, value). */
static void
int_ok(int line, const char *s, int64_t min, int64_t max, int ok, int64_t v)
{
	struct lx_err err = {0, ""};
	int64_t got = 12345;
	int rc = proto_int(s, "count", min, max, &got, &err);

	if (ok ? rc != 0 || got != v
	       : rc != -1 || err.code != LX_E_ARG ||
	            strstr(err.msg, "bad count") == NULL || got != 12345) {
		printf("line %d: proto_int('%s'): rc %d, %lld, '%s'\n", line, s,
		    rc, (long long)got, err.msg);
		failed = 1;
	}
}

#define INT_OK(s, min, max, v) int_ok(__LINE__, s, min, max, 1, v)
#define INT_BAD(s, min, max) int_ok(__LINE__, s, min, max, 0, 0)

static void
test_int(void)
{
	INT_OK("0", 0, 10, 0);
	INT_OK("10", 0, 10, 10);
	INT_OK("-10", -10, 10, -10);
	INT_OK("007", 0, 10, 7);
	INT_OK("9223372036854775807", 0, INT64_MAX, INT64_MAX);
	INT_OK("-9223372036854775808", INT64_MIN, 0, INT64_MIN);
	INT_BAD("", 0, 10);
	INT_BAD("11", 0, 10);
	INT_BAD("-1", 0, 10);
	INT_BAD("+5", 0, 10);
	INT_BAD(" 5", 0, 10);
	INT_BAD("5 ", 0, 10);
	INT_BAD("-", -10, 10);
	INT_BAD("- 5", -10, 10);
	INT_BAD("--5", -10, 10);
	INT_BAD("0x10", 0, 100);
	INT_BAD("1e3", 0, 10000);
	INT_BAD("5.0", 0, 10);
	INT_BAD("9223372036854775808", 0, INT64_MAX);
	INT_BAD("-9223372036854775809", INT64_MIN, 0);
	INT_BAD("99999999999999999999999", 0, INT64_MAX);
}

int
main(void)
{
	test_split();
	test_split_empty();
	test_split_bad();
	test_quote();
	test_reply();
	test_reply_bounds();
	test_int();
	printf("%s\n", failed ? "FAIL" : "ok");
	return failed;
}
