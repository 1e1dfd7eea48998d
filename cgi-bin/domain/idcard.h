/*
 * idcard.h - the national ID number (居民身份证号码, GB 11643-1999):
 * 18 characters, 17 digits and a check character (0-9 or X) computed with
 * ISO 7064 MOD 11-2; digits 7-14 are the birth date.
 */
#ifndef XS_IDCARD_H
#define XS_IDCARD_H

#include <stddef.h>

enum idcard_result {
	IDCARD_OK = 0,
	IDCARD_LENGTH,     /* not 18 characters */
	IDCARD_CHARS,      /* not 17 digits + digit-or-X */
	IDCARD_BIRTH_DATE, /* digits 7-14 are not a real date from 1900 on */
	IDCARD_CHECK,      /* the check character is wrong */
	IDCARD_RESULT__MAX
};

/* A stable code for each result, for the XML ("ok", "length", ...). */
const char *idcard_code(enum idcard_result r);

/* The check character ('0'-'9' or 'X') for the first 17 digits of id. */
char idcard_check_char(const char *id17);

/* Validate id (NUL-terminated); a lower-case 'x' is accepted as 'X'. */
enum idcard_result idcard_validate(const char *id);

/*
 * Write the masked form (first 6 and last 4 shown, the rest '*') of an
 * 18-character id into out (at least 19 bytes). Anything else becomes
 * "******". Returns out.
 */
char *idcard_mask(const char *id, char *out, size_t outlen);

#endif
