/* domain/deadline.c - see deadline.h */
#include "domain/deadline.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* The local day number of now; floor division, so times before 1970 work too. */
static long long
local_day(long long now, int utc_offset_minutes)
{
	long long t = now + (long long)utc_offset_minutes * 60;
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

int
deadline_day(const char *date, long long *day)
{
	unsigned y, m, d;
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (date == NULL || strlen(date) != 10 || date[4] != '-' || date[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return -1;
	/* The digits are checked: arithmetic, not sscanf (a chart reads one per record). */
	y = (unsigned)((date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0'));
	m = (unsigned)((date[5] - '0') * 10 + (date[6] - '0'));
	d = (unsigned)((date[8] - '0') * 10 + (date[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

long
deadline_days_left(long long now, int utc_offset_minutes, const char *date, int *ok)
{
	long long day;

	if (deadline_day(date, &day) != 0) {
		if (ok != NULL)
			*ok = 0;
		return 0;
	}
	if (ok != NULL)
		*ok = 1;
	return (long)(day - local_day(now, utc_offset_minutes));
}

int
deadline_passed(long long now, int utc_offset_minutes, const char *date)
{
	int ok = 0;
	long left = deadline_days_left(now, utc_offset_minutes, date, &ok);

	return ok && left < 0;
}

const char *
deadline_later(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b != NULL && *b ? b : NULL;
	if (b == NULL || *b == '\0')
		return a;
	return strcmp(a, b) >= 0 ? a : b;
}

void
deadline_local_date(long long now, int utc_offset_minutes, char *buf)
{
	long long z = local_day(now, utc_offset_minutes) + 719468, era, y;
	unsigned doe, yoe, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)(y % 10000), m % 100, d % 100);
}

int
deadline_local_day_of(const char *stamp, int utc_offset_minutes, char out[11])
{
	long long day;
	unsigned hh, mm, ss;
	char date[11];

	if (stamp == NULL)
		return -1;
	if (strlen(stamp) == 10) {
		if (deadline_day(stamp, &day) != 0)
			return -1;
		memcpy(out, stamp, 11);
		return 0;
	}
	/* YYYY-MM-DDTHH:MM:SS, then Z or .fffZ: UTC, as the store writes it. */
	if (strlen(stamp) < 20 || stamp[10] != 'T' || stamp[13] != ':' || stamp[16] != ':' ||
	    stamp[strlen(stamp) - 1] != 'Z')
		return -1;
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (stamp[i] < '0' || stamp[i] > '9'))
			return -1;
	memcpy(date, stamp, 10);
	date[10] = '\0';
	if (deadline_day(date, &day) != 0 || sscanf(stamp + 11, "%2u:%2u:%2u", &hh, &mm, &ss) != 3 ||
	    hh > 23 || mm > 59 || ss > 60)
		return -1;
	deadline_local_date(day * 86400 + hh * 3600 + mm * 60 + ss, utc_offset_minutes, out);
	return 0;
}

int
deadline_handed_in_late(const char *stamp, const char *deadline, int utc_offset_minutes)
{
	char day[11];
	long long d;

	if (stamp == NULL || deadline == NULL || deadline_day(deadline, &d) != 0 ||
	    deadline_local_day_of(stamp, utc_offset_minutes, day) != 0)
		return 0;
	return strcmp(day, deadline) > 0;
}
