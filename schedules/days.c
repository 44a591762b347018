/*
 * --days: words folded to plain lower-case ASCII (diacritics, spaces and
 * dots dropped: "Thứ 2" reads "thu2"), then looked up in one table of
 * spellings; ranges and sets on top.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/i18n.h"
#include "days.h"

#define DAYS_WORD 32 /* a folded word; longer ones are no day */

static const char *const day_codes[7] = {
    "MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static const char *const day_names[7] = {
    /* TRANSLATORS: days as rules are read: "05:30 Monday, Friday". */
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday")};

/* Folded spellings of each day, space-separated. */
static const char *const day_words[7] = {
    "mon monday t2 thu2 thuhai",
    "tue tues tuesday t3 thu3 thuba",
    "wed wednesday t4 thu4 thutu",
    "thu thur thurs thursday t5 thu5 thunam",
    "fri friday t6 thu6 thusau",
    "sat saturday t7 thu7 thubay",
    "sun sunday cn chunhat",
};

/* Folded sets of days. */
static const struct {
	const char *words;
	unsigned mask;
} day_sets[] = {
    {"daily everyday hangngay moingay", DAYS_ALL},
    {"weekdays weekday ngaythuong", 0x1fu},
    {"weekend weekends cuoituan", 0x60u},
};

/* Vietnamese letters and the plain letter each folds to; combining marks
 * (decomposed text) fold to nothing. */
static const struct {
	char plain;
	const char *letters;
} day_fold[] = {
    {'a',
        "à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ "
        "À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ"},
    {'e', "è é ẻ ẽ ẹ ê ề ế ể ễ ệ È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ"},
    {'i', "ì í ỉ ĩ ị Ì Í Ỉ Ĩ Ị"},
    {'o',
        "ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ "
        "Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ"},
    {'u', "ù ú ủ ũ ụ ư ừ ứ ử ữ ự Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự"},
    {'y', "ỳ ý ỷ ỹ ỵ Ỳ Ý Ỷ Ỹ Ỵ"}, {'d', "đ Đ"},
    {'\0',
        "\xcc\x80 \xcc\x81 \xcc\x82 \xcc\x83 \xcc\x86 \xcc\x89 "
        "\xcc\x9b \xcc\xa3"}, /* U+0300-0323: grave ... dot below */
    {'-', "– —"}, /* dashes people type for ranges */
};

const char *
days_code(int d)
{
	return d >= 0 && d < 7 ? day_codes[d] : NULL;
}

const char *
days_name(int d)
{
	return d >= 0 && d < 7 ? _(day_names[d]) : "";
}

/* 1 if word (len bytes) is one of the space-separated words of list. */
static int
days_in_list(const char *list, const char *word, size_t len)
{
	for (const char *p = list; *p != '\0';) {
		size_t n = strcspn(p, " ");

		if (n == len && memcmp(p, word, len) == 0)
			return 1;
		p += n + (p[n] == ' ');
	}
	return 0;
}

/* The length of the letter of day_fold at s, and its plain form; 0 if
 * none starts there. */
static size_t
days_fold_one(const char *s, char *plain)
{
	for (size_t i = 0; i < sizeof day_fold / sizeof day_fold[0]; i++)
		for (const char *p = day_fold[i].letters; *p != '\0';) {
			size_t n = strcspn(p, " ");

			if (strncmp(s, p, n) == 0) {
				*plain = day_fold[i].plain;
				return n;
			}
			p += n + (p[n] == ' ');
		}
	return 0;
}

/*
 * s[0..len) folded into out: 1 if a Vietnamese letter was folded, 0 if
 * not, -1 for a byte that is no letter.
 */
static int
days_fold(const char *s, size_t len, char out[DAYS_WORD])
{
	size_t i = 0, k = 0;
	int folded = 0;
	char c;

	while (i < len) {
		size_t n = days_fold_one(s + i, &c);

		if (n == 0) {
			c = s[i];
			n = 1;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			else if (c == ' ' || c == '\t' || c == '.')
				c = '\0';
			else if (!((c >= 'a' && c <= 'z') ||
			             (c >= '0' && c <= '9') || c == '-'))
				return -1;
		} else
			folded = 1;
		if (c != '\0' && k + 1 < DAYS_WORD)
			out[k++] = c;
		i += n;
	}
	out[k] = '\0';
	return folded;
}

/* The day a folded word names, or -1. */
static int
days_day(const char *w, size_t len)
{
	for (int d = 0; d < 7; d++)
		if (days_in_list(day_words[d], w, len))
			return d;
	return -1;
}

/* The days one folded word names: a day, a range or a set; 0 if none. */
static unsigned
days_word(const char *w)
{
	const char *sep;
	size_t len = strlen(w);
	unsigned m = 0;
	int a, b;

	for (size_t i = 0; i < sizeof day_sets / sizeof day_sets[0]; i++)
		if (days_in_list(day_sets[i].words, w, len))
			return day_sets[i].mask;
	/* "từ thứ 2 đến thứ 6": from ... to. */
	if (strncmp(w, "tu", 2) == 0 && strstr(w, "den") != NULL)
		w += 2;
	if ((sep = strchr(w, '-')) == NULL &&
	    (sep = strstr(w, "den")) != NULL &&
	    days_day(sep + 3, strlen(sep + 3)) >= 0) {
		a = days_day(w, (size_t)(sep - w));
		b = days_day(sep + 3, strlen(sep + 3));
	} else if (sep != NULL) {
		a = days_day(w, (size_t)(sep - w));
		b = days_day(sep + 1, strlen(sep + 1));
	} else {
		a = b = days_day(w, strlen(w));
	}
	if (a < 0 || b < 0)
		return 0;
	for (int d = a;; d = (d + 1) % 7) {
		m |= 1u << d;
		if (d == b)
			break;
	}
	return m;
}

int
days_parse(const char *s, unsigned *mask, struct lx_err *err)
{
	char w[DAYS_WORD];
	unsigned m;
	int folded;

	*mask = 0;
	for (const char *p = s;; p++) {
		size_t len = strcspn(p, ",");

		/* "thứ" alone is no day, though "thu" is Thursday. */
		if ((folded = days_fold(p, len, w)) == -1 ||
		    (folded && strcmp(w, "thu") == 0) ||
		    (m = days_word(w)) == 0)
			return lx_err_set(err, LX_E_ARG,
			    _("--days '%.64s': '%.*s' is not a day (mon..sun, "
			      "t2..t7, cn), a range (mon-fri, t2-t6), daily or "
			      "weekdays"),
			    s, (int)(len > 32 ? 32 : len), p);
		if (*mask & m) {
			int d = 0;

			while (!(*mask & m & 1u << d))
				d++;
			return lx_err_set(err, LX_E_ARG,
			    _("--days '%.64s': %s is given twice"), s,
			    days_name(d));
		}
		*mask |= m;
		p += len;
		if (*p == '\0')
			return 0;
	}
}
