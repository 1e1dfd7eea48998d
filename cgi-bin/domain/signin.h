/*
 * domain/signin.h - the rotating sign-in code of a training event (issue
 * 16) and the lateness of a sign-in. Pure: no SQL, no I/O.
 *
 * Time is cut into slots of SIGNIN_SLOT_SECONDS. The code of an event's
 * session (morning, afternoon), its mode (in: 签到, out: 签退) and a slot
 * is 6 digits taken from HMAC-SHA256(key, "xueshi-signin-1", event,
 * session, mode, slot): a photo of the projector sent to a friend is
 * stale a slot later. A code is taken in its slot and the one after.
 */
#ifndef XS_DOMAIN_SIGNIN_H
#define XS_DOMAIN_SIGNIN_H

#define SIGNIN_SLOT_SECONDS 30
#define SIGNIN_CODE_LEN 6
#define SIGNIN_KEY_BYTES 32

/* The slot of unix time now (floor division). */
long long signin_slot(long long now);

/* The code of (event, session, mode, slot) under key into out. */
void signin_code(const unsigned char key[SIGNIN_KEY_BYTES], long long event, const char *session,
    const char *mode, long long slot, char out[SIGNIN_CODE_LEN + 1]);

/* A typed code as 6 digits (spaces and dashes ignored): 0, or -1 when it is none. */
int signin_code_parse(const char *typed, char out[SIGNIN_CODE_LEN + 1]);

/* 1 when code (parsed) is (event, session, mode)'s at now's slot or the one before. */
int signin_code_valid(const unsigned char key[SIGNIN_KEY_BYTES], long long event,
    const char *session, const char *mode, long long now, const char *code);

/*
 * Minutes from day "YYYY-MM-DD" at hh:mm ("HH:MM") local to the UTC stamp
 * "YYYY-MM-DDTHH:MM:SSZ" seen at utc_offset_minutes (negative: before).
 * *ok 0 when an argument is not what it should be (then 0).
 */
long signin_minutes_after(const char *stamp, int utc_offset_minutes, const char *day,
    const char *hhmm, int *ok);

/* A time of day "HH:MM" (00:00 to 23:59): 1, else 0. */
int signin_hhmm_valid(const char *hhmm);

#endif
