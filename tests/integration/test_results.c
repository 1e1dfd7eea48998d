/*
 * test_results.c - the kept results (teacher_year_result) always equal a
 * fresh assessment. On the demo database, a thousand random operations
 * of the kinds that change results - records added, edited, moved through
 * the workflow, deleted; shared certificates and classes; a teacher's
 * category; the policy, an item's cap, a class's size - each in a
 * transaction committed as the programs commit (the commit hook refreshes
 * what the triggers marked). After every hundred operations, and at the
 * end, every kept row is compared with assess_each's fresh computation.
 * A last batch is made behind the programs' back (no hook): the next read
 * of the results (assess_results) must bring them up to date first.
 */
#include "store/assess.h"
#include "store/sql.h"

#include <libpq-fe.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256], dbpath[1024], pgname[64];
static struct db *db;

static unsigned long long rng = 0x5eed2026ULL;
static long
pick(long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (long)(rng % (unsigned long long)n);
}

/* The PostgreSQL cluster of the tests (XUESHI_TEST_PG: its socket directory), NULL: SQLite. */
static const char *
test_pg(void)
{
	const char *v = getenv("XUESHI_TEST_PG");
	return v != NULL && *v != '\0' ? v : NULL;
}

/* A statement on the cluster's maintenance database: 0 or -1. */
static int
pg_admin(const char *sql)
{
	char conn[1024];
	PGconn *c;
	PGresult *res;
	int ok = 0;

	snprintf(conn, sizeof(conn), "postgresql:///postgres?host=%s&user=xueshi", test_pg());
	c = PQconnectdb(conn);
	if (PQstatus(c) == CONNECTION_OK) {
		res = PQexec(c, sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
		PQclear(res);
	} else
		fprintf(stderr, "PostgreSQL: %s", PQerrorMessage(c));
	PQfinish(c);
	return ok ? 0 : -1;
}

static void
setup(void)
{
	char cmd[2600];
	const char *b = getenv("XUESHI_BUILDDIR");
	const char *sdir = getenv("XUESHI_SRCDIR");

	snprintf(dir, sizeof(dir), "/tmp/xs-results-XX" "XX" "XX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	if (test_pg() != NULL) {
		/* On PostgreSQL (XUESHI_TEST_PG, the cluster's socket directory): a database of its own. */
		snprintf(pgname, sizeof(pgname), "xs_results_%s", strrchr(dir, '-') + 1);
		for (char *p = pgname; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		snprintf(cmd, sizeof(cmd), "DROP DATABASE IF EXISTS %s", pgname);
		pg_admin(cmd);
		snprintf(cmd, sizeof(cmd), "CREATE DATABASE %s", pgname);
		ck_assert_int_eq(pg_admin(cmd), 0);
		snprintf(dbpath, sizeof(dbpath), "postgresql:///%s?host=%s&user=xueshi", pgname, test_pg());
	} else
		snprintf(dbpath, sizeof(dbpath), "%s/x.db", dir);
	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR=%s XUESHI_EVIDENCE=%s/evidence %s/xueshictl demo '%s' --preset-years >/dev/null",
	    sdir ? sdir : "../..", dir, b ? b : ".", dbpath);
	ck_assert_int_eq(system(cmd), 0);
	db = db_open(dbpath, 0);
	ck_assert_ptr_nonnull(db);
	db_set_commit_hook(db, assess_commit_hook, NULL);
}

static void
teardown(void)
{
	char cmd[400];

	db_close(db);
	if (test_pg() != NULL && getenv("XUESHI_KEEP_TEST_DIR") == NULL) {
		snprintf(cmd, sizeof(cmd), "DROP DATABASE IF EXISTS %s WITH (FORCE)", pgname);
		pg_admin(cmd);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* The first column of the first row of sql (a string literal: db_stmt caches by its address); -1: none. */
static long long
one(const char *sql)
{
	sql_stmt *st = db_stmt(db, sql);
	enum sql_step k;
	long long v = -1;

	ck_assert_ptr_nonnull(st);
	k = sql_step(st, NULL);
	ck_assert_int_ne(k, SQL_FAILED);
	if (k == SQL_ROW)
		v = sql_int(st, 0, -1);
	sql_reset(st);
	return v;
}

/*
 * One statement of an operation; one that a constraint refuses changes
 * nothing and the transaction goes on (SQLite undoes the one statement;
 * on PostgreSQL a savepoint does the same, the failure would end the
 * transaction otherwise).
 */
static void
run(const char *sql)
{
	enum db_result rc;

	if (db_is_pg(db))
		ck_assert_int_eq(db_exec(db, "SAVEPOINT op"), DB_OK);
	rc = db_exec(db, sql);
	ck_assert_msg(rc == DB_OK || rc == DB_CONSTRAINT, "%s: %s", sql, db_last_error(db));
	if (db_is_pg(db))
		ck_assert_int_eq(db_exec(db, rc == DB_OK ? "RELEASE SAVEPOINT op" :
		    "ROLLBACK TO SAVEPOINT op; RELEASE SAVEPOINT op"), DB_OK);
}

/* Compare every kept result of every year with a fresh pass. */
struct check {
	long long compared, differ;
};

static int
compare(void *arg, const struct assess_who *who, const struct assessment *a)
{
	struct check *c = arg;
	sql_stmt *st = db_stmt(db, "SELECT confirmed_tenths, pending_tenths, normative_confirmed_tenths,"
	    " threshold_tenths, pass, cycle_tenths, cycle_pass, gap_tenths FROM teacher_year_result"
	    " WHERE teacher_year_id = ?");
	enum sql_step k;

	ck_assert_ptr_nonnull(st);
	sql_bind_int(st, 1, who->teacher_year_id);
	k = sql_step(st, NULL);
	ck_assert_int_ne(k, SQL_FAILED);
	if (k != SQL_ROW ||
	    sql_int(st, 0, 0) != a->confirmed_tenths ||
	    sql_int(st, 1, 0) != a->pending_tenths ||
	    sql_int(st, 2, 0) != a->normative_confirmed_tenths ||
	    sql_int(st, 3, 0) != a->threshold_tenths ||
	    sql_int(st, 4, 0) != a->pass ||
	    sql_int(st, 5, 0) != a->cycle_tenths ||
	    sql_int(st, 6, 0) != a->cycle_pass ||
	    sql_int(st, 7, 0) != a->gap_tenths) {
		if (c->differ++ < 5)
			fprintf(stderr, "teacher-year %lld: kept result differs (fresh: %lld confirmed, %s)\n",
			    who->teacher_year_id, a->confirmed_tenths, a->pass ? "pass" : "fail");
	}
	sql_reset(st);
	c->compared++;
	return 0;
}

static void
compare_all(void)
{
	sql_stmt *st;
	struct check c = { 0, 0 };
	arena *a = arena_new();
	long long years[64];
	size_t n = 0;
	enum sql_step k;

	ck_assert_int_eq(one("SELECT count(*) FROM result_dirty"), 0);
	/* the years first: assess_each's own statements do not run under a stepping one */
	ck_assert_ptr_nonnull(st = db_stmt(db, "SELECT id FROM school_year"));
	while ((k = sql_step(st, NULL)) == SQL_ROW) {
		ck_assert_uint_lt(n, sizeof(years) / sizeof(years[0]));
		years[n++] = sql_int(st, 0, 0);
	}
	ck_assert_int_eq(k, SQL_DONE);
	sql_reset(st);
	for (size_t i = 0; i < n; i++) {
		struct assess_scope sc = { years[i], 0, 0 };
		ck_assert_int_eq(assess_each(db, a, &sc, compare, &c), DB_OK);
	}
	arena_free(a);
	ck_assert_int_eq(c.compared, one("SELECT count(*) FROM teacher_year"));
	ck_assert_msg(c.differ == 0, "%lld of %lld kept results differ", c.differ, c.compared);
}

/* One random operation that can change results. */
static void
operation(void)
{
	char sql[1200];
	long k = pick(12);
	long long ty = one("SELECT id FROM teacher_year ORDER BY random() LIMIT 1");
	long long rec = one("SELECT id FROM record ORDER BY random() LIMIT 1");
	static const char *states[] = { "draft", "submitted", "school_approved", "district_approved",
		"returned", "rejected" };

	switch (k) {
	case 0: case 1: case 2: /* a record moves through the workflow */
		snprintf(sql, sizeof(sql), "UPDATE record SET state = '%s' WHERE id = %lld",
		    states[pick(6)], rec);
		break;
	case 3: /* a record of the teacher's year, copied from another of the same year */
		snprintf(sql, sizeof(sql), "INSERT INTO record (teacher_year_id, item_id, project_id,"
		    " started_on, ended_on, quantity, level, certified_tenths, points, addons, role,"
		    " certificate_no, certificate_on, claimed_tenths, state)"
		    " SELECT %lld, r.item_id, r.project_id, r.started_on, r.ended_on, r.quantity, r.level,"
		    " r.certified_tenths, r.points, r.addons, r.role, r.certificate_no, r.certificate_on,"
		    " r.claimed_tenths, 'district_approved' FROM record r JOIN teacher_year t ON t.id = r.teacher_year_id"
		    " WHERE t.school_year_id = (SELECT school_year_id FROM teacher_year WHERE id = %lld)"
		    " ORDER BY random() LIMIT 1", ty, ty);
		break;
	case 4: /* a record deleted */
		snprintf(sql, sizeof(sql), "DELETE FROM record WHERE id = %lld AND NOT EXISTS"
		    " (SELECT 1 FROM evidence WHERE record_id = %lld)", rec, rec);
		break;
	case 5: /* the quantity or dates edited */
		/* the new quantity drawn here: random() is an integer on SQLite, a fraction on PostgreSQL */
		snprintf(sql, sizeof(sql), "UPDATE record SET quantity = CASE WHEN quantity IS NULL THEN NULL"
		    " ELSE %ld END, started_on = date(started_on, '+%ld days'),"
		    " ended_on = date(ended_on, '+%ld days') WHERE id = %lld", 1 + pick(8), pick(3), pick(3) + 2, rec);
		break;
	case 6: /* a teacher's category */
		snprintf(sql, sizeof(sql), "UPDATE teacher_year SET category = '%s' WHERE id = %lld",
		    pick(3) == 0 ? "new_teacher" : pick(2) ? "regular" : "new_principal", ty);
		break;
	case 7: /* a shared certificate (a research project's members) */
		snprintf(sql, sizeof(sql), "UPDATE record SET certificate_no = 'RAND-%ld' WHERE id = %lld",
		    pick(4), rec);
		break;
	case 8: /* the policy */
		snprintf(sql, sizeof(sql), "UPDATE policy SET min_tenths = %ld, terms_per_year = %ld"
		    " WHERE school_year_id = (SELECT school_year_id FROM teacher_year WHERE id = %lld)",
		    600 + 60 * pick(6), 1 + pick(3), ty);
		break;
	case 9: /* an item's cap */
		snprintf(sql, sizeof(sql), "UPDATE item SET cap_tenths = %s WHERE id = (SELECT item_id"
		    " FROM record WHERE id = %lld)", pick(2) ? "NULL" : "100", rec);
		break;
	case 10: /* a class's size, and an excellent trainee in it */
		snprintf(sql, sizeof(sql), "UPDATE training_project SET max_participants = %ld"
		    " WHERE id = (SELECT max(id) FROM training_project)", 5 + pick(40));
		break;
	default: /* an excellent trainee of the class */
		snprintf(sql, sizeof(sql), "UPDATE record SET role = 'excellent', project_id ="
		    " (SELECT max(id) FROM training_project) WHERE id = (SELECT r.id FROM record r"
		    " JOIN item i ON i.id = r.item_id WHERE i.rule_type = 'trainee_multiplier'"
		    " ORDER BY random() LIMIT 1)");
		break;
	}
	run(sql);
}

START_TEST(test_kept_results_equal_fresh_ones)
{
	compare_all(); /* as the demo made them */
	for (int i = 1; i <= 1000; i++) {
		ck_assert_int_eq(db_begin(db), DB_OK);
		operation();
		ck_assert_int_eq(db_commit(db), DB_OK);
		if (i % 250 == 0)
			compare_all();
	}
	compare_all();
	/* Behind the programs' back: no hook, the results are marked, not kept... */
	db_set_commit_hook(db, NULL, NULL);
	ck_assert_int_eq(db_begin(db), DB_OK);
	for (int i = 0; i < 50; i++)
		operation();
	ck_assert_int_eq(db_commit(db), DB_OK);
	ck_assert_int_gt(one("SELECT count(*) FROM result_dirty"), 0);
	db_set_commit_hook(db, assess_commit_hook, NULL);
	/* ...until the next read brings them up to date. */
	{
		arena *a = arena_new();
		struct kept_result *v;
		size_t n;
		struct assess_scope sc = { one("SELECT id FROM school_year WHERE is_current = 1 LIMIT 1"), 0, 0 };
		ck_assert_int_eq(assess_results(db, a, &sc, &v, &n), DB_OK);
		ck_assert_int_gt(n, 0);
		arena_free(a);
	}
	compare_all();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("results");
	TCase *tc = tcase_create("kept results");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_kept_results_equal_fresh_ones);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
