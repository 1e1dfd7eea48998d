/* domain/signin.c - see signin.h */
#include "domain/signin.h"
#include "domain/deadline.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

long long
signin_slot(long long now)
{
	return now >= 0 ? now / SIGNIN_SLOT_SECONDS : -((-now + SIGNIN_SLOT_SECONDS - 1) / SIGNIN_SLOT_SECONDS);
}

void
signin_code(const unsigned char key[SIGNIN_KEY_BYTES], long long event, const char *session,
    const char *mode, long long slot, char out[SIGNIN_CODE_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char msg[160];
	unsigned long v;
	int n = snprintf(msg, sizeof(msg), "xueshi-signin-1\n%lld\n%s\n%s\n%lld", event,
	    session ? session : "", mode ? mode : "", slot);

	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, n > 0 ? (size_t)n : 0, key);
	v = ((unsigned long)mac[0] << 24 | (unsigned long)mac[1] << 16 | (unsigned long)mac[2] << 8 | mac[3]) % 1000000UL;
	snprintf(out, SIGNIN_CODE_LEN + 1, "%06lu", v);
	sodium_memzero(mac, sizeof(mac));
}

int
signin_code_parse(const char *typed, char out[SIGNIN_CODE_LEN + 1])
{
	size_t n = 0;

	out[0] = '\0';
	if (typed == NULL)
		return -1;
	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '\t')
			continue;
		if (*p < '0' || *p > '9' || n == SIGNIN_CODE_LEN) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	if (n != SIGNIN_CODE_LEN) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int
signin_code_valid(const unsigned char key[SIGNIN_KEY_BYTES], long long event, const char *session,
    const char *mode, long long now, const char *code)
{
	long long slot = signin_slot(now);
	char want[SIGNIN_CODE_LEN + 1];
	int ok = 0;

	if (code == NULL || strlen(code) != SIGNIN_CODE_LEN)
		return 0;
	for (long long s = slot; s >= slot - 1; s--) {
		signin_code(key, event, session, mode, s, want);
		ok |= sodium_memcmp(want, code, SIGNIN_CODE_LEN) == 0;
	}
	return ok;
}

int
signin_hhmm_valid(const char *hhmm)
{
	return hhmm != NULL && strlen(hhmm) == 5 && hhmm[2] == ':' &&
	    hhmm[0] >= '0' && hhmm[0] <= '2' && hhmm[1] >= '0' && hhmm[1] <= '9' &&
	    hhmm[3] >= '0' && hhmm[3] <= '5' && hhmm[4] >= '0' && hhmm[4] <= '9' &&
	    (hhmm[0] < '2' || hhmm[1] <= '3');
}

long
signin_minutes_after(const char *stamp, int utc_offset_minutes, const char *day, const char *hhmm,
    int *ok)
{
	char local[11];
	unsigned sh, sm, hh, mm;
	long days;
	int dok = 0;

	*ok = 0;
	if (!signin_hhmm_valid(hhmm) || stamp == NULL || strlen(stamp) < 20 ||
	    deadline_local_day_of(stamp, utc_offset_minutes, local) != 0 ||
	    sscanf(stamp + 11, "%2u:%2u", &sh, &sm) != 2 || sscanf(hhmm, "%2u:%2u", &hh, &mm) != 2)
		return 0;
	/* Days from the event's day to the stamp's local day, by the deadline arithmetic. */
	days = deadline_days_left(0, 0, day, &dok) - deadline_days_left(0, 0, local, NULL);
	if (!dok)
		return 0;
	*ok = 1;
	{
		/* The stamp's local minutes of its local day. */
		long m = (long)sh * 60 + sm + utc_offset_minutes;
		m = ((m % 1440) + 1440) % 1440;
		return -days * 1440 + m - ((long)hh * 60 + mm);
	}
}
