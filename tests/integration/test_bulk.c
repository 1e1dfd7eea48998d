/*
 * test_bulk.c - bulk registration (批量登记) through nginx: one activity for
 * 200 teachers is one transaction with 200 records sharing a bulk id, one
 * evidence file stored once and linked to each, and one audit entry per
 * record; a failure in the middle (a trigger the test installs aborts the
 * 100th insert) leaves nothing behind; a pasted list with an unknown staff
 * number is reported by line, keeps what was typed and saves nothing; the
 * leader cannot post and another school's teachers cannot be chosen.
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

#define N 200

/* A number from the server's database (srv_one: the SQL must run; -1 when no row). */
static long long
count(const char *sql)
{
	return srv_one(&srv, sql);
}

static void
exec(const char *sql)
{
	ck_assert_msg(srv_sql(&srv, sql) == 0, "%s", sql);
}

/* 200 more teachers on wtq-zg's roster this year (as an import would add them). */
static void
add_teachers(void)
{
	exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
	    " INSERT INTO teacher(district_id, name, gender, id_number, staff_no)"
	    " SELECT d.id, 'BULK' || i, 'F', printf('5111021990%08d', i), printf('BULK%04d', i)"
	    " FROM n, district d WHERE d.code = 'wutongqiao'");
	exec("INSERT INTO teacher_year(teacher_id, school_year_id, school_id)"
	    " SELECT t.id, y.id, s.id FROM teacher t JOIN district d ON d.id = t.district_id"
	    " JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
	    " JOIN school s ON s.district_id = d.id AND s.code = 'wtq-zg'"
	    " WHERE t.staff_no LIKE 'BULK%'");
}

static long long
item_id(const char *code)
{
	char sql[300];

	snprintf(sql, sizeof(sql), "SELECT i.id FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " AND y.is_current = 1 JOIN district d ON d.id = y.district_id AND d.code = 'wutongqiao'"
	    " WHERE i.code = '%s'", code);
	return count(sql);
}

/* The teacher-year ids of the 200 added teachers, as form fields. */
static const char **
fields_for(const char *token, const char *item, const char *list, char tys[N][24], int with_teachers)
{
	static const char *f[2 * N + 40];
	char *rows, *p, *nl;
	int n = 0, k = 0;

	f[n++] = "csrf"; f[n++] = token;
	f[n++] = "bulk"; f[n++] = "1";
	f[n++] = "item"; f[n++] = item;
	f[n++] = "started_on"; f[n++] = "2022-03-01";
	f[n++] = "ended_on"; f[n++] = "2022-03-01";
	f[n++] = "quantity"; f[n++] = "1";
	f[n++] = "organiser"; f[n++] = "五通桥区教师发展中心";
	f[n++] = "description"; f[n++] = "第一期党建学习";
	f[n++] = "action"; f[n++] = "submit";
	if (list != NULL) {
		f[n++] = "staff_nos"; f[n++] = list;
	}
	rows = srv_rows(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t"
	    " ON t.id = ty.teacher_id WHERE t.staff_no LIKE 'BULK%' ORDER BY t.staff_no");
	ck_assert_ptr_nonnull(rows);
	for (p = rows; with_teachers && *p != '\0' && k < N; p = nl + 1) {
		ck_assert_ptr_nonnull(nl = strchr(p, '\n'));
		snprintf(tys[k], 24, "%lld", strtoll(p, NULL, 10));
		f[n++] = "teachers"; f[n++] = tys[k++];
	}
	free(rows);
	f[n] = NULL;
	return f;
}

static const char records_q[] = "SELECT count(*) FROM record";
static const char evidence_q[] = "SELECT count(*) FROM evidence";
static const char audit_q[] = "SELECT count(*) FROM audit WHERE action = 'record_submit'";

