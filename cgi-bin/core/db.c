/* db.c - see db.h */
#include "db.h"
#include "core/db_engine.h"
#include "store/sql.h"

#include <sqlite3.h>
#include "failure.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_BUSY_MS 5000

enum db_result
db_result_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	default:
		/* A full disk or a read-only database is told as such (core/failure.h). */
		failure_note_sqlite(rc);
		return DB_ERROR;
	}
}

/*
 * XUESHI_SLOW_SQL_MS=N: a statement that ran longer than N ms is logged with
 * its time and its SQL as written (the parameters are not: no personal data
 * in the log).
 */
static int
slow_sql(unsigned type, void *ctx, void *p, void *x)
{
	long long ns = *(const long long *)x;
	long long limit = (long long)(intptr_t)ctx;
	const char *sql;

	if (type != SQLITE_TRACE_PROFILE || ns < limit * 1000000)
		return 0;
	sql = sqlite3_sql((sqlite3_stmt *)p);
	fprintf(stderr, "xueshi: slow SQL (%.1f ms): %.600s\n", (double)ns / 1e6, sql ? sql : "?");
	return 0;
}

struct db *
db_open(const char *path, int create)
{
	struct db *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	static const char pragmas[] =
	    "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA temp_store=MEMORY;"
	    "PRAGMA cache_size=-8192;"   /* 8 MiB of pages: a district's year stays in memory */
	    "PRAGMA trusted_schema=OFF;";

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof(*db));
	if (db == NULL)
		return NULL;
	if (pgdb_is_url(path)) {
		if (pgdb_open(db, path) != 0) {
			free(db);
			return NULL;
		}
		return db;
	}
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		fprintf(stderr, "xueshi: cannot open database %s: %s\n", path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	{
		const char *slow = getenv("XUESHI_SLOW_SQL_MS");
		long ms = slow != NULL ? atol(slow) : 0;
		if (ms > 0 && ms < 1000000)
			sqlite3_trace_v2(db->h, SQLITE_TRACE_PROFILE, slow_sql, (void *)(intptr_t)ms);
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
	sqlite3_limit(db->h, SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024);
	if (sqlite3_exec(db->h, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "xueshi: cannot configure database %s: %s\n",
		    path, sqlite3_errmsg(db->h));
		goto fail;
	}
	return db;
fail:
	sqlite3_close(db->h);
	free(db);
	return NULL;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->nstmts; i++) {
		if (db->stmts[i]->lite != NULL)
			sqlite3_finalize(db->stmts[i]->lite);
		else
			pgdb_stmt_free(db->stmts[i]);
		free(db->stmts[i]);
	}
	for (int k = 0; k < DB_KEEP__MAX; k++)
		if (db->keep[k].p != NULL && db->keep[k].free_fn != NULL)
			db->keep[k].free_fn(db->keep[k].p);
	if (db->pg != NULL)
		pgdb_close(db);
	else
		sqlite3_close(db->h);
	free(db);
}

void *
db_kept(struct db *db, enum db_keep slot)
{
	return db->keep[slot].p;
}

void
db_keep(struct db *db, enum db_keep slot, void *p, void (*free_fn)(void *))
{
	if (db->keep[slot].p != NULL && db->keep[slot].p != p && db->keep[slot].free_fn != NULL)
		db->keep[slot].free_fn(db->keep[slot].p);
	db->keep[slot].p = p;
	db->keep[slot].free_fn = free_fn;
}

int
db_writing(struct db *db)
{
	return db_in_transaction(db) && !db->reading;
}

void
db_memory(struct db *db, long long *heap, long long *cache)
{
	int cur = 0, hi = 0;

	*heap = sqlite3_memory_used();
	*cache = 0;
	if (db != NULL && db->h != NULL && sqlite3_db_status(db->h, SQLITE_DBSTATUS_CACHE_USED, &cur, &hi, 0) == SQLITE_OK)
		*cache = cur;
}

sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

int
db_is_pg(struct db *db)
{
	return db != NULL && db->pg != NULL;
}

int
db_retry(struct db *db)
{
	return db != NULL && db->pg != NULL && db->pg_retry;
}

sql_stmt *
db_stmt(struct db *db, const char *sql)
{
	sql_stmt *st = NULL;
	sqlite3_stmt *lite = NULL;

	/*
	 * A statement someone is still stepping is never reset under them: the
	 * same SQL asked for meanwhile gets a statement of its own.
	 */
	for (size_t i = 0; i < db->nstmts; i++) {
		sql_stmt *c = db->stmts[i];
		if (c->sql != sql)
			continue;
		if (c->lite != NULL) {
			if (sqlite3_stmt_busy(c->lite))
				continue;
			sqlite3_reset(c->lite);
			sqlite3_clear_bindings(c->lite);
		} else {
			if (pgdb_stmt_busy(c))
				continue;
			pgdb_stmt_clear(c);
		}
		st = c;
		goto ready;
	}
	if (db->nstmts == DB_MAX_STMTS) {
		/* The cache is full: a programming error, not a user one. */
		fprintf(stderr, "xueshi: statement cache full\n");
		return NULL;
	}
	if (db->pg != NULL) {
		if ((st = pgdb_stmt_new(db, sql)) == NULL)
			return NULL;
	} else {
		if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite,
		    NULL) != SQLITE_OK) {
			fprintf(stderr, "xueshi: prepare failed: %s: %s\n",
			    sqlite3_errmsg(db->h), sql);
			return NULL;
		}
		if ((st = calloc(1, sizeof(*st))) == NULL) {
			sqlite3_finalize(lite);
			return NULL;
		}
		st->lite = lite;
		st->db = db;
		st->sql = sql;
	}
	db->stmts[db->nstmts++] = st;
ready:
	/* A statement that writes ends a page's read snapshot first (db_read_begin). */
	if (db->reading && !(st->lite != NULL ? sqlite3_stmt_readonly(st->lite) : st->readonly))
		db_read_end(db);
	return st;
}

enum db_result
db_exec(struct db *db, const char *sql)
{
	char *err = NULL;
	int rc;

	if (db->pg != NULL)
		return pgdb_exec(db, sql);
	rc = sqlite3_exec(db->h, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK) {
		fprintf(stderr, "xueshi: sql failed: %s\n", err ? err : "?");
		sqlite3_free(err);
	}
	return db_result_of(rc);
}

enum db_result
db_begin(struct db *db)
{
	db_read_end(db);
	if (db->pg != NULL)
		return pgdb_begin(db); /* one writer at a time, as SQLite's (core/db_pg.c) */
	return db_result_of(sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL));
}

/*
 * A page's reads in one read transaction: one snapshot for the whole page
 * (its counts agree with its lists), and the WAL's read lock taken once
 * rather than for every statement (a fifth of a dashboard's SQL time was
 * the locking of its statements' own transactions). A write ends it first.
 */
void
db_read_begin(struct db *db)
{
	if (db == NULL || db->reading || db_in_transaction(db))
		return;
	if (db->pg != NULL) {
		long armed = db->fault_left;
		db->fault_left = 0;
		if (pgdb_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") == DB_OK)
			db->reading = 1;
		db->fault_left = armed;
		return;
	}
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK)
		db->reading = 1;
}

void
db_read_end(struct db *db)
{
	long armed;

	if (db == NULL || !db->reading)
		return;
	armed = db->fault_left;
	db->reading = 0;
	/*
	 * Ending a read changes nothing, and its failure none of the reads
	 * made: an injected fault (db_fault_arm) is for the request's own
	 * statements, so it does not count these steps.
	 */
	db->fault_left = 0;
	if (db->pg != NULL) {
		if (pgdb_exec(db, "COMMIT") != DB_OK)
			pgdb_exec(db, "ROLLBACK");
	} else if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->fault_left = armed;
}

