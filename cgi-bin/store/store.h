/*
 * store/store.h - what every store module shares. The store is the one
 * place with SQL: one module per entity (store/<entity>.h), each taking and
 * returning plain C structs allocated in the request's arena, and returning
 * enum db_result (core/db.h): DB_OK, DB_NOTFOUND, DB_CONSTRAINT, DB_BUSY,
 * DB_ERROR. A list is filled whole or not at all: a failure part-way is an
 * error, never the rows so far.
 *
 * The SQL is SQLite's, kept to the portable subset where it costs nothing.
 * Constructs a port to another engine would have to replace are noted in
 * each module's header under "SQLite-only".
 */
#ifndef XS_STORE_H
#define XS_STORE_H

#include "core/arena.h"
#include "core/db.h"

/*
 * Run fn(db, arg) in one write transaction (BEGIN IMMEDIATE; SERIALIZABLE on
 * PostgreSQL): commit when it returns DB_OK, roll back otherwise (and when
 * the commit fails). Returns fn's result or the commit's. On PostgreSQL a
 * serialization failure runs fn again from the start (twice at most), so fn
 * must set what it returns afresh each time. The one way a page writes.
 */
typedef enum db_result (*store_tx_fn)(struct db *db, void *arg);
enum db_result store_tx(struct db *db, store_tx_fn fn, void *arg);

/*
 * An uploaded file kept between its preview and its commit (the roster
 * import's and the catalogue import's tables: content, filename,
 * school_year_id, committed_at).
 */
struct import_file {
	void *data;              /* len bytes (and a NUL after them), in the arena */
	size_t len;
	const char *filename;
	long long year;          /* the school year it was uploaded for */
	int committed;
};

#endif