START_TEST(test_two_hundred_teachers_in_one_transaction)
{
	struct client *cl = client_new();
	static char tys[N][24];
	char item[24], *token, *loc, sql[300];
	struct upload up = { "evidence", "签到表.png", "image/png", test_png, test_png_len };
	struct reply r;
	long long before_r, before_e, before_a, bulk;

	snprintf(item, sizeof(item), "%lld", item_id("djxx"));
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	token = csrf_token(cl, &srv);

	/* 1. A failure at the 100th record leaves nothing behind. */
	if (!server_is_pg(&srv))
		exec("CREATE TRIGGER test_fail_midway BEFORE INSERT ON record"
		    " WHEN NEW.bulk_id IS NOT NULL AND (SELECT count(*) FROM record WHERE bulk_id = NEW.bulk_id) >= 99"
		    " BEGIN SELECT RAISE(ABORT, 'test: fail in the middle'); END");
	else /* the same in PL/pgSQL; a constraint's class (23) as SQLite's RAISE(ABORT) is SQLITE_CONSTRAINT */
		exec("CREATE FUNCTION test_fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
		    " IF NEW.bulk_id IS NOT NULL AND (SELECT count(*) FROM record WHERE bulk_id = NEW.bulk_id) >= 99"
		    " THEN RAISE EXCEPTION 'test: fail in the middle' USING ERRCODE = 'integrity_constraint_violation';"
		    " END IF; RETURN NEW; END $$;"
		    "CREATE TRIGGER test_fail_midway BEFORE INSERT ON record FOR EACH ROW"
		    " EXECUTE FUNCTION test_fail_midway()");
	before_r = count(records_q);
	before_e = count(evidence_q);
	before_a = count(audit_q);
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk?format=xml",
	    fields_for(token, item, NULL, tys, 1), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 409);
	ck_assert(reply_contains(&r, "bulk_failed"));
	reply_free(&r);
	ck_assert_int_eq(count(records_q), before_r);
	ck_assert_int_eq(count(evidence_q), before_e);
	ck_assert_int_eq(count(audit_q), before_a);
	ck_assert_int_eq(count("SELECT count(*) FROM record WHERE bulk_id IS NOT NULL"), 0);
	exec(server_is_pg(&srv) ? "DROP TRIGGER test_fail_midway ON record; DROP FUNCTION test_fail_midway()"
	    : "DROP TRIGGER test_fail_midway");

	/* 2. Without the trigger: 200 records, one bulk id, the file once, 200 audit entries. */
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk",
	    fields_for(token, item, NULL, tys, 1), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	ck_assert_ptr_nonnull(loc);
	ck_assert(strstr(loc, "/school/bulk?done=") != NULL);
	bulk = atoll(strstr(loc, "done=") + 5);
	free(loc);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE bulk_id = %lld", bulk);
	ck_assert_int_eq(count(sql), N);
	ck_assert_int_eq(count(records_q), before_r + N);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE bulk_id = %lld"
	    " AND state = 'submitted' AND claimed_tenths = 100", bulk);
	ck_assert_int_eq(count(sql), N); /* 党建学习: 10 hours a term */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM evidence e JOIN record r ON r.id = e.record_id"
	    " WHERE r.bulk_id = %lld", bulk);
	ck_assert_int_eq(count(sql), N);
	snprintf(sql, sizeof(sql), "SELECT count(DISTINCT e.sha256) FROM evidence e JOIN record r"
	    " ON r.id = e.record_id WHERE r.bulk_id = %lld", bulk);
	ck_assert_int_eq(count(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit a JOIN record r ON r.id = a.object_id"
	    " AND a.object_type = 'record' WHERE r.bulk_id = %lld AND a.action = 'record_submit'", bulk);
	ck_assert_int_eq(count(sql), N);
	ck_assert_int_eq(count(audit_q), before_a + N);
	/* the page lists it */
	{
		char path[64];
		xmlDocPtr d;
		long st;
		snprintf(path, sizeof(path), "/school/bulk?done=%lld", bulk);
		d = get_xml(cl, &srv, path, &st);
		ck_assert_int_eq(st, 200);
		snprintf(sql, sizeof(sql), "/page/bulk/past/registration[@id=%lld]/@records", bulk);
		ck_assert_int_eq(xpath_long(d, sql), N);
		xmlFreeDoc(d);
	}
	free(token);
	client_free(cl);
}
END_TEST

START_TEST(test_pasted_list_with_unknown_line_saves_nothing)
{
	struct client *cl = client_new();
	static char tys[N][24];
	char item[24], *token, *v;
	const char *list = "BULK0001\nNOSUCH99\r\nBULK0002\n";
	struct upload up = { "evidence", "名单.png", "image/png", test_png, test_png_len };
	struct reply r;
	xmlDocPtr d;
	long long before = count(records_q);

	snprintf(item, sizeof(item), "%lld", item_id("djxx"));
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	token = csrf_token(cl, &srv);
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk?format=xml",
	    fields_for(token, item, list, tys, 0), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 422);
	d = reply_xml(&r);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page/list-problems/problem)"), 1);
	ck_assert_int_eq(xpath_long(d, "/page/list-problems/problem/@line"), 2);
	v = xpath_string(d, "/page/list-problems/problem/@code");
	ck_assert_str_eq(v, "bulk_unknown_teacher");
	free(v);
	v = xpath_string(d, "/page/form/value[@name='organiser']");
	ck_assert_str_eq(v, "五通桥区教师发展中心");
	free(v);
	/* as typed, trimmed as the core echoes every declared field */
	v = xpath_string(d, "/page/form/value[@name='staff_nos']");
	ck_assert_int_eq(strlen(v), strlen(list) - 1);
	ck_assert_int_eq(strncmp(v, list, strlen(list) - 1), 0);
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(count(records_q), before);
	/* the same in HTML speaks Chinese */
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk",
	    fields_for(token, item, list, tys, 0), &up, 1, &r), 0);
	ck_assert(reply_contains(&r, "本校本学年名册中没有这个工号"));
	reply_free(&r);
	/* nobody chosen */
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk?format=xml",
	    fields_for(token, item, NULL, tys, 0), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "bulk_no_teachers"));
	reply_free(&r);
	ck_assert_int_eq(count(records_q), before);
	free(token);
	client_free(cl);
}
END_TEST

