/*
 * test_db_pg.c - the store's engine on PostgreSQL (core/db_pg.c, issue 18):
 * the SQL rewritten for it, parameters typed as SQLite would use them, the
 * statement cache, constraint refusals, a page's read snapshot, the
 * shipped migrations run once by programs starting together, serialization
 * failures retried by store_tx, a connection the server dropped made again,
 * and the fault injection the fault tests use.
 *
 * The cluster: XUESHI_TEST_PG (its socket directory), or one this test
 * makes with tests/pg/cluster.sh and removes after. Each test has a
 * database of its own.
 */
#include "core/db.h"
#include "core/db_engine.h"
#include "store/sql.h"
#include "store/store.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char cluster[512];   /* our own cluster's directory, when we made it */
static char sock[600];      /* the cluster's socket directory */
static char url[1024];      /* this test's database */
static int dbno;

/* A statement on the cluster's maintenance database through psql: 0 or not. */
static int
admin(const char *sql)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "psql -q -X -v ON_ERROR_STOP=1 'postgresql:///postgres?host=%s&user=xueshi'"
	    " -c '%s' >/dev/null", sock, sql);
	return system(cmd);
}

static void
cluster_up(void)
{
	const char *given = getenv("XUESHI_TEST_PG"), *src = getenv("XUESHI_SRCDIR"), *tmp = getenv("TMPDIR");
	char cmd[1400];

	if (given != NULL && *given != '\0') {
		snprintf(sock, sizeof(sock), "%s", given);
		return;
	}
	if (src == NULL) {
		fprintf(stderr, "test_db_pg: XUESHI_SRCDIR is not set\n");
		exit(1);
	}
	snprintf(cluster, sizeof(cluster), "%s/xs-pg-XX" "XX" "XX", tmp ? tmp : "/tmp");
	if (mkdtemp(cluster) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(cmd, sizeof(cmd), "'%s/tests/pg/cluster.sh' start '%s' >/dev/null", src, cluster);
	if (system(cmd) != 0) {
		fprintf(stderr, "test_db_pg: could not start a PostgreSQL cluster\n");
		exit(1);
	}
	snprintf(sock, sizeof(sock), "%s/socket", cluster);
}

static void
cluster_down(void)
{
	char cmd[1400];

	if (cluster[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "'%s/tests/pg/cluster.sh' stop '%s' >/dev/null", getenv("XUESHI_SRCDIR"), cluster);
	if (system(cmd) != 0)
		fprintf(stderr, "test_db_pg: could not stop the cluster in %s\n", cluster);
}

static void
setup(void)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS xs_unit_%d_%d", (int)getpid(), ++dbno);
	admin(sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE xs_unit_%d_%d", (int)getpid(), dbno);
	ck_assert_int_eq(admin(sql), 0);
	snprintf(url, sizeof(url), "postgresql:///xs_unit_%d_%d?host=%s&user=xueshi", (int)getpid(), dbno, sock);
}

static void
teardown(void)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS xs_unit_%d_%d WITH (FORCE)", (int)getpid(), dbno);
	admin(sql);
}

/* The shipped migrations (db/migrations; db_migrate reads db/migrations-pg beside it). */
static const char *
migrations(void)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/db/migrations", getenv("XUESHI_SRCDIR"));
	return path;
}

static long long
scalar(struct db *db, const char *sql)
{
	sql_stmt *st = db_stmt(db, sql);
	long long v = -1;

	ck_assert_ptr_nonnull(st);
	if (sql_step(st, NULL) == SQL_ROW)
		v = sql_int(st, 0, -1);
	sql_reset(st);
	return v;
}

START_TEST(test_sqlite_dialect_is_rewritten)
{
	int n = 0;
	char *s;

	s = pgdb_rewrite("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?) RETURNING id", &n);
	ck_assert_str_eq(s, "INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id");
	ck_assert_int_eq(n, 2);
	free(s);
	/* Numbered and bare parameters number as SQLite numbers them; literals are left alone. */
	s = pgdb_rewrite("SELECT '?', \"a?\", ?3, ?; -- why?\n", &n);
	ck_assert_str_eq(s, "SELECT '?', \"a?\", $3, $4; -- why?");
	ck_assert_int_eq(n, 4);
	free(s);
	s = pgdb_rewrite("insert or ignore into t select 'it''s' from u;", &n);
	ck_assert_str_eq(s, "INSERT into t select 'it''s' from u ON CONFLICT DO NOTHING ");
	ck_assert_int_eq(n, 0);
	free(s);
	s = pgdb_rewrite("SELECT word FROM temp.demo_word ORDER BY rowid", &n);
	ck_assert_str_eq(s, "SELECT word FROM pg_temp.demo_word ORDER BY ctid");
	free(s);
}
END_TEST

