/*
 * The rules both programs share (proto/lx.c): text trimmed and checked
 * one way, topics, the one UTF-8 decoder and the one integer parser.
 */
#include <string.h>

#include "../../proto/lx.h"
#include "check.h"

/* clean(in): want rc, and the text after it when rc is 0. */
static void
text(const char *in, int empty_ok, int want_rc, const char *want)
{
	char s[64];
	struct lx_err err = {0, ""};
	int rc;

	lx_strlcpy(s, in, sizeof s);
	rc = lx_text_clean(s, 16, "title", empty_ok, &err);
	CHECK_EQ(rc, want_rc);
	if (rc == 0)
		CHECK_STR(s, want);
	else
		CHECK(strncmp(err.msg, "title: ", 7) == 0 &&
		    err.code == LX_E_ARG);
}

static void
test_text(void)
{
	text("Tin", 0, 0, "Tin");
	text("  Tin  ", 0, 0, "Tin");
	text("\tTin hai\t", 0, 0, "Tin hai");
	text("Tin  hai", 0, 0, "Tin  hai"); /* inner space stays */
	text("\xc2\xa0Tin\xe3\x80\x80", 0, 0, "Tin"); /* NBSP, U+3000 */
	text("   ", 0, -1, NULL);
	text("\xc2\xa0 \t", 0, -1, NULL);
	text("", 0, -1, NULL);
	text("", 1, 0, ""); /* nothing given */
	text("   ", 1, -1, NULL); /* given, but only space */
	text("Tin\x01", 0, -1, NULL);
	text("Tin\x7f", 0, -1, NULL);
	text("Tin \xc3\x28", 0, -1, NULL);
	text("Tin \xc0\xaf", 0, -1, NULL);
	text("Tin \xe1\xbb", 0, -1, NULL);
	text(" \xe1\xbb", 0, -1, NULL); /* a cut sequence is not trimmed */
	text("Tin \xc2\x85", 0, -1, NULL); /* C1 control */
	text("123456789012345", 0, 0, "123456789012345");
	text("1234567890123456", 0, -1, NULL);
	text("  123456789012345  ", 0, 0, "123456789012345");
	text("Tin Việt Nam", 0, 0, "Tin Việt Nam");
}

static void
topic(const char *in, int want_rc, const char *want)
{
	char s[128];
	struct lx_err err;

	lx_strlcpy(s, in, sizeof s);
	CHECK_EQ(lx_topic_clean(s, &err), want_rc);
	if (want_rc == 0)
		CHECK_STR(s, want);
}

static void
test_topic(void)
{
	topic("cchc", 0, "cchc");
	topic(" CCHC ", 0, "cchc");
	topic("dich-vu_cong2", 0, "dich-vu_cong2");
	topic("", -1, NULL);
	topic("  ", -1, NULL);
	topic("cc hc", -1, NULL);
	topic("cải", -1, NULL);
	topic("a/b", -1, NULL);
	topic(
	    "1234567890123456789012345678901234567890123456789012345678901234",
	    -1, NULL);
}

static void
test_utf8(void)
{
	uint32_t cp;

	CHECK_EQ(lx_utf8_next("a", 1, &cp), 1);
	CHECK_EQ(cp, 'a');
	CHECK_EQ(lx_utf8_next("\xe1\xbb\x87", 3, &cp), 3);
	CHECK_EQ(cp, 0x1ec7);
	CHECK_EQ(lx_utf8_next("\xe1\xbb\x87", 2, &cp), 0);
	CHECK_EQ(cp, 0xfffd);
	CHECK_EQ(lx_utf8_next("\xed\xa0\x80", 3, &cp), 0); /* surrogate */
	CHECK_EQ(lx_utf8_next("\xf4\x90\x80\x80", 4, &cp), 0);
	CHECK_EQ(lx_utf8_next("\xf0\x9f\x93\xa2", 4, &cp), 4);
	CHECK_EQ(cp, 0x1f4e2);
	CHECK(lx_utf8_valid("Tin Việt", strlen("Tin Việt")));
	CHECK(!lx_utf8_valid("a\nb", 3));
}

static void
test_int(void)
{
	int64_t v = 42;

	CHECK(lx_int_parse("0", 0, 10, &v) == 0 && v == 0);
	CHECK(lx_int_parse("-5", -10, 10, &v) == 0 && v == -5);
	CHECK(lx_int_parse("9223372036854775807", 0, INT64_MAX, &v) == 0 &&
	    v == INT64_MAX);
	v = 42;
	CHECK(lx_int_parse("9223372036854775808", 0, INT64_MAX, &v) == -1);
	CHECK(lx_int_parse("", 0, 10, &v) == -1);
	CHECK(lx_int_parse("-", -10, 10, &v) == -1);
	CHECK(lx_int_parse("+1", 0, 10, &v) == -1);
	CHECK(lx_int_parse(" 1", 0, 10, &v) == -1);
	CHECK(lx_int_parse("1 ", 0, 10, &v) == -1);
	CHECK(lx_int_parse("1x", 0, 10, &v) == -1);
	CHECK(lx_int_parse("11", 0, 10, &v) == -1);
	CHECK(lx_int_parse("-1", 0, 10, &v) == -1);
	CHECK(v == 42);
}

int
main(void)
{
	test_text();
	test_topic();
	test_utf8();
	test_int();
	return failed;
}
