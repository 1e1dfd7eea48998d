/*
 * db.h - the database connection as the rest of the program sees it: open,
 * close, migrate, transactions, and the result every store call returns.
 * It names no SQLite type: the SQL lives in store/ (store/sql.h is the
 * engine's side, for store/ and this module only), so that a second engine
 * can stand behind the same header.
 *
 * Every SQLite connection runs in WAL mode with foreign keys on,
 * synchronous=FULL (a commit we acknowledged survives a power cut), a busy
 * timeout, and SQLITE_DBCONFIG_DEFENSIVE. Open connections after fork(),
 * never before.
 */
#ifndef XS_DB_H
#define XS_DB_H

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
 * A function db_commit runs inside the transaction just before COMMIT (not
 * when nested in itself): the store keeps derived data (each teacher-year's
 * result) up to date this way. When it fails, the transaction is rolled
 * back and db_commit returns its result. NULL: none.
 */
typedef enum db_result (*db_commit_hook)(struct db *db, void *arg);
void db_set_commit_hook(struct db *db, db_commit_hook fn, void *arg);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
/*
 * SQLite's memory in this process: *heap all it holds (bytes), *cache the
 * page cache of this connection (bytes; bounded by the cache_size pragma).
 */
void db_memory(struct db *db, long long *heap, long long *cache);

enum db_result db_begin(struct db *db);
enum db_result db_commit(struct db *db);
void db_rollback(struct db *db);

/*
 * A read transaction for a page's reads (GET): one snapshot, the read lock
 * taken once. db_begin, or a statement that writes, ends it first (the
 * snapshot does not carry into the write). db_read_end ends it; no-ops when
 * none is open or a write transaction is.
 */
void db_read_begin(struct db *db);
void db_read_end(struct db *db);

/* 1 while a transaction is open on the connection. */
int db_in_transaction(struct db *db);

/* 1 when the connection is PostgreSQL's (XUESHI_DB a postgresql:// URL), 0 for SQLite's. */
int db_is_pg(struct db *db);

/* Run SQL with no results (several statements allowed). */
enum db_result db_exec(struct db *db, const char *sql);

/* Run every statement in the file at path inside one transaction. */
enum db_result db_exec_file(struct db *db, const char *path);


/*
 * The end of a request: every statement the request left stepping is
 * reset, so nothing of it survives into the next one.
 */
void db_request_done(struct db *db);

/*
 * Fault injection for the tests: fail (SQLITE_INTERRUPT) the statement that
 * is running at the n-th step of the virtual machine from now (0: off).
 * Returns whether the fault fired since it was armed.
 */
void db_fault_arm(struct db *db, long n);
int db_fault_fired(struct db *db);

#endif
