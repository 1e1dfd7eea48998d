/*
 * test_export.c - the school's Excel files and the 学习强国 points table,
 * as a school admin uses them: the summary table downloaded as .xlsx and
 * CSV and read back (Chinese headers from the string table, one row per
 * teacher, each teacher's total equal to GET /school/summary?format=xml);
 * quarter totals typed for several teachers and saved at once, the hours
 * read back in the page's XML and in the points .xlsx; a bad value keeps
 * what was typed and saves nothing; the leader cannot post.
 */
#include "common.h"
#include "../unit/xlsx_peek.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;
static xmlDocPtr strings;

static void
setup(void)
{
	char path[1024];

	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(path, sizeof(path), "%s/xsl/strings.zh-CN.xml", env_srcdir());
	strings = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (strings == NULL || server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	xmlFreeDoc(strings);
	curl_global_cleanup();
}

/* The string table's text for key (a new string). */
static char *
str(const char *key)
{
	char expr[200];
	char *v;

	snprintf(expr, sizeof(expr), "string(/strings/s[@k='%s'])", key);
	v = xpath_string(strings, expr);
	ck_assert_msg(*v != '\0', "no string %s", key);
	return v;
}

static struct client *
logged_in(const char *login)
{
	struct client *cl = client_new();

	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

static void
get(struct client *cl, const char *path, struct reply *r)
{
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, r), 0);
}

/* A count from the server's database (srv_int: -1 is an error, a failure here). */
static long
db_count(const char *sql)
{
	long long n = srv_int(&srv, sql);

	ck_assert_msg(n >= 0, "%s failed", sql);
	return (long)n;
}

static void
check_file_headers(const struct reply *r, const char *type, const char *ext)
{
	char *h = reply_header(r, "Content-Type");
	char want[64];

	ck_assert_ptr_nonnull(h);
	ck_assert_msg(strncmp(h, type, strlen(type)) == 0, "content type %s", h);
	free(h);
	h = reply_header(r, "Content-Disposition");
	ck_assert_ptr_nonnull(h);
	ck_assert_msg(strncmp(h, "attachment;", 11) == 0, "disposition %s", h);
	ck_assert_ptr_nonnull(strstr(h, "filename*=UTF-8''%E"));  /* a Chinese name, encoded */
	snprintf(want, sizeof(want), ".%s", ext);
	ck_assert_ptr_nonnull(strstr(h, want));
	free(h);
	h = reply_header(r, "Cache-Control");
	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_nonnull(strstr(h, "private"));
	free(h);
}

static const char *const summary_keys[] = {
	"export.summary.col.no", "export.summary.col.name", "export.summary.col.staff-no",
	"export.summary.col.category", "export.summary.col.status",
	"export.summary.col.total", "export.summary.col.pending",
	"export.summary.col.normative", "export.summary.col.required",
	"export.summary.col.result"
};
#define NSUM (sizeof(summary_keys) / sizeof(summary_keys[0]))

