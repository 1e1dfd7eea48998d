/*
 * store/session.c - the SQL of signing in (core/auth.h): the login with its
 * throttles and lockout, sessions, logout, ending an account's sessions,
 * setting a password. The hashing, tokens and password rules stay pure in
 * core/auth.c; this is their store.
 */
#include "core/auth.h"
#include "store/audit.h"
#include "store/sql.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char sql_account_by_login[] =
    "SELECT id, password_hash, active, failed_logins, last_failed_at, locked_until,"
    " coalesce(district_id, 0) FROM account WHERE login = ?";
static const char sql_client_failures[] =
    "SELECT count(*), coalesce(max(at), 0) FROM login_failure WHERE client = ? AND at > ?";
static const char sql_record_failure[] =
    "INSERT INTO login_failure (client, login, at) VALUES (?, ?, ?)";
static const char sql_forget_failures[] =
    "DELETE FROM login_failure WHERE at <= ?";
static const char sql_account_failed[] =
    "UPDATE account SET failed_logins = failed_logins + 1, last_failed_at = ?2,"
    " locked_until = CASE WHEN failed_logins + 1 >= ?3 THEN ?2 + ?4 ELSE locked_until END"
    " WHERE id = ?1";
/*
 * An attempt refused during a back-off counts towards the lock but does not
 * move the back-off's start: waiting it out must always work.
 */
static const char sql_account_refused[] =
    "UPDATE account SET failed_logins = failed_logins + 1,"
    " locked_until = CASE WHEN failed_logins + 1 >= ?3 THEN ?2 + ?4 ELSE locked_until END"
    " WHERE id = ?1 AND locked_until <= ?2";
static const char sql_account_ok[] =
    "UPDATE account SET failed_logins = 0, locked_until = 0 WHERE id = ?";
static const char sql_session_new[] =
    "INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen, expires_at, client)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_session_purge[] =
    "DELETE FROM session WHERE expires_at <= ?1 OR last_seen <= ?1 - ?2";

/* The back-off an account must wait after n failures, the last at last. */
static long long
account_wait(long long n, long long last, long long locked_until, long long now,
    int *locked)
{
	long long delay;

	*locked = 0;
	if (locked_until > now) {
		*locked = 1;
		return locked_until - now;
	}
	if (n < AUTH_SLOW_AFTER - 1 || n >= AUTH_LOCK_AFTER)
		return 0; /* past the lock: the next failure locks again at once */
	delay = 1LL << (n - (AUTH_SLOW_AFTER - 1) < 6 ? n - (AUTH_SLOW_AFTER - 1) : 6);
	if (delay > 60)
		delay = 60;
	return last + delay > now ? last + delay - now : 0;
}

static enum login_result
fail(struct db *db, long long account, long long district, const char *login,
    const char *client, long long now, enum login_result why, int by_client)
{
	sql_stmt *st;
	struct audit_entry e = { 0 };
	char after[160];

	/*
	 * Only a checked password counts against the client address: an attempt
	 * refused because the address or the account is throttled must not
	 * renew the throttle (one bad attempt a minute from a school's shared
	 * address would keep every teacher there out), and an attempt during a
	 * lock neither counts nor extends it.
	 */
	int refused = why == LOGIN_SLOWED || why == LOGIN_LOCKED;

	if (!refused) {
		if ((st = db_stmt(db, sql_record_failure)) == NULL)
			return LOGIN_ERROR;
		sql_bind_text(st, 1, client);
		sql_bind_text(st, 2, login);
		sql_bind_int(st, 3, now);
		if (sql_step(st, NULL) != SQL_DONE)
			return LOGIN_ERROR;
	}
	if (account > 0 && why != LOGIN_DISABLED && why != LOGIN_LOCKED && !by_client) {
		if ((st = db_stmt(db, refused ? sql_account_refused : sql_account_failed)) == NULL)
			return LOGIN_ERROR;
		sql_bind_int(st, 1, account);
		sql_bind_int(st, 2, now);
		sql_bind_int(st, 3, AUTH_LOCK_AFTER);
		sql_bind_int(st, 4, AUTH_LOCK);
		if (sql_step(st, NULL) != SQL_DONE)
			return LOGIN_ERROR;
	}
	snprintf(after, sizeof(after), "{\"reason\":\"%s\"}", auth_login_code(why));
	e.account_id = account;
	e.district_id = district;
	e.action = "login_failed";
	e.object_type = "account";
	e.object_id = account;
	e.after = after;
	e.client = client;
	if (audit_write(db, &e) != DB_OK)
		return LOGIN_ERROR;
	return why;
}

