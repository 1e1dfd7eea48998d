/*
 * core/db_engine.h - the engines' side of the store (issue 18): the
 * connection and the statement as core/db.c (SQLite), core/db_pg.c
 * (PostgreSQL through libpq) and store/store.c share them. Nothing else
 * includes this; store modules see sql_stmt through store/sql.h only.
 *
 * A connection is SQLite's (h set) or PostgreSQL's (pg set), chosen by
 * db_open from XUESHI_DB: a path, or a postgresql:// connection string.
 * Each function of sql.h and db.h dispatches on which.
 */
#ifndef XS_DB_ENGINE_H
#define XS_DB_ENGINE_H

#include <stddef.h>

#include "core/db.h"
#include "store/sql.h"

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;
struct pg_result;

#define DB_MAX_STMTS 256

struct sql_stmt {
	struct sqlite3_stmt *lite;  /* SQLite's statement; NULL on PostgreSQL */
	struct db *db;
	const char *sql;            /* as written: the cache's key */
	/* PostgreSQL: the statement prepared by name on the connection. */
	char *text;                 /* the SQL rewritten ($N parameters, ON CONFLICT) */
	char name[16];
	int prepared;               /* on the connection as it is now (0 after a reconnect) */
	int readonly;               /* a SELECT: runs inside a page's read snapshot */
	int nparams;
	char **values;              /* nparams bound values (malloc'd; NULL: SQL NULL) */
	int *lengths, *formats;     /* blobs are sent as binary */
	const void **blobs;         /* a blob's bytes (the caller keeps them, as SQLite's STATIC) */
	unsigned *types;            /* each parameter's type as bound: int8, bytea, or 0 (text: the server's guess) */
	unsigned *ptypes;           /* the types it was prepared with */
	struct pg_result *res;      /* the rows of the execution, NULL before (not "busy") */
	int row, nrows;             /* the current row, 0-based; -1 before the first step */
	int failed;                 /* the execution failed; sql_step answers it again */
	unsigned char *unesc;       /* the last bytea column unescaped (sql_blob) */
};

struct db {
	struct sqlite3 *h;          /* SQLite */
	struct pg_conn *pg;         /* PostgreSQL */
	char *conninfo;
	struct sql_stmt *stmts[DB_MAX_STMTS];
	size_t nstmts;
	unsigned stmt_names;        /* PostgreSQL: the next prepared statement's number */
	long fault_left;            /* steps (SQLite) or statements (PostgreSQL) until the fault */
	int fault_fired;
	db_commit_hook commit_hook; /* run inside every write transaction before COMMIT */
	void *commit_arg;
	int in_hook;
	int reading;                /* a read transaction of db_read_begin is open */
	struct { void *p; void (*free_fn)(void *); } keep[DB_KEEP__MAX];
	/* PostgreSQL: what the last statement left. */
	enum db_result pg_last;
	int pg_retry;               /* the last failure was a serialization failure or deadlock */
	int pg_writer;              /* this connection holds the writers' lock (pgdb_begin) */
	long long pg_changes;
	char pg_err[512];
};

/* PostgreSQL (core/db_pg.c). */
int pgdb_is_url(const char *path);
int pgdb_open(struct db *db, const char *conninfo);
void pgdb_close(struct db *db);
struct sql_stmt *pgdb_stmt_new(struct db *db, const char *sql);
void pgdb_stmt_free(struct sql_stmt *st);
void pgdb_stmt_clear(struct sql_stmt *st);
int pgdb_stmt_busy(const struct sql_stmt *st);
enum sql_step pgdb_step(struct sql_stmt *st, enum db_result *r);
void pgdb_reset(struct sql_stmt *st);
enum pgdb_kind { PGDB_TEXT, PGDB_BLOB, PGDB_INT };
void pgdb_bind(struct sql_stmt *st, int i, const char *v, int len, enum pgdb_kind kind);
const char *pgdb_value(struct sql_stmt *st, int i);
const void *pgdb_blob(struct sql_stmt *st, int i, size_t *n);
enum db_result pgdb_exec(struct db *db, const char *sql);
int pgdb_in_transaction(struct db *db);
enum db_result pgdb_begin(struct db *db);
enum db_result pgdb_end(struct db *db, int commit);
long long pgdb_last_id(struct db *db);
enum db_result pgdb_migrate(struct db *db, const char *dir, int *applied);
int pgdb_version(struct db *db);
void pgdb_request_done(struct db *db);
/* The SQL as PostgreSQL takes it: $N parameters, INSERT OR IGNORE as ON CONFLICT DO NOTHING. */
char *pgdb_rewrite(const char *sql, int *nparams);

#endif