/* A list file (as a school admin saves a column from Excel) with its header row. */
START_TEST(test_list_file)
{
	struct client *cl = client_new();
	static char tys[N][24];
	static const char csv[] = "\xEF\xBB\xBF工号\r\nBULK0003\r\nBULK0004\r\nBULK0005\r\n";
	char item[24], *token, *loc, sql[200];
	struct upload up[2] = {
		{ "evidence", "x.png", "image/png", test_png, test_png_len },
		{ "list_file", "名单.csv", "text/csv", csv, sizeof(csv) - 1 },
	};
	struct reply r;
	long long bulk;

	snprintf(item, sizeof(item), "%lld", item_id("djxx"));
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	token = csrf_token(cl, &srv);
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk",
	    fields_for(token, item, NULL, tys, 0), up, 2, &r), 0);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	ck_assert_ptr_nonnull(loc);
	bulk = atoll(strstr(loc, "done=") + 5);
	free(loc);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN teacher t ON t.id = ty.teacher_id WHERE r.bulk_id = %lld AND t.staff_no IN"
	    " ('BULK0003', 'BULK0004', 'BULK0005')", bulk);
	ck_assert_int_eq(count(sql), 3);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE bulk_id = %lld", bulk);
	ck_assert_int_eq(count(sql), 3);
	free(token);
	client_free(cl);
}
END_TEST

/*
 * Both lists with a header row, each problem named by its source and line:
 * the box's line and the file's row as Excel shows it.
 */
START_TEST(test_list_headers_and_lines_by_source)
{
	struct client *cl = client_new();
	static char tys[N][24];
	static const char csv[] = "\xEF\xBB\xBF身份证号码\r\nBULK0006\r\nNOSUCH77\r\n";
	const char *list = "教师工号\nBULK0007\nNOSUCH88\n";
	char item[24], *token, *v;
	struct upload up[2] = {
		{ "evidence", "x.png", "image/png", test_png, test_png_len },
		{ "list_file", "名单.csv", "text/csv", csv, sizeof(csv) - 1 },
	};
	struct reply r;
	xmlDocPtr d;
	long long before = count(records_q);

	snprintf(item, sizeof(item), "%lld", item_id("djxx"));
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	token = csrf_token(cl, &srv);
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk?format=xml",
	    fields_for(token, item, list, tys, 0), up, 2, &r), 0);
	ck_assert_int_eq(r.status, 422);
	d = reply_xml(&r);
	ck_assert_int_eq(xpath_long(d, "count(/page/list-problems/problem)"), 2);
	ck_assert_int_eq(xpath_long(d, "/page/list-problems/problem[@source='box']/@line"), 3);
	ck_assert_int_eq(xpath_long(d, "/page/list-problems/problem[@source='file']/@line"), 3);
	v = xpath_string(d, "/page/list-problems/problem[@source='file']/@value");
	ck_assert_str_eq(v, "NOSUCH77");
	free(v);
	/* the box keeps what was typed, not the file's rows */
	/* as typed, trimmed as the core echoes every declared field */
	v = xpath_string(d, "/page/form/value[@name='staff_nos']");
	ck_assert_int_eq(strlen(v), strlen(list) - 1);
	ck_assert_int_eq(strncmp(v, list, strlen(list) - 1), 0);
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/bulk",
	    fields_for(token, item, list, tys, 0), up, 2, &r), 0);
	ck_assert(reply_contains(&r, "粘贴的名单第 3 行（NOSUCH88）"));
	ck_assert(reply_contains(&r, "名单文件第 3 行（NOSUCH77）"));
	reply_free(&r);
	ck_assert_int_eq(count(records_q), before);
	free(token);
	client_free(cl);
}
END_TEST

START_TEST(test_leader_and_other_school_cannot)
{
	struct client *leader = client_new(), *other = client_new();
	static char tys[N][24];
	char item[24], *token;
	struct upload up = { "evidence", "x.png", "image/png", test_png, test_png_len };
	struct reply r;
	long long before = count(records_q);

	snprintf(item, sizeof(item), "%lld", item_id("djxx"));
	ck_assert_int_eq(login_as(leader, &srv, "wtq-zg-leader", DEMO_PW), 303);
	token = csrf_token(leader, &srv);
	ck_assert_int_eq(client_post_multipart(leader, &srv, "/school/bulk",
	    fields_for(token, item, NULL, tys, 1), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	free(token);
	/* wtq-nh's admin ticks wtq-zg's teachers: not theirs */
	ck_assert_int_eq(login_as(other, &srv, "wtq-nh-admin", DEMO_PW), 303);
	token = csrf_token(other, &srv);
	ck_assert_int_eq(client_post_multipart(other, &srv, "/school/bulk",
	    fields_for(token, item, NULL, tys, 1), &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	free(token);
	ck_assert_int_eq(count(records_q), before);
	client_free(leader);
	client_free(other);
}
END_TEST

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
	add_teachers();
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

int
main(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_two_hundred_teachers_in_one_transaction);
	tcase_add_test(tc, test_pasted_list_with_unknown_line_saves_nothing);
	tcase_add_test(tc, test_list_file);
	tcase_add_test(tc, test_list_headers_and_lines_by_source);
	tcase_add_test(tc, test_leader_and_other_school_cannot);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