START_TEST(test_parameters_take_their_bound_types)
{
	struct db *db = db_open(url, 1);
	static const char label[] = "SELECT printf('%d-%d', ?1, ?1 + 1)";
	static const char search[] = "SELECT CASE WHEN ?1 IS NULL OR instr('语文教研', ?1) > 0 THEN 1 ELSE 0 END";
	static const char skip[] = "SELECT ?1 || ?3";
	static const char blob[] = "SELECT ?1::bytea, length(?1::bytea)";
	static const unsigned char bytes[] = { 'a', 0, 0xff, 'b' };
	const void *p;
	size_t n;
	sql_stmt *st;

	ck_assert_ptr_nonnull(db);
	ck_assert(db_is_pg(db));
	ck_assert_int_eq(db_migrate(db, migrations(), NULL), DB_OK);
	/* An integer is an integer: the school year's label from its first year. */
	st = db_stmt(db, label);
	sql_bind_int(st, 1, 2025);
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_str_eq(sql_text(st, 0), "2025-2026");
	sql_reset(st);
	/* Text is text, a NULL too: the optional search of the catalogue. */
	st = db_stmt(db, search);
	sql_bind_text(st, 1, NULL);
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(st, 0, -1), 1);
	st = db_stmt(db, search);
	sql_bind_text(st, 1, "数学");
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(st, 0, -1), 0);
	st = db_stmt(db, search);
	sql_bind_text(st, 1, "教研");
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(st, 0, -1), 1);
	sql_reset(st);
	/* A number the SQL skips is not a failure (record.c's ?22). */
	st = db_stmt(db, skip);
	sql_bind_text(st, 1, "a");
	sql_bind_text(st, 3, "c");
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_str_eq(sql_text(st, 0), "ac");
	sql_reset(st);
	/* Bytes go and come back as they are, a zero byte among them. */
	st = db_stmt(db, blob);
	sql_bind_blob(st, 1, bytes, sizeof(bytes));
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	p = sql_blob(st, 0, &n);
	ck_assert_uint_eq(n, sizeof(bytes));
	ck_assert_int_eq(memcmp(p, bytes, n), 0);
	ck_assert_int_eq(sql_int(st, 1, -1), 4);
	sql_reset(st);
	/* A comparison reads as 1 or 0, as in SQLite. */
	ck_assert_int_eq(scalar(db, "SELECT 2 > 1"), 1);
	ck_assert_int_eq(scalar(db, "SELECT 2 < 1"), 0);
	db_close(db);
}
END_TEST