START_TEST(test_summary_xlsx_and_csv)
{
	struct client *admin = logged_in("wtq-sx-admin"), *leader = logged_in("wtq-sx-leader");
	xmlDocPtr doc;
	long status, n;
	struct reply r;
	struct xlsx_peek x;
	char k, expr[200];

	doc = get_xml(admin, &srv, "/school/summary", &status);
	ck_assert_int_eq(status, 200);
	n = xpath_long(doc, "count(/page/school/teachers/teacher)");
	ck_assert_int_gt(n, 5);
	/* Some teacher has confirmed hours, so the comparison below means something. */
	ck_assert_int_gt(xpath_long(doc, "count(/page/school/teachers/teacher[result/@confirmed-tenths > 0])"), 0);

	get(admin, "/school/summary.xlsx", &r);
	ck_assert_int_eq(r.status, 200);
	check_file_headers(&r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
	ck_assert_int_eq(xlsx_peek(r.body, r.len, &x), 0);
	/* Title, header, one row per teacher, the totals row. */
	ck_assert_uint_eq(x.nrows, (size_t)n + 3);
	ck_assert_int_eq(x.frozen_rows, 2);
	ck_assert_ptr_nonnull(strstr(xlsx_peek_cell(&x, 0, 0, NULL), "\xE6\xB1\x87\xE6\x80\xBB")); /* 汇总 */
	for (size_t c = 0; c < NSUM; c++) {
		char *want = str(summary_keys[c]);
		ck_assert_str_eq(xlsx_peek_cell(&x, 1, c, &k), want);
		ck_assert_int_eq(k, 's');
		free(want);
	}
	for (long i = 0; i < n; i++) {
		const char *staff = xlsx_peek_cell(&x, 2 + (size_t)i, 2, NULL);
		char *name;
		long total, normative;
		snprintf(expr, sizeof(expr), "/page/school/teachers/teacher[%ld]", i + 1);
		{
			char e2[300];
			snprintf(e2, sizeof(e2), "string(%s/@staff-no)", expr);
			char *want = xpath_string(doc, e2);
			ck_assert_str_eq(staff, want);
			free(want);
			snprintf(e2, sizeof(e2), "string(%s/name)", expr);
			name = xpath_string(doc, e2);
			ck_assert_str_eq(xlsx_peek_cell(&x, 2 + (size_t)i, 1, NULL), name);
			free(name);
			snprintf(e2, sizeof(e2), "%s/result/@confirmed-tenths", expr);
			total = xpath_long(doc, e2);
			snprintf(e2, sizeof(e2), "%s/result/@normative-confirmed-tenths", expr);
			normative = xpath_long(doc, e2);
		}
		ck_assert_int_ge(total, 0);
		ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, 2 + (size_t)i, 5, &k)), total / 10.0, 1e-9);
		ck_assert_int_eq(k, 'n');
		ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, 2 + (size_t)i, 7, &k)), normative / 10.0, 1e-9);
		ck_assert_int_eq(k, 'n');
	}
	{
		char *totals = str("export.summary.totals");
		ck_assert_str_eq(xlsx_peek_cell(&x, 2 + (size_t)n, 1, NULL), totals);
		free(totals);
	}
	xlsx_peek_free(&x);
	reply_free(&r);

	/* The CSV: BOM, CRLF, the same headers and totals. */
	get(leader, "/school/summary.csv", &r);
	ck_assert_int_eq(r.status, 200);
	check_file_headers(&r, "text/csv", "csv");
	ck_assert_int_eq(memcmp(r.body, "\xEF\xBB\xBF", 3), 0);
	{
		char *line = r.body + 3, *end;
		char header[1024] = "";
		long row = 0;
		for (size_t c = 0; c < NSUM; c++) {
			char *h = str(summary_keys[c]);
			if (c)
				strcat(header, ",");
			strcat(header, h);
			free(h);
		}
		end = strstr(line, "\r\n");
		ck_assert_ptr_nonnull(end);
		ck_assert_int_eq((int)(end - line), (int)strlen(header));
		ck_assert_int_eq(strncmp(line, header, strlen(header)), 0);
		line = end + 2;
		while (row < n && (end = strstr(line, "\r\n")) != NULL) {
			char cells[NSUM][128], want[64], e2[300];
			size_t c = 0;
			const char *p = line;
			memset(cells, 0, sizeof(cells));
			while (p < end && c < NSUM) {
				const char *q = memchr(p, ',', (size_t)(end - p));
				size_t len = (size_t)((q ? q : end) - p);
				snprintf(cells[c++], sizeof(cells[0]), "%.*s", (int)len, p);
				p = q ? q + 1 : end;
			}
			ck_assert_uint_eq(c, NSUM);
			snprintf(e2, sizeof(e2), "string(/page/school/teachers/teacher[%ld]/@staff-no)", row + 1);
			{
				char *staff = xpath_string(doc, e2);
				ck_assert_str_eq(cells[2], staff);
				free(staff);
			}
			snprintf(e2, sizeof(e2), "/page/school/teachers/teacher[%ld]/result/@confirmed-tenths", row + 1);
			snprintf(want, sizeof(want), "%ld.%ld", xpath_long(doc, e2) / 10, xpath_long(doc, e2) % 10);
			ck_assert_str_eq(cells[5], want);
			line = end + 2;
			row++;
		}
		ck_assert_int_eq(row, n);
	}
	reply_free(&r);
	xmlFreeDoc(doc);
	client_free(admin);
	client_free(leader);
}
END_TEST