enum login_result
auth_login(struct db *db, const char *login, const char *password,
    const char *client, long long now, char token_out[AUTH_TOKEN_HEX + 1],
    long long *account_out, long long *retry_after)
{
	sql_stmt *st;
	long long id = 0, district = 0, failed = 0, last = 0, locked_until = 0;
	long long client_failures = 0, client_last = 0, wait;
	char hash[crypto_pwhash_STRBYTES] = "", csrf[AUTH_TOKEN_HEX + 1];
	char token_hash[AUTH_TOKEN_HEX + 1];
	int active = 0, locked = 0, found = 0, by_client = 0;
	enum login_result r;
	enum db_result dr;
	struct audit_entry e = { 0 };

	*account_out = 0;
	*retry_after = 0;
	token_out[0] = '\0';
	if (client == NULL)
		client = "";
	/* Read first, outside the write transaction: hashing takes time. */
	if ((st = db_stmt(db, sql_account_by_login)) == NULL)
		return LOGIN_ERROR;
	sql_bind_text(st, 1, login);
	if (sql_step(st, NULL) == SQL_ROW) {
		found = 1;
		id = sql_int(st, 0, 0);
		snprintf(hash, sizeof(hash), "%s", sql_text_null(st, 1));
		active = (int)sql_int(st, 2, 0);
		failed = sql_int(st, 3, 0);
		last = sql_int(st, 4, 0);
		locked_until = sql_int(st, 5, 0);
		district = sql_int(st, 6, 0);
	}
	sql_reset(st);
	if ((st = db_stmt(db, sql_client_failures)) == NULL)
		return LOGIN_ERROR;
	sql_bind_text(st, 1, client);
	sql_bind_int(st, 2, now - AUTH_CLIENT_WINDOW);
	if (sql_step(st, NULL) == SQL_ROW) {
		client_failures = sql_int(st, 0, 0);
		client_last = sql_int(st, 1, 0);
	}
	sql_reset(st);
	*account_out = id;

	/* Decide before checking the password: a throttled attempt is not checked. */
	r = LOGIN_OK;
	wait = 0;
	if (found) {
		wait = account_wait(failed, last, locked_until, now, &locked);
		if (locked)
			r = LOGIN_LOCKED;
		else if (wait > 0)
			r = LOGIN_SLOWED;
	}
	if (r == LOGIN_OK && client_failures >= AUTH_CLIENT_MAX && client_last + 60 > now) {
		/* The address is throttled, not the account: the account's count stays. */
		by_client = 1;
		r = LOGIN_SLOWED;
		wait = client_last + 60 - now;
	}
	if (r == LOGIN_OK) {
		if (!found) {
			/* Spend the time of a real check: no login enumeration by timing. */
			char scratch[crypto_pwhash_STRBYTES];
			auth_hash_password(password, scratch);
			sodium_memzero(scratch, sizeof(scratch));
			r = LOGIN_BAD;
		} else if (!auth_verify_password(hash, password))
			r = LOGIN_BAD;
		else if (!active)
			r = LOGIN_DISABLED;
	}
	sodium_memzero(hash, sizeof(hash));
	*retry_after = wait;

	if ((dr = db_begin(db)) != DB_OK)
		return dr == DB_BUSY ? LOGIN_BUSY : LOGIN_ERROR;
	if (r != LOGIN_OK) {
		enum login_result out = fail(db, id, district, login, client, now, r, by_client);
		if (out == LOGIN_ERROR) {
			db_rollback(db);
			return LOGIN_ERROR;
		}
		/* The attempt that reaches the limit locks at once. */
		if (found && !by_client && r != LOGIN_DISABLED && failed + 1 >= AUTH_LOCK_AFTER
		    && r != LOGIN_LOCKED) {
			r = LOGIN_LOCKED;
			*retry_after = AUTH_LOCK;
		}
		dr = db_commit(db);
		return dr == DB_OK ? r : LOGIN_ERROR;
	}
	auth_random_hex(token_out);
	auth_random_hex(csrf);
	auth_token_hash(token_out, token_hash);
	if ((st = db_stmt(db, sql_account_ok)) == NULL)
		goto err;
	sql_bind_int(st, 1, id);
	if (sql_step(st, NULL) != SQL_DONE)
		goto err;
	if ((st = db_stmt(db, sql_session_purge)) == NULL)
		goto err;
	sql_bind_int(st, 1, now);
	sql_bind_int(st, 2, AUTH_IDLE);
	if (sql_step(st, NULL) != SQL_DONE)
		goto err;
	if ((st = db_stmt(db, sql_forget_failures)) == NULL)
		goto err;
	sql_bind_int(st, 1, now - AUTH_CLIENT_WINDOW);
	if (sql_step(st, NULL) != SQL_DONE)
		goto err;
	if ((st = db_stmt(db, sql_session_new)) == NULL)
		goto err;
	sql_bind_text(st, 1, token_hash);
	sql_bind_int(st, 2, id);
	sql_bind_text(st, 3, csrf);
	sql_bind_int(st, 4, now);
	sql_bind_int(st, 5, now);
	sql_bind_int(st, 6, now + AUTH_ABSOLUTE);
	sql_bind_text(st, 7, client);
	if (sql_step(st, NULL) != SQL_DONE)
		goto err;
	e.account_id = id;
	e.district_id = district;
	e.action = "login";
	e.object_type = "account";
	e.object_id = id;
	e.client = client;
	if (audit_write(db, &e) != DB_OK)
		goto err;
	if (db_commit(db) != DB_OK) {
		token_out[0] = '\0';
		return LOGIN_ERROR;
	}
	return LOGIN_OK;
err:
	db_rollback(db);
	sodium_memzero(token_out, AUTH_TOKEN_HEX + 1);
	return LOGIN_ERROR;
}

