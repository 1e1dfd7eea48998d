/*
 * store/sql.h - the SQLite side of the store: for store/ (and core/db.c)
 * only. Pages and programs include store/store.h and the entity headers,
 * never this.
 *
 * Statements are prepared once per connection and cached by the address of
 * their SQL text (pass string literals). A cached statement that is still
 * stepping is never handed out again: asking for the same SQL meanwhile
 * gives a second statement, so a loop's cursor cannot be reset under it.
 * Row loops go through sql_step, which tells a row, the end and an error
 * apart: a loop that ends on an error returns DB_ERROR (or DB_BUSY), never
 * the rows so far as if they were all.
 */
#ifndef XS_STORE_SQL_H
#define XS_STORE_SQL_H

#include <stddef.h>

#include "core/arena.h"
#include "core/db.h"

/*
 * A prepared statement of the connection's engine, SQLite or PostgreSQL
 * (core/db_engine.h). The store's modules use it through the functions
 * below only, never an engine's own calls (sql.h includes neither
 * sqlite3.h nor libpq-fe.h, and configure makes an undeclared call an
 * error: a module that tried would not build). The SQL is one text for
 * both engines, written in SQLite's dialect; on PostgreSQL it is
 * rewritten when prepared ($N parameters, ON CONFLICT DO NOTHING) and
 * SQLite's functions exist as SQL functions (db/migrations-pg/0001).
 * The engines' side is store/store.c, core/db.c, core/db_pg.c and
 * store/maint.c (SQLite's online backup).
 */
typedef struct sql_stmt sql_stmt;

/* SQLite's raw handle (the engine's side only); NULL on PostgreSQL. */
struct sqlite3 *db_handle(struct db *db);

/*
 * 1 when the last failure (a DB_BUSY) was a serialization failure or a
 * deadlock: the transaction may be run again from its start (PostgreSQL;
 * always 0 on SQLite, whose single writer never needs it).
 */
int db_retry(struct db *db);

/* The last failure on the connection as a db_result, and its message. */
enum db_result db_last_result(struct db *db);
const char *db_last_error(struct db *db);

/*
 * A prepared statement for sql, reset and with bindings cleared, that no
 * one else is stepping. Returns NULL on error (logged). The statement
 * belongs to the cache: never finalize it.
 */
sql_stmt *db_stmt(struct db *db, const char *sql);

/*
 * What store/ keeps with a connection for as long as it is open (a cache
 * valid for this database only), freed with it by free_fn. db_keep replaces
 * (and frees) what the slot held.
 */
enum db_keep { DB_KEEP_CATALOGUE, DB_KEEP__MAX };
void *db_kept(struct db *db, enum db_keep slot);
void db_keep(struct db *db, enum db_keep slot, void *p, void (*free_fn)(void *));

/* 1 inside a write transaction (db_begin), 0 outside or in db_read_begin's. */
int db_writing(struct db *db);

/* Map an SQLite result code to a db_result (noting storage failures). */
enum db_result db_result_of(int sqlite_rc);

/*
 * One step: SQL_ROW, SQL_DONE, or SQL_FAILED with *r set to the mapped
 * result (DB_BUSY, DB_CONSTRAINT, DB_ERROR). r may be NULL.
 */
enum sql_step { SQL_ROW, SQL_DONE, SQL_FAILED };
enum sql_step sql_step(sql_stmt *st, enum db_result *r);

/* Step a statement that returns no rows; reset it. DB_OK or the failure. */
enum db_result sql_exec(sql_stmt *st);

/* Column helpers: text ("" for NULL), a copy in a, an integer (dflt for NULL). */
const char *sql_text(sql_stmt *st, int i);
char *sql_dup(arena *a, sql_stmt *st, int i);
long long sql_int(sql_stmt *st, int i, long long dflt);
int sql_null(sql_stmt *st, int i);

/*
 * A row into a struct: fill reads the statement's current row into row
 * (zeroed, size bytes), copying text into a; 0, or -1 when out of memory.
 */
typedef int (*sql_fill_fn)(arena *a, sql_stmt *st, void *row);

/*
 * Every row of the bound statement st into a new arena array of rows of
 * size bytes: *out and *n whole, or none at all with the failure (a list
 * never stops part-way). Resets st.
 */
enum db_result sql_list(sql_stmt *st, arena *a, size_t size, sql_fill_fn fill,
    void **out, size_t *n);

/* The one row of the bound statement st into row: DB_OK, DB_NOTFOUND, or the failure. Resets st. */
enum db_result sql_one(sql_stmt *st, arena *a, size_t size, sql_fill_fn fill, void *row);

/* A row's first column as a long long (row points at one): the fill of a single number. */
int sql_fill_int(arena *a, sql_stmt *st, void *row);

/* Bind text (SQLITE_TRANSIENT; NULL binds NULL) and an integer. */
/*
 * A catalogue item's row (struct setup_item, store/district.h) from the
 * columns SQL_SETUP_ITEM_COLUMNS starting at column c (of "item i LEFT
 * JOIN cap_group g"). 0, or -1 out of memory. In store/district.c.
 */
#define SQL_SETUP_ITEM_COLUMNS \
	"i.code, i.category, i.name, i.unit, i.conditions, i.rule_type, i.params, i.asks," \
	" i.hours_tenths, i.cap_tenths, g.code, i.normative, i.evidence_required," \
	" i.needs_project, i.active, i.sort_order, i.exclusions, i.organisers"
/*
 * A kept upload's row (content, filename, school_year_id, committed_at)
 * into a struct import_file (store.h), for sql_one. In store/store.c.
 */
int sql_fill_import_file(arena *a, sql_stmt *st, void *row);

struct setup_item;
int sql_fill_setup_item(arena *a, sql_stmt *st, int c, struct setup_item *it);

void sql_bind_text(sql_stmt *st, int i, const char *v);
void sql_bind_int(sql_stmt *st, int i, long long v);
void sql_bind_null(sql_stmt *st, int i);
/* Bind n bytes at p as a blob; they must stay until the statement is reset. */
void sql_bind_blob(sql_stmt *st, int i, const void *p, int n);
/* How many parameters the statement has. */
int sql_params(sql_stmt *st);

/* Reset a statement after its rows (its bindings stay until db_stmt hands it out again). */
void sql_reset(sql_stmt *st);

/* A column as text, NULL for NULL; a blob with its length in *n (NULL for NULL or empty). */
const char *sql_text_null(sql_stmt *st, int i);
const void *sql_blob(sql_stmt *st, int i, size_t *n);

/* The id of the row the connection's last INSERT made; the rows its last change touched. */
long long sql_last_id(struct db *db);
long long sql_changes(struct db *db);

#endif
