/*
 * test_district_export.c - the district's whole year as one .xlsx (issue
 * 14), read back with Python openpyxl: a district sheet first with each
 * school's teachers, passing and failing as numbers and a total row whose
 * numbers are the sums, then one sheet per school whose rows are its
 * teachers, each with the kept result's hours as numbers.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	demo_setup(&srv);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

START_TEST(test_district_year_workbook)
{
	struct client *cl = client_new();
	char path[1024], cmd[4096], line[512];
	struct reply r;
	FILE *f;
	long long teachers, pass, schools, sx;
	long got_teachers = -1, got_pass = -1, got_fail = -1, got_sheets = -1, got_sx = -1;
	int numeric = 0;

	ck_assert_int_eq(login_as(cl, &srv, "wutongqiao-admin", DEMO_PW), 303);
	/* The kept results are current once a results page has been read. */
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/district/stats", NULL, NULL, 0, NULL, &r), 0);
	reply_free(&r);
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/district/export.xlsx", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(path, sizeof(path), "%s/district.xlsx", srv.dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(r.body, 1, r.len, f);
	fclose(f);
	reply_free(&r);

	teachers = srv_int(&srv, "SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 JOIN district d ON d.id = y.district_id AND d.code = 'wutongqiao'"
	    " JOIN school s ON s.id = ty.school_id AND s.active = 1");
	pass = srv_int(&srv, "SELECT sum(r.pass) FROM teacher_year_result r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 JOIN district d"
	    " ON d.id = y.district_id AND d.code = 'wutongqiao' JOIN school s ON s.id = ty.school_id AND s.active = 1");
	schools = srv_int(&srv, "SELECT count(*) FROM school s JOIN district d ON d.id = s.district_id"
	    " WHERE d.code = 'wutongqiao' AND s.active = 1");
	sx = srv_int(&srv, "SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-sx'");
	ck_assert_int_gt(teachers, 0);
	ck_assert_int_gt(teachers - pass, 0);
	snprintf(cmd, sizeof(cmd),
	    "/usr/bin/python3 - '%s' <<'EOF'\n"
	    "import openpyxl, sys\n"
	    "wb = openpyxl.load_workbook(sys.argv[1])\n"
	    "d = wb.worksheets[0]\n"
	    "rows = list(d.iter_rows(min_row=3, values_only=True))\n"
	    "total = rows[-1]\n"
	    "print('sheets', len(wb.worksheets))\n"
	    "print('teachers', total[2])\n"
	    "print('pass', total[3])\n"
	    "print('fail', total[4])\n"
	    "print('numeric', int(all(isinstance(v, (int, float)) for v in total[2:5])))\n"
	    "sx = [w for w in wb.worksheets if w.title.startswith('五通桥区实验小学')][0]\n"
	    "print('sx', len(list(sx.iter_rows(min_row=3, values_only=True))))\n"
	    "EOF\n", path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "sheets %ld", &got_sheets);
		sscanf(line, "teachers %ld", &got_teachers);
		sscanf(line, "pass %ld", &got_pass);
		sscanf(line, "fail %ld", &got_fail);
		sscanf(line, "numeric %d", &numeric);
		sscanf(line, "sx %ld", &got_sx);
	}
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(got_sheets, schools + 1);
	ck_assert_int_eq(got_teachers, teachers);
	ck_assert_int_eq(got_pass, pass);
	ck_assert_int_eq(got_fail, teachers - pass);
	ck_assert_int_eq(numeric, 1);
	ck_assert_int_eq(got_sx, sx);
	client_free(cl);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("district_export");
	TCase *tc = tcase_create("export");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_district_year_workbook);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_district_export", &log_reports);
}