static const char sql_session_user[] =
    "SELECT s.id, s.csrf, s.last_seen, s.expires_at, a.id, a.role, coalesce(a.district_id, 0),"
    " coalesce(a.school_id, 0), coalesce(a.teacher_id, 0), a.login, a.display_name,"
    " a.must_change_password, a.active,"
    " CASE WHEN coalesce((SELECT d.self_registration FROM district d WHERE d.id = a.district_id), 0) <> 0"
    " AND coalesce((SELECT t.active FROM teacher t WHERE t.id = a.teacher_id), 0) <> 0 THEN 1 ELSE 0 END"
    " FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?";
static const char sql_session_touch[] =
    "UPDATE session SET last_seen = ? WHERE id = ?";

struct user *
auth_session_user(struct db *db, arena *a, const char *token, long long now,
    enum db_result *err)
{
	sql_stmt *st;
	char th[AUTH_TOKEN_HEX + 1];
	struct user *u = NULL;
	long long last = 0, expires = 0;
	int active = 0, role;
	enum db_result ignored, r = DB_OK;
	enum sql_step s;

	if (err == NULL)
		err = &ignored;
	*err = DB_OK;
	if (token == NULL || strlen(token) != AUTH_TOKEN_HEX)
		return NULL;
	auth_token_hash(token, th);
	if ((st = db_stmt(db, sql_session_user)) == NULL) {
		*err = db_last_result(db);
		if (*err == DB_OK)
			*err = DB_ERROR;
		return NULL;
	}
	sql_bind_text(st, 1, th);
	if ((s = sql_step(st, &r)) == SQL_FAILED) {
		*err = r == DB_CONSTRAINT ? DB_ERROR : r;
	} else if (s == SQL_ROW) {
		u = arena_alloc(a, sizeof(*u));
		if (u != NULL) {
			u->session_id = sql_int(st, 0, 0);
			u->csrf = arena_strdup(a, sql_text_null(st, 1));
			last = sql_int(st, 2, 0);
			expires = sql_int(st, 3, 0);
			u->id = sql_int(st, 4, 0);
			role = auth_role_parse(sql_text_null(st, 5));
			u->role = role < 0 ? ROLE_NAME_TEACHER : (enum role_name)role;
			u->district_id = sql_int(st, 6, 0);
			u->school_id = sql_int(st, 7, 0);
			u->teacher_id = sql_int(st, 8, 0);
			u->login = arena_strdup(a, sql_text_null(st, 9));
			u->name = arena_strdup(a, sql_text_null(st, 10));
			u->must_change = (int)sql_int(st, 11, 0);
			active = (int)sql_int(st, 12, 0);
			u->registers = role == ROLE_NAME_TEACHER && (int)sql_int(st, 13, 0);
			if (role < 0 || u->csrf == NULL || u->login == NULL || u->name == NULL)
				u = NULL;
		}
	}
	sql_reset(st);
	if (u == NULL || !active || expires <= now || last + AUTH_IDLE <= now)
		return NULL;
	/* Touch at most once a minute: reads stay reads. */
	if (now - last >= 60 && (st = db_stmt(db, sql_session_touch)) != NULL) {
		sql_bind_int(st, 1, now);
		sql_bind_int(st, 2, u->session_id);
		(void)sql_exec(st);
	}
	return u;
}

