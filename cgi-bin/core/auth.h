/*
 * auth.h - passwords, sessions, login throttling and CSRF tokens.
 *
 * Passwords are hashed with argon2id through libsodium (crypto_pwhash_str at
 * the INTERACTIVE limits, 64 MiB each); at most one hash per CPU core runs at
 * a time across all workers, so a login flood cannot exhaust memory.
 * Session tokens are 256-bit random values in an HttpOnly, SameSite=Lax
 * cookie; the database keeps only their SHA-256. Sessions expire after
 * AUTH_IDLE seconds without a request and AUTH_ABSOLUTE seconds after login.
 *
 * Throttling: every failed login (wrong password, unknown login, or an
 * attempt made during the account's back-off) counts against the account;
 * from the 5th on the account must wait 2^(n-5) s (at most 60 s) after its
 * last checked failure before the next attempt is even checked, and at the
 * 10th it is locked for AUTH_LOCK seconds, during which the right password
 * is refused too; attempts during the lock neither count nor extend it.
 * A client address with 30 checked failures in 15 minutes waits 60 s after
 * its last checked failure; attempts refused meanwhile are not counted, so
 * they never renew the wait, and they do not count against the account.
 * A success resets the account's count.
 */
#ifndef XS_AUTH_H
#define XS_AUTH_H

#include <sodium.h>
#include "arena.h"
#include "db.h"

#define AUTH_IDLE (2 * 3600)
#define AUTH_ABSOLUTE (12 * 3600)
#define AUTH_LOCK (15 * 60)
#define AUTH_LOCK_AFTER 10
#define AUTH_SLOW_AFTER 5
#define AUTH_CLIENT_WINDOW (15 * 60)
#define AUTH_CLIENT_MAX 30
#define AUTH_PASSWORD_MIN 8
#define AUTH_PASSWORD_MAX 128
#define AUTH_TOKEN_HEX 64

enum role_name {
	ROLE_NAME_TEACHER,
	ROLE_NAME_SCHOOL_ADMIN,
	ROLE_NAME_SCHOOL_LEADER,
	ROLE_NAME_DISTRICT_ADMIN,
	ROLE_NAME_SYSTEM_ADMIN,
	ROLE_NAME__MAX
};

/* The logged-in caller. Strings live in the request's arena. */
struct user {
	long long id;
	long long session_id;
	enum role_name role;
	long long district_id, school_id, teacher_id; /* 0 where none */
	const char *login;
	const char *name;
	const char *csrf;        /* this session's CSRF token */
	int must_change;         /* must change the password before anything else */
	int registers;           /* a teacher who may register: the district lets
	                            teachers register and the school has not marked
	                            the teacher as left */
};

/* "teacher", "school_admin", ... and back; -1 for an unknown name. */
const char *auth_role_name(enum role_name r);
int auth_role_parse(const char *s);

/* Initialise libsodium; call once per process. Returns 0 or -1. */
int auth_init(const char *lockdir);

enum password_check {
	PASSWORD_OK = 0,
	PASSWORD_TOO_SHORT,
	PASSWORD_TOO_LONG,
	PASSWORD_INVALID,      /* not valid UTF-8 or holds control characters */
	PASSWORD_SAME_AS_LOGIN,
	PASSWORD_CHECK__MAX
};

/* The policy for a new password. */
enum password_check auth_password_check(const char *login, const char *pw);
const char *auth_password_code(enum password_check c);

/*
 * Hash pw into out (crypto_pwhash_STRBYTES bytes). Waits for a free hashing
 * slot. Returns 0, or -1 when out of memory.
 */
int auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES]);

/*
 * Hash a one-time password (auth_one_time_password: 10 characters drawn at
 * random from 31, about 50 bits) with argon2id at its least cost: a random
 * secret needs no stretching against guessing, it is replaced at the first
 * login, and a school's 300 slips are then made in a second rather than 30.
 * The hash verifies as any other (auth_verify_password). 0 or -1.
 */
int auth_hash_one_time(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* 1 when pw matches the stored hash, 0 otherwise (constant-time in libsodium). */
int auth_verify_password(const char *hash, const char *pw);

/* A random token as 64 lower-case hex characters (+NUL). */
void auth_random_hex(char out[AUTH_TOKEN_HEX + 1]);

/* A readable one-time password (10 characters, no look-alikes) (+NUL). */
void auth_one_time_password(char out[11]);

/* SHA-256 of token as hex. */
void auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX + 1]);

enum login_result {
	LOGIN_OK = 0,
	LOGIN_BAD,         /* unknown login or wrong password (indistinguishable) */
	LOGIN_SLOWED,      /* too many recent failures: wait *retry_after seconds */
	LOGIN_LOCKED,      /* locked: wait *retry_after seconds */
	LOGIN_DISABLED,    /* the account is disabled */
	LOGIN_BUSY,        /* the database stayed busy */
	LOGIN_ERROR,
	LOGIN_RESULT__MAX
};
const char *auth_login_code(enum login_result r);

/*
 * Check login/password from client at time now; on success create a session
 * and put its token in token_out (hex, for the cookie). Every outcome is
 * audited in the same transaction. *account_out gets the account id (0 when
 * unknown); *retry_after the seconds to wait for SLOWED/LOCKED.
 */
enum login_result auth_login(struct db *db, const char *login,
    const char *password, const char *client, long long now,
    char token_out[AUTH_TOKEN_HEX + 1], long long *account_out,
    long long *retry_after);

/*
 * The user of the session whose token is given, or NULL when there is none,
 * it expired, or the account is disabled. Touches the session (idle expiry).
 * The struct is allocated from a. *err (may be NULL) gets DB_OK, or why the
 * session could not be read (DB_BUSY, DB_ERROR): then NULL does not mean
 * "not logged in", and the caller answers 503 instead of treating a
 * logged-in user as a stranger (whose POST would be refused).
 */
struct user *auth_session_user(struct db *db, arena *a, const char *token,
    long long now, enum db_result *err);

/* End the session with this token (logout). Audited. */
enum db_result auth_logout(struct db *db, const struct user *u, const char *client);

/* End every session of an account (password change, disable). */
enum db_result auth_end_sessions(struct db *db, long long account_id);

/*
 * Set an account's password (hashing it), clearing the lockout, and end its
 * sessions except keep_session (0: end all). must_change marks it one-time.
 * Runs inside the caller's transaction. Returns DB_OK or the failure.
 */
enum db_result auth_set_password(struct db *db, long long account_id,
    const char *password, int must_change, long long keep_session);

/* Set an account's password hash made already (auth_hash_one_time), to change at the next login. */
enum db_result auth_set_one_time_hash(struct db *db, long long account_id, const char *hash);

/* Constant-time comparison of two NUL-terminated tokens; 1 when equal. */
int auth_token_equal(const char *a, const char *b);

/*
 * 1 when password is account_id's current password, 0 when not, -1 when
 * the store failed. The hash never leaves the store (store/session.c).
 */
int auth_check_password(struct db *db, long long account_id, const char *password);

#endif
