/*
 * store/maint.h - recovery and upkeep for the command line: the online
 * backup, the integrity check, the evidence files the database names, and
 * the account recovery writes (a first system administrator, unlocking an
 * account). Account writes run inside the caller's transaction and write
 * their audit row; the one-time passwords themselves are core/auth.h's.
 *
 * SQLite-only: the online backup API (sqlite3_backup_*), PRAGMA
 * integrity_check.
 */
#ifndef XS_STORE_MAINT_H
#define XS_STORE_MAINT_H

#include "store/store.h"

/*
 * Copy the database db into the new file path with the online backup API
 * (a consistent snapshot, the -wal's pages included), then run
 * integrity_check on the copy. path must not exist (DB_CONSTRAINT when it
 * does; it is never overwritten). On a failed copy or check the new file
 * is removed. *problems gets the copy's first integrity message (NULL when ok).
 */
enum db_result store_backup(struct db *db, arena *a, const char *path, const char **problems);

/* PRAGMA integrity_check: the messages, none when the database is sound. */
enum db_result store_integrity(struct db *db, arena *a, const char ***msgs, size_t *n);

/* The SHA-256 of every stored evidence file (evidence_file), in order. */
enum db_result store_evidence_files(struct db *db, arena *a, const char ***sha, size_t *n);

/* Row counts of the tables backups are compared by (for check and the tests). */
enum db_result store_count_rows(struct db *db, const char *table, long long *n);

/* An account by login: id, role name, district (0: none). DB_NOTFOUND when none. */
enum db_result store_account_by_login(struct db *db, arena *a, const char *login,
    long long *id, const char **role, long long *district);

/*
 * Let an account in again: enabled, its failed-login count and lock
 * cleared, and the throttle's rows for its login (login_failure) deleted.
 * Audited as account_unlock.
 */
enum db_result store_account_unlock(struct db *db, arena *a, long long id, const char *login,
    long long district, const char *client);

#endif