START_TEST(test_statement_cache_reuses_and_resets)
{
	struct db *db = db_open(url, 1);
	static const char sql[] = "SELECT ?1 + 1";
	static const char rows[] = "SELECT k FROM generate_series(1, ?1) AS k";
	sql_stmt *a, *b, *c;
	int seen = 0;

	a = db_stmt(db, sql);
	sql_bind_int(a, 1, 41);
	ck_assert_int_eq(sql_step(a, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(a, 0, -1), 42);
	b = db_stmt(db, sql);
	ck_assert_ptr_ne(a, b);
	ck_assert_int_eq(sql_int(a, 0, -1), 42);
	sql_reset(a);
	sql_reset(b);
	c = db_stmt(db, sql);
	ck_assert(c == a || c == b);
	a = db_stmt(db, rows);
	sql_bind_int(a, 1, 5);
	while (sql_step(a, NULL) == SQL_ROW) {
		sql_stmt *inner = db_stmt(db, rows);
		ck_assert_ptr_ne(inner, a);
		sql_bind_int(inner, 1, 2);
		ck_assert_int_eq(sql_step(inner, NULL), SQL_ROW);
		sql_reset(inner);
		seen++;
	}
	ck_assert_int_eq(seen, 5);
	sql_reset(a);
	db_close(db);
}
END_TEST

START_TEST(test_rollback_constraint_and_last_id)
{
	struct db *db = db_open(url, 1);
	sql_stmt *st;
	enum db_result r = DB_OK;

	ck_assert_int_eq(db_exec(db, "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	    " v text UNIQUE)"), DB_OK);
	ck_assert_int_eq(db_begin(db), DB_OK);
	ck_assert(db_in_transaction(db));
	ck_assert(db_writing(db));
	ck_assert_int_eq(db_exec(db, "INSERT INTO t (v) VALUES ('a')"), DB_OK);
	db_rollback(db);
	ck_assert(!db_in_transaction(db));
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 0);
	st = db_stmt(db, "INSERT INTO t (v) VALUES (?)");
	sql_bind_text(st, 1, "a");
	ck_assert_int_eq(sql_exec(st), DB_OK);
	ck_assert_int_eq(sql_changes(db), 1);
	/* The id the sequence gave (the rollback above took 1). */
	ck_assert_int_eq(sql_last_id(db), 2);
	st = db_stmt(db, "INSERT INTO t (v) VALUES (?)");
	sql_bind_text(st, 1, "a");
	ck_assert_int_eq(sql_step(st, &r), SQL_FAILED);
	ck_assert_int_eq(r, DB_CONSTRAINT);
	sql_reset(st);
	ck_assert_int_eq(db_last_result(db), DB_CONSTRAINT);
	/* OR IGNORE: nothing inserted, nothing failed. */
	st = db_stmt(db, "INSERT OR IGNORE INTO t (v) VALUES (?)");
	sql_bind_text(st, 1, "a");
	ck_assert_int_eq(sql_exec(st), DB_OK);
	ck_assert_int_eq(sql_changes(db), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 1);
	db_close(db);
}
END_TEST

START_TEST(test_a_page_reads_one_snapshot_and_a_write_ends_it)
{
	struct db *page = db_open(url, 1), *other = db_open(url, 0);
	sql_stmt *st;

	ck_assert_int_eq(db_exec(page, "CREATE TABLE r (v bigint)"), DB_OK);
	ck_assert_int_eq(db_exec(page, "INSERT INTO r VALUES (1), (2)"), DB_OK);
	db_read_begin(page);
	ck_assert(db_in_transaction(page));
	ck_assert(!db_writing(page));
	ck_assert_int_eq(scalar(page, "SELECT count(*) FROM r"), 2);
	ck_assert_int_eq(db_exec(other, "INSERT INTO r VALUES (3)"), DB_OK);
	ck_assert_int_eq(scalar(page, "SELECT sum(v) FROM r"), 3);   /* 1 + 2: the same two rows */
	st = db_stmt(page, "INSERT INTO r SELECT sum(v) FROM r");
	ck_assert_ptr_nonnull(st);
	ck_assert(!db_in_transaction(page));
	ck_assert_int_eq(sql_exec(st), DB_OK);
	ck_assert_int_eq(scalar(other, "SELECT max(v) FROM r"), 6);   /* 1 + 2 + 3 */
	db_close(other);
	db_close(page);
}
END_TEST

/* Four programs starting together migrate once, under the advisory lock. */
START_TEST(test_concurrent_migrations_each_run_once)
{
	const char *mig = migrations();
	pid_t pids[4];
	struct db *db;

	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct db *d = db_open(url, 0);
			int ok = d != NULL && db_migrate(d, mig, NULL) == DB_OK;
			db_close(d);
			_exit(ok ? 0 : 1);
		}
	}
	for (int i = 0; i < 4; i++) {
		int st;
		ck_assert_int_eq(waitpid(pids[i], &st, 0), pids[i]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "migrator %d failed", i);
	}
	db = db_open(url, 0);
	ck_assert_int_eq(db_version(db), 17);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM schema_version"), 17);
	ck_assert_int_eq(scalar(db, "SELECT count(DISTINCT version) FROM schema_version"), 17);
	db_close(db);
}
END_TEST

/*
 * A writer reads a row; a statement outside any transaction changes it and
 * commits; the writer writes the row back from what it read: that is a
 * serialization failure (DB_BUSY, db_retry), and store_tx runs the writer
 * again on what is there now, so neither change is lost.
 */
struct bump { struct db *other; int runs; };

static enum db_result
bump_both(struct db *db, void *arg)
{
	struct bump *b = arg;
	sql_stmt *st = db_stmt(db, "SELECT n FROM c WHERE id = 1");
	long long n;

	b->runs++;
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	n = sql_int(st, 0, -1);
	sql_reset(st);
	if (b->runs == 1) /* the other's bump, committed after our read */
		ck_assert_int_eq(db_exec(b->other, "UPDATE c SET n = n + 1 WHERE id = 1"), DB_OK);
	st = db_stmt(db, "UPDATE c SET n = ? WHERE id = 1");
	sql_bind_int(st, 1, n + 1);
	return sql_exec(st);
}

START_TEST(test_a_serialization_failure_is_run_again)
{
	struct db *db = db_open(url, 1), *other = db_open(url, 0);
	struct bump b = { other, 0 };

	ck_assert_int_eq(db_exec(db, "CREATE TABLE c (id bigint PRIMARY KEY, n bigint NOT NULL)"), DB_OK);
	ck_assert_int_eq(db_exec(db, "INSERT INTO c VALUES (1, 10)"), DB_OK);
	ck_assert_int_eq(store_tx(db, bump_both, &b), DB_OK);
	ck_assert_int_eq(b.runs, 2);
	/* Both bumps count: neither overwrote the other (10 + 1 + 1). */
	ck_assert_int_eq(scalar(db, "SELECT n FROM c WHERE id = 1"), 12);
	db_close(other);
	db_close(db);
}
END_TEST