enum db_result
auth_logout(struct db *db, const struct user *u, const char *client)
{
	static const char sql[] = "DELETE FROM session WHERE id = ?";
	sql_stmt *st;
	struct audit_entry e = { 0 };
	enum db_result r;

	if ((r = db_begin(db)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql)) == NULL) {
		db_rollback(db);
		return DB_ERROR;
	}
	sql_bind_int(st, 1, u->session_id);
	if (sql_step(st, NULL) != SQL_DONE) {
		db_rollback(db);
		return DB_ERROR;
	}
	e.account_id = u->id;
	e.district_id = u->district_id;
	e.action = "logout";
	e.object_type = "account";
	e.object_id = u->id;
	e.client = client;
	if ((r = audit_write(db, &e)) != DB_OK) {
		db_rollback(db);
		return r;
	}
	return db_commit(db);
}

enum db_result
auth_end_sessions(struct db *db, long long account_id)
{
	static const char sql[] = "DELETE FROM session WHERE account_id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account_id);
	return sql_exec(st);
}

enum db_result
auth_set_one_time_hash(struct db *db, long long account_id, const char *hash)
{
	static const char sql[] =
	    "UPDATE account SET password_hash = ?, must_change_password = 1,"
	    " failed_logins = 0, locked_until = 0,"
	    " password_set_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, hash);
	sql_bind_int(st, 2, account_id);
	return sql_exec(st);
}

enum db_result
auth_set_password(struct db *db, long long account_id, const char *password,
    int must_change, long long keep_session)
{
	static const char sql_set[] =
	    "UPDATE account SET password_hash = ?, must_change_password = ?,"
	    " failed_logins = 0, locked_until = 0,"
	    " password_set_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?";
	static const char sql_end_others[] =
	    "DELETE FROM session WHERE account_id = ? AND id <> ?";
	char hash[crypto_pwhash_STRBYTES];
	sql_stmt *st;
	enum db_result r;

	if (auth_hash_password(password, hash) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql_set)) == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, hash);
	sql_bind_int(st, 2, must_change ? 1 : 0);
	sql_bind_int(st, 3, account_id);
	r = sql_exec(st);
	sodium_memzero(hash, sizeof(hash));
	if (r != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_end_others)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account_id);
	sql_bind_int(st, 2, keep_session);
	return sql_exec(st);
}

int
auth_check_password(struct db *db, long long account_id, const char *password)
{
	static const char sql[] = "SELECT password_hash FROM account WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);
	char hash[crypto_pwhash_STRBYTES] = "";
	enum sql_step s;
	int ok;

	if (st == NULL)
		return -1;
	sql_bind_int(st, 1, account_id);
	if ((s = sql_step(st, NULL)) == SQL_ROW)
		snprintf(hash, sizeof(hash), "%s", sql_text(st, 0));
	sql_reset(st);
	if (s == SQL_FAILED)
		return -1;
	ok = hash[0] != '\0' && auth_verify_password(hash, password);
	sodium_memzero(hash, sizeof(hash));
	return ok;
}
