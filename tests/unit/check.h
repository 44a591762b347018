/*
 * The checks every unit test uses: each failed check prints where and
 * what, and the test exits with `failed`.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int failed;

#define CHECK(c)                                                               \
	do {                                                                   \
		if (!(c)) {                                                    \
			printf("%s:%d: failed: %s\n", __FILE__, __LINE__, #c); \
			failed = 1;                                            \
		}                                                              \
	} while (0)

#define CHECK_EQ(a, b)                                                         \
	do {                                                                   \
		long long a_ = (a), b_ = (b);                                  \
		if (a_ != b_) {                                                \
			printf("%s:%d: failed: %s == %s (%lld != %lld)\n",     \
			    __FILE__, __LINE__, #a, #b, a_, b_);               \
			failed = 1;                                            \
		}                                                              \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		if (strcmp((a), (b)) != 0) {                                   \
			printf("%s:%d: failed: '%s' == '%s'\n", __FILE__,      \
			    __LINE__, (a), (b));                               \
			failed = 1;                                            \
		}                                                              \
	} while (0)

#endif