void
db_set_commit_hook(struct db *db, db_commit_hook fn, void *arg)
{
	db->commit_hook = fn;
	db->commit_arg = arg;
}

enum db_result
db_commit(struct db *db)
{
	int rc;

	/* Derived data is brought up to date in the same transaction (core/db.h). */
	if (db->commit_hook != NULL && !db->in_hook && db_in_transaction(db)) {
		enum db_result r;
		db->in_hook = 1;
		r = db->commit_hook(db, db->commit_arg);
		db->in_hook = 0;
		if (r != DB_OK) {
			db_rollback(db);
			return r;
		}
	}
	if (db->pg != NULL) {
		enum db_result r = pgdb_end(db, 1);
		if (r != DB_OK)
			db_rollback(db);
		return r;
	}
	rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		db_rollback(db);
	return db_result_of(rc);
}

void
db_rollback(struct db *db)
{
	if (db->pg != NULL) {
		pgdb_end(db, 0);
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* Read a whole file into a malloc'd NUL-terminated string. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    n > 64L * 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc((size_t)n + 1);
	if (buf == NULL)
		goto out;
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
out:
	fclose(f);
	return buf;
}

enum db_result
db_exec_file(struct db *db, const char *path)
{
	char *sql = slurp(path);
	enum db_result r;

	if (sql == NULL) {
		fprintf(stderr, "xueshi: cannot read %s: %s\n", path, strerror(errno));
		return DB_ERROR;
	}
	if ((r = db_begin(db)) != DB_OK) {
		free(sql);
		return r;
	}
	r = db_exec(db, sql);
	free(sql);
	if (r != DB_OK) {
		fprintf(stderr, "xueshi: in %s\n", path);
		db_rollback(db);
		return r;
	}
	return db_commit(db);
}

static const char schema_version_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
    ") STRICT";

int
db_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (db->pg != NULL)
		return pgdb_version(db);
	if (db_exec(db, schema_version_sql) != DB_OK)
		return -1;
	if (sqlite3_prepare_v2(db->h,
	    "SELECT coalesce(max(version),0) FROM schema_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A migration file name: four digits, '_', something, ".sql". */
static int
migration_number(const char *name)
{
	size_t n = strlen(name);

	if (n < 10 || strcmp(name + n - 4, ".sql") != 0 || name[4] != '_')
		return -1;
	for (int i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	return (name[0] - '0') * 1000 + (name[1] - '0') * 100 +
	    (name[2] - '0') * 10 + (name[3] - '0');
}

enum db_result
db_migrate(struct db *db, const char *dir, int *applied)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int current, count = 0;
	enum db_result r = DB_OK;

	if (applied)
		*applied = 0;
	if (db->pg != NULL)
		return pgdb_migrate(db, dir, applied);
	current = db_version(db);
	if (current < 0)
		return DB_ERROR;
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "xueshi: cannot open migrations %s: %s\n", dir,
		    strerror(errno));
		return DB_ERROR;
	}
	while ((e = readdir(d)) != NULL) {
		if (migration_number(e->d_name) < 0)
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **nn = realloc(names, ncap * sizeof(*nn));
			if (nn == NULL) {
				r = DB_ERROR;
				goto out;
			}
			names = nn;
			cap = ncap;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			r = DB_ERROR;
			goto out;
		}
		n++;
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		int num = migration_number(names[i]);
		char path[4096];
		char *sql;
		sqlite3_stmt *st;

		if (num <= current)
			continue;
		if (i > 0 && migration_number(names[i - 1]) == num) {
			fprintf(stderr, "xueshi: two migrations numbered %04d\n", num);
			r = DB_ERROR;
			goto out;
		}
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= sizeof(path)) {
			r = DB_ERROR;
			goto out;
		}
		if ((sql = slurp(path)) == NULL) {
			fprintf(stderr, "xueshi: cannot read %s\n", path);
			r = DB_ERROR;
			goto out;
		}
		if ((r = db_begin(db)) != DB_OK) {
			free(sql);
			goto out;
		}
		/* Another program may have applied it while we waited for the lock. */
		current = db_version(db);
		if (current < 0 || num <= current) {
			free(sql);
			db_rollback(db);
			if (current < 0) {
				r = DB_ERROR;
				goto out;
			}
			continue;
		}
		r = db_exec(db, sql);
		free(sql);
		if (r == DB_OK) {
			if (sqlite3_prepare_v2(db->h,
			    "INSERT INTO schema_version(version, name) VALUES (?,?)",
			    -1, &st, NULL) != SQLITE_OK)
				r = DB_ERROR;
			else {
				sqlite3_bind_int(st, 1, num);
				sqlite3_bind_text(st, 2, names[i], -1, SQLITE_STATIC);
				r = db_result_of(sqlite3_step(st));
				sqlite3_finalize(st);
			}
		}
		if (r != DB_OK) {
			fprintf(stderr, "xueshi: migration %s failed\n", names[i]);
			db_rollback(db);
			goto out;
		}
		if ((r = db_commit(db)) != DB_OK)
			goto out;
		count++;
	}
out:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (applied)
		*applied = count;
	return r;
}

void
db_request_done(struct db *db)
{
	if (db == NULL)
		return;
	if (db->pg != NULL) {
		pgdb_request_done(db);
		db_fault_arm(db, 0);
		return;
	}
	for (size_t i = 0; i < db->nstmts; i++)
		if (sqlite3_stmt_busy(db->stmts[i]->lite))
			sqlite3_reset(db->stmts[i]->lite);
	db_fault_arm(db, 0);
}

/* The progress handler of an armed fault: called at every VM step. */
static int
fault_tick(void *arg)
{
	struct db *db = arg;

	if (db->fault_left > 0 && --db->fault_left == 0) {
		db->fault_fired = 1;
		return 1; /* interrupt: the statement fails with SQLITE_INTERRUPT */
	}
	return 0;
}

void
db_fault_arm(struct db *db, long n)
{
	db->fault_left = n > 0 ? n : 0;
	db->fault_fired = 0;
	if (db->pg != NULL)
		return; /* counted per statement by core/db_pg.c */
	sqlite3_progress_handler(db->h, n > 0 ? 1 : 0, n > 0 ? fault_tick : NULL, db);
}

int
db_fault_fired(struct db *db)
{
	return db->fault_fired;
}

/* ------------------------------------------------ storage failures (core/failure.h) */

void
failure_note_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		failure_note(FAILURE_FULL, "database", sqlite3_errstr(rc));
		break;
	case SQLITE_READONLY:
		failure_note(FAILURE_READONLY, "database", sqlite3_errstr(rc));
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		failure_note(FAILURE_IO, "database", sqlite3_errstr(rc));
		break;
	default:
		break;
	}
}

void
failure_sqlite_log(void *unused, int code, const char *msg)
{
	(void)unused;
	switch (code & 0xff) {
	case SQLITE_FULL:
		failure_note(FAILURE_FULL, "database", msg);
		break;
	case SQLITE_READONLY:
		failure_note(FAILURE_READONLY, "database", msg);
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		/* The OS said why: an I/O error on a read-only or full disk is that. */
		failure_note(strstr(msg, "Read-only") || strstr(msg, "read-only") ? FAILURE_READONLY :
		    strstr(msg, "No space") ? FAILURE_FULL : FAILURE_IO, "database", msg);
		break;
	default:
		break;
	}
}

void
failure_install(void)
{
	static int done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_LOG, failure_sqlite_log, NULL);
		done = 1;
	}
}


int
db_in_transaction(struct db *db)
{
	if (db == NULL)
		return 0;
	if (db->pg != NULL)
		return pgdb_in_transaction(db);
	return !sqlite3_get_autocommit(db->h);
}
