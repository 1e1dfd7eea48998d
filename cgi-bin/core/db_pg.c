/*
 * core/db_pg.c - the store on PostgreSQL through libpq (issue 18; see
 * core/db_engine.h and docs/architecture.md, "Several hosts, and
 * PostgreSQL").
 *
 * One connection per worker. Each SQL text is prepared once per connection
 * (PQprepare, named x1, x2, ...) and run with PQexecPrepared with text
 * parameters (blobs binary) and text results; sql_step walks the PGresult.
 * The SQL is SQLite's dialect: pgdb_rewrite turns ?N into $N and INSERT OR
 * IGNORE into ON CONFLICT DO NOTHING; SQLite's functions are SQL functions
 * made by db/migrations-pg/0001. A connection the server dropped (a
 * restart) is made again after the request, its statements prepared again
 * when next used.
 */
#include "core/db_engine.h"
#include "core/failure.h"

#include <libpq-fe.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONN(db) ((PGconn *)(db)->pg)
#define RES(st) ((PGresult *)(st)->res)

/* Hosts that start together migrate once: the migrations' advisory lock. */
#define MIGRATE_LOCK "SELECT pg_advisory_lock(7845136)"
#define MIGRATE_UNLOCK "SELECT pg_advisory_unlock(7845136)"
/* One writer at a time, as SQLite's BEGIN IMMEDIATE (pgdb_begin). */
#define WRITER_LOCK "SELECT pg_advisory_lock(7845137)"
#define WRITER_UNLOCK "SELECT pg_advisory_unlock(7845137)"

int
pgdb_is_url(const char *path)
{
	return path != NULL && (strncmp(path, "postgresql://", 13) == 0 ||
	    strncmp(path, "postgres://", 11) == 0);
}

