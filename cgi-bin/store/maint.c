/* store/maint.c - see maint.h */
#include "store/maint.h"
#include "store/audit.h"
#include "store/grow.h"
#include "store/sql.h"

#include <errno.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static enum db_result
string_list(struct db *db, arena *a, const char *sql, const char ***out, size_t *n)
{
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		const char **v = store_grow(a, (void **)out, *n, &cap, sizeof(*v));
		if (v == NULL || (*v = sql_dup(a, st, 0)) == NULL) {
			s = SQL_FAILED;
			r = DB_ERROR;
			break;
		}
		(*n)++;
	}
	sql_reset(st);
	if (s == SQL_FAILED) {
		*out = NULL;
		*n = 0;
		return r;
	}
	return DB_OK;
}

static const char sql_integrity[] = "PRAGMA integrity_check";

enum db_result
store_integrity(struct db *db, arena *a, const char ***msgs, size_t *n)
{
	enum db_result r;

	/* PostgreSQL checks its own pages (data checksums, amcheck): nothing here. */
	if (db_is_pg(db)) {
		*msgs = NULL;
		*n = 0;
		return DB_OK;
	}
	r = string_list(db, a, sql_integrity, msgs, n);

	/* A sound database answers one row, "ok". */
	if (r == DB_OK && *n == 1 && strcmp((*msgs)[0], "ok") == 0)
		*n = 0;
	return r;
}

enum db_result
store_evidence_files(struct db *db, arena *a, const char ***sha, size_t *n)
{
	static const char sql[] = "SELECT sha256 FROM evidence_file ORDER BY sha256";
	return string_list(db, a, sql, sha, n);
}

enum db_result
store_count_rows(struct db *db, const char *table, long long *n)
{
	/* Table names from this fixed list only: never from input. */
	static const char *const tables[] = { "district", "school", "teacher", "teacher_year",
		"account", "record", "evidence", "evidence_file", "audit", "item" };
	static const char *const sqls[] = {
		"SELECT count(*) FROM district", "SELECT count(*) FROM school",
		"SELECT count(*) FROM teacher", "SELECT count(*) FROM teacher_year",
		"SELECT count(*) FROM account", "SELECT count(*) FROM record",
		"SELECT count(*) FROM evidence", "SELECT count(*) FROM evidence_file",
		"SELECT count(*) FROM audit", "SELECT count(*) FROM item" };
	sql_stmt *st;
	enum db_result r = DB_ERROR;

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (strcmp(tables[i], table) != 0)
			continue;
		if ((st = db_stmt(db, sqls[i])) == NULL)
			return DB_ERROR;
		if (sql_step(st, &r) == SQL_ROW) {
			*n = sql_int(st, 0, 0);
			r = DB_OK;
		}
		sql_reset(st);
		return r;
	}
	return DB_NOTFOUND;
}

enum db_result
store_backup(struct db *db, arena *a, const char *path, const char **problems)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	enum db_result r = DB_ERROR;
	int fd, rc;

	*problems = NULL;
	if (db_is_pg(db)) {
		/* A PostgreSQL deployment is backed up with pg_basebackup and WAL archiving. */
		*problems = "PostgreSQL: back up with pg_basebackup and WAL archiving (docs/operations.md)";
		return DB_ERROR;
	}
	/* O_EXCL: an existing file is never overwritten, not even in a race. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0640)) < 0)
		return errno == EEXIST ? DB_CONSTRAINT : DB_ERROR;
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	if ((b = sqlite3_backup_init(dst, "main", db_handle(db), "main")) == NULL)
		goto out;
	/* All pages in one step: the copy is one consistent snapshot. */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(100);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		r = db_result_of(rc == SQLITE_DONE ? sqlite3_errcode(dst) : rc);
		goto out;
	}
	if (sqlite3_prepare_v2(dst, sql_integrity, -1, &st, NULL) != SQLITE_OK)
		goto out;
	r = DB_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		if (m == NULL || strcmp(m, "ok") != 0) {
			*problems = arena_strdup(a, m ? m : "?");
			r = DB_ERROR;
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = DB_ERROR;
out:
	sqlite3_finalize(st);
	if (dst != NULL)
		sqlite3_close(dst);
	if (r != DB_OK) {
		char side[4200];
		unlink(path);
		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
	}
	return r;
}

enum db_result
store_account_by_login(struct db *db, arena *a, const char *login, long long *id,
    const char **role, long long *district)
{
	static const char sql[] =
	    "SELECT id, role, coalesce(district_id, 0) FROM account WHERE login = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step s;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, login);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		*id = sql_int(st, 0, 0);
		*role = sql_dup(a, st, 1);
		*district = sql_int(st, 2, 0);
		r = *role ? DB_OK : DB_ERROR;
	} else if (s == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

enum db_result
store_account_unlock(struct db *db, arena *a, long long id, const char *login,
    long long district, const char *client)
{
	static const char sql_before[] =
	    "SELECT active, failed_logins, locked_until,"
	    " (SELECT count(*) FROM login_failure WHERE login = ?2) FROM account WHERE id = ?1";
	static const char sql_account[] =
	    "UPDATE account SET active = 1, failed_logins = 0, last_failed_at = 0, locked_until = 0"
	    " WHERE id = ?";
	static const char sql_throttle[] = "DELETE FROM login_failure WHERE login = ?";
	sql_stmt *st;
	struct audit_entry e;
	struct audit_json jb, ja;
	enum db_result r = DB_NOTFOUND;
	enum sql_step s;

	if ((st = db_stmt(db, sql_before)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, login);
	audit_json_begin(&jb, a);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		audit_json_int(&jb, "active", sql_int(st, 0, 1));
		audit_json_int(&jb, "failed_logins", sql_int(st, 1, 0));
		audit_json_int(&jb, "locked_until", sql_int(st, 2, 0));
		audit_json_int(&jb, "throttle_rows", sql_int(st, 3, 0));
	}
	sql_reset(st);
	if (s != SQL_ROW)
		return s == SQL_DONE ? DB_NOTFOUND : r;
	if ((st = db_stmt(db, sql_account)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_throttle)) == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, login);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	audit_json_begin(&ja, a);
	audit_json_int(&ja, "active", 1);
	audit_json_int(&ja, "failed_logins", 0);
	audit_json_int(&ja, "locked_until", 0);
	audit_json_int(&ja, "throttle_rows", 0);
	memset(&e, 0, sizeof(e));
	e.district_id = district;
	e.action = "account_unlock";
	e.object_type = "account";
	e.object_id = id;
	e.before = audit_json_end(&jb);
	e.after = audit_json_end(&ja);
	e.client = client;
	if (e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}