/*
 * Writers take turns, as SQLite's: while one holds its transaction another
 * waits, and one that waits longer than the lock timeout (5 s, SQLite's busy
 * timeout) is told DB_BUSY (a 503) with nothing done; after the first
 * commits, the second writes on what it committed.
 */
START_TEST(test_writers_take_turns)
{
	struct db *a = db_open(url, 1), *b = db_open(url, 0);

	ck_assert_int_eq(db_exec(a, "CREATE TABLE w (n bigint)"), DB_OK);
	ck_assert_int_eq(db_begin(a), DB_OK);
	ck_assert_int_eq(db_exec(a, "INSERT INTO w VALUES (1)"), DB_OK);
	ck_assert_int_eq(db_begin(b), DB_BUSY);
	ck_assert(!db_in_transaction(b));
	ck_assert_int_eq(db_commit(a), DB_OK);
	ck_assert_int_eq(db_begin(b), DB_OK);
	ck_assert_int_eq(scalar(b, "SELECT count(*) FROM w"), 1);
	ck_assert_int_eq(db_exec(b, "INSERT INTO w SELECT n + 1 FROM w"), DB_OK);
	ck_assert_int_eq(db_commit(b), DB_OK);
	/* and the first may write again */
	ck_assert_int_eq(db_begin(a), DB_OK);
	ck_assert_int_eq(scalar(a, "SELECT sum(n) FROM w"), 3);
	db_rollback(a);
	db_close(b);
	db_close(a);
}
END_TEST

/* The server ends the connection (a restart): the request fails, the next one works. */
START_TEST(test_a_dropped_connection_is_made_again)
{
	struct db *db = db_open(url, 1), *killer = db_open(url, 0);
	static const char q[] = "SELECT ?1 * 2";
	sql_stmt *st;
	enum db_result r = DB_OK;
	long long pid;

	st = db_stmt(db, q);
	sql_bind_int(st, 1, 21);
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(st, 0, -1), 42);
	sql_reset(st);
	pid = scalar(db, "SELECT pg_backend_pid()");
	st = db_stmt(killer, "SELECT pg_terminate_backend(CAST(? AS integer))");
	sql_bind_int(st, 1, pid);
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	sql_reset(st);
	st = db_stmt(db, q);
	sql_bind_int(st, 1, 1);
	ck_assert_int_eq(sql_step(st, &r), SQL_FAILED);
	ck_assert_int_eq(r, DB_BUSY); /* a 503: try again */
	db_request_done(db);
	st = db_stmt(db, q);
	sql_bind_int(st, 1, 50);
	ck_assert_int_eq(sql_step(st, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(st, 0, -1), 100);
	sql_reset(st);
	ck_assert_int_ne(scalar(db, "SELECT pg_backend_pid()"), pid);
	db_close(killer);
	db_close(db);
}
END_TEST

START_TEST(test_an_armed_fault_fails_the_nth_statement)
{
	struct db *db = db_open(url, 1);
	enum db_result r = DB_OK;
	sql_stmt *st;

	db_fault_arm(db, 2);
	ck_assert_int_eq(scalar(db, "SELECT 1"), 1);
	ck_assert(!db_fault_fired(db));
	st = db_stmt(db, "SELECT 2");
	ck_assert_int_eq(sql_step(st, &r), SQL_FAILED);
	ck_assert_int_eq(r, DB_ERROR);
	ck_assert(db_fault_fired(db));
	sql_reset(st);
	db_request_done(db);
	ck_assert_int_eq(scalar(db, "SELECT 3"), 3);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("db_pg");
	TCase *tc = tcase_create("postgresql");
	SRunner *sr;
	int failed;

	cluster_up();
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sqlite_dialect_is_rewritten);
	tcase_add_test(tc, test_parameters_take_their_bound_types);
	tcase_add_test(tc, test_statement_cache_reuses_and_resets);
	tcase_add_test(tc, test_rollback_constraint_and_last_id);
	tcase_add_test(tc, test_a_page_reads_one_snapshot_and_a_write_ends_it);
	tcase_add_test(tc, test_concurrent_migrations_each_run_once);
	tcase_add_test(tc, test_a_serialization_failure_is_run_again);
	tcase_add_test(tc, test_writers_take_turns);
	tcase_add_test(tc, test_a_dropped_connection_is_made_again);
	tcase_add_test(tc, test_an_armed_fault_fails_the_nth_statement);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cluster_down();
	return failed == 0 ? 0 : 1;
}
