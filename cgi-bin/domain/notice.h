/*
 * domain/notice.h - what a notice (通报) derives from the district's own
 * earlier ones: the next document number. Pure: no SQL, no I/O.
 */
#ifndef XS_DOMAIN_NOTICE_H
#define XS_DOMAIN_NOTICE_H

#include <stddef.h>

/*
 * The number after last (the district's latest, e.g. 五教发中心〔2022〕1 号)
 * in calendar year `year`, into out (size n): the last run of digits is the
 * serial and goes up by one; a year of four digits before it (2022 above)
 * that is not `year` becomes `year`, and the serial starts again at 1
 * (五教发中心〔2023〕1 号). 0, or -1 when last has no serial or out is too
 * small (out is then "").
 */
int notice_next_number(const char *last, int year, char *out, size_t n);

#endif
