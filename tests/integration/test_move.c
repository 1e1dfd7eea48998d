/*
 * test_move.c - a district moved from SQLite into PostgreSQL (issue 18):
 * `xueshictl move DB URL` copies the demo district's database (two
 * districts, 180 teachers, their records, evidence and audit) into an
 * empty PostgreSQL database. Checked from outside the command: the rows
 * counted on both sides, every teacher-year's kept result on PostgreSQL
 * equal to SQLite's after the programs' own recomputation, the evidence
 * files there by their hashes, the identity sequences past the copied ids
 * (a new row gets a new id), and a second move into the same database
 * refused with nothing changed.
 *
 * The cluster: XUESHI_TEST_PG's, or one of its own (tests/pg/cluster.sh).
 */
#include <check.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256], cluster[600], sock[700], url[1024], lite[400], ev_to[400];

static const char *
env(const char *name)
{
	const char *v = getenv(name);
	if (v == NULL) {
		fprintf(stderr, "test_move: %s is not set\n", name);
		exit(1);
	}
	return v;
}

/* The command's standard output (and its standard error after it) and exit status. */
static char *
run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	char *out = calloc(1, 65536);
	size_t n = 0, got;
	int st;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(out);
	while (n < 65535 && (got = fread(out + n, 1, 65535 - n, p)) > 0)
		n += got;
	st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return out;
}

