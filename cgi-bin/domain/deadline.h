/*
 * domain/deadline.h - a deadline date against the clock: the district's
 * local day from unix seconds and its UTC offset, the days left, passed.
 * A deadline date D means "through the end of day D" in the district's
 * local time. Pure: no SQL, no I/O.
 */
#ifndef XS_DOMAIN_DEADLINE_H
#define XS_DOMAIN_DEADLINE_H

/*
 * Whole days from the district's local today (now: unix seconds;
 * utc_offset_minutes: the district's) to date "YYYY-MM-DD": 0 on day D
 * itself, 1 the day before, -1 the day after. *ok 0 when date is not a
 * date (then 0 is returned); ok may be NULL.
 */
long deadline_days_left(long long now, int utc_offset_minutes, const char *date, int *ok);

/* Date "YYYY-MM-DD" (exactly) into *day, its day number (days since 1970-01-01): 0, or -1 when it is not a date. */
int deadline_day(const char *date, long long *day);

/* 1 when date is a date and its day is over in the district's local time; else 0. */
int deadline_passed(long long now, int utc_offset_minutes, const char *date);

/* The later of two ISO dates, either may be NULL or "" (none): the other, or NULL. */
const char *deadline_later(const char *a, const char *b);

/* The district's local date of now into buf (at least 11 bytes) as YYYY-MM-DD. */
void deadline_local_date(long long now, int utc_offset_minutes, char *buf);

/*
 * The district's local date of a stored moment into out (11 bytes): a date
 * "YYYY-MM-DD" is already one; a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (or
 * with fractional seconds) is moved by the offset. 0, or -1 when stamp is
 * neither (out untouched).
 */
int deadline_local_day_of(const char *stamp, int utc_offset_minutes, char out[11]);

/*
 * 1 when a hand-in at stamp (a stored moment, see deadline_local_day_of)
 * came after the end of deadline's day in the district's local time; 0
 * when it did not, or when either is missing or not a date (no deadline:
 * nothing is late).
 */
int deadline_handed_in_late(const char *stamp, const char *deadline, int utc_offset_minutes);

#endif