/* The notices of the server (NOTICE from IF NOT EXISTS and the like) are not errors. */
static void
quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
pgdb_open(struct db *db, const char *conninfo)
{
	PGconn *c = PQconnectdb(conninfo);

	if (c == NULL) {
		fprintf(stderr, "xueshi: cannot connect to PostgreSQL: out of memory\n");
		return -1;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		/* The message names the host, never the password. */
		fprintf(stderr, "xueshi: cannot connect to PostgreSQL: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	PQsetNoticeProcessor(c, quiet_notice, NULL);
	/* A lock waited for longer than SQLite's busy timeout is a 503, as there. */
	PQclear(PQexec(c, "SET lock_timeout = '5s'"));
	if (PQsetClientEncoding(c, "UTF8") != 0) {
		fprintf(stderr, "xueshi: PostgreSQL: cannot use UTF8: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	db->pg = (struct pg_conn *)c;
	return 0;
}

void
pgdb_close(struct db *db)
{
	PQfinish(CONN(db));
	db->pg = NULL;
}

/*
 * What a failure means for the request: a constraint (class 23) is the
 * user's field error, a serialization failure or deadlock a retry and then
 * a 503, a lost connection or a server shutting down a 503; a full disk or
 * a read-only server is told as such (core/failure.h).
 */
static enum db_result
result_of_state(struct db *db, const char *state, const char *msg)
{
	db->pg_retry = 0;
	if (state == NULL)
		state = "";
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) {
		db->pg_retry = 1;
		return DB_BUSY;
	}
	if (strcmp(state, "55P03") == 0 || strncmp(state, "57P", 3) == 0 ||
	    strncmp(state, "08", 2) == 0 || PQstatus(CONN(db)) != CONNECTION_OK)
		return DB_BUSY;
	if (strcmp(state, "53100") == 0)
		failure_note(FAILURE_FULL, "database", msg);
	else if (strcmp(state, "25006") == 0)
		failure_note(FAILURE_READONLY, "database", msg);
	else if (strncmp(state, "58", 2) == 0)
		failure_note(FAILURE_IO, "database", msg);
	return DB_ERROR;
}

/* Note a result's failure on the connection; DB_OK when it is none. */
static enum db_result
note_result(struct db *db, PGresult *res, const char *sql)
{
	ExecStatusType s = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	const char *msg, *state;
	enum db_result r;

	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		const char *n = res != NULL ? PQcmdTuples(res) : "";
		db->pg_changes = n[0] != '\0' ? strtoll(n, NULL, 10) : 0;
		db->pg_last = DB_OK;
		return DB_OK;
	}
	msg = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (msg == NULL)
		msg = PQerrorMessage(CONN(db));
	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	snprintf(db->pg_err, sizeof(db->pg_err), "%s", msg != NULL ? msg : "?");
	r = result_of_state(db, state, db->pg_err);
	db->pg_last = r;
	if (r == DB_ERROR)
		fprintf(stderr, "xueshi: PostgreSQL %s: %s: %.600s\n", state ? state : "?",
		    db->pg_err, sql ? sql : "");
	return r;
}

enum db_result
pgdb_exec(struct db *db, const char *sql)
{
	PGresult *res = PQexec(CONN(db), sql);
	enum db_result r = note_result(db, res, sql);

	PQclear(res);
	return r;
}

/*
 * A write transaction. The SQLite code relies on its single writer (bulk
 * ids, participant places, quotas, the kept results' dirty list that every
 * write reads and empties), so writers take turns here too: a session-level
 * advisory lock taken before BEGIN (waited for up to lock_timeout, then
 * DB_BUSY: a 503), released after COMMIT or ROLLBACK. Taken before BEGIN,
 * the transaction's snapshot (REPEATABLE READ: its first statement's) comes
 * after the previous writer's commit. A statement outside any transaction
 * that changed a row this one then changes is a serialization failure,
 * which store_tx runs again.
 */
enum db_result
pgdb_begin(struct db *db)
{
	enum db_result r;

	if (!db->pg_writer) {
		if ((r = pgdb_exec(db, WRITER_LOCK)) != DB_OK)
			return r == DB_ERROR ? DB_ERROR : DB_BUSY;
		db->pg_writer = 1;
	}
	if ((r = pgdb_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ")) != DB_OK) {
		if (pgdb_exec(db, WRITER_UNLOCK) == DB_OK)
			db->pg_writer = 0;
	}
	return r;
}

/* COMMIT (or ROLLBACK) and the writers' lock given back. */
enum db_result
pgdb_end(struct db *db, int commit)
{
	enum db_result r = DB_OK;

	if (pgdb_in_transaction(db)) {
		/* An aborted transaction's COMMIT would answer ROLLBACK: it is a failure. */
		if (commit && PQtransactionStatus(CONN(db)) == PQTRANS_INERROR) {
			pgdb_exec(db, "ROLLBACK");
			r = DB_ERROR;
		} else
			r = pgdb_exec(db, commit ? "COMMIT" : "ROLLBACK");
	}
	if (db->pg_writer && PQtransactionStatus(CONN(db)) == PQTRANS_IDLE) {
		enum db_result last = db->pg_last;
		if (pgdb_exec(db, WRITER_UNLOCK) == DB_OK)
			db->pg_writer = 0;
		db->pg_last = last;
	}
	return r;
}

int
pgdb_in_transaction(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(CONN(db));
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* ------------------------------------------------------------ SQL rewriting */

static int
word_at(const char *p, const char *w)
{
	size_t n = strlen(w);
	return strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/*
 * SQLite's dialect to PostgreSQL's, outside string literals, quoted names
 * and comments: ?N is $N, a bare ? the next number (as SQLite numbers
 * them), "INSERT OR IGNORE" is "INSERT" with ON CONFLICT DO NOTHING before
 * a RETURNING clause or at the end, "temp." is "pg_temp." and rowid (the
 * demo's temporary word list only) ctid. *nparams: the highest number.
 */
char *
pgdb_rewrite(const char *sql, int *nparams)
{
	size_t n = strlen(sql);
	/* "?" becomes "$NNNN" at most: 5 bytes for 1; and the ON CONFLICT clause. */
	char *out = malloc(n * 5 + 64), *o = out;
	const char *p = sql;
	int maxp = 0, ignore = 0;
	char *returning = NULL;

	if (out == NULL)
		return NULL;
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			*o++ = *p++;
			while (*p != '\0') {
				if (*p == q && p[1] == q) {
					*o++ = *p++;
					*o++ = *p++;
					continue;
				}
				if (*p == q) {
					*o++ = *p++;
					break;
				}
				*o++ = *p++;
			}
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				*o++ = *p++;
			continue;
		}
		if (*p == '?') {
			int num;
			p++;
			if (isdigit((unsigned char)*p)) {
				num = 0;
				while (isdigit((unsigned char)*p) && num < 100000)
					num = num * 10 + (*p++ - '0');
			} else
				num = maxp + 1;
			if (num > maxp)
				maxp = num;
			o += sprintf(o, "$%d", num);
			continue;
		}
		if ((p == sql || !isalnum((unsigned char)p[-1])) && word_at(p, "INSERT")) {
			const char *q = p + 6;
			while (*q == ' ' || *q == '\t' || *q == '\n')
				q++;
			if (word_at(q, "OR")) {
				const char *w = q + 2;
				while (*w == ' ' || *w == '\t' || *w == '\n')
					w++;
				if (word_at(w, "IGNORE")) {
					memcpy(o, "INSERT", 6);
					o += 6;
					p = w + 6;
					ignore = 1;
					continue;
				}
			}
		}
		/*
		 * The demo's word list is a temporary table read in the order it
		 * was filled (one INSERT: ctid is that order on PostgreSQL).
		 */
		if ((p == sql || (!isalnum((unsigned char)p[-1]) && p[-1] != '_' && p[-1] != '.')) &&
		    word_at(p, "rowid")) {
			memcpy(o, "ctid", 4);
			o += 4;
			p += 5;
			continue;
		}
		if ((p == sql || (!isalnum((unsigned char)p[-1]) && p[-1] != '_')) &&
		    strncmp(p, "temp.", 5) == 0) {
			memcpy(o, "pg_temp.", 8);
			o += 8;
			p += 5;
			continue;
		}
		if (ignore && returning == NULL && (p == sql || !isalnum((unsigned char)p[-1])) &&
		    word_at(p, "RETURNING"))
			returning = o;
		*o++ = *p++;
	}
	*o = '\0';
	/* No trailing semicolon: the clause goes after the statement. */
	while (o > out && (o[-1] == ';' || isspace((unsigned char)o[-1])))
		*--o = '\0';
	if (ignore) {
		static const char clause[] = " ON CONFLICT DO NOTHING ";
		size_t cl = sizeof(clause) - 1;
		if (returning != NULL) {
			/* After the space before RETURNING: the clause without its own leading one. */
			memmove(returning + cl - 1, returning, strlen(returning) + 1);
			memcpy(returning, clause + 1, cl - 1);
		} else
			memcpy(o, clause, cl + 1);
	}
	*nparams = maxp;
	return out;
}

/* ------------------------------------------------------------ statements */

static int
readonly_sql(const char *text)
{
	const char *p = text;

	while (isspace((unsigned char)*p))
		p++;
	if (word_at(p, "SELECT") || word_at(p, "VALUES"))
		return 1;
	if (word_at(p, "WITH"))
		return strcasestr(p, "INSERT ") == NULL && strcasestr(p, "UPDATE ") == NULL &&
		    strcasestr(p, "DELETE ") == NULL;
	return 0;
}

/* The SQL names the parameter ref ("$N" not followed by a digit). */
static int
references(const char *text, const char *ref)
{
	size_t n = strlen(ref);

	for (const char *p = strstr(text, ref); p != NULL; p = strstr(p + 1, ref))
		if (!isdigit((unsigned char)p[n]))
			return 1;
	return 0;
}

/*
 * Prepare the statement with its parameters' types as bound now: an
 * integer as int8 (so that printf('%d', ?1) and ?1 + 1 resolve as in
 * SQLite), text as text (so that ?2 IS NULL OR instr(name, ?2) > 0
 * resolves), a blob as bytea, sql_bind_null's NULL left to the server to
 * infer from where it stands. Bound again with other types (an integer
 * where text was), it is prepared again under a new name; a NULL fits
 * whatever type the statement was prepared with.
 */
static int
prepare(struct sql_stmt *st)
{
	struct db *db = st->db;
	PGresult *res;
	enum db_result r;
	int guarded;

	if (st->prepared) {
		char dealloc[40];
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", st->name);
		PQclear(PQexec(CONN(db), dealloc));
		snprintf(st->name, sizeof(st->name), "x%u", ++db->stmt_names);
	}
	for (int k = 0; k < st->nparams; k++) {
		char ref[16];
		st->ptypes[k] = st->types[k];
		/* A number the SQL skips (?21, ?23 without ?22) is text: the server cannot guess it. */
		snprintf(ref, sizeof(ref), "$%d", k + 1);
		if (st->ptypes[k] == 0 && !references(st->text, ref))
			st->ptypes[k] = 25;
	}
	/*
	 * A statement that fails to prepare inside a transaction would end it:
	 * the first try is under a savepoint (statements are prepared once per
	 * connection, so this is rare).
	 */
	guarded = st->nparams > 0 && pgdb_in_transaction(db) &&
	    PQtransactionStatus(CONN(db)) == PQTRANS_INTRANS;
	if (guarded)
		PQclear(PQexec(CONN(db), "SAVEPOINT xs_prepare"));
	res = PQprepare(CONN(db), st->name, st->text, st->nparams, (const Oid *)st->ptypes);
	if (guarded)
		PQclear(PQexec(CONN(db), PQresultStatus(res) == PGRES_COMMAND_OK ?
		    "RELEASE SAVEPOINT xs_prepare" : "ROLLBACK TO SAVEPOINT xs_prepare"));
	if (PQresultStatus(res) != PGRES_COMMAND_OK && st->nparams > 0) {
		/*
		 * Text where the SQL wants another type (a form's number bound as
		 * text into an integer column, as SQLite takes it): the text
		 * parameters left to the server to infer, once more.
		 */
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		int retyped = 0;
		for (int k = 0; state != NULL && strncmp(state, "42", 2) == 0 && k < st->nparams; k++)
			if (st->types[k] == 25) {
				st->ptypes[k] = 0;
				retyped = 1;
			}
		if (retyped) {
			PQclear(res);
			res = PQprepare(CONN(db), st->name, st->text, st->nparams, (const Oid *)st->ptypes);
		}
	}
	r = note_result(db, res, st->sql);
	PQclear(res);
	st->prepared = r == DB_OK;
	return r == DB_OK ? 0 : -1;
}

/* The statement as prepared takes the parameters as bound (a NULL fits any type). */
static int
types_match(struct sql_stmt *st)
{
	for (int k = 0; k < st->nparams; k++) {
		if (st->values[k] == NULL && st->prepared)
			continue; /* a NULL fits the type prepared */
		if (st->types[k] == 25 && st->ptypes[k] == 0)
			continue; /* text fits a parameter whose type the server inferred */
		if (st->types[k] != st->ptypes[k])
			return 0;
	}
	return 1;
}

struct sql_stmt *
pgdb_stmt_new(struct db *db, const char *sql)
{
	struct sql_stmt *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->db = db;
	st->sql = sql;
	st->row = -1;
	if ((st->text = pgdb_rewrite(sql, &st->nparams)) == NULL)
		goto fail;
	snprintf(st->name, sizeof(st->name), "x%u", ++db->stmt_names);
	st->readonly = readonly_sql(st->text);
	if (st->nparams > 0) {
		st->values = calloc((size_t)st->nparams, sizeof(*st->values));
		st->lengths = calloc((size_t)st->nparams, sizeof(*st->lengths));
		st->formats = calloc((size_t)st->nparams, sizeof(*st->formats));
		st->blobs = calloc((size_t)st->nparams, sizeof(*st->blobs));
		st->types = calloc((size_t)st->nparams, sizeof(*st->types));
		st->ptypes = calloc((size_t)st->nparams, sizeof(*st->ptypes));
		if (st->values == NULL || st->lengths == NULL || st->formats == NULL ||
		    st->blobs == NULL || st->types == NULL || st->ptypes == NULL)
			goto fail;
	}
	/* Prepared when first run, with the types then bound (prepare). */
	return st;
fail:
	pgdb_stmt_free(st);
	free(st);
	return NULL;
}

void
pgdb_stmt_clear(struct sql_stmt *st)
{
	pgdb_reset(st);
	for (int i = 0; i < st->nparams; i++) {
		if (st->formats[i] == 0)
			free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
		st->types[i] = 0;
	}
}

void
pgdb_stmt_free(struct sql_stmt *st)
{
	if (st == NULL)
		return;
	if (st->values != NULL)
		pgdb_stmt_clear(st);
	else
		pgdb_reset(st);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->blobs);
	free(st->types);
	free(st->ptypes);
	free(st->text);
}

/* As sqlite3_stmt_busy: stepped, and neither at its end nor failed nor reset. */
int
pgdb_stmt_busy(const struct sql_stmt *st)
{
	return st->res != NULL && !st->failed && st->row < st->nrows;
}

void
pgdb_bind(struct sql_stmt *st, int i, const char *v, int len, enum pgdb_kind kind)
{
	int k = i - 1;

	if (k < 0 || k >= st->nparams)
		return;
	if (st->formats[k] == 0)
		free(st->values[k]);
	st->values[k] = NULL;
	st->formats[k] = 0;
	st->lengths[k] = 0;
	st->types[k] = 0;
	if (v == NULL) {
		/* sql_bind_text(NULL) is a text NULL; sql_bind_null's type is the server's guess. */
		st->types[k] = kind == PGDB_TEXT && len < 0 ? 25 : 0;
		return;
	}
	if (kind == PGDB_BLOB) {
		st->types[k] = 17; /* bytea */
		/* The caller keeps the bytes until the statement is reset (SQLite's STATIC). */
		st->values[k] = (char *)v;
		st->lengths[k] = len;
		st->formats[k] = 1;
		return;
	}
	st->types[k] = kind == PGDB_INT ? 20 /* int8 */ : 25 /* text */;
	st->values[k] = strdup(v); /* NULL when out of memory: the value is NULL, the step fails below */
	if (st->values[k] == NULL)
		st->formats[k] = -1;
}

enum sql_step
pgdb_step(struct sql_stmt *st, enum db_result *r)
{
	struct db *db = st->db;
	PGresult *res;
	enum db_result rr;

	if (st->failed)
		goto failed;
	if (st->res == NULL) {
		for (int k = 0; k < st->nparams; k++)
			if (st->formats[k] < 0) {
				db->pg_last = DB_ERROR;
				goto failed;
			}
		/* An armed fault (db_fault_arm) fails the request's n-th statement. */
		if (db->fault_left > 0 && --db->fault_left == 0) {
			db->fault_fired = 1;
			snprintf(db->pg_err, sizeof(db->pg_err), "injected fault");
			db->pg_last = DB_ERROR;
			goto failed;
		}
		if ((!st->prepared || !types_match(st)) && prepare(st) != 0) {
			fprintf(stderr, "xueshi: prepare failed: %s: %s\n", db->pg_err, st->sql);
			goto failed;
		}
		res = PQexecPrepared(CONN(db), st->name, st->nparams,
		    (const char *const *)st->values, st->lengths, st->formats, 0);
		if ((rr = note_result(db, res, st->sql)) != DB_OK) {
			PQclear(res);
			goto failed;
		}
		st->res = (struct pg_result *)res;
		st->nrows = PQntuples(res);
		st->row = -1;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return SQL_ROW;
	}
	st->row = st->nrows; /* at its end: not busy */
	return SQL_DONE;
failed:
	st->failed = 1;
	if (r != NULL)
		*r = db->pg_last != DB_OK ? db->pg_last : DB_ERROR;
	return SQL_FAILED;
}

void
pgdb_reset(struct sql_stmt *st)
{
	if (st->res != NULL)
		PQclear(RES(st));
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	st->failed = 0;
	if (st->unesc != NULL)
		PQfreemem(st->unesc);
	st->unesc = NULL;
}

const char *
pgdb_value(struct sql_stmt *st, int i)
{
	PGresult *res = RES(st);

	if (res == NULL || st->row < 0 || st->row >= st->nrows || i < 0 || i >= PQnfields(res) ||
	    PQgetisnull(res, st->row, i))
		return NULL;
	return PQgetvalue(res, st->row, i);
}

const void *
pgdb_blob(struct sql_stmt *st, int i, size_t *n)
{
	const char *v = pgdb_value(st, i);
	size_t len = 0;

	*n = 0;
	if (v == NULL)
		return NULL;
	if (st->unesc != NULL)
		PQfreemem(st->unesc);
	st->unesc = NULL;
	if (PQftype(RES(st), i) != 17 /* bytea */) {
		/* Text read as bytes, as SQLite's column_blob gives them. */
		*n = strlen(v);
		return *n > 0 ? v : NULL;
	}
	if ((st->unesc = PQunescapeBytea((const unsigned char *)v, &len)) == NULL)
		return NULL;
	*n = len;
	return len > 0 ? st->unesc : NULL;
}

long long
pgdb_last_id(struct db *db)
{
	/*
	 * The sequence value the session's last INSERT took: its own row's id
	 * (no trigger of db/migrations-pg inserts into a table with an
	 * identity column).
	 */
	PGresult *res = PQexec(CONN(db), "SELECT lastval()");
	long long id = 0;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

void
pgdb_request_done(struct db *db)
{
	for (size_t i = 0; i < db->nstmts; i++)
		if (db->stmts[i]->lite == NULL)
			pgdb_reset(db->stmts[i]);
	if (PQstatus(CONN(db)) == CONNECTION_OK) {
		if (db->pg_writer)
			pgdb_end(db, 0); /* never held past a request */
		return;
	}
	/* The server went away (a restart): connect again; every statement is prepared again. */
	PQreset(CONN(db));
	if (PQstatus(CONN(db)) == CONNECTION_OK) {
		PQsetNoticeProcessor(CONN(db), quiet_notice, NULL);
		PQsetClientEncoding(CONN(db), "UTF8");
		fprintf(stderr, "xueshi: PostgreSQL: connected again\n");
	}
	for (size_t i = 0; i < db->nstmts; i++)
		db->stmts[i]->prepared = 0;
	db->reading = 0;
	db->pg_writer = 0; /* the server let go of it with the connection */
	if (PQstatus(CONN(db)) == CONNECTION_OK)
		PQclear(PQexec(CONN(db), "SET lock_timeout = '5s'"));
}

/* ------------------------------------------------------------ migrations */

static const char schema_version_pg[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version bigint PRIMARY KEY,"
    " name text NOT NULL,"
    " applied_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";

int
pgdb_version(struct db *db)
{
	PGresult *res;
	int v = -1;

	if (pgdb_exec(db, schema_version_pg) != DB_OK)
		return -1;
	res = PQexec(CONN(db), "SELECT coalesce(max(version), 0) FROM schema_version");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
migration_number(const char *name)
{
	size_t n = strlen(name);

	if (n < 10 || strcmp(name + n - 4, ".sql") != 0 || name[4] != '_')
		return -1;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)name[i]))
			return -1;
	return atoi(name) ;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && n < 64L * 1024 * 1024 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

/*
 * db/migrations-pg beside db/migrations (dir names SQLite's): the same
 * numbers, each in one transaction with its schema_version row, all under
 * an advisory lock so that hosts starting together migrate once.
 */
enum db_result
pgdb_migrate(struct db *db, const char *dir, int *applied)
{
	char pgdir[4096];
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int count = 0;
	enum db_result r = DB_OK;

	if ((size_t)snprintf(pgdir, sizeof(pgdir), "%s-pg", dir) >= sizeof(pgdir))
		return DB_ERROR;
	if ((d = opendir(pgdir)) == NULL) {
		fprintf(stderr, "xueshi: cannot open migrations %s: %s\n", pgdir, strerror(errno));
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
	if ((r = pgdb_exec(db, MIGRATE_LOCK)) != DB_OK)
		goto out;
	for (size_t i = 0; i < n && r == DB_OK; i++) {
		int num = migration_number(names[i]), current;
		char path[8192];
		char *sql;
		char vnum[16];
		const char *params[2];
		PGresult *res;

		if (i > 0 && migration_number(names[i - 1]) == num) {
			fprintf(stderr, "xueshi: two migrations numbered %04d\n", num);
			r = DB_ERROR;
			break;
		}
		if ((current = pgdb_version(db)) < 0) {
			r = DB_ERROR;
			break;
		}
		if (num <= current)
			continue;
		snprintf(path, sizeof(path), "%s/%s", pgdir, names[i]);
		if ((sql = slurp(path)) == NULL) {
			fprintf(stderr, "xueshi: cannot read %s\n", path);
			r = DB_ERROR;
			break;
		}
		if ((r = pgdb_exec(db, "BEGIN")) == DB_OK)
			r = pgdb_exec(db, sql);
		free(sql);
		if (r == DB_OK) {
			snprintf(vnum, sizeof(vnum), "%d", num);
			params[0] = vnum;
			params[1] = names[i];
			res = PQexecParams(CONN(db), "INSERT INTO schema_version(version, name) VALUES ($1, $2)",
			    2, NULL, params, NULL, NULL, 0);
			r = note_result(db, res, "schema_version");
			PQclear(res);
		}
		if (r == DB_OK)
			r = pgdb_exec(db, "COMMIT");
		if (r != DB_OK) {
			fprintf(stderr, "xueshi: migration %s failed\n", names[i]);
			pgdb_exec(db, "ROLLBACK");
			break;
		}
		count++;
	}
	pgdb_exec(db, MIGRATE_UNLOCK);
out:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (applied)
		*applied = count;
	return r;
}