/* The teacher-year of the k-th (1-based) teacher matching pred in the points XML. */
static long
pick(xmlDocPtr doc, const char *pred, int k)
{
	char expr[300];

	snprintf(expr, sizeof(expr), "(/page/points/teachers/teacher[%s])[%d]/@teacher-year", pred, k);
	return xpath_long(doc, expr);
}

static long
hours_of(xmlDocPtr doc, long ty)
{
	char expr[200];

	snprintf(expr, sizeof(expr), "/page/points/teachers/teacher[@teacher-year=%ld]/@hours-tenths", ty);
	return xpath_long(doc, expr);
}

static char *
teacher_attr(xmlDocPtr doc, long ty, const char *what)
{
	char expr[200];

	snprintf(expr, sizeof(expr), "string(/page/points/teachers/teacher[@teacher-year=%ld]/%s)", ty, what);
	return xpath_string(doc, expr);
}

/* wtq-sx's year is confirmed by the district: its table is read-only. */
/* The school's records, every state, one line each (the leader reads them too). */
START_TEST(test_records_export)
{
	struct client *leader = logged_in("wtq-sx-leader");
	long records = db_count("SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-sx'");
	long drafts = db_count("SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-sx' AND r.state = 'draft'");
	struct reply r;
	long lines = 0, draft_lines = 0;

	ck_assert_int_gt(records, 10);
	get(leader, "/school/records.csv", &r);
	ck_assert_int_eq(r.status, 200);
	for (const char *p = r.body; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	for (const char *p = r.body; (p = strstr(p, ",草稿\r\n")) != NULL; p += 2)
		draft_lines++;
	ck_assert_int_eq(lines, records + 1);   /* the header and every record */
	ck_assert_int_eq(draft_lines, drafts);
	ck_assert(strstr(r.body, "姓名,工号,项目分类,项目,开始日期,结束日期,申报学时,状态") != NULL);
	reply_free(&r);
	get(leader, "/school/records.xlsx", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert(r.len > 4 && memcmp(r.body, "PK", 2) == 0);
	reply_free(&r);
	client_free(leader);
}
END_TEST

START_TEST(test_points_year_locked)
{
	struct client *admin = logged_in("wtq-sx-admin");
	xmlDocPtr doc;
	long status, ty, records = db_count("SELECT count(*) FROM record");
	char fields[200], *s;
	struct reply r;

	doc = get_xml(admin, &srv, "/school/points", &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(doc, "string(/page/points/@editable)");
	ck_assert_str_eq(s, "no");
	free(s);
	ty = pick(doc, "not(@record)", 1);
	ck_assert_int_gt(ty, 0);
	xmlFreeDoc(doc);
	snprintf(fields, sizeof(fields), "q1-%ld=20000", ty);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points?format=xml", fields, &r), 409);
	doc = reply_xml(&r);
	s = xpath_string(doc, "string(/page/refused/@code)");
	ck_assert_str_eq(s, "year_locked");
	free(s);
	xmlFreeDoc(doc);
	reply_free(&r);
	ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records);
	client_free(admin);
}
END_TEST

/* wuhua's catalogue has no 学习强国 item: the page says so, nothing can be posted. */
START_TEST(test_points_no_item)
{
	struct client *admin = logged_in("wh-hy-admin");
	xmlDocPtr doc;
	long status;
	char *s;
	struct reply r;

	doc = get_xml(admin, &srv, "/school/points", &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(doc, "string(/page/points/@item)");
	ck_assert_str_eq(s, "none");
	free(s);
	ck_assert_int_eq(xpath_long(doc, "count(/page/points/teachers)"), 0);
	xmlFreeDoc(doc);
	get(admin, "/school/points", &r);
	ck_assert_int_eq(r.status, 200);
	s = str("points.no-item");
	ck_assert(reply_contains(&r, s));
	free(s);
	reply_free(&r);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points?format=xml", "q1-1=20000", &r), 409);
	doc = reply_xml(&r);
	s = xpath_string(doc, "string(/page/refused/@code)");
	ck_assert_str_eq(s, "no_points_item");
	free(s);
	xmlFreeDoc(doc);
	reply_free(&r);
	get(admin, "/school/points.xlsx", &r);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	/* The summary exports work for every district. */
	get(admin, "/school/summary.csv", &r);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	client_free(admin);
}
END_TEST

/* wtq-zg's year is open: the admin types and saves. */
START_TEST(test_points_table)
{
	struct client *admin = logged_in("wtq-zg-admin"), *leader = logged_in("wtq-zg-leader");
	xmlDocPtr doc;
	long status, a, b, locked, audits, records, fresh;
	char fields[1024], *s, *state_a;
	struct reply r;
	struct xlsx_peek x;

	doc = get_xml(admin, &srv, "/school/points", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_gt(xpath_long(doc, "count(/page/points/item)"), 0);
	/* Teachers whose points the table may change: no record, a draft or a returned one. */
	a = pick(doc, "@editable = 'yes'", 1);
	b = pick(doc, "@editable = 'yes'", 2);
	locked = pick(doc, "@editable = 'no'", 1);
	ck_assert_int_gt(a, 0);
	ck_assert_int_gt(b, 0);
	ck_assert_int_gt(locked, 0);
	{
		char expr[200];
		snprintf(expr, sizeof(expr), "count(/page/points/teachers/teacher[(@teacher-year = %ld"
		    " or @teacher-year = %ld) and not(@record)])", a, b);
		fresh = xpath_long(doc, expr);
	}
	state_a = teacher_attr(doc, a, "@state");
	if (*state_a == '\0') {
		free(state_a);
		state_a = strdup("draft");
	}
	xmlFreeDoc(doc);
	audits = db_count("SELECT count(*) FROM audit WHERE action LIKE 'points_%'");
	records = db_count("SELECT count(*) FROM record");

	/* The leader reads, never posts. */
	snprintf(fields, sizeof(fields), "q1-%ld=20000", a);
	ck_assert_int_eq(post_form(leader, &srv, "/school/points", fields, NULL), 404);
	ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records);

	/* Bad values: not a number, decreasing, over the maximum; nothing saved. */
	snprintf(fields, sizeof(fields),
	    "q1-%ld=19000&q2-%ld=abc&q1-%ld=25000&q2-%ld=24000", a, a, b, b);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points?format=xml", fields, &r), 422);
	doc = reply_xml(&r);
	ck_assert_ptr_nonnull(doc);
	s = teacher_attr(doc, a, "error/@code");
	ck_assert_str_eq(s, "points_not_number");
	free(s);
	s = teacher_attr(doc, a, "quarter[@n=2]/@typed");
	ck_assert_str_eq(s, "abc");
	free(s);
	s = teacher_attr(doc, a, "quarter[@n=1]/@typed");
	ck_assert_str_eq(s, "19000");
	free(s);
	s = teacher_attr(doc, b, "error/@code");
	ck_assert_str_eq(s, "points_decreasing");
	free(s);
	xmlFreeDoc(doc);
	reply_free(&r);
	/* The page itself: the reason in Chinese, the typed value kept in the field. */
	ck_assert_int_eq(post_form(admin, &srv, "/school/points", fields, &r), 422);
	s = str("points.error.points_not_number");
	ck_assert(reply_contains(&r, s));
	free(s);
	{
		char want[64];
		snprintf(want, sizeof(want), "name=\"q2-%ld\" value=\"abc\"", a);
		ck_assert_msg(reply_contains(&r, want), "typed value not kept");
	}
	reply_free(&r);
	snprintf(fields, sizeof(fields), "q1-%ld=20000&q1-%ld=99999999999", a, b);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points?format=xml", fields, &r), 422);
	doc = reply_xml(&r);
	s = teacher_attr(doc, b, "error/@code");
	ck_assert_str_eq(s, "points_out_of_range");
	free(s);
	xmlFreeDoc(doc);
	reply_free(&r);
	ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE action LIKE 'points_%'"), audits);

	/* A record already handed in cannot be changed from the table. */
	{
		snprintf(fields, sizeof(fields), "q1-%ld=20000&q4-%ld=99999", a, locked);
		ck_assert_int_eq(post_form(admin, &srv, "/school/points?format=xml", fields, &r), 422);
		doc = reply_xml(&r);
		s = teacher_attr(doc, locked, "error/@code");
		ck_assert_str_eq(s, "points_locked");
		free(s);
		xmlFreeDoc(doc);
		reply_free(&r);
		ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records);
	}

	/*
	 * Two teachers at once. a: gains 1000, 2500, 500, 2000 over the base
	 * 18000: two qualifying quarters, 10 h. b: four quarters of 2000: 20 h,
	 * the year's maximum.
	 */
	snprintf(fields, sizeof(fields),
	    "q1-%ld=19000&q2-%ld=21500&q3-%ld=22000&q4-%ld=24000"
	    "&q1-%ld=20000&q2-%ld=22000&q3-%ld=24000&q4-%ld=26000", a, a, a, a, b, b, b, b);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points", fields, NULL), 303);
	ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records + fresh);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE action LIKE 'points_%'"), audits + 2);
	doc = get_xml(admin, &srv, "/school/points", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(hours_of(doc, a), 100);
	ck_assert_int_eq(hours_of(doc, b), 200);
	/* A new record is a draft; a returned one stays returned, to be handed in again. */
	s = teacher_attr(doc, a, "@state");
	ck_assert_str_eq(s, state_a);
	free(s);
	free(state_a);
	s = teacher_attr(doc, a, "quarter[@n=2]/@gain");
	ck_assert_str_eq(s, "2500");
	free(s);
	xmlFreeDoc(doc);

	/* Changing one teacher's total updates the record, the other stays. */
	snprintf(fields, sizeof(fields), "q1-%ld=19000&q2-%ld=21500&q3-%ld=23500&q4-%ld=25500",
	    a, a, a, a);
	ck_assert_int_eq(post_form(admin, &srv, "/school/points", fields, NULL), 303);
	ck_assert_int_eq(db_count("SELECT count(*) FROM record"), records + fresh);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE action LIKE 'points_%'"), audits + 3);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE action = 'points_update'"), 3 - fresh);
	doc = get_xml(leader, &srv, "/school/points", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(hours_of(doc, a), 150);
	ck_assert_int_eq(hours_of(doc, b), 200);

	/* The points .xlsx holds the same hours, as numbers. */
	get(leader, "/school/points.xlsx", &r);
	ck_assert_int_eq(r.status, 200);
	check_file_headers(&r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
	ck_assert_int_eq(xlsx_peek(r.body, r.len, &x), 0);
	{
		char *h = str("export.points.col.hours"), *staff_a = teacher_attr(doc, a, "@staff-no"),
		    *staff_b = teacher_attr(doc, b, "@staff-no");
		int found = 0;
		char k;
		ck_assert_str_eq(xlsx_peek_cell(&x, 1, 11, NULL), h);
		for (size_t row = 2; row < x.nrows; row++) {
			const char *st = xlsx_peek_cell(&x, row, 2, NULL);
			if (strcmp(st, staff_a) == 0) {
				ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, row, 11, &k)), 15.0, 1e-9);
				ck_assert_int_eq(k, 'n');
				ck_assert_str_eq(xlsx_peek_cell(&x, row, 5, &k), "23500");
				ck_assert_int_eq(k, 'n');
				found++;
			}
			if (strcmp(st, staff_b) == 0) {
				ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, row, 11, NULL)), 20.0, 1e-9);
				found++;
			}
		}
		ck_assert_int_eq(found, 2);
		free(h);
		free(staff_a);
		free(staff_b);
	}
	xlsx_peek_free(&x);
	reply_free(&r);
	xmlFreeDoc(doc);

	/* The CSV and the printable form answer too. */
	get(admin, "/school/points.csv", &r);
	ck_assert_int_eq(r.status, 200);
	check_file_headers(&r, "text/csv", "csv");
	reply_free(&r);
	get(admin, "/school/points/print", &r);
	ck_assert_int_eq(r.status, 200);
	{
		char *title = str("points.print-title");
		ck_assert(reply_contains(&r, title));
		free(title);
	}
	reply_free(&r);
	client_free(admin);
	client_free(leader);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("school");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_summary_xlsx_and_csv);
	tcase_add_test(tc, test_points_table);
	tcase_add_test(tc, test_points_year_locked);
	tcase_add_test(tc, test_points_no_item);
	tcase_add_test(tc, test_records_export);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
