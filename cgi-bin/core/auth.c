/* auth.c - see auth.h */
#include "auth.h"
#include "utf8.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static char lock_dir[1024] = "/tmp";

static const char *const role_names[ROLE_NAME__MAX] = {
	"teacher", "school_admin", "school_leader", "district_admin", "system_admin"
};

const char *
auth_role_name(enum role_name r)
{
	return (unsigned)r < ROLE_NAME__MAX ? role_names[r] : "unknown";
}

int
auth_role_parse(const char *s)
{
	for (int i = 0; i < ROLE_NAME__MAX; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

int
auth_init(const char *lockdir)
{
	if (lockdir != NULL)
		snprintf(lock_dir, sizeof(lock_dir), "%s", lockdir);
	return sodium_init() < 0 ? -1 : 0;
}

enum password_check
auth_password_check(const char *login, const char *pw)
{
	size_t n = strlen(pw);

	if (!utf8_valid_line(pw, n))
		return PASSWORD_INVALID;
	if (utf8_length(pw, n) < AUTH_PASSWORD_MIN)
		return PASSWORD_TOO_SHORT;
	if (n > AUTH_PASSWORD_MAX)
		return PASSWORD_TOO_LONG;
	if (login != NULL && strcmp(login, pw) == 0)
		return PASSWORD_SAME_AS_LOGIN;
	return PASSWORD_OK;
}

const char *
auth_password_code(enum password_check c)
{
	static const char *const codes[PASSWORD_CHECK__MAX] = {
		"ok", "password_too_short", "password_too_long", "password_invalid",
		"password_same_as_login"
	};
	return (unsigned)c < PASSWORD_CHECK__MAX ? codes[c] : "password_invalid";
}

/* Take one of ncpu hashing slots (a lock file each), blocking if all are taken. */
static int
slot_acquire(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char path[1100];
	int fd;

	if (ncpu < 1)
		ncpu = 1;
	if (ncpu > 64)
		ncpu = 64;
	for (long i = 0; i < ncpu; i++) {
		snprintf(path, sizeof(path), "%s/xs-pwhash-%ld.lock", lock_dir, i);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/xs-pwhash-%ld.lock", lock_dir,
	    (long)getpid() % ncpu);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
slot_release(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

int
auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	int fd = slot_acquire(), rc;

	rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE);
	slot_release(fd);
	return rc == 0 ? 0 : -1;
}

int
auth_hash_one_time(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN) == 0 ? 0 : -1;
}

int
auth_verify_password(const char *hash, const char *pw)
{
	int fd, ok;

	if (hash == NULL || hash[0] == '\0')
		return 0;
	fd = slot_acquire();
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	slot_release(fd);
	return ok;
}

void
auth_random_hex(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void
auth_one_time_password(char out[11])
{
	/* No 0/O, 1/l/I: it is read off a printed slip. */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

	for (int i = 0; i < 10; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[10] = '\0';
}

void
auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, h, sizeof(h));
}

int
auth_token_equal(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return 0;
	n = strlen(a);
	if (n != strlen(b) || n == 0)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

const char *
auth_login_code(enum login_result r)
{
	static const char *const codes[LOGIN_RESULT__MAX] = {
		"ok", "login_bad", "login_slowed", "login_locked", "login_disabled",
		"busy", "internal"
	};
	return (unsigned)r < LOGIN_RESULT__MAX ? codes[r] : "internal";
}

