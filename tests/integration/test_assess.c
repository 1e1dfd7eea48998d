/*
 * test_assess.c - `xueshictl assess` on the demo data against the rules:
 * the teachers the demo was built around (exactly at the threshold, failing,
 * cut by a cap, new teachers, the excellent trainee, the new principal, the
 * fifth member of a project), the totals against the per-record counts, the
 * school flags, and the catalogue of the presets against the sources.
 */
#include "harness.h"

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <stdio.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[512], db[1024];
static xmlDocPtr wtq, wh;

static xmlDocPtr
run_assess(const char *district, const char *year)
{
	char cmd[2048];
	FILE *p;
	char *buf = NULL;
	size_t n = 0, cap = 0, k;
	xmlDocPtr d;

	snprintf(cmd, sizeof(cmd), "'%s/xueshictl' assess '%s' --district %s --year %s --format xml",
	    env_builddir(), db, district, year);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	for (;;) {
		if (n + 65536 > cap) {
			cap = (n + 65536) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		k = fread(buf + n, 1, cap - n, p);
		if (k == 0)
			break;
		n += k;
	}
	ck_assert_int_eq(pclose(p), 0);
	d = xmlReadMemory(buf, (int)n, "assess.xml", NULL, XML_PARSE_NONET);
	free(buf);
	ck_assert_ptr_nonnull(d);
	return d;
}

/*
 * The databases of the suite: files in dir on SQLite; on PostgreSQL
 * (XUESHI_TEST_PG, harness.h) one database each, named after dir's suffix
 * and the name (pg_create), dropped at teardown.
 */
static const char *pg_names[] = { "demo", "today", "bad" };

/* The PostgreSQL database's name for name (pg_create's, from the same directory). */
static void
pg_dir_of(const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/x-%s%s", dir, strrchr(dir, '-') + 1, name);
}

static void
demo_db(char *out, size_t len, const char *name)
{
	char d[700];

	if (test_pg() == NULL) {
		snprintf(out, len, "%s/%s.db", dir, name);
		return;
	}
	pg_dir_of(name, d, sizeof(d));
	ck_assert_int_eq(pg_create(d, out, len), 0);
}

/* One statement on the cluster's maintenance database (PostgreSQL only). */
static void
pg_admin_sql(const char *sql)
{
	char conn[1024];
	PGconn *c;

	snprintf(conn, sizeof(conn), "postgresql:///postgres?host=%s&user=xueshi", test_pg());
	c = PQconnectdb(conn);
	if (PQstatus(c) == CONNECTION_OK)
		PQclear(PQexec(c, sql));
	PQfinish(c);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[2048];

	snprintf(dir, sizeof(dir), "%s/xs-assess-XX" "XX" "XX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	demo_db(db, sizeof(db), "demo");
	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR='%s' XUESHI_EVIDENCE='%s/ev-demo' '%s/xueshictl' demo '%s'"
	    " --preset-years >/dev/null", env_srcdir(), dir, env_builddir(), db);
	ck_assert_int_eq(system(cmd), 0);
	wtq = run_assess("wutongqiao", "2021-2022");
	wh = run_assess("wuhua", "2025-2026");
}

static void
teardown(void)
{
	char cmd[600];

	xmlFreeDoc(wtq);
	xmlFreeDoc(wh);
	for (size_t i = 0; test_pg() != NULL && i < sizeof(pg_names) / sizeof(pg_names[0]); i++) {
		char sql[200], *p;
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS xs_%s%s WITH (FORCE)", strrchr(dir, '-') + 1,
		    pg_names[i]);
		for (p = sql + strlen("DROP DATABASE IF EXISTS "); *p != ' '; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		pg_admin_sql(sql);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/* The expression with its one %s replaced by the staff number. */
static void
fill(char *out, size_t n, const char *pattern, const char *staff)
{
	const char *p = strstr(pattern, "%s");

	if (p == NULL || staff == NULL)
		snprintf(out, n, "%s", pattern);
	else
		snprintf(out, n, "%.*s%s%s", (int)(p - pattern), pattern, staff, p + 2);
}

static char *
s_of(xmlDocPtr d, const char *pattern, const char *staff)
{
	char expr[512];
	fill(expr, sizeof(expr), pattern, staff);
	return xpath_string(d, expr);
}

static long
l_of(xmlDocPtr d, const char *pattern, const char *staff)
{
	char expr[512];
	fill(expr, sizeof(expr), pattern, staff);
	return xpath_long(d, expr);
}

#define A "//teacher[@staff-no='%s']/assessment"

START_TEST(test_exactly_at_the_threshold_passes)
{
	char *r = s_of(wtq, A "/@result", "WTQ00002");
	ck_assert_str_eq(r, "pass");
	free(r);
	ck_assert_int_eq(l_of(wtq, A "/@confirmed-tenths", "WTQ00002"), 900);
	ck_assert_int_eq(l_of(wtq, A "/@normative-confirmed-tenths", "WTQ00002"), 900);
	r = s_of(wh, A "/@result", "WH00004");
	ck_assert_str_eq(r, "pass");
	free(r);
	ck_assert_int_eq(l_of(wh, A "/@confirmed-tenths", "WH00004"), 720);
}
END_TEST

START_TEST(test_the_failing_teachers)
{
	char *r = s_of(wtq, A "/@result", "WTQ00003");
	ck_assert_str_eq(r, "fail");
	free(r);
	ck_assert_int_eq(l_of(wtq, "count(" A "/reason[@code='below_total'])", "WTQ00003"), 1);
	ck_assert_int_eq(l_of(wtq, A "/@gap-tenths", "WTQ00003"),
	    900 - l_of(wtq, A "/@confirmed-tenths", "WTQ00003"));
	/* wuhua's failing teacher: 48 h, and short over the five years too. */
	r = s_of(wh, A "/@result", "WH00006");
	ck_assert_str_eq(r, "fail");
	free(r);
	ck_assert_int_eq(l_of(wh, A "/@confirmed-tenths", "WH00006"), 480);
	r = s_of(wh, A "/@cycle-result", "WH00006");
	ck_assert_str_eq(r, "fail");
	free(r);
}
END_TEST

START_TEST(test_caps_cut_with_explanations)
{
	/* Six provincial first prizes: 90 h claimed, 24 counted, the group cap named. */
	ck_assert_int_eq(l_of(wh, "sum(" A "/count[@claimed-tenths=150]/@claimed-tenths)", "WH00005"), 900);
	ck_assert_int_eq(l_of(wh, "sum(" A "/count[@cap='论文获奖']/@counted-tenths)", "WH00005"), 90);
	ck_assert_int_eq(l_of(wh, "count(" A "/count[@cut='group_cap'])", "WH00005"), 5);
	ck_assert_int_eq(l_of(wh, "sum(" A "/count[@claimed-tenths=150]/@counted-tenths)", "WH00005"), 240);
	/* 网络晒课 registered twice: the item's own cap of 15 h cuts the second. */
	ck_assert_int_eq(l_of(wtq, "count(" A "/count[@cut='item_cap'])", "WTQ00004"), 1);
	ck_assert_int_eq(l_of(wtq, "sum(" A "/count[@cut='item_cap']/@counted-tenths)", "WTQ00004"), 0);
	/* The province-level lecture twice: 32 h. */
	ck_assert_int_eq(l_of(wtq, "count(" A "/count[@claimed-tenths=320])", "WTQ00004"), 1);
}
END_TEST

START_TEST(test_categories_and_trainees)
{
	ck_assert_int_eq(l_of(wtq, A "/@threshold-tenths", "WTQ00001"), 1200);
	ck_assert_int_eq(l_of(wh, A "/@threshold-tenths", "WH00001"), 1200);
	ck_assert_int_eq(l_of(wh, A "/@confirmed-tenths", "WH00002"), 1500); /* excellent: 125% */
	ck_assert_int_eq(l_of(wh, A "/@threshold-tenths", "WH00003"), 3000); /* new principal */
	ck_assert_int_eq(l_of(wh, A "/@confirmed-tenths", "WH00003"), 3000);
	/* wutongqiao has no cycle rule; wuhua's regular teachers have one. */
	ck_assert_int_eq(l_of(wtq, "count(//assessment[@cycle-result])", NULL), 0);
	ck_assert_int_gt(l_of(wh, "count(//assessment[@cycle-result])", NULL), 50);
}
END_TEST

START_TEST(test_fifth_project_member_not_counted)
{
	long cut = 0;
	char staff[16];

	for (int i = 41; i <= 45; i++) {
		snprintf(staff, sizeof(staff), "WH%05d", i);
		cut += l_of(wh, "count(" A "/count[@cut='participant_limit'])", staff);
	}
	ck_assert_int_eq(cut, 1);
}
END_TEST

START_TEST(test_totals_are_the_sum_of_counts)
{
	xmlDocPtr docs[2] = { wtq, wh };

	for (int k = 0; k < 2; k++) {
		xmlXPathContextPtr x = xmlXPathNewContext(docs[k]);
		xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//assessment", x);
		ck_assert(o && o->nodesetval && o->nodesetval->nodeNr > 80);
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNodePtr n = o->nodesetval->nodeTab[i];
			xmlXPathObjectPtr sum;
			long confirmed, total, threshold;
			char *v;
			x->node = n;
			sum = xmlXPathEvalExpression(BAD_CAST "sum(count[@state='district_approved']/@counted-tenths)", x);
			v = (char *)xmlGetProp(n, BAD_CAST "confirmed-tenths");
			confirmed = atol(v);
			xmlFree(v);
			total = (long)sum->floatval;
			xmlXPathFreeObject(sum);
			ck_assert_int_eq(confirmed, total);
			v = (char *)xmlGetProp(n, BAD_CAST "threshold-tenths");
			threshold = atol(v);
			xmlFree(v);
			v = (char *)xmlGetProp(n, BAD_CAST "result");
			/* wutongqiao also needs 45 normative; all its items are normative. */
			ck_assert_str_eq(v, confirmed >= threshold ? "pass" : "fail");
			xmlFree(v);
		}
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(x);
	}
}
END_TEST

START_TEST(test_school_flags)
{
	long teachers, failing;
	char *flag;

	/* wh-hy's year is confirmed: one teacher fails of thirty, not flagged. */
	teachers = xpath_long(wh, "//school[@code='wh-hy']/@teachers");
	failing = xpath_long(wh, "//school[@code='wh-hy']/@failing");
	ck_assert_int_eq(teachers, 30);
	ck_assert_int_eq(failing, xpath_long(wh, "count(//school[@code='wh-hy']/teacher/assessment[@result='fail'])"));
	flag = xpath_string(wh, "//school[@code='wh-hy']/@flagged");
	ck_assert_str_eq(flag, failing * 10 >= teachers ? "yes" : "no");
	ck_assert_str_eq(flag, "no");
	free(flag);
	/* wutongqiao has no flag rule. */
	ck_assert_int_eq(xpath_long(wtq, "count(//school[@flagged='yes'])"), 0);
}
END_TEST

/*
 * One number from the database at path (a file, or a postgresql:// URL);
 * the statement must run and give a row.
 */
static long long
db_num(const char *path, const char *sql)
{
	long long v = -1;

	if (strncmp(path, "postgresql://", 13) == 0) {
		PGconn *c = PQconnectdb(path);
		PGresult *res;

		ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s: %s", path, PQerrorMessage(c));
		res = PQexec(c, sql);
		ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
		if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
			v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		PQfinish(c);
		return v;
	}
	{
		sqlite3 *h;
		sqlite3_stmt *st;

		ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	return v;
}

START_TEST(test_preset_catalogues_match_the_sources)
{
	/* The wuhua table: 40 items, 1192 hours in the 学时 column. */
	ck_assert_int_eq(db_num(db, "SELECT count(*) FROM item i"
	    " JOIN school_year y ON y.id = i.school_year_id JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 1"), 40);
	ck_assert_int_eq(db_num(db, "SELECT sum(i.hours_tenths) FROM item i"
	    " JOIN school_year y ON y.id = i.school_year_id JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 1"), 11920);
	ck_assert_int_eq(db_num(db, "SELECT count(DISTINCT i.category) FROM item i"
	    " JOIN school_year y ON y.id = i.school_year_id JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 1"), 11);
	/* Eight cap groups; the merged cell of 教学成果 + 辅导学生 is one group of six items. */
	ck_assert_int_eq(db_num(db, "SELECT count(DISTINCT g.id)"
	    " FROM cap_group g JOIN school_year y ON y.id = g.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua' AND y.is_current = 1"), 8);
	ck_assert_int_eq(db_num(db, "SELECT count(*) FROM item WHERE cap_group_id ="
	    " (SELECT g.id FROM cap_group g JOIN school_year y ON y.id = g.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua' AND y.is_current = 1"
	    " AND g.code = 'jxcg')"), 6);
	/* wutongqiao: what the notice states, every item normative. */
	ck_assert_int_eq(db_num(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao'"), 7);
	ck_assert_int_eq(db_num(db, "SELECT sum(i.normative) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao'"), 7);
}
END_TEST

/*
 * The demo as `./xueshi.sh run` makes it, on 2026-12-01: each district's
 * current year is the one that contains that day (2026-2027, from 07-01 as
 * both presets start), a copy of the preset's year with its deadlines moved
 * on by whole years (五通桥 2022-06-30 / 08-31 / 09-30 by five, 五华
 * 2026-06-30 / 09-10 / 09-30 by one); the presets' own years stay as
 * earlier ones; nothing is dated after the day; the assessment covers the
 * 90 teachers of each district.
 */
START_TEST(test_demo_opens_the_year_of_today)
{
	char path[1024], cmd[4096], demo[sizeof(db)];
	xmlDocPtr saved = wtq;

	snprintf(demo, sizeof(demo), "%s", db);

	demo_db(path, sizeof(path), "today");
	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR='%s' XUESHI_EVIDENCE='%s/ev-today' '%s/xueshictl' demo '%s'"
	    " --today 2026-12-01 >/dev/null", env_srcdir(), dir, env_builddir(), path);
	ck_assert_int_eq(system(cmd), 0);
#define CUR(d, col) "SELECT count(*) FROM school_year y JOIN district d ON d.id = y.district_id" \
	" WHERE d.code = '" d "' AND y.is_current = 1 AND " col
	ck_assert_int_eq(db_num(path, CUR("wutongqiao", "y.label = '2026-2027' AND y.starts_on = '2026-07-01'"
	    " AND y.ends_on = '2027-06-30' AND y.register_deadline = '2027-06-30'"
	    " AND y.school_review_deadline = '2027-08-31' AND y.district_review_deadline = '2027-09-30'")), 1);
	ck_assert_int_eq(db_num(path, CUR("wuhua", "y.label = '2026-2027' AND y.starts_on = '2026-07-01'"
	    " AND y.ends_on = '2027-06-30' AND y.register_deadline = '2027-06-30'"
	    " AND y.school_review_deadline = '2027-09-10' AND y.district_review_deadline = '2027-09-30'")), 1);
#undef CUR
	/* The presets' years, earlier now: 五通桥 2021-2022; 五华's cycle 2022-2023 ... 2025-2026. */
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 0 AND y.label = '2021-2022'"), 1);
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 0 AND y.label IN"
	    " ('2022-2023', '2023-2024', '2024-2025', '2025-2026')"), 4);
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM school_year WHERE is_current = 1"), 2);
	/* The catalogue copied: 五通桥's seven items in both its years. */
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1"), 7);
	/* Nothing after the day; the current year's records inside it. */
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM record WHERE ended_on > '2026-12-01'"
	    " OR started_on > '2026-12-01'"), 0);
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE r.started_on < '2026-07-01'"), 0);
	/* The same stories as the presets' years hold in the other demo, only dated otherwise. */
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"),
	    db_num(db, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"));
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM school_year_state WHERE submitted_at > '2026-12-01'"
	    " OR confirmed_at > '2026-12-01'"), 0);
	/* The teachers' accounts are this year's roster: 180. */
	ck_assert_int_eq(db_num(path, "SELECT count(*) FROM account WHERE role = 'teacher'"), 180);
	/* The assessment of the new year covers each district's 90 teachers. */
	snprintf(db, sizeof(db), "%s", path);
	wtq = run_assess("wutongqiao", "2026-2027");
	ck_assert_int_eq(l_of(wtq, "count(//assessment)", NULL), 90);
	xmlFreeDoc(wtq);
	wtq = run_assess("wuhua", "2026-2027");
	ck_assert_int_eq(l_of(wtq, "count(//assessment)", NULL), 90);
	xmlFreeDoc(wtq);
	wtq = saved;
	snprintf(db, sizeof(db), "%s", demo);
	/* A day that is not one: refused before anything is made. */
	demo_db(path, sizeof(path), "bad");
	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR='%s' XUESHI_EVIDENCE='%s/ev-bad' '%s/xueshictl' demo '%s'"
	    " --today 2026-02-30 >/dev/null 2>&1", env_srcdir(), dir, env_builddir(), path);
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
	if (test_pg() == NULL)
		ck_assert_int_ne(access(path, F_OK), 0);
	else /* the database exists before (pg_create): nothing in it, not even the migrations' table */
		ck_assert_int_eq(db_num(path, "SELECT count(*) FROM information_schema.tables"
		    " WHERE table_schema = 'public'"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("assess");
	TCase *tc = tcase_create("demo data");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_exactly_at_the_threshold_passes);
	tcase_add_test(tc, test_the_failing_teachers);
	tcase_add_test(tc, test_caps_cut_with_explanations);
	tcase_add_test(tc, test_categories_and_trainees);
	tcase_add_test(tc, test_fifth_project_member_not_counted);
	tcase_add_test(tc, test_totals_are_the_sum_of_counts);
	tcase_add_test(tc, test_school_flags);
	tcase_add_test(tc, test_preset_catalogues_match_the_sources);
	tcase_add_test(tc, test_demo_opens_the_year_of_today);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
