/* utf8.c - see utf8.h */
#include "utf8.h"

static int
utf8_check(const unsigned char *s, size_t n, int allow_ws)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		unsigned cp, need, min;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				if (!allow_ws || !(c == '\t' || c == '\n' || c == '\r'))
					return 0;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else
			return 0;
		if (n - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			unsigned cc = s[i + k];
			if ((cc & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (cc & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		/* C1 controls are as unwelcome as C0 ones. */
		if (cp >= 0x80 && cp <= 0x9f)
			return 0;
		i += need + 1;
	}
	return 1;
}

int
utf8_valid_text(const char *s, size_t n)
{
	return utf8_check((const unsigned char *)s, n, 1);
}

int
utf8_valid_line(const char *s, size_t n)
{
	return utf8_check((const unsigned char *)s, n, 0);
}

size_t
utf8_length(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}
