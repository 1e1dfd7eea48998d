/* idcard.c - see idcard.h */
#include "idcard.h"

#include <string.h>

const char *
idcard_code(enum idcard_result r)
{
	static const char *const codes[IDCARD_RESULT__MAX] = {
		"ok", "length", "chars", "birth_date", "check"
	};
	return (unsigned)r < IDCARD_RESULT__MAX ? codes[r] : "invalid";
}

char
idcard_check_char(const char *id17)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (id17[i] - '0') * weights[i];
	return map[sum % 11];
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

enum idcard_result
idcard_validate(const char *id)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, dim;
	char last;

	if (strlen(id) != 18)
		return IDCARD_LENGTH;
	for (int i = 0; i < 17; i++)
		if (id[i] < '0' || id[i] > '9')
			return IDCARD_CHARS;
	last = id[17] == 'x' ? 'X' : id[17];
	if (!((last >= '0' && last <= '9') || last == 'X'))
		return IDCARD_CHARS;
	y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	if (y < 1900 || y > 2100 || m < 1 || m > 12)
		return IDCARD_BIRTH_DATE;
	dim = mdays[m - 1] + (m == 2 && leap(y));
	if (d < 1 || d > dim)
		return IDCARD_BIRTH_DATE;
	if (idcard_check_char(id) != last)
		return IDCARD_CHECK;
	return IDCARD_OK;
}

char *
idcard_mask(const char *id, char *out, size_t outlen)
{
	if (outlen < 19)
		return out;
	if (id == NULL || strlen(id) != 18) {
		strcpy(out, "******");
		return out;
	}
	memcpy(out, id, 6);
	memset(out + 6, '*', 8);
	memcpy(out + 14, id + 14, 4);
	out[18] = '\0';
	return out;
}
