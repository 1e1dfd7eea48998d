/*
 * db.h - the SQLite connection: pragmas, migrations, cached statements,
 * transactions.
 *
 * Every connection runs in WAL mode with foreign keys on, synchronous=FULL (a
 * commit we acknowledged survives a power cut), a busy timeout, and
 * SQLITE_DBCONFIG_DEFENSIVE. Statements are prepared once per connection and
 * cached by their SQL text's address: pass string literals or other static
 * strings only. Open connections after fork(), never before.
 */
#ifndef XS_DB_H
#define XS_DB_H

#include <sqlite3.h>

enum db_result {
	DB_OK = 0,
	DB_ERROR,      /* unexpected: a 500 */
	DB_BUSY,       /* still locked after the busy timeout: a 503 */
	DB_CONSTRAINT, /* a constraint refused the change: a field error */
	DB_NOTFOUND,   /* no row where one was expected: a 404 */
	DB_RESULT__MAX
};

struct db;

/*
 * Open (creating if create is set) the database at path and apply the
 * pragmas. Returns the connection, or NULL with a message on stderr.
 * Close with db_close.
 */
struct db *db_open(const char *path, int create);

/* Finalize every cached statement and close. NULL is a no-op. */
void db_close(struct db *db);

/* The raw handle, for the few places that need the C API directly. */
sqlite3 *db_handle(struct db *db);

/*
 * Apply, in order, every migration file NNNN_name.sql in dir whose number is
 * above the recorded version, each in one transaction together with its row
 * in schema_version. *applied gets how many ran (may be NULL). Returns DB_OK
 * or DB_ERROR (with a message on stderr naming the file).
 */
enum db_result db_migrate(struct db *db, const char *dir, int *applied);

/* The highest applied migration number, 0 for an empty database, -1 on error. */
int db_version(struct db *db);

/*
 * A prepared statement for sql, reset and with bindings cleared. Cached per
 * connection by the address of sql. Returns NULL on error (logged).
 * The statement belongs to the cache: never finalize it.
 */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum db_result db_begin(struct db *db);
enum db_result db_commit(struct db *db);
void db_rollback(struct db *db);

/* Run SQL with no results (several statements allowed). */
enum db_result db_exec(struct db *db, const char *sql);

/* Run every statement in the file at path inside one transaction. */
enum db_result db_exec_file(struct db *db, const char *path);

/* Map an SQLite result code to a db_result. */
enum db_result db_result_of(int sqlite_rc);

#endif