static long long
lite_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(lite, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static long long
pg_int(const char *sql)
{
	PGconn *c = PQconnectdb(url);
	PGresult *res;
	long long v = -1;

	ck_assert_int_eq(PQstatus(c), CONNECTION_OK);
	res = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	PQfinish(c);
	return v;
}

static void
setup(void)
{
	const char *given = getenv("XUESHI_TEST_PG"), *tmp = getenv("TMPDIR");
	char cmd[3000];
	int st;
	char *out;

	snprintf(dir, sizeof(dir), "%s/xs-move-XX" "XX" "XX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	if (given != NULL && *given != '\0')
		snprintf(sock, sizeof(sock), "%s", given);
	else {
		snprintf(cluster, sizeof(cluster), "%s/pg", dir);
		snprintf(cmd, sizeof(cmd), "'%s/tests/pg/cluster.sh' start '%s' >/dev/null", env("XUESHI_SRCDIR"), cluster);
		ck_assert_int_eq(system(cmd), 0);
		snprintf(sock, sizeof(sock), "%s/socket", cluster);
	}
	snprintf(cmd, sizeof(cmd), "psql -q -X 'postgresql:///postgres?host=%s&user=xueshi'"
	    " -c 'DROP DATABASE IF EXISTS xs_move_%d' -c 'CREATE DATABASE xs_move_%d' >/dev/null 2>&1",
	    sock, (int)getpid(), (int)getpid());
	ck_assert_int_eq(system(cmd), 0);
	snprintf(url, sizeof(url), "postgresql:///xs_move_%d?host=%s&user=xueshi", (int)getpid(), sock);
	/* The district's SQLite database as the quick start makes it. */
	snprintf(lite, sizeof(lite), "%s/district/xueshi.db", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/district' && cd '%s' && XUESHI_DATADIR='%s' '%s/xueshictl' demo '%s'"
	    " --preset-years 2>&1", dir, dir, env("XUESHI_SRCDIR"), env("XUESHI_BUILDDIR"), lite);
	out = run(cmd, &st);
	ck_assert_msg(st == 0, "%s", out);
	free(out);
	snprintf(ev_to, sizeof(ev_to), "%s/shared-evidence", dir);
}

static void
teardown(void)
{
	char cmd[2000];

	snprintf(cmd, sizeof(cmd), "psql -q -X 'postgresql:///postgres?host=%s&user=xueshi'"
	    " -c 'DROP DATABASE IF EXISTS xs_move_%d WITH (FORCE)' >/dev/null 2>&1", sock, (int)getpid());
	if (system(cmd) != 0)
		fprintf(stderr, "test_move: could not drop the database\n");
	if (cluster[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "'%s/tests/pg/cluster.sh' stop '%s' >/dev/null", env("XUESHI_SRCDIR"), cluster);
		if (system(cmd) != 0)
			fprintf(stderr, "test_move: could not stop the cluster\n");
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_move: could not remove %s\n", dir);
}

static char *
move(int *status)
{
	char cmd[3000];

	snprintf(cmd, sizeof(cmd), "cd '%s' && XUESHI_EVIDENCE='%s' XUESHI_DATADIR='%s' '%s/xueshictl' move '%s' '%s' 2>&1",
	    dir, ev_to, env("XUESHI_SRCDIR"), env("XUESHI_BUILDDIR"), lite, url);
	return run(cmd, status);
}

/* Files under the evidence directory (two-character subdirectories, each file named by its hash). */
static long
files_in(const char *root)
{
	char cmd[600];
	int st;
	char *out;
	long n;

	snprintf(cmd, sizeof(cmd), "find '%s' -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}' | wc -l", root);
	out = run(cmd, &st);
	n = atol(out);
	free(out);
	return n;
}

START_TEST(test_a_district_moves_whole)
{
	static const char *const tables[] = { "district", "school", "teacher", "teacher_year", "account",
		"record", "evidence", "evidence_file", "review", "audit", "item", "cap_group", "policy",
		"training_project", "school_year_state", "teacher_year_result" };
	char sql[200], *out;
	int st;
	long long records = lite_int("SELECT count(*) FROM record");

	/* The demo: two districts, 180 teachers, records with evidence (docs/operations.md, the quick start). */
	ck_assert_int_eq(lite_int("SELECT count(*) FROM district"), 2);
	ck_assert_int_eq(lite_int("SELECT count(*) FROM teacher"), 180);
	ck_assert_int_gt(records, 1000);

	out = move(&st);
	ck_assert_msg(st == 0, "%s", out);
	ck_assert_msg(strstr(out, "0 unlike SQLite's") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "move: ok") != NULL, "%s", out);
	free(out);

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
		ck_assert_msg(lite_int(sql) == pg_int(sql), "%s: %lld on SQLite, %lld on PostgreSQL",
		    tables[i], lite_int(sql), pg_int(sql));
	}
	/* Every kept result, summed column by column, is the same (the programs computed them again). */
	ck_assert_int_eq(pg_int("SELECT count(*) FROM result_dirty"), 0);
	ck_assert_int_eq(lite_int("SELECT sum(confirmed_tenths) FROM teacher_year_result"),
	    pg_int("SELECT sum(confirmed_tenths) FROM teacher_year_result"));
	ck_assert_int_eq(lite_int("SELECT sum(pass) + 1000 * sum(cycle_pass) FROM teacher_year_result"),
	    pg_int("SELECT sum(pass) + 1000 * sum(cycle_pass) FROM teacher_year_result"));
	ck_assert_int_eq(lite_int("SELECT sum(gap_tenths) FROM teacher_year_result"),
	    pg_int("SELECT sum(gap_tenths) FROM teacher_year_result"));
	/* The same ids: a record is the same teacher-year's on both. */
	ck_assert_int_eq(lite_int("SELECT sum(id * teacher_year_id % 9973) FROM record"),
	    pg_int("SELECT sum(id * teacher_year_id % 9973) FROM record"));
	/* Every evidence file is in the shared directory, once. */
	ck_assert_int_eq(files_in(ev_to), lite_int("SELECT count(*) FROM evidence_file"));
	/* The next record gets an id after the copied ones (the sequence was set). */
	ck_assert_int_eq(pg_int("INSERT INTO audit (action, object_type) VALUES ('test', 'test') RETURNING id"),
	    lite_int("SELECT max(id) FROM audit") + 1);

	/* A second move into the same database: refused, nothing changed. */
	out = move(&st);
	ck_assert_int_eq(st, 1);
	ck_assert_msg(strstr(out, "not_empty") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(pg_int("SELECT count(*) FROM record"), records);
	ck_assert_int_eq(pg_int("SELECT count(*) FROM district"), 2);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("move");
	TCase *tc = tcase_create("sqlite to postgresql");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_a_district_moves_whole);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
