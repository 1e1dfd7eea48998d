/* domain/notice.c - see notice.h */
#include "domain/notice.h"

#include <stdio.h>
#include <string.h>

static int
digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

int
notice_next_number(const char *last, int year, char *out, size_t n)
{
	size_t len, s_end = 0, s_start, y_start = 0;
	long long serial = 0;
	int have_year = 0, w;

	if (n > 0)
		out[0] = '\0';
	if (last == NULL || n == 0)
		return -1;
	len = strlen(last);
	/* The serial: the last run of digits (at most 9 of them). */
	for (size_t i = len; i > 0; i--)
		if (digit(last[i - 1])) {
			s_end = i;
			break;
		}
	if (s_end == 0)
		return -1;
	s_start = s_end;
	while (s_start > 0 && digit(last[s_start - 1]))
		s_start--;
	if (s_end - s_start > 9)
		return -1;
	for (size_t i = s_start; i < s_end; i++)
		serial = serial * 10 + (last[i] - '0');
	/* A year: the last run of exactly four digits before the serial. */
	for (size_t i = s_start; i > 0; i--) {
		size_t e = i, b;
		if (!digit(last[i - 1]))
			continue;
		b = e;
		while (b > 0 && digit(last[b - 1]))
			b--;
		if (e - b == 4) {
			y_start = b;
			have_year = 1;
			break;
		}
		i = b + 1;
	}
	if (have_year && year >= 1000 && year <= 9999) {
		int was = 0;
		for (size_t i = y_start; i < y_start + 4; i++)
			was = was * 10 + (last[i] - '0');
		if (was != year) {
			w = snprintf(out, n, "%.*s%04d%.*s1%s", (int)y_start, last, year,
			    (int)(s_start - y_start - 4), last + y_start + 4, last + s_end);
			if (w < 0 || (size_t)w >= n) {
				out[0] = '\0';
				return -1;
			}
			return 0;
		}
	}
	w = snprintf(out, n, "%.*s%lld%s", (int)s_start, last, serial + 1, last + s_end);
	if (w < 0 || (size_t)w >= n) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
