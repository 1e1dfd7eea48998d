/*
 * test_db.c - core/db: pragmas, numbered migrations (order, one
 * transaction each, recorded, idempotent, a failure leaves nothing behind),
 * the statement cache, transactions, and the shipped migrations + presets.
 */
#include "core/db.h"
#include "store/sql.h"

#include <sqlite3.h>

#include <check.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256], mig[300], dbpath[300];

static void
write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", mig, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[600];

	snprintf(dir, sizeof(dir), "%s/xs-db-XX" "XX" "XX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(mig, sizeof(mig), "%s/migrations", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", mig);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(dbpath, sizeof(dbpath), "%s/t.db", dir);
}

static void
teardown(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static long long
scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *
text(struct db *db, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st;

	buf[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

START_TEST(test_pragmas_wal_fk_full)
{
	struct db *db = db_open(dbpath, 1);
	char buf[64];

	ck_assert_ptr_nonnull(db);
	ck_assert_str_eq(text(db, "PRAGMA journal_mode", buf, sizeof(buf)), "wal");
	ck_assert_int_eq(scalar(db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(scalar(db, "PRAGMA synchronous"), 2); /* FULL */
	db_close(db);
}
END_TEST

START_TEST(test_open_missing_without_create_fails)
{
	ck_assert_ptr_null(db_open(dbpath, 0));
	ck_assert_int_ne(access(dbpath, F_OK), 0);
}
END_TEST

START_TEST(test_migrations_in_order_and_recorded)
{
	struct db *db = db_open(dbpath, 1);
	int applied = -1;

	/* Written out of order: 0002 depends on 0001. */
	write_file("0002_b.sql", "INSERT INTO t(v) VALUES ('second');");
	write_file("0001_a.sql", "CREATE TABLE t(v TEXT);");
	write_file("notes.txt", "not a migration");
	write_file("12_bad_name.sql", "this is not SQL and must be ignored");
	ck_assert_int_eq(db_migrate(db, mig, &applied), DB_OK);
	ck_assert_int_eq(applied, 2);
	ck_assert_int_eq(db_version(db), 2);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM schema_version"), 2);
	/* Again: nothing to do, nothing repeated. */
	ck_assert_int_eq(db_migrate(db, mig, &applied), DB_OK);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 1);
	/* A new one is picked up. */
	write_file("0003_c.sql", "INSERT INTO t(v) VALUES ('third');");
	ck_assert_int_eq(db_migrate(db, mig, &applied), DB_OK);
	ck_assert_int_eq(applied, 1);
	ck_assert_int_eq(db_version(db), 3);
	db_close(db);
}
END_TEST

START_TEST(test_failed_migration_leaves_nothing)
{
	struct db *db = db_open(dbpath, 1);
	int applied = -1;

	write_file("0001_a.sql", "CREATE TABLE t(v TEXT);");
	/* The first statement would succeed; the second fails: all or nothing. */
	write_file("0002_b.sql", "INSERT INTO t(v) VALUES ('x'); INSERT INTO nosuch VALUES (1);");
	ck_assert_int_eq(db_migrate(db, mig, &applied), DB_ERROR);
	ck_assert_int_eq(applied, 1);
	ck_assert_int_eq(db_version(db), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 0);
	db_close(db);
}
END_TEST

START_TEST(test_duplicate_migration_number_refused)
{
	struct db *db = db_open(dbpath, 1);

	write_file("0001_a.sql", "CREATE TABLE t(v TEXT);");
	write_file("0001_b.sql", "CREATE TABLE u(v TEXT);");
	ck_assert_int_eq(db_migrate(db, mig, NULL), DB_ERROR);
	db_close(db);
}
END_TEST

START_TEST(test_statement_cache_reuses_and_resets)
{
	struct db *db = db_open(dbpath, 1);
	static const char sql[] = "SELECT ?1 + 1";
	static const char rows[] = "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n"
	    " WHERE k < ?1) SELECT k FROM n";
	sql_stmt *a, *b, *c;
	int seen = 0;

	a = db_stmt(db, sql);
	ck_assert_ptr_nonnull(a);
	sql_bind_int(a, 1, 41);
	ck_assert_int_eq(sql_step(a, NULL), SQL_ROW);
	ck_assert_int_eq(sql_int(a, 0, -1), 42);
	/*
	 * Asked for again while a is stepping: a statement of its own, so a's
	 * cursor is not reset under it.
	 */
	b = db_stmt(db, sql);
	ck_assert_ptr_ne(a, b);
	ck_assert_int_eq(sql_int(a, 0, -1), 42);
	ck_assert_int_eq(sql_step(b, NULL), SQL_ROW);
	ck_assert(sql_null(b, 0)); /* b's bindings are its own */
	sql_reset(a);
	sql_reset(b);
	/* Once done, the cached one is handed out again, reset and cleared. */
	c = db_stmt(db, sql);
	ck_assert(c == a || c == b);
	/* A loop over rows that calls the same SQL inside sees all its rows. */
	a = db_stmt(db, rows);
	sql_bind_int(a, 1, 5);
	while (sql_step(a, NULL) == SQL_ROW) {
		sql_stmt *inner = db_stmt(db, rows);
		sql_bind_int(inner, 1, 2);
		ck_assert_int_eq(sql_step(inner, NULL), SQL_ROW);
		sql_reset(inner);
		seen++;
	}
	ck_assert_int_eq(seen, 5);
	sql_reset(a);
	ck_assert_ptr_null(db_stmt(db, "SELECT FROM nothing at all"));
	db_close(db);
}
END_TEST

START_TEST(test_rollback_and_constraint_result)
{
	struct db *db = db_open(dbpath, 1);

	ck_assert_int_eq(db_exec(db, "CREATE TABLE t(v TEXT UNIQUE)"), DB_OK);
	ck_assert_int_eq(db_begin(db), DB_OK);
	ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES ('a')"), DB_OK);
	db_rollback(db);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM t"), 0);
	ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES ('a')"), DB_OK);
	ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES ('a')"), DB_CONSTRAINT);
	db_close(db);
}
END_TEST

START_TEST(test_busy_is_reported_as_busy)
{
	struct db *one = db_open(dbpath, 1), *two;

	ck_assert_int_eq(db_exec(one, "CREATE TABLE t(v)"), DB_OK);
	two = db_open(dbpath, 0);
	sqlite3_busy_timeout(db_handle(two), 10);
	ck_assert_int_eq(db_begin(one), DB_OK);
	ck_assert_int_eq(db_begin(two), DB_BUSY);
	ck_assert_int_eq(db_commit(one), DB_OK);
	ck_assert_int_eq(db_begin(two), DB_OK);
	db_rollback(two);
	db_close(two);
	db_close(one);
}
END_TEST

/*
 * A page's reads in one read transaction: a count and the list after it
 * agree although another program commits between them; a statement that
 * writes ends the read first and writes on what is there now.
 */
START_TEST(test_a_page_reads_one_snapshot_and_a_write_ends_it)
{
	struct db *page = db_open(dbpath, 1), *other;
	sql_stmt *st;

	ck_assert_int_eq(db_exec(page, "CREATE TABLE r(v INTEGER)"), DB_OK);
	ck_assert_int_eq(db_exec(page, "INSERT INTO r VALUES (1), (2)"), DB_OK);
	other = db_open(dbpath, 0);
	db_read_begin(page);
	ck_assert(db_in_transaction(page));
	ck_assert_int_eq(scalar(page, "SELECT count(*) FROM r"), 2);
	ck_assert_int_eq(db_exec(other, "INSERT INTO r VALUES (3)"), DB_OK);
	ck_assert_int_eq(scalar(page, "SELECT sum(v) FROM r"), 3);   /* 1 + 2: the same two rows */
	/* The write sees the third row: it is not made from the snapshot. */
	st = db_stmt(page, "INSERT INTO r SELECT sum(v) FROM r");
	ck_assert_ptr_nonnull(st);
	ck_assert(!db_in_transaction(page));
	ck_assert_int_eq(sql_exec(st), DB_OK);
	ck_assert_int_eq(scalar(other, "SELECT max(v) FROM r"), 6);   /* 1 + 2 + 3 */
	/* db_begin ends a read as well; db_read_end after it is a no-op. */
	db_read_begin(page);
	ck_assert_int_eq(db_begin(page), DB_OK);
	db_read_end(page);
	ck_assert(db_in_transaction(page));
	db_rollback(page);
	db_close(other);
	db_close(page);
}
END_TEST

/*
 * Four programs starting together (systemd starts them at once) each bring
 * the schema up to date: every one succeeds and each migration runs once.
 */
START_TEST(test_concurrent_migrations_each_run_once)
{
	const char *src = getenv("XUESHI_SRCDIR");
	char path[1024];
	pid_t pids[4];
	struct db *db;

	ck_assert_ptr_nonnull(src);
	snprintf(path, sizeof(path), "%s/db/migrations", src);
	db = db_open(dbpath, 1); /* the file exists before they race */
	ck_assert_ptr_nonnull(db);
	db_close(db);
	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct db *d = db_open(dbpath, 0);
			int ok = d != NULL && db_migrate(d, path, NULL) == DB_OK;
			db_close(d);
			_exit(ok ? 0 : 1);
		}
	}
	for (int i = 0; i < 4; i++) {
		int st;
		ck_assert_int_eq(waitpid(pids[i], &st, 0), pids[i]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "migrator %d failed", i);
	}
	db = db_open(dbpath, 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM schema_version"),
	    scalar(db, "SELECT count(DISTINCT version) FROM schema_version"));
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM schema_version"), db_version(db));
	db_close(db);
}
END_TEST

START_TEST(test_shipped_migrations_and_presets)
{
	struct db *db = db_open(dbpath, 1);
	const char *src = getenv("XUESHI_SRCDIR");
	char path[1024], buf[128];

	ck_assert_ptr_nonnull(src);
	snprintf(path, sizeof(path), "%s/db/migrations", src);
	ck_assert_int_eq(db_migrate(db, path, NULL), DB_OK);
	ck_assert_int_ge(db_version(db), 1);
	snprintf(path, sizeof(path), "%s/db/presets/wutongqiao.sql", src);
	ck_assert_int_eq(db_exec_file(db, path), DB_OK);
	snprintf(path, sizeof(path), "%s/db/presets/wuhua.sql", src);
	ck_assert_int_eq(db_exec_file(db, path), DB_OK);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM district"), 2);
	ck_assert_str_eq(text(db, "SELECT y.starts_on || '/' || y.ends_on FROM school_year y "
	    "JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current",
	    buf, sizeof(buf)), "2021-07-01/2022-06-30");
	ck_assert_int_eq(scalar(db, "SELECT self_registration FROM district WHERE code = 'wuhua'"), 0);
	/* Loading a preset twice is refused by the unique code, and changes nothing. */
	ck_assert_int_ne(db_exec_file(db, path), DB_OK);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM district"), 2);
	/* Two current years in one district are refused. */
	ck_assert_int_eq(db_exec(db, "INSERT INTO school_year(district_id, label, starts_on, ends_on, is_current) "
	    "SELECT id, '2022-2023', '2022-07-01', '2023-06-30', 1 FROM district WHERE code = 'wuhua'"),
	    DB_CONSTRAINT);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pragmas_wal_fk_full);
	tcase_add_test(tc, test_open_missing_without_create_fails);
	tcase_add_test(tc, test_migrations_in_order_and_recorded);
	tcase_add_test(tc, test_failed_migration_leaves_nothing);
	tcase_add_test(tc, test_duplicate_migration_number_refused);
	tcase_add_test(tc, test_statement_cache_reuses_and_resets);
	tcase_add_test(tc, test_rollback_and_constraint_result);
	tcase_add_test(tc, test_busy_is_reported_as_busy);
	tcase_add_test(tc, test_shipped_migrations_and_presets);
	tcase_add_test(tc, test_concurrent_migrations_each_run_once);
	tcase_add_test(tc, test_a_page_reads_one_snapshot_and_a_write_ends_it);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
